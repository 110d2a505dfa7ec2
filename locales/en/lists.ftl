# Top-ten lists: the ranking page, the editor, and their messages.

## Messages

list-creator-only = Only the list's creator can change it.
list-note-address = Paste a note's address, like /notes/12, or its number.
list-order-every-entry = The new order must name every entry once.
list-cover-photo = The cover photo
list-title-length = A list's title needs 1 to 80 characters.
list-intro-too-long = An intro can have at most 1000 characters.
list-too-many-entries = A top-ten list has at most { $count } entries.
list-entry-reason-too-long = Entry { $rank }: a reason has at most { $count } characters.
list-entry-no-product = Entry { $rank }: product { $product } does not exist.
list-entry-no-note = Entry { $rank }: note { $note } does not exist.
list-entry-product-or-note = Entry { $rank }: give either a product_id or a note_id.
list-publish-empty = Add at least one entry before publishing.

## Deleting a list

list-delete-title = Delete { $title }?
list-delete-heading = Delete “{ $title }”?
list-delete-warning = The list and its { $count ->
        [one] { $count } entry goes
       *[other] { $count } entries go
    } for good; the products and notes stay.
list-delete-confirm = Yes, delete the list
list-delete-keep = Keep it

## A new list

list-new-title = New top-ten list
list-new-intro = Rank up to ten products or notes, each with a one-line reason. It stays a draft until you publish it.
list-field-title = Title
list-field-title-placeholder = My 10 summer essentials
list-field-intro = Intro
list-new-create = Create and add entries

## Editing a list

list-edit-title = Edit { $title }
# Around the list's title (a link): Edit “<title>”.
list-edit-heading-before = Edit “
list-edit-heading-after = ”
list-unpublish = Unpublish
list-publish = Publish
list-view = View
list-delete = Delete list
list-ranking-count = Ranking ({ $count } of { $max })
list-entry-note = note
list-entry-reason-label = Reason for number { $rank }
list-entry-reason-placeholder = Why it's here
list-entry-save = Save
list-entry-up = Move { $rank } up
list-entry-down = Move { $rank } down
list-entry-remove = Remove number { $rank }
list-add-entry = Add an entry
list-find-product = Find a product
list-find-placeholder = Find a product or brand
list-find = Find
list-product = Product
list-or-note = Or a note (its address or number)
list-reason = Reason
list-reason-placeholder = One line: why it's on your list
list-add-to-list = Add to the list
list-details = Title, intro and cover
list-field-cover = Cover photo
list-details-save = Save

## A list's page

list-status-draft = Draft
# After the heart and the number, for screen readers.
list-likes-hidden = { $count ->
        [one] like
       *[other] likes
    }
list-saved = Saved
list-save = Save
list-add-all = Add all { $count } to cart
list-log-in-to-react = log in to like, save or buy
list-edit = Edit
list-verified-brand = Verified brand
list-add-to-cart = Add to cart
list-note-by = a note by { $name }
list-no-entries = No entries yet.
list-report = Report this list
