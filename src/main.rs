//! The `oppepala` binary: parses the command line and calls the library.
// The command list is empty until the first subcommand lands; remove then.
#![allow(unreachable_code, unused_variables)]

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
