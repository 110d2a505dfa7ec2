# 社区安全：举报、审核队列、审核操作、审核记录、申诉、屏蔽词和防刷限制。

moderation-title = 内容审核
mod-moderators-only = 这里仅供 Sprout 审核员使用。
mod-author = 作者
mod-bad-cursor = 这个翻页链接无效，请从第一页重新开始。

## 被举报的对象：单独使用、“一…”、“这…”、“你的…”

mod-kind-note = 笔记
mod-kind-comment = 评论
mod-kind-user = 用户
mod-kind-product = 商品
mod-kind-list = 榜单
mod-a-note = 一篇笔记
mod-a-comment = 一条评论
mod-a-user = 一个用户
mod-a-product = 一件商品
mod-a-list = 一个榜单
mod-a-thing = 一项内容
mod-this-note = 这篇笔记
mod-this-comment = 这条评论
mod-this-user = 这个用户
mod-this-product = 这件商品
mod-this-list = 这个榜单
mod-your-note = 你的笔记
mod-your-comment = 你的评论
mod-your-user = 你的账号
mod-your-product = 你的商品
mod-your-list = 你的榜单
mod-target-type-invalid = target_type 必须是 note、comment、user、product 或 list。
mod-target-id-invalid = target_id 必须是编号；举报用户时填用户名。

## 审核状态

mod-state-visible = 可见
mod-state-hidden = 已隐藏
mod-state-held = 待审核
mod-state-active = 正常
mod-state-suspended = 已停用
mod-now-state = 当前状态：{ $state }

## 审核操作

mod-action-dismiss = 驳回举报
mod-action-hide = 隐藏
mod-action-restore = 恢复
mod-action-warn = 警告
mod-action-suspend = 停用
mod-action-unsuspend = 解除停用
mod-action-invalid = 请选择操作：dismiss、hide、restore、warn、suspend 或 unsuspend。
# 对 $target（“一篇笔记”“你的笔记”）做了什么；$action 是存储的操作名。
mod-did = { $action ->
    [dismiss] 驳回了对{ $target }的举报
    [hide] 隐藏了{ $target }
    [restore] 恢复了{ $target }
    [warn] 就{ $target }发出了警告
    [suspend] 停用了{ $target }
    [unsuspend] 解除了对{ $target }的停用
   *[other] 处理了{ $target }
}
mod-reason-length = 请用 1 到 { $max } 个字说明理由：理由会公开显示在审核记录中。
mod-own-content = 你自己的内容或账号需要由其他审核员处理。
mod-form-action = 操作
mod-form-reason = 理由（公开）
mod-form-days = 天数（用于停用；留空表示永久）
mod-form-apply = 执行

suspend-days-range = 停用时长为 1 到 { $max } 天；不填天数表示永久停用。
suspend-days-whole = 天数必须是整数。
suspend-not-hide = 账号只能停用，不能隐藏：请使用 suspend 或 unsuspend。
suspend-the-account = 请停用账号本身：target_type 填 user，并附上作者的用户名。
suspend-moderator-admin-only = 只有管理员可以停用审核员。
suspend-author-reason = 停用作者 @{ $username } — 理由（公开）
suspend-form-days = 天数（留空表示永久）
suspend-form-sure = 确定：结束其所有登录，并在此期间禁止其使用
suspend-form-submit = 停用 @{ $username }

## 举报

report-reason-spam = 垃圾信息
report-reason-fake-review = 虚假评价
report-reason-undisclosed-ad = 未声明的广告
report-reason-counterfeit = 假冒商品
report-reason-harassment = 骚扰
report-reason-prohibited = 违禁物品
report-reason-other = 其他问题
report-reason-other-short = 其他
report-reason-invalid = 请选择举报理由：spam、fake_review、undisclosed_ad、counterfeit、harassment、prohibited 或 other。
report-no-such = 找不到要举报的{ $kind }。
report-details-length = 请控制在 { $max } 个字以内。
report-own = 你不能举报自己的内容或账号。
report-held-details = 自动待审：内容包含“{ $phrase }”。
report-automatic = 系统自动
report-title = 举报
report-heading = 举报{ $target }
report-what-is-wrong = 它有什么问题？
report-details-label = 给审核员留几句话（选填）
report-submit = 提交举报
report-cancel = 取消
report-sent-heading = 谢谢你
report-sent-before = 你对
report-sent-after = 的举报已送达 Sprout 审核员。其他人都看不到是谁举报的。处理完成后你会收到通知。
report-back = 返回

## 审核队列

reports-heading = 举报
reports-intro-before = 被举报最多的排在前面。每次操作都会处理该对象上的所有举报、通知举报人，并连同你的理由写入公开的
reports-intro-modlog = 审核记录
reports-intro-after = 。
reports-none = 没有待处理的举报。
reports-count = { $count } 条举报
reports-more = 更多
reports-status-invalid = status 必须是 open 或 resolved。

## 申诉

appeals-heading = 申诉
appeals-none = 没有待处理的申诉。
appeal-line = 申诉了 #{ $id }（{ $did }：{ $reason }）：
appeal-reverse = 撤销（恢复）
appeal-uphold = 维持
appeal-title = 申诉
appeal-what-happened = Sprout 审核员{ $did }：“{ $reason }”（{ $date }）。
appeal-once = 你只能申诉一次。请用自己的话说明为什么应该撤销。
appeal-form-text = 你的申诉
appeal-form-submit = 提交申诉
appeal-sent-heading = 申诉已提交
appeal-sent-before = 审核员会阅读并作出决定；结果会显示在
appeal-sent-modlog = 审核记录
appeal-sent-after = 中。
appeal-text-length = 申诉内容请控制在 1 到 { $max } 个字。
appeal-not-appealable = 只有隐藏和停用可以申诉。
appeal-already = 你已经申诉过了，审核员会作出决定。
appeal-decided-already = 这条申诉已经处理过了。
appeal-reversed-reason = 申诉成功，已撤销操作 #{ $action }。
appeal-sign-in-first = 请先登录：用 /api/v1/auth/login 获取令牌，并发送“Authorization: Bearer <token>”。
appeal-token-invalid = 这个令牌无效（或已失效），请重新登录。
appeal-form-expired = 这个申诉表单已过期：请重新登录后再申诉。

## 审核记录

modlog-title = 审核记录
modlog-intro = Sprout 审核员做过的每一项操作及其理由。举报人的身份永远不会公开。
modlog-empty = 暂无记录。
modlog-older = 更早

## 屏蔽词

words-title = 屏蔽词
words-heading = 屏蔽词和短语
words-intro-before = 含有屏蔽词的笔记或评论会进入待审：只有作者本人能看到，并标记为等待审核，直到审核员在
words-intro-queue = 审核队列
words-intro-after = 中发布（恢复）或隐藏它。匹配时不区分大小写。
words-add = 添加
words-empty = 列表是空的。
words-remove = 删除“{ $phrase }”
words-phrase-length = 屏蔽词或短语需要 1 到 100 个字符。
words-list-full = 列表最多只能容纳 { $max } 个短语。
words-say-which = 请说明要删除哪个短语：{"{"}"phrase": "…"{"}"}。

## 防刷限制（error-rate-limited 的 $what）

limit-notes = 每小时最多可以发 { $count } 篇笔记。
limit-comments = 每分钟最多可以写 { $count } 条评论。
limit-follows = 每小时最多可以关注 { $count } 个人。
limit-reports = 每天最多可以提交 { $count } 次举报。
limit-messages = 每分钟最多可以发 { $count } 条消息。
limit-conversations = 每小时最多可以发起 { $count } 个新对话。
limit-new-account = { $what }新账号在确认邮箱之前，可操作的次数会少一些。
limit-repeat-note = 你在一天内已经发过一模一样的笔记了。说点新的吧，或者编辑你已发布的那篇笔记。
limit-repeat-comment = 同样的评论你已经写过好几次了。说点新的吧。
