//! Where evidence comes from. `check` reads through this small interface so that a git
//! revision can stand in for the working tree without the rest of the program knowing.

mod dir;
pub mod git;

pub use dir::DirSource;
pub use git::GitSource;

use crate::diagnostics::Problems;

/// Files larger than this are refused: real evidence records are a few kilobytes, and a huge
/// file is far more likely a mistake (a log export, a binary) than evidence.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A file found under a folder of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Repository-relative path with `/` separators.
    pub path: String,
    pub size: u64,
}

pub trait Source: Sync {
    /// How to name the source to a person (`examples/region`, `HEAD:evidence`, …).
    fn describe(&self) -> String;

    /// The bytes of a repository-relative file; `Ok(None)` when it does not exist.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, String>;

    /// Every file under `dir` (recursively) whose name ends with one of `extensions`, sorted
    /// by path. Problems (unreadable folders, links leading outside) are returned, not skipped.
    fn list(&self, dir: &str, extensions: &[&str]) -> Result<Vec<Entry>, Problems>;

    /// Whether `dir` exists as a folder.
    fn is_dir(&self, dir: &str) -> bool;
}
