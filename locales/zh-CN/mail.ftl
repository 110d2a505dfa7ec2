# Sprout 的邮件：主题，以及纯文本和 HTML 两部分的文字。
# $order：订单号（如 7）；$brand、$product、$point：名称；$url：链接。

mail-hi = { $name }，你好：

## 主题

mail-welcome-subject = 欢迎来到 Sprout：请确认你的邮箱
mail-reset-subject = 重置你的 Sprout 密码
mail-order-subject = 你在 { $brand } 的 Sprout 订单 #{ $order }
mail-delivered-subject = 用得怎么样？你的订单 #{ $order } 已送达
mail-shipped-subject = 你的订单 #{ $order } 已发货
mail-cancelled-subject = 你的订单 #{ $order } 已取消
mail-digest-subject = 你的 Sprout 消息摘要：{ $count } 条新消息
mail-suspension-subject = 你的 Sprout 账号已被停用
mail-team-made-subject = 拼团成功：{ $product } 拼团价 { $price }
mail-team-failed-subject = 你的 { $product } 拼团未成团
mail-messages-subject = { $from } 在 Sprout 上给你发了消息
mail-run-on-subject = 你在 { $point } 的社区团购已成团
mail-run-off-subject = 你在 { $point } 的社区团购未达到最低成团单数
mail-run-confirmed-subject = { $point } 的社区团购已成团：请查看拣货单
mail-run-cancelled-subject = { $point } 的社区团购已取消
mail-point-approved-subject = 你的自提点 { $point } 已通过审核
mail-point-declined-subject = 你的自提点 { $point } 未通过审核

## 欢迎：确认邮箱地址

mail-welcome-intro = 欢迎来到 Sprout！请确认这是你的邮箱地址：
mail-welcome-link = 确认邮箱地址
mail-welcome-expiry = 链接 7 天内有效。如果你没有注册过，请忽略这封邮件。

## 重置密码的链接

mail-reset-intro = 有人（希望是你本人）申请重置你的 Sprout 密码。请在这里设置新密码：
mail-reset-link = 设置新密码
mail-reset-expiry = 链接只能使用一次，一小时内有效。如果不是你本人申请的，请忽略这封邮件，你的密码不会改变。

## 订单及其进展

mail-order-thanks = 感谢你在 { $brand } 下单，订单号 #{ $order }：
# $payment：mail-pay-on-collection 或 mail-pay-on-delivery
mail-order-total = 合计：{ $total }（{ $payment }）
# HTML 部分中，金额加粗放在这两段之间：“合计：<strong>¥9.00</strong>（货到付款）”
mail-order-total-label = 合计：
mail-order-payment = （{ $payment }）
mail-pay-on-collection = 自提时付款
mail-pay-on-delivery = 货到付款
# 后面是自提点或收货人的姓名和地址
mail-order-pickup = 社区团购：如果在截单时间前达到最低成团单数，请到以下自提点取货：
mail-order-delivery = 收货地址：
mail-order-follow-url = 查看订单进度：{ $url }
mail-order-follow = 查看订单进度：
mail-order-follow-link = 你的订单 #{ $order }
mail-your-order-url = 你的订单：{ $url }
mail-your-order = 你的订单：
mail-order-number = 订单 #{ $order }
mail-delivered = 你在 { $brand } 的订单 #{ $order } 已送达。用得怎么样？
mail-delivered-review = 写一篇评价笔记吧：笔记会带有“已购买”认证标识，商品也已经帮你标记好了：
mail-review-link = 评价 { $product }
mail-shipped = { $brand } 已发出你的订单 #{ $order }。
mail-cancelled = { $brand } 已取消你的订单 #{ $order }，不会收取任何费用。

## 每日摘要

mail-digest-intro = 自上次摘要以来，Sprout 上发生了这些事：
mail-digest-see-all-url = 查看全部：{ $url }
mail-digest-see-all = 查看全部
mail-digest-footer-text = 你收到这封邮件，是因为你订阅了每日摘要。一键退订：
# HTML 页脚：“{why} <a>{unsubscribe}</a>{end}”
mail-digest-why = 你收到这封邮件，是因为你订阅了每日摘要。
mail-digest-unsubscribe = 一键退订
mail-digest-unsubscribe-end = 。

## 账号停用

mail-suspension-reason = 审核员给出的理由：{ $reason }
mail-suspension-appeal-text = 如果你认为这是误判，可以登录 { $url } 提出申诉（仅限一次），用你自己的话说明情况。
# HTML 部分：“{before} <a>{link}</a> {after}”
mail-suspension-appeal-before = 如果你认为这是误判，可以
mail-suspension-appeal-link = 登录
mail-suspension-appeal-after = 后提出申诉（仅限一次），用你自己的话说明情况。

## 拼团结束

mail-team-made = { $size } 人参加了你的拼团，每人都按拼团价 { $price } 付款。你的订单 #{ $order } 已确认。
mail-team-failed = 时间到了，参团人数不足。你的订单 #{ $order } 已取消，不会收取任何费用。
mail-team-url = 拼团详情：{ $url }
mail-team = 拼团详情：
mail-team-link = 你的 { $product } 拼团
mail-messages-intro = { $from } 给你发了消息，你还没有看：
mail-messages-more = ……还有 { $count } 条消息。
mail-messages-url = 查看并回复：{ $url }
mail-messages-link = 查看并回复
mail-messages-why = 有消息未读时我们会发这封邮件；可以在设置中选择多久之后提醒（或不提醒）。同一个对话每小时最多一封。

## 社区团购截单：给买家

# $line：自提点的名称、地址和营业时间
mail-run-on = 社区团购已达到最低成团单数，你在 { $brand } 的订单 #{ $order } 已确认。团长通知到货后，请到 { $line } 取货。
mail-run-off = { $point } 的社区团购截单时只有 { $orders } 单，未达到所需的 { $min } 单，你在 { $brand } 的订单 #{ $order } 已取消，不会收取任何费用。

## 社区团购截单：给自提点团长和品牌

mail-run-closed-on = { $brand } 在 { $point } 的社区团购已截单，共 { $orders } 单（最低成团 { $min } 单），已成团。
mail-run-closed-off = { $brand } 在 { $point } 的社区团购截单时只有 { $orders } 单，未达到所需的 { $min } 单，已取消；其中所有订单均已取消，库存已重新上架销售。
mail-picklist-text = 拣货单（按顾客和商品分列，可打印，也可导出 CSV）：
# HTML 部分：“<a>{link}</a>{after}”
mail-picklist-link = 拣货单
mail-picklist-after = ：按顾客和商品分列，可打印，也可导出 CSV。
mail-run-link = 查看这个社区团购

## 自提点审核结果

mail-point-approved = { $point } 已通过审核：品牌现在可以在这里开设社区团购，每次截单后你都会收到拣货单。
mail-point-declined = 管理员没有通过 { $point }（{ $address }）的审核。欢迎填写完整地址和营业时间后重新申请自提点。
mail-points-url = 你的自提点：{ $url }
mail-points-link = 你的自提点
