//! The `oppepala` binary: parses the command line and calls the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = oppepala::cli::Cli::parse();
    match oppepala::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
