//! `nianbao parse FILE`: the syntax tree, for grammar work and bug reports.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::syntax::{self, SourceFile};

pub fn run(path: &Path) -> ExitCode {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                eprintln!("error: {}: not UTF-8 text", path.display());
                return ExitCode::from(super::EXIT_TROUBLE);
            }
        },
        Err(err) => {
            eprintln!("error: {}: {err}", path.display());
            return ExitCode::from(super::EXIT_TROUBLE);
        }
    };
    let file = SourceFile::parse(text);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(syntax::to_sexp(&file).as_bytes());
    if file.has_syntax_errors() {
        eprintln!("{}: the syntax tree has errors (ERROR or MISSING nodes)", path.display());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
