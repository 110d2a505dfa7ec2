# 十佳榜单：榜单页、编辑页，以及相关提示。

## 提示

list-creator-only = 只有榜单的创建者可以修改它。
list-note-address = 请粘贴笔记的链接（例如 /notes/12）或笔记编号。
list-order-every-entry = 新的排序必须包含每个条目，且每个只出现一次。
list-cover-photo = 封面图片
list-title-length = 榜单标题需要 1 到 80 个字。
list-intro-too-long = 榜单简介最多 1000 个字。
list-too-many-entries = 一个十佳榜单最多 { $count } 个条目。
list-entry-reason-too-long = 第 { $rank } 条：推荐理由最多 { $count } 个字。
list-entry-no-product = 第 { $rank } 条：商品 { $product } 不存在。
list-entry-no-note = 第 { $rank } 条：笔记 { $note } 不存在。
list-entry-product-or-note = 第 { $rank } 条：请填写 product_id 或 note_id 其中之一。
list-publish-empty = 发布前请至少添加一个条目。

## 删除榜单

list-delete-title = 删除{ $title }？
list-delete-heading = 删除“{ $title }”？
list-delete-warning = 榜单和其中的 { $count } 个条目将被永久删除；商品和笔记本身会保留。
list-delete-confirm = 确定删除榜单
list-delete-keep = 暂不删除

## 新建榜单

list-new-title = 新建十佳榜单
list-new-intro = 为最多十件商品或十篇笔记排名，每个配一句推荐理由。发布之前，榜单会一直是草稿。
list-field-title = 标题
list-field-title-placeholder = 我的夏日必备 10 件好物
list-field-intro = 简介
list-new-create = 创建并添加条目

## 编辑榜单

list-edit-title = 编辑{ $title }
# 榜单标题（链接）前后：编辑“<标题>”。
list-edit-heading-before = 编辑“
list-edit-heading-after = ”
list-unpublish = 取消发布
list-publish = 发布
list-view = 查看
list-delete = 删除榜单
list-ranking-count = 排名（{ $count } / { $max }）
list-entry-note = 笔记
list-entry-reason-label = 第 { $rank } 名的推荐理由
list-entry-reason-placeholder = 为什么上榜
list-entry-save = 保存
list-entry-up = 把第 { $rank } 名上移
list-entry-down = 把第 { $rank } 名下移
list-entry-remove = 移除第 { $rank } 名
list-add-entry = 添加条目
list-find-product = 查找商品
list-find-placeholder = 搜索商品或品牌
list-find = 搜索
list-product = 商品
list-or-note = 或者一篇笔记（链接或编号）
list-reason = 推荐理由
list-reason-placeholder = 一句话说说它为什么上榜
list-add-to-list = 加入榜单
list-details = 标题、简介和封面
list-field-cover = 封面图片
list-details-save = 保存

## 榜单页

list-status-draft = 草稿
# 爱心和数字之后，给读屏软件用。
list-likes-hidden = 个赞
list-saved = 已收藏
list-save = 收藏
list-add-all = 全部 { $count } 件加入购物车
list-log-in-to-react = 登录后点赞、收藏或购买
list-edit = 编辑
list-verified-brand = 认证品牌
list-add-to-cart = 加入购物车
list-note-by = { $name } 的笔记
list-no-entries = 还没有条目。
list-report = 举报这个榜单
