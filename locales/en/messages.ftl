# Messages: conversations with brands and members, the brand inbox, and the live channel.

## Messages

msg-mail-minutes-range = Choose between 0 (never) and { $max } minutes.
msg-dm-nobody = { $name } does not take messages.
msg-dm-following-only = { $name } takes messages only from people they follow.
msg-own-brand = You work for { $brand }: answer its customers from the brand's inbox.
msg-blocked = You cannot message this member.
msg-self = You cannot start a conversation with yourself.
msg-subject-note = A conversation is about a product or an order; send a note as a card in a message.
msg-subject-brand-only = Only a conversation with a brand can be about a product or an order.
msg-product-not-theirs = That product is not this brand's.
msg-body-too-long = A message can have at most { $count } characters.
msg-card-one = A message carries one card: a product, a note or an order.
msg-repeat = You sent this same message several times already. Say something new.
msg-read-only = There is a block between you: this conversation can be read, not written to.
msg-empty = Write something first.
msg-inbox-brand-only = Only a brand's staff can assign or close a conversation with the brand.
msg-assignee-not-staff = { $name } is not on this brand's staff.
msg-started-twice = This conversation was just started; open it again.
msg-brand-or-username = Name either a brand or a member to talk to.
live-foreign-origin = The live channel opens only from Sprout's own pages.
