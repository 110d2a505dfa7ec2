# 注册与登录、密码、邮箱确认、个人资料设置。

settings-title = 编辑资料
settings-display-name = 昵称
settings-bio = 简介
settings-avatar = 头像
settings-avatar-current = 你当前的头像
settings-lang = 语言
settings-lang-browser = 跟随浏览器
settings-digest = 每天用邮件给我发一份消息摘要
settings-save = 保存
settings-cancel = 取消
settings-avatar-photo = 你的头像照片
settings-display-name-length = 昵称需要 1 到 50 个字符。
settings-bio-too-long = 简介最多 500 个字符。

## 注册

signup-title = 注册
signup-heading = 加入 Sprout
signup-username = 用户名
signup-email = 邮箱
signup-password = 密码（至少 8 个字符）
signup-submit = 注册
signup-have-account = 已经有账号了？
signup-log-in = 登录
signup-username-length = 用户名需要 3 到 30 个字符。
signup-username-chars = 用户名只能使用字母 a–z、数字和下划线。
signup-email-invalid = 请输入有效的邮箱地址，例如 name@example.com。
signup-email-reserved = 这个邮箱域名是保留的，请使用你自己的邮箱地址。
signup-username-taken = 用户名“{ $username }”已被占用，请换一个。
signup-email-taken = 这个邮箱已经注册过账号了，试试直接登录。
signup-just-taken = 这个用户名或邮箱刚刚被别人注册了，请换一个。

## 登录

login-title = 登录
login-heading = 登录
login-name = 用户名或邮箱
login-password = 密码
login-submit = 登录
login-forgot = 忘记密码？
login-new-here = 第一次来？
login-create-account = 创建账号
login-refused = 用户名/邮箱与密码不匹配。

## 密码

password-too-short = 密码至少需要 8 个字符。
password-too-long = 密码最多 128 个字符。
password-busy = Sprout 正忙于校验密码。

## 谁可以做什么

account-sign-in-first = 请先登录：发送从 /api/v1/auth/login 获得的 'Authorization: Bearer <token>'。
account-moderators-only = 仅限 Sprout 审核员使用。
account-admins-only = 仅限 Sprout 管理员使用。
account-no-such-member = 没有名为“{ $username }”的用户。

## 忘记密码

forgot-title = 忘记密码？
forgot-sent = 如果有账号使用这个邮箱，设置新密码的链接已经发出。链接只能使用一次，一小时内有效。
forgot-sent-api = 如果有账号使用这个邮箱，重置密码的链接已经发出。
forgot-email = 你的邮箱
forgot-submit = 发送链接到我的邮箱

## 设置新密码

reset-title = 设置新密码
reset-ask-again = 重新获取链接
reset-ask-again-end = 。
reset-password = 新密码（至少 8 个字符）
reset-submit = 保存密码
reset-logs-out = 保存后所有设备都会退出登录，之后请用新密码登录。
reset-link-invalid = 这个重置链接无效、已使用或已过期，请重新获取。
reset-done = 密码已修改，请用新密码登录。

## 确认邮箱

verify-title = 邮箱确认
verify-failed = 这个链接无法使用
verify-done = 你的邮箱已确认
verify-thanks = 谢谢！
verify-back = 返回发现页
verify-link-invalid = 这个确认链接无效或已过期。

## 退订每日摘要

unsub-title = 退订
unsub-failed = 这个链接无法使用
unsub-confirm-heading = 不再接收每日摘要？
unsub-confirm-text = 你将不会再收到每日摘要邮件，站内消息不受影响。
unsub-submit = 退订
unsub-keep = 继续接收
unsub-done-heading = 你已退订
# 围绕指向设置页的链接：“……在<a>个人资料设置</a>中……”
unsub-done-before = 不会再给你发每日摘要了。想重新开启，可以前往
unsub-done-link = 个人资料设置
unsub-done-after = 。
unsub-link-invalid = 这个退订链接无效。

## 账号被停用

suspended-heading = 你的账号已被停用
suspended-appeal-heading = 申诉
suspended-appeal-help = 如果你认为这是误判，请用自己的话告诉审核员。每个账号只能申诉一次；审核员做出决定后会在审核记录中告诉你。
suspended-appeal-label = 你的申诉
suspended-appeal-submit = 提交申诉
suspended-for-good = 由于违反 Sprout 社区规则，这个账号已被永久停用。
# $until：读者所在时区的日期和时间，例如“2027年3月3日 14:00 CST”
suspended-until = 由于违反 Sprout 社区规则，这个账号已被停用至 { $until }。
settings-zone = 时区
settings-zone-browser = 跟随浏览器
settings-zone-unknown = 请从列表中选择时区，例如 Asia/Shanghai。

