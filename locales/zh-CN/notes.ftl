# 笔记：发布、编辑、删除，笔记页、评论、话题、发现页，笔记卡片和商品卡片，以及页面脚本里的文字（js-…）。

## 发布和编辑：不被接受的情况

note-title-missing = 请给你的笔记起个标题。
note-title-too-long = 标题最多 { $max } 个字。
note-body-too-long = 笔记正文最多 { $max } 个字。
note-alt-too-long = 每张照片的图片描述最多 { $max } 个字。
note-photos-missing = 请至少给笔记添加一张照片。
note-photos-too-many = 一篇笔记最多 { $max } 张照片。
# $number：第几张照片；$file：文件名；$problem：出了什么问题。
note-photo-invalid = 第 { $number } 张照片（“{ $file }”）{ $problem }。
note-order-item-invalid = order_item_id 应当是你某个订单商品的编号。
note-only-author = 只有笔记作者才能修改或删除这篇笔记。
# 表单重新显示：$error 说明哪里有问题。
note-form-error-kept = { $error }你填写的文字已保留在下方，请重新选择照片。
# 评价笔记默认的标题。
note-review-title = 我的评价：{ $product }
hashtag-invalid = “{ $tag }”不是有效的话题：只能使用字母、数字、_ 或 -，最多 { $max } 个字符。
hashtag-too-many = 一篇笔记最多 { $max } 个话题。
feed-wrong-cursor = 这一页属于另一种排序方式，请从第一页重新开始。
tagging-forbidden = 只有笔记作者（或品牌方工作人员）才能在笔记里标注商品。
tagging-choose-product = 请选择要标注的商品。

## 评论

comment-empty = 请先写点什么。
comment-too-long = 评论最多 { $max } 个字。
comment-blocked = 你无法评论这篇笔记。
comment-parent-elsewhere = 这条评论不在这篇笔记下。
comment-delete-forbidden = 只有评论作者或笔记作者才能删除这条评论。
comment-count = { $count } 条评论
comment-label = 你的评论
comment-placeholder = 说点好听的…
comment-submit = 评论
# $link：“登录”（comment-log-in-link），是一个链接。
comment-log-in = { $link }后即可评论。
comment-log-in-link = 登录
comment-reply = 回复
comment-reply-to = 回复 { $name }
comment-held = 等待审核：只有你和审核员能看到
comment-hidden = 已被审核员隐藏
comment-delete = 删除
comment-report = 举报
comment-delete-title = 删除评论
comment-delete-heading = 要删除这条评论吗？
comment-delete-text = 它下面的回复也会一起删除，且无法恢复。
comment-delete-yes = 确定删除
comment-delete-keep = 保留

## 笔记页

note-photos = 照片
photo-dots-label = 选择照片
photo-dots-photo = 第 { $number } 张照片
note-tag-dot = 商品：{ $product }，{ $price }
note-tag-card = 标注的商品
note-tag-inactive = 已停售
note-tag-sold-out = 已售罄
note-tag-few-left = 仅剩 { $count } 件
note-tag-in-stock = 库存 { $count } 件
note-tag-add-to-cart = 加入购物车
note-tag-log-in-to-buy = 登录后购买
note-tag-product-page = 商品详情
note-tag-close = 关闭
note-held-author = 等待审核：这篇笔记含有 Sprout 屏蔽词表中的词，在审核员发布之前，只有你和审核员能看到。
note-held-other = 等待审核：这篇笔记含有 Sprout 屏蔽词表中的词，在审核员发布之前，只有你、作者和审核员能看到。
note-hidden-author = 已被 Sprout 审核员隐藏。只有你和审核员能看到。
note-hidden-author-reason = 已被 Sprout 审核员隐藏：{ $reason }。只有你和审核员能看到。
note-hidden-other = 已被 Sprout 审核员隐藏。只有作者和审核员能看到。
note-hidden-other-reason = 已被 Sprout 审核员隐藏：{ $reason }。只有作者和审核员能看到。
note-appeal = 申诉
note-brand-badge-title = 代表已认证品牌发布
note-sponsored-title = 作者从这里标注的商品中获得收益，或为该商品的品牌工作
note-verified-title = 作者在 Sprout 上买过这件商品
note-tagged-products = 笔记里的商品
note-edited = 已编辑
note-report = 举报
note-likes-word = 个赞
note-save = 收藏
note-saved = 已收藏
note-likes-log-in = 个赞；登录后点赞
note-saves-log-in = 次收藏；登录后收藏
note-pending-title = 有品牌想标注他们的商品
note-pending-by = 来自 { $brand }，第 { $number } 张照片
note-pending-approve = 通过
note-pending-remove = 移除
note-tag-products = 标注商品
note-edit = 编辑
note-delete = 删除

## 删除笔记

note-delete-title = 删除笔记
note-delete-heading = 要删除“{ $title }”吗？
note-delete-text = 这篇笔记、它的照片和话题将对所有人删除，且无法恢复。
note-delete-yes = 确定删除
note-delete-keep = 保留

## 笔记表单

note-form-new-title = 发笔记
note-form-edit-title = 编辑笔记
note-form-review-heading = 写评价
note-form-title = 标题
note-form-text = 正文
note-form-hashtags = 话题
note-form-hashtags-placeholder = 护肤 防晒
note-form-alt-legend = 描述每张照片（图片描述）
note-form-photo = 第 { $number } 张照片
note-form-save = 保存修改
note-form-cancel = 取消
# $product：商品名称（加粗）；$badge：“✓ 已购买认证”标识。
note-form-reviewing = 正在评价 { $product }。它已标注在你的第一张照片上，你的笔记会带有 { $badge } 标识。
note-form-tag-later = 发布后，你可以在照片上标注商品。
note-form-photos = 照片（1–9 张；JPEG、PNG、WebP 或 GIF，每张不超过 20 MB）
note-form-alt-lines = 为看不到照片的人描述你的照片（每张照片一行，按顺序）
note-form-text-placeholder = 你买了什么？用起来怎么样？可以在任意位置添加 #话题。
note-form-post = 发布笔记

## 发现页、话题页、笔记列表

explore-order = 排序
explore-hot = 热门
explore-new = 最新
explore-top-week = 本周最热
explore-how = 这是怎么排序的？
tag-count = { $count } 篇笔记 · 最热优先
tag-related = 相关话题
feed-empty = 这里还没有笔记。
feed-more = 更多笔记

## 卡片（笔记和商品）

card-sponsored = 赞助
card-held = 等待审核
card-hidden = 已被审核员隐藏
card-verified-purchase = 已购买认证
card-verified-brand = 已认证品牌

## 发现页的排序方式（/about/ranking）

ranking-title = 发现页是怎么排序的
ranking-intro = 没有黑箱：完整的公式就在这里。
ranking-hot-title = 热门（默认）
ranking-hot-text = 每篇笔记在发布时得到一个分数，之后每次被点赞、收藏或评论都会重新计算。互动多十倍，相当于晚发布 12.5 小时，所以一篇笔记要持续获得关注才能留在前面，而刚发布的新笔记也总有机会。收藏算两个赞，评论算三个赞，因为它们比点一下更用心。除此之外没有别的因素：不看你是谁，也不看谁付了钱。
ranking-new-title = 最新
ranking-new-text = 最新发布的在前，没有别的。
ranking-top-title = 本周最热
ranking-top-text = 过去七天的笔记，点赞最多的在前。
ranking-search-title = 搜索
ranking-search-text = 搜索结果按词语的匹配程度排序（BM25，标题中的匹配按正文匹配的两倍计算），除非你选择最新或最多点赞。
ranking-back = 返回发现页

## 页面脚本（static/sprout.js）：放在 data-i18n-… 属性里；{ $n } 等由脚本填入。

js-too-many-photos = 最多选择 9 张照片。
js-describe-photo = 描述第 { $n } 张照片
js-alt-photo = 第 { $n } 张照片的图片描述
js-loading = 加载中…
js-no-products = 没有匹配的商品。
