# A member's profile page, and the lists of their followers and of whom they follow.

profile-avatar-alt = { $name }'s avatar
profile-notes = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
# After the number, which is in bold: "<strong>12</strong> followers"
profile-followers = { $count ->
    [one] follower
   *[other] followers
}
# After the number, which is in bold: "<strong>3</strong> following"
profile-following = following
profile-works-for = Works for
profile-verified-brand = Verified brand
profile-edit = Edit profile
profile-dashboard = Sales dashboard
profile-new-list = New top-ten list
profile-start-brand = Start a brand
profile-manage-brand = Manage { $brand }
profile-group-leader = Group leader
profile-verify-brands = Verify brands
profile-approve-points = Approve pickup points
profile-blocked-words = Blocked words
profile-moderation-queue = Moderation queue
profile-unfollow = Following ✓
profile-follow = Follow
profile-block = Block or unblock
profile-report = Report
profile-lists = Top-ten lists
profile-list-draft = (draft)

## /u/{username}/followers and /u/{username}/following

follow-list-followers-title = Followers of { $name }
follow-list-following-title = Followed by { $name }
# The heading links the name: "{before} <a>name</a> {after}"; a part may be empty ({""})
follow-list-followers-before = Followers of
follow-list-followers-after = {""}
follow-list-following-before = Followed by
follow-list-following-after = {""}
follow-list-no-followers = No followers yet.
follow-list-no-following = Not following anyone yet.
follow-list-more = More
