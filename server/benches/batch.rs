//! A reviewing office's batch (`cargo bench --bench batch`): `nianbao check` over N reports of
//! real shape — the real corpus (read in place from ../shared/corpus; the repo's fixtures when
//! it is absent) copied N/k times with varied numbers — run as the real binary, measuring
//! reports per second and the peak resident memory, for N = 1,000 and 10,000 (memory must be
//! flat in N). Figures in docs/performance.md. `--test` runs N = 50 only.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn sources() -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = manifest.join("../../shared/corpus");
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in [corpus.join("seed"), corpus.join("real")] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            paths.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")));
        }
    }
    if paths.is_empty() {
        eprintln!("../shared/corpus not found: using the repo's fixtures");
        paths.extend(std::fs::read_dir(manifest.join("tests/fixtures")).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")));
    }
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// A copy of `text` with its digits varied (a deterministic xorshift), so no two reports of the
/// batch are the same and the sums mostly fail, as in a real batch's worst case.
fn vary(text: &str, seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if state.is_multiple_of(4) { char::from(b'0' + (state >> 8) as u8 % 10) } else { c }
            } else {
                c
            }
        })
        .collect()
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    let counts: &[usize] = if quick { &[50] } else { &[1_000, 10_000] };
    let sources = sources();
    let binary = env!("CARGO_BIN_EXE_nianbao");
    for &n in counts {
        let dir = std::env::temp_dir().join(format!("nianbao-batch-{n}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut bytes = 0;
        for i in 0..n {
            let text = vary(&sources[i % sources.len()], i as u64);
            bytes += text.len();
            std::fs::write(dir.join(format!("report-{i:05}.txt")), text).unwrap();
        }
        let start = Instant::now();
        let mut child = Command::new(binary)
            .args(["check", "--today", "2026-11-30", "--format", "json"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut peak = 0;
        loop {
            if let Some(kb) = peak_rss_kb(pid) {
                peak = peak.max(kb);
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "{n:>6} reports ({:.1} MB): {elapsed:.2} s, {:.0} reports/s, peak RSS {:.1} MB",
            bytes as f64 / 1e6,
            n as f64 / elapsed,
            peak as f64 / 1e3
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
