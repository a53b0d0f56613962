//! The command-line front end: `nianbao parse`, `nianbao check`, `nianbao lsp`.

pub mod check;
pub mod summary;
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
    /// Check reports: files, or directories searched for *.txt and *.nianbao. Exit status: 0 when
    /// no error-level finding, 1 when any, 2 on usage or I/O problems.
    Check(CheckArgs),
    /// Run the language server (LSP 3.17 over stdin/stdout).
    Lsp,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Report files, or directories to search for *.txt and *.nianbao.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output: rustc-style snippets, JSON (positions as in LSP: 0-based, UTF-16) or SARIF 2.1.0.
    #[arg(long, value_enum, default_value = "human")]
    pub format: check::Format,
    /// Settings file (default: nianbao.toml in the current directory, when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Apply every determinate fix in place (atomically), then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// The date that counts as today for the date rules (YYYY-MM-DD; default: the clock).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Language of messages.
    #[arg(long, value_parser = ["zh", "en"])]
    pub locale: Option<String>,
    /// Also write a reviewing office's summary of all the reports checked: summary.csv and a
    /// self-contained summary.html in this folder.
    #[arg(long, value_name = "OUT_DIR")]
    pub summary: Option<PathBuf>,
    /// Colour: auto (when a terminal), always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
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
        Command::Check(args) => run_check(args),
        Command::Lsp => crate::lsp::run(),
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    use std::io::IsTerminal as _;
    let explicit = args.config.is_some();
    let path = args.config.clone().unwrap_or_else(|| PathBuf::from("nianbao.toml"));
    let mut config = match std::fs::read_to_string(&path) {
        Ok(text) => match crate::config::Config::from_toml(&text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(EXIT_TROUBLE);
            }
        },
        Err(e) if explicit => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(EXIT_TROUBLE);
        }
        Err(_) => crate::config::Config::default(),
    };
    if let Some(today) = &args.today {
        match crate::date::Date::parse_iso(today) {
            Some(d) => config.today = Some(d),
            None => {
                eprintln!("error: --today {today}: not a date (YYYY-MM-DD)");
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    } else if config.today.is_none() {
        config.today = Some(crate::date::today());
    }
    if let Some(locale) = &args.locale {
        config.locale = crate::config::Locale::from_tag(locale);
    }
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    check::run(check::Options { paths: args.paths, format: args.format, config, fix: args.fix, color, summary: args.summary })
}
