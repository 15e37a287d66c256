//! `kravkoll new KIND`: a new record from the template of its kind, or a copy of an existing
//! record (`--from ID`), in the conventional folder with a fresh id.

use std::path::PathBuf;

use crate::diagnostics::{did_you_mean, Problem, Problems};
use crate::evidence::schema::{self, Kind, Ty};
use crate::evidence::yaml::{parse_documents, NodeValue};

use super::{create_new, fresh_id, layout, template, Repo};

pub struct NewOptions {
    pub kind: String,
    /// The id to give the record; default: the kind's prefix and today's date.
    pub id: Option<String>,
    /// Copy this record instead of starting from the template.
    pub from: Option<String>,
}

/// What `new` wrote.
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    pub id: String,
    pub kind: &'static str,
    /// For a copy: the date fields that still hold the original's dates.
    pub dates_to_review: Vec<(String, String)>,
}

fn one(code: &'static str, file: String, msg: String, help: Option<String>) -> Problems {
    let mut p = Problems::default();
    p.push(Problem::new(code, file, None, msg).maybe_help(help));
    p
}

/// A kind by name, ignoring case, or by its Swedish term (`loggkontroll`).
pub fn find_kind(name: &str) -> Result<&'static Kind, Problems> {
    let lower = name.to_lowercase();
    schema::KINDS
        .iter()
        .find(|k| k.name.to_lowercase() == lower || k.sv.to_lowercase() == lower)
        .ok_or_else(|| {
            let names = schema::KINDS.iter().map(|k| k.name);
            let help = did_you_mean(name, names.clone())
                .unwrap_or_else(|| format!("kinds: {}", names.collect::<Vec<_>>().join(", ")));
            one(
                "kravkoll::new::unknown-kind",
                String::new(),
                format!("unknown kind `{name}`"),
                Some(help),
            )
        })
}

pub fn new_record(repo: &Repo, opts: &NewOptions) -> Result<Created, Problems> {
    let known = repo.known_ids()?;
    let today = repo.today();
    if let Some(from) = &opts.from {
        return copy(repo, opts, from, &known, &today);
    }
    let kind = find_kind(&opts.kind)?;
    let (folder_name, prefix) = layout::placement(kind.name);
    let folder = repo.evidence_dir().join(folder_name);
    let id = choose_id(opts, &format!("{prefix}-{}", today.date), &known, &folder)?;
    let path = folder.join(format!("{id}.yaml"));
    let text = template::record(kind, &id, &today, repo.schema_from(&folder).as_deref());
    write(repo, &path, &text)?;
    Ok(Created {
        path,
        id,
        kind: kind.name,
        dates_to_review: Vec::new(),
    })
}

fn choose_id(
    opts: &NewOptions,
    base: &str,
    known: &std::collections::HashMap<String, PathBuf>,
    folder: &std::path::Path,
) -> Result<String, Problems> {
    match &opts.id {
        Some(id)
            if id.trim().is_empty() || id.contains(char::is_whitespace) || id.contains('/') =>
        {
            Err(one(
                "kravkoll::new::bad-id",
                String::new(),
                format!("`{id}` cannot be an id"),
                Some("write a word without spaces or slashes, e.g. lr-journal-2026-q4".into()),
            ))
        }
        Some(id) => match known.get(id) {
            Some(file) => Err(one(
                "kravkoll::new::id-taken",
                file.display().to_string(),
                format!("the id `{id}` is already used"),
                Some("ids are unique across the repository; choose another with --id".into()),
            )),
            None => Ok(id.clone()),
        },
        None => Ok(fresh_id(base, known, folder)),
    }
}

fn write(repo: &Repo, path: &std::path::Path, text: &str) -> Result<(), Problems> {
    create_new(path, text).map_err(|e| {
        let exists = e.kind() == std::io::ErrorKind::AlreadyExists;
        one(
            if exists {
                "kravkoll::new::exists"
            } else {
                "kravkoll::new::write"
            },
            repo.rel(path),
            if exists {
                "the file already exists; kravkoll never overwrites a file".to_string()
            } else {
                format!("cannot write the file: {e}")
            },
            exists.then(|| "choose another id with --id".to_string()),
        )
    })
}

fn copy(
    repo: &Repo,
    opts: &NewOptions,
    from: &str,
    known: &std::collections::HashMap<String, PathBuf>,
    today: &template::Today,
) -> Result<Created, Problems> {
    let Some(file) = known.get(from) else {
        let help = did_you_mean(from, known.keys().map(String::as_str));
        return Err(one(
            "kravkoll::new::unknown-id",
            String::new(),
            format!("no record with id `{from}` in {}", repo.config.evidence_dir),
            help,
        ));
    };
    let text = repo.read_text(file).map_err(|e| {
        one(
            "kravkoll::new::read",
            repo.rel(file),
            format!("cannot read the file: {e}"),
            None,
        )
    })?;
    let docs = parse_documents(&text).map_err(|e| {
        one(
            "kravkoll::evidence::yaml",
            repo.rel(file),
            e.message,
            Some("fix the file first (kravkoll check shows where)".into()),
        )
    })?;
    let doc = docs
        .iter()
        .find(|d| matches!(d.get("id").map(|n| &n.value), Some(NodeValue::Scalar { text, .. }) if text == from))
        .ok_or_else(|| {
            one("kravkoll::new::unknown-id", repo.rel(file), format!("no record `{from}`"), None)
        })?;
    let kind = match doc.get("kind").map(|n| &n.value) {
        Some(NodeValue::Scalar { text, .. }) => find_kind(text)?,
        _ => {
            return Err(one(
                "kravkoll::new::unknown-kind",
                repo.rel(file),
                format!("`{from}` has no kind"),
                None,
            ))
        }
    };
    if !opts.kind.is_empty() && find_kind(&opts.kind)?.name != kind.name {
        return Err(one(
            "kravkoll::new::kind-mismatch",
            repo.rel(file),
            format!("`{from}` is a {}, not a {}", kind.name, opts.kind),
            Some(format!("write `kravkoll new {} --from {from}`", kind.name)),
        ));
    }
    // The record's text runs from its mapping to the next document marker.
    let start = doc.pos.offset;
    let end = text[start..]
        .match_indices('\n')
        .map(|(i, _)| start + i + 1)
        .find(|&i| text[i..].starts_with("---") || text[i..].starts_with("..."))
        .unwrap_or(text.len());
    let id_node = doc.get("id").expect("found by id above");
    let folder = file
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.evidence_dir());
    let base = strip_date_suffix(from);
    let id = choose_id(opts, &format!("{base}-{}", today.date), known, &folder)?;
    let mut body = String::with_capacity(end - start + 200);
    body.push_str(&text[start..id_node.pos.offset]);
    body.push_str(&template::scalar(&id));
    body.push_str(&text[id_node.pos.offset + id_node.pos.len..end]);
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let dates: Vec<(String, String)> = kind
        .fields
        .iter()
        .filter(|f| matches!(f.ty, Ty::Date | Ty::DateTime))
        .filter_map(|f| match doc.get(f.name).map(|n| &n.value) {
            Some(NodeValue::Scalar { text, .. }) if !text.is_empty() => {
                Some((f.name.to_string(), text.clone()))
            }
            _ => None,
        })
        .collect();
    let mut out = format!(
        "# Kopia av {from} ({}), skapad med kravkoll new {}.\n",
        repo.rel(file),
        today.date
    );
    if !dates.is_empty() {
        let list: Vec<String> = dates.iter().map(|(f, d)| format!("{f} ({d})")).collect();
        out.push_str(&format!(
            "# Datumen är originalets: se över {}.\n",
            list.join(", ")
        ));
    }
    if let Some(path) = repo.schema_from(&folder) {
        out.push_str(&format!("# yaml-language-server: $schema={path}\n"));
    }
    out.push_str(&body);
    let path = folder.join(format!("{id}.yaml"));
    write(repo, &path, &out)?;
    Ok(Created {
        path,
        id,
        kind: kind.name,
        dates_to_review: dates,
    })
}

/// `lr-journal-2025-4` → `lr-journal`, `isb-2024` → `isb`: the copy gets today's date
/// instead of the original's.
fn strip_date_suffix(id: &str) -> &str {
    let mut base = id;
    while let Some((head, tail)) = base.rsplit_once('-') {
        if !head.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) {
            base = head;
        } else {
            break;
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_drop_the_original_date_from_the_id() {
        assert_eq!(strip_date_suffix("lr-journal-2025-4"), "lr-journal");
        assert_eq!(strip_date_suffix("isb-2024"), "isb");
        assert_eq!(strip_date_suffix("sys-journal"), "sys-journal");
        assert_eq!(strip_date_suffix("2025"), "2025");
    }

    #[test]
    fn kinds_are_found_by_name_in_any_case_or_by_swedish_term() {
        assert_eq!(find_kind("logreview").unwrap().name, "LogReview");
        assert_eq!(find_kind("loggkontroll").unwrap().name, "LogReview");
        let err = find_kind("Sytem").unwrap_err();
        assert!(err.problems[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("System"));
    }
}
