//! Report writers: one module per output format, each a function of the outcome alone.

pub mod human;
pub mod json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}
