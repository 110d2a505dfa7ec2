# Trust and safety: reports, the moderators' queue, actions, the modlog, appeals, blocked
# words and spam limits.

moderation-title = Moderation
mod-moderators-only = This is for Sprout's moderators.
mod-author = by
mod-bad-cursor = That page link is not valid; start again from the first page.

## What is reported, in a sentence: on its own, "a …", "this …", "your …"

mod-kind-note = note
mod-kind-comment = comment
mod-kind-user = user
mod-kind-product = product
mod-kind-list = list
mod-a-note = a note
mod-a-comment = a comment
mod-a-user = a user
mod-a-product = a product
mod-a-list = a list
mod-a-thing = a thing
mod-this-note = this note
mod-this-comment = this comment
mod-this-user = this user
mod-this-product = this product
mod-this-list = this list
mod-your-note = your note
mod-your-comment = your comment
mod-your-user = your user
mod-your-product = your product
mod-your-list = your list
mod-target-type-invalid = target_type must be note, comment, user, product or list.
mod-target-id-invalid = target_id must be an id, or a username for a user.

## Moderation states

mod-state-visible = visible
mod-state-hidden = hidden
mod-state-held = held
mod-state-active = active
mod-state-suspended = suspended
mod-now-state = now { $state }

## Actions

mod-action-dismiss = dismiss
mod-action-hide = hide
mod-action-restore = restore
mod-action-warn = warn
mod-action-suspend = suspend
mod-action-unsuspend = unsuspend
mod-action-invalid = Choose an action: dismiss, hide, restore, warn, suspend or unsuspend.
# What was done to $target ("a note", "your note"); $action is the action as stored.
mod-did = { $action ->
    [dismiss] dismissed the reports on { $target }
    [hide] hid { $target }
    [restore] restored { $target }
    [warn] warned about { $target }
    [suspend] suspended { $target }
    [unsuspend] lifted the suspension of { $target }
   *[other] acted on { $target }
}
mod-reason-length = Give a reason in 1 to { $max } characters: it is shown in the public modlog.
mod-own-content = Another moderator must act on your own content or account.
mod-form-action = Action
mod-form-reason = Reason (public)
mod-form-days = Days (a suspension; empty for good)
mod-form-apply = Apply

suspend-days-range = A suspension lasts 1 to { $max } days, or leave days out for good.
suspend-days-whole = Days must be a whole number.
suspend-not-hide = An account is suspended, not hidden: use suspend or unsuspend.
suspend-the-account = Suspend the account itself: send target_type user with the author's username.
suspend-moderator-admin-only = Only an admin can suspend a moderator.
suspend-author-reason = Suspend the author @{ $username } — reason (public)
suspend-form-days = Days (empty for good)
suspend-form-sure = Yes: end their sessions and keep them out until then
suspend-form-submit = Suspend @{ $username }

## Reports

report-reason-spam = Spam
report-reason-fake-review = Fake review
report-reason-undisclosed-ad = Undisclosed ad
report-reason-counterfeit = Counterfeit
report-reason-harassment = Harassment
report-reason-prohibited = Prohibited item
report-reason-other = Something else
report-reason-other-short = Other
report-reason-invalid = Choose a reason: spam, fake_review, undisclosed_ad, counterfeit, harassment, prohibited or other.
report-no-such = There is no such { $kind } to report.
report-details-length = Say it in at most { $max } characters.
report-own = You cannot report your own content or account.
report-held-details = Held automatically: it contains “{ $phrase }”.
report-automatic = automatic
report-title = Report
report-heading = Report { $target }
report-what-is-wrong = What is wrong with it?
report-details-label = A few words for the moderators (optional)
report-submit = Send the report
report-cancel = Cancel
report-sent-heading = Thank you
report-sent-before = Your report about
report-sent-after = reached Sprout's moderators. Nobody else sees who reported it. You will get a notification when it has been handled.
report-back = Back

## The queue

reports-heading = Reports
reports-intro-before = Most-reported first. Every action resolves the reports on its target, tells the reporters, and is written to the public
reports-intro-modlog = modlog
reports-intro-after = with your reason.
reports-none = No open reports.
reports-count = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
reports-more = More
reports-status-invalid = status must be open or resolved.

## Appeals

appeals-heading = Appeals
appeals-none = No open appeals.
appeal-line = appeals #{ $id } ({ $did }: { $reason }):
appeal-reverse = Reverse (restore)
appeal-uphold = Uphold
appeal-title = Appeal
appeal-what-happened = Sprout's moderators { $did }: “{ $reason }” ({ $date }).
appeal-once = You can appeal once. Say in your own words why it should be reversed.
appeal-form-text = Your appeal
appeal-form-submit = Send the appeal
appeal-sent-heading = Your appeal is in
appeal-sent-before = A moderator will read it and decide; the decision appears in the
appeal-sent-modlog = modlog
appeal-sent-after = .
appeal-text-length = Write your appeal in 1 to { $max } characters.
appeal-not-appealable = Only hiding and suspensions can be appealed.
appeal-already = You appealed this already; a moderator will decide.
appeal-decided-already = This appeal was decided already.
appeal-reversed-reason = Appeal reversed action #{ $action }.
appeal-sign-in-first = Sign in first: send 'Authorization: Bearer <token>' from /api/v1/auth/login.
appeal-token-invalid = That token is not valid (any more); log in again.
appeal-form-expired = This appeal form has expired: log in again to appeal.

## The modlog

modlog-title = Moderation log
modlog-intro = Everything Sprout's moderators did, and why. Who reported something is never shown.
modlog-empty = Nothing yet.
modlog-older = Older

## Blocked words

words-title = Blocked words
words-heading = Blocked words and phrases
words-intro-before = A note or comment that contains one is held for review: only its author sees it, marked as waiting, until a moderator publishes (restores) or hides it in the
words-intro-queue = queue
words-intro-after = . Matching ignores case.
words-add = Add
words-empty = The list is empty.
words-remove = Remove “{ $phrase }”
words-phrase-length = A blocked word or phrase needs 1 to 100 characters.
words-list-full = The list holds at most { $max } phrases.
words-say-which = Say which phrase to remove: {"{"}"phrase": "…"{"}"}.

## Spam limits ($what of error-rate-limited)

limit-notes = You can post { $count } note(s) an hour.
limit-comments = You can write { $count } comment(s) a minute.
limit-follows = You can follow { $count } people an hour.
limit-reports = You can send { $count } report(s) a day.
limit-messages = You can send { $count } message(s) a minute.
limit-conversations = You can start { $count } conversation(s) an hour.
limit-new-account = { $what } New accounts can do a little less until their email is confirmed.
limit-repeat-note = You posted this same note in the last day. Say something new, or edit the note you posted.
limit-repeat-comment = You wrote this same comment several times already. Say something new.
