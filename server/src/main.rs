//! The `nianbao` command: argument parsing only; the work is in `nianbao::cli`.

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
