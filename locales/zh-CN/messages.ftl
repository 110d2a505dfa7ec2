# 私信：与品牌和用户的对话、品牌收件箱，以及实时通道。

## 提示

msg-mail-minutes-range = 请填写 0（从不）到 { $max } 分钟之间的数值。
msg-dm-nobody = { $name } 不接收私信。
msg-dm-following-only = { $name } 只接收自己关注的人发来的私信。
msg-own-brand = 你是 { $brand } 的员工：请在品牌收件箱里回复顾客。
msg-blocked = 你无法给这位用户发私信。
msg-self = 不能和自己发起对话。
msg-subject-note = 对话的主题只能是商品或订单；笔记可以作为卡片在消息里发送。
msg-subject-brand-only = 只有与品牌的对话才能以商品或订单为主题。
msg-product-not-theirs = 这个商品不属于该品牌。
msg-body-too-long = 一条消息最多 { $count } 个字。
msg-card-one = 一条消息只能附带一张卡片：商品、笔记或订单。
msg-repeat = 同样的消息你已经发过好几次了。说点新的吧。
msg-read-only = 你们之间存在拉黑：这个对话只能查看，不能再发消息。
msg-empty = 请先写点内容。
msg-inbox-brand-only = 只有品牌员工可以分配或关闭与品牌的对话。
msg-assignee-not-staff = { $name } 不是该品牌的员工。
msg-started-twice = 这个对话刚刚已经创建，请重新打开。
msg-brand-or-username = 请指定要联系的品牌或用户（二选一）。
live-foreign-origin = 实时通道只能从 Sprout 自己的页面打开。
