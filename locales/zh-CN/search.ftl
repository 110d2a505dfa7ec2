# 搜索：搜索页，以及搜索 API 不接受的情况。（每个页面顶部的搜索框 search-label 和
# search-placeholder 在 common.ftl 里。）

search-title = { $q } – 搜索
search-page-placeholder = 搜索笔记、用户、#话题
search-sort = 排序
search-sort-relevance = 最相关
search-sort-new = 最新
search-sort-likes = 最多点赞
search-within = 发布时间
search-within-any = 不限
search-within-day = 一天内
search-within-week = 一周内
search-within-month = 一个月内
search-within-year = 一年内
search-submit = 搜索
# $terms、$chars：上限；$q：实际搜索的内容。
search-shortened = 你的搜索内容太长，Sprout 只搜索了前 { $terms } 个不同的词（最多 { $chars } 个字符）：“{ $q }”。
search-in = 搜索范围
search-tab-notes = 笔记
search-tab-people = 用户
search-tab-hashtags = 话题
search-tab-products = 商品
search-tab-lists = 榜单
# 搜索语法，以代码显示：#话题 · from:用户名 · "精确短语" · -排除词
search-tips = 小技巧
search-tip-tag = 话题
search-tip-username = 用户名
search-tip-phrase = 精确短语
search-tip-exclude = 排除词
search-product-count = { $count } 件商品
search-no-products = 没有与“{ $q }”匹配的商品。
search-list-count = { $count } 个榜单
search-no-lists = 没有与“{ $q }”匹配的十佳榜单。
search-list-by = { $name } 的榜单 · { $count } 个推荐
search-note-count = { $shown } 篇笔记
search-note-count-about = 约 { $shown } 篇笔记
search-empty-query = 输入你想找的内容：商品、品牌或 #话题。
search-no-notes = 没有与“{ $q }”匹配的笔记。试试少一些或换几个词。
search-no-users = 没有叫这个名字的用户。
search-no-hashtags = 还没有这样的话题。
search-more = 更多结果

## 搜索 API 不接受的情况

search-cursor-invalid = 这个分页链接无效，请从第一页重新开始。
search-limit-invalid = limit 应为 { $min } 到 { $max } 之间的数字。
search-type-empty = 请不填 type，或使用 notes、users、hashtags、products 或 lists。
search-type-unknown = 未知的搜索类型“{ $kind }”；请使用 notes、users、hashtags、products 或 lists。
