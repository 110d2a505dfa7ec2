//! The benches' HTTP/1.1 client: a request on a kept-alive connection, its response read to
//! the end of its body — little enough that the load generator measures the server, not itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};

/// A response as the bench reads it.
pub(super) struct Reply {
    pub status: u16,
    /// The cookies it set, `name=value`.
    pub cookies: Vec<String>,
    pub body: Vec<u8>,
}

/// One request and its response, read to the end of its body; None when the connection failed.
pub(super) fn exchange(
    writer: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    request: &str,
) -> Option<Reply> {
    writer.write_all(request.as_bytes()).ok()?;
    let mut status = String::new();
    reader.read_line(&mut status).ok()?;
    let code = status.split(' ').nth(1)?.parse().ok()?;
    let (mut length, mut chunked, mut set) = (0usize, false, Vec::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
        if lower.starts_with("set-cookie:") {
            let value = line["set-cookie:".len()..].trim();
            set.push(value.split(';').next().unwrap_or_default().to_string());
        }
    }
    if !chunked {
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        return Some(Reply { status: code, cookies: set, body });
    }
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).ok()?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).ok()?;
        if size == 0 {
            return Some(Reply { status: code, cookies: set, body });
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

/// One GET on a fresh connection (the warm-up, and whether a server answers).
pub(super) fn get(addr: SocketAddr, path: &str, cookie: &str) -> Option<Reply> {
    let stream = TcpStream::connect(addr).ok()?;
    let mut writer = stream.try_clone().ok()?;
    let mut reader = BufReader::new(stream);
    exchange(&mut writer, &mut reader, &format!("GET {path} HTTP/1.1\r\nHost: bench\r\n{cookie}\r\n"))
}
