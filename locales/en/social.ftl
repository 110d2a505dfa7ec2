# The social layer: follows and the following feed, boards of saved notes, blocks, and
# notifications (their sentences follow the actor's name: "Ana liked your note “…”").

## Follows and the following feed

follow-self = You cannot follow yourself.
follow-blocked = You can't follow this account.
follow-button = Follow
follow-followers = { $count ->
    [one] { $count } follower
   *[other] { $count } followers
}
following-empty = Notes from people you follow appear here, newest first.
following-suggestions = People you may like
feed-wrong-cursor-link = That page link belongs to another ordering; start again from the first page.

## Boards

board-name-length = A board name needs { $min } to { $max } characters.
board-name-taken = You already have a board called '{ $name }'.
board-owner-only = Only a board's owner can change it.
# The name of the private board everyone gets when they first save a note.
board-default-name = Saved
board-private = private
# $owner: "@username", as a link.
board-by = { $count ->
    [one] A board by { $owner } · { $count } note
   *[other] A board by { $owner } · { $count } notes
}

## Blocking

block-self = You cannot block yourself.
block-title = Block { $name }
block-unblock-title = Unblock { $name }
block-heading = Block { $name } (@{ $username })?
block-unblock-heading = Unblock { $name } (@{ $username })?
block-text = They will not be able to follow you or comment on your notes, and will not see your notes in their feeds. You will no longer see their comments or hear from them. Any follow between you ends. They are not told.
block-unblock-text = They will be able to follow you, see your notes in their feeds and comment on them again.
block-block = Block
block-unblock = Unblock
block-cancel = Cancel

## Notifications

notif-empty = Nothing yet. When people follow you, like, save or comment on your notes, or mention you, you'll see it here.
# Who the moderators' notifications are from (on the page and in the daily digest).
notif-from-moderators = Sprout moderators
notif-new = new
notif-follow = started following you
notif-like = liked your note “{ $title }”
notif-save = saved your note “{ $title }”
notif-comment = commented on your note “{ $title }”
notif-reply = replied to your comment on “{ $title }”
notif-mention = mentioned you on “{ $title }”
notif-tag-request = tagged a product in your note “{ $title }”; approve or remove it
notif-delivered = delivered your order #{ $order }. How was it? Write a review
notif-order-update = updated your order #{ $order }
notif-list = published a new top-ten list
# $target: what a moderator acted on (notif-target); $reason: the moderator's words.
notif-warned = warned you about your { $target }: { $reason }
notif-account = { $action ->
    [suspend] suspended your account: { $reason }
    [unsuspend] lifted the suspension of your account: { $reason }
   *[other] acted on your account: { $reason }
}
notif-moderation = { $action ->
    [dismiss] dismissed the reports on your { $target }: { $reason }
    [hide] hid your { $target }: { $reason }
    [restore] restored your { $target }: { $reason }
    [warn] warned about your { $target }: { $reason }
    [suspend] suspended your { $target }: { $reason }
    [unsuspend] lifted the suspension of your { $target }: { $reason }
   *[other] acted on your { $target }: { $reason }
}
notif-report-handled = { $action ->
    [dismiss] handled a report you sent (they dismissed the reports on the { $target }). Thank you.
    [hide] handled a report you sent (they hid the { $target }). Thank you.
    [restore] handled a report you sent (they restored the { $target }). Thank you.
    [warn] handled a report you sent (they warned about the { $target }). Thank you.
    [suspend] handled a report you sent (they suspended the { $target }). Thank you.
    [unsuspend] handled a report you sent (they lifted the suspension of the { $target }). Thank you.
   *[other] handled a report you sent (they acted on the { $target }). Thank you.
}
notif-appeal-upheld = upheld the action you appealed
notif-appeal-reversed = reversed the action you appealed
notif-other = did something
notif-target = { $target ->
    [note] note
    [comment] comment
    [user] user
    [product] product
    [list] list
   *[other] { $target }
}
# After the latest person's name, when several did the same: "Mei and 3 others liked your note".
notif-and-others = { $count ->
    [one] and 1 other
   *[other] and { $count } others
}
