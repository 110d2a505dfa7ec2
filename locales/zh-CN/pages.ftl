# 全站通用的回应：某个地址只接受其他请求方法。

# $method：请求所用的 HTTP 方法（GET、POST……）；$allowed：这个地址接受的方法
page-method-not-allowed = 这个地址不响应 { $method } 请求，它只接受 { $allowed }。
