//! `-o FORMAT[:PATH]`: which reports one `check` writes, and where.
//!
//! Without a path a report goes to standard output; with one it is written to that file
//! (parent folders created). A relative path is relative to the working directory, never to
//! the evidence repository, so a report is only written into the repository when the user
//! names a path there.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::Format;
use crate::catalog::Catalog;
use crate::evidence::{Evidence, Lang};
use crate::exceptions::Exception;
use crate::findings::{FailOn, Finding, Outcome};

/// One `-o` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    /// `None`: standard output.
    pub path: Option<PathBuf>,
}

impl FromStr for OutputSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (name, path) = match s.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (s, None),
        };
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        let format = Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == name.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                format!(
                    "unknown format `{name}`; write FORMAT or FORMAT:PATH with FORMAT one of {}",
                    names.join(", ")
                )
            })?;
        let path = match path {
            None => None,
            Some("") | Some("-") => None,
            Some(p) => Some(PathBuf::from(p)),
        };
        Ok(OutputSpec { format, path })
    }
}

/// Everything a report writer may use.
pub struct Context<'a> {
    pub outcome: &'a Outcome,
    pub catalog: &'a Catalog,
    pub lang: Lang,
    pub exceptions: &'a [Exception],
    /// For reports that show more of a record than the finding has (the board in HTML).
    pub evidence: Option<&'a Evidence>,
    pub fail_on: FailOn,
    /// Prepended to evidence-relative paths so that they are relative to the working
    /// directory (what CI annotations and code scanning expect): `""` or `examples/x/`.
    pub prefix: String,
    /// `check --baseline`: the comparison with the baseline revision, shown by the human
    /// report and added to the JSON one (`"baseline"`).
    pub baseline: Option<&'a crate::diff::Baseline>,
}

impl Context<'_> {
    /// The finding's file as seen from the working directory.
    pub fn path(&self, f: &Finding) -> Option<String> {
        f.file
            .as_deref()
            .map(|file| format!("{}{file}", self.prefix))
    }

    /// `path:line`, `path`, or empty.
    pub fn location(&self, f: &Finding) -> String {
        match (self.path(f), f.line) {
            (Some(p), Some(l)) => format!("{p}:{l}"),
            (Some(p), None) => p,
            _ => String::new(),
        }
    }

    pub fn exception(&self, id: &str) -> Option<&Exception> {
        self.exceptions.iter().find(|e| e.id == id)
    }

    /// Whether the finding makes the run fail (not accepted, at or above `--fail-on`).
    pub fn fails(&self, f: &Finding) -> bool {
        f.accepted_by.is_none() && self.fail_on.fails(f.severity)
    }

    pub fn framework_name(&self, id: &str) -> String {
        self.catalog
            .framework(id)
            .map(|fw| match self.lang {
                Lang::Sv => fw.name_sv.clone(),
                Lang::En => fw.name_en.clone(),
            })
            .unwrap_or_else(|| id.to_string())
    }
}

/// The prefix that makes paths inside `repo` relative to the working directory: empty for
/// `.`, `examples/x/` for a relative `examples/x`; for an absolute path inside the working
/// directory the part below it, otherwise the absolute path.
pub fn location_prefix(repo: &Path) -> String {
    let rel = if repo.is_absolute() {
        match std::env::current_dir()
            .ok()
            .and_then(|cwd| repo.strip_prefix(cwd).ok().map(Path::to_path_buf))
        {
            Some(r) => r,
            None => repo.to_path_buf(),
        }
    } else {
        repo.to_path_buf()
    };
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = if rel.is_absolute() {
        rel.to_string_lossy().replace('\\', "/")
    } else {
        parts.join("/")
    };
    if joined.is_empty() {
        String::new()
    } else {
        format!("{}/", joined.trim_end_matches('/'))
    }
}

/// The text of one report.
pub fn render(format: Format, ctx: &Context) -> String {
    match format {
        Format::Human => {
            let mut text = super::missing::render_human(ctx);
            if let Some(b) = ctx.baseline {
                text.push_str(&b.render_human(ctx.lang));
            }
            text
        }
        Format::Json => {
            let text = super::json::render(ctx.outcome);
            match ctx.baseline {
                Some(b) => b.add_to_json(&text),
                None => text,
            }
        }
        Format::Sarif => super::sarif::render(ctx),
        Format::Junit => super::junit::render(ctx),
        Format::Github => super::github::render(ctx),
        Format::Markdown => super::markdown::render(ctx),
        Format::Html => super::html::render(ctx),
    }
}

/// Whether the report is written as it is made instead of rendered whole first: JSON without
/// a baseline (which is merged into the finished text), and HTML.
fn streamed(format: Format, ctx: &Context) -> bool {
    match format {
        Format::Json => ctx.baseline.is_none(),
        Format::Html => true,
        _ => false,
    }
}

/// Writes a [`streamed`] report to `w` as it is made. HTML is not a plain format: what it
/// quotes passes through the same filter of terminal styling as a report rendered whole.
fn render_streamed(
    format: Format,
    ctx: &Context,
    w: &mut (dyn std::io::Write + 'static),
) -> std::io::Result<()> {
    match format {
        Format::Json if ctx.baseline.is_none() => super::json::render_to(ctx.outcome, w),
        Format::Html => super::html::render_to(ctx, &mut anstream::StripStream::new(w)),
        _ => w.write_all(render(format, ctx).as_bytes()),
    }
}

/// Writes the report of `spec` to its file; `Ok(Some(text))` when it goes to stdout instead.
/// The GitHub format also appends a Markdown summary to `$GITHUB_STEP_SUMMARY` when set.
pub fn write(spec: &OutputSpec, ctx: &Context) -> Result<Option<String>, String> {
    let cannot = |e: std::io::Error, path: &Path| {
        format!(
            "cannot write the {} report to {}: {e}",
            spec.format.name(),
            path.display()
        )
    };
    if let (Some(path), true) = (&spec.path, streamed(spec.format, ctx)) {
        write_file_with(path, |w| render_streamed(spec.format, ctx, w))
            .map_err(|e| cannot(e, path))?;
        return Ok(None);
    }
    let text = render(spec.format, ctx);
    if spec.format == Format::Github {
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
            super::github::append_summary(Path::new(&summary), ctx)?;
        }
    }
    let Some(path) = &spec.path else {
        return Ok(Some(text));
    };
    // A file never gets terminal styling.
    let text = if spec.format.is_plain() {
        text
    } else {
        anstream::adapter::strip_str(&text).to_string()
    };
    write_file(path, text.as_bytes()).map_err(|e| cannot(e, path))?;
    Ok(None)
}

/// Whether `path` (a link followed) is neither a regular file nor a folder: a device such as
/// `/dev/null`, a named pipe. Such a target is written in place and never removed or
/// replaced: renaming a file over `/dev/null`, as root, would destroy it for the whole
/// machine.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// What is at a report's path, for how it is written and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Nothing, or a regular file: written whole or not at all, removed before a run.
    File,
    /// A link to a file or to nothing: written through and kept (`/dev/stdout` redirected to
    /// a file), its file emptied before a run.
    Link,
    /// A device or a named pipe, or a link to one ([`is_special`]): written into, never
    /// removed, emptied or replaced.
    Special,
    Folder,
}

fn target(path: &Path) -> Target {
    if is_special(path) {
        return Target::Special;
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Target::Link,
        Ok(m) if m.is_dir() => Target::Folder,
        _ => Target::File,
    }
}

/// Writes a report file whole or not at all: into a temporary file in the same folder, then
/// renamed over the target, so that a failure (a full disk, an interrupted run) leaves the
/// earlier file or none, never a truncated one. A link is written through and a device or
/// named pipe into ([`Target`]).
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file_with(path, |w| w.write_all(bytes))
}

/// [`write_file`], the content written by `fill`.
pub fn write_file_with(
    path: &Path,
    fill: impl FnOnce(&mut (dyn std::io::Write + 'static)) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let kind = target(path);
    if matches!(kind, Target::Link | Target::Special) {
        let file = kind == Target::Link;
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create(file)
            .truncate(file)
            .open(path)?;
        fill(&mut out)?;
        return out.flush();
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    if path.is_dir() {
        return Err(std::io::Error::other("it is a folder"));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kravkoll-").suffix(".tmp");
    // A report is for others to read, like a file written the ordinary way (temporary
    // files are created private).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(parent)?;
    fill(&mut tmp)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the report files that `specs` name, before a run that may fail: a report left
/// from an earlier run must not pass for this one (a CI step uploading the SARIF of last
/// week). Returns the paths removed.
pub fn remove_stale(specs: &[OutputSpec]) -> Vec<PathBuf> {
    specs
        .iter()
        .filter_map(|s| s.path.as_ref())
        .filter(|p| remove_earlier(p))
        .cloned()
        .collect()
}

/// Removes an earlier report at `path`; whether there was one to remove. A link to a file is
/// kept and the file emptied; a folder, a device or a named pipe is left alone.
pub fn remove_earlier(path: &Path) -> bool {
    match target(path) {
        Target::File => path.exists() && std::fs::remove_file(path).is_ok(),
        Target::Link => {
            std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
                && std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(path)
                    .is_ok()
        }
        Target::Special | Target::Folder => false,
    }
}

/// Tells, after a run that wrote no report, that the earlier report at `path` is gone
/// (removed, or emptied through a link).
pub fn say_removed(path: &Path) {
    use std::io::Write as _;
    let gone = match target(path) {
        Target::File if !path.exists() => "removed",
        Target::Link if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) => "emptied",
        _ => return,
    };
    let _ = writeln!(
        anstream::stderr(),
        "kravkoll: no report was written; the earlier report {} was {gone} so that it cannot pass for this run",
        path.display()
    );
}

/// Writes text to standard output (styled for a terminal, plain when piped) and flushes it;
/// a failure (a full disk, a closed pipe) is an error, never ignored.
pub fn write_stdout(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    // Text with no control characters is what the terminal adapter would write anyway,
    // styled or stripped; a long report (an annual report at 100 000 records) is spared its
    // byte-by-byte scan.
    if !has_controls(text) {
        return write_stdout_plain(text);
    }
    let mut out = anstream::stdout();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}

/// Whether `text` holds a character the terminal adapter would treat as more than text: an
/// escape, or any other control character but the whitespace it keeps (tab, line feed,
/// form feed, carriage return) — DEL included.
fn has_controls(text: &str) -> bool {
    text.bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f)
}

/// Writes a report of a [`Format::is_plain`] format to standard output as it is: the
/// terminal adapter of [`write_stdout`] would scan every byte of it for styling there cannot
/// be (57 MB of JSON at 100 000 records).
pub fn write_stdout_plain(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}

/// The reports one `check` writes: the `-o` arguments, plus `--format` (standard output)
/// when given; `human` on standard output when neither is.
pub fn resolve(format: Option<Format>, outputs: &[OutputSpec]) -> Result<Vec<OutputSpec>, String> {
    let mut specs = outputs.to_vec();
    if let Some(format) = format {
        specs.push(OutputSpec { format, path: None });
    }
    if specs.is_empty() {
        specs.push(OutputSpec {
            format: Format::Human,
            path: None,
        });
    }
    check_specs(&specs)?;
    Ok(specs)
}

/// Writes every report: files first, then the one for standard output (styled for a
/// terminal, plain when piped). Stops at the first file that cannot be written.
pub fn emit(specs: &[OutputSpec], ctx: &Context) -> Result<(), String> {
    let mut stdout_text = None;
    let mut stdout_streamed = None;
    for spec in specs {
        if spec.path.is_none() && streamed(spec.format, ctx) {
            stdout_streamed = Some(spec.format);
        } else if let Some(text) = write(spec, ctx)? {
            stdout_text = Some((spec.format, text));
        }
    }
    if let Some(format) = stdout_streamed {
        let written = match format {
            // Through the terminal adapter, like [`write_stdout`].
            Format::Html => super::html::render_to(ctx, &mut anstream::stdout()),
            // Written as it is, like [`write_stdout_plain`].
            _ => render_streamed(format, ctx, &mut std::io::stdout().lock()),
        };
        return written.map_err(|e| format!("cannot write to standard output: {e}"));
    }
    match stdout_text {
        Some((format, text)) if format.is_plain() => write_stdout_plain(&text),
        Some((_, text)) => write_stdout(&text),
        None => Ok(()),
    }
}

/// Checks a list of `-o` arguments: at most one may go to standard output, and no two to
/// the same file.
pub fn check_specs(specs: &[OutputSpec]) -> Result<(), String> {
    if specs.iter().filter(|s| s.path.is_none()).count() > 1 {
        return Err(
            "only one report can go to standard output; give the others a path (-o FORMAT:PATH)"
                .into(),
        );
    }
    for (i, a) in specs.iter().enumerate() {
        if let Some(p) = &a.path {
            if specs[i + 1..].iter().any(|b| b.path.as_ref() == Some(p)) {
                return Err(format!("two reports would be written to {}", p.display()));
            }
        }
    }
    Ok(())
}

/// XML text and attribute escaping.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // The shortcut of `write_stdout` is sound only if the terminal adapter, stripping,
        // would leave every text without controls as it is.
        #[test]
        fn text_without_controls_is_what_stripping_leaves(
            text in "(\\PC|[\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{1b}\\[;0-9m]){0,40}"
        ) {
            let stripped = anstream::adapter::strip_str(&text).to_string();
            if !has_controls(&text) {
                proptest::prop_assert_eq!(stripped, text);
            }
        }
    }

    #[test]
    fn controls_are_told() {
        assert!(!has_controls(
            "Rapport för Region Öst\tklart\r\n\u{c}– åäö \u{9b}"
        ));
        for c in ["\u{1b}[1m", "\u{7}", "\u{0}", "\u{b}", "\u{7f}", "\u{1f}"] {
            assert!(has_controls(&format!("text {c} text")), "{c:?}");
        }
    }

    #[test]
    fn a_report_written_in_pieces_loses_its_styling_as_a_whole_text_does() {
        use std::io::Write as _;
        let text = "Rapport för \u{1b}[1mRegion Öst\u{1b}[0m: \u{1b}]8;;https://x\u{7}länk\u{1b}]8;;\u{7} – klart\n";
        let whole = anstream::adapter::strip_str(text).to_string();
        assert!(!whole.contains('\u{1b}'));
        // Cut at every byte, escape sequences and multi-byte characters included, through
        // the filter a streamed HTML report is written through.
        for cut in 0..=text.len() {
            let mut written = Vec::new();
            {
                let sink: &mut (dyn std::io::Write + 'static) = &mut written;
                let mut w = anstream::StripStream::new(sink);
                w.write_all(&text.as_bytes()[..cut]).expect("writes");
                w.write_all(&text.as_bytes()[cut..]).expect("writes");
            }
            assert_eq!(
                String::from_utf8(written).expect("utf-8"),
                whole,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn devices_and_named_pipes_are_special_files_and_folders_are_not() {
        assert!(is_special(Path::new("/dev/null")));
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_special(dir.path()));
        let file = dir.path().join("r.json");
        std::fs::write(&file, "{}").unwrap();
        assert!(!is_special(&file));
        assert!(!is_special(&dir.path().join("missing.json")));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_kept() {
        let is_link =
            |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "old report").unwrap();
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(remove_earlier(&link));
        assert!(is_link(&link));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "");
        write_file(&link, b"{}").unwrap();
        assert!(is_link(&link));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "{}");
        // A link to nothing yet: the file it names is made.
        let dangling = dir.path().join("later.json");
        let made = dir.path().join("made.json");
        std::os::unix::fs::symlink(&made, &dangling).unwrap();
        assert!(!remove_earlier(&dangling));
        write_file(&dangling, b"[]").unwrap();
        assert!(is_link(&dangling));
        assert_eq!(std::fs::read_to_string(&made).unwrap(), "[]");
    }

    #[test]
    fn parses_format_and_path() {
        let s: OutputSpec = "sarif:out/k.sarif".parse().unwrap();
        assert_eq!(s.format, Format::Sarif);
        assert_eq!(s.path, Some(PathBuf::from("out/k.sarif")));
        let s: OutputSpec = "json".parse().unwrap();
        assert_eq!((s.format, s.path), (Format::Json, None));
        let s: OutputSpec = "github:-".parse().unwrap();
        assert_eq!(s.path, None);
        // Only the first colon separates: a Windows path keeps its drive.
        let s: OutputSpec = "junit:C:\\r\\k.xml".parse().unwrap();
        assert_eq!(s.path, Some(PathBuf::from("C:\\r\\k.xml")));
        let e = "yaml".parse::<OutputSpec>().unwrap_err();
        assert!(e.contains("sarif"), "{e}");
    }

    #[test]
    fn one_stdout_and_distinct_paths() {
        let p = |s: &str| s.parse::<OutputSpec>().unwrap();
        assert!(check_specs(&[p("human"), p("sarif:a"), p("junit:b")]).is_ok());
        assert!(check_specs(&[p("human"), p("json")]).is_err());
        assert!(check_specs(&[p("sarif:a"), p("junit:a")]).is_err());
    }

    #[test]
    fn prefixes() {
        assert_eq!(location_prefix(Path::new(".")), "");
        assert_eq!(location_prefix(Path::new("./examples/x/")), "examples/x/");
        assert_eq!(location_prefix(Path::new("examples/x")), "examples/x/");
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
