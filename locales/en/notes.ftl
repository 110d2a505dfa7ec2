# Notes: posting, editing and deleting them, a note's page, comments, hashtags, the explore feed,
# the note and product cards, and the words of the page script (js-…).

## Posting and editing: what is refused

note-title-missing = Please give your note a title.
note-title-too-long = A title can have at most { $max } characters.
note-body-too-long = A note's text can have at most { $max } characters.
note-alt-too-long = Alt text can have at most { $max } characters per photo.
note-photos-missing = Add at least one photo to your note.
note-photos-too-many = A note can have at most { $max } photos.
# $number: the photo's place (1, 2, …); $file: its file name; $problem: what is wrong with it.
note-photo-invalid = Photo { $number } ('{ $file }') { $problem }.
note-order-item-invalid = order_item_id should be the number of one of your order items.
note-only-author = Only the author of a note can change or delete it.
# The form is shown again: $error says what was wrong.
note-form-error-kept = { $error } Your text is kept below; please choose your photos again.
# The title a review starts with.
note-review-title = My review: { $product }
hashtag-invalid = '{ $tag }' is not a valid hashtag: use letters, digits, _ or -, at most { $max } characters.
hashtag-too-many = A note can have at most { $max } hashtags.
feed-wrong-cursor = That page belongs to another ordering; start again from the first page.
tagging-forbidden = Only the note's author (or a brand's staff) can tag products in it.
tagging-choose-product = Choose a product to tag.

## Comments

comment-empty = Write something first.
comment-too-long = A comment can have at most { $max } characters.
comment-blocked = You can't comment on this note.
comment-parent-elsewhere = That comment is not on this note.
comment-delete-forbidden = Only the comment's author or the note's author can delete it.
comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
comment-label = Your comment
comment-placeholder = Say something nice…
comment-submit = Comment
# $link: "Log in" (comment-log-in-link), as a link.
comment-log-in = { $link } to comment.
comment-log-in-link = Log in
comment-reply = Reply
comment-reply-to = Reply to { $name }
comment-held = Waiting for review: only you and the moderators see it
comment-hidden = Hidden by moderators
comment-delete = Delete
comment-report = Report
comment-delete-title = Delete comment
comment-delete-heading = Delete this comment?
comment-delete-text = Its replies go with it. This cannot be undone.
comment-delete-yes = Yes, delete it
comment-delete-keep = Keep it

## A note's page

note-photos = Photos
photo-dots-label = Choose a photo
photo-dots-photo = Photo { $number }
note-tag-dot = Product: { $product }, { $price }
note-tag-card = Tagged product
note-tag-inactive = No longer sold
note-tag-sold-out = Sold out
note-tag-few-left = Only { $count } left
note-tag-in-stock = { $count } in stock
note-tag-add-to-cart = Add to cart
note-tag-log-in-to-buy = Log in to buy
note-tag-product-page = Product page
note-tag-close = Close
note-held-author = Waiting for review: this note contains a word on Sprout's blocked list, so only you and the moderators can see it until a moderator publishes it.
note-held-other = Waiting for review: this note contains a word on Sprout's blocked list, so only you, its author, and the moderators can see it until a moderator publishes it.
note-hidden-author = Hidden by Sprout's moderators. Only you and the moderators can see it.
note-hidden-author-reason = Hidden by Sprout's moderators: { $reason }. Only you and the moderators can see it.
note-hidden-other = Hidden by Sprout's moderators. Only its author and the moderators can see it.
note-hidden-other-reason = Hidden by Sprout's moderators: { $reason }. Only its author and the moderators can see it.
note-appeal = Appeal
note-brand-badge-title = Posting for a verified brand
note-sponsored-title = The author earns from, or works for the brand of, a product tagged here
note-verified-title = Written by someone who bought the product on Sprout
note-tagged-products = Products in this note
note-edited = edited
note-report = Report
note-likes-word = likes
note-save = Save
note-saved = Saved
note-likes-log-in = likes; log in to like
note-saves-log-in = saves; log in to save
note-pending-title = Brands want to tag their products
note-pending-by = by { $brand }, photo { $number }
note-pending-approve = Approve
note-pending-remove = Remove
note-tag-products = Tag products
note-edit = Edit
note-delete = Delete

## Deleting a note

note-delete-title = Delete note
note-delete-heading = Delete “{ $title }”?
note-delete-text = This removes the note, its photos and its hashtags for everyone. It cannot be undone.
note-delete-yes = Yes, delete it
note-delete-keep = Keep it

## The note form

note-form-new-title = New note
note-form-edit-title = Edit note
note-form-review-heading = Write a review
note-form-title = Title
note-form-text = Text
note-form-hashtags = Hashtags
note-form-hashtags-placeholder = skincare sunscreen
note-form-alt-legend = Describe each photo (alt text)
note-form-photo = Photo { $number }
note-form-save = Save changes
note-form-cancel = Cancel
# $product: the product's name, in bold; $badge: the "✓ Verified purchase" badge.
note-form-reviewing = Reviewing { $product }. It is tagged on your first photo, and your note carries a { $badge } badge.
note-form-tag-later = After posting you can tag products on your photos.
note-form-photos = Photos (1–9; JPEG, PNG, WebP or GIF, up to 20 MB each)
note-form-alt-lines = Describe your photos for people who cannot see them (one line per photo, in order)
note-form-text-placeholder = What did you buy, and how is it? Add #hashtags anywhere.
note-form-post = Post note

## Explore, hashtag pages, the grid of notes

explore-order = Order
explore-hot = Hot
explore-new = New
explore-top-week = Top this week
explore-how = How is this ordered?
tag-count = { $count ->
    [one] { $count } note · hottest first
   *[other] { $count } notes · hottest first
}
tag-related = Related hashtags
feed-empty = No notes here yet.
feed-more = More notes

## Cards (notes and products)

card-sponsored = Sponsored
card-held = Waiting for review
card-hidden = Hidden by moderators
card-verified-purchase = Verified purchase
card-verified-brand = Verified brand

## How explore is ordered (/about/ranking)

ranking-title = How explore is ordered
ranking-intro = No black box: this is the whole formula.
ranking-hot-title = Hot (the default)
ranking-hot-text = Each note gets a score when it is posted, and a new one whenever it is liked, saved or commented on. Ten times more engagement counts as much as being posted 12.5 hours later, so a note has to keep earning attention to stay near the top, and a brand-new note always gets its chance. Saves count twice and comments three times a like, because they take more than a tap. Nothing else goes in: not who you are, not who paid.
ranking-new-title = New
ranking-new-text = Newest first, nothing else.
ranking-top-title = Top this week
ranking-top-text = Notes from the past seven days with the most likes first.
ranking-search-title = Search
ranking-search-text = Search results are ordered by how well the words match (BM25, with a match in the title counting twice a match in the text), unless you choose newest or most liked.
ranking-back = Back to explore

## The page script (static/sprout.js): put in data-i18n-… attributes; { $n } and the like are
## filled in by the script.

js-too-many-photos = Choose at most 9 photos.
js-describe-photo = Describe photo { $n }
js-alt-photo = Alt text for photo { $n }
js-loading = Loading…
js-no-products = No products match.
