# Community group buy (社区团购): pickup points, runs, pick lists and collection.

community-log-in = Please log in.

## Pickup points

point-line = { $name }, { $address } (open { $hours })
pickup-address = Pickup point: { $line }
point-name-invalid = Give the pickup point a name of up to 80 characters.
point-address-invalid = Give the pickup point's full address.
point-hours-invalid = Say when neighbours can collect, e.g. 'Mon–Sat 9:00–20:00'.
points-too-many-waiting = You have five pickup points waiting for approval already; wait for an admin first.
point-approved-already = { $name } is approved already; it cannot be declined.
point-open-hours = open { $hours }
point-led-by = led by
point-approved = approved
point-waiting = waiting for approval
point-approve = Approve { $name }
point-decline = Decline
point-decline-title = Decline { $name }?
point-decline-explain = The pickup point is removed and its leader is told by email; they can register again.
point-decline-confirm = Yes, decline it
point-decline-keep = Keep it waiting
point-form-name = Name
point-form-name-placeholder = Maple Court corner shop
point-form-address = Address
point-form-hours = Opening hours
point-form-hours-placeholder = Mon–Sat 9:00–20:00
point-form-submit = Send for approval

points-admin-title = Pickup points to approve
points-admin-heading = Pickup points
points-admin-intro = Approve a group leader's point once you trust it; brands can then open group buys there.
points-admin-cli-before = (Or:
points-admin-cli-after = .)
points-admin-none = No pickup points yet.

## The group leader's page

leader-title = Group leader: pickup points
leader-heading = Your pickup points
leader-intro = Lead a neighbourhood group buy (社区团购): brands open runs at your point, neighbours order into them, and you hand the orders over. An admin approves each new point first.
leader-registered = Thank you! Your pickup point is registered and waits for an admin's approval; we'll email you.
leader-no-points = You have no pickup points yet.
leader-runs-heading = Group buys at your points
leader-register-heading = Register a pickup point

## Runs

run-status-open = Open
run-status-confirmed = Confirmed
run-status-cancelled = Cancelled
run-cutoff-secs-range = cutoff_secs must be 1 to { $max } (the next { $days } days).
run-cutoff-format = Give the cut-off as an RFC 3339 time, like 2026-12-01T18:00:00Z.
run-cutoff-missing = Say when orders close (the cut-off).
run-cutoff-window = The cut-off must be in the next { $days } days.
run-min-orders-range = The minimum is 1 to 10,000 orders.
run-products-count = Choose 1 to 50 products for the run.
run-point-pending = That pickup point is still waiting for an admin's approval.
run-product-missing = One of those products does not exist.
run-one-brand = A run sells one brand's products.
run-product-not-on-sale = { $name } is not on sale.
run-one-currency = A run's products share one currency.
run-closed = This group buy has closed; its orders are being put together.
runs-staff-only = Only a brand's staff open group buys.
run-form-hours = Say in how many hours orders close, e.g. 24.
run-form-min-orders = The minimum number of orders is a whole number.
run-form-point = Choose the pickup point.

runs-brand-title = { $brand }: group buys
runs-brand-heading = neighbourhood group buys
runs-brand-intro = Open a run at a group leader's pickup point: neighbours order the products you choose until the cut-off; if enough orders come in, the leader gets one pick list and you deliver to the point; otherwise every order is cancelled and the stock comes back.
runs-col-point = Pickup point
runs-col-run = Run
runs-col-status = Status
runs-col-orders = Orders
runs-col-cutoff = Cut-off
run-brand-at-point = { $brand } at { $point }
runs-open-heading = Open a group buy
runs-no-points = No pickup points are approved yet.
runs-no-products = Add products to your catalog first.
runs-form-point = Pickup point
runs-form-products = Products
runs-form-in-stock = { $count } in stock
runs-form-hours = Orders close in (hours)
runs-form-min-orders = Minimum number of orders
runs-form-submit = Open the group buy

## A run's page

run-title = Group buy at { $point }
run-heading = { $brand } group buy
run-pick-up-at = Pick up at { $point }
run-point-hours = Open { $hours }
run-leader = leader
run-orders-of = { $orders } of { $min }
run-orders-word = orders
run-more-needed = { $count } more needed
run-minimum-met = the minimum is met
run-orders-close = orders close { $cutoff }
run-how-to-order = Add what you want to your cart, then choose this pickup point at checkout. If the minimum is not met by the cut-off, every order is cancelled and nothing is charged.
run-confirmed = { $count ->
    [one] This group buy closed with { $count } order and is going ahead: collect your order at the point.
   *[other] This group buy closed with { $count } orders and is going ahead: collect your order at the point.
}
run-cancelled = This group buy closed without enough orders; its orders were cancelled.
run-added = { $product } is in your cart.
run-added-check-out = Check out
run-added-choose-pickup = and choose pickup here.
run-stock-left = { $count } left
run-sold-out = sold out
run-quantity = Quantity
run-add-to-cart = Add to cart
run-go-to-cart = Go to cart and check out
run-log-in-to-order = Log in to order

## The pick list

picklist-link = Pick list
picklist-heading = Pick list
picklist-title = Pick list: { $brand } at { $point }
picklist-run-at = at
picklist-run-comma = ,
picklist-cutoff = Cut-off { $cutoff }
picklist-orders = { $count ->
    [one] { $count } order
   *[other] { $count } orders
}
picklist-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
picklist-csv-per-customer = CSV per customer
picklist-csv-per-product = CSV per product
picklist-the-run = The group buy
picklist-still-open = Orders are still coming in; this list is final after the cut-off.
picklist-per-product = Per product
picklist-per-customer = Per customer
picklist-no-orders = No orders.
picklist-col-product = Product
picklist-col-quantity = Quantity
picklist-col-customers = Customers
picklist-col-order = Order
picklist-col-customer = Customer
picklist-col-items = Items
picklist-col-to-pay = To pay
picklist-col-collected = Collected
picklist-collected = collected
picklist-mark-collected = Mark collected
picklist-print = Print
picklist-print-hint = (or your browser's Print)
picklist-forbidden = Only the group leader and the brand see a run's pick list.

# The header rows of the pick list's CSV files, and its yes/no column
picklist-csv-order-id = order_id
picklist-csv-customer = customer
picklist-csv-username = username
picklist-csv-phone = phone
picklist-csv-product = product
picklist-csv-product-id = product_id
picklist-csv-quantity = quantity
picklist-csv-collected = collected
picklist-csv-customers = customers
picklist-csv-yes = yes
picklist-csv-no = no

## Handing orders over

pickup-leader-only = Only the pickup point's leader marks orders collected.
pickup-own-order = You cannot hand over your own order: ask the brand to mark it collected.
pickup-collected-already = Order #{ $order } was collected already.
pickup-not-confirmed = Orders can be collected once the group buy is confirmed.
pickup-cannot-collect = Order #{ $order } is { $status }; it cannot be collected.
point-form-zone = Time zone (of the hours and the cut-offs)
point-zone-invalid = Choose the pickup point's time zone from the list, such as Asia/Shanghai.
