# 商城前台：商品页（含拼团优惠和社区团购）以及购物车和结算。

## 购物车

cart-title = 我的购物车
cart-empty = 购物车是空的。点一点笔记图片上的小圆点，去发现喜欢的好物吧。
cart-price-each = 单价 { $price }
# 放在购物车商品来源笔记的标题前：“来自 <笔记>”。
cart-from-note = 来自
cart-by-creator = 作者 @{ $username }
cart-quantity = 数量
cart-update = 更新
cart-remove = 删除
cart-total = 合计：
cart-delivery = 配送
cart-delivery-or-pickup = 配送或自提
cart-how = 你想怎么收货？
cart-deliver-to-me = 送货到我的地址
# 后面接加粗的自提点名称和地址。
cart-pick-up-at = 到自提点自提：
cart-group-buy-details = { $brand } 发起的社区团购 · 已有 { $orders } 单，需 { $min } 单成团 · 截单时间 { $cutoff }（{ $left }）· 营业时间 { $hours }
cart-group-buy-rule = 社区团购在截单时间前订单数达标才会成团；否则订单会被取消，不会收取任何费用。
cart-name = 收货人
cart-address = 地址
cart-address-for-delivery = （配送时填写）
cart-phone = 手机号
cart-phone-optional = （选填：方便快递员联系你）
cart-phone-for-pickup = （自提必填：到货后自提点会打电话通知你）
cart-payment-delivery = 付款方式：货到付款。下单后会为你保留库存。
cart-payment-delivery-or-collection = 付款方式：货到付款或自提时付款。下单后会为你保留库存。
cart-place-order = 提交订单 · { $total }

## 商品页

product-photos = 图片
product-photo-alt = { $product }，第 { $number } 张图
product-hidden = 已被 Sprout 审核员隐藏：买家无法看到或购买。
product-add-to-cart = 加入购物车
product-log-in-to-buy = 登录后购买
product-team-up = 拼团更省：
product-team-how = 发起拼团并分享链接，好友可在 { $hours }内参团。最多 { $max } 人。
product-open-team = 发起拼团
product-log-in-to-team-up = 登录后拼团
product-group-buys = 社区团购
product-pick-up-at = 到 { $point } 自提
product-group-buy-progress = 已有 { $orders } 单，需 { $min } 单成团 · { $left }
product-group-buy-how = 先加入购物车，结算时再选择自提点。
product-edit = 编辑商品
product-report = 举报这件商品
product-what-people-say = 真实买家怎么说
product-no-notes = 还没有笔记展示这件商品。买过吗？来写第一篇评价吧。
