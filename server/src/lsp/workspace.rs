//! Last year's report: the same body's report on the previous year, found among the open
//! documents first (their live text) and then among the report files of the workspace folders.
//! A file that is not open is parsed once and cached until the client reports it changed, so a
//! keystroke never re-reads the disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::rules::continuity::{self, Previous};
use crate::syntax::SourceFile;

/// Files and folders the workspace scan reads at most (a workspace is a folder of reports,
/// not a disk).
const MAX_FILES: usize = 5_000;
const MAX_DEPTH: usize = 8;
/// Report files larger than this are not read as last year's report.
const MAX_FILE_BYTES: u64 = 8 << 20;

/// A report file on disk, with its body and year once read.
#[derive(Default)]
struct DiskReport {
    key: Option<(String, i32)>,
    /// The parsed report, kept while it serves as someone's last year.
    previous: Option<Arc<Previous>>,
    read: bool,
}

#[derive(Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
    files: HashMap<PathBuf, DiskReport>,
    /// Bumped when a report file changes: analyses that may depend on it are stale.
    pub generation: u64,
}

fn is_report_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt" || e == "nianbao")
}

/// Reads and parses a report file; `None` when it cannot be read or decoded, is too large, or
/// is not a regular file (reading a FIFO would block forever, holding the workspace).
fn read(path: &Path) -> Option<SourceFile> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let (text, _) = crate::encoding::decode(&bytes).ok()?;
    Some(SourceFile::parse(text))
}

impl Workspace {
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
    }

    /// Lists the report files under the roots (not following links, skipping hidden folders,
    /// `node_modules` and `target`). Their contents are read lazily.
    pub fn scan(&mut self) {
        let mut found = Vec::new();
        let mut stack: Vec<(PathBuf, usize)> = self.roots.iter().map(|r| (r.clone(), 0)).collect();
        while let Some((dir, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                if found.len() >= MAX_FILES {
                    break;
                }
                let path = entry.path();
                let Ok(kind) = entry.file_type() else { continue };
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if kind.is_dir() {
                    if depth < MAX_DEPTH && !name.starts_with('.') && name != "node_modules" && name != "target" {
                        stack.push((path, depth + 1));
                    }
                } else if kind.is_file() && is_report_file(&path) {
                    found.push(path);
                }
            }
        }
        for path in found {
            self.files.entry(path).or_default();
        }
    }

    /// The client reported that a file was created, changed or deleted.
    pub fn changed(&mut self, path: &Path, deleted: bool) {
        if deleted {
            self.files.remove(path);
        } else if is_report_file(path) {
            self.files.insert(path.to_owned(), DiskReport::default());
        }
        self.generation += 1;
    }

    /// Last year's report for `key` = (body, year) among the files on disk, other than `except`
    /// (the current document's own file). Reads the files' bodies and years the first time.
    pub fn find(&mut self, body: &str, year: i32, except: Option<&Path>) -> Option<Arc<Previous>> {
        let wanted = (body.to_owned(), year - 1);
        let mut candidates: Vec<&PathBuf> = self.files.keys().filter(|p| Some(p.as_path()) != except).collect();
        candidates.sort();
        let candidates: Vec<PathBuf> = candidates.into_iter().cloned().collect();
        for path in candidates {
            let entry = self.files.get_mut(&path)?;
            if !entry.read {
                entry.read = true;
                if let Some(file) = read(&path) {
                    let previous = Previous::new(path.display().to_string(), file);
                    entry.key = continuity::body_key(&previous.report).zip(previous.report.year.as_ref().map(|y| y.value));
                    // Keep the parse only for last year's report; the others keep their key.
                    if entry.key.as_ref() == Some(&wanted) {
                        entry.previous = Some(Arc::new(previous));
                    }
                }
            }
            if entry.key.as_ref() == Some(&wanted) {
                if entry.previous.is_none() {
                    entry.previous = read(&path).map(|f| Arc::new(Previous::new(path.display().to_string(), f)));
                }
                return entry.previous.clone();
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_last_years_report_of_the_same_body_and_caches_it() {
        let dir = std::env::temp_dir().join(format!("nianbao-ws-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("2023")).unwrap();
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        let report = |year: i32| format!("某某市某某局\n{year}年政府信息公开工作年度报告\n一、总体情况\n本年度无。\n");
        std::fs::write(dir.join("2023/last.txt"), report(2023)).unwrap();
        std::fs::write(dir.join("node_modules/ignored.txt"), report(2023)).unwrap();
        std::fs::write(dir.join("this.txt"), report(2024)).unwrap();
        let mut ws = Workspace::default();
        ws.set_roots(vec![dir.clone()]);
        ws.scan();
        assert_eq!(ws.files.len(), 2);
        let found = ws.find("某某市某某局", 2024, Some(&dir.join("this.txt"))).unwrap();
        assert!(found.name.ends_with("last.txt"));
        assert!(ws.find("某某市某某局", 2026, None).is_none());
        assert!(ws.find("某某市财政局", 2024, None).is_none());
        // Cached: the same parse is returned until the file changes.
        let again = ws.find("某某市某某局", 2024, None).unwrap();
        assert!(Arc::ptr_eq(&found, &again));
        ws.changed(&dir.join("2023/last.txt"), false);
        let reread = ws.find("某某市某某局", 2024, None).unwrap();
        assert!(!Arc::ptr_eq(&found, &reread));
        ws.changed(&dir.join("2023/last.txt"), true);
        assert!(ws.find("某某市某某局", 2024, None).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
