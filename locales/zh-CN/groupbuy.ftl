# 拼团：拼团优惠、团和拼团页面。

team-tier-line = { $size } 人团：每人 { $price }
team-duration-hours = { $count } 小时
team-duration-minutes = { $count } 分钟
team-duration-seconds = { $count } 秒

## 拼团状态

team-status-open = 拼团中
team-status-succeeded = 拼团成功
team-status-failed = 拼团未成团

## 拼团优惠与参团

team-deal-tiers-count = 一个拼团优惠可设 1 到 5 档价格。
team-deal-tiers-order = 价格档从 2 人团起；人数越多的团，价格要比上一档更低。
team-deal-tiers-price = 每一档拼团价都必须低于单买价。
team-deal-max-size = 团的人数上限应在 { $largest } 到 500 之间。
team-deal-duration = 拼团时限为 1 秒到 7 天。
team-shipping-needed = 请填写收货人姓名和完整的收货地址。
team-closed = 这个团已经结束了。
team-full = 这个团已经满员了。
team-already-member = 你已经在这个团里了。

## 拼团页面

team-title = 一起拼团：{ $product }
team-solo-price = 单买价 { $price }
team-each-now = /人（当前价）
team-everyone-pays = 每人支付
team-orders-cancelled = 所有订单均已取消
team-joined = 已有 { $size }/{ $max } 人参团
team-seats-to-next-tier = 再来 { $count } 人即可享受下一档价格
team-share-link = 把链接分享给好友
team-you-are-in = 你已参团。成团结算前，你的订单会一直保留。
team-form-name = 收货人
team-form-address = 收货地址
team-join-fine-print = 参团即下单购买一件，按成团时达到的价格计算（货到付款）。如果到时未能成团，订单会自动取消。
team-join = 立即参团
team-log-in-to-join = 登录后参团
