//! Writing an evidence repository rather than reading it: `kravkoll init` (a new repository)
//! and `kravkoll new` (a new record). Unlike `check`, these commands write files, but never
//! over an existing one.

pub mod init;
pub mod layout;
pub mod prompt;
pub mod record;
pub mod template;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Problem, Problems};
use crate::evidence::config::{self, Config, CONFIG_FILE};
use crate::evidence::yaml::{parse_documents, NodeValue};

/// An evidence repository opened for writing: its root and its configuration.
pub struct Repo {
    pub root: PathBuf,
    pub config: Config,
}

impl Repo {
    /// Reads `kravkoll.yaml` (every problem in it is reported).
    pub fn open(root: &Path) -> Result<Repo, Problems> {
        let mut problems = Problems::default();
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(
                    Problem::new(
                        "kravkoll::config::missing",
                        path.display().to_string(),
                        None,
                        format!("cannot read kravkoll.yaml: {e}"),
                    )
                    .help("create the repository with `kravkoll init`"),
                );
                return Err(problems);
            }
        };
        match config::parse(&text, &mut problems) {
            Some(config) if problems.is_empty() => Ok(Repo {
                root: root.to_path_buf(),
                config,
            }),
            _ => {
                problems.add_source(CONFIG_FILE, text.into());
                Err(problems)
            }
        }
    }

    pub fn evidence_dir(&self) -> PathBuf {
        self.root.join(&self.config.evidence_dir)
    }

    /// Today's date and local time in the organisation's time zone.
    pub fn today(&self) -> template::Today {
        let now = jiff::Timestamp::now().to_zoned(self.config.tz.clone());
        template::Today {
            date: now.date().to_string(),
            local_time: now.strftime("%Y-%m-%dT%H:%M").to_string(),
            year: now.year(),
        }
    }

    /// The path of `evidence.schema.json` relative to a folder inside the repository, when
    /// `kravkoll init` (or the coordinator) has put one at the root.
    pub fn schema_from(&self, folder: &Path) -> Option<String> {
        if !self.root.join(init::EVIDENCE_SCHEMA).is_file() {
            return None;
        }
        let depth = folder.strip_prefix(&self.root).ok()?.components().count();
        Some(format!("{}{}", "../".repeat(depth), init::EVIDENCE_SCHEMA))
    }

    /// Every record id in the evidence folder and the file that holds it. Files that cannot
    /// be read or parsed are passed over here: `check` reports them.
    pub fn known_ids(&self) -> HashMap<String, PathBuf> {
        let mut ids = HashMap::new();
        let walker = walkdir::WalkDir::new(self.evidence_dir())
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || !(name.ends_with(".yaml") || name.ends_with(".yml"))
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(docs) = parse_documents(&text) else {
                continue;
            };
            for doc in docs {
                if let Some(NodeValue::Scalar { text, .. }) = doc.get("id").map(|n| &n.value) {
                    ids.entry(text.clone())
                        .or_insert_with(|| entry.path().to_path_buf());
                }
            }
        }
        ids
    }

    /// `path` relative to the repository root, with `/`, for messages.
    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// Writes a new file, creating its folder; an existing file is never replaced.
pub fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// The first of `base`, `base-2`, `base-3`, … that is neither a known id nor a file in
/// `folder`.
pub fn fresh_id(base: &str, known: &HashMap<String, PathBuf>, folder: &Path) -> String {
    let free = |id: &str| !known.contains_key(id) && !folder.join(format!("{id}.yaml")).exists();
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or_else(|| base.to_string())
}
