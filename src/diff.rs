//! Findings between two revisions: what is new, what was resolved, and what changed, for
//! `kravkoll diff` and the `check --baseline` ratchet.
//!
//! A finding is identified by its control and record (and its file when it has no record);
//! the same identity with a different severity, message, line or exception is *changed*.
//! Both sides are evaluated as of the same date and in the same language, so the difference
//! is the evidence's, not the calendar's.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::evidence::Lang;
use crate::findings::{FailOn, Finding, Outcome, Severity};
use crate::source::git::{self, GitError, Side};
use crate::{CheckError, CheckOptions, Checked, Shared};

/// What makes two findings "the same finding" across revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identity<'a> {
    pub control: &'a str,
    pub record: Option<&'a str>,
    /// Only when there is no record.
    pub file: Option<&'a str>,
}

impl<'a> Identity<'a> {
    pub fn of(f: &'a Finding) -> Self {
        Identity {
            control: &f.control,
            record: f.record.as_deref(),
            file: f.file.as_deref().filter(|_| f.record.is_none()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub before: Finding,
    pub after: Finding,
}

impl Changed {
    /// Failing now at `fail_on` when it did not before (worse severity, or no longer
    /// covered by an exception).
    pub fn newly_fails(&self, fail_on: FailOn) -> bool {
        fails(&self.after, fail_on) && !fails(&self.before, fail_on)
    }
}

fn fails(f: &Finding, fail_on: FailOn) -> bool {
    f.accepted_by.is_none() && fail_on.fails(f.severity)
}

/// The findings of two outcomes, matched by [`Identity`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingsDiff {
    pub new: Vec<Finding>,
    pub resolved: Vec<Finding>,
    pub changed: Vec<Changed>,
    /// Present on both sides, identical.
    pub unchanged: Vec<Finding>,
}

fn same(a: &Finding, b: &Finding) -> bool {
    a.severity == b.severity
        && a.message == b.message
        && a.line == b.line
        && a.file == b.file
        && a.accepted_by == b.accepted_by
}

/// Matches `before` against `after`. When one identity has several findings on a side,
/// identical ones pair first, then the rest in order.
///
/// The findings are moved into the result, not copied: a diff of two large revisions holds
/// some 150 000 of them, and copying each one's strings cost more than the matching. The
/// matching runs on every core: identities are hashed side by side, and each share of the
/// hashes is matched on its own (one identity's findings are always in the same share).
pub fn compare(before: Vec<Finding>, after: Vec<Finding>) -> FindingsDiff {
    use rayon::prelude::*;
    use std::hash::BuildHasher as _;
    // Seeded per process, as every table of evidence-made keys is.
    let hasher = foldhash::fast::RandomState::default();
    let hashes = |list: &[Finding]| -> Vec<u64> {
        list.par_iter()
            .map(|f| hasher.hash_one(Identity::of(f)))
            .collect()
    };
    let hashed = rayon::join(|| hashes(&before), || hashes(&after));
    let hashed = [hashed.0.as_slice(), hashed.1.as_slice()];
    let sides = [before.as_slice(), after.as_slice()];
    // More shares than cores, so that a share with many findings does not leave a core idle;
    // each share's positions on each side, in order, gathered in one pass.
    let shares = (rayon::current_num_threads() * 4).max(1);
    let mut members: Vec<[Vec<usize>; 2]> = (0..shares).map(|_| Default::default()).collect();
    for (side, hashes) in hashed.iter().enumerate() {
        for (i, &h) in hashes.iter().enumerate() {
            members[(h % shares as u64) as usize][side].push(i);
        }
    }
    let matched: Vec<Matched> = members
        .par_iter()
        .map(|[old, new]| match_share(sides, hashed, [old, new]))
        .collect();
    let mut all = Matched::default();
    for m in matched {
        all.unchanged.extend(m.unchanged);
        all.changed.extend(m.changed);
        all.new.extend(m.new);
        all.resolved.extend(m.resolved);
    }
    let Matched {
        mut unchanged,
        mut changed,
        mut new,
        mut resolved,
    } = all;
    // The engine's order (framework, severity, control, …) for each list, compared in
    // place; the four lists sorted side by side, each on both cores. One identity's
    // findings keep their order on their side, whatever share matched them: the sorts are
    // stable.
    fn order(f: &Finding) -> impl Ord + '_ {
        (
            f.severity,
            &f.framework,
            &f.control,
            &f.file,
            f.line,
            &f.record,
        )
    }
    fn by(list: &[Finding]) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
        move |a, b| order(&list[*a]).cmp(&order(&list[*b]))
    }
    rayon::join(
        || {
            rayon::join(
                || new.par_sort_by(by(&after)),
                || resolved.par_sort_by(by(&before)),
            )
        },
        || {
            rayon::join(
                || unchanged.par_sort_by(by(&after)),
                || changed.par_sort_by(|a, b| by(&after)(&a.1, &b.1)),
            )
        },
    );
    let (changed_before, changed_after): (Vec<usize>, Vec<usize>) = changed.into_iter().unzip();
    // Each index is in exactly one list of its side, so every `take` finds its finding.
    // What is left of `before` are the twins of unchanged findings.
    let ([resolved, changed_before], [new, unchanged, changed_after]) = rayon::join(
        || taken(before, [&resolved, &changed_before]),
        || taken(after, [&new, &unchanged, &changed_after]),
    );
    FindingsDiff {
        new,
        resolved,
        changed: changed_before
            .into_iter()
            .zip(changed_after)
            .map(|(before, after)| Changed { before, after })
            .collect(),
        unchanged,
    }
}

/// Positions in the two sides' lists, by what became of them.
#[derive(Default)]
struct Matched {
    unchanged: Vec<usize>,
    changed: Vec<(usize, usize)>,
    new: Vec<usize>,
    resolved: Vec<usize>,
}

/// Matches the findings at `members` (each side's positions in one share, in order;
/// `hashed` holds every finding's hash).
fn match_share(sides: [&[Finding]; 2], hashed: [&[u64]; 2], members: [&[usize]; 2]) -> Matched {
    const END: usize = usize::MAX;
    let mut m = Matched::default();
    // Each identity's findings on each side as a chain through `next` (head and tail kept
    // for appending in order, as places in `members`): one table entry per identity and no
    // list of its own, where nearly every identity has one finding a side. Equal hashes of
    // different identities are told apart by comparing the identities.
    let mut groups: hashbrown::HashTable<(u64, Identity, [[usize; 2]; 2])> =
        hashbrown::HashTable::new();
    let mut next = [vec![END; members[0].len()], vec![END; members[1].len()]];
    for side in 0..2 {
        for (k, &i) in members[side].iter().enumerate() {
            let (h, id) = (hashed[side][i], Identity::of(&sides[side][i]));
            let (_, _, heads) = groups
                .entry(h, |(g, gid, _)| *g == h && *gid == id, |(g, _, _)| *g)
                .or_insert((h, id, [[END; 2]; 2]))
                .into_mut();
            let [head, tail] = &mut heads[side];
            if *head == END {
                *head = k;
            } else {
                next[side][*tail] = k;
            }
            *tail = k;
        }
    }
    let chain = |side: usize, head: usize, out: &mut Vec<usize>| {
        out.clear();
        let mut k = head;
        while k != END {
            out.push(members[side][k]);
            k = next[side][k];
        }
    };
    let (before, after) = (sides[0], sides[1]);
    let (mut old, mut fresh, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for (_, _, [[old_head, _], [new_head, _]]) in groups {
        chain(0, old_head, &mut old);
        chain(1, new_head, &mut fresh);
        rest.clear();
        for &n in &fresh {
            match old.iter().position(|&o| same(&before[o], &after[n])) {
                Some(at) => {
                    old.remove(at);
                    m.unchanged.push(n);
                }
                None => rest.push(n),
            }
        }
        let mut old = old.drain(..);
        for &n in &rest {
            match old.next() {
                Some(o) => m.changed.push((o, n)),
                None => m.new.push(n),
            }
        }
        m.resolved.extend(old);
    }
    m
}

/// The findings of `list` at the positions of each of `picks`, moved out in that order;
/// the rest are freed aside.
fn taken<const N: usize>(list: Vec<Finding>, picks: [&[usize]; N]) -> [Vec<Finding>; N] {
    let mut slots: Vec<Option<Finding>> = list.into_iter().map(Some).collect();
    let out = picks.map(|p| p.iter().filter_map(|&i| slots[i].take()).collect());
    crate::engine::free_aside(slots);
    out
}

impl FindingsDiff {
    /// New findings at or above `fail_on` (not covered by an exception), and changed ones
    /// that reach it only now.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.new.iter().any(|f| fails(f, fail_on))
            || self.changed.iter().any(|c| c.newly_fails(fail_on))
    }

    /// Findings present at both revisions (identical or changed).
    pub fn known(&self) -> usize {
        self.unchanged.len() + self.changed.len()
    }
}

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{0}")]
    Git(#[from] GitError),
    /// The evidence at one side could not be checked.
    #[error("the evidence at {side} could not be checked: {error}")]
    Check { side: String, error: CheckError },
}

/// `kravkoll diff`: both sides checked and compared.
#[derive(Debug, Serialize)]
pub struct Diff {
    pub from: Side,
    pub to: Side,
    pub as_of: String,
    pub organisation: String,
    #[serde(skip)]
    pub lang: Lang,
    #[serde(flatten)]
    pub findings: FindingsDiff,
    /// What the two checks built besides their findings (the evidence, the compiled
    /// policies): freed with the diff, not before its output. A process that ends after the
    /// output leaves it to the operating system (`kravkoll diff` does, as `check` does).
    #[serde(skip)]
    _held: Held,
}

/// Structures kept only to be freed later; see [`Diff`].
#[derive(Default)]
struct Held(Vec<Box<dyn std::any::Any + Send>>);

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Held({} structures)", self.0.len())
    }
}

/// The options that make a second check comparable with `first`: same date, same language.
fn pinned(options: &CheckOptions, first: &Checked) -> CheckOptions {
    CheckOptions {
        as_of: first.outcome.as_of.parse().ok().or(options.as_of),
        lang: Some(first.lang),
    }
}

fn check_side(
    source: &dyn crate::source::Source,
    side: &Side,
    options: &CheckOptions,
    shared: &mut Shared,
) -> Result<Checked, DiffError> {
    crate::check_shared(source, options, shared).map_err(|error| DiffError::Check {
        side: side.label(),
        error,
    })
}

/// The findings of a side, and the rest of its check: its evidence goes to `shared` for
/// the other side when given, so that the two sides' structures are never held at once.
fn outcome_only(
    checked: Checked,
    shared: Option<&mut Shared>,
) -> (Outcome, Box<dyn std::any::Any + Send>) {
    let Checked {
        evidence,
        outcome,
        catalog,
        exceptions,
        ..
    } = checked;
    match shared {
        Some(shared) => {
            crate::profile::phase("free", move || shared.keep(evidence));
            (outcome, Box::new((catalog, exceptions)))
        }
        None => (outcome, Box::new((evidence, catalog, exceptions))),
    }
}

/// Compares the evidence at `from` with that at `to` (`None`: the working tree).
pub fn diff(
    repo: &Path,
    from: Option<&str>,
    to: Option<&str>,
    options: &CheckOptions,
) -> Result<Diff, DiffError> {
    let (to_source, to_side) = git::open_for_diff(repo, to)?;
    let (from_source, from_side) = git::open_for_diff(repo, from)?;
    let mut shared = Shared::with_evidence();
    let after = check_side(to_source.as_ref(), &to_side, options, &mut shared)?;
    let (pinned, lang) = (pinned(options, &after), after.lang);
    let (mut after, after_rest) = outcome_only(after, Some(&mut shared));
    shared.last_load();
    let before = check_side(from_source.as_ref(), &from_side, &pinned, &mut shared)?;
    let (mut before, before_rest) = outcome_only(before, None);
    let findings = crate::profile::phase("compare", || {
        compare(
            std::mem::take(&mut before.findings),
            std::mem::take(&mut after.findings),
        )
    });
    Ok(Diff {
        findings,
        from: from_side,
        to: to_side,
        as_of: std::mem::take(&mut after.as_of),
        organisation: std::mem::take(&mut after.organisation),
        lang,
        _held: Held(vec![after_rest, before_rest, Box::new(shared)]),
    })
}

/// `check --baseline REV`: the current check compared with the evidence at `rev`.
#[derive(Debug, Serialize)]
pub struct Baseline {
    pub side: Side,
    pub diff: FindingsDiff,
}

impl Baseline {
    /// The additive `"baseline"` member of `check --format json`.
    pub fn to_json(&self) -> serde_json::Value {
        let key = |f: &Finding| {
            serde_json::json!({
                "control": f.control,
                "severity": f.severity,
                "record": f.record,
                "file": f.file,
                "line": f.line,
            })
        };
        serde_json::json!({
            "rev": self.side.rev,
            "commit": self.side.commit,
            "known": self.diff.known(),
            "new": self.diff.new.len(),
            "resolved": self.diff.resolved.len(),
            "new_findings": self.diff.new.iter().map(key).collect::<Vec<_>>(),
        })
    }

    /// Adds `"baseline"` to a rendered `check --format json` document.
    pub fn add_to_json(&self, rendered: &str) -> String {
        match serde_json::from_str::<serde_json::Value>(rendered) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.insert("baseline".into(), self.to_json());
                let mut s = serde_json::to_string_pretty(&map).unwrap_or_default();
                s.push('\n');
                s
            }
            _ => rendered.to_string(),
        }
    }

    /// The lines `check` prints after its report.
    pub fn render_human(&self, lang: Lang) -> String {
        let d = &self.diff;
        let mut out = String::from("\n");
        let label = self.side.label();
        let _ = match lang {
            Lang::Sv => writeln!(
                out,
                "Jämfört med {label}: {} {}, {} {} kvar, {} {}.",
                d.new.len(),
                counted(lang, d.new.len(), "", "ny", "nya"),
                d.known(),
                counted(lang, d.known(), "", "känd", "kända"),
                d.resolved.len(),
                counted(lang, d.resolved.len(), "", "åtgärdad", "åtgärdade"),
            ),
            Lang::En => writeln!(
                out,
                "Compared with {label}: {} new, {} known remain, {} resolved.",
                d.new.len(),
                d.known(),
                d.resolved.len()
            ),
        };
        if !d.new.is_empty() {
            let _ = writeln!(out, "{}", if lang == Lang::Sv { "Nya:" } else { "New:" });
            for f in &d.new {
                let _ = writeln!(out, "  {}", one_line(f, lang));
            }
        }
        out
    }
}

/// Checks the evidence at `rev` like `current` was checked (with what that check left in
/// `shared`) and compares.
pub fn baseline(
    repo: &Path,
    rev: &str,
    current: &Checked,
    options: &CheckOptions,
    shared: &mut Shared,
) -> Result<Baseline, DiffError> {
    let (source, side) = git::open(repo, Some(rev))?;
    let before = check_side(source.as_ref(), &side, &pinned(options, current), shared)?;
    let (before, rest) = outcome_only(before, None);
    crate::profile::phase("free", move || drop(rest));
    Ok(Baseline {
        diff: compare(before.findings, current.outcome.findings.clone()),
        side,
    })
}

/// `--format` of `kravkoll diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    /// GitHub-flavoured Markdown, for a pull-request comment
    Markdown,
}

fn location(f: &Finding) -> String {
    match (&f.file, f.line) {
        (Some(file), Some(line)) => format!("{file}:{line}"),
        (Some(file), None) => file.clone(),
        _ => String::new(),
    }
}

fn one_line(f: &Finding, lang: Lang) -> String {
    let record = f
        .record
        .as_deref()
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    format!(
        "{}[{}]{record} {} — {}",
        f.severity.word(lang),
        f.control,
        location(f),
        f.message
    )
}

struct Words {
    new: &'static str,
    resolved: &'static str,
    changed: &'static str,
    nothing: &'static str,
    as_of: &'static str,
    before: &'static str,
    after: &'static str,
    severity: &'static str,
    control: &'static str,
    record: &'static str,
    place: &'static str,
    message: &'static str,
    compared: &'static str,
    exception: &'static str,
}

const SV: Words = Words {
    new: "Nya",
    resolved: "Åtgärdade",
    changed: "Ändrade",
    nothing: "Inga skillnader i anmärkningarna.",
    as_of: "per",
    before: "före",
    after: "efter",
    severity: "Allvarlighet",
    control: "Kontroll",
    record: "Post",
    place: "Plats",
    message: "Anmärkning",
    compared: "Jämfört",
    exception: "undantag",
};

const EN: Words = Words {
    new: "New",
    resolved: "Resolved",
    changed: "Changed",
    nothing: "No differences in findings.",
    as_of: "as of",
    before: "before",
    after: "after",
    severity: "Severity",
    control: "Control",
    record: "Record",
    place: "Where",
    message: "Finding",
    compared: "Compared",
    exception: "exception",
};

fn words(lang: Lang) -> &'static Words {
    if lang == Lang::Sv {
        &SV
    } else {
        &EN
    }
}

/// An English word, or the Swedish singular or plural for `n`.
fn counted(
    lang: Lang,
    n: usize,
    en: &'static str,
    sv: &'static str,
    sv_pl: &'static str,
) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Sv if n == 1 => sv,
        Lang::Sv => sv_pl,
    }
}

fn sev_change(c: &Changed, lang: Lang) -> String {
    if c.before.severity == c.after.severity {
        c.after.severity.word(lang).to_string()
    } else {
        format!(
            "{} → {}",
            c.before.severity.word(lang),
            c.after.severity.word(lang)
        )
    }
}

impl Diff {
    fn summary_line(&self) -> String {
        let d = &self.findings;
        let l = self.lang;
        format!(
            "{} {}, {} {}, {} {}, {} {}",
            d.new.len(),
            counted(l, d.new.len(), "new", "ny", "nya"),
            d.resolved.len(),
            counted(l, d.resolved.len(), "resolved", "åtgärdad", "åtgärdade"),
            d.changed.len(),
            counted(l, d.changed.len(), "changed", "ändrad", "ändrade"),
            d.unchanged.len(),
            counted(
                l,
                d.unchanged.len(),
                "unchanged",
                "oförändrad",
                "oförändrade"
            ),
        )
    }

    /// The JSON form of [`render`](Self::render), written as it is made: a diff of two large
    /// revisions is 40 MB of JSON, which need not be held whole.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }

    pub fn render(&self, format: DiffFormat) -> String {
        match format {
            DiffFormat::Human => self.render_human(),
            DiffFormat::Json => {
                let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
                s.push('\n');
                s
            }
            DiffFormat::Markdown => self.render_markdown(),
        }
    }

    pub fn render_human(&self) -> String {
        let w = words(self.lang);
        let d = &self.findings;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} → {}, {} {}",
            self.organisation,
            self.from.label(),
            self.to.label(),
            w.as_of,
            self.as_of
        );
        let section = |out: &mut String, title: &str, list: &[Finding]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n{title} ({})", list.len());
            for f in list {
                let _ = writeln!(
                    out,
                    "  {}[{}] {}",
                    f.severity.word(self.lang),
                    f.control,
                    f.title
                );
                let record = f.record.as_deref().unwrap_or("");
                let _ = writeln!(
                    out,
                    "    --> {}",
                    format!("{} {record}", location(f)).trim()
                );
                let _ = writeln!(out, "    {}", f.message);
            }
        };
        section(&mut out, w.new, &d.new);
        section(&mut out, w.resolved, &d.resolved);
        if !d.changed.is_empty() {
            let _ = writeln!(out, "\n{} ({})", w.changed, d.changed.len());
            for c in &d.changed {
                let _ = writeln!(
                    out,
                    "  {}[{}] {}",
                    sev_change(c, self.lang),
                    c.after.control,
                    c.after.title
                );
                let record = c.after.record.as_deref().unwrap_or("");
                let _ = writeln!(
                    out,
                    "    --> {}",
                    format!("{} {record}", location(&c.after)).trim()
                );
                if c.before.message != c.after.message {
                    let _ = writeln!(out, "    {}: {}", w.before, c.before.message);
                    let _ = writeln!(out, "    {}: {}", w.after, c.after.message);
                } else if c.before.line != c.after.line || c.before.file != c.after.file {
                    let _ = writeln!(out, "    {}: {}", w.before, location(&c.before));
                }
                if c.before.accepted_by != c.after.accepted_by {
                    let _ = writeln!(
                        out,
                        "    {}: {} → {}",
                        w.exception,
                        c.before.accepted_by.as_deref().unwrap_or("-"),
                        c.after.accepted_by.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        out.push('\n');
        if d.new.is_empty() && d.resolved.is_empty() && d.changed.is_empty() {
            let _ = writeln!(out, "{}", w.nothing);
        }
        let _ = writeln!(out, "{}", self.summary_line());
        out
    }

    pub fn render_markdown(&self) -> String {
        let w = words(self.lang);
        let d = &self.findings;
        let mut out = String::new();
        let errors_new = d
            .new
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let mark = if errors_new > 0 { "❌" } else { "✅" };
        let _ = writeln!(out, "### {mark} kravkoll: {}\n", self.summary_line());
        let _ = writeln!(
            out,
            "{} `{}` → `{}`, {} {} ({}).\n",
            w.compared,
            self.from.label(),
            self.to.label(),
            w.as_of,
            self.as_of,
            cell(&self.organisation)
        );
        let head = format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            w.severity, w.control, w.record, w.place, w.message
        );
        let table = |out: &mut String, title: &str, list: &[Finding]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "#### {title} ({})\n", list.len());
            out.push_str(&head);
            for f in list {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} | {} |",
                    f.severity.word(self.lang),
                    f.control,
                    code(f.record.as_deref()),
                    code(Some(&location(f))),
                    cell(&f.message)
                );
            }
            out.push('\n');
        };
        table(&mut out, w.new, &d.new);
        table(&mut out, w.resolved, &d.resolved);
        if !d.changed.is_empty() {
            let _ = writeln!(out, "#### {} ({})\n", w.changed, d.changed.len());
            out.push_str(&head);
            for c in &d.changed {
                let msg = if c.before.message == c.after.message {
                    cell(&c.after.message)
                } else {
                    format!(
                        "~~{}~~<br>{}",
                        cell(&c.before.message),
                        cell(&c.after.message)
                    )
                };
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} | {} |",
                    sev_change(c, self.lang),
                    c.after.control,
                    code(c.after.record.as_deref()),
                    code(Some(&location(&c.after))),
                    msg
                );
            }
            out.push('\n');
        }
        if d.new.is_empty() && d.resolved.is_empty() && d.changed.is_empty() {
            let _ = writeln!(out, "{}\n", w.nothing);
        }
        out
    }
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        // `@name` would notify people when the diff is a pull-request comment.
        .replace('@', "&#64;")
}

fn code(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.is_empty() => format!("`{}`", s.replace('`', "'").replace('|', "\\|")),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(control: &str, record: Option<&str>, sev: Severity, msg: &str, line: usize) -> Finding {
        Finding {
            control: control.into(),
            framework: "gdpr".into(),
            severity: sev,
            title: "T".into(),
            message: msg.into(),
            citation: "C".into(),
            file: Some("evidence/a.yaml".into()),
            line: Some(line),
            record: record.map(Into::into),
            accepted_by: None,
            remediation: "R".into(),
            statutory: true,
            event_date: None,
            also: Vec::new(),
        }
    }

    #[test]
    fn new_resolved_changed_unchanged() {
        let before = vec![
            f("A", Some("r1"), Severity::Error, "m", 1),
            f("B", Some("r2"), Severity::Warning, "m", 2),
            f("C", Some("r3"), Severity::Warning, "m", 3),
        ];
        let after = vec![
            f("B", Some("r2"), Severity::Warning, "m", 2),
            f("C", Some("r3"), Severity::Error, "m", 3),
            f("D", None, Severity::Error, "m", 4),
        ];
        let d = compare(before.clone(), after.clone());
        assert_eq!(d.new.len(), 1);
        assert_eq!(d.new[0].control, "D");
        assert_eq!(d.resolved.len(), 1);
        assert_eq!(d.resolved[0].control, "A");
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].after.control, "C");
        assert_eq!(d.unchanged.len(), 1);
        assert_eq!(d.known(), 2);
        assert!(d.fails(FailOn::Error));
        // Without the new error, the warning that became an error still fails.
        let d2 = compare(before.clone(), after[..2].to_vec());
        assert!(d2.fails(FailOn::Error));
        assert!(!compare(after[..2].to_vec(), after[..2].to_vec()).fails(FailOn::Info));
    }

    #[test]
    fn a_record_less_finding_is_told_apart_by_file() {
        let mut a = f("A", None, Severity::Error, "m", 1);
        let mut b = a.clone();
        b.file = Some("evidence/b.yaml".into());
        let d = compare(vec![a.clone()], vec![b.clone()]);
        assert_eq!((d.new.len(), d.resolved.len()), (1, 1));
        a.line = Some(9);
        let d = compare(vec![b.clone(), a.clone()], vec![a, b]);
        assert_eq!((d.new.len(), d.unchanged.len()), (0, 2));
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(cell("a|b\nc<d"), "a\\|b c&lt;d");
    }
}
