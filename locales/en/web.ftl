# What every area shares over HTTP: unreadable requests, forms, uploads, photos, countdowns.

web-nothing-here = There is nothing at this address.
# $detail: the parser's own explanation (technical, in English)
web-bad-json = The request body is not valid JSON for this call: { $detail }
web-bad-query = Invalid query parameters: { $detail }
web-nul-refused = Text may not contain the NUL character (U+0000).
web-bad-cursor = That page link is not valid; start again from the first page.
web-bad-limit = limit should be a number from 1 to 60.
web-rate-limited = Too many attempts from your network.

## A deadline's countdown (static/sprout.js keeps it ticking)

web-time-up = time is up
web-left-days = { $days } d { $hours } h left
web-left-hours = { $hours } h { $minutes } min left
web-left-minutes = { $minutes } min { $seconds } s left
web-left-seconds = { $seconds } s left

## Forms

csrf-refused = This form has expired or came from another site. Go back, reload the page and try again.
# $detail: the parser's own explanation (technical, in English)
form-unreadable = The form could not be read: { $detail }
form-parse-error = The form could not be read: Parse error: { $detail }.

## Uploads

# $what: one of the upload-… sentences below
upload-too-large = { $what } Please send less.
upload-too-many-parts = The form has more than { $count } parts.
upload-body-too-large = The form is larger than { $mb } MB in all.
upload-text-too-large = The form's text fields are longer than 256 KB in all.
upload-photo-too-large = Photo '{ $file }' is larger than 20 MB; please upload a smaller photo.
upload-field-too-long = The field '{ $field }' is too long.
upload-too-many-photos = { $count ->
    [one] At most { $count } photo can be uploaded at once.
   *[other] At most { $count } photos can be uploaded at once.
}
upload-interrupted = The upload was interrupted: { $detail }
upload-not-utf8 = The form sent text that is not valid UTF-8.

## A photo that cannot be used: "$photo $problem."

# $photo: which photo ("Your avatar photo", "Photo 2 ('beach.heic')"); $problem: one of photo-…
photo-invalid = { $photo } { $problem }.
photo-too-large = is larger than 20 MB; please upload a smaller photo
photo-not-an-image = is not a photo Sprout can read; please upload a JPEG, PNG, WebP or GIF
photo-too-many-pixels = is { $width }×{ $height } pixels, more than the 40 megapixels allowed; please upload a smaller photo
# $detail: the decoder's own explanation (technical, in English)
photo-damaged = could not be read: the file is damaged or incomplete ({ $detail })
