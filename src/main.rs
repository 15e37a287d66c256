use clap::Parser;

fn main() -> std::process::ExitCode {
    // regorus's parser makes and discards `anyhow` errors while it reads the policies (about
    // 3 000 per run), and with RUST_BACKTRACE=1 in the environment, as many CI setups have,
    // each captured a backtrace: a third of a small repository's check. Errors kravkoll
    // reports never show those backtraces; RUST_LIB_BACKTRACE=1 still asks for them, and
    // RUST_BACKTRACE keeps governing panics. Set before any thread is started.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    kravkoll::cli::run(kravkoll::cli::Cli::parse())
}
