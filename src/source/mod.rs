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

/// `kravkoll.yaml` and each file of a policy pack may be at most this large: a real one is a
/// few kilobytes, and every YAML or Rego file kravkoll reads must have a bounded cost.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Whether a file name ends with one of `extensions`, ignoring ASCII case: `A.YAML` and
/// `b.Yml` are evidence too, never silently left out.
pub fn has_extension(name: &str, extensions: &[&str]) -> bool {
    extensions.iter().any(|ext| {
        name.len() >= ext.len()
            && name.is_char_boundary(name.len() - ext.len())
            && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
    })
}

/// A file given on the command line (outside any repository: an import table, a mapping
/// file), read with the same bounds as evidence: a regular file (a pipe or device would
/// block or never end) of at most `max_bytes`, read through a `take` so that a file growing
/// while it is read cannot exceed the bound either.
pub fn read_bounded(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    // Asked before opening: opening a pipe blocks until something writes to it.
    if !std::fs::metadata(path)
        .map_err(|e| e.to_string())?
        .is_file()
    {
        return Err("not a regular file".into());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    let too_large = || {
        format!(
            "the file is larger than {} MiB, the most kravkoll reads",
            max_bytes.div_ceil(1024 * 1024)
        )
    };
    if meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The repository path of `name` inside the folder `rel` (`""` for the root).
pub(crate) fn child_path(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

/// A file found under a folder of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// The size when the listing knows it (a folder). A git revision's listing does not:
    /// learning it opens each blob, a file of the object database each when objects are
    /// loose, and a file the other revision holds unchanged (`diff`) is never read at all.
    /// [`Entry::size_in`] asks the source.
    pub size: Option<u64>,
}

impl Entry {
    /// The size, from the listing or else from `source` ([`Source::size`]), so that a huge
    /// file is refused before it is read; `Ok(None)` when it no longer exists.
    pub fn size_in(&self, source: &dyn Source) -> Result<Option<u64>, String> {
        match self.size {
            Some(size) => Ok(Some(size)),
            None => source.size(&self.path),
        }
    }
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

    /// Like [`Source::is_dir`], but says why something that is there cannot be read as a
    /// folder (a link leading outside the repository, a file): `Ok(false)` only when nothing
    /// is there.
    fn dir_status(&self, dir: &str) -> Result<bool, String> {
        Ok(self.is_dir(dir))
    }

    /// The size of a repository-relative file, so that a huge one is refused before it is
    /// read; `Ok(None)` when it does not exist.
    fn size(&self, path: &str) -> Result<Option<u64>, String>;

    /// The git blob id of a file's content, when the source already knows it (a file a git
    /// revision listed), so that nobody hashes the content again.
    fn blob_id(&self, _path: &str) -> Option<git2::Oid> {
        None
    }
}
