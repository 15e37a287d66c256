use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{child_path, has_extension, Entry, Source};
use crate::diagnostics::{Problem, Problems};

/// Deeper folder nesting than any evidence repository needs; bounds the walk.
const MAX_DEPTH: usize = 64;

/// A directory on disk: the working tree of an evidence repository. Read-only.
#[derive(Debug)]
pub struct DirSource {
    shown: String,
    root: PathBuf,
}

/// Whether an error is "too many levels of symbolic links" (ELOOP), which std has no stable
/// kind for.
fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62;
    e.raw_os_error() == Some(ELOOP)
}

impl DirSource {
    pub fn open(path: &Path) -> Result<Self, String> {
        let root =
            fs::canonicalize(path).map_err(|e| format!("cannot open `{}`: {e}", path.display()))?;
        if !root.is_dir() {
            return Err(format!("`{}` is not a folder", path.display()));
        }
        Ok(DirSource {
            shown: path.display().to_string(),
            root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The real path of a repository file, refusing anything that resolves outside the root.
    fn resolve(&self, rel: &str) -> Result<Option<PathBuf>, String> {
        let p = self.root.join(rel);
        match fs::canonicalize(&p) {
            Ok(real) if real.starts_with(&self.root) => Ok(Some(real)),
            Ok(real) => Err(format!(
                "`{rel}` is a symbolic link to `{}`, outside the repository; kravkoll reads only files inside it",
                real.display()
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if fs::symlink_metadata(&p).is_ok() {
                    Err(format!("`{rel}` is a symbolic link to a file that does not exist"))
                } else {
                    Ok(None)
                }
            }
            Err(e) if is_link_loop(&e) => Err(format!(
                "`{rel}` is a symbolic link loop: following it leads back to itself"
            )),
            Err(e) => Err(format!("cannot read `{rel}`: {e}")),
        }
    }

    fn rel(&self, real: &Path) -> String {
        rel_path(&self.root, real)
    }
}

impl Source for DirSource {
    fn describe(&self) -> String {
        self.shown.clone()
    }

    fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(real) = self.resolve(rel)? else {
            return Ok(None);
        };
        if !real.is_file() {
            return Err(format!("`{rel}` is not a regular file"));
        }
        fs::read(&real)
            .map(Some)
            .map_err(|e| format!("cannot read `{rel}`: {e}"))
    }

    fn is_dir(&self, dir: &str) -> bool {
        matches!(self.resolve(dir), Ok(Some(p)) if p.is_dir())
    }

    fn dir_status(&self, dir: &str) -> Result<bool, String> {
        match self.resolve(dir)? {
            None => Ok(false),
            Some(p) if p.is_dir() => Ok(true),
            Some(_) => Err(format!("`{dir}` is a file, not a folder")),
        }
    }

    fn size(&self, rel: &str) -> Result<Option<u64>, String> {
        let Some(real) = self.resolve(rel)? else {
            return Ok(None);
        };
        let meta = fs::metadata(&real).map_err(|e| format!("cannot read `{rel}`: {e}"))?;
        if !meta.is_file() {
            return Err(format!("`{rel}` is not a regular file"));
        }
        Ok(Some(meta.len()))
    }

    fn list(&self, dir: &str, extensions: &[&str]) -> Result<Vec<Entry>, Problems> {
        let mut walk = Walk {
            source: self,
            extensions,
            dirs: HashSet::new(),
            files: HashSet::new(),
            out: Vec::new(),
            problems: Problems::default(),
        };
        match self.resolve(dir) {
            Ok(Some(real)) if real.is_dir() => {
                let mut ancestors = vec![real.clone()];
                walk.dir(&real, dir.trim_end_matches('/'), &mut ancestors);
            }
            Ok(_) => walk.problems.push(Problem::unreadable(dir, "not a folder")),
            Err(msg) => walk.problems.push(Problem::unreadable(dir, msg)),
        }
        if walk.problems.is_empty() {
            Ok(walk.out)
        } else {
            Err(walk.problems)
        }
    }
}

/// One listing: folders are walked depth first in name order; links that stay inside the
/// repository are followed, each real folder and file is read once (the first path that
/// reaches it wins), and a link back to a folder being walked is a loop.
struct Walk<'a> {
    source: &'a DirSource,
    extensions: &'a [&'a str],
    /// Real paths of the folders walked so far.
    dirs: HashSet<PathBuf>,
    /// Real paths of the files listed so far.
    files: HashSet<PathBuf>,
    out: Vec<Entry>,
    problems: Problems,
}

impl Walk<'_> {
    /// Walks the folder whose real path is `real`, shown as `rel`; `ancestors` holds the real
    /// paths of the folders on the way down (a link back to one of them is a loop).
    fn dir(&mut self, real: &Path, rel: &str, ancestors: &mut Vec<PathBuf>) {
        if !self.dirs.insert(real.to_path_buf()) {
            return;
        }
        if ancestors.len() > MAX_DEPTH {
            self.problems.push(
                Problem::new(
                    "kravkoll::source::too-deep",
                    rel,
                    None,
                    format!("folders are nested more than {MAX_DEPTH} levels deep"),
                )
                .help("evidence needs a few levels of folders at most"),
            );
            return;
        }
        let mut entries: Vec<fs::DirEntry> = match fs::read_dir(real) {
            Ok(rd) => match rd.collect() {
                Ok(e) => e,
                Err(e) => return self.unreadable(rel, &e),
            },
            Err(e) => return self.unreadable(rel, &e),
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Hidden files and folders (.git, editor state) are never evidence.
            if name.starts_with('.') {
                continue;
            }
            let child_rel = child_path(rel, &name);
            let child = real.join(entry.file_name());
            let ft = match entry.file_type() {
                Ok(ft) => ft,
                Err(e) => {
                    self.unreadable(&child_rel, &e);
                    continue;
                }
            };
            let wanted = has_extension(&name, self.extensions);
            if ft.is_dir() {
                ancestors.push(child.clone());
                self.dir(&child, &child_rel, ancestors);
                ancestors.pop();
            } else if ft.is_symlink() {
                self.link(&child, &child_rel, wanted, ancestors);
            } else if !wanted {
            } else if ft.is_file() {
                match entry.metadata() {
                    Ok(m) => self.file(child, child_rel, m.len()),
                    Err(e) => self.unreadable(&child_rel, &e),
                }
            } else {
                // A FIFO or device would block or never end when read.
                self.problems.push(not_regular(child_rel));
            }
        }
    }

    fn file(&mut self, real: PathBuf, rel: String, size: u64) {
        if self.files.insert(real) {
            self.out.push(Entry {
                path: rel,
                size: Some(size),
            });
        }
    }

    /// A symbolic link: followed when it stays inside the repository (what it reaches is
    /// listed under its real path, so findings point at the file to edit), a problem
    /// otherwise. A broken link is always a problem: it may have been a folder of evidence.
    fn link(&mut self, at: &Path, rel: &str, wanted: bool, ancestors: &mut Vec<PathBuf>) {
        let target = match fs::canonicalize(at) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.problems.push(
                    Problem::new(
                        "kravkoll::source::dangling-link",
                        rel,
                        None,
                        "a symbolic link to something that does not exist",
                    )
                    .help("fix the link or remove it"),
                );
                return;
            }
            Err(e) if is_link_loop(&e) => {
                self.problems.push(link_loop(rel));
                return;
            }
            Err(e) => return self.unreadable(rel, &e),
        };
        let is_dir = target.is_dir();
        if !is_dir && !wanted {
            return;
        }
        if !target.starts_with(&self.source.root) {
            self.problems.push(
                Problem::new(
                    "kravkoll::source::link-outside",
                    rel,
                    None,
                    format!(
                        "a symbolic link to `{}`, outside the repository; kravkoll reads only files inside it",
                        target.display()
                    ),
                )
                .help("move or copy what it points to into the repository, or remove the link"),
            );
            return;
        }
        if is_dir {
            if ancestors.contains(&target) {
                self.problems.push(link_loop(rel));
                return;
            }
            let shown = self.source.rel(&target);
            ancestors.push(target.clone());
            self.dir(&target, &shown, ancestors);
            ancestors.pop();
        } else if target.is_file() {
            match fs::metadata(&target) {
                Ok(m) => {
                    let shown = self.source.rel(&target);
                    self.file(target, shown, m.len());
                }
                Err(e) => self.unreadable(rel, &e),
            }
        } else {
            self.problems.push(not_regular(rel.to_string()));
        }
    }

    fn unreadable(&mut self, rel: &str, e: &std::io::Error) {
        self.problems
            .push(Problem::unreadable(rel, format!("cannot read: {e}")));
    }
}

fn link_loop(rel: &str) -> Problem {
    Problem::new(
        "kravkoll::source::link-loop",
        rel,
        None,
        "a symbolic link loop: following it leads back to a folder it is in, or to itself",
    )
    .help("point the link somewhere else, or remove it")
}

fn not_regular(rel: String) -> Problem {
    Problem::new(
        "kravkoll::source::not-a-file",
        rel,
        None,
        "not a regular file (a pipe, socket or device); kravkoll reads only ordinary files",
    )
    .help("remove it from the evidence folder")
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
