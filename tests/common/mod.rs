#![allow(dead_code)]

pub mod browser;
pub mod tools;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const CONFIG: &str = "organisation:
  name: Testregionen
  type: region
  healthcare_provider: true
  social_care_provider: false
  licensed_staff_fte: 100
  boards:
    - id: rs
      name: Regionstyrelsen
language: sv
";

/// A temporary evidence repository.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Repo { dir };
        repo.write("kravkoll.yaml", CONFIG);
        std::fs::create_dir_all(repo.path().join("evidence")).unwrap();
        repo
    }

    pub fn empty() -> Self {
        Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

pub fn kravkoll() -> Command {
    let mut c = Command::cargo_bin("kravkoll").expect("binary");
    c.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    c
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Output {
    let out = kravkoll()
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn check(repo: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", repo.to_str().unwrap(), "--as-of", "2025-12-31"];
    args.extend_from_slice(extra);
    run(&args)
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of an example outside any git repository, so that what the test sees does not
/// depend on kravkoll's own history (`report annual` reads the evidence's git history).
pub fn example_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&Path::new("examples").join(name), dir.path());
    dir
}

/// Commits everything in the working tree of `repo`, as Anna at `secs` (UTC+1).
pub fn commit_all(repo: &git2::Repository, message: &str, secs: i64) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::new(
        "Anna Andersson",
        "anna@example.se",
        &git2::Time::new(secs, 60),
    )
    .unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<_> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap()
}
