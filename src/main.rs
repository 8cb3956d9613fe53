//! The `oppepala` binary: parses the command line and calls the library.

use clap::Parser;

/// mimalloc instead of the system allocator: planning and answering
/// allocate many small, short-lived objects, and under concurrent load
/// glibc's malloc and free took about an eighth of the server's CPU
/// (README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = oppepala::cli::Cli::parse();
    match oppepala::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // A reader that stopped reading (`| head`) is not a failure.
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return std::process::ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
