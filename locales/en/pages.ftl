# Site-wide answers: an address that takes other methods.

# $method: the HTTP method asked with (GET, POST…); $allowed: the methods the address takes
page-method-not-allowed = { $method } is not answered here; this address takes { $allowed }.
