# Search: the search page and what the search API refuses. (search-label and search-placeholder,
# the box at the top of every page, are in common.ftl.)

search-title = { $q } – search
search-page-placeholder = Search notes, people, #hashtags
search-sort = Sort
search-sort-relevance = Most relevant
search-sort-new = Newest
search-sort-likes = Most liked
search-within = Posted
search-within-any = any time
search-within-day = past day
search-within-week = past week
search-within-month = past month
search-within-year = past year
search-submit = Search
# $terms, $chars: the limits; $q: what was searched for instead.
search-shortened = Your search was long, so Sprout searched for its first { $terms } different words (at most { $chars } characters): “{ $q }”.
search-in = Search in
search-tab-notes = Notes
search-tab-people = People
search-tab-hashtags = Hashtags
search-tab-products = Products
search-tab-lists = Lists
# The query syntax, shown as code: #tag · from:username · "exact phrase" · -exclude
search-tips = Tips
search-tip-tag = tag
search-tip-username = username
search-tip-phrase = exact phrase
search-tip-exclude = exclude
search-product-count = { $count ->
    [one] { $count } product
   *[other] { $count } products
}
search-no-products = No product matches “{ $q }”.
search-list-count = { $count ->
    [one] { $count } list
   *[other] { $count } lists
}
search-no-lists = No top-ten list matches “{ $q }”.
search-list-by = { $count ->
    [one] by { $name } · { $count } pick
   *[other] by { $name } · { $count } picks
}
search-note-count = { $count ->
    [one] { $shown } note
   *[other] { $shown } notes
}
search-note-count-about = about { $shown } notes
search-empty-query = Type what you are looking for: a product, a brand, a #hashtag.
search-no-notes = No notes match “{ $q }”. Try fewer or other words.
search-no-users = Nobody by that name.
search-no-hashtags = No hashtag like that yet.
search-more = More results

## What the search API refuses

search-cursor-invalid = That page link is not valid; start again from the first page.
search-limit-invalid = limit should be a number from { $min } to { $max }.
search-type-empty = Leave type out, or use notes, users, hashtags, products or lists.
search-type-unknown = Unknown search type '{ $kind }'; use notes, users, hashtags, products or lists.
