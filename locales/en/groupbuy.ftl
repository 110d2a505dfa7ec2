# Team purchase (拼团): deals, teams and the team page.

team-tier-line = { $size } people: { $price } each
team-duration-hours = { $count } h
team-duration-minutes = { $count } min
team-duration-seconds = { $count } s

## Team statuses (the page capitalises them)

team-status-open = Open
team-status-succeeded = Team made it
team-status-failed = Team did not fill

## Deals and joining

team-deal-tiers-count = A deal has 1 to 5 tiers.
team-deal-tiers-order = Tiers start at 2 people; each bigger team gets a lower price than the one before.
team-deal-tiers-price = Every team price must be below the solo price.
team-deal-max-size = The maximum team size is { $largest } to 500.
team-deal-duration = A team's time limit is from 1 second to 7 days.
team-shipping-needed = Please give the name and full address to deliver to.
team-closed = This team is closed.
team-full = This team is full.
team-already-member = You are already in this team.

## The team page

team-title = Team up: { $product }
team-solo-price = solo { $price }
team-each-now = each now
team-everyone-pays = everyone pays
team-orders-cancelled = every order was cancelled
team-joined = { $size } of { $max } joined
team-seats-to-next-tier = { $count } more for the next price
team-share-link = Share this link with friends
team-you-are-in = You're in. Your order is held until the team settles.
team-form-name = Name
team-form-address = Address
team-join-fine-print = Joining places your order for one at the price the team reaches (pay on delivery). If the team does not fill in time, it is cancelled.
team-join = Join the team
team-log-in-to-join = Log in to join
