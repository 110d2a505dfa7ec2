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
