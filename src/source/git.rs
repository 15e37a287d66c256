//! A git revision as an evidence source: files are read straight from the object database
//! (no checkout), so `check --rev`, `diff`, `--baseline` and `history` see exactly what was
//! committed, in working trees and bare repositories alike.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use git2::{ErrorCode, ObjectType, Oid, Repository};

use super::{child_path, has_extension, DirSource, Entry, Source};
use crate::diagnostics::{Problem, Problems};

/// Tree-entry mode of a symbolic link.
const MODE_LINK: i32 = 0o120000;

/// Why a git revision could not be opened: a stable code, a message naming the thing at
/// fault, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError {
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GitError {}

impl GitError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        GitError {
            code,
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn git(what: &str, e: &git2::Error) -> Self {
        GitError::new("kravkoll::git::error", format!("{what}: {}", e.message()))
    }

    pub fn to_problem(&self) -> Problem {
        let mut p = Problem::new(self.code, "", None, self.message.clone());
        p.help = self.help.clone();
        p
    }

    pub fn to_problems(&self) -> Problems {
        let mut p = Problems::default();
        p.push(self.to_problem());
        p
    }
}

pub const NOT_A_REPOSITORY: &str = "kravkoll::git::not-a-repository";
pub const UNKNOWN_REVISION: &str = "kravkoll::git::unknown-revision";
pub const SHALLOW: &str = "kravkoll::git::shallow";
pub const NO_WORK_TREE: &str = "kravkoll::git::no-work-tree";
pub const NO_SUCH_FOLDER: &str = "kravkoll::git::no-such-folder";

/// The shallow-clone advice, shared by every message about missing history.
pub const SHALLOW_HELP: &str = "this is a shallow clone, so older commits were never fetched: fetch the full history with `git fetch --unshallow` (on GitHub Actions, give actions/checkout `with: fetch-depth: 0`)";

/// A git repository found from an evidence folder, and where that folder sits in its tree.
pub struct GitRepo {
    repo: Repository,
    /// The evidence folder inside the repository's tree, `/`-separated; empty for the root.
    prefix: String,
    shown: String,
}

impl GitRepo {
    /// Finds the repository holding `path` (a working-tree folder, possibly a subfolder of
    /// the repository, or a bare repository).
    pub fn discover(path: &Path) -> Result<Self, GitError> {
        let shown = path.display().to_string();
        let canon = fs::canonicalize(path).map_err(|e| {
            GitError::new(
                "kravkoll::source::unreadable",
                format!("cannot open `{shown}`: {e}"),
            )
        })?;
        if !canon.is_dir() {
            return Err(GitError::new(
                "kravkoll::source::unreadable",
                format!("`{shown}` is not a folder"),
            ));
        }
        no_rehashing();
        let repo = Repository::discover(&canon).map_err(|e| {
            if e.code() == ErrorCode::NotFound {
                not_a_repository(&shown)
            } else if e.code() == ErrorCode::Owner {
                GitError::new(
                    NOT_A_REPOSITORY,
                    format!(
                        "the git repository at `{shown}` belongs to another user, so git refuses to read it: {}",
                        e.message()
                    ),
                )
                .help("if you trust it, allow it with `git config --global --add safe.directory DIR`, DIR being the repository's top folder (common in CI containers, where the checkout belongs to another user)")
            } else {
                GitError::git(&format!("cannot open the git repository at `{shown}`"), &e)
            }
        })?;
        let prefix = match repo.workdir() {
            Some(wd) => {
                let wd = fs::canonicalize(wd).unwrap_or_else(|_| wd.to_path_buf());
                match canon.strip_prefix(&wd) {
                    // Inside `.git` itself: read the repository's root.
                    Ok(rel) if rel.starts_with(".git") => String::new(),
                    Ok(rel) => rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                    Err(_) => String::new(),
                }
            }
            None => String::new(),
        };
        Ok(GitRepo {
            repo,
            prefix,
            shown,
        })
    }

    pub fn repository(&self) -> &Repository {
        &self.repo
    }

    /// The evidence folder's path inside the repository tree (empty for the root).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The commit a revision names, or a message naming the revision and what to try.
    pub fn resolve(&self, rev: &str) -> Result<git2::Commit<'_>, GitError> {
        let obj = self.repo.revparse_single(rev).map_err(|e| match e.code() {
            ErrorCode::Ambiguous => GitError::new(
                UNKNOWN_REVISION,
                format!("the revision `{rev}` is ambiguous in `{}`", self.shown),
            )
            .help("give more characters of the commit id"),
            ErrorCode::NotFound | ErrorCode::InvalidSpec | ErrorCode::UnbornBranch => {
                self.unknown_revision(rev)
            }
            _ => GitError::git(&format!("cannot resolve the revision `{rev}`"), &e),
        })?;
        obj.peel_to_commit().map_err(|_| {
            let kind = obj.kind().map(|k| k.str()).unwrap_or("object");
            GitError::new(
                UNKNOWN_REVISION,
                format!("the revision `{rev}` names a {kind}, not a commit"),
            )
            .help("give a commit, branch or tag")
        })
    }

    fn unknown_revision(&self, rev: &str) -> GitError {
        if self.repo.is_shallow() {
            GitError::new(
                SHALLOW,
                format!(
                    "the revision `{rev}` is not in `{}`: the repository is a shallow clone",
                    self.shown
                ),
            )
            .help(SHALLOW_HELP)
        } else if let Some(target) = self.dangling_head() {
            GitError::new(
                UNKNOWN_REVISION,
                format!(
                    "the revision `{rev}` does not exist: HEAD in `{}` points at `{target}`, which does not exist",
                    self.shown
                ),
            )
            .help("the branch was deleted or renamed: switch to an existing one (`git branch -a` lists them; `git switch main`)")
        } else if matches!(self.repo.head(), Err(e) if e.code() == ErrorCode::UnbornBranch) {
            GitError::new(
                UNKNOWN_REVISION,
                format!(
                    "the revision `{rev}` does not exist: `{}` has no commits yet",
                    self.shown
                ),
            )
            .help("commit the evidence first (`git add` and `git commit`)")
        } else {
            GitError::new(
                UNKNOWN_REVISION,
                format!("the revision `{rev}` does not exist in `{}`", self.shown),
            )
            .help("`git log --oneline` lists the commits and `git branch -a` the branches; a branch of a remote must be fetched first (`git fetch origin main`)")
        }
    }

    /// The branch HEAD names when it does not exist although the repository has other
    /// references: not a new repository but a deleted or renamed branch.
    fn dangling_head(&self) -> Option<String> {
        let head = self.repo.find_reference("HEAD").ok()?;
        let target = head.symbolic_target().ok()??.to_string();
        if self.repo.find_reference(&target).is_ok() {
            return None;
        }
        let others = self
            .repo
            .references()
            .ok()?
            .flatten()
            .any(|r| r.name_bytes() != b"HEAD");
        others.then_some(target)
    }

    /// The evidence as committed at `rev`.
    pub fn source(self, rev: &str) -> Result<GitSource, GitError> {
        let (commit, root) = {
            let commit = self.resolve(rev)?;
            let tree = commit
                .tree()
                .map_err(|e| GitError::git(&format!("cannot read the tree of `{rev}`"), &e))?;
            let root = if self.prefix.is_empty() {
                tree.id()
            } else {
                match tree.get_path(Path::new(&self.prefix)) {
                    Ok(e) if e.kind() == Some(ObjectType::Tree) => e.id(),
                    _ => {
                        return Err(GitError::new(
                            NO_SUCH_FOLDER,
                            format!(
                                "the folder `{}` does not exist at the revision `{rev}` ({})",
                                self.prefix,
                                short(commit.id())
                            ),
                        )
                        .help("the evidence repository was created or moved later; compare with a newer revision"))
                    }
                }
            };
            (commit.id(), root)
        };
        Ok(GitSource {
            shown: if self.shown == "." {
                format!("{rev} ({})", short(commit))
            } else {
                format!("{} at {rev} ({})", self.shown, short(commit))
            },
            git_dir: self.repo.path().to_path_buf(),
            repo: Mutex::new(self.repo),
            listed: std::sync::RwLock::new(HashMap::default()),
            readers: OnceLock::new(),
            root,
            commit,
            rev: rev.to_string(),
        })
    }
}

fn not_a_repository(shown: &str) -> GitError {
    GitError::new(NOT_A_REPOSITORY, format!("`{shown}` is not in a git repository"))
        .help("`--rev`, `--baseline`, `--git-changes`, `diff` and `history` read the evidence from git history; run `git init` and commit the evidence, or leave them out to read the folder as it is")
}

/// A blob of at most `max` bytes; `None` when it is larger (its size is read from the
/// object header, so a huge blob in the history is never loaded) or cannot be read.
pub fn bounded_blob(repo: &Repository, id: Oid, max: u64) -> Option<git2::Blob<'_>> {
    let (size, _) = repo.odb().ok()?.read_header(id).ok()?;
    if size as u64 > max {
        return None;
    }
    repo.find_blob(id).ok()
}

/// The first seven hex digits of a commit id.
pub fn short(id: Oid) -> String {
    let mut s = id.to_string();
    s.truncate(7);
    s
}

/// Objects are read as git itself reads them: zlib's checksum guards each one, but its
/// SHA-1 is not computed again at every read, as libgit2 does by default (git leaves that
/// to `git fsck`). The hashing was 3 % of the instructions of a `diff` at 10 000 records;
/// without it `diff` took 0.94× the time at 100 000 (paired). The setting is the
/// process's, for every repository opened after it.
fn no_rehashing() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

/// The evidence of one commit, read from the object database. Read-only.
pub struct GitSource {
    repo: Mutex<Repository>,
    /// Blob id of every file [`Source::list`] returned, by path: reading a listed
    /// file goes straight to its blob. Looking a path up from the root instead parses the
    /// folder's tree on every read (libgit2 keeps no large tree in its cache), which made
    /// reading a folder of one file per record quadratic.
    listed: std::sync::RwLock<HashMap<String, Oid, foldhash::fast::RandomState>>,
    /// More handles on the same repository, opened at the first read, so that the loader's
    /// threads read blobs side by side: a libgit2 handle serves one thread at a time, and
    /// one handle behind `repo`'s lock made reading a revision serial (with one file per
    /// record, a third of a 100 000-record check).
    readers: OnceLock<Vec<Mutex<Repository>>>,
    /// The repository's git folder, to open `readers` from.
    git_dir: PathBuf,
    /// Tree of the evidence folder at the commit.
    root: Oid,
    commit: Oid,
    rev: String,
    shown: String,
}

impl fmt::Debug for GitSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitSource")
            .field("shown", &self.shown)
            .finish()
    }
}

enum Found {
    Tree(Oid),
    Blob(Oid),
    Link,
    Submodule,
}

impl GitSource {
    /// The evidence folder `path` (in a git repository) as committed at `rev`.
    pub fn open(path: &Path, rev: &str) -> Result<Self, GitError> {
        GitRepo::discover(path)?.source(rev)
    }

    pub fn commit_id(&self) -> Oid {
        self.commit
    }

    pub fn rev(&self) -> &str {
        &self.rev
    }

    fn lock(&self) -> MutexGuard<'_, Repository> {
        // A panic while holding the lock cannot leave the repository handle inconsistent
        // for reading, so a poisoned lock is simply taken over.
        self.repo.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` with a repository handle no other thread is using: one of `readers` when one
    /// is free, else the main handle (waiting for it).
    fn with_reader<T>(&self, f: impl FnOnce(&Repository) -> T) -> T {
        let readers = self.readers.get_or_init(|| {
            // One per loader thread beside the main handle; a handle that cannot be opened
            // only means less reading side by side.
            let n = rayon::current_num_threads().saturating_sub(1).min(32);
            (0..n)
                .filter_map(|_| Repository::open(&self.git_dir).ok())
                .map(Mutex::new)
                .collect()
        });
        for reader in readers {
            if let Ok(repo) = reader.try_lock() {
                return f(&repo);
            }
        }
        f(&self.lock())
    }

    fn lookup(&self, repo: &Repository, rel: &str) -> Result<Option<Found>, String> {
        let mut parts = Vec::new();
        for part in rel.split('/') {
            match part {
                "" | "." => {}
                ".." => return Ok(None),
                p => parts.push(p),
            }
        }
        if parts.is_empty() {
            return Ok(Some(Found::Tree(self.root)));
        }
        let tree = repo
            .find_tree(self.root)
            .map_err(|e| format!("cannot read {}: {}", self.shown, e.message()))?;
        let entry = match tree.get_path(Path::new(&parts.join("/"))) {
            Ok(e) => e,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read `{rel}`: {}", e.message())),
        };
        Ok(match entry.kind() {
            Some(ObjectType::Tree) => Some(Found::Tree(entry.id())),
            Some(ObjectType::Blob) if entry.filemode() == MODE_LINK => Some(Found::Link),
            Some(ObjectType::Blob) => Some(Found::Blob(entry.id())),
            Some(ObjectType::Commit) => Some(Found::Submodule),
            _ => None,
        })
    }

    /// The blob of a file [`Source::list`] returned.
    fn listed(&self, rel: &str) -> Option<Oid> {
        // Read by every loading task for every file it reads: a read lock, not a mutex.
        self.listed
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
            .copied()
    }

    fn walk(
        &self,
        repo: &Repository,
        tree: Oid,
        rel: &str,
        extensions: &[&str],
        out: &mut Vec<(String, Oid)>,
        problems: &mut Problems,
    ) {
        let tree = match repo.find_tree(tree) {
            Ok(t) => t,
            Err(e) => {
                problems.push(unreadable(rel, e.message()));
                return;
            }
        };
        let mut entries: Vec<_> = tree.iter().collect();
        // The same order as the working-tree source: names byte-wise, depth first.
        entries.sort_by(|a, b| a.name_bytes().cmp(b.name_bytes()));
        for entry in entries {
            let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
            // Hidden files and folders (.github, editor state) are never evidence.
            if name.starts_with('.') {
                continue;
            }
            let path = child_path(rel, &name);
            let wanted = has_extension(&name, extensions);
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    self.walk(repo, entry.id(), &path, extensions, out, problems)
                }
                Some(ObjectType::Commit) => problems.push(
                    Problem::new(
                        "kravkoll::source::submodule",
                        path,
                        None,
                        format!("a git submodule; kravkoll does not read submodules at a revision ({})", self.shown),
                    )
                    .help("keep the evidence in this repository, or check the submodule's repository on its own"),
                ),
                Some(ObjectType::Blob) if !wanted => {}
                Some(ObjectType::Blob) if entry.filemode() == MODE_LINK => problems.push(
                    Problem::new(
                        "kravkoll::source::link",
                        path,
                        None,
                        "a symbolic link; kravkoll does not follow links when it reads a git revision",
                    )
                    .help("commit the file itself instead of a link to it"),
                ),
                // The size is left to `size`, asked only of files that are read.
                Some(ObjectType::Blob) => out.push((path, entry.id())),
                _ => {}
            }
        }
    }
}

fn unreadable(rel: &str, msg: &str) -> Problem {
    Problem::unreadable(rel, format!("cannot read from git: {msg}"))
}

impl Source for GitSource {
    fn describe(&self) -> String {
        self.shown.clone()
    }

    fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        let found = match self.listed(rel) {
            Some(id) => Some(Found::Blob(id)),
            None => self.lookup(&self.lock(), rel)?,
        };
        match found {
            None => Ok(None),
            Some(Found::Blob(id)) => self
                .with_reader(|repo| repo.find_blob(id).map(|b| b.content().to_vec()))
                .map(Some)
                .map_err(|e| format!("cannot read `{rel}` from git: {}", e.message())),
            Some(Found::Tree(_)) => Err(format!("`{rel}` is not a regular file")),
            Some(Found::Link) => Err(format!(
                "`{rel}` is a symbolic link; kravkoll does not follow links when it reads a git revision"
            )),
            Some(Found::Submodule) => Err(format!(
                "`{rel}` is a git submodule; kravkoll does not read submodules"
            )),
        }
    }

    fn list(&self, dir: &str, extensions: &[&str]) -> Result<Vec<Entry>, Problems> {
        let repo = self.lock();
        let mut problems = Problems::default();
        let mut out = Vec::new();
        let start = dir.trim_matches('/');
        match self.lookup(&repo, start) {
            Ok(Some(Found::Tree(id))) => {
                self.walk(&repo, id, start, extensions, &mut out, &mut problems)
            }
            Ok(_) => problems.push(Problem::unreadable(
                start,
                format!("not a folder in {}", self.shown),
            )),
            Err(msg) => problems.push(Problem::unreadable(start, msg)),
        }
        let mut listed = self.listed.write().unwrap_or_else(|e| e.into_inner());
        listed.reserve(out.len());
        let out = out
            .into_iter()
            .map(|(path, id)| {
                listed.insert(path.clone(), id);
                Entry { path, size: None }
            })
            .collect();
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    fn is_dir(&self, dir: &str) -> bool {
        let repo = self.lock();
        matches!(self.lookup(&repo, dir), Ok(Some(Found::Tree(_))))
    }

    fn dir_status(&self, dir: &str) -> Result<bool, String> {
        let repo = self.lock();
        match self.lookup(&repo, dir)? {
            None => Ok(false),
            Some(Found::Tree(_)) => Ok(true),
            Some(Found::Link) => Err(format!(
                "`{dir}` is a symbolic link; kravkoll does not follow links when it reads a git revision"
            )),
            Some(Found::Submodule) => Err(format!(
                "`{dir}` is a git submodule; kravkoll does not read submodules"
            )),
            Some(Found::Blob(_)) => Err(format!("`{dir}` is a file, not a folder")),
        }
    }

    fn blob_id(&self, rel: &str) -> Option<Oid> {
        self.listed(rel)
    }

    fn size(&self, rel: &str) -> Result<Option<u64>, String> {
        let found = match self.listed(rel) {
            Some(id) => Some(Found::Blob(id)),
            None => self.lookup(&self.lock(), rel)?,
        };
        match found {
            None => Ok(None),
            // On one of the readers' handles, so that the loader's threads ask side by side.
            Some(Found::Blob(id)) => self
                .with_reader(|repo| repo.odb().and_then(|odb| odb.read_header(id)))
                .map(|(size, _)| Some(size as u64))
                .map_err(|e| format!("cannot read `{rel}` from git: {}", e.message())),
            Some(_) => Err(format!("`{rel}` is not a regular file")),
        }
    }
}

/// Which evidence a command reads: a git revision, or (`rev: None`) the working tree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side {
    /// The revision as given; `None` for the working tree.
    pub rev: Option<String>,
    /// The full commit id the revision named.
    pub commit: Option<String>,
}

impl Side {
    pub fn worktree() -> Self {
        Side {
            rev: None,
            commit: None,
        }
    }

    /// `main (3f2a1b0)` or `working tree`.
    pub fn label(&self) -> String {
        match (&self.rev, &self.commit) {
            (Some(rev), Some(c)) => format!("{rev} ({})", c.chars().take(7).collect::<String>()),
            (Some(rev), None) => rev.clone(),
            _ => "working tree".to_string(),
        }
    }
}

/// The evidence folder `path` at `rev`, or as it is on disk when `rev` is `None`.
pub fn open(path: &Path, rev: Option<&str>) -> Result<(Box<dyn Source>, Side), GitError> {
    match rev {
        Some(rev) => {
            let s = GitSource::open(path, rev)?;
            let side = Side {
                rev: Some(rev.to_string()),
                commit: Some(s.commit_id().to_string()),
            };
            Ok((Box::new(s), side))
        }
        None => {
            if let Ok(repo) = Repository::open(path) {
                if repo.is_bare() {
                    return Err(GitError::new(
                        NO_WORK_TREE,
                        format!(
                            "`{}` is a bare git repository, which has no working tree to read",
                            path.display()
                        ),
                    )
                    .help("name a revision, e.g. `--rev HEAD`"));
                }
            }
            let s = DirSource::open(path)
                .map_err(|msg| GitError::new("kravkoll::source::unreadable", msg))?;
            Ok((Box::new(s), Side::worktree()))
        }
    }
}

/// Like [`open`], but the working tree of a bare repository is a clear error rather than the
/// repository's internals read as a folder.
pub fn open_for_diff(path: &Path, rev: Option<&str>) -> Result<(Box<dyn Source>, Side), GitError> {
    if rev.is_none() {
        let repo = GitRepo::discover(path)?;
        if repo.repo.is_bare() {
            return Err(GitError::new(
                NO_WORK_TREE,
                format!(
                    "`{}` is a bare git repository, which has no working tree to compare with",
                    repo.shown
                ),
            )
            .help("name both revisions, e.g. `kravkoll diff --from main~1 --to main`"));
        }
    }
    open(path, rev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::{Signature, Time};

    fn commit_files(repo: &Repository, files: &[(&str, &[u8], i32)]) -> Oid {
        let mut index = repo.index().expect("index");
        let odb = repo.odb().expect("odb");
        for (path, bytes, mode) in files {
            let id = odb.write(ObjectType::Blob, bytes).expect("blob");
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: *mode as u32,
                uid: 0,
                gid: 0,
                file_size: bytes.len() as u32,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).expect("add");
        }
        let tree_id = index.write_tree().expect("tree");
        let tree = repo.find_tree(tree_id).expect("tree");
        let sig =
            Signature::new("Test", "test@example.se", &Time::new(1_750_000_000, 60)).expect("sig");
        repo.commit(Some("HEAD"), &sig, &sig, "test", &tree, &[])
            .expect("commit")
    }

    fn repo_with(files: &[(&str, &[u8], i32)]) -> (tempfile::TempDir, Oid) {
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init_bare(dir.path()).expect("init");
        let id = commit_files(&repo, files);
        (dir, id)
    }

    #[test]
    fn lists_reads_and_skips_like_the_working_tree() {
        let (dir, _) = repo_with(&[
            ("kravkoll.yaml", b"x: 1\n", 0o100644),
            ("evidence/b.yaml", b"b\n", 0o100644),
            ("evidence/a/z.yml", b"zz\n", 0o100644),
            ("evidence/a-b.yaml", b"ab\n", 0o100644),
            ("evidence/notes.txt", b"n\n", 0o100644),
            ("evidence/.hidden/h.yaml", b"h\n", 0o100644),
            ("evidence/.h.yaml", b"h\n", 0o100644),
        ]);
        let s = GitSource::open(dir.path(), "HEAD").expect("opens");
        assert!(s.is_dir("evidence"));
        assert!(s.is_dir(""));
        assert!(!s.is_dir("kravkoll.yaml"));
        assert!(!s.is_dir("nope"));
        let listed = s.list("evidence", &[".yaml", ".yml"]).expect("lists");
        let paths: Vec<_> = listed
            .iter()
            .map(|e| (e.path.as_str(), e.size_in(&s).unwrap()))
            .collect();
        assert_eq!(
            paths,
            [
                ("evidence/a/z.yml", Some(3)),
                ("evidence/a-b.yaml", Some(3)),
                ("evidence/b.yaml", Some(2))
            ]
        );
        // A git listing leaves sizes to be asked: learning one opens the blob.
        assert!(listed.iter().all(|e| e.size.is_none()));
        // A listed file is read through the blob id the listing kept.
        assert_eq!(s.read("evidence/a/z.yml").unwrap(), Some(b"zz\n".to_vec()));
        assert_eq!(s.size("evidence/a-b.yaml").unwrap(), Some(3));
        assert_eq!(s.read("kravkoll.yaml").unwrap(), Some(b"x: 1\n".to_vec()));
        assert_eq!(s.read("./evidence/b.yaml").unwrap(), Some(b"b\n".to_vec()));
        assert_eq!(s.read("missing.yaml").unwrap(), None);
        assert_eq!(s.read("../kravkoll.yaml").unwrap(), None);
        assert!(s.read("evidence").is_err());
        assert!(s.describe().contains("HEAD"));
    }

    #[test]
    fn threads_read_side_by_side_and_each_gets_its_own_file() {
        use rayon::prelude::*;
        let contents: Vec<(String, Vec<u8>)> = (0..200)
            .map(|i| {
                let text = format!("id: r-{i}\n{}", "x".repeat(i));
                (format!("evidence/r{i:03}.yaml"), text.into_bytes())
            })
            .collect();
        let files: Vec<(&str, &[u8], i32)> = contents
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice(), 0o100644))
            .collect();
        let (dir, _) = repo_with(&files);
        let s = GitSource::open(dir.path(), "HEAD").expect("opens");
        let listed = s.list("evidence", &[".yaml"]).expect("lists");
        assert_eq!(listed.len(), contents.len());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .expect("pool");
        let read: Vec<Option<Vec<u8>>> = pool.install(|| {
            listed
                .par_iter()
                .map(|e| s.read(&e.path).expect("reads"))
                .collect()
        });
        for ((path, bytes), got) in contents.iter().zip(read) {
            assert_eq!(got.as_deref(), Some(bytes.as_slice()), "{path}");
        }
        // Reading went through more than the one main handle.
        assert!(!s.readers.get().expect("opened").is_empty());
    }

    #[test]
    fn links_and_submodules_are_problems() {
        let sub = Oid::from_str("0123456789012345678901234567890123456789").unwrap();
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init_bare(dir.path()).expect("init");
        let mut tb = repo.treebuilder(None).expect("tb");
        let odb = repo.odb().expect("odb");
        let link = odb.write(ObjectType::Blob, b"/etc/passwd").expect("blob");
        let real = odb.write(ObjectType::Blob, b"a: 1\n").expect("blob");
        tb.insert("l.yaml", link, MODE_LINK).expect("insert");
        tb.insert("ok.yaml", real, 0o100644).expect("insert");
        tb.insert("vendor", sub, 0o160000).expect("insert");
        let ev = tb.write().expect("tree");
        let mut root = repo.treebuilder(None).expect("tb");
        root.insert("evidence", ev, 0o040000).expect("insert");
        let tree = repo.find_tree(root.write().expect("tree")).expect("tree");
        let sig = Signature::new("T", "t@example.se", &Time::new(1_750_000_000, 0)).unwrap();
        repo.commit(Some("HEAD"), &sig, &sig, "m", &tree, &[])
            .expect("commit");
        drop(tree);
        let s = GitSource::open(dir.path(), "HEAD").expect("opens");
        let problems = s.list("evidence", &[".yaml"]).expect_err("problems");
        let codes: Vec<_> = problems
            .problems
            .iter()
            .map(|p| (p.code, p.file.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("kravkoll::source::link", "evidence/l.yaml"),
                ("kravkoll::source::submodule", "evidence/vendor")
            ]
        );
        assert!(s
            .read("evidence/l.yaml")
            .unwrap_err()
            .contains("symbolic link"));
        assert!(s.read("evidence/vendor").unwrap_err().contains("submodule"));
    }

    #[test]
    fn sides_are_labelled() {
        assert_eq!(Side::worktree().label(), "working tree");
        let side = Side {
            rev: Some("main".into()),
            commit: Some("3f2a1b0c9d".into()),
        };
        assert_eq!(side.label(), "main (3f2a1b0)");
    }

    #[test]
    fn unknown_revisions_and_plain_folders_are_named() {
        let (dir, id) = repo_with(&[("kravkoll.yaml", b"x\n", 0o100644)]);
        let e = GitSource::open(dir.path(), "nosuch").expect_err("fails");
        assert_eq!(e.code, UNKNOWN_REVISION);
        assert!(e.message.contains("`nosuch`"), "{e}");
        assert!(e.help.unwrap().contains("git log --oneline"));
        let ok = GitSource::open(dir.path(), &id.to_string()[..10]).expect("short id");
        assert_eq!(ok.commit_id(), id);
        let plain = tempfile::tempdir().expect("tmp");
        let e = GitSource::open(plain.path(), "HEAD").expect_err("fails");
        assert_eq!(e.code, NOT_A_REPOSITORY);
    }

    #[test]
    fn a_subfolder_is_read_relative_to_itself() {
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init(dir.path()).expect("init");
        commit_files(
            &repo,
            &[
                ("compliance/kravkoll.yaml", b"x\n", 0o100644),
                ("compliance/evidence/a.yaml", b"a\n", 0o100644),
            ],
        );
        std::fs::create_dir_all(dir.path().join("compliance")).unwrap();
        let s = GitSource::open(&dir.path().join("compliance"), "HEAD").expect("opens");
        assert_eq!(s.read("kravkoll.yaml").unwrap(), Some(b"x\n".to_vec()));
        let listed = s.list("evidence", &[".yaml"]).expect("lists");
        assert_eq!(listed[0].path, "evidence/a.yaml");
        std::fs::create_dir_all(dir.path().join("other")).unwrap();
        let e = GitSource::open(&dir.path().join("other"), "HEAD").expect_err("absent");
        assert_eq!(e.code, NO_SUCH_FOLDER);
    }
}
