//! `nianbao check`: checks files and directories, in parallel, and prints the findings as
//! rustc-style snippets, JSON (the stable interface: positions as in LSP) or SARIF 2.1.0.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::analysis::findings;
use crate::rules::continuity::{self, Previous};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::encoding::{decode, encode, Encoding};
use crate::syntax::{LineCol, PositionEncoding, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// The outcome for one file: what to print for it, rendered in the worker so that neither the
/// text nor the diagnostics outlive the file's turn (memory stays flat in the number of files).
struct Outcome {
    path: PathBuf,
    /// Human text, one JSON object, or SARIF results (comma-separated objects).
    output: String,
    /// Findings by severity: error, warning, information, hint.
    counts: [usize; 4],
    /// Set when the file could not be read, decoded or written.
    trouble: Option<String>,
    /// For `--summary`.
    summary: Option<super::summary::ReportSummary>,
}

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub config: Config,
    pub fix: bool,
    pub color: bool,
    /// `--summary OUT_DIR`: write summary.csv and summary.html there.
    pub summary: Option<PathBuf>,
}

/// Which report is which body's report on which year, so that each report can be checked
/// against the same body's report on the previous year when both are among the files.
#[derive(Default)]
struct ReportIndex {
    by_path: HashMap<PathBuf, (String, i32)>,
    by_key: HashMap<(String, i32), PathBuf>,
    /// Last-year reports read recently, so that one is not parsed again for every report that
    /// follows it: a report checked just before its successor (`局-2023.txt`, `局-2024.txt`), or
    /// one previous shared by many files. Bounded, so memory stays flat in the number of files.
    recent: std::sync::Mutex<std::collections::VecDeque<(PathBuf, Arc<Previous>)>>,
}

/// How many last-year reports [`ReportIndex`] keeps.
const RECENT_PREVIOUS: usize = 16;

impl ReportIndex {
    fn build(files: &[PathBuf]) -> ReportIndex {
        if files.len() < 2 {
            return ReportIndex::default();
        }
        let keys: Vec<(PathBuf, Option<(String, i32)>)> = files
            .par_iter()
            .map(|path| {
                let key = std::fs::read(path)
                    .ok()
                    .and_then(|bytes| crate::encoding::decode(&bytes).ok())
                    .and_then(|(text, _)| continuity::key_of_text(&text));
                (path.clone(), key)
            })
            .collect();
        let mut index = ReportIndex::default();
        for (path, key) in keys {
            if let Some(key) = key {
                // Two files of one body and year: the first (in path order) counts.
                index.by_key.entry(key.clone()).or_insert_with(|| path.clone());
                index.by_path.insert(path, key);
            }
        }
        index
    }

    fn previous_path(&self, path: &Path) -> Option<&PathBuf> {
        let (body, year) = self.by_path.get(path)?;
        self.by_key.get(&(body.clone(), year - 1))
    }

    /// Whether some file of the batch is `path`'s report on the year after.
    fn has_successor(&self, path: &Path) -> bool {
        self.by_path.get(path).is_some_and(|(body, year)| {
            self.by_key.get(&(body.clone(), *year)).is_some_and(|p| p == path) && self.by_key.contains_key(&(body.clone(), year + 1))
        })
    }

    /// Last year's report of the same body as `path`, when it is among the files.
    fn previous_of(&self, path: &Path) -> Option<Arc<Previous>> {
        let previous = self.previous_path(path)?;
        if let Some(found) = self.recent().iter().find(|(p, _)| p == previous) {
            return Some(found.1.clone());
        }
        let (_, file, _) = read_report(previous).ok()?;
        let found = Arc::new(Previous::new(previous.display().to_string(), file));
        self.remember(previous, found.clone());
        Some(found)
    }

    fn remember(&self, path: &Path, previous: Arc<Previous>) {
        let mut recent = self.recent();
        if recent.iter().any(|(p, _)| p == path) {
            return;
        }
        if recent.len() == RECENT_PREVIOUS {
            recent.pop_front();
        }
        recent.push_back((path.to_owned(), previous));
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, std::collections::VecDeque<(PathBuf, Arc<Previous>)>> {
        // A worker that panicked cannot leave the queue half-updated: keep using it.
        self.recent.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Files larger than this are refused: a report is a few hundred KB, and the limit bounds the
/// memory of a check whatever it is given (a 1 GB sparse file, `/dev/zero`).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file's bytes, refusing more than [`MAX_FILE_BYTES`] (reading no more than that).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let too_large = || format!("too large: over {} MB (a report is far smaller); not checked", MAX_FILE_BYTES >> 20);
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads and decodes a file and parses it: its bytes, the parsed text and its encoding.
fn read_report(path: &Path) -> Result<(Vec<u8>, SourceFile, Encoding), String> {
    let bytes = read_limited(path)?;
    let (text, encoding) = decode(&bytes)?;
    Ok((bytes, SourceFile::parse(text), encoding))
}

/// Files are checked in parallel in chunks, and printed in path order chunk by chunk.
const CHUNK: usize = 256;

pub fn run(options: Options) -> ExitCode {
    let (files, mut troubles) = collect(&options.paths);
    let index = ReportIndex::build(&files);
    let mut summaries = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut totals = [0usize; 4];
    let mut checked = 0usize;
    let mut first = true;
    let _ = match options.format {
        Format::Json => write!(out, "["),
        Format::Sarif => write!(out, "{}", sarif_head()),
        Format::Human => Ok(()),
    };
    for chunk in files.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk.par_iter().map(|path| check_file(path, &options, &index)).collect();
        for o in outcomes {
            summaries.extend(o.summary);
            if let Some(t) = o.trouble {
                troubles.push(format!("{}: {t}", o.path.display()));
                continue;
            }
            checked += 1;
            for (total, n) in totals.iter_mut().zip(o.counts) {
                *total += n;
            }
            if o.output.is_empty() {
                continue;
            }
            let separator = if first || options.format == Format::Human { "" } else { "," };
            let _ = write!(out, "{separator}{}", o.output);
            first = false;
        }
    }
    let _ = match options.format {
        Format::Json => writeln!(out, "]"),
        Format::Sarif => writeln!(out, "{}", SARIF_TAIL),
        Format::Human => writeln!(
            out,
            "{checked} file(s) checked: {} error(s), {} warning(s), {} information, {} hint(s)",
            totals[0], totals[1], totals[2], totals[3]
        ),
    };
    drop(out);
    if let Some(dir) = &options.summary
        && let Err(e) = super::summary::write(dir, &summaries)
    {
        troubles.push(format!("{}: {e}", dir.display()));
    }
    for t in &troubles {
        eprintln!("error: {t}");
    }
    if !troubles.is_empty() {
        return ExitCode::from(super::EXIT_TROUBLE);
    }
    if totals[0] > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Files to check: the files named, and `*.txt` / `*.nianbao` below the directories named.
/// Symlinks are not followed into directories (no loops); unreadable entries are reported, and
/// so are entries that are not regular files (a FIFO would block the check forever).
fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut troubles = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        // A link named on the command line is followed (to a folder: walked); one met while
        // walking is not.
        let named = paths.iter().any(|p| p == &path);
        let meta = match if named { std::fs::metadata(&path) } else { std::fs::symlink_metadata(&path) } {
            Ok(m) => m,
            Err(e) => {
                troubles.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        if meta.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => {
                    for entry in entries {
                        match entry {
                            Ok(e) => {
                                let p = e.path();
                                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                                if is_dir || p.extension().is_some_and(|x| x == "txt" || x == "nianbao") {
                                    stack.push(p);
                                }
                            }
                            Err(e) => troubles.push(format!("{}: {e}", path.display())),
                        }
                    }
                }
                Err(e) => troubles.push(format!("{}: {e}", path.display())),
            }
        } else if meta.file_type().is_symlink() {
            continue; // a link met while walking: not followed
        } else if !meta.is_file() && !named {
            troubles.push(format!("{}: not a regular file; not checked", path.display()));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files.dedup();
    (files, troubles)
}

fn check_file(path: &Path, options: &Options, index: &ReportIndex) -> Outcome {
    let failed = |trouble: String| Outcome { path: path.to_owned(), output: String::new(), counts: [0; 4], trouble: Some(trouble), summary: None };
    let (bytes, mut file, encoding) = match read_report(path) {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    // Last year's report of the same body, when it is among the files checked.
    let previous = index.previous_of(path);
    let mut analysis = findings(&file, &options.config, previous.clone());
    let mut fixed = 0;
    let (edits, fixes) = if options.fix { crate::ide::actions::fix_all(&file, &analysis) } else { Default::default() };
    if !fixes.is_empty()
        && let Some(new_text) = crate::diagnostic::apply_edits(file.text(), &edits)
    {
        let count = fixes.len();
        if let Err(e) = write_atomically(path, &bytes, &encode(&new_text, encoding)) {
            return failed(format!("not fixed: {e}"));
        }
        fixed = count;
        file = SourceFile::parse(new_text);
        analysis = findings(&file, &options.config, previous.clone());
    }
    drop(bytes);
    let mut counts = [0usize; 4];
    for d in &analysis.diagnostics {
        counts[d.severity as usize] += 1;
    }
    let other = previous.as_deref();
    let output = match options.format {
        Format::Human => render_human(path, file.text(), &analysis.diagnostics, fixed, options.color, other),
        Format::Json => json_file(path, file.text(), &analysis.diagnostics, other),
        Format::Sarif => sarif_results(path, file.text(), &analysis.diagnostics),
    };
    let summary = options.summary.as_ref().map(|_| summarize(path, &file, &analysis));
    if index.has_successor(path) {
        // Checked just before the report that follows it, most likely: keep it for that one.
        let report = analysis.report;
        index.remember(path, Arc::new(Previous { name: path.display().to_string(), file: Arc::new(file), report }));
    }
    Outcome { path: path.to_owned(), output, counts, trouble: None, summary }
}

/// What `--summary` keeps of a report.
fn summarize(path: &Path, file: &SourceFile, analysis: &crate::analysis::Analysis) -> super::summary::ReportSummary {
    use crate::knowledge::TableKind;
    let report = &analysis.report;
    let index = file.line_index();
    let findings = analysis
        .diagnostics
        .iter()
        .map(|d| super::summary::Finding {
            code: d.code,
            severity: d.severity.as_str(),
            line: index.line_of(d.range.start) as u32 + 1,
            message: d.message.clone(),
            basis: crate::knowledge::rule(d.code).map_or(String::new(), |r| r.basis.citation()),
        })
        .collect();
    let requests = report.table(TableKind::Requests);
    let cell = |row: &str, column: &str| requests.and_then(|t| t.cell(row, column)).and_then(|c| c.count());
    let review = report.table(TableKind::Review);
    let review_total = |column: &str| review.and_then(|t| t.cell("t4_cases", column)).and_then(|c| c.count());
    let mut sections: Vec<u32> = report.sections.iter().map(|s| s.template.number).collect();
    sections.sort_unstable();
    sections.dedup();
    super::summary::ReportSummary {
        path: path.to_owned(),
        body: report.body.as_ref().map(|b| b.value.clone()),
        year: report.year.as_ref().map(|y| y.value),
        layout: match requests.map_or(report.layout, |t| t.layout) {
            crate::knowledge::Layout::Y2019 => "2019",
            crate::knowledge::Layout::Y2021 => "2021",
        },
        sections,
        findings,
        requests: [cell("t3_new", "total"), cell("t3_carried_in", "total"), cell("t3_r7_total", "total"), cell("t3_carried_out", "total")],
        review: [review_total("review_total"), review_total("lit_direct_total"), review_total("lit_after_review_total")],
    }
}

/// Writes `new` over `path` through a temporary file and a rename, so that an interrupted write
/// leaves the original intact — and refuses when the file changed since it was read.
fn write_atomically(path: &Path, original: &[u8], new: &[u8]) -> std::io::Result<()> {
    // Through a symlink: the file it points to is fixed, the link stays a link.
    let path = &std::fs::canonicalize(path)?;
    if std::fs::read(path)? != original {
        return Err(std::io::Error::other("the file changed on disk since it was read"));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.nianbao-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(new)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn position(file_text: &str, index: &crate::syntax::LineIndex, offset: usize) -> LineCol {
    index.position(file_text, offset, PositionEncoding::Utf16)
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    character: u32,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

fn json_range(text: &str, index: &crate::syntax::LineIndex, range: &std::ops::Range<usize>) -> JsonRange {
    let s = position(text, index, range.start);
    let e = position(text, index, range.end);
    JsonRange { start: JsonPosition { line: s.line, character: s.col }, end: JsonPosition { line: e.line, character: e.col } }
}


/// The JSON object for one file: `{"path", "diagnostics": [...]}`.
#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    range: JsonRange,
    related: Vec<JsonRelated<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    /// Another file (last year's report); absent for the report itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    range: JsonRange,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    #[serde(rename = "newText")]
    new_text: &'a str,
}

/// The JSON object for one file: `{"path", "diagnostics": [...]}` (typed, serialized directly:
/// a batch of thousands of reports spends no time building JSON trees).
fn json_file<'a>(path: &Path, text: &'a str, diagnostics: &'a [Diagnostic], previous: Option<&'a Previous>) -> String {
    let index = crate::syntax::LineIndex::new(text);
    let related = |rel: &'a crate::diagnostic::Related| -> JsonRelated<'a> {
        match (&rel.document, previous) {
            (Some(document), Some(p)) if *document == p.name => JsonRelated {
                message: &rel.message,
                path: Some(document.as_str()),
                range: json_range(p.file.text(), p.file.line_index(), &rel.range),
            },
            _ => JsonRelated { message: &rel.message, path: None, range: json_range(text, &index, &rel.range) },
        }
    };
    let file = JsonFile {
        path: path.display().to_string(),
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                range: json_range(text, &index, &d.range),
                related: d.related.iter().map(related).collect(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    title: &f.title,
                    edits: f.edits.iter().map(|e| JsonEdit { range: json_range(text, &index, &e.range), new_text: &e.new_text }).collect(),
                }),
            })
            .collect(),
    };
    serde_json::to_string(&file).expect("serializing plain data cannot fail")
}

/// The SARIF document up to the opening of the results array.
fn sarif_head() -> String {
    let rules: Vec<serde_json::Value> = crate::knowledge::all_rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": {"text": r.title_en},
                "fullDescription": {"text": r.explanation_en},
                "helpUri": format!("{}#{}", crate::knowledge::RULES_DOC_URL, r.code),
                "defaultConfiguration": {"level": sarif_level(r.default_severity)},
            })
        })
        .collect();
    let driver = json!({"name": "nianbao", "version": env!("CARGO_PKG_VERSION"), "informationUri": crate::knowledge::RULES_DOC_URL, "rules": rules});
    format!(
        r#"{{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{{"tool":{{"driver":{driver}}},"columnKind":"unicodeCodePoints","results":["#
    )
}

const SARIF_TAIL: &str = "]}]}";

/// One file's SARIF results, comma-separated.
fn sarif_results(path: &Path, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = crate::syntax::LineIndex::new(text);
    let results: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            let s = index.position(text, d.range.start, PositionEncoding::Utf32);
            let e = index.position(text, d.range.end, PositionEncoding::Utf32);
            json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": path.display().to_string()},
                    "region": {"startLine": s.line + 1, "startColumn": s.col + 1, "endLine": e.line + 1, "endColumn": e.col + 1},
                }}],
            })
            .to_string()
        })
        .collect();
    results.join(",")
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn render_human(path: &Path, text: &str, diagnostics: &[Diagnostic], fixed: usize, color: bool, previous: Option<&Previous>) -> String {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    use std::fmt::Write as _;
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let path = path.display().to_string();
    let mut out = String::new();
    if fixed > 0 {
        let _ = writeln!(out, "{path}: applied {fixed} fix(es)");
    }
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Information => Level::INFO,
            Severity::Hint => Level::HELP,
        };
        let mut snippet = Snippet::source(text)
            .path(path.as_str())
            .fold(true)
            .annotation(AnnotationKind::Primary.span(d.range.clone()).label(d.code));
        let mut elsewhere = Vec::new();
        for rel in d.related.iter().take(8) {
            match (&rel.document, previous) {
                (Some(document), Some(p)) if *document == p.name => elsewhere.push(
                    Snippet::source(p.file.text())
                        .path(document.as_str())
                        .fold(true)
                        .annotation(AnnotationKind::Context.span(rel.range.clone()).label(rel.message.as_str())),
                ),
                _ => snippet = snippet.annotation(AnnotationKind::Context.span(rel.range.clone()).label(rel.message.as_str())),
            }
        }
        let mut group = level.primary_title(d.message.as_str()).id(d.code).element(snippet);
        for other in elsewhere {
            group = group.element(other);
        }
        let report = &[group];
        let _ = writeln!(out, "{}\n", renderer.render(report));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-check-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = temp_dir("changed");
        let path = dir.join("r.txt");
        std::fs::write(&path, "changed by the user meanwhile").unwrap();
        let err = write_atomically(&path, b"what was read", b"fixed").unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed by the user meanwhile");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_original_intact() {
        // The temporary file cannot be created (a directory is in its place): even as root.
        let dir = temp_dir("failed");
        let path = dir.join("r.txt");
        std::fs::write(&path, "original").unwrap();
        std::fs::create_dir(dir.join(format!(".r.txt.nianbao-{}.tmp", std::process::id()))).unwrap();
        assert!(write_atomically(&path, b"original", b"fixed").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn oversized_and_endless_files_are_refused_in_bounded_memory() {
        let dir = temp_dir("large");
        let path = dir.join("sparse.txt");
        std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(read_limited(&path).unwrap_err().contains("too large"));
        // A device that never ends: read up to the limit, then refused.
        assert!(read_limited(Path::new("/dev/zero")).unwrap_err().contains("too large"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
