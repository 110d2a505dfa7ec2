# The shop: brands and their catalogs, product tags, the cart, checkout, orders and the sales dashboards.

## Stock

stock-no-longer-sold = No longer sold
stock-sold-out = Sold out
stock-only-left = Only { $count } left
stock-in-stock = { $count } in stock
stock-no-longer-sold-remove = { $product } is no longer sold; please remove it from your cart.
stock-just-sold-out = Sorry, { $product } just sold out.
stock-lower-quantity = Sorry, only { $count } of { $product } left; please lower the quantity.

## Brands

brand-slug-invalid = A brand's web name needs 2 to 40 letters, digits or dashes (like 'green-leaf').
brand-name-length = A brand name needs 1 to 60 characters.
brand-description-too-long = A description can have at most 2000 characters.
brand-slug-taken = The brand name '{ $slug }' is taken; try another.
brand-staff-only = Only { $brand }'s staff can do that.
brand-owner-only = Only { $brand }'s owner can add staff.
brand-no-such-member = There is no member called '{ $username }'.
brand-already-staff = { $username } is already on { $brand }'s staff.
brand-commission-range = A commission is between 0% and 50%.
brand-verify-admin-only = Only an admin can verify brands.
brand-notice-created = Your brand is ready. Add products below; an admin will verify it soon.
brand-notice-product = Product saved.
brand-notice-settings = Settings saved.
brand-notice-staff = Staff member added.
brand-commission-not-percent = The commission is a percentage, like 5 or 2.5.

## The cart

cart-quantity-range = Choose a quantity from 1 to { $max }.
cart-note-not-showing = That note does not show this product.
cart-list-not-ranking = That list does not rank this product.
cart-sold-out = { $product } is sold out.
cart-only-left-would-hold = Only { $count } of { $product } left; your cart would hold { $wanted }.
cart-only-left = Only { $count } of { $product } left.

## Checkout

checkout-name-missing = Please give the name to deliver to.
checkout-address-missing = Please give a full delivery address.
checkout-phone-missing = Please give a phone number: the pickup point calls you when your order is in.
checkout-phone-invalid = That does not look like a phone number: 6 to 15 digits, with spaces, dashes or brackets if you like, and a + in front for another country.
checkout-key-length = An idempotency key has 1 to 100 characters.
checkout-cart-empty = Your cart is empty.
checkout-no-address = Please give the address to deliver to.
checkout-not-in-group-buy = { $product } is not part of this group buy; remove it from your cart or choose delivery.

## Orders: a status as a label (sentence case), and inside a sentence

# Order statuses, in sentence case.
order-status-placed = Placed
order-status-paid = Paid
order-status-shipped = Shipped
order-status-delivered = Delivered
order-status-cancelled = Cancelled
order-status-team-pending = Waiting for the team
order-status-run-pending = Waiting for the group buy's cut-off
order-status-collected = Collected
order-status-other = { $status }
order-state-placed = placed
order-state-paid = paid
order-state-shipped = shipped
order-state-delivered = delivered
order-state-cancelled = cancelled
order-state-team-pending = team_pending
order-state-run-pending = run_pending
order-state-other = { $status }
order-mark-paid = Mark paid
order-mark-shipped = Mark shipped
order-mark-delivered = Mark delivered
order-mark-cancelled = Mark cancelled
order-mark-other = Mark { $status }

order-not-your-own = You cannot move your own order along; another member of the brand's staff must.
order-brand-only = Only the brand moves an order along.
order-cannot-become = An order that is { $from } cannot become { $to }.
order-no-such-status = There is no order status '{ $status }'.
order-changed-meanwhile = The order changed meanwhile; reload and try again.
order-item-not-yours = That is not an item of one of your orders.
order-item-not-delivered = You can review an item once it has been delivered.
order-item-reviewed = You already reviewed this item.

## Products and the catalog

product-name-length = A product name needs 1 to 120 characters.
product-description-too-long = A description can have at most 5000 characters.
product-category-too-long = A category can have at most 60 characters.
product-price-invalid = A price is a whole number of cents, 0 or more.
product-currency-invalid = { $code } is not a currency of ISO 4217; use a three-letter code such as CNY or EUR.
product-stock-invalid = Stock is a whole number, 0 or more.
product-name-taken = { $brand } already sells a product called '{ $product }'.
product-too-many-photos = { $count ->
        [one] A product can have at most { $count } photo.
       *[other] A product can have at most { $count } photos.
    }
product-price-format = Write the price like 129 or 129.50.
product-not-saved = { $error } Nothing was saved; please fill in the product again.
product-photo-described = Photo { $number } ('{ $name }')

## The catalog's CSV import (its column names stay English: name, price_cents, …)

catalog-csv-line = Line { $line }: { $message }
catalog-csv-empty = The file is empty; the first line should name the columns.
catalog-csv-missing-column = The first line must name a '{ $column }' column (name, price_cents, currency, stock; optional description, category, active, commission_bps).
catalog-row-not-a-number = { $column } '{ $value }' is not a whole number
catalog-row-twice = '{ $product }' appears twice in the file
catalog-row-unreadable = This row cannot be read
catalog-csv-no-products = The file has a header but no products.
catalog-csv-quote-open = a quoted field is never closed
catalog-file-charset-unknown = The Content-Type names a charset this server cannot read; send UTF-8.
catalog-file-unreadable = The file could not be read; please send it again.
catalog-file-too-large = A catalog file can have at most { $kb } KB; split it into several imports.
catalog-file-not-text = The file is not valid { $charset } text.
catalog-import-rows-wrong = Nothing was imported: some rows are wrong.
catalog-search-limit = limit should be a number from 1 to 50.
catalog-file-not-utf8 = The file is neither UTF-8 nor GB18030 (GBK) text; save it as CSV (UTF-8).
catalog-file-missing = Choose a CSV file to import.
catalog-imported = Imported: { $created ->
        [one] { $created } new product
       *[other] { $created } new products
    }, { $updated } updated.
catalog-import-rows-to-fix = Nothing was imported: { $count ->
        [one] { $count } row needs
       *[other] { $count } rows need
    } fixing (listed below).

## The dashboards

# The header row of the dashboard's CSV download: nine columns, joined by commas.
stats-csv-header = note_id,title,creator,views,tag_taps,add_to_carts,orders,revenue_cents,commission_cents
dashboard-title-creator = Your notes' sales
dashboard-title-brand = { $brand }: notes and creators that sell

## Product tags on a note's photos

product-tags-not-a-list = Product tags should be a JSON list like [{"{"}"image": 0, "x": 0.5, "y": 0.4, "product_id": 7{"}"}].
product-tag-position = A tag's x and y are fractions of the photo, from 0 to 1.
product-tag-no-photo = Photo { $number } does not exist; this note has { $count }.
product-tag-not-in-catalog = Product { $id } is not in any catalog.
product-tags-per-photo = A photo can carry at most { $count } product tags.
product-tag-author-only = Only the author of a note can tag products in it.
product-tag-own-brand-only = On someone else's note you can only tag products of a brand you work for.
product-tag-approve-author-only = Only the note's author can approve tags on it.
product-tag-remove-author-only = Only the note's author can remove this tag.

## Brand pages

brand-admin-title = Brands to verify
brand-admin-heading = Brands
brand-admin-empty = No brands yet.
brand-verified-word = verified
brand-admin-verify = Verify { $brand }
brand-verified-title = Verified brand
brand-verified-hidden = verified brand
brand-not-verified = Not yet verified by Sprout.
brand-manage-catalog = Manage catalog
brand-orders = Orders
brand-dashboard = Dashboard
brand-group-buys = Group buys
brand-product-count = { $count ->
        [one] { $count } product
       *[other] { $count } products
    }
brand-no-products = No products yet.

## Managing a brand's catalog

brand-manage-title = Manage { $brand }
# After the brand's name in the heading: "Green Leaf: catalog".
brand-manage-heading-suffix = : catalog
catalog-rows-to-fix = Rows to fix
catalog-row-line = Line
catalog-row-wrong = What is wrong
brand-manage-products = Products
brand-manage-no-products = No products yet: add one below or import a CSV file.
brand-manage-col-product = Product
brand-manage-col-price = Price
brand-manage-col-stock = Stock
brand-manage-hidden = (hidden)
brand-manage-edit = Edit
brand-manage-add-product = Add a product
brand-manage-add-product-button = Add product
product-field-name = Name
product-field-description = Description
product-field-category = Category
product-field-category-placeholder = Skincare
product-field-price = Price
product-field-currency = Currency
product-field-stock = Stock
product-field-commission-default = Creator commission, % (empty: the brand's { $percent }%)
product-field-photos = Photos (up to 6)
catalog-import-heading = Import from CSV
catalog-import-first-line = First line:
# Around the optional column names: "(optional active, commission_bps)."
catalog-import-optional-before = (optional
catalog-import-optional-after = ).
catalog-import-help = A name you already sell updates that product. If any row is wrong, nothing is imported and every wrong row is listed.
catalog-import-file = CSV file
catalog-import-button = Import
brand-settings-heading = Settings
brand-settings-commission = Creator commission on sales a note led to, %
brand-settings-logo = Logo
brand-settings-logo-current = Current logo
brand-settings-save = Save settings
brand-staff-heading = Staff
brand-role-owner = owner
brand-role-staff = staff
brand-staff-username = Username
brand-staff-username-placeholder = username
brand-staff-add = Add staff

## Starting a brand

brand-new-title = Start a brand
brand-new-intro = A brand runs a catalog, tags its products in notes and sees which notes and creators sell them. An admin verifies new brands; until then they show without the ✓ badge.
brand-new-name = Brand name
brand-new-slug = Web name
# Followed by the example web name, in italics: "…lives at /brands/web-name."
brand-new-slug-help = Lower-case letters, digits and dashes: your brand lives at /brands/
brand-new-slug-help-example = web-name
brand-new-description = What you make
brand-new-create = Create brand

## The dashboard page

stats-views = Views
stats-tag-taps = Tag taps
stats-added-to-cart = Added to cart
stats-orders = Orders
stats-revenue = Revenue
stats-commission = Commission
stats-unattributed = Not led by a note: { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }, { $revenue }.
stats-revenue-by-note = Revenue by note
stats-per-note = Per note
stats-explained = What the numbers mean
stats-views-means = How many times the note was opened (the author's own visits are not counted).
stats-tag-taps-means = How many times someone tapped a product tag on the note's photos.
stats-added-to-cart-means = How many times a product was added to a cart from the note.
stats-orders-means = Orders of a tagged product placed within { $days ->
    [one] a day
   *[other] { $days } days
} after the buyer last saw it on the note. The latest note counts; cancelled orders do not.
stats-revenue-means = What those orders are worth, before any refund.
stats-commission-means = The creator's share of that revenue, at the brand's commission rate.
stats-download-csv = Download CSV
stats-empty-brand = No note shows your products yet.
stats-empty-creator = Tag products in your notes to see what they sell.
stats-col-note = Note
stats-col-creator = Creator
stats-col-add-to-cart = Add to cart
stats-col-list = List
# Between the product names of a note (the space is kept with { " " }).
stats-products-separator = ,{ " " }
stats-per-list = Per top-ten list
stats-per-creator = Per creator

## Order pages

order-title = Order #{ $id }
orders-title-mine = Your orders
orders-title-brand = { $brand }: orders
order-placed-notice = Thank you! Your order is placed; a confirmation email is on its way.
orders-placed-notice = Thank you! Your orders are placed; a confirmation email is on its way.
orders-empty = No orders yet.
# Before the brand's name: "from Green Leaf".
order-from-brand = from
# Before the buyer's @username: "bought by @lily".
order-bought-by = bought by
order-col-item = Item
order-col-qty = Qty
order-col-price = Price
order-col-total = Total
# "via a note by @lily": the words around the link to the note.
order-via = via
order-via-a-note = a note
order-by-creator = by @{ $username }
order-your-review = Your review
order-write-review = Write a review
order-total-pay-on-collection = Total (pay on collection)
order-total-pay-on-delivery = Total (pay on delivery)
order-pickup = Pickup
# "Ordered into a neighbourhood group buy[: it goes ahead if it has enough orders by its cut-off]."
order-into-before = Ordered into
order-into-link = a neighbourhood group buy
order-into-pending = : it goes ahead if it has enough orders by its cut-off
order-into-end = .
order-delivery = Delivery
order-phone = Phone:
order-move-along = Move this order along
order-cancel = Cancel order
order-cancel-title = Cancel order #{ $id }?
# Between the items of an order (the space is kept with { " " }).
order-items-separator = ,{ " " }
order-cancel-summary-end = .
order-cancel-warning = The order cannot be reopened; its items go back on sale.
order-cancel-confirm = Yes, cancel the order
order-cancel-keep = Keep it

## Editing a product

product-edit-title = Edit { $product }
product-edit-price-note = Orders already placed keep the price they were placed at.
product-field-commission = Creator commission, % (empty: the brand's)
product-field-shown = Shown in the shop
product-field-shown-yes = Yes
product-field-shown-no = No, hide it
product-field-add-photos = Add photos
product-edit-save = Save
product-edit-cancel = Cancel

## Tagging products on a note's photos

product-tagging-title = Tag products in { $note }
product-tagging-heading = Tag products
# Around the note's title: In “<title>”.
product-tagging-in-before = In “
product-tagging-in-after = ”.
product-tagging-waits = Your tag waits for the author's approval.
product-tagging-so-far = Tagged so far
product-tagging-photo = photo { $number }
product-tagging-waiting = waiting for approval
product-tagging-remove = Remove
product-tagging-add = Add a tag
product-find-label = Find a product
product-find-placeholder = Find a product or brand
product-find-button = Find
product-tagging-product = Product
product-find-none = No products match.
product-find-none-for = No products match “{ $query }”.
product-tagging-photo-label = Photo
product-tagging-photo-option = Photo { $number }
product-tagging-tap = Tap the photo where the product is, or type the position.
product-tagging-across = Across, %
product-tagging-down = Down, %
product-tagging-add-button = Add tag
product-tagging-done = Done
