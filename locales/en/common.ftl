# The layout of every page, the error page, and the words every area shares.

site-tagline = real notes from real shoppers.
nav-main = Main
nav-explore = Explore
nav-following = Following
nav-cart = Cart
nav-orders = Orders
nav-moderation = Moderation
nav-notifications = Notifications
nav-unread = { $count } unread
nav-post = + Post
nav-log-out = Log out
nav-log-in = Log in
nav-sign-up = Sign up
nav-me = Me
search-label = Search
search-placeholder = Search notes, people, #tags
verify-email-notice = Please confirm your email address: we sent a link to { $email }.
footer-modlog = Moderation log
lang-switch = Language
lang-switch-go = Switch

likes-count = { $count ->
    [one] { $count } like
   *[other] { $count } likes
}

## Errors: the titles of the error page, and the messages every area shares

error-title-not-found = Not found
error-title-unauthorized = Please log in
error-title-forbidden = Not allowed
error-title-invalid = Please check your input
error-title-conflict = Already taken
error-title-sold-out = Sold out
error-title-too-large = Too large
error-title-rate-limited = Slow down
error-title-suspended = Account suspended
error-title-internal = Something went wrong
error-status = Error { $status }
error-back = Back to explore
error-internal = Something went wrong on our side. If it keeps happening, quote error id { $id }.
error-not-found = { $thing } was not found.
error-not-found-anything = That was not found.
error-rate-limited = { $what } Please try again in { $wait }.
wait-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
wait-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
wait-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}

## The things that may not be found

thing-action = That action
thing-appeal = That appeal
thing-blocked-word = That blocked word
thing-board = That board
thing-brand = That brand
thing-cart-line = That cart line
thing-comment = That comment
thing-conversation = That conversation
thing-deal = That deal
thing-entry = That entry
thing-group-buy = That group buy
thing-hashtag = That hashtag
thing-list = That list
thing-message = That message
thing-moderation-action = That moderation action
thing-note = That note
thing-order = That order
thing-phrase = That phrase
thing-pickup-point = That pickup point
thing-product = That product
thing-product-tag = That product tag
thing-team = That team
thing-user = That user

lang-unknown = Sprout speaks English (en) and Simplified Chinese (zh-CN).
nav-account = Your account
nav-skip = Skip to the content

## Times

time-just-now = just now
time-minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] yesterday
   *[other] { $count } days ago
}

## Time zones offered in forms
zone-asia-shanghai = China (Beijing time)
zone-asia-hong-kong = Hong Kong
zone-asia-taipei = Taipei
zone-asia-singapore = Singapore
zone-asia-tokyo = Tokyo
zone-asia-seoul = Seoul
zone-australia-sydney = Sydney
zone-europe-london = London
zone-europe-paris = Paris
zone-europe-berlin = Berlin
zone-america-new-york = New York
zone-america-chicago = Chicago
zone-america-los-angeles = Los Angeles
zone-america-vancouver = Vancouver
zone-utc = Coordinated Universal Time (UTC)
