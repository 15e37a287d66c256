//! The coordinator's own words: Markdown files per year and section in the evidence
//! repository (`annual/2025/summary.md`, `annual/2025/risk-analyses.md`, …) and the title
//! block (`annual/2025/report.yaml`). With `--board ID`, files in `annual/2025/ID/` take
//! precedence, so each board's report can have its own summary and recipient.
//!
//! kravkoll places the text as written; it never edits it. Every file must have a known
//! name, so that a misspelt file never turns silently into "no commentary".

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::evidence::personnummer;
use crate::evidence::scan::is_hidden;
use crate::evidence::schema::ANNUAL_TITLE_FIELDS;
use crate::evidence::validate::Validator;
use crate::evidence::yaml::{parse_documents, LineIndex};
use crate::evidence::Config;
use crate::source::{Source, MAX_FILE_BYTES};

/// The folder of the narrative files, at the root of the evidence repository.
pub const DIR: &str = "annual";

/// The title-block file in a year's folder.
pub const TITLE_FILE: &str = "report.yaml";

/// The sections that take the coordinator's text, by file name (without `.md`), with their
/// Swedish name for the docs and messages.
pub const SECTIONS: &[(&str, &str)] = &[
    ("decision", "förslag till beslut"),
    ("summary", "sammanfattning"),
    ("assessment", "samlad bedömning"),
    ("risk-analyses", "1. riskanalyser"),
    ("incidents", "2. incidenter"),
    ("follow-ups", "3. uppföljningar"),
    ("improvements", "4. förbättringsåtgärder"),
    ("governance", "styrning och ledning"),
    ("data-protection", "dataskydd"),
    ("training", "utbildning"),
    ("suppliers", "leverantörer"),
    ("classification", "informationsklassning"),
    ("continuity", "kontinuitet"),
    ("nis", "NIS och cybersäkerhetslagen"),
    ("trends", "utveckling över tid"),
    ("maturity", "mognad"),
    ("priorities", "prioriteringar för nästa år"),
    ("resources", "resursbehov"),
];

/// The title block as written in `report.yaml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleBlock {
    /// `draft` or `adopted`.
    pub status: String,
    pub diary_number: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// A board id or `organisation`.
    pub recipient: Option<String>,
    pub decision: Option<String>,
    /// Where it was read from, for messages.
    pub file: String,
    /// Read from a board's own folder (`annual/<year>/<board>/`).
    pub for_board: bool,
}

/// What the repository says about one year's report in the coordinator's words.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub title: Option<TitleBlock>,
    texts: BTreeMap<&'static str, (String, String)>,
    /// `annual/2025` (or the board's folder), for messages.
    pub dir: String,
}

impl Narrative {
    /// The Markdown for a section, if the coordinator wrote one (and it is not blank).
    pub fn text(&self, section: &str) -> Option<&str> {
        self.texts.get(section).map(|(t, _)| t.as_str())
    }

    /// The file a section's text is (or would be) read from.
    pub fn file_for(&self, section: &str) -> String {
        match self.texts.get(section) {
            Some((_, file)) => file.clone(),
            None => format!("{}/{section}.md", self.dir),
        }
    }
}

/// Refuses what evidence refuses too: a personal identity or coordination number (never
/// printed, not even in the message) and characters that hide or reorder text.
fn screen(path: &str, text: &str, problems: &mut Problems) -> bool {
    let index = LineIndex::new(text);
    let mut clean = true;
    for found in personnummer::find(text) {
        clean = false;
        problems.push(
            Problem::new(
                "kravkoll::annual::personal-identity-number",
                path,
                Some(index.pos_of_offset(found.start)),
                format!(
                    "{} in the report's text; the report must not identify persons",
                    found.kind.describe()
                ),
            )
            .label("remove the number")
            .help("write roles and counts, never patients or staff by number (kravkoll never prints the number)"),
        );
    }
    // Carriage returns are line ends written on Windows, not hidden text.
    if let Some((at, c)) = text
        .char_indices()
        .find(|(_, c)| *c != '\r' && is_hidden(*c))
    {
        clean = false;
        problems.push(
            Problem::new(
                "kravkoll::annual::control-character",
                path,
                Some(index.pos_of_offset(at)),
                format!(
                    "the text contains the invisible character U+{:04X}",
                    c as u32
                ),
            )
            .help("remove it: control and text-direction characters can hide text in the report"),
        );
    }
    clean
}

/// The text of a narrative file, refused before reading when it is larger than an evidence
/// file may be.
fn read_text(
    source: &dyn Source,
    path: &str,
    size: Option<u64>,
    problems: &mut Problems,
) -> Option<String> {
    let size = match size.map_or_else(|| source.size(path), |s| Ok(Some(s))) {
        Ok(size) => size.unwrap_or(0),
        Err(msg) => {
            problems.push(Problem::unreadable(path, msg));
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        problems.push(Problem::new(
            "kravkoll::source::too-large",
            path,
            None,
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
        return None;
    }
    match source.read(path) {
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(t) => Some(t),
            Err(_) => {
                problems.push(
                    Problem::new(
                        "kravkoll::source::not-utf8",
                        path,
                        None,
                        "the file is not UTF-8 text",
                    )
                    .help("save the file as UTF-8"),
                );
                None
            }
        },
        Ok(None) => None,
        Err(msg) => {
            problems.push(Problem::unreadable(path, msg));
            None
        }
    }
}

fn title_block(
    text: &str,
    file: &str,
    config: &Config,
    problems: &mut Problems,
) -> Option<TitleBlock> {
    let before = problems.len();
    let docs = match parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            problems.push(crate::evidence::yaml_problem(file, e));
            return None;
        }
    };
    let Some(doc) = docs.first() else {
        problems.push(
            Problem::new("kravkoll::annual::title", file, None, "the file is empty")
                .help("write at least `status: draft`"),
        );
        return None;
    };
    let mut v = Validator::new(file, &config.tz);
    let value = v.object(doc, ANNUAL_TITLE_FIELDS, file);
    let boards = std::mem::take(&mut v.out.boards);
    problems.problems.extend(v.out.problems);
    crate::evidence::config::check_boards(&boards, &config.organisation.boards, problems);
    if problems.len() > before {
        problems.add_source(file, std::sync::Arc::from(text));
        return None;
    }
    let value = value?;
    let s = |f: &str| value.get(f).and_then(Value::as_str).map(str::to_string);
    Some(TitleBlock {
        status: s("status").unwrap_or_default(),
        diary_number: s("diary_number"),
        date: s("date"),
        author: s("author"),
        recipient: s("recipient"),
        decision: s("decision"),
        file: file.to_string(),
        for_board: false,
    })
}

/// Reads `annual/<year>/` (and `annual/<year>/<board>/` with `--board`). Unknown file names
/// and an invalid title block are problems (exit code 2), all reported at once.
pub fn load(
    source: &dyn Source,
    year: i16,
    board: Option<&str>,
    config: &Config,
) -> Result<Narrative, Problems> {
    let dir = format!("{DIR}/{year}");
    let mut out = Narrative {
        dir: dir.clone(),
        ..Narrative::default()
    };
    if !source.is_dir(&dir) {
        return Ok(out);
    }
    let mut problems = Problems::default();
    let entries = source.list(&dir, &[""])?;
    let boards: Vec<&str> = config
        .organisation
        .boards
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    // (folder depth 0 = the year, 1 = a board's folder) → file name → path
    let mut general: BTreeMap<String, (String, Option<u64>)> = BTreeMap::new();
    let mut own: BTreeMap<String, (String, Option<u64>)> = BTreeMap::new();
    for e in &entries {
        let rel = e.path.strip_prefix(&format!("{dir}/")).unwrap_or(&e.path);
        let parts: Vec<&str> = rel.split('/').collect();
        let (folder, name) = match parts.as_slice() {
            [name] => (None, *name),
            [folder, name] => (Some(*folder), *name),
            _ => {
                problems.push(
                    Problem::new(
                        "kravkoll::annual::unknown-file",
                        e.path.clone(),
                        None,
                        "the narrative folder holds files and, per board, one folder level",
                    )
                    .help(format!("move the file to {dir}/ or {dir}/<board id>/")),
                );
                continue;
            }
        };
        if let Some(f) = folder {
            if !boards.contains(&f) {
                let hint = did_you_mean(f, boards.iter().copied());
                problems.push(
                    Problem::new(
                        "kravkoll::annual::unknown-board",
                        e.path.clone(),
                        None,
                        format!("`{f}` is not a board in organisation.boards"),
                    )
                    .help(hint.unwrap_or_else(|| {
                        "a subfolder of the year's folder is named after a board id".into()
                    })),
                );
                continue;
            }
        }
        let known = name == TITLE_FILE
            || name
                .strip_suffix(".md")
                .is_some_and(|s| SECTIONS.iter().any(|(id, _)| *id == s));
        if !known {
            let names = SECTIONS
                .iter()
                .map(|(id, _)| format!("{id}.md"))
                .chain([TITLE_FILE.to_string()]);
            let all: Vec<String> = names.collect();
            let hint = did_you_mean(name, all.iter().map(String::as_str));
            problems.push(
                Problem::new(
                    "kravkoll::annual::unknown-file",
                    e.path.clone(),
                    None,
                    format!("`{name}` is not a file the annual report reads"),
                )
                .help(hint.unwrap_or_else(|| format!("the files are: {}", all.join(", ")))),
            );
            continue;
        }
        match folder {
            None => general.insert(name.to_string(), (e.path.clone(), e.size)),
            Some(f) if Some(f) == board => own.insert(name.to_string(), (e.path.clone(), e.size)),
            Some(_) => None,
        };
    }
    for (name, path) in own {
        general.insert(name, path);
    }
    for (name, (path, size)) in &general {
        let Some(text) = read_text(source, path, *size, &mut problems) else {
            continue;
        };
        if !screen(path, &text, &mut problems) {
            continue;
        }
        if name == TITLE_FILE {
            out.title = title_block(&text, path, config, &mut problems).map(|mut t| {
                t.for_board = path.matches('/').count() > dir.matches('/').count() + 1;
                t
            });
        } else if let Some((id, _)) = SECTIONS
            .iter()
            .find(|(id, _)| name.strip_suffix(".md") == Some(*id))
        {
            if !text.trim().is_empty() {
                out.texts.insert(id, (text, path.clone()));
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort();
        Err(problems)
    }
}
