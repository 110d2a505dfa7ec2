# 各处共用的 HTTP 提示：无法读取的请求、表单、上传、照片、倒计时。

web-nothing-here = 这个地址什么也没有。
# $detail：解析器给出的技术说明（英文）
web-bad-json = 请求内容不是这个接口可用的 JSON：{ $detail }
web-bad-query = 查询参数无效：{ $detail }
web-nul-refused = 文字中不能包含 NUL 字符（U+0000）。
web-bad-cursor = 这个分页链接无效，请从第一页重新开始。
web-bad-limit = limit 应为 1 到 60 之间的数字。
web-rate-limited = 你所在网络的尝试次数太多了。

## 截止时间的倒计时（static/sprout.js 会继续走动）

web-time-up = 已截止
web-left-days = 剩余 { $days } 天 { $hours } 小时
web-left-hours = 剩余 { $hours } 小时 { $minutes } 分
web-left-minutes = 剩余 { $minutes } 分 { $seconds } 秒
web-left-seconds = 剩余 { $seconds } 秒

## 表单

csrf-refused = 这个表单已过期，或来自其他网站。请返回并刷新页面后重试。
# $detail：解析器给出的技术说明（英文）
form-unreadable = 无法读取表单：{ $detail }
form-parse-error = 无法读取表单：解析错误：{ $detail }。

## 上传

# $what：下面某一条 upload-… 提示
upload-too-large = { $what }请少传一些。
upload-too-many-parts = 表单超过了 { $count } 个部分。
upload-body-too-large = 表单总大小超过了 { $mb } MB。
upload-text-too-large = 表单的文字内容总共超过了 256 KB。
upload-photo-too-large = 照片“{ $file }”超过 20 MB，请上传小一点的照片。
upload-field-too-long = 字段“{ $field }”太长了。
upload-too-many-photos = 一次最多只能上传 { $count } 张照片。
upload-interrupted = 上传中断了：{ $detail }
upload-not-utf8 = 表单提交的文字不是有效的 UTF-8。

## 无法使用的照片：“$photo$problem。”

# $photo：哪张照片（“你的头像照片”“第 2 张照片（'beach.heic'）”）；$problem：某一条 photo-…
photo-invalid = { $photo }{ $problem }。
photo-too-large = 超过 20 MB，请上传小一点的照片
photo-not-an-image = 不是 Sprout 能识别的图片，请上传 JPEG、PNG、WebP 或 GIF 格式
photo-too-many-pixels = 为 { $width }×{ $height } 像素，超过了 4000 万像素的上限，请上传小一点的照片
# $detail：解码器给出的技术说明（英文）
photo-damaged = 无法读取：文件已损坏或不完整（{ $detail }）
