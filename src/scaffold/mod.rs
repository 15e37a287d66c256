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
use crate::evidence::config::{Config, CONFIG_FILE};
use crate::evidence::yaml::{parse_documents, NodeValue};
use crate::source::{DirSource, Source, MAX_FILE_BYTES};

/// An evidence repository opened for writing: its root and its configuration.
pub struct Repo {
    pub root: PathBuf,
    pub config: Config,
    /// Reads go through the same bounded, link-aware source as `check`.
    source: DirSource,
}

impl Repo {
    /// Reads `kravkoll.yaml` (every problem in it is reported) under the same rules as
    /// `check`: size limit, UTF-8, the loader's YAML.
    pub fn open(root: &Path) -> Result<Repo, Problems> {
        let missing = |msg: String| {
            let mut problems = Problems::default();
            problems.push(
                Problem::new(
                    "kravkoll::config::missing",
                    root.join(CONFIG_FILE).display().to_string(),
                    None,
                    msg,
                )
                .help("create the repository with `kravkoll init`"),
            );
            problems
        };
        let source = DirSource::open(root).map_err(missing)?;
        match crate::evidence::config_only(&source)? {
            Some(config) => Ok(Repo {
                root: root.to_path_buf(),
                config,
                source,
            }),
            None => Err(missing(format!(
                "there is no {CONFIG_FILE} in `{}`",
                root.display()
            ))),
        }
    }

    /// The text of a file inside the repository, read as `check` reads evidence: inside
    /// the repository only, at most [`MAX_FILE_BYTES`], UTF-8.
    pub fn read_text(&self, path: &Path) -> Result<String, String> {
        let rel = self.rel(path);
        match self.source.size(&rel)? {
            None => return Err("the file does not exist".into()),
            Some(n) if n > MAX_FILE_BYTES => {
                return Err(format!(
                    "the file is {} MiB; kravkoll reads files of at most {} MiB",
                    n / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ))
            }
            Some(_) => {}
        }
        let bytes = self
            .source
            .read(&rel)?
            .ok_or_else(|| "the file does not exist".to_string())?;
        String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
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

    /// Every record id in the evidence folder and the file that holds it, listed as `check`
    /// lists evidence (`*.yaml`/`*.yml` in any case, links inside the repository). A file
    /// that cannot be read or parsed is passed over here, since `check` reports it; a folder
    /// that cannot be listed is a problem.
    pub fn known_ids(&self) -> Result<HashMap<String, PathBuf>, Problems> {
        let mut ids = HashMap::new();
        let dir = self.config.evidence_dir.as_str();
        if !self.source.is_dir(dir) {
            return Ok(ids);
        }
        for entry in self.source.list(dir, &[".yaml", ".yml"])? {
            let path = self.root.join(&entry.path);
            let Ok(text) = self.read_text(&path) else {
                continue;
            };
            let Ok(docs) = parse_documents(&text) else {
                continue;
            };
            for doc in docs {
                if let Some(NodeValue::Scalar { text, .. }) = doc.get("id").map(|n| &n.value) {
                    ids.entry(text.clone()).or_insert_with(|| path.clone());
                }
            }
        }
        Ok(ids)
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
