# 每个页面的框架、错误页，以及各处共用的文字。

site-tagline = 真实买家的真实笔记。
nav-main = 主导航
nav-explore = 发现
nav-following = 关注
nav-cart = 购物车
nav-orders = 订单
nav-moderation = 内容审核
nav-notifications = 消息
nav-unread = { $count } 条未读
nav-post = + 发笔记
nav-log-out = 退出登录
nav-log-in = 登录
nav-sign-up = 注册
nav-me = 我
search-label = 搜索
search-placeholder = 搜索笔记、用户、#话题
verify-email-notice = 请确认你的邮箱地址：我们已向 { $email } 发送了一封带链接的邮件。
footer-modlog = 审核记录
lang-switch = 语言
lang-switch-go = 切换

likes-count = { $count } 个赞

## 错误：错误页的标题，以及各处共用的提示

error-title-not-found = 找不到页面
error-title-unauthorized = 请先登录
error-title-forbidden = 无权操作
error-title-invalid = 请检查填写的内容
error-title-conflict = 已被占用
error-title-sold-out = 已售罄
error-title-too-large = 内容过大
error-title-rate-limited = 操作太频繁
error-title-suspended = 账号已被停用
error-title-internal = 出错了
error-status = 错误 { $status }
error-back = 返回发现页
error-internal = 我们这边出了点问题。如果反复出现，请提供错误编号 { $id }。
error-not-found = 找不到{ $thing }。
error-not-found-anything = 找不到你要的内容。
error-rate-limited = { $what }请在 { $wait }后重试。
wait-seconds = { $count } 秒
wait-minutes = { $count } 分钟
wait-hours = { $count } 小时

## 可能找不到的东西

thing-action = 这项操作
thing-appeal = 这条申诉
thing-blocked-word = 这个屏蔽词
thing-board = 这个收藏专辑
thing-brand = 这个品牌
thing-cart-line = 购物车里的这件商品
thing-comment = 这条评论
thing-conversation = 这个对话
thing-deal = 这个优惠
thing-entry = 这个条目
thing-group-buy = 这个社区团购
thing-hashtag = 这个话题
thing-list = 这个榜单
thing-message = 这条消息
thing-moderation-action = 这项审核操作
thing-note = 这篇笔记
thing-order = 这个订单
thing-phrase = 这个短语
thing-pickup-point = 这个自提点
thing-product = 这件商品
thing-product-tag = 这个商品标签
thing-team = 这个拼团
thing-user = 这个用户

lang-unknown = Sprout 支持英文（en）和简体中文（zh-CN）。
nav-account = 我的账号
nav-skip = 跳到正文

## 时间

time-just-now = 刚刚
time-minutes-ago = { $count } 分钟前
time-hours-ago = { $count } 小时前
time-days-ago = { $count } 天前

## 表单中可选的时区
zone-asia-shanghai = 中国（北京时间）
zone-asia-hong-kong = 中国香港
zone-asia-taipei = 中国台北
zone-asia-singapore = 新加坡
zone-asia-tokyo = 东京
zone-asia-seoul = 首尔
zone-australia-sydney = 悉尼
zone-europe-london = 伦敦
zone-europe-paris = 巴黎
zone-europe-berlin = 柏林
zone-america-new-york = 纽约
zone-america-chicago = 芝加哥
zone-america-los-angeles = 洛杉矶
zone-america-vancouver = 温哥华
zone-utc = 协调世界时
