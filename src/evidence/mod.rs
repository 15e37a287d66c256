//! Evidence loading: read `kravkoll.yaml` and every record under the evidence folder, check
//! them against the format, resolve references, and hand back typed, normalised records, or
//! every problem found.

pub mod config;
pub mod fields;
pub mod personnummer;
pub mod scan;
pub mod schema;
pub mod validate;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

pub use config::{Config, Lang, Organisation, CONFIG_FILE};
pub use fields::{FieldValue, Fields};
use schema::Kind;
use validate::{NestedItem, PendingBoard, PendingRef, Validator};

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::source::{Source, MAX_CONFIG_BYTES, MAX_FILE_BYTES};

/// One evidence record, validated and normalised.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: &'static Kind,
    pub id: String,
    pub file: Arc<str>,
    pub line: usize,
    /// The fields as written (normalised), with `kind`, `file` and `line` added: the
    /// policies' view of the record, shared with their input document.
    pub value: Fields,
    /// Line of each top-level field, for findings about one field: the field by its
    /// position in the kind's schema ([`schema::fields_of`]), 8 bytes a field where its name
    /// and a `usize` took 24 (a tenth of a record's memory).
    field_lines: Box<[(u16, u32)]>,
    pub items: Vec<NestedItem>,
    /// Fields whose value on the day the evidence was assembled for (the annual report's
    /// 31 December) is not known: only a later value was recorded. Empty otherwise.
    pub unknown: Vec<&'static str>,
}

impl Record {
    pub fn field_line(&self, field: &str) -> Option<usize> {
        let n = schema::fields_of(self.kind).position(|f| f.name == field)?;
        self.field_lines
            .iter()
            .find(|(f, _)| usize::from(*f) == n)
            .map(|(_, l)| *l as usize)
    }

    pub fn item_line(&self, item: &str) -> Option<usize> {
        self.items.iter().find(|i| i.id == item).map(|i| i.pos.line)
    }
}

#[derive(Debug)]
pub struct Evidence {
    pub config: Config,
    records: Vec<Record>,
    /// How the source was named (`examples/region`, `HEAD`, …).
    pub source: String,
    /// Writers and the annual report look records up per finding or row, so a scan would
    /// make them quadratic in the evidence size: [`ById`].
    by_id: ById,
}

/// The records' positions by a hash of their id, which the lookup then compares: about 16
/// bytes a record where a map holding a copy of each id took 60. foldhash is seeded per
/// process, so evidence cannot be written to collide; ids that do collide by chance are
/// kept aside and compared one by one.
#[derive(Debug, Default)]
struct ById {
    hasher: foldhash::fast::RandomState,
    first: HashMap<u64, u32, foldhash::fast::RandomState>,
    collided: Vec<u32>,
}

impl ById {
    fn new(records: &[Record]) -> ById {
        ById::with_duplicates(records).0
    }

    /// The index, and each record whose id an earlier record already has, with the
    /// position of that earlier record (loading reports them; the first wins the lookup).
    fn with_duplicates(records: &[Record]) -> (ById, Vec<(u32, u32)>) {
        use std::hash::BuildHasher as _;
        let mut index = ById::default();
        let mut duplicates = Vec::new();
        index.first.reserve(records.len());
        // Positions beyond u32 cannot occur: loading bounds the evidence far below.
        for (i, r) in records.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let h = index.hasher.hash_one(r.id.as_str());
            match index.first.entry(h) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                }
                // The same id again, or another id with the same hash.
                std::collections::hash_map::Entry::Occupied(e) => {
                    match position(records, &index.collided, *e.get(), &r.id) {
                        Some(first) => duplicates.push((i, first)),
                        None => index.collided.push(i),
                    }
                }
            }
        }
        (index, duplicates)
    }

    fn get<'r>(&self, records: &'r [Record], id: &str) -> Option<&'r Record> {
        use std::hash::BuildHasher as _;
        let first = *self.first.get(&self.hasher.hash_one(id))?;
        position(records, &self.collided, first, id).map(|i| &records[i as usize])
    }
}

/// The position of the record with `id` whose hash led to the record at `first`: that
/// record, or one kept aside because its hash collided.
fn position(records: &[Record], collided: &[u32], first: u32, id: &str) -> Option<u32> {
    if records[first as usize].id == id {
        return Some(first);
    }
    collided
        .iter()
        .copied()
        .find(|&c| records[c as usize].id == id)
}

impl Evidence {
    /// Evidence from validated records (ids unique, as `load` guarantees; on a duplicate the
    /// first record wins the lookup).
    pub fn new(config: Config, records: Vec<Record>, source: String) -> Evidence {
        let by_id = ById::new(&records);
        Evidence {
            config,
            records,
            source,
            by_id,
        }
    }

    /// Every record, in load order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The configuration, the records and the source's name, to build other evidence from.
    pub fn into_parts(self) -> (Config, Vec<Record>, String) {
        (self.config, self.records, self.source)
    }

    /// The record with this id, in constant time.
    pub fn by_id(&self, id: &str) -> Option<&Record> {
        self.by_id.get(&self.records, id)
    }
}

/// What reading one file gave.
#[derive(Default)]
struct FileResult {
    records: Vec<Record>,
    refs: Vec<PendingRef>,
    boards: Vec<PendingBoard>,
    problems: Problems,
    /// Personal identity numbers as written, to be masked wherever a problem quotes them.
    secrets: Vec<String>,
}

pub(crate) fn yaml_problem(file: &str, e: yaml::YamlError) -> Problem {
    let mut p =
        Problem::new("kravkoll::evidence::yaml", file, Some(e.pos), e.message).maybe_help(e.help);
    if let Some(first) = e.first {
        p.help = Some(format!(
            "first written on line {}; {}",
            first.line,
            p.help.unwrap_or_default()
        ));
    }
    p
}

/// Text of a file, or the problem that stops it being read as UTF-8 text. A byte-order mark
/// is dropped, so that columns on the first line are counted from the first real character.
pub(crate) fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Box<Problem>> {
    let bytes = match bytes.strip_prefix("\u{FEFF}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let text = String::from_utf8_lossy(&bytes[..good]).into_owned();
        let pos = yaml::LineIndex::new(&text).pos_of_offset(good);
        Box::new(
            Problem::new(
                "kravkoll::source::not-utf8",
                file,
                None,
                format!(
                    "the file is not UTF-8 text (invalid byte at line {}, column {})",
                    pos.line, pos.col
                ),
            )
            .help("save the file as UTF-8"),
        )
    })
}

/// The files one load parsed, kept for a load of another revision (`diff` reads two,
/// which mostly hold the same files): a file with the same path and
/// content, read with the same settings, gives the same records, so they are taken over
/// rather than parsed and validated again.
#[derive(Default)]
pub struct Parsed {
    /// No load follows the next one: it takes files over but notes none of its own.
    last: bool,
    tz: Option<jiff::tz::TimeZone>,
    // foldhash, seeded per process: one lookup per file and per record (`keep`), where
    // SipHash was a fifth of a 100 000-file revision's reuse.
    files: HashMap<String, ParsedFile, foldhash::fast::RandomState>,
}

struct ParsedFile {
    /// The git blob id of the content, whatever the source.
    content: git2::Oid,
    numbers_allowed: bool,
    /// Without records until [`Parsed::keep`] hands them over.
    result: FileResult,
    /// The file's documents, for a version of the file that changed.
    docs: Option<Docs>,
}

/// A file's text and documents as one load read them. A later load of a changed version
/// (the next revision `diff` reads) takes over the record of every document whose text is
/// unchanged, wherever it now stands, and parses only the others: evidence files mostly
/// change by records added or edited among many that stay.
struct Docs {
    text: Arc<str>,
    docs: Vec<Doc>,
}

/// One document ([`yaml::document_starts`]) of a [`Docs`] text.
struct Doc {
    start: usize,
    end: usize,
    line: usize,
    /// What the document gave when that was one record and nothing to report: the record's
    /// place among the file's records, and its references, boards and masked numbers.
    gave: Option<Gave>,
}

/// Places in the file's [`FileResult`]: a document's references, boards and numbers are
/// kept once, with the file's, not copied per document.
struct Gave {
    record: usize,
    refs: std::ops::Range<usize>,
    boards: std::ops::Range<usize>,
    secrets: std::ops::Range<usize>,
}

/// What a changed file's earlier version gave, for [`DocReader::read`] to take over from.
struct Earlier {
    docs: Docs,
    records: Vec<Option<Record>>,
    result: FileResult,
}

impl Parsed {
    /// Marks the next load as the last that reads these files: noting its own files for a
    /// load after it (their paths, documents and references, per file) would be work for
    /// nothing, a tenth of that load with one file per record.
    pub fn last(&mut self) {
        self.last = true;
    }

    /// Keeps the records of `evidence` (loaded with this `Parsed`) for the next load,
    /// instead of freeing them.
    pub fn keep(&mut self, evidence: Evidence) {
        // A file's records are consecutive: its entry is looked up once for all of them.
        let mut records = evidence.records.into_iter().peekable();
        while let Some(r) = records.next() {
            let Some(f) = self.files.get_mut(&*r.file) else {
                continue;
            };
            let file = r.file.clone();
            f.result.records.push(r);
            while let Some(next) = records.next_if(|n| n.file == file) {
                f.result.records.push(next);
            }
        }
    }

    /// The records of `path` when they were parsed from the same content and settings;
    /// taken, since each file is read once per load.
    fn take(
        &mut self,
        path: &str,
        content: git2::Oid,
        numbers_allowed: bool,
    ) -> Option<FileResult> {
        let same = self
            .files
            .get(path)
            .is_some_and(|f| f.content == content && f.numbers_allowed == numbers_allowed);
        same.then(|| self.files.remove(path).map(|f| f.result))?
    }

    /// The documents and records of `path` as read before it changed, read with the same
    /// settings; taken.
    fn take_changed(&mut self, path: &str, numbers_allowed: bool) -> Option<Earlier> {
        let f = self.files.get(path)?;
        if f.numbers_allowed != numbers_allowed || f.docs.is_none() {
            return None;
        }
        let mut f = self.files.remove(path)?;
        let records = std::mem::take(&mut f.result.records);
        Some(Earlier {
            docs: f.docs?,
            records: records.into_iter().map(Some).collect(),
            result: f.result,
        })
    }
}

/// The evidence folder and the time zone local times are read in, from the configuration
/// (or the defaults when it could not be read).
fn folder_and_zone(config: Option<&Config>) -> (String, jiff::tz::TimeZone) {
    match config {
        Some(c) => (c.evidence_dir.clone(), c.tz.clone()),
        None => (
            "evidence".into(),
            jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC),
        ),
    }
}

/// The evidence files kravkoll.yaml allows to hold personal identity numbers.
fn numbers_allowed(config: Option<&Config>) -> HashSet<&str> {
    config
        .map(|c| {
            c.numbers_allowed_in
                .iter()
                .map(|(path, _)| path.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads and checks everything. Either every record is valid, or all problems are returned.
pub fn load(source: &dyn Source) -> Result<Evidence, Problems> {
    load_with(source, None)
}

/// [`load`], taking over the records of files `parsed` holds unchanged, and leaving in it
/// what this load parsed (the records once [`Parsed::keep`] is given the evidence).
pub fn load_with(source: &dyn Source, parsed: Option<&mut Parsed>) -> Result<Evidence, Problems> {
    let mut problems = Problems::default();
    let config = read_config(source, &mut problems);
    let (dir, tz) = folder_and_zone(config.as_ref());

    let numbers_allowed = numbers_allowed(config.as_ref());

    let entries = match source.dir_status(&dir) {
        Ok(true) => match source.list(&dir, &[".yaml", ".yml"]) {
            Ok(e) => e,
            Err(p) => {
                problems.extend(p);
                Vec::new()
            }
        },
        Err(msg) => {
            problems.push(
                Problem::new(
                    "kravkoll::source::no-evidence-dir",
                    CONFIG_FILE,
                    None,
                    format!("the evidence folder `{dir}` cannot be read: {msg}"),
                )
                .help("keep the evidence inside the repository, or set `evidence_dir:` in kravkoll.yaml"),
            );
            Vec::new()
        }
        Ok(false) => {
            problems.push(
                Problem::new(
                    "kravkoll::source::no-evidence-dir",
                    CONFIG_FILE,
                    None,
                    format!(
                        "the evidence folder `{dir}` does not exist in {}",
                        source.describe()
                    ),
                )
                .help("create it, or set `evidence_dir:` in kravkoll.yaml"),
            );
            Vec::new()
        }
    };
    if let Some(c) = &config {
        for (path, pos) in &c.numbers_allowed_in {
            if !entries.iter().any(|e| &e.path == path) {
                problems.push(
                    Problem::new(
                        "kravkoll::config::numbers-allowed-in",
                        CONFIG_FILE,
                        Some(*pos),
                        format!("`{path}` is not an evidence file"),
                    )
                    .help("list evidence files by their path from the repository root, e.g. `evidence/test/persons.yaml`, one by one"),
                );
            }
        }
    }

    let noting = parsed.as_ref().is_some_and(|p| !p.last);
    // Records parsed with another time zone differ (datetimes are normalised in it).
    let earlier = match parsed {
        Some(p) if p.tz.as_ref() == Some(&tz) => Some(std::sync::Mutex::new(p)),
        Some(p) => {
            *p = Parsed {
                last: p.last,
                tz: Some(tz.clone()),
                files: HashMap::default(),
            };
            Some(std::sync::Mutex::new(p))
        }
        None => None,
    };
    let kept: std::sync::Mutex<Vec<(String, ParsedFile)>> = Default::default();
    // One cache of shared strings per loading task (see `fields::Strings`), dropped with it.
    let results: Vec<FileResult> = entries
        .par_iter()
        .map_init(fields::Strings::new, |strings, entry| {
            let mut out = FileResult::default();
            // A size the listing gave is checked at once; one it did not (a git revision) only
            // for a file that is read, below: a file taken over is never opened.
            if let Some(size) = entry.size.filter(|s| *s > MAX_FILE_BYTES) {
                out.problems
                    .push(too_large(&entry.path, size, MAX_FILE_BYTES));
                return out;
            }
            let allowed = numbers_allowed.contains(entry.path.as_str());
            let take = |id: git2::Oid| {
                let m = earlier.as_ref()?;
                let taken =
                    m.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .take(&entry.path, id, allowed)?;
                (!taken.records.is_empty()).then_some(taken)
            };
            // The blob id of the content, when the other revision may hold the file: a git
            // revision names it in its listing, so a file held unchanged is taken over
            // without being read at all; a folder's file is read and hashed.
            let mut bytes = None;
            let content = earlier.as_ref().and_then(|_| {
                source.blob_id(&entry.path).or_else(|| {
                    match bytes.insert(source.read(&entry.path)) {
                        Ok(Some(b)) => git2::Oid::hash_object(git2::ObjectType::Blob, b).ok(),
                        _ => None,
                    }
                })
            });
            if let Some(taken) = content.and_then(take) {
                if noting {
                    keep(&kept, &entry.path, content, allowed, &taken, None);
                }
                return taken;
            }
            if entry.size.is_none() {
                match source.size(&entry.path) {
                    Ok(Some(size)) if size > MAX_FILE_BYTES => {
                        out.problems
                            .push(too_large(&entry.path, size, MAX_FILE_BYTES));
                        return out;
                    }
                    Ok(_) => {}
                    Err(msg) => {
                        out.problems
                            .push(Problem::unreadable(entry.path.clone(), msg));
                        return out;
                    }
                }
            }
            let bytes = bytes.unwrap_or_else(|| source.read(&entry.path));
            let text = match bytes {
                Ok(Some(bytes)) => match decode(&entry.path, bytes) {
                    Ok(t) => t,
                    Err(p) => {
                        out.problems.push(*p);
                        return out;
                    }
                },
                Ok(None) => return out,
                Err(msg) => {
                    out.problems
                        .push(Problem::unreadable(entry.path.clone(), msg));
                    return out;
                }
            };
            // A file that changed: its unchanged documents are taken over.
            let changed = earlier.as_ref().and_then(|m| {
                m.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take_changed(&entry.path, allowed)
            });
            let docs = DocReader::new(&entry.path, &tz, allowed, noting)
                .read(text, strings, &mut out, changed);
            if noting && out.problems.is_empty() {
                keep(&kept, &entry.path, content, allowed, &out, docs);
            }
            out
        })
        .collect();
    if let Some(m) = earlier {
        let p = m.into_inner().unwrap_or_else(|e| e.into_inner());
        p.files = kept
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
    }

    // Sized at once (grown by doubling, the vector of 100 000 records was copied as it grew
    // and kept up to half its room unused), the records on one core and the rest on the
    // other: each is a copy of some 100 000 entries into fresh memory at 100 000 records.
    let (per_file, rest): (Vec<_>, Vec<_>) = results
        .into_iter()
        .map(|r| (r.records, (r.refs, r.boards, r.problems, r.secrets)))
        .unzip();
    let (records, (refs, boards, mut secrets)) = rayon::join(
        || {
            let mut records = Vec::with_capacity(per_file.iter().map(Vec::len).sum());
            per_file.into_iter().for_each(|r| records.extend(r));
            records
        },
        || {
            let mut refs = Vec::with_capacity(rest.iter().map(|r| r.0.len()).sum());
            let (mut boards, mut secrets) = (Vec::new(), Vec::new());
            for (r, b, p, s) in rest {
                refs.extend(r);
                boards.extend(b);
                problems.extend(p);
                secrets.extend(s);
            }
            (refs, boards, secrets)
        },
    );

    // One index of the ids serves the checks and the evidence's lookups.
    let (by_id, duplicates) = ById::with_duplicates(&records);
    check_ids(&records, &duplicates, &mut problems);
    check_refs(&records, &by_id, &refs, &mut problems);
    if let Some(c) = &config {
        config::check_boards(&boards, &c.organisation.boards, &mut problems);
    }

    match config {
        Some(config) if problems.is_empty() => Ok(Evidence {
            config,
            records,
            source: source.describe(),
            by_id,
        }),
        _ => {
            if problems.is_empty() {
                problems.push(Problem::new(
                    "kravkoll::config::invalid",
                    CONFIG_FILE,
                    None,
                    "kravkoll.yaml could not be read",
                ));
            }
            problems.sort();
            // Whatever quotes a personal identity number (a snippet, an unknown id) must
            // not print it.
            secrets.sort();
            secrets.dedup();
            problems.redact(&secrets);
            Err(problems)
        }
    }
}

/// Notes what reading `path` gave, without its records (they are kept from the evidence
/// later, [`Parsed::keep`], rather than copied now).
fn keep(
    kept: &std::sync::Mutex<Vec<(String, ParsedFile)>>,
    path: &str,
    content: Option<git2::Oid>,
    numbers_allowed: bool,
    out: &FileResult,
    docs: Option<Docs>,
) {
    let Some(content) = content else { return };
    let result = FileResult {
        records: Vec::new(),
        refs: out.refs.clone(),
        boards: out.boards.clone(),
        problems: Problems::default(),
        secrets: out.secrets.clone(),
    };
    kept.lock().unwrap_or_else(|e| e.into_inner()).push((
        path.to_string(),
        ParsedFile {
            content,
            numbers_allowed,
            result,
            docs,
        },
    ));
}

/// What an older state of the evidence gave: the configuration if it still reads, every
/// record that validates on its own, and how many problems were passed over.
pub struct Lenient {
    pub config: Option<Config>,
    pub records: Vec<Record>,
    pub problems: usize,
}

/// Reads an older state of the evidence (the annual report's end of year) without stopping
/// at problems: a file that no longer validates (an older format, a typo fixed since) must
/// not hide the other records. The caller says how many problems were passed over; the
/// current evidence, checked strictly, is what the user is asked to fix.
pub fn load_lenient(source: &dyn Source) -> Lenient {
    let mut problems = Problems::default();
    let config = read_config(source, &mut problems);
    let (dir, tz) = folder_and_zone(config.as_ref());
    let numbers_allowed = numbers_allowed(config.as_ref());
    let entries = match source.dir_status(&dir) {
        Ok(true) => source.list(&dir, &[".yaml", ".yml"]).unwrap_or_else(|p| {
            problems.extend(p);
            Vec::new()
        }),
        _ => Vec::new(),
    };
    // One cache of shared strings per loading task (see `fields::Strings`), dropped with it.
    let results: Vec<FileResult> = entries
        .par_iter()
        .map_init(fields::Strings::new, |strings, entry| {
            let mut out = FileResult::default();
            let small = matches!(entry.size_in(source), Ok(Some(size)) if size <= MAX_FILE_BYTES);
            let text = small
                .then(|| source.read(&entry.path).ok().flatten())
                .flatten()
                .and_then(|bytes| decode(&entry.path, bytes).ok());
            match text {
                Some(text) => {
                    let allowed = numbers_allowed.contains(entry.path.as_str());
                    DocReader::new(&entry.path, &tz, allowed, false)
                        .read(text, strings, &mut out, None);
                }
                None => out.problems.push(Problem::unreadable(
                    entry.path.clone(),
                    "unreadable at this revision",
                )),
            }
            out
        })
        .collect();
    let mut records = Vec::new();
    let mut count = problems.len();
    for r in results {
        // A file with any problem gives no records: its records are read as they are now,
        // and nothing it held that the current evidence would refuse (a personal identity
        // number) reaches the report.
        if r.problems.is_empty() {
            records.extend(r.records);
        } else {
            count += r.problems.len();
        }
    }
    Lenient {
        config,
        records,
        problems: count,
    }
}

/// Parses and validates the text of one evidence file on the calling thread, without
/// resolving references across files: the records and every problem, as `load` would
/// report them. For tools and for the property tests of the loader.
pub fn read_text(path: &str, text: &str) -> (Vec<Record>, Problems) {
    let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
    let mut out = FileResult::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string();
    DocReader::new(path, &tz, false, false).read(text, &mut fields::Strings::new(), &mut out, None);
    let mut problems = out.problems;
    problems.sort();
    problems.redact(&out.secrets);
    (out.records, problems)
}

/// The repository's kravkoll.yaml alone, read under the same rules as with the evidence
/// (size limit, UTF-8, the loader's YAML): `Ok(None)` when there is none, for commands that
/// need its settings but no evidence.
pub fn config_only(source: &dyn Source) -> Result<Option<Config>, Problems> {
    if let Ok(None) = source.size(CONFIG_FILE) {
        return Ok(None);
    }
    let mut problems = Problems::default();
    match read_config(source, &mut problems) {
        Some(config) if problems.is_empty() => Ok(Some(config)),
        _ => Err(problems),
    }
}

/// The policy limits set in the repository's kravkoll.yaml, or the defaults when it has none
/// or cannot be read (for `kravkoll test`, which reads no evidence).
pub fn policy_limits(source: &dyn Source) -> crate::sandbox::Limits {
    config_only(source)
        .ok()
        .flatten()
        .map(|c| c.limits)
        .unwrap_or_default()
}

fn read_config(source: &dyn Source, problems: &mut Problems) -> Option<Config> {
    if let Ok(Some(size)) = source.size(CONFIG_FILE) {
        if size > MAX_CONFIG_BYTES {
            problems.push(too_large(CONFIG_FILE, size, MAX_CONFIG_BYTES));
            return None;
        }
    }
    let text = match source.read(CONFIG_FILE) {
        Ok(Some(bytes)) => match decode(CONFIG_FILE, bytes) {
            Ok(t) => t,
            Err(p) => {
                problems.push(*p);
                return None;
            }
        },
        Ok(None) => {
            problems.push(
                Problem::new("kravkoll::config::missing", "", None, format!("no kravkoll.yaml at the root of {}", source.describe()))
                    .help("an evidence repository needs kravkoll.yaml with the organisation profile; see docs/evidence-format.md, or copy one from examples/"),
            );
            return None;
        }
        Err(msg) => {
            problems.push(Problem::unreadable(CONFIG_FILE, msg));
            return None;
        }
    };
    let text: Arc<str> = Arc::from(text);
    let before = problems.len();
    let config = config::parse(&text, problems);
    if problems.len() > before {
        problems.add_source(CONFIG_FILE, text);
    }
    config
}

/// The problem of a file over its size limit, found before it is read.
pub(crate) fn too_large(file: &str, size: u64, max: u64) -> Problem {
    let mib = |n: u64| format!("{} MiB", n / (1024 * 1024));
    // Just over a limit of a few MiB, whole MiB would read "1 MiB; at most 1 MiB".
    let shown = if size >= 10 * 1024 * 1024 {
        mib(size)
    } else {
        format!("{size} bytes")
    };
    Problem::new(
        "kravkoll::source::too-large",
        file,
        None,
        format!(
            "the file is {shown}; such files may be at most {}",
            mib(max)
        ),
    )
    .help("split it into several files, or move it out of the repository (see docs/limits.md)")
}

/// Held until every file is read: with one record per file, vectors grown by pushing kept
/// room for four records and four references each, 60 MiB unused at 100 000 files.
fn finish(out: &mut FileResult) {
    out.records.shrink_to_fit();
    out.refs.shrink_to_fit();
    out.boards.shrink_to_fit();
}

/// Reads the documents of one file.
struct DocReader<'a> {
    path: &'a str,
    file: Arc<str>,
    tz: &'a jiff::tz::TimeZone,
    numbers_allowed: bool,
    /// Whether to return what each document gave, for a later load.
    keep: bool,
}

impl<'a> DocReader<'a> {
    /// A reader of the file `path`; with `keep`, [`read`](Self::read) returns the file's
    /// documents for a later load (see [`Docs`]).
    fn new(path: &'a str, tz: &'a jiff::tz::TimeZone, numbers_allowed: bool, keep: bool) -> Self {
        DocReader {
            path,
            file: Arc::from(path),
            tz,
            numbers_allowed,
            keep,
        }
    }

    /// Reads the records of the file's `text` into `out`. With `earlier` (what the file's
    /// previous version gave), the documents whose text is unchanged are taken over rather
    /// than read again.
    fn read(
        &self,
        text: String,
        strings: &mut fields::Strings,
        out: &mut FileResult,
        earlier: Option<Earlier>,
    ) -> Option<Docs> {
        let (path, keep_docs) = (self.path, self.keep);
        let text: Arc<str> = Arc::from(text);
        let starts = if keep_docs || earlier.is_some() {
            yaml::document_starts(&text)
        } else {
            None
        };
        if let (Some(starts), Some(earlier)) = (&starts, earlier) {
            // Any problem there, and the file is read whole below, as a fresh load reads it.
            if let Some(docs) = self.changed(&text, starts, strings, earlier, out) {
                finish(out);
                return (keep_docs && starts.len() > 1).then_some(docs);
            }
        }
        let mut gave = Vec::new();
        match yaml::parse_documents(&text) {
            Err(e) => out.problems.push(yaml_problem(path, e)),
            Ok(docs) => {
                for doc in &docs {
                    gave.push((doc.pos.offset, self.document(doc, strings, out)));
                }
            }
        }
        if !out.problems.is_empty() {
            out.problems.add_source(path, text);
            finish(out);
            return None;
        }
        finish(out);
        // A file of one document is read anew when it changes: nothing in it is unchanged.
        let starts = starts.filter(|s| keep_docs && s.len() > 1)?;
        // Each document read to the piece of text it stands in; a piece gives its record to a
        // later load when it holds that one document.
        let mut gave = gave.into_iter().peekable();
        let docs = starts
            .iter()
            .enumerate()
            .map(|(k, &(start, line))| {
                let end = starts.get(k + 1).map_or(text.len(), |s| s.0);
                let mut here = Vec::new();
                while let Some((_, g)) = gave.next_if(|(at, _)| *at < end) {
                    here.push(g);
                }
                let gave = match here.len() {
                    1 => here.pop().flatten(),
                    _ => None,
                };
                let (start, line) = body(&text, start, line);
                Doc {
                    start,
                    end,
                    line,
                    gave,
                }
            })
            .collect();
        Some(Docs { text, docs })
    }

    /// Scans and validates one document into `out`; returns what it gave when that was a
    /// record and nothing to report (and `self.keep`).
    fn document(
        &self,
        doc: &yaml::Node,
        strings: &mut fields::Strings,
        out: &mut FileResult,
    ) -> Option<Gave> {
        let mut found = scan::Scan::default();
        scan::document(self.path, doc, self.numbers_allowed, &mut found);
        let mut v = Validator::building(self.path, Some(&self.file), self.tz, &mut *strings);
        let checked = validate::record(&mut v, doc);
        let c = v.out;
        let clean = found.problems.is_empty() && c.problems.is_empty();
        out.problems.problems.extend(found.problems);
        out.problems.problems.extend(c.problems);
        let gave = (self.keep && clean && checked.is_some()).then(|| Gave {
            record: out.records.len(),
            refs: out.refs.len()..out.refs.len() + c.refs.len(),
            boards: out.boards.len()..out.boards.len() + c.boards.len(),
            secrets: out.secrets.len()..out.secrets.len() + found.secrets.len(),
        });
        out.secrets.extend(found.secrets);
        out.refs.extend(c.refs);
        out.boards.extend(c.boards);
        let (kind, id, mut value) = checked?;
        value.remove(&regorus::Value::from("kind"));
        let value = Fields::of(strings, value, kind.name, self.path, doc.pos.line);
        out.records.push(Record {
            kind,
            id,
            file: self.file.clone(),
            line: doc.pos.line,
            value,
            field_lines: compact_lines(kind, &c.field_lines),
            items: c.items,
            unknown: Vec::new(),
        });
        gave
    }

    /// Reads a changed file piece by piece (`starts`, see [`yaml::document_starts`]),
    /// taking over the record of every piece whose text `earlier` holds, moved to where the
    /// piece now stands. `None`, with `out` untouched, when a piece read anew has a
    /// problem: the caller then reads the file whole, so that problems are reported as a
    /// fresh load reports them.
    fn changed(
        &self,
        text: &Arc<str>,
        starts: &[(usize, usize)],
        strings: &mut fields::Strings,
        earlier: Earlier,
        out: &mut FileResult,
    ) -> Option<Docs> {
        let Earlier {
            docs:
                Docs {
                    text: old_text,
                    docs: mut old,
                },
            mut records,
            result: before,
        } = earlier;
        // The earlier pieces that gave a record, by their text; of equal pieces the first
        // is taken first.
        let mut by_text: HashMap<&str, Vec<usize>, foldhash::fast::RandomState> =
            HashMap::default();
        for (i, d) in old.iter().enumerate().rev() {
            if d.gave.is_some() {
                by_text
                    .entry(&old_text[d.start..d.end])
                    .or_default()
                    .push(i);
            }
        }
        let mut read = FileResult::default();
        let mut docs = Vec::with_capacity(starts.len());
        for (k, &(start, line)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(text.len(), |s| s.0);
            let (body_start, body_line) = body(text, start, line);
            let taken = by_text
                .get_mut(&text[body_start..end])
                .and_then(Vec::pop)
                .and_then(|i| {
                    let d = &mut old[i];
                    let gave = d.gave.take()?;
                    let record = records.get_mut(gave.record)?.take()?;
                    Some((d.line, d.start, gave, record))
                });
            if let Some((old_line, old_start, gave, record)) = taken {
                let lines = body_line as isize - old_line as isize;
                let bytes = body_start as isize - old_start as isize;
                let (refs, boards, secrets) = (
                    before.refs.get(gave.refs)?,
                    before.boards.get(gave.boards)?,
                    before.secrets.get(gave.secrets)?,
                );
                let gave = Gave {
                    record: read.records.len(),
                    refs: read.refs.len()..read.refs.len() + refs.len(),
                    boards: read.boards.len()..read.boards.len() + boards.len(),
                    secrets: read.secrets.len()..read.secrets.len() + secrets.len(),
                };
                read.records.push(moved(record, lines, bytes));
                read.refs.extend(refs.iter().map(|r| PendingRef {
                    pos: moved_pos(r.pos, lines, bytes),
                    ..r.clone()
                }));
                read.boards.extend(boards.iter().map(|b| PendingBoard {
                    pos: moved_pos(b.pos, lines, bytes),
                    ..b.clone()
                }));
                read.secrets.extend(secrets.iter().cloned());
                docs.push(Doc {
                    start: body_start,
                    end,
                    line: body_line,
                    gave: self.keep.then_some(gave),
                });
                continue;
            }
            let parsed = yaml::parse_documents_at(&text[start..end], start, line).ok()?;
            let mut gave = None;
            for doc in &parsed {
                gave = self.document(doc, strings, &mut read);
                if !read.problems.is_empty() {
                    return None;
                }
            }
            docs.push(Doc {
                start: body_start,
                end,
                line: body_line,
                gave: gave.filter(|_| parsed.len() == 1),
            });
        }
        *out = read;
        Some(Docs {
            text: text.clone(),
            docs,
        })
    }
}

/// Where the text of the document beginning at `start` (line `line`) begins: after its
/// marker line when that holds nothing but `---`, so that a document reads as unchanged
/// whether or not a marker comes before it (the first document of a file has none; when
/// one is added above it, it gains one).
fn body(text: &str, start: usize, line: usize) -> (usize, usize) {
    let rest = &text[start..];
    let Some(after) = rest.strip_prefix("---") else {
        return (start, line);
    };
    let end = after.find('\n').map_or(after.len(), |i| i + 1);
    if after[..end].trim().is_empty() && end > 0 && after[..end].ends_with('\n') {
        (start + 3 + end, line + 1)
    } else {
        (start, line)
    }
}

fn moved_pos(mut p: yaml::Pos, lines: isize, bytes: isize) -> yaml::Pos {
    p.line = p.line.saturating_add_signed(lines);
    p.offset = p.offset.saturating_add_signed(bytes);
    p
}

/// A record taken over from an earlier version of its file, where its text now begins
/// `lines` lines and `bytes` bytes further down (or up).
fn moved(mut r: Record, lines: isize, bytes: isize) -> Record {
    for item in &mut r.items {
        item.pos = moved_pos(item.pos, lines, bytes);
    }
    if lines != 0 {
        r.line = r.line.saturating_add_signed(lines);
        for (_, l) in r.field_lines.iter_mut() {
            *l = l.saturating_add_signed(lines as i32);
        }
        r.value.move_to(r.kind, r.line, lines);
    }
    r
}

/// The validator's field lines in [`Record`]'s compact form. Every name is a field of the
/// kind (the validator names fields by the schema's own names).
fn compact_lines(kind: &Kind, lines: &[(&'static str, usize)]) -> Box<[(u16, u32)]> {
    lines
        .iter()
        .filter_map(|(name, line)| {
            let n = schema::fields_of(kind).position(|f| f.name == *name)?;
            Some((u16::try_from(n).ok()?, u32::try_from(*line).ok()?))
        })
        .collect()
}

fn check_ids(records: &[Record], duplicates: &[(u32, u32)], problems: &mut Problems) {
    for &(i, first) in duplicates {
        let (r, first) = (&records[i as usize], &records[first as usize]);
        problems.push(
            Problem::new(
                "kravkoll::evidence::duplicate-id",
                r.file.to_string(),
                None,
                format!(
                    "duplicate id `{}` (line {}): also used by the {} at {}:{}",
                    r.id, r.line, first.kind.name, first.file, first.line
                ),
            )
            .help("ids must be unique across the whole repository"),
        );
    }
}

fn check_refs(records: &[Record], by_id: &ById, refs: &[PendingRef], problems: &mut Problems) {
    // Nearly every reference names a record of a kind it may name: those are settled on
    // both cores (one serial pass took 15–30 ms at 100 000 records), and the rest, in the
    // order they were written, below.
    let doubtful: Vec<&PendingRef> = refs
        .par_iter()
        .filter(|p| {
            !by_id
                .get(records, &p.target)
                .is_some_and(|r| p.admits(r.kind))
        })
        .collect();
    if doubtful.is_empty() {
        return;
    }
    let mut nested: HashMap<&str, Vec<(&Record, &NestedItem)>> = HashMap::new();
    for r in records {
        for item in &r.items {
            nested.entry(item.id.as_str()).or_default().push((r, item));
        }
    }
    let mut hints_left = 50;
    for p in doubtful {
        let target = p.target.as_str();
        let problem = match (by_id.get(records, target), nested.get(target)) {
            (Some(r), _) => match p.kinds {
                Some(kinds) if !p.admits(r.kind) => Some((
                    format!(
                        "`{target}` is a {}, but a {} is expected here",
                        r.kind.name,
                        kinds.join(" or ")
                    ),
                    None,
                    "wrong kind of record",
                )),
                _ => None,
            },
            (None, Some(items)) if p.kinds.is_none() => (items.len() > 1).then(|| {
                let mut places: Vec<_> = items.iter().take(5).map(|(r, _)| r.id.clone()).collect();
                if items.len() > 5 {
                    places.push(format!("{} more", items.len() - 5));
                }
                (
                    format!(
                        "`{target}` is ambiguous: nested items with that id exist in {}",
                        places.join(", ")
                    ),
                    Some("give the nested items distinct ids".to_string()),
                    "ambiguous id",
                )
            }),
            _ => {
                let hint = if hints_left > 0 && records.len() <= 20_000 {
                    hints_left -= 1;
                    let candidates = records
                        .iter()
                        .filter(|r| p.kinds.is_none_or(|k| k.contains(&r.kind.name)))
                        .map(|r| r.id.as_str());
                    did_you_mean(target, candidates)
                } else {
                    None
                };
                let what = p
                    .kinds
                    .map(|k| k.join(" or "))
                    .unwrap_or_else(|| "record".into());
                Some((
                    format!("reference to unknown {what} `{target}`"),
                    hint,
                    "no such id",
                ))
            }
        };
        if let Some((msg, help, label)) = problem {
            problems.push(
                Problem::new(
                    "kravkoll::evidence::unknown-ref",
                    p.file.to_string(),
                    Some(p.pos),
                    msg,
                )
                .label(label)
                .maybe_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::DirSource;

    fn copy(from: &std::path::Path, to: &std::path::Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.expect("walk");
            let target = to.join(e.path().strip_prefix(from).expect("inside"));
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(e.path(), &target).expect("copy");
            }
        }
    }

    /// A copy of the small example to change, and the source reading it.
    fn example_copy() -> (tempfile::TempDir, DirSource) {
        let dir = tempfile::tempdir().expect("tmp");
        copy(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/vardcentral-liten"),
            dir.path(),
        );
        let source = DirSource::open(dir.path()).expect("opens");
        (dir, source)
    }

    fn shown(e: &Evidence) -> Vec<String> {
        e.records().iter().map(|r| format!("{r:?}")).collect()
    }

    #[test]
    fn records_are_found_by_id_and_the_first_of_a_duplicate_wins() {
        let text = "kind: System\nid: sys-a\nname: A\n---\nkind: System\nid: sys-b\nname: B\n---\nkind: System\nid: sys-a\nname: A again\n";
        let (records, _) = read_text("evidence/s.yaml", text);
        assert_eq!(records.len(), 3, "{records:?}");
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/vardcentral-liten");
        let (config, _, _) = load(&DirSource::open(&root).expect("open"))
            .expect("loads")
            .into_parts();
        let e = Evidence::new(config, records, "test".into());
        assert_eq!(e.by_id("sys-a").map(|r| r.line), Some(1));
        assert_eq!(e.by_id("sys-b").map(|r| r.line), Some(5));
        assert!(e.by_id("sys-c").is_none());
        assert!(e.by_id("").is_none());
    }

    #[test]
    fn the_id_index_names_every_repeated_id_with_its_first_record() {
        let text = "kind: System\nid: sys-a\nname: A\n---\nkind: System\nid: sys-b\nname: B\n---\nkind: System\nid: sys-a\nname: A2\n---\nkind: System\nid: sys-a\nname: A3\n";
        let (records, _) = read_text("evidence/s.yaml", text);
        let (index, duplicates) = ById::with_duplicates(&records);
        assert_eq!(duplicates, vec![(2, 0), (3, 0)]);
        assert_eq!(index.get(&records, "sys-a").map(|r| r.line), Some(1));
        let mut problems = Problems::default();
        check_ids(&records, &duplicates, &mut problems);
        let shown: Vec<String> = problems
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        assert_eq!(
            shown,
            [
                "duplicate id `sys-a` (line 9): also used by the System at evidence/s.yaml:1",
                "duplicate id `sys-a` (line 13): also used by the System at evidence/s.yaml:1"
            ]
        );
    }

    #[test]
    fn records_taken_over_from_an_earlier_load_are_those_a_fresh_load_reads() {
        let (dir, source) = example_copy();
        let mut parsed = Parsed::default();
        let first = load_with(&source, Some(&mut parsed)).expect("loads");
        let files = parsed.files.len();
        assert!(files > 5, "{files} files noted");
        parsed.keep(first);

        // One file changes; the others are taken over, records and all.
        let changed = dir.path().join("evidence/training/utbildning.yaml");
        let text = std::fs::read_to_string(&changed).expect("read");
        std::fs::write(&changed, text.replace("completed: 25", "completed: 24")).expect("write");
        let second = load_with(&source, Some(&mut parsed)).expect("loads");
        let fresh = load(&source).expect("loads");
        assert_eq!(shown(&second), shown(&fresh));
        assert!(shown(&second).iter().any(|r| r.contains("Number(24)")));
        assert_eq!(parsed.files.len(), files, "every file noted again");
        // Taken, not copied: nothing is left behind with its records.
        assert!(parsed.files.values().all(|f| f.result.records.is_empty()));
    }

    #[test]
    fn the_last_load_takes_files_over_and_notes_none() {
        let (dir, source) = example_copy();
        let mut parsed = Parsed::default();
        let first = load_with(&source, Some(&mut parsed)).expect("loads");
        let names = |e: &Evidence| -> HashSet<*const u8> {
            e.records()
                .iter()
                .filter(|r| !r.file.ends_with("utbildning.yaml"))
                .map(|r| Arc::as_ptr(&r.file).cast())
                .collect()
        };
        let unchanged = names(&first);
        parsed.keep(first);
        let changed = dir.path().join("evidence/training/utbildning.yaml");
        let text = std::fs::read_to_string(&changed).expect("read");
        std::fs::write(&changed, text.replace("completed: 25", "completed: 24")).expect("write");
        parsed.last();
        let second = load_with(&source, Some(&mut parsed)).expect("loads");
        let fresh = load(&source).expect("loads");
        assert_eq!(shown(&second), shown(&fresh));
        assert!(shown(&second).iter().any(|r| r.contains("Number(24)")));
        // The unchanged files' records were taken over, not read again: they are the first
        // load's, file name and all.
        assert_eq!(names(&second), unchanged);
        assert!(
            parsed.files.is_empty(),
            "nothing noted for a load after the last"
        );
    }

    #[test]
    fn documents_taken_over_from_a_changed_file_are_those_a_fresh_load_reads() {
        let (dir, source) = example_copy();
        let path = dir.path().join("evidence/risk/riskanalyser.yaml");
        let text = std::fs::read_to_string(&path).expect("read");
        let second_doc = &text[text
            .find("---\nkind: RiskAnalysis\nid: ra-etjanst-2025")
            .expect("doc")..];
        // A new document above the two (which move down with their nested risks and
        // references), then a copy of the second with new ids below them.
        let added = second_doc
            .trim_start_matches("---\n")
            .replace("ra-etjanst-2025", "ra-ny-2025");
        let changed = format!(
            "{added}---\n{text}{}",
            second_doc.replace("ra-etjanst-2025", "ra-sist-2025")
        );

        let mut parsed = Parsed::default();
        let first = load_with(&source, Some(&mut parsed)).expect("loads");
        let before: Vec<*const u8> = first
            .records()
            .iter()
            .filter(|r| r.file.ends_with("riskanalyser.yaml"))
            .map(|r| Arc::as_ptr(&r.file).cast())
            .collect();
        assert_eq!(before.len(), 2);
        parsed.keep(first);
        std::fs::write(&path, &changed).expect("write");
        let second = load_with(&source, Some(&mut parsed)).expect("loads");
        let fresh = load(&source).expect("loads");
        assert_eq!(shown(&second), shown(&fresh));
        let moved: Vec<&Record> = second
            .records()
            .iter()
            .filter(|r| r.file.ends_with("riskanalyser.yaml"))
            .collect();
        assert_eq!(moved.len(), 4);
        // The two earlier documents were taken over, not read again: their records still
        // name the file through the first load's handle.
        let taken: Vec<bool> = moved
            .iter()
            .map(|r| before.contains(&Arc::as_ptr(&r.file).cast()))
            .collect();
        assert_eq!(taken, [false, true, true, false]);
        assert!(moved[2].line > 20, "moved down: {}", moved[2].line);

        // A third version with a broken document is reported as a fresh load reports it.
        parsed.keep(second);
        std::fs::write(&path, format!("{changed}---\nkind: RiskAnalysis\nid: [\n")).expect("write");
        let third = load_with(&source, Some(&mut parsed)).expect_err("fails");
        let fresh = load(&source).expect_err("fails");
        assert_eq!(format!("{third:?}"), format!("{fresh:?}"));

        // References of documents taken over are reported where the documents now stand:
        // the measure they name is renamed in another file while they move down again.
        std::fs::write(&path, &changed).expect("write");
        let mut parsed = Parsed::default();
        let before = load_with(&source, Some(&mut parsed)).expect("loads");
        parsed.keep(before);
        let improvements = dir.path().join("evidence/improvements/forbattringar.yaml");
        let text = std::fs::read_to_string(&improvements).expect("read");
        let renamed = text.replace(
            "id: impr-2025-bankid-video\n",
            "id: impr-2025-bankid-video-2\n",
        );
        assert_ne!(renamed, text);
        std::fs::write(&improvements, renamed).expect("write");
        let top = added.replace("ra-ny-2025", "ra-topp-2025");
        std::fs::write(&path, format!("{top}---\n{changed}")).expect("write");
        let after = load_with(&source, Some(&mut parsed)).expect_err("a reference is gone");
        let fresh = load(&source).expect_err("a reference is gone");
        assert_eq!(format!("{after:?}"), format!("{fresh:?}"));
        let shown = format!("{after:?}");
        assert!(
            shown.contains("impr-2025-bankid-video") && !shown.contains("duplicate"),
            "{shown}"
        );
    }
}
