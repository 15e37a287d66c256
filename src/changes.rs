//! What changed in the evidence during one calendar year, read from git: the evidence as
//! committed at the end of the year compared with the evidence at the end of the year
//! before (records added, changed and removed). The annual report shows it with
//! `--git-changes`; `kravkoll history ID` gives the commits of one record.
//!
//! A snapshot comparison, not a replay of every commit: a record added and removed within
//! the year does not show, which is what a report on the year's outcome wants. Commits are
//! followed along first parents from the start revision and placed in a year by their
//! committer date in the committer's own offset.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Commit, ObjectType, Repository};
use serde::Serialize;

use crate::evidence::yaml::{self, NodeValue};
use crate::history::{canonical, evidence_dir, evidence_in_tree, is_evidence_file};
use crate::source::git::{short, GitError, GitRepo};

/// A commit named in the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitRef {
    pub commit: String,
    pub short: String,
    /// Committer date, `YYYY-MM-DD`, in the committer's offset.
    pub date: String,
}

/// One record that was added, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordChange {
    pub id: String,
    pub kind: String,
    /// Path relative to the evidence repository (after the change; before it, for removed).
    pub path: String,
    /// The record's `title` or `name`, when it has one.
    pub label: Option<String>,
    pub board: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearChanges {
    pub year: i16,
    /// The last commit before the year began; `None` when the history starts within the year.
    pub from: Option<CommitRef>,
    /// The last commit of the year.
    pub to: CommitRef,
    /// Commits of the year along the first-parent line.
    pub commits: usize,
    pub added: Vec<RecordChange>,
    pub modified: Vec<RecordChange>,
    pub removed: Vec<RecordChange>,
    /// The walk reached the edge of a shallow clone before the year began.
    pub shallow: bool,
}

impl YearChanges {
    /// Only the records of `board` and those without a board (the whole organisation's).
    pub fn for_board(mut self, board: &str) -> Self {
        let keep = |c: &RecordChange| c.board.as_deref().is_none_or(|b| b == board);
        self.added.retain(keep);
        self.modified.retain(keep);
        self.removed.retain(keep);
        self
    }
}

/// A record as committed: kind, content, path, label, board.
struct Snapshot {
    kind: String,
    content: String,
    path: String,
    label: Option<String>,
    board: Option<String>,
}

fn scalar(doc: &yaml::Node, key: &str) -> Option<String> {
    match doc.get(key).map(|n| &n.value) {
        Some(NodeValue::Scalar { text, .. }) => Some(text.clone()),
        _ => None,
    }
}

fn commit_ref(c: &Commit<'_>) -> CommitRef {
    CommitRef {
        commit: c.id().to_string(),
        short: short(c.id()),
        date: local_date(c).to_string(),
    }
}

pub(crate) fn local_date(c: &Commit<'_>) -> jiff::civil::Date {
    let t = c.committer().when();
    let offset =
        jiff::tz::Offset::from_seconds(t.offset_minutes() * 60).unwrap_or(jiff::tz::Offset::UTC);
    jiff::Timestamp::from_second(t.seconds())
        .map(|ts| ts.to_zoned(jiff::tz::TimeZone::fixed(offset)).date())
        .unwrap_or(jiff::civil::date(1970, 1, 1))
}

/// Every record in the evidence folder of a commit, by id (the first of duplicate ids; a
/// file that does not parse is skipped — `check --rev` reports it).
fn records_at(
    repo: &Repository,
    commit: &Commit<'_>,
    evidence: &str,
    shown: &str,
) -> BTreeMap<String, Snapshot> {
    let mut out = BTreeMap::new();
    let Ok(tree) = commit.tree() else {
        return out;
    };
    let tree = if evidence.is_empty() {
        Some(tree)
    } else {
        tree.get_path(Path::new(evidence))
            .ok()
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .and_then(|e| repo.find_tree(e.id()).ok())
    };
    let Some(tree) = tree else {
        return out;
    };
    let _ = tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let path = format!("{dir}{}", entry.name().unwrap_or_default());
        if entry.kind() != Some(ObjectType::Blob) || !is_evidence_file(&path) {
            return git2::TreeWalkResult::Ok;
        }
        let Some(blob) =
            crate::source::git::bounded_blob(repo, entry.id(), crate::source::MAX_FILE_BYTES)
        else {
            return git2::TreeWalkResult::Ok;
        };
        let Ok(docs) = yaml::parse_documents(&String::from_utf8_lossy(blob.content())) else {
            return git2::TreeWalkResult::Ok;
        };
        for doc in docs {
            let Some(id) = scalar(&doc, "id") else {
                continue;
            };
            let mut content = String::new();
            canonical(&doc, &mut content);
            let shown_path = if shown.is_empty() {
                path.clone()
            } else {
                format!("{shown}/{path}")
            };
            out.entry(id).or_insert(Snapshot {
                kind: scalar(&doc, "kind").unwrap_or_default(),
                content,
                path: shown_path,
                label: scalar(&doc, "title").or_else(|| scalar(&doc, "name")),
                board: scalar(&doc, "board"),
            });
        }
        git2::TreeWalkResult::Ok
    });
    out
}

fn change(id: &str, s: &Snapshot) -> RecordChange {
    RecordChange {
        id: id.to_string(),
        kind: s.kind.clone(),
        path: s.path.clone(),
        label: s.label.clone(),
        board: s.board.clone(),
    }
}

/// The records added, changed and removed during `year`, along the first-parent history
/// of `rev`.
pub fn year_changes(path: &Path, rev: &str, year: i16) -> Result<YearChanges, GitError> {
    let repo = GitRepo::discover(path)?;
    let start = repo.resolve(rev)?;
    let r = repo.repository();
    let mut to: Option<Commit<'_>> = None;
    let mut from: Option<Commit<'_>> = None;
    let mut commits = 0;
    let mut shallow = false;
    let mut current = Some(start.clone());
    while let Some(c) = current.take() {
        let y = local_date(&c).year();
        if y <= year && to.is_none() {
            to = Some(c.clone());
        }
        if y < year && to.is_some() {
            from = Some(c);
            break;
        }
        if y == year {
            commits += 1;
        }
        match c.parent_ids().next() {
            None => break,
            Some(pid) => match r.find_commit(pid) {
                Ok(p) => current = Some(p),
                // The parent is missing: the edge of a shallow clone.
                Err(_) => {
                    shallow = true;
                    break;
                }
            },
        }
    }
    // A shallow clone's boundary commit lists parents it does not have.
    if from.is_none() && !shallow && r.is_shallow() {
        shallow = true;
    }
    let Some(to) = to else {
        return Err(GitError {
            code: "kravkoll::git::no-commit-in-year",
            message: format!(
                "`{}` has no commit on or before 31 December {year} in the history of `{rev}`",
                repo.shown()
            ),
            help: Some(format!(
                "the evidence's git history begins after {year}; leave out --git-changes"
            )),
        });
    };
    let dir = evidence_dir(&repo, &start);
    let evidence = evidence_in_tree(&repo, &dir);
    let after = records_at(r, &to, &evidence, &dir);
    let before = from
        .as_ref()
        .map(|c| records_at(r, c, &evidence, &dir))
        .unwrap_or_default();
    let mut out = YearChanges {
        year,
        from: from.as_ref().map(commit_ref),
        to: commit_ref(&to),
        commits,
        added: Vec::new(),
        modified: Vec::new(),
        removed: Vec::new(),
        shallow,
    };
    for (id, s) in &after {
        match before.get(id) {
            None => out.added.push(change(id, s)),
            Some(b) if b.content != s.content || b.path != s.path => {
                out.modified.push(change(id, s))
            }
            Some(_) => {}
        }
    }
    for (id, b) in &before {
        if !after.contains_key(id) {
            out.removed.push(change(id, b));
        }
    }
    for list in [&mut out.added, &mut out.modified, &mut out.removed] {
        list.sort_by(|a, b| (&a.kind, &a.id).cmp(&(&b.kind, &b.id)));
    }
    Ok(out)
}
