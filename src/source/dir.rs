use std::fs;
use std::path::{Path, PathBuf};

use super::{Entry, Source};
use crate::diagnostics::{Problem, Problems};

/// A directory on disk: the working tree of an evidence repository. Read-only.
#[derive(Debug)]
pub struct DirSource {
    shown: String,
    root: PathBuf,
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
            Err(e) => Err(format!("cannot read `{rel}`: {e}")),
        }
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

    fn list(&self, dir: &str, extensions: &[&str]) -> Result<Vec<Entry>, Problems> {
        let mut problems = Problems::default();
        let mut out = Vec::new();
        let start = self.root.join(dir);
        let walker = walkdir::WalkDir::new(&start)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            // Hidden folders (.git, editor state) are never evidence.
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walker {
            let entry = match item {
                Ok(e) => e,
                Err(e) => {
                    let at = e
                        .path()
                        .map(|p| rel_path(&self.root, p))
                        .unwrap_or_else(|| dir.to_string());
                    problems.push(Problem::new(
                        "kravkoll::source::unreadable",
                        at,
                        None,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let rel = rel_path(&self.root, entry.path());
            let name = entry.file_name().to_string_lossy();
            if !extensions.iter().any(|ext| name.ends_with(ext)) {
                continue;
            }
            let ft = entry.file_type();
            if ft.is_dir() {
                continue;
            }
            let size = if ft.is_symlink() {
                match self.resolve(&rel) {
                    Ok(Some(real)) if real.is_file() => {
                        fs::metadata(&real).map(|m| m.len()).unwrap_or(0)
                    }
                    Ok(Some(real)) if real.is_dir() => continue,
                    Ok(Some(_)) => {
                        problems.push(not_regular(rel));
                        continue;
                    }
                    Ok(None) => continue,
                    Err(msg) => {
                        problems.push(
                            Problem::new("kravkoll::source::link-outside", rel.clone(), None, msg)
                                .help("copy the file into the repository, or remove the link"),
                        );
                        continue;
                    }
                }
            } else if !ft.is_file() {
                // A FIFO or device would block or never end when read.
                problems.push(not_regular(rel));
                continue;
            } else {
                match entry.metadata() {
                    Ok(m) => m.len(),
                    Err(e) => {
                        problems.push(Problem::new(
                            "kravkoll::source::unreadable",
                            rel.clone(),
                            None,
                            format!("cannot read: {e}"),
                        ));
                        continue;
                    }
                }
            };
            out.push(Entry { path: rel, size });
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
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
