# Signing up and in, passwords, email confirmation, profile settings.

settings-title = Edit profile
settings-display-name = Display name
settings-bio = Bio
settings-avatar = Avatar
settings-avatar-current = Your current avatar
settings-lang = Language
settings-lang-browser = As my browser asks
settings-digest = Email me a daily digest of my notifications
settings-save = Save
settings-cancel = Cancel
settings-avatar-photo = Your avatar photo
settings-display-name-length = A display name needs 1 to 50 characters.
settings-bio-too-long = A bio can have at most 500 characters.

## Signing up

signup-title = Sign up
signup-heading = Join Sprout
signup-username = Username
signup-email = Email
signup-password = Password (at least 8 characters)
signup-submit = Sign up
signup-have-account = Already have an account?
signup-log-in = Log in
signup-username-length = A username needs 3 to 30 characters.
signup-username-chars = A username may use only letters a–z, digits and underscores.
signup-email-invalid = Please enter a valid email address, like name@example.com.
signup-email-reserved = That mail domain is reserved; please use your own address.
signup-username-taken = The username '{ $username }' is taken; please choose another.
signup-email-taken = An account with that email already exists. Try logging in.
signup-just-taken = That username or email was just taken; please choose another.

## Logging in

login-title = Log in
login-heading = Log in
login-name = Username or email
login-password = Password
login-submit = Log in
login-forgot = Forgot your password?
login-new-here = New here?
login-create-account = Create an account
login-refused = That username/email and password do not match.

## Passwords

password-too-short = A password needs at least 8 characters.
password-too-long = A password can have at most 128 characters.
password-busy = Sprout is busy checking passwords right now.

## Who may do what

account-sign-in-first = Sign in first: send 'Authorization: Bearer <token>' from /api/v1/auth/login.
account-moderators-only = This is for Sprout's moderators.
account-admins-only = This is for Sprout's admins.
account-no-such-member = There is no member called '{ $username }'.

## A forgotten password

forgot-title = Forgot your password?
forgot-sent = If an account uses that email, a link to choose a new password is on its way. It works once, for one hour.
forgot-sent-api = If an account uses that email, a link to reset its password is on its way.
forgot-email = Your email
forgot-submit = Email me a link

## Choosing a new password

reset-title = Choose a new password
reset-ask-again = Ask for a new link
reset-ask-again-end = .
reset-password = New password (at least 8 characters)
reset-submit = Save password
reset-logs-out = Saving logs you out everywhere; then log in with the new password.
reset-link-invalid = This reset link is invalid, used or expired. Ask for a new one.
reset-done = Your password is changed. Log in with it.

## Confirming an email address

verify-title = Email confirmation
verify-failed = That link did not work
verify-done = Your email is confirmed
verify-thanks = Thank you.
verify-back = Back to explore
verify-link-invalid = This confirmation link is invalid or expired.

## Unsubscribing from the daily digest

unsub-title = Unsubscribe
unsub-failed = That link did not work
unsub-confirm-heading = Stop the daily digest?
unsub-confirm-text = You will get no more daily digest emails. Notifications stay on Sprout.
unsub-submit = Unsubscribe
unsub-keep = Keep it
unsub-done-heading = You are unsubscribed
# Around a link to the settings: "…in your <a>profile settings</a>."
unsub-done-before = No more daily digests. You can turn them back on in your
unsub-done-link = profile settings
unsub-done-after = .
unsub-link-invalid = This unsubscribe link is not valid.

## A suspended account

suspended-heading = Your account is suspended
suspended-appeal-heading = Appeal
suspended-appeal-help = If you think this was a mistake, tell the moderators in your own words. You can appeal once; they will decide and let you know by the modlog.
suspended-appeal-label = Your appeal
suspended-appeal-submit = Send the appeal
suspended-for-good = This account is suspended for good for breaking Sprout's rules.
# $until: a date and time in the reader's zone, e.g. "3 Mar 2027 14:00 CST"
suspended-until = This account is suspended until { $until } for breaking Sprout's rules.
settings-zone = Time zone
settings-zone-browser = As my browser says
settings-zone-unknown = Choose a time zone from the list, such as Asia/Shanghai.

