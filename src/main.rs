//! The `oppepala` binary: parses the command line and calls the library.

fn main() {
    println!("oppepala {}", env!("CARGO_PKG_VERSION"));
}
