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
