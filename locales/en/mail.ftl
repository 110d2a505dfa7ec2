# Sprout's emails: subjects, and the words of their plain-text and HTML parts.
# $order: an order number (e.g. 7); $brand, $product, $point: names; $url: a link.

mail-hi = Hi { $name },

## Subjects

mail-welcome-subject = Welcome to Sprout: please confirm your email
mail-reset-subject = Reset your Sprout password
mail-order-subject = Your Sprout order #{ $order } from { $brand }
mail-delivered-subject = How was it? Your order #{ $order } was delivered
mail-shipped-subject = Your order #{ $order } is on its way
mail-cancelled-subject = Your order #{ $order } was cancelled
mail-digest-subject = Your Sprout digest: { $count } new
mail-suspension-subject = Your Sprout account is suspended
mail-team-made-subject = Your team made it: { $product } for { $price }
mail-team-failed-subject = Your team for { $product } did not fill
mail-messages-subject = { $from } wrote to you on Sprout
mail-run-on-subject = Your group buy at { $point } is on
mail-run-off-subject = Your group buy at { $point } did not reach its minimum
mail-run-confirmed-subject = Group buy at { $point } confirmed: your pick list
mail-run-cancelled-subject = Group buy at { $point } cancelled
mail-point-approved-subject = Your pickup point { $point } is approved
mail-point-declined-subject = Your pickup point { $point } was not approved

## Welcome: confirm the email address

mail-welcome-intro = Welcome to Sprout! Please confirm that this is your email address:
mail-welcome-link = Confirm your email address
mail-welcome-expiry = The link works for 7 days. If you did not sign up, ignore this email.

## A password-reset link

mail-reset-intro = Someone (hopefully you) asked to reset your Sprout password. Choose a new one here:
mail-reset-link = Choose a new password
mail-reset-expiry = The link works once, for one hour. If you did not ask, ignore this email: your password stays as it is.

## An order, and what happens to it

mail-order-thanks = Thank you for your order #{ $order } from { $brand }:
# $payment: mail-pay-on-collection or mail-pay-on-delivery
mail-order-total = Total: { $total } ({ $payment })
# In the HTML part the total is in bold between these two: "Total: <strong>¥9.00</strong> (pay on delivery)"
mail-order-total-label = Total:
mail-order-payment = ({ $payment })
mail-pay-on-collection = pay on collection
mail-pay-on-delivery = pay on delivery
# Followed by the pickup point's or the buyer's name and address
mail-order-pickup = A group buy: if it reaches its minimum by the cut-off, collect it at:
mail-order-delivery = Delivering to:
mail-order-follow-url = Follow it here: { $url }
mail-order-follow = Follow it here:
mail-order-follow-link = your order #{ $order }
mail-your-order-url = Your order: { $url }
mail-your-order = Your order:
mail-order-number = order #{ $order }
mail-delivered = Your order #{ $order } from { $brand } was delivered. How was it?
mail-delivered-review = Write a review note; it carries a verified-purchase badge and the product is already tagged:
mail-review-link = Review { $product }
mail-shipped = { $brand } shipped your order #{ $order }.
mail-cancelled = { $brand } cancelled your order #{ $order }; nothing will be charged.

## The daily digest

mail-digest-intro = Here is what happened on Sprout since your last digest:
mail-digest-see-all-url = See everything: { $url }
mail-digest-see-all = See everything
mail-digest-footer-text = You get this because you asked for a daily digest. Unsubscribe with one click:
# The HTML footer: "{why} <a>{unsubscribe}</a>{end}"
mail-digest-why = You get this because you asked for a daily digest.
mail-digest-unsubscribe = Unsubscribe with one click
mail-digest-unsubscribe-end = .

## A suspension

mail-suspension-reason = The moderators' reason: { $reason }
mail-suspension-appeal-text = If you think this is a mistake, log in at { $url } to appeal, once, in your own words.
# The HTML part: "{before} <a>{link}</a> {after}"
mail-suspension-appeal-before = If you think this is a mistake,
mail-suspension-appeal-link = log in
mail-suspension-appeal-after = to appeal, once, in your own words.

## A group-buy team settled

mail-team-made = { $size ->
    [one] { $size } person joined your team, so everyone pays the team price of { $price }. Your order #{ $order } is confirmed.
   *[other] { $size } people joined your team, so everyone pays the team price of { $price }. Your order #{ $order } is confirmed.
}
mail-team-failed = Time ran out before enough people joined. Your order #{ $order } is cancelled and nothing is charged.
mail-team-url = The team: { $url }
mail-team = The team:
mail-team-link = your team for { $product }
mail-messages-intro = { $from } wrote to you, and you have not read it yet:
mail-messages-more = …and { $count ->
        [one] { $count } more message
       *[other] { $count } more messages
    }.
mail-messages-url = Read and answer: { $url }
mail-messages-link = Read and answer
mail-messages-why = You get this mail when a message waits unread; choose how soon (or never) in your settings. At most one mail a conversation an hour.

## A community group buy closed: to a buyer

# $line: the pickup point's name, address and opening hours
mail-run-on = The group buy reached its minimum, so your order #{ $order } from { $brand } is confirmed. Collect it at { $line } once the leader tells you it has arrived.
mail-run-off = { $min ->
    [one] The group buy at { $point } closed with { $orders } of the { $min } order it needed, so your order #{ $order } from { $brand } is cancelled and nothing is charged.
   *[other] The group buy at { $point } closed with { $orders } of the { $min } orders it needed, so your order #{ $order } from { $brand } is cancelled and nothing is charged.
}

## A community group buy closed: to its pickup point's leader and the brand

mail-run-closed-on = { $orders ->
    [one] The { $brand } group buy at { $point } closed with { $orders } order (the minimum was { $min }) and is confirmed.
   *[other] The { $brand } group buy at { $point } closed with { $orders } orders (the minimum was { $min }) and is confirmed.
}
mail-run-closed-off = { $min ->
    [one] The { $brand } group buy at { $point } closed with { $orders } of the { $min } order it needed and is cancelled; every order in it is cancelled and its stock is back on sale.
   *[other] The { $brand } group buy at { $point } closed with { $orders } of the { $min } orders it needed and is cancelled; every order in it is cancelled and its stock is back on sale.
}
mail-picklist-text = The pick list, per customer and per product, printable and as CSV:
# The HTML part: "<a>{link}</a>{after}"
mail-picklist-link = The pick list
mail-picklist-after = , per customer and per product, printable and as CSV.
mail-run-link = The group buy

## A pickup point reviewed

mail-point-approved = { $point } is approved: brands can now open group buys there, and you will get each run's pick list when it closes.
mail-point-declined = An admin did not approve { $point } ({ $address }). You are welcome to register a point again with a full address and opening hours.
mail-points-url = Your pickup points: { $url }
mail-points-link = Your pickup points
