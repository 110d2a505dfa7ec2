//! `sprout bench pages --apart`: the pages served by a separate `sprout serve` process on the
//! seeded data directory, so that its memory — what the RSS target is about — is read
//! from `/proc` without the load generator's threads and buffers in it.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `sprout serve` child process; killed when dropped.
pub(super) struct Served {
    child: Child,
    pub addr: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Builds the search index of `dir` if it has not been (as `sprout reindex` does), then
    /// starts `sprout serve` on it (the same binary, two workers, limits off) and waits until it
    /// answers.
    pub fn start(dir: &Path) -> anyhow::Result<Served> {
        let exe = std::env::current_exe()?;
        let indexed = dir.join("indexed");
        if !indexed.exists() {
            eprintln!("building the search index (sprout reindex)…");
            let status = Command::new(&exe)
                .arg("--data-dir")
                .arg(dir)
                .arg("reindex")
                .env("SPROUT_LOG", "warn")
                .stdout(Stdio::null())
                .status()?;
            anyhow::ensure!(status.success(), "sprout reindex failed ({status})");
            std::fs::write(&indexed, "")?;
        }
        let addr = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let child = Command::new(&exe)
            .arg("--data-dir")
            .arg(dir)
            .args(["serve", "--bind", &addr.to_string(), "--rate-limit", "0"])
            .env("SPROUT_LOG", "warn")
            .env_remove("DATABASE_URL")
            .stdout(Stdio::null())
            .spawn()?;
        let served = Served { child, addr };
        let started = Instant::now();
        while super::http::get(addr, "/", "").map(|r| r.status) != Some(200) {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(120),
                "sprout serve did not answer on {addr}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(served)
    }

    pub fn memory(&self) -> Memory {
        Memory::of(self.child.id())
    }
}

/// A process's memory as `/proc/PID/status` tells it, in kB.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Memory {
    /// Resident now.
    pub rss: u64,
    /// The peak resident size so far.
    pub peak: u64,
    /// Resident heap and other anonymous pages.
    pub anon: u64,
    /// Resident pages of mapped files (the search index, the binary).
    pub file: u64,
    pub threads: u64,
}

impl Memory {
    fn of(pid: u32) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
                .unwrap_or(0)
        };
        Memory {
            rss: field("VmRSS:"),
            peak: field("VmHWM:"),
            anon: field("RssAnon:"),
            file: field("RssFile:"),
            threads: field("Threads:"),
        }
    }

    /// `| rss | peak | heap | files | threads |` in MB.
    pub fn cells(&self) -> String {
        let mb = |kb: u64| format!("{:.0} MB", kb as f64 / 1024.0);
        format!(
            "{} | {} | {} | {} | {}",
            mb(self.rss),
            mb(self.peak),
            mb(self.anon),
            mb(self.file),
            self.threads
        )
    }
}
