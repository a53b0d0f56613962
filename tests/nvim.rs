//! A real editor as the client: headless Neovim opens a copy of the sample report through the
//! plugin in `editors/nvim`, receives diagnostics, a hover with the clause text, and applies a
//! quick fix (`tests/nvim/test.lua`). Skipped when `nvim` is not on PATH (or named by `$NVIM_BIN`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn find_nvim() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NVIM_BIN").map(PathBuf::from)
        && p.is_file()
    {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("nvim")).find(|p| p.is_file())
}

#[test]
fn neovim_diagnostics_hover_and_quick_fix() {
    let Some(nvim) = find_nvim() else {
        println!("SKIPPED: nvim not found");
        eprintln!("SKIPPED: nvim not found");
        return;
    };
    let version = Command::new(&nvim).arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("").to_string());
    eprintln!("using {} ({})", nvim.display(), version.unwrap_or_default());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let work = std::env::temp_dir().join(format!("nianbao-nvim-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let report = work.join("report.txt");
    std::fs::copy(root.join("examples/sample-report.txt"), &report).unwrap();

    let mut child = Command::new(&nvim)
        .args(["--headless", "--clean", "-u"])
        .arg(root.join("tests/nvim/test.lua"))
        .env("NIANBAO_BIN", env!("CARGO_BIN_EXE_nianbao"))
        .env("REPORT_FILE", &report)
        .env("PLUGIN_DIR", root.join("editors/nvim"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child.stdout.take().unwrap().read_to_string(&mut stdout).ok();
    child.stderr.take().unwrap().read_to_string(&mut stderr).ok();
    let _ = std::fs::remove_dir_all(&work);
    println!("{stdout}");
    let Some(status) = status else { panic!("nvim did not finish within 120 s\n{stdout}\n{stderr}") };
    assert!(status.success(), "nvim test failed ({status:?})\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("PASS"), "{stdout}\n{stderr}");
}
