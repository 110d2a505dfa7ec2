# 社区团购：自提点、团购活动、拣货单和取货。

community-log-in = 请先登录。

## 自提点

point-line = { $name }，{ $address }（营业时间 { $hours }）
pickup-address = 自提点：{ $line }
point-name-invalid = 请给自提点起一个不超过 80 个字的名称。
point-address-invalid = 请填写自提点的完整地址。
point-hours-invalid = 请写明邻居可以来取货的时间，例如“周一至周六 9:00–20:00”。
points-too-many-waiting = 你已有五个自提点在等待审核，请先等管理员处理。
point-approved-already = { $name } 已通过审核，无法再拒绝。
point-open-hours = 营业时间 { $hours }
point-led-by = 团长
point-approved = 已通过审核
point-waiting = 等待审核
point-approve = 通过 { $name }
point-decline = 拒绝
point-decline-title = 要拒绝 { $name } 吗？
point-decline-explain = 这个自提点将被移除，我们会发邮件告知团长；团长可以重新申请。
point-decline-confirm = 是的，拒绝
point-decline-keep = 暂不处理
point-form-name = 名称
point-form-name-placeholder = 枫林苑街角小店
point-form-address = 地址
point-form-hours = 营业时间
point-form-hours-placeholder = 周一至周六 9:00–20:00
point-form-submit = 提交审核

points-admin-title = 待审核的自提点
points-admin-heading = 自提点
points-admin-intro = 确认团长的自提点可信后再通过审核；通过后，品牌就可以在那里开社区团购。
points-admin-cli-before = （也可以运行命令：
points-admin-cli-after = 。）
points-admin-none = 还没有自提点。

## 团长页面

leader-title = 团长：自提点
leader-heading = 你的自提点
leader-intro = 做社区团购的团长：品牌在你的自提点开团，邻居下单，你负责把订单交到他们手里。每个新自提点都要先经过管理员审核。
leader-registered = 谢谢！你的自提点已登记，正在等待管理员审核；审核结果会通过邮件通知你。
leader-no-points = 你还没有自提点。
leader-runs-heading = 你的自提点上的社区团购
leader-register-heading = 登记自提点

## 社区团购

run-status-open = 进行中
run-status-confirmed = 已成团
run-status-cancelled = 已取消
run-cutoff-secs-range = cutoff_secs 必须在 1 到 { $max } 之间（未来 { $days } 天内）。
run-cutoff-format = 请用 RFC 3339 格式填写截单时间，例如 2026-12-01T18:00:00Z。
run-cutoff-missing = 请填写截单时间。
run-cutoff-window = 截单时间必须在未来 { $days } 天内。
run-min-orders-range = 最低成团订单数为 1 到 10,000 单。
run-products-count = 请为这次团购选择 1 到 50 件商品。
run-point-pending = 这个自提点还在等待管理员审核。
run-product-missing = 其中有商品不存在。
run-one-brand = 一次团购只能卖同一个品牌的商品。
run-product-not-on-sale = { $name } 未在售。
run-one-currency = 一次团购的商品必须使用同一种货币。
run-closed = 这次社区团购已截单，订单正在汇总中。
runs-staff-only = 只有品牌的工作人员可以开社区团购。
run-form-hours = 请填写几小时后截单，例如 24。
run-form-min-orders = 最低订单数必须是整数。
run-form-point = 请选择自提点。

runs-brand-title = { $brand }：社区团购
runs-brand-heading = 社区团购
runs-brand-intro = 在团长的自提点开一次团购：邻居在截单前订购你选定的商品；订单数够了，团长会收到一份拣货单，你把货送到自提点；不够的话，所有订单都会取消，库存也会退回。
runs-col-point = 自提点
runs-col-run = 团购
runs-col-status = 状态
runs-col-orders = 订单
runs-col-cutoff = 截单时间
run-brand-at-point = { $brand } · { $point }
runs-open-heading = 开一次社区团购
runs-no-points = 还没有通过审核的自提点。
runs-no-products = 请先在商品目录里添加商品。
runs-form-point = 自提点
runs-form-products = 商品
runs-form-in-stock = 库存 { $count }
runs-form-hours = 几小时后截单
runs-form-min-orders = 最低成团订单数
runs-form-submit = 开团

## 团购页面

run-title = { $point } 的社区团购
run-heading = { $brand } 社区团购
run-pick-up-at = 到 { $point } 自提
run-point-hours = 营业时间 { $hours }
run-leader = 团长
run-orders-of = { $orders }/{ $min }
run-orders-word = 单
run-more-needed = 还差 { $count } 单
run-minimum-met = 已达到成团订单数
run-orders-close = 截单时间 { $cutoff }
run-how-to-order = 把想要的商品加入购物车，结算时选择这个自提点即可。如果截单时订单数不够，所有订单都会取消，不会扣款。
run-confirmed = 这次社区团购已截单，共 { $count } 单，已成团：请到自提点取货。
run-cancelled = 这次社区团购截单时订单数不够，订单已全部取消。
run-added = { $product } 已加入购物车。
run-added-check-out = 去结算
run-added-choose-pickup = 并选择在这里自提。
run-stock-left = 仅剩 { $count } 件
run-sold-out = 已售罄
run-quantity = 数量
run-add-to-cart = 加入购物车
run-go-to-cart = 去购物车结算
run-log-in-to-order = 登录后下单

## 拣货单

picklist-link = 拣货单
picklist-heading = 拣货单
picklist-title = 拣货单：{ $brand } · { $point }
picklist-run-at = ·
picklist-run-comma = ，
picklist-cutoff = 截单时间 { $cutoff }
picklist-orders = { $count } 单
picklist-items = { $count } 件
picklist-csv-per-customer = 按顾客导出 CSV
picklist-csv-per-product = 按商品导出 CSV
picklist-the-run = 查看团购
picklist-still-open = 订单还在陆续进来；截单后这份清单才是最终版。
picklist-per-product = 按商品
picklist-per-customer = 按顾客
picklist-no-orders = 暂无订单。
picklist-col-product = 商品
picklist-col-quantity = 数量
picklist-col-customers = 顾客数
picklist-col-order = 订单
picklist-col-customer = 顾客
picklist-col-items = 商品
picklist-col-to-pay = 应付
picklist-col-collected = 已取货
picklist-collected = 已取货
picklist-mark-collected = 标记为已取货
picklist-print = 打印
picklist-print-hint = （或使用浏览器的打印功能）
picklist-forbidden = 只有团长和品牌方可以查看团购的拣货单。

# 拣货单 CSV 文件的表头，以及“是否已取货”一列的取值
picklist-csv-order-id = 订单号
picklist-csv-customer = 顾客
picklist-csv-username = 用户名
picklist-csv-phone = 电话
picklist-csv-product = 商品
picklist-csv-product-id = 商品编号
picklist-csv-quantity = 数量
picklist-csv-collected = 已取货
picklist-csv-customers = 顾客数
picklist-csv-yes = 是
picklist-csv-no = 否

## 取货

pickup-leader-only = 只有自提点的团长可以把订单标记为已取货。
pickup-own-order = 你不能把自己的订单交给自己：请让品牌方标记为已取货。
pickup-collected-already = 订单 #{ $order } 已经取过货了。
pickup-not-confirmed = 社区团购成团后才能取货。
pickup-cannot-collect = 订单 #{ $order } 当前状态为 { $status }，无法取货。
point-form-zone = 时区（营业时间和截单时间所用）
point-zone-invalid = 请从列表中选择自提点所在的时区，例如 Asia/Shanghai。
