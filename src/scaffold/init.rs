//! `kravkoll init`: a new evidence repository with the organisation profile, the folder
//! layout, a Swedish guide, editor support, CI and pre-commit wiring. Every file is written
//! only if it does not exist yet, so running `init` again (or in a folder that already has
//! some of these files) changes nothing that is there.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::diagnostics::{Problem, Problems};
use crate::evidence::config::{self, CONFIG_FILE};
use crate::evidence::schema::ORG_TYPES;
use crate::evidence::Lang;

use super::create_new;
use super::layout::FOLDERS;
use super::template::scalar;

pub const EVIDENCE_SCHEMA: &str = "evidence.schema.json";
pub const CONFIG_SCHEMA: &str = "kravkoll.schema.json";
/// What the workflow and pre-commit config name when `--action` is not given: visible, and
/// failing loudly in CI until it is replaced.
pub const ACTION_PLACEHOLDER: &str = "OWNER/kravkoll@REF";

#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    pub name: String,
    pub org_type: String,
    pub healthcare_provider: bool,
    pub social_care_provider: bool,
    pub org_number: Option<String>,
    pub employees: Option<i64>,
    pub licensed_staff_fte: Option<f64>,
    pub dispensings_per_year: Option<i64>,
    pub annual_turnover_eur: Option<f64>,
    pub balance_sheet_total_eur: Option<f64>,
    /// (id, name) of each board (nämnd/styrelse).
    pub boards: Vec<(String, String)>,
    pub language: Lang,
    /// `git init` the folder (unless it already is a repository).
    pub git: bool,
    /// The kravkoll action as `OWNER/NAME@REF`, for the workflow and the pre-commit config.
    pub action: Option<String>,
}

#[derive(Debug, Default)]
pub struct Initialised {
    /// Files written, relative to the folder.
    pub written: Vec<String>,
    /// Files that existed and were left as they were.
    pub kept: Vec<String>,
    pub git_initialised: bool,
}

fn problem(msg: String, help: &str) -> Problem {
    Problem::new("kravkoll::init::option", "", None, msg).help(help)
}

/// Checks the options the way `kravkoll.yaml` would be checked, before anything is written.
pub fn check_options(o: &InitOptions) -> Problems {
    let mut p = Problems::default();
    if o.name.trim().is_empty() {
        p.push(problem(
            "the organisation's name is empty".into(),
            "give it with --name",
        ));
    }
    if !ORG_TYPES.contains(&o.org_type.as_str()) {
        p.push(problem(
            format!("unknown organisation type `{}`", o.org_type),
            "--type is one of region, municipality, private, state_agency, municipal_association",
        ));
    }
    let mut ids = Vec::new();
    for (id, name) in &o.boards {
        if id.is_empty() || id.contains(char::is_whitespace) || name.trim().is_empty() {
            p.push(problem(
                format!("board `{id}={name}`: write ID=NAME, the id one word"),
                "e.g. --board hsn=Hälso- och sjukvårdsnämnden",
            ));
        }
        if ids.contains(id) {
            p.push(problem(
                format!("board id `{id}` is given twice"),
                "board ids are unique",
            ));
        }
        ids.push(id.clone());
    }
    if let Some(a) = &o.action {
        if action_parts(a).is_none() {
            p.push(problem(
                format!("--action `{a}` is not OWNER/NAME@REF"),
                "e.g. --action example-org/kravkoll@v0.1.0",
            ));
        }
    }
    p
}

fn action_parts(a: &str) -> Option<(&str, &str)> {
    let (repo, rev) = a.split_once('@')?;
    let (owner, name) = repo.split_once('/')?;
    (!owner.is_empty() && !name.is_empty() && !rev.is_empty() && !name.contains('/'))
        .then_some((repo, rev))
}

fn opt_line(out: &mut String, key: &str, value: Option<String>, note: &str) {
    let line = match value {
        Some(v) => format!("  {key}: {v}"),
        None => format!("  # {key}:"),
    };
    let pad = 34usize.saturating_sub(line.chars().count()).max(1);
    out.push_str(&format!("{line}{}# {note}\n", " ".repeat(pad)));
}

/// The text of `kravkoll.yaml`, with a Swedish comment on every field.
pub fn config_text(o: &InitOptions) -> String {
    let mut t = String::new();
    t.push_str("# kravkoll.yaml: organisationsprofil och inställningar för kravkoll.\n");
    t.push_str("# Profilen avgör vilka lagar och föreskrifter som gäller för organisationen.\n");
    t.push_str("# Fälten beskrivs i docs/evidence-format.md under kravkoll.yaml.\n");
    t.push_str(&format!(
        "# yaml-language-server: $schema=./{CONFIG_SCHEMA}\n"
    ));
    t.push_str("organisation:\n");
    opt_line(
        &mut t,
        "name",
        Some(scalar(&o.name)),
        "organisationens namn",
    );
    opt_line(
        &mut t,
        "org_number",
        o.org_number.as_deref().map(|n| format!("\"{n}\"")),
        "organisationsnummer (aldrig personnummer)",
    );
    opt_line(
        &mut t,
        "type",
        Some(o.org_type.clone()),
        "region, municipality = kommun, private, state_agency = statlig myndighet, municipal_association = kommunalförbund",
    );
    opt_line(
        &mut t,
        "healthcare_provider",
        Some(o.healthcare_provider.to_string()),
        "vårdgivare",
    );
    opt_line(
        &mut t,
        "social_care_provider",
        Some(o.social_care_provider.to_string()),
        "omsorgsgivare",
    );
    opt_line(
        &mut t,
        "timezone",
        Some("Europe/Stockholm".into()),
        "tidszon för datum och klockslag",
    );
    opt_line(
        &mut t,
        "licensed_staff_fte",
        o.licensed_staff_fte.map(|v| v.to_string()),
        "legitimerad vårdpersonal, årsarbetskrafter (NIS: fler än 50)",
    );
    opt_line(
        &mut t,
        "dispensings_per_year",
        o.dispensings_per_year.map(|v| v.to_string()),
        "expedieringar av receptbelagda läkemedel per år (apoteksverksamhet)",
    );
    opt_line(
        &mut t,
        "employees",
        o.employees.map(|v| v.to_string()),
        "anställda (cybersäkerhetslagen för privata: minst 50)",
    );
    opt_line(
        &mut t,
        "annual_turnover_eur",
        o.annual_turnover_eur.map(|v| v.to_string()),
        "årsomsättning i euro",
    );
    opt_line(
        &mut t,
        "balance_sheet_total_eur",
        o.balance_sheet_total_eur.map(|v| v.to_string()),
        "balansomslutning i euro",
    );
    opt_line(
        &mut t,
        "connected_svod",
        None,
        "ansluten till sammanhållen vård- och omsorgsdokumentation (true/false)",
    );
    opt_line(
        &mut t,
        "csl_covered",
        None,
        "omfattas av cybersäkerhetslagen (true/false), när profilen inte avgör det",
    );
    t.push_str("  # Ett storleksmått som saknas räknas som 0: fyll i dem som avgör vilka lagar som gäller.\n");
    if o.boards.is_empty() {
        t.push_str(
            "  # boards:                       # personuppgiftsansvariga nämnder/styrelser\n",
        );
        t.push_str("  #   - id: hsn\n  #     name: Hälso- och sjukvårdsnämnden\n");
    } else {
        t.push_str(
            "  boards:                         # personuppgiftsansvariga nämnder/styrelser\n",
        );
        for (id, name) in &o.boards {
            t.push_str(&format!(
                "    - id: {}\n      name: {}\n",
                scalar(id),
                scalar(name)
            ));
        }
    }
    t.push_str(&format!(
        "language: {}                      # rapporternas språk: sv eller en\n",
        o.language.code()
    ));
    t.push_str("evidence_dir: evidence            # mappen med evidensposterna\n");
    t.push_str("# intervals:                       # ändra ett av kravkolls standardintervall, med motivering:\n");
    t.push_str("#   log_followup_interval_months: 2   # vår rutin: loggkontroll varannan månad\n");
    t
}

fn evidence_readme(o: &InitOptions) -> String {
    let mut t = format!(
        "# Evidens för {}\n\n\
Här finns organisationens evidens för informationssäkerhetsarbetet: en kort YAML-post för\n\
varje beslut, styrdokument, system, riskanalys, loggkontroll, incident och granskning. Posten\n\
beskriver dokumentet och pekar på det (diarienummer, sökväg eller webbadress); den ersätter\n\
det inte. kravkoll läser posterna och prövar dem mot lagar och föreskrifter.\n\n\
Skriv aldrig personnummer eller patientuppgifter här. Ange personer med namn eller titel och\n\
utbildningar som antal, aldrig som namnlistor.\n\n\
## Mapparna\n\n\
Mappnamnen är en vana, inte ett krav: kravkoll ser på fältet `kind` i varje post.\n\n\
| mapp | innehåll |\n|---|---|\n",
        o.name
    );
    for (folder, what) in FOLDERS {
        t.push_str(&format!("| `{folder}/` | {what} |\n"));
    }
    t.push_str(
        "\n## Så arbetar du\n\n\
```sh\n\
kravkoll new LogReview              # en ny post med alla obligatoriska fält, i rätt mapp\n\
kravkoll new LogReview --from lr-journal-2026-03-01   # börja från en tidigare post\n\
kravkoll import systemforteckning.xlsx --mapping system.mapping.yaml   # från Excel eller CSV\n\
kravkoll check                      # vad saknas och vad behöver åtgärdas\n\
kravkoll due --within 90d           # vad som förfaller de närmaste 90 dagarna\n\
```\n\n\
Fälten och deras tillåtna värden beskrivs i kravkolls dokumentation, docs/evidence-format.md,\n\
och en introduktion finns i docs/getting-started.md. Redigerare med stöd för\n\
yaml-language-server (till exempel VS Code med tillägget YAML från Red Hat) kontrollerar\n\
posterna medan du skriver, med schemat i evidence.schema.json.\n",
    );
    t
}

fn workflow(action: &str) -> String {
    format!(
        "# kravkoll prövar evidensen vid varje ändring och en gång i veckan, eftersom tidsfrister\n\
# löper ut även när ingen ändrar något. Anmärkningarna visas vid filerna och i körningens\n\
# sammanfattning. Se kravkolls docs/ci.md.\n\
name: kravkoll\n\
on:\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: \"0 6 * * 1\"\n\n\
permissions:\n  contents: read\n  security-events: write   # för uppladdning av SARIF\n\n\
jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n\
      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n\
      - uses: dtolnay/rust-toolchain@stable   # åtgärden bygger kravkoll med cargo\n\
      - uses: {action}{}\n        with:\n          path: .\n          fail-on: error\n",
        if action == ACTION_PLACEHOLDER {
            "   # byt OWNER och REF mot kravkolls GitHub-förråd och en version"
        } else {
            ""
        }
    )
}

fn pre_commit(action: &str) -> String {
    let (repo, rev) = action_parts(action).unwrap_or(("OWNER/kravkoll", "REF"));
    format!(
        "# pre-commit (https://pre-commit.com): kravkoll läser evidensen före varje commit.\n\
# kravkoll-validate stoppar bara fel i formatet; anmärkningar lämnas åt CI.\n\
repos:\n  - repo: https://github.com/{repo}\n    rev: {rev}\n    hooks:\n      - id: kravkoll-validate\n"
    )
}

const GITIGNORE: &str = "# Rapporter som kravkoll skriver (-o html:out/rapport.html)\n/out/\n\
# Excels låsfiler och tillfälliga filer\n~$*\n*.tmp\n.DS_Store\n";

/// Writes the repository into `dir` (created if missing).
pub fn init(dir: &Path, o: &InitOptions) -> Result<Initialised, Problems> {
    let problems = check_options(o);
    if !problems.is_empty() {
        return Err(problems);
    }
    let config = config_text(o);
    // The generated configuration must be what kravkoll itself accepts.
    let mut p = Problems::default();
    if config::parse(&config, &mut p).is_none() || !p.is_empty() {
        p.add_source(CONFIG_FILE, config.clone().into());
        return Err(p);
    }
    let action = o
        .action
        .clone()
        .unwrap_or_else(|| ACTION_PLACEHOLDER.to_string());
    let pretty = |v: serde_json::Value| {
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    };
    let mut files: Vec<(PathBuf, String)> = vec![
        (CONFIG_FILE.into(), config),
        ("evidence/README.md".into(), evidence_readme(o)),
        (
            EVIDENCE_SCHEMA.into(),
            pretty(crate::json_schema::evidence()),
        ),
        (CONFIG_SCHEMA.into(), pretty(crate::json_schema::config())),
        (
            ".vscode/settings.json".into(),
            pretty(json!({
                "yaml.schemas": {
                    format!("./{EVIDENCE_SCHEMA}"): ["evidence/**/*.yaml", "evidence/**/*.yml"],
                    format!("./{CONFIG_SCHEMA}"): ["kravkoll.yaml"],
                }
            })),
        ),
        (
            ".vscode/extensions.json".into(),
            pretty(json!({"recommendations": ["redhat.vscode-yaml"]})),
        ),
        (".gitignore".into(), GITIGNORE.into()),
        (".github/workflows/kravkoll.yml".into(), workflow(&action)),
        (".pre-commit-config.yaml".into(), pre_commit(&action)),
    ];
    // Empty folders are not kept by git: a .gitkeep keeps the layout (the loader skips
    // files whose names start with a dot).
    for (folder, _) in FOLDERS {
        files.push((format!("evidence/{folder}/.gitkeep").into(), String::new()));
    }
    let mut out = Initialised::default();
    let mut problems = Problems::default();
    for (rel, text) in files {
        let path = dir.join(&rel);
        let shown = rel.to_string_lossy().replace('\\', "/");
        if path.exists() {
            out.kept.push(shown);
            continue;
        }
        match create_new(&path, &text) {
            Ok(()) => out.written.push(shown),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => out.kept.push(shown),
            Err(e) => problems.push(Problem::new(
                "kravkoll::init::write",
                path.display().to_string(),
                None,
                format!("cannot write the file: {e}"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if o.git && git2::Repository::open(dir).is_err() {
        git2::Repository::init(dir).map_err(|e| {
            let mut p = Problems::default();
            p.push(Problem::new(
                "kravkoll::init::git",
                dir.display().to_string(),
                None,
                format!("git init failed: {}", e.message()),
            ));
            p
        })?;
        out.git_initialised = true;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InitOptions {
        InitOptions {
            name: "Region Test: Norr".into(),
            org_type: "region".into(),
            healthcare_provider: true,
            boards: vec![("hsn".into(), "Hälso- och sjukvårdsnämnden".into())],
            employees: Some(4200),
            ..InitOptions::default()
        }
    }

    #[test]
    fn the_configuration_is_what_kravkoll_accepts() {
        let text = config_text(&opts());
        let mut p = Problems::default();
        let c = config::parse(&text, &mut p).expect("parses");
        assert!(p.is_empty());
        assert_eq!(c.organisation.name, "Region Test: Norr");
        assert_eq!(c.organisation.employees, 4200);
        assert_eq!(c.organisation.boards[0].id, "hsn");
        assert!(text.contains("# licensed_staff_fte:"), "{text}");
    }

    #[test]
    fn bad_options_are_all_reported() {
        let o = InitOptions {
            name: " ".into(),
            org_type: "county".into(),
            boards: vec![
                ("a b".into(), "X".into()),
                ("k".into(), "Y".into()),
                ("k".into(), "Z".into()),
            ],
            action: Some("kravkoll".into()),
            ..InitOptions::default()
        };
        assert_eq!(check_options(&o).len(), 5);
    }
}
