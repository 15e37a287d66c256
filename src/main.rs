use clap::Parser;

fn main() -> std::process::ExitCode {
    kravkoll::cli::run(kravkoll::cli::Cli::parse())
}
