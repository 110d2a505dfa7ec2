# 商城：品牌与商品目录、笔记里的商品标签、购物车、结算、订单和销售看板。

## 库存

stock-no-longer-sold = 已下架
stock-sold-out = 已售罄
stock-only-left = 仅剩 { $count } 件
stock-in-stock = 库存 { $count } 件
stock-no-longer-sold-remove = { $product } 已下架，请把它移出购物车。
stock-just-sold-out = 抱歉，{ $product } 刚刚售罄了。
stock-lower-quantity = 抱歉，{ $product } 仅剩 { $count } 件，请减少购买数量。

## 品牌

brand-slug-invalid = 品牌网址名需要 2 到 40 个字符，只能用小写字母、数字或短横线（例如“green-leaf”）。
brand-name-length = 品牌名称需要 1 到 60 个字。
brand-description-too-long = 简介最多 2000 个字。
brand-slug-taken = 品牌网址名“{ $slug }”已被占用，换一个试试。
brand-staff-only = 只有{ $brand }的员工可以这样做。
brand-owner-only = 只有{ $brand }的所有者可以添加员工。
brand-no-such-member = 没有叫“{ $username }”的用户。
brand-already-staff = { $username } 已经是{ $brand }的员工了。
brand-commission-range = 佣金比例须在 0% 到 50% 之间。
brand-verify-admin-only = 只有管理员可以认证品牌。
brand-notice-created = 你的品牌已经建好了。在下面添加商品吧，管理员很快会来认证。
brand-notice-product = 商品已保存。
brand-notice-settings = 设置已保存。
brand-notice-staff = 已添加员工。
brand-commission-not-percent = 佣金是一个百分比，例如 5 或 2.5。

## 购物车

cart-quantity-range = 请选择 1 到 { $max } 之间的数量。
cart-note-not-showing = 这篇笔记里没有这件商品。
cart-list-not-ranking = 这个榜单里没有这件商品。
cart-sold-out = { $product } 已售罄。
cart-only-left-would-hold = { $product } 仅剩 { $count } 件，而你的购物车里将有 { $wanted } 件。
cart-only-left = { $product } 仅剩 { $count } 件。

## 结算

checkout-name-missing = 请填写收货人姓名。
checkout-address-missing = 请填写完整的收货地址。
checkout-phone-missing = 请填写手机号：订单到货后自提点会打电话通知你。
checkout-phone-invalid = 这看起来不像电话号码：需要 6 到 15 位数字，可以用空格、横线或括号分隔，外国号码前面加 +。
checkout-key-length = 幂等键需要 1 到 100 个字符。
checkout-cart-empty = 你的购物车是空的。
checkout-no-address = 请填写收货地址。
checkout-not-in-group-buy = { $product } 不在这次社区团购里：请把它移出购物车，或改选送货上门。

## 订单：作为标签的状态，以及句子里的状态

order-status-placed = 已下单
order-status-paid = 已付款
order-status-shipped = 已发货
order-status-delivered = 已送达
order-status-cancelled = 已取消
order-status-team-pending = 等待成团
order-status-run-pending = 等待社区团购截单
order-status-collected = 已自提
order-status-other = { $status }
order-state-placed = 已下单
order-state-paid = 已付款
order-state-shipped = 已发货
order-state-delivered = 已送达
order-state-cancelled = 已取消
order-state-team-pending = 等待成团
order-state-run-pending = 等待截单
order-state-other = { $status }
order-mark-paid = 标记为已付款
order-mark-shipped = 标记为已发货
order-mark-delivered = 标记为已送达
order-mark-cancelled = 标记为已取消
order-mark-other = 标记为{ $status }

order-not-your-own = 你不能推进自己的订单，需要由品牌的其他员工来操作。
order-brand-only = 只有品牌方可以推进订单。
order-cannot-become = “{ $from }”的订单不能改为“{ $to }”。
order-no-such-status = 没有“{ $status }”这种订单状态。
order-changed-meanwhile = 订单刚刚有了变动，请刷新后重试。
order-item-not-yours = 这不是你订单里的商品。
order-item-not-delivered = 商品送达后才能写评价。
order-item-reviewed = 你已经评价过这件商品了。

## 商品与商品目录

product-name-length = 商品名称需要 1 到 120 个字。
product-description-too-long = 商品描述最多 5000 个字。
product-category-too-long = 商品分类最多 60 个字。
product-price-invalid = 价格以“分”为单位，须是不小于 0 的整数。
product-currency-invalid = { $code } 不是 ISO 4217 币种；请使用三个字母的代码，例如 CNY 或 EUR。
product-stock-invalid = 库存须是不小于 0 的整数。
product-name-taken = { $brand } 已经有一件叫“{ $product }”的商品了。
product-too-many-photos = 每件商品最多 { $count } 张图片。
product-price-format = 价格请写成 129 或 129.50 这样的格式。
product-not-saved = { $error }没有保存任何内容，请重新填写商品信息。
product-photo-described = 第 { $number } 张图片（“{ $name }”）

## 商品目录的 CSV 导入（列名保持英文：name、price_cents……）

catalog-csv-line = 第 { $line } 行：{ $message }
catalog-csv-empty = 文件是空的：第一行应写明各列的列名。
catalog-csv-missing-column = 第一行必须包含“{ $column }”列（必填：name、price_cents、currency、stock；选填：description、category、active、commission_bps）。
catalog-row-not-a-number = { $column } 的值“{ $value }”不是整数
catalog-row-twice = “{ $product }”在文件里出现了两次
catalog-row-unreadable = 无法读取这一行
catalog-csv-no-products = 文件只有表头，没有商品。
catalog-csv-quote-open = 有一个带引号的字段没有闭合
catalog-file-charset-unknown = Content-Type 里的字符集本站无法读取，请用 UTF-8 发送。
catalog-file-unreadable = 无法读取文件，请重新发送。
catalog-file-too-large = 商品目录文件最大 { $kb } KB，请分成几次导入。
catalog-file-not-text = 这个文件不是有效的 { $charset } 文本。
catalog-import-rows-wrong = 没有导入任何商品：有些行有错误。
catalog-search-limit = limit 应是 1 到 50 之间的数字。
catalog-file-not-utf8 = 这个文件既不是 UTF-8 也不是 GB18030（GBK）文本，请另存为 CSV（UTF-8）。
catalog-file-missing = 请选择要导入的 CSV 文件。
catalog-imported = 导入完成：新增 { $created } 件商品，更新 { $updated } 件。
catalog-import-rows-to-fix = 没有导入任何商品：有 { $count } 行需要修改（见下方列表）。

## 销售看板

# 看板 CSV 下载的表头：九列，用英文逗号隔开。
stats-csv-header = 笔记编号,标题,创作者,浏览量,标签点击,加购次数,订单数,销售额（分）,佣金（分）
dashboard-title-creator = 我的笔记带货数据
dashboard-title-brand = { $brand }：带货的笔记和创作者

## 笔记图片上的商品标签

product-tags-not-a-list = 商品标签应是一个 JSON 列表，例如 [{"{"}"image": 0, "x": 0.5, "y": 0.4, "product_id": 7{"}"}]。
product-tag-position = 标签的 x 和 y 是在图片上的相对位置，取值 0 到 1。
product-tag-no-photo = 没有第 { $number } 张图片：这篇笔记只有 { $count } 张。
product-tag-not-in-catalog = 商品 { $id } 不在任何商品目录里。
product-tags-per-photo = 每张图片最多标记 { $count } 件商品。
product-tag-author-only = 只有笔记作者可以在笔记里标记商品。
product-tag-own-brand-only = 在别人的笔记里，你只能标记你所在品牌的商品。
product-tag-approve-author-only = 只有笔记作者可以通过笔记上的标签。
product-tag-remove-author-only = 只有笔记作者可以移除这个标签。

## 品牌页面

brand-admin-title = 待认证的品牌
brand-admin-heading = 品牌
brand-admin-empty = 还没有品牌。
brand-verified-word = 已认证
brand-admin-verify = 认证{ $brand }
brand-verified-title = 认证品牌
brand-verified-hidden = 认证品牌
brand-not-verified = 尚未通过 Sprout 认证。
brand-manage-catalog = 管理商品
brand-orders = 订单
brand-dashboard = 数据看板
brand-group-buys = 社区团购
brand-product-count = { $count } 件商品
brand-no-products = 还没有商品。

## 管理品牌的商品目录

brand-manage-title = 管理{ $brand }
# 标题里品牌名之后的部分：“Green Leaf：商品目录”。
brand-manage-heading-suffix = ：商品目录
catalog-rows-to-fix = 需要修改的行
catalog-row-line = 行号
catalog-row-wrong = 问题
brand-manage-products = 商品
brand-manage-no-products = 还没有商品：在下面添加，或导入 CSV 文件。
brand-manage-col-product = 商品
brand-manage-col-price = 价格
brand-manage-col-stock = 库存
brand-manage-hidden = （已隐藏）
brand-manage-edit = 编辑
brand-manage-add-product = 添加商品
brand-manage-add-product-button = 添加商品
product-field-name = 名称
product-field-description = 描述
product-field-category = 分类
product-field-category-placeholder = 护肤
product-field-price = 价格
product-field-currency = 币种
product-field-stock = 库存
product-field-commission-default = 创作者佣金，%（留空：使用品牌的 { $percent }%）
product-field-photos = 图片（最多 6 张）
catalog-import-heading = 从 CSV 导入
catalog-import-first-line = 第一行：
# 可选列名的前后：“（选填 active、commission_bps）。”
catalog-import-optional-before = （选填
catalog-import-optional-after = ）。
catalog-import-help = 已在售的同名商品会被更新。只要有一行出错，就不会导入任何商品，并列出所有出错的行。
catalog-import-file = CSV 文件
catalog-import-button = 导入
brand-settings-heading = 设置
brand-settings-commission = 笔记带来的销售给创作者的佣金，%
brand-settings-logo = 品牌标志
brand-settings-logo-current = 当前的品牌标志
brand-settings-save = 保存设置
brand-staff-heading = 员工
brand-role-owner = 所有者
brand-role-staff = 员工
brand-staff-username = 用户名
brand-staff-username-placeholder = 用户名
brand-staff-add = 添加员工

## 创建品牌

brand-new-title = 创建品牌
brand-new-intro = 品牌可以经营商品目录、在笔记里标记自家商品，并查看哪些笔记和创作者带来了销量。新品牌需经管理员认证，认证前不显示 ✓ 标志。
brand-new-name = 品牌名称
brand-new-slug = 网址名
# 后面接斜体的网址名示例：“……品牌主页地址为 /brands/网址名。”
brand-new-slug-help = 只能使用小写字母、数字和短横线，你的品牌主页地址为 /brands/
brand-new-slug-help-example = 网址名
brand-new-description = 你做什么产品
brand-new-create = 创建品牌

## 数据看板页面

stats-views = 浏览量
stats-tag-taps = 标签点击
stats-added-to-cart = 加购次数
stats-orders = 订单数
stats-revenue = 销售额
stats-commission = 佣金
stats-unattributed = 非笔记带来：{ $count } 个订单，{ $revenue }。
stats-revenue-by-note = 各笔记销售额
stats-per-note = 按笔记
stats-explained = 这些数字的含义
stats-views-means = 笔记被打开的次数(不含作者本人的浏览)。
stats-tag-taps-means = 有人点开笔记照片上商品标签的次数。
stats-added-to-cart-means = 从这篇笔记把商品加入购物车的次数。
stats-orders-means = 买家在笔记上最后一次看到被标记商品后 { $days } 天内下的订单。以最近的笔记计,已取消的订单不计。
stats-revenue-means = 这些订单的金额(未扣除退款)。
stats-commission-means = 按品牌佣金比例,创作者从这些销售额中得到的部分。
stats-download-csv = 下载 CSV
stats-empty-brand = 还没有笔记展示你的商品。
stats-empty-creator = 在笔记里标记商品，就能看到它们带来的销量。
stats-col-note = 笔记
stats-col-creator = 创作者
stats-col-add-to-cart = 加购
stats-col-list = 榜单
# 一篇笔记的多个商品名之间的分隔符。
stats-products-separator = 、
stats-per-list = 按十佳榜单
stats-per-creator = 按创作者

## 订单页面

order-title = 订单 #{ $id }
orders-title-mine = 我的订单
orders-title-brand = { $brand }：订单
order-placed-notice = 谢谢！订单已提交，确认邮件正在发送。
orders-placed-notice = 谢谢！订单已提交，确认邮件正在发送。
orders-empty = 还没有订单。
# 品牌名之前：“来自 Green Leaf”。
order-from-brand = 来自
# 买家 @用户名 之前：“买家 @lily”。
order-bought-by = 买家
order-col-item = 商品
order-col-qty = 数量
order-col-price = 单价
order-col-total = 小计
# “来自 @lily 的一篇笔记”：笔记链接前后的文字。
order-via = 来自
order-via-a-note = 一篇笔记
order-by-creator = 作者 @{ $username }
order-your-review = 我的评价
order-write-review = 写评价
order-total-pay-on-collection = 合计（自提时付款）
order-total-pay-on-delivery = 合计（货到付款）
order-pickup = 自提
# “已加入一个社区团购[：截单前订单数达标就会成团]。”
order-into-before = 已加入
order-into-link = 一个社区团购
order-into-pending = ：截单前订单数达标就会成团
order-into-end = 。
order-delivery = 配送
order-phone = 电话：
order-move-along = 推进订单
order-cancel = 取消订单
order-cancel-title = 要取消订单 #{ $id } 吗？
# 订单里各件商品之间的分隔符。
order-items-separator = ，
order-cancel-summary-end = 。
order-cancel-warning = 订单取消后无法恢复，其中的商品会重新上架销售。
order-cancel-confirm = 确定取消订单
order-cancel-keep = 暂不取消

## 编辑商品

product-edit-title = 编辑{ $product }
product-edit-price-note = 已提交的订单按下单时的价格结算。
product-field-commission = 创作者佣金，%（留空：使用品牌的比例）
product-field-shown = 在商城展示
product-field-shown-yes = 是
product-field-shown-no = 否，隐藏
product-field-add-photos = 添加图片
product-edit-save = 保存
product-edit-cancel = 取消

## 在笔记图片上标记商品

product-tagging-title = 在“{ $note }”里标记商品
product-tagging-heading = 标记商品
# 笔记标题前后：在“<标题>”里。
product-tagging-in-before = 笔记：“
product-tagging-in-after = ”。
product-tagging-waits = 你的标签需要等作者通过。
product-tagging-so-far = 已标记
product-tagging-photo = 第 { $number } 张图
product-tagging-waiting = 等待作者通过
product-tagging-remove = 移除
product-tagging-add = 添加标签
product-find-label = 查找商品
product-find-placeholder = 搜索商品或品牌
product-find-button = 搜索
product-tagging-product = 商品
product-find-none = 没有匹配的商品。
product-find-none-for = 没有与“{ $query }”匹配的商品。
product-tagging-photo-label = 图片
product-tagging-photo-option = 第 { $number } 张图
product-tagging-tap = 点一下图片上商品所在的位置，或直接填写位置。
product-tagging-across = 横向位置，%
product-tagging-down = 纵向位置，%
product-tagging-add-button = 添加标签
product-tagging-done = 完成
