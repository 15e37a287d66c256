//! Which of a repository's own policies are admitted, checked before anything is compiled,
//! so that every problem names the repository's file and line (not a built-in file, and not
//! halfway through an evaluation).
//!
//! An organisation's pack lives in `policies/<framework>/` beside its `controls.yaml`; its
//! modules declare packages under `kravkoll.<framework>.` (`-` written `_`), and its
//! findings name controls of that framework. So a repository can neither add rules to a
//! built-in package (which regorus would merge into the built-in one) nor report findings
//! under a built-in control.

use std::collections::BTreeSet;

use crate::catalog::{Catalog, PolicyFile};
use crate::diagnostics::{Problem, Problems};
use crate::evidence::yaml::LineIndex;

use super::is_test_file;

/// Problems of the repository's own policy files (built-in files are trusted).
pub fn check(files: &[PolicyFile], catalog: &Catalog) -> Problems {
    let builtin_folders: BTreeSet<&str> = files
        .iter()
        .filter(|f| f.builtin)
        .filter_map(|f| framework_folder(&f.path))
        .collect();
    let mut problems = Problems::default();
    for f in files
        .iter()
        .filter(|f| !f.builtin && f.path.ends_with(".rego"))
    {
        let before = problems.len();
        check_file(f, &builtin_folders, catalog, &mut problems);
        if problems.len() > before {
            problems.add_source(&f.path, f.text.as_str().into());
        }
    }
    problems
}

/// `policies/<folder>/…` → `<folder>`.
fn framework_folder(path: &str) -> Option<&str> {
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("policies"), Some(folder), Some(_)) => Some(folder),
        _ => None,
    }
}

fn check_file(
    f: &PolicyFile,
    builtin_folders: &BTreeSet<&str>,
    catalog: &Catalog,
    problems: &mut Problems,
) {
    let index = LineIndex::new(&f.text);
    let at = |offset: usize, len: usize| {
        let mut pos = index.pos_of_offset(offset);
        pos.len = len.max(1);
        Some(pos)
    };
    let Some(folder) = framework_folder(&f.path) else {
        problems.push(
            Problem::new(
                "kravkoll::policy::folder",
                f.path.clone(),
                None,
                "a policy must live in the folder of its framework, e.g. policies/local/",
            )
            .help("move it next to the controls.yaml of its framework"),
        );
        return;
    };
    if builtin_folders.contains(folder) {
        problems.push(
            Problem::new(
                "kravkoll::policy::builtin-folder",
                f.path.clone(),
                None,
                format!("policies/{folder}/ is the folder of a built-in pack, which the repository cannot add to"),
            )
            .help("put the organisation's own controls in a folder of their own framework, e.g. policies/local/ with its own controls.yaml (docs/writing-policies.md)"),
        );
        return;
    }
    let prefix = format!("kravkoll.{}.", folder.replace('-', "_"));
    match package_of(&f.text) {
        Some((offset, name)) if !name.starts_with(&prefix) => problems.push(
            Problem::new(
                "kravkoll::policy::package",
                f.path.clone(),
                at(offset, name.len()),
                format!("the package `{name}` is outside `{prefix}`, the packages of policies/{folder}/"),
            )
            .label("not under the framework's prefix")
            .help(format!("name it `{prefix}<topic>`; a repository's policies cannot add rules to built-in packages or to another framework's")),
        ),
        // No package line: the compiler reports that.
        _ => {}
    }
    if is_test_file(&f.path) {
        return;
    }
    for (offset, id) in controls_named(&f.text) {
        let problem = match catalog.get(id) {
            Some(c) if c.framework == folder => continue,
            Some(c) => format!(
                "the policy reports findings for `{id}`, a control of the framework `{}`; a policy of policies/{folder}/ may report only that framework's controls",
                c.framework
            ),
            None => format!(
                "the policy reports findings for `{id}`, which is not a control in policies/{folder}/controls.yaml"
            ),
        };
        problems.push(
            Problem::new(
                "kravkoll::policy::unknown-control",
                f.path.clone(),
                at(offset, id.len()),
                problem,
            )
            .label("not a control of this framework")
            .maybe_help(catalog.suggest(id)),
        );
    }
}

/// The name in the module's `package` line and where it starts.
fn package_of(text: &str) -> Option<(usize, &str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("package") {
            if rest.starts_with([' ', '\t']) {
                let name_at = line.len() - trimmed.len() + "package".len();
                let name = rest.trim_start();
                let name = name.split(|c: char| c.is_whitespace() || c == '#').next()?;
                let start = offset + name_at + (rest.len() - rest.trim_start().len());
                return Some((start, name));
            }
        }
        offset += line.len();
    }
    None
}

/// Control ids written as `"control": "<id>"` in a module, with the offset of each id.
fn controls_named(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("\"control\"") {
        let after_key = from + i + "\"control\"".len();
        from = after_key;
        let rest = &text[after_key..];
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find(['"', '\n']) else {
            continue;
        };
        if rest.as_bytes()[end] != b'"' {
            continue;
        }
        let start = text.len() - rest.len();
        out.push((start, &rest[..end]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_package_and_the_controls_named() {
        let text = "# x\n  package kravkoll.local.mfa # topic\n\nf := {\"control\" : \"LOCAL-1/c1\", \"record\": null}\ng := {\"control\": sprintf(\"%s\", [x])}\n";
        let (offset, name) = package_of(text).unwrap();
        assert_eq!(name, "kravkoll.local.mfa");
        assert_eq!(&text[offset..offset + name.len()], name);
        let named = controls_named(text);
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].1, "LOCAL-1/c1");
        assert_eq!(&text[named[0].0..named[0].0 + 10], "LOCAL-1/c1");
        assert_eq!(framework_folder("policies/local/x.rego"), Some("local"));
        assert_eq!(framework_folder("policies/x.rego"), None);
    }
}
