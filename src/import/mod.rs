//! `kravkoll import`: the lists coordinators already keep (system inventory, supplier list,
//! training statistics) from CSV or a workbook into records, one per row, through a
//! column-mapping file. Every bad cell is reported with sheet, row and column before
//! anything is written; ids come from a key column, so importing again updates the same
//! records (see `merge` for how hand edits are kept).

pub mod convert;
pub mod mapping;
pub mod merge;
pub mod table;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::evidence::schema::Field;
use crate::evidence::validate::{self, Validator};
use crate::evidence::yaml::parse_documents;
use crate::scaffold::{create_new, layout, Repo};
use mapping::Mapping;
use table::{column_letter, Cell, Table};

/// Spreadsheets larger than this are refused (a system inventory is far smaller).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub struct ImportOptions {
    pub source: PathBuf,
    pub mapping: PathBuf,
    /// The spreadsheet wins over values edited by hand since the last import.
    pub overwrite: bool,
}

/// What an import did, record by record.
#[derive(Debug, Default)]
pub struct Report {
    pub created: Vec<(String, String)>,
    /// (id, file, fields changed)
    pub updated: Vec<(String, String, Vec<String>)>,
    pub unchanged: usize,
    /// (id, file, fields kept because they were edited by hand)
    pub conflicts: Vec<(String, String, Vec<merge::Conflict>)>,
    /// (id, file, why): files in the way that the import does not own.
    pub refused: Vec<(String, String, String)>,
    /// Records of an earlier import with this mapping whose rows are gone.
    pub not_in_source: Vec<(String, String)>,
    pub empty_rows: usize,
}

impl Report {
    /// Something needs a person's attention (exit code 1).
    pub fn needs_attention(&self) -> bool {
        !self.conflicts.is_empty() || !self.refused.is_empty() || !self.not_in_source.is_empty()
    }
}

/// An id from key values: lowercase ASCII letters, digits and single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Where a cell is, as the coordinator finds it in the spreadsheet.
fn place(source: &str, t: &Table, row: usize, col: Option<usize>, heading: &str) -> String {
    // The problem names the file; the place inside it is what the spreadsheet shows.
    let _ = source;
    let sheet = t
        .sheet
        .as_ref()
        .map(|s| format!("sheet {s}, "))
        .unwrap_or_default();
    match col {
        Some(c) => format!("{sheet}row {row}, column {} ({heading})", column_letter(c)),
        None => format!("{sheet}row {row}"),
    }
}

fn find_column(t: &Table, heading: &str) -> Option<usize> {
    let h = heading.trim();
    t.headers.iter().position(|x| x == h).or_else(|| {
        t.headers
            .iter()
            .position(|x| x.to_lowercase() == h.to_lowercase())
    })
}

/// One row ready to be written.
struct Row {
    id: String,
    row: usize,
    fields: Vec<(&'static Field, Option<Value>)>,
}

pub fn run(repo: &Repo, opts: &ImportOptions) -> Result<Report, Problems> {
    let mapping_file = opts.mapping.display().to_string();
    let source = opts.source.display().to_string();
    let text = crate::source::read_bounded(&opts.mapping, crate::source::MAX_CONFIG_BYTES)
        .and_then(|b| String::from_utf8(b).map_err(|_| "the file is not UTF-8 text".into()))
        .map_err(|e| {
            single(Problem::new(
                "kravkoll::import::mapping",
                mapping_file.clone(),
                None,
                format!("cannot read the mapping file: {e}"),
            ))
        })?;
    let m = mapping::parse(&mapping_file, &text)?;
    let ext = opts
        .source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let table = if ext == "csv" || ext == "txt" {
        table::read_csv(&opts.source, m.header_row, MAX_BYTES)
    } else {
        table::read_workbook(&opts.source, m.sheet.as_deref(), m.header_row, MAX_BYTES)
    }
    .map_err(|e| {
        single(Problem::new(
            "kravkoll::import::source",
            source.clone(),
            None,
            e,
        ))
    })?;
    let rows = read_rows(repo, &m, &table, &source, &text)?;
    write(repo, &m, &table, &source, rows, opts.overwrite)
}

fn single(p: Problem) -> Problems {
    let mut ps = Problems::default();
    ps.push(p);
    ps
}

fn read_rows(
    repo: &Repo,
    m: &Mapping,
    t: &Table,
    source: &str,
    mapping_text: &str,
) -> Result<(Vec<Row>, usize), Problems> {
    let tz = &repo.config.tz;
    let mut problems = Problems::default();
    let mut heading = |name: &str, pos| match find_column(t, name) {
        Some(c) => Some(c),
        None => {
            let hint = did_you_mean(name, t.headers.iter().map(String::as_str))
                .unwrap_or_else(|| format!("the headings are: {}", t.headers.join(", ")));
            let sheet = t
                .sheet
                .as_ref()
                .map(|s| format!(", sheet {s}"))
                .unwrap_or_default();
            problems.push(
                Problem::new(
                    "kravkoll::import::column",
                    m.file.clone(),
                    Some(pos),
                    format!(
                        "there is no column `{name}` in {source}{sheet} (headings in row {})",
                        t.header_row
                    ),
                )
                .help(hint),
            );
            None
        }
    };
    let key_cols: Vec<Option<usize>> = m.key.iter().map(|(k, pos)| heading(k, *pos)).collect();
    let cols: Vec<(&'static Field, Option<usize>, &str)> = m
        .columns
        .iter()
        .map(|(f, h, pos)| (*f, heading(h, *pos), h.as_str()))
        .collect();
    let mut defaults = Vec::new();
    for (f, text, pos) in &m.defaults {
        let cell = if matches!(f.ty, crate::evidence::schema::Ty::List(_)) {
            Cell::Text(text.replace('\u{1f}', &m.list_separator))
        } else {
            Cell::Text(text.clone())
        };
        match convert::value(&cell, &f.ty, m, tz) {
            Ok(v) => defaults.push((*f, v)),
            Err(b) => problems.push(
                Problem::new(
                    "kravkoll::import::mapping",
                    m.file.clone(),
                    Some(*pos),
                    format!("default `{}`: {}", f.name, b.message),
                )
                .help(b.help),
            ),
        }
    }
    if !problems.is_empty() {
        problems.add_source(&m.file, Arc::from(mapping_text));
        return Err(problems);
    }
    let get = |cells: &[Cell], c: usize| cells.get(c).cloned().unwrap_or(Cell::Empty);
    let mut out = Vec::new();
    let mut empty = 0;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, cells) in &t.rows {
        if cells.iter().all(Cell::is_empty) {
            empty += 1;
            continue;
        }
        let mut fields: Vec<(&'static Field, Option<Value>)> = Vec::new();
        let mut bad = false;
        for (f, col, name) in &cols {
            let Some(c) = col else { continue };
            match convert::value(&get(cells, *c), &f.ty, m, tz) {
                Ok(v) => {
                    if v.is_none() && f.required {
                        bad = true;
                        problems.push(Problem::new("kravkoll::import::cell", source, None, format!("{}: the cell is empty, but `{}` is required", place(source, t, *n, Some(*c), name), f.name)).help("fill it in, or give the field a value under defaults in the mapping"));
                    }
                    fields.push((*f, v));
                }
                Err(b) => {
                    bad = true;
                    problems.push(
                        Problem::new(
                            "kravkoll::import::cell",
                            source,
                            None,
                            format!("{}: {}", place(source, t, *n, Some(*c), name), b.message),
                        )
                        .help(b.help),
                    );
                }
            }
        }
        for (f, v) in &defaults {
            if !fields.iter().any(|(g, _)| g.name == f.name) {
                fields.push((*f, v.clone()));
            }
        }
        let key: Vec<String> = key_cols
            .iter()
            .flatten()
            .map(|c| get(cells, *c).shown().trim().to_string())
            .collect();
        let explicit = fields
            .iter()
            .find(|(f, _)| f.name == "id")
            .and_then(|(_, v)| v.as_ref()?.as_str().map(str::to_string));
        let id = match explicit {
            Some(id) => id,
            None if key.iter().all(|k| k.is_empty()) => {
                problems.push(
                    Problem::new(
                        "kravkoll::import::key",
                        source,
                        None,
                        format!(
                            "{}: the key column ({}) is empty",
                            place(source, t, *n, None, ""),
                            m.key
                                .iter()
                                .map(|k| k.0.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .help("every row needs a value in the key column: it gives the record its id"),
                );
                continue;
            }
            None => match slug(&key.join("-")) {
                s if s.is_empty() => {
                    problems.push(
                        Problem::new(
                            "kravkoll::import::key",
                            source,
                            None,
                            format!(
                                "{}: the key ({}) has no letters or digits to make an id from",
                                place(source, t, *n, None, ""),
                                key.join(", ")
                            ),
                        )
                        .help("give the row a key with letters or digits"),
                    );
                    continue;
                }
                s => format!("{}{s}", m.id_prefix),
            },
        };
        if let Some(first) = seen.insert(id.clone(), *n) {
            problems.push(
                Problem::new(
                    "kravkoll::import::duplicate",
                    source,
                    None,
                    format!(
                        "{}: gives the id `{id}`, as row {first} does",
                        place(source, t, *n, None, "")
                    ),
                )
                .help("the key column must tell the rows apart; add a column to key"),
            );
            continue;
        }
        fields.retain(|(f, _)| f.name != "id");
        // Order the fields as the format table does, so the files read alike.
        fields.sort_by_key(|(f, _)| {
            crate::evidence::schema::fields_of(m.kind).position(|g| g.name == f.name)
        });
        if !bad {
            // The record as written must pass the evidence validator: a last check that the
            // conversion and the format agree.
            let text = merge::fresh(&[], &m.name, m.kind, &id, &fields);
            if let Ok(docs) = parse_documents(&text) {
                let mut v = Validator::new(source, tz);
                validate::record(&mut v, &docs[0]);
                for p in v.out.problems {
                    problems.push(
                        Problem::new(
                            "kravkoll::import::record",
                            source,
                            None,
                            format!("{}: {}", place(source, t, *n, None, ""), p.message),
                        )
                        .maybe_help(p.help),
                    );
                }
            }
        }
        out.push(Row {
            id,
            row: *n,
            fields,
        });
    }
    if problems.is_empty() {
        Ok((out, empty))
    } else {
        Err(problems)
    }
}

fn write(
    repo: &Repo,
    m: &Mapping,
    t: &Table,
    source: &str,
    (rows, empty): (Vec<Row>, usize),
    overwrite: bool,
) -> Result<Report, Problems> {
    let folder_name = m
        .folder
        .clone()
        .unwrap_or_else(|| layout::placement(m.kind.name).0.to_string());
    let folder = repo.evidence_dir().join(&folder_name);
    let known = repo.known_ids()?;
    let mut problems = Problems::default();
    for r in &rows {
        let path = folder.join(format!("{}.yaml", r.id));
        if let Some(other) = known.get(&r.id) {
            if !same_file(other, &path) {
                problems.push(
                    Problem::new(
                        "kravkoll::import::id-taken",
                        source,
                        None,
                        format!(
                            "{}: the id `{}` is already used by {}",
                            place(source, t, r.row, None, ""),
                            r.id,
                            repo.rel(other)
                        ),
                    )
                    .help("change id_prefix in the mapping, or rename the other record"),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let source_name = Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut report = Report {
        empty_rows: empty,
        ..Report::default()
    };
    let mut written = BTreeSet::new();
    for r in rows {
        let path = folder.join(format!("{}.yaml", r.id));
        let rel = repo.rel(&path);
        written.insert(path.clone());
        let result = if path.exists() {
            repo.read_text(&path)
                .and_then(|text| {
                    merge::merge(&text, &r.id, &m.name, &r.fields, overwrite, &repo.config.tz)
                        .map(|merged| (text, merged))
                })
                .and_then(|(old, merged)| {
                    if merged.text != old {
                        std::fs::write(&path, &merged.text).map_err(|e| e.to_string())?;
                    }
                    Ok(merged)
                })
                .map(|merged| {
                    if merged.updated.is_empty() && merged.conflicts.is_empty() {
                        report.unchanged += 1;
                    }
                    if !merged.updated.is_empty() {
                        report
                            .updated
                            .push((r.id.clone(), rel.clone(), merged.updated));
                    }
                    if !merged.conflicts.is_empty() {
                        report
                            .conflicts
                            .push((r.id.clone(), rel.clone(), merged.conflicts));
                    }
                })
        } else {
            let sheet = t
                .sheet
                .as_ref()
                .map(|s| format!("blad {s}, "))
                .unwrap_or_default();
            let intro = [
                format!("Importerad med kravkoll import från {source_name}, {sheet}rad {}.", r.row),
                "Fälten från kalkylbladet skrivs om vid nästa import; ändrar du ett av dem här".to_string(),
                "behåller kravkoll din ändring och säger till. Egna fält och kommentarer lämnas orörda.".to_string(),
            ];
            let text = merge::fresh(&intro, &m.name, m.kind, &r.id, &r.fields);
            create_new(&path, &text)
                .map_err(|e| e.to_string())
                .map(|()| report.created.push((r.id.clone(), rel.clone())))
        };
        if let Err(why) = result {
            report.refused.push((r.id, rel, why));
        }
    }
    // Records this mapping wrote before whose rows are gone: reported, never deleted.
    if let Ok(entries) = std::fs::read_dir(&folder) {
        let mut gone: Vec<(String, String)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                crate::source::has_extension(&p.to_string_lossy(), &[".yaml", ".yml"])
                    && !written.contains(p)
            })
            .filter(|p| {
                repo.read_text(p)
                    .ok()
                    .and_then(|t| merge::read_mark(&t))
                    .is_some_and(|prov| prov.mapping == m.name)
            })
            .map(|p| {
                let id = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                (id, repo.rel(&p))
            })
            .collect();
        gone.sort();
        report.not_in_source = gone;
    }
    Ok(report)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_ascii() {
        assert_eq!(slug("Journalsystemet Medora"), "journalsystemet-medora");
        assert_eq!(
            slug("Åtkomst & Övervakning (PACS)"),
            "atkomst-overvakning-pacs"
        );
        assert_eq!(slug("  --  "), "");
    }
}
