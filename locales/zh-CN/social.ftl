# 社交：关注和关注页、收藏专辑、拉黑，以及消息通知（句子接在对方的名字后面：“Ana 赞了你的笔记“…””）。

## 关注和关注页

follow-self = 不能关注自己。
follow-blocked = 你无法关注这个账号。
follow-button = 关注
follow-followers = { $count } 位粉丝
following-empty = 你关注的人发布的笔记会显示在这里，最新的在前。
following-suggestions = 你可能感兴趣的人
feed-wrong-cursor-link = 这个分页链接属于另一种排序方式，请从第一页重新开始。

## 收藏专辑

board-name-length = 专辑名称需要 { $min } 到 { $max } 个字。
board-name-taken = 你已经有一个叫“{ $name }”的专辑了。
board-owner-only = 只有专辑的主人才能修改它。
# 每个人第一次收藏笔记时得到的私密专辑的名称。
board-default-name = 我的收藏
board-private = 私密
# $owner：“@用户名”，是一个链接。
board-by = { $owner } 的收藏专辑 · { $count } 篇笔记

## 拉黑

block-self = 不能拉黑自己。
block-title = 拉黑 { $name }
block-unblock-title = 取消拉黑 { $name }
block-heading = 要拉黑 { $name }（@{ $username }）吗？
block-unblock-heading = 要取消拉黑 { $name }（@{ $username }）吗？
block-text = 对方将无法关注你或评论你的笔记，也不会在自己的信息流里看到你的笔记。你将不再看到对方的评论，也不会再收到对方的消息。你们之间的关注关系会解除。对方不会收到通知。
block-unblock-text = 对方将可以重新关注你、在信息流里看到你的笔记并发表评论。
block-block = 拉黑
block-unblock = 取消拉黑
block-cancel = 取消

## 消息通知

notif-empty = 还没有消息。有人关注你、点赞、收藏或评论你的笔记，或者提到你时，都会显示在这里。
# 审核员发出的消息的署名（消息页和每日摘要邮件里）。
notif-from-moderators = Sprout 审核员
notif-new = 新
notif-follow = 关注了你
notif-like = 赞了你的笔记“{ $title }”
notif-save = 收藏了你的笔记“{ $title }”
notif-comment = 评论了你的笔记“{ $title }”
notif-reply = 回复了你在“{ $title }”下的评论
notif-mention = 在“{ $title }”中提到了你
notif-tag-request = 在你的笔记“{ $title }”中标注了商品，请通过或移除
notif-delivered = 已送达你的订单 #{ $order }。用得怎么样？来写个评价吧
notif-order-update = 更新了你的订单 #{ $order }
notif-list = 发布了新的十佳榜单
# $target：审核员处理的对象（notif-target）；$reason：审核员给出的理由。
notif-warned = 就你的{ $target }向你发出了警告：{ $reason }
notif-account = { $action ->
    [suspend] 停用了你的账号：{ $reason }
    [unsuspend] 恢复了你被停用的账号：{ $reason }
   *[other] 处理了你的账号：{ $reason }
}
notif-moderation = { $action ->
    [dismiss] 驳回了对你的{ $target }的举报：{ $reason }
    [hide] 隐藏了你的{ $target }：{ $reason }
    [restore] 恢复了你的{ $target }：{ $reason }
    [warn] 就你的{ $target }向你发出了警告：{ $reason }
    [suspend] 停用了你的{ $target }：{ $reason }
    [unsuspend] 恢复了你被停用的{ $target }：{ $reason }
   *[other] 处理了你的{ $target }：{ $reason }
}
notif-report-handled = { $action ->
    [dismiss] 处理了你提交的举报（驳回了对这个{ $target }的举报）。谢谢你！
    [hide] 处理了你提交的举报（隐藏了这个{ $target }）。谢谢你！
    [restore] 处理了你提交的举报（恢复了这个{ $target }）。谢谢你！
    [warn] 处理了你提交的举报（就这个{ $target }发出了警告）。谢谢你！
    [suspend] 处理了你提交的举报（停用了这个{ $target }）。谢谢你！
    [unsuspend] 处理了你提交的举报（恢复了这个{ $target }）。谢谢你！
   *[other] 处理了你提交的举报（已处理这个{ $target }）。谢谢你！
}
notif-appeal-upheld = 维持了你申诉的处理决定
notif-appeal-reversed = 撤销了你申诉的处理决定
notif-other = 有新动态
notif-target = { $target ->
    [note] 笔记
    [comment] 评论
    [user] 账号
    [product] 商品
    [list] 榜单
   *[other] 内容
}
# 多人做了同一件事时，接在最新一人的名字后：“小美等 4 人赞了你的笔记”。
notif-and-others = 等 { $total } 人
