//! The command-line front end: `nianbao parse`, `nianbao check`, `nianbao lsp`.

mod parse;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// nianbao — checks 政府信息公开工作年度报告 (annual government-information-disclosure reports)
/// for missing sections, tables that do not add up, stale dates and superseded citations.
#[derive(Parser, Debug)]
#[command(name = "nianbao", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a report's syntax tree as an S-expression; exit 1 if it has a syntax error.
    Parse {
        /// The report to parse (UTF-8 or GB18030 text).
        file: PathBuf,
    },
}

/// Exit status for usage and I/O problems.
pub const EXIT_TROUBLE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_TROUBLE } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Parse { file } => parse::run(&file),
    }
}
