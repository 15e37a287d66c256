//! `kravkoll history ID`: the commits that changed one evidence record, newest first.
//!
//! History is walked from a start revision; for each commit only the evidence folder's tree
//! is compared with its parents' (unchanged subtrees are skipped by id), and only files that
//! changed are parsed, each blob once. A record's state is the content of the YAML document
//! holding its id (comments and layout do not count), so moving a record to another file
//! shows as a move and reformatting it shows nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{Commit, ErrorCode, ObjectType, Oid, Repository, Sort};
use serde::Serialize;

use crate::evidence::yaml::{self, Node, NodeValue};
use crate::evidence::CONFIG_FILE;
use crate::source::git::{short, GitError, GitRepo, SHALLOW_HELP};

/// One commit that changed the record.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub commit: String,
    pub short: String,
    /// Author date, ISO 8601 with the author's offset.
    pub date: String,
    pub author: String,
    pub email: String,
    pub summary: String,
    /// The whole commit message.
    pub message: String,
    /// `added`, `modified`, `moved`, `removed`, or `present` (at a shallow clone's oldest
    /// commit, whose history was not fetched).
    pub change: &'static str,
    /// Repository-relative path of the file holding the record after the commit (before it,
    /// for `removed`).
    pub path: String,
    /// For `moved`: where the record was before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub id: String,
    pub rev: String,
    pub changes: Vec<Change>,
    /// The walk reached the edge of a shallow clone: older changes are missing.
    pub shallow: bool,
}

/// The content of the document with the id, per blob; `None` when the blob has none.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Doc {
    Present(String),
    /// The id is in the file, but the file does not parse as YAML.
    Unparsable(Oid),
}

/// What happened to the record: kind of change, path after, path before (for moves).
type Move = (&'static str, String, Option<String>);

struct Walker<'r> {
    repo: &'r Repository,
    id: String,
    /// The evidence folder inside the repository tree.
    evidence: String,
    /// Shown paths are relative to the evidence repository.
    shown_prefix: String,
    blobs: HashMap<Oid, Option<Doc>>,
    subtrees: HashMap<Oid, Option<Oid>>,
}

pub(crate) fn canonical(node: &Node, out: &mut String) {
    match &node.value {
        NodeValue::Scalar { text, plain } => {
            out.push(if *plain { 'p' } else { 'q' });
            out.push_str(&serde_json::Value::String(text.clone()).to_string());
        }
        NodeValue::Seq(items) => {
            out.push('[');
            for i in items {
                canonical(i, out);
                out.push(',');
            }
            out.push(']');
        }
        NodeValue::Map(entries) => {
            out.push('{');
            for (k, v) in entries {
                out.push_str(&serde_json::Value::String(k.name.clone()).to_string());
                out.push(':');
                canonical(v, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// The document of `text` whose top-level `id` is `id`, as canonical content.
pub(crate) fn find_document(text: &str, id: &str) -> Result<Option<String>, yaml::YamlError> {
    for doc in yaml::parse_documents(text)? {
        let matches = matches!(
            doc.get("id").map(|n| &n.value),
            Some(NodeValue::Scalar { text, .. }) if text == id
        );
        if matches {
            let mut s = String::new();
            canonical(&doc, &mut s);
            return Ok(Some(s));
        }
    }
    Ok(None)
}

pub(crate) fn is_evidence_file(path: &str) -> bool {
    crate::source::has_extension(path, &[".yaml", ".yml"])
        && !path.split('/').any(|part| part.starts_with('.'))
}

impl Walker<'_> {
    fn doc(&mut self, blob: Oid) -> Option<Doc> {
        if blob.is_zero() {
            return None;
        }
        if let Some(d) = self.blobs.get(&blob) {
            return d.clone();
        }
        let found =
            match crate::source::git::bounded_blob(self.repo, blob, crate::source::MAX_FILE_BYTES)
                .ok_or(())
            {
                Ok(b) => {
                    let text = String::from_utf8_lossy(b.content());
                    // Cheap test first: most changed files never mention the id.
                    if !text.contains(self.id.as_str()) {
                        None
                    } else {
                        match find_document(&text, &self.id) {
                            Ok(Some(c)) => Some(Doc::Present(c)),
                            Ok(None) => None,
                            Err(_) => Some(Doc::Unparsable(blob)),
                        }
                    }
                }
                // Too large to be evidence (`check` refuses it), or unreadable.
                Err(()) => None,
            };
        self.blobs.insert(blob, found.clone());
        found
    }

    /// The evidence folder's tree at a commit.
    fn subtree(&mut self, commit: &Commit<'_>) -> Option<Oid> {
        if let Some(t) = self.subtrees.get(&commit.id()) {
            return *t;
        }
        let t = commit.tree().ok().and_then(|tree| {
            if self.evidence.is_empty() {
                Some(tree.id())
            } else {
                tree.get_path(Path::new(&self.evidence))
                    .ok()
                    .filter(|e| e.kind() == Some(ObjectType::Tree))
                    .map(|e| e.id())
            }
        });
        self.subtrees.insert(commit.id(), t);
        t
    }

    /// How the record differs between two evidence trees, if it does.
    fn change(&mut self, old: Option<Oid>, new: Option<Oid>) -> Result<Option<Move>, GitError> {
        if old == new {
            return Ok(None);
        }
        let find = |oid: Option<Oid>| oid.and_then(|o| self.repo.find_tree(o).ok());
        let (old_tree, new_tree) = (find(old), find(new));
        let diff = self
            .repo
            .diff_tree_to_tree(old_tree.as_ref(), new_tree.as_ref(), None)
            .map_err(|e| GitError {
                code: "kravkoll::git::error",
                message: format!("cannot compare trees: {}", e.message()),
                help: None,
            })?;
        let mut before = Vec::new();
        let mut after = Vec::new();
        for delta in diff.deltas() {
            for (file, list) in [
                (delta.old_file(), &mut before),
                (delta.new_file(), &mut after),
            ] {
                let Some(path) = file.path().map(|p| p.to_string_lossy().replace('\\', "/")) else {
                    continue;
                };
                if !is_evidence_file(&path) {
                    continue;
                }
                if let Some(doc) = self.doc(file.id()) {
                    list.push((self.show(&path), doc));
                }
            }
        }
        Ok(match (before.first(), after.first()) {
            (None, None) => None,
            (None, Some((p, _))) => Some(("added", p.clone(), None)),
            (Some((p, _)), None) => Some(("removed", p.clone(), None)),
            (Some((p0, d0)), Some((p1, d1))) => {
                if d0 == d1 && p0 == p1 {
                    None
                } else if p0 != p1 {
                    Some(("moved", p1.clone(), Some(p0.clone())))
                } else {
                    Some(("modified", p1.clone(), None))
                }
            }
        })
    }

    fn show(&self, path_in_evidence: &str) -> String {
        if self.shown_prefix.is_empty() {
            path_in_evidence.to_string()
        } else {
            format!("{}/{path_in_evidence}", self.shown_prefix)
        }
    }
}

fn shallow_commits(repo: &Repository) -> HashSet<Oid> {
    if !repo.is_shallow() {
        return HashSet::new();
    }
    std::fs::read_to_string(repo.path().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
}

fn describe(
    commit: &Commit<'_>,
    change: &'static str,
    path: String,
    from: Option<String>,
) -> Change {
    let author = commit.author();
    let t = author.when();
    let date = jiff::Timestamp::from_second(t.seconds())
        .ok()
        .and_then(|ts| {
            let off = jiff::tz::Offset::from_seconds(t.offset_minutes() * 60).ok()?;
            Some(
                ts.to_zoned(jiff::tz::TimeZone::fixed(off))
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string(),
            )
        })
        .unwrap_or_else(|| t.seconds().to_string());
    Change {
        commit: commit.id().to_string(),
        short: short(commit.id()),
        date,
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        summary: commit
            .summary()
            .ok()
            .flatten()
            .map(str::to_string)
            .unwrap_or_else(|| {
                String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned()
            }),
        message: String::from_utf8_lossy(commit.message_bytes())
            .trim_end()
            .to_string(),
        change,
        path,
        from,
    }
}

fn git_err(what: &str, e: &git2::Error) -> GitError {
    GitError {
        code: "kravkoll::git::error",
        message: format!("{what}: {}", e.message()),
        help: None,
    }
}

/// The evidence folder named by `kravkoll.yaml` at the start commit (`evidence` if unreadable).
pub(crate) fn evidence_dir(repo: &GitRepo, start: &Commit<'_>) -> String {
    let path = if repo.prefix().is_empty() {
        CONFIG_FILE.to_string()
    } else {
        format!("{}/{CONFIG_FILE}", repo.prefix())
    };
    let text = start
        .tree()
        .ok()
        .and_then(|t| t.get_path(Path::new(&path)).ok())
        .and_then(|e| {
            crate::source::git::bounded_blob(
                repo.repository(),
                e.id(),
                crate::source::MAX_CONFIG_BYTES,
            )
        })
        .and_then(|b| String::from_utf8(b.content().to_vec()).ok());
    let mut problems = crate::diagnostics::Problems::default();
    text.and_then(|t| crate::evidence::config::parse(&t, &mut problems))
        .map(|c| c.evidence_dir)
        .unwrap_or_else(|| "evidence".to_string())
}

/// The evidence folder's path inside the repository tree.
pub(crate) fn evidence_in_tree(repo: &GitRepo, dir: &str) -> String {
    [repo.prefix(), dir]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// The commits reachable from `rev` that changed the record `id`, newest first; at most
/// `max` of them.
pub fn history(path: &Path, id: &str, rev: &str, max: Option<usize>) -> Result<History, GitError> {
    let repo = GitRepo::discover(path)?;
    let start = repo.resolve(rev)?;
    let dir = evidence_dir(&repo, &start);
    let evidence = evidence_in_tree(&repo, &dir);
    let shallow_set = shallow_commits(repo.repository());
    let r = repo.repository();
    let mut walker = Walker {
        repo: r,
        id: id.to_string(),
        evidence,
        shown_prefix: dir.clone(),
        blobs: HashMap::new(),
        subtrees: HashMap::new(),
    };
    let mut walk = r
        .revwalk()
        .map_err(|e| git_err("cannot walk history", &e))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
        .map_err(|e| git_err("cannot walk history", &e))?;
    walk.push(start.id())
        .map_err(|e| git_err("cannot walk history", &e))?;
    let mut changes = Vec::new();
    let mut shallow = false;
    for oid in walk {
        if max.is_some_and(|m| changes.len() >= m) {
            break;
        }
        let oid = oid.map_err(|e| {
            if e.code() == ErrorCode::NotFound && r.is_shallow() {
                GitError {
                    code: crate::source::git::SHALLOW,
                    message: "the history is incomplete: the repository is a shallow clone".into(),
                    help: Some(SHALLOW_HELP.into()),
                }
            } else {
                git_err("cannot walk history", &e)
            }
        })?;
        let commit = r
            .find_commit(oid)
            .map_err(|e| git_err(&format!("cannot read commit {}", short(oid)), &e))?;
        let here = walker.subtree(&commit);
        let parents: Vec<Commit<'_>> = commit.parents().collect();
        // The shallow file lists the boundary; without it, any parentless commit of a shallow
        // clone may be one.
        let at_edge = shallow_set.contains(&oid)
            || (shallow_set.is_empty() && parents.is_empty() && r.is_shallow());
        if parents.is_empty() {
            if let Some((kind, p, from)) = walker.change(None, here)? {
                if at_edge {
                    shallow = true;
                    changes.push(describe(&commit, "present", p, from));
                } else {
                    changes.push(describe(&commit, kind, p, from));
                }
            }
            continue;
        }
        // Like `git log PATH`: a merge changed the record only if it differs from every
        // parent.
        let mut first = None;
        let mut all = true;
        for (i, parent) in parents.iter().enumerate() {
            let there = walker.subtree(parent);
            match walker.change(there, here)? {
                Some(c) => {
                    if i == 0 {
                        first = Some(c);
                    }
                }
                None => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            if let Some((kind, p, from)) = first {
                changes.push(describe(&commit, kind, p, from));
            }
        }
    }
    if changes.is_empty() {
        return Err(unknown_id(&repo, &walker, &start, id, rev));
    }
    Ok(History {
        id: id.to_string(),
        rev: rev.to_string(),
        changes,
        shallow,
    })
}

fn unknown_id(
    repo: &GitRepo,
    walker: &Walker<'_>,
    start: &Commit<'_>,
    id: &str,
    rev: &str,
) -> GitError {
    // The ids at the start commit, for a "did you mean".
    let mut ids = Vec::new();
    let tree = start.tree().ok().and_then(|t| {
        if walker.evidence.is_empty() {
            Some(t)
        } else {
            t.get_path(Path::new(&walker.evidence))
                .ok()
                .and_then(|e| repo.repository().find_tree(e.id()).ok())
        }
    });
    if let Some(tree) = tree {
        let _ = tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            let name = entry.name().unwrap_or_default();
            if entry.kind() == Some(ObjectType::Blob) && is_evidence_file(&format!("{dir}{name}")) {
                if let Some(b) = crate::source::git::bounded_blob(
                    repo.repository(),
                    entry.id(),
                    crate::source::MAX_FILE_BYTES,
                ) {
                    if let Ok(docs) = yaml::parse_documents(&String::from_utf8_lossy(b.content())) {
                        for d in docs {
                            if let Some(NodeValue::Scalar { text, .. }) =
                                d.get("id").map(|n| &n.value)
                            {
                                ids.push(text.clone());
                            }
                        }
                    }
                }
            }
            if ids.len() > 20_000 {
                git2::TreeWalkResult::Abort
            } else {
                git2::TreeWalkResult::Ok
            }
        });
    }
    let hint = crate::diagnostics::did_you_mean(id, ids.iter().map(String::as_str));
    GitError {
        code: "kravkoll::history::unknown-id",
        message: format!(
            "no record with the id `{id}` was found in the history of `{}` up to `{rev}`",
            repo.shown()
        ),
        help: Some(match hint {
            Some(h) => h,
            None if repo.repository().is_shallow() => SHALLOW_HELP.to_string(),
            None => "ids are case-sensitive; `kravkoll check` lists the records with findings"
                .to_string(),
        }),
    }
}

impl History {
    pub fn render_human(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let n = self.changes.len();
        let _ = writeln!(
            out,
            "{}: {n} commit{} changed the record (newest first, from {})\n",
            self.id,
            if n == 1 { "" } else { "s" },
            self.rev
        );
        for c in &self.changes {
            let _ = writeln!(out, "{} {}  {} <{}>", c.short, c.date, c.author, c.email);
            let _ = writeln!(out, "    {}", c.summary);
            let what = match (c.change, &c.from) {
                ("moved", Some(from)) => format!("moved from {from} to {}", c.path),
                ("removed", _) => format!("removed from {}", c.path),
                ("added", _) => format!("added in {}", c.path),
                ("present", _) => format!(
                    "present in {} (the oldest commit fetched; earlier history is missing)",
                    c.path
                ),
                _ => format!("modified in {}", c.path),
            };
            let _ = writeln!(out, "    {what}\n");
        }
        if self.shallow {
            let _ = writeln!(out, "note: {SHALLOW_HELP}");
        }
        out
    }

    pub fn render_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_found_by_id_and_compared_by_content() {
        let a = "kind: System\nid: s1\nname: A\n---\nkind: System\nid: s2\nname: B\n";
        let b =
            "# a comment\nkind: System\nid:   s1\nname: A\n---\nkind: System\nid: s2\nname: C\n";
        assert_eq!(
            find_document(a, "s1").unwrap(),
            find_document(b, "s1").unwrap()
        );
        assert_ne!(
            find_document(a, "s2").unwrap(),
            find_document(b, "s2").unwrap()
        );
        assert_eq!(find_document(a, "s3").unwrap(), None);
        assert!(find_document("a: [", "s1").is_err());
    }

    fn commit(repo: &Repository, files: &[(&str, &str)], parents: &[Oid], secs: i64) -> Oid {
        let mut tb = repo.treebuilder(None).expect("tb");
        let mut ev = repo.treebuilder(None).expect("tb");
        for (name, text) in files {
            let blob = repo.blob(text.as_bytes()).expect("blob");
            ev.insert(name, blob, 0o100644).expect("insert");
        }
        tb.insert("evidence", ev.write().expect("tree"), 0o040000)
            .expect("insert");
        let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
        let sig =
            git2::Signature::new("T", "t@example.se", &git2::Time::new(secs, 0)).expect("sig");
        let parents: Vec<_> = parents
            .iter()
            .map(|p| repo.find_commit(*p).expect("parent"))
            .collect();
        let refs: Vec<_> = parents.iter().collect();
        repo.commit(None, &sig, &sig, &format!("c{secs}"), &tree, &refs)
            .expect("commit")
    }

    #[test]
    fn a_merge_counts_only_when_it_differs_from_every_parent() {
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init_bare(dir.path()).expect("init");
        let r1 = "kind: System\nid: r\nname: A\n";
        let r2 = "kind: System\nid: r\nname: B\n";
        let base = commit(&repo, &[("a.yaml", r1), ("b.yaml", "x: 1\n")], &[], 1_000);
        let left = commit(
            &repo,
            &[("a.yaml", r2), ("b.yaml", "x: 1\n")],
            &[base],
            2_000,
        );
        let right = commit(
            &repo,
            &[("a.yaml", r1), ("b.yaml", "x: 2\n")],
            &[base],
            3_000,
        );
        let merge = commit(
            &repo,
            &[("a.yaml", r2), ("b.yaml", "x: 2\n")],
            &[left, right],
            4_000,
        );
        let h = history(dir.path(), "r", &merge.to_string(), None).expect("history");
        let seen: Vec<_> = h
            .changes
            .iter()
            .map(|c| (c.commit.clone(), c.change))
            .collect();
        assert_eq!(
            seen,
            [(left.to_string(), "modified"), (base.to_string(), "added")]
        );
        // A merge that resolves a conflict with new content is listed.
        let r3 = "kind: System\nid: r\nname: C\n";
        let merge2 = commit(
            &repo,
            &[("a.yaml", r3), ("b.yaml", "x: 2\n")],
            &[left, right],
            5_000,
        );
        let h = history(dir.path(), "r", &merge2.to_string(), Some(1)).expect("history");
        assert_eq!(h.changes[0].commit, merge2.to_string());
    }

    #[test]
    fn only_visible_yaml_files_count() {
        assert!(is_evidence_file("systems/a.yaml"));
        assert!(is_evidence_file("a.yml"));
        assert!(!is_evidence_file(".github/a.yaml"));
        assert!(!is_evidence_file("notes.txt"));
    }
}
