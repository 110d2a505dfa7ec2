# 用户主页，以及粉丝列表和关注列表。

profile-avatar-alt = { $name } 的头像
profile-notes = { $count } 篇笔记
# 跟在加粗的数字后面：“<strong>12</strong> 粉丝”
profile-followers = 粉丝
# 跟在加粗的数字后面：“<strong>3</strong> 关注”
profile-following = 关注
profile-works-for = 任职于
profile-verified-brand = 认证品牌
profile-edit = 编辑资料
profile-dashboard = 销售看板
profile-new-list = 新建十佳榜单
profile-start-brand = 创建品牌
profile-manage-brand = 管理 { $brand }
profile-group-leader = 团长中心
profile-verify-brands = 审核品牌认证
profile-approve-points = 审核自提点
profile-blocked-words = 屏蔽词
profile-moderation-queue = 审核队列
profile-unfollow = 已关注 ✓
profile-follow = 关注
profile-block = 拉黑或解除拉黑
profile-report = 举报
profile-lists = 十佳榜单
profile-list-draft = （草稿）

## /u/{username}/followers 和 /u/{username}/following

follow-list-followers-title = { $name } 的粉丝
follow-list-following-title = { $name } 的关注
# 标题中的名字是链接：“{before} <a>名字</a> {after}”；某一部分可以为空（{""}）
follow-list-followers-before = {""}
follow-list-followers-after = 的粉丝
follow-list-following-before = {""}
follow-list-following-after = 的关注
follow-list-no-followers = 还没有粉丝。
follow-list-no-following = 还没有关注任何人。
follow-list-more = 更多
