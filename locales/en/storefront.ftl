# The storefront: the product page (with its team deals and group buys) and the cart with checkout.

## The cart

cart-title = Your cart
cart-empty = Your cart is empty. Tap a dot on a note's photo to find something you like.
cart-price-each = { $price } each
# Before the title of the note a cart line came from: "from <note>".
cart-from-note = from
cart-by-creator = by @{ $username }
cart-quantity = Quantity
cart-update = Update
cart-remove = Remove
cart-total = Total:
cart-delivery = Delivery
cart-delivery-or-pickup = Delivery or pickup
cart-how = How would you like it?
cart-deliver-to-me = Deliver to my address
# Followed by the pickup point's name, in bold, and its address.
cart-pick-up-at = Pick up at
cart-group-buy-details = Neighbourhood group buy by { $brand } · { $orders } of { $min } orders · closes { $cutoff } ({ $left }) · open { $hours }
cart-group-buy-rule = A group buy goes ahead when it has enough orders by its cut-off; otherwise your order is cancelled and nothing is charged.
cart-name = Name
cart-address = Address
cart-address-for-delivery = (for delivery)
cart-phone = Phone
cart-phone-optional = (optional: the courier may call)
cart-phone-for-pickup = (needed for a pickup: the point calls you when your order is in)
cart-payment-delivery = Payment: on delivery. Stock is held for you when you place the order.
cart-payment-delivery-or-collection = Payment: on delivery or collection. Stock is held for you when you place the order.
cart-place-order = Place order · { $total }

## The product page

product-photos = Photos
product-photo-alt = { $product }, photo { $number }
product-hidden = Hidden by Sprout's moderators: shoppers cannot see or buy it.
product-add-to-cart = Add to cart
product-log-in-to-buy = Log in to buy
product-team-up = Team up and save:
product-team-how = Open a team, share the link; friends have { $hours } to join. Up to { $max ->
        [one] { $max } person
       *[other] { $max } people
    }.
product-open-team = Open a team
product-log-in-to-team-up = Log in to team up
product-group-buys = Neighbourhood group buys
product-pick-up-at = Pick up at { $point }
product-group-buy-progress = { $orders } of { $min } orders · { $left }
product-group-buy-how = Add it to your cart, then choose the pickup point at checkout.
product-edit = Edit product
product-report = Report this product
product-what-people-say = What real people say
product-no-notes = No notes show this product yet. Bought it? Your review will be the first.
