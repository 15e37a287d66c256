//! The scale benchmark: the release binary, as a whole process, on synthetic regions of
//! 1 000, 10 000 and 100 000 records (benches/synthetic), in two layouts (files of 1 000
//! records; one file per record), each a git repository of two commits. Measures wall time,
//! CPU time and peak memory of the child (wait4), and the phases it reports with
//! `KRAVKOLL_PROFILE=1`, for `check --format json`, `check --format html`,
//! `check --rev HEAD`, `diff --from HEAD~1 --to HEAD` and `report annual`.
//!
//! ```text
//! cargo bench --bench scale                        # 1k, 10k, 100k; both layouts; 3 rounds
//! cargo bench --bench scale -- 1000 --rounds 1     # a quick run on a loaded machine
//! cargo bench --bench scale -- 10000 --layout bulk --only json,html
//! cargo bench --bench scale -- 10000 --generate /tmp/syntet   # write the repositories only
//! ```
//!
//! Each round runs every command once, so the ratios between commands (HTML against JSON,
//! …) are taken within a round and their median reported: the machine this runs on is
//! shared, and only paired figures are worth comparing. Speed is judged here, never in
//! timed unit tests. See docs/performance.md.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use synthetic::Layout;

const BIN: &str = env!("CARGO_BIN_EXE_kravkoll");

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Cmd {
    Json,
    Html,
    Rev,
    Diff,
    Annual,
}

const ALL: [Cmd; 5] = [Cmd::Json, Cmd::Html, Cmd::Rev, Cmd::Diff, Cmd::Annual];

impl Cmd {
    fn name(self) -> &'static str {
        match self {
            Cmd::Json => "json",
            Cmd::Html => "html",
            Cmd::Rev => "rev",
            Cmd::Diff => "diff",
            Cmd::Annual => "annual",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Cmd::Json => "check --format json",
            Cmd::Html => "check --format html",
            Cmd::Rev => "check --rev HEAD (json)",
            Cmd::Diff => "diff --from HEAD~1 --to HEAD",
            Cmd::Annual => "report annual --year 2025",
        }
    }

    fn args(self, repo: &Path) -> Vec<String> {
        let repo = repo.display().to_string();
        let v: Vec<&str> = match self {
            Cmd::Json => vec![
                "check",
                "--as-of",
                synthetic::AS_OF,
                "--format",
                "json",
                &repo,
            ],
            Cmd::Html => vec![
                "check",
                "--as-of",
                synthetic::AS_OF,
                "--format",
                "html",
                &repo,
            ],
            Cmd::Rev => vec![
                "check",
                "--as-of",
                synthetic::AS_OF,
                "--format",
                "json",
                "--rev",
                "HEAD",
                &repo,
            ],
            Cmd::Diff => vec![
                "diff",
                "--as-of",
                synthetic::AS_OF,
                "--from",
                "HEAD~1",
                "--to",
                "HEAD",
                "--format",
                "json",
                &repo,
            ],
            Cmd::Annual => vec!["report", "annual", "--year", "2025", &repo],
        };
        v.into_iter().map(String::from).collect()
    }
}

struct Options {
    sizes: Vec<usize>,
    layouts: Vec<Layout>,
    rounds: usize,
    commands: Vec<Cmd>,
    /// Write the repositories here (and keep them); with `generate_only`, nothing else.
    dir: Option<PathBuf>,
    generate_only: bool,
    /// A run taking longer is stopped and shown as `> LIMIT`.
    timeout: Duration,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench scale -- [SIZE]... [--layout bulk|single|both] [--rounds N]\n\
         \x20      [--only json,html,rev,diff,annual] [--timeout SECONDS] [--keep DIR | --generate DIR]"
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        sizes: Vec::new(),
        layouts: vec![Layout::Bulk, Layout::Single],
        rounds: 3,
        commands: ALL.to_vec(),
        dir: None,
        generate_only: false,
        timeout: Duration::from_secs(900),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            "--layout" => {
                o.layouts = match args.next().as_deref() {
                    Some("bulk") => vec![Layout::Bulk],
                    Some("single") => vec![Layout::Single],
                    Some("both") => vec![Layout::Bulk, Layout::Single],
                    _ => usage(),
                }
            }
            "--rounds" => {
                o.rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| usage())
            }
            "--only" => {
                let list = args.next().unwrap_or_else(|| usage());
                o.commands = list
                    .split(',')
                    .map(|n| {
                        *ALL.iter()
                            .find(|c| c.name() == n)
                            .unwrap_or_else(|| usage())
                    })
                    .collect();
            }
            "--timeout" => {
                o.timeout = Duration::from_secs(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| usage()),
                )
            }
            "--keep" | "--generate" => {
                o.generate_only = a == "--generate";
                o.dir = Some(args.next().unwrap_or_else(|| usage()).into());
            }
            n => match n.replace('_', "").parse() {
                Ok(size) if size >= 100 => o.sizes.push(size),
                _ => usage(),
            },
        }
    }
    if o.sizes.is_empty() {
        o.sizes = vec![1_000, 10_000, 100_000];
    }
    o
}

/// One run of the binary.
#[derive(Default, Clone)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
    /// phase → (wall, cpu) in milliseconds, summed over repeats (both sides of a diff).
    phases: BTreeMap<String, (f64, f64)>,
    /// The packages' own CPU time, summed: the evaluation proper.
    eval_cpu_ms: f64,
    out_bytes: u64,
    findings: Option<usize>,
    /// Stopped at the time limit: the figures are lower bounds.
    timed_out: bool,
}

// The child is reaped by `wait` (wait4, for its resource usage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(cmd: Cmd, repo: &Path, scratch: &Path, limit: Duration) -> Sample {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let out = std::fs::File::create(&out_path).expect("stdout file");
    let err = std::fs::File::create(&err_path).expect("stderr file");
    let started = Instant::now();
    let child = Command::new(BIN)
        .args(cmd.args(repo))
        .env("KRAVKOLL_PROFILE", "1")
        .env("NO_COLOR", "1")
        .env_remove("KRAVKOLL_DUMP_INPUT")
        .env_remove("KRAVKOLL_DUMP_FINDINGS")
        .stdin(std::process::Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("run kravkoll");
    let (code, usage) = wait(child.id(), started, limit);
    let wall = started.elapsed();
    if code == TIMED_OUT {
        return Sample {
            wall,
            cpu: usage.0,
            max_rss_kib: usage.1,
            timed_out: true,
            ..Sample::default()
        };
    }
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    if code != 0 && code != 1 {
        let problems: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("kravkoll: phase ") && !l.starts_with("kravkoll: package "))
            .take(40)
            .collect();
        panic!(
            "`kravkoll {}` on {} exited with {code}; the synthetic evidence must be valid:\n{}",
            cmd.args(repo).join(" "),
            repo.display(),
            problems.join("\n")
        );
    }
    let mut s = Sample {
        wall,
        cpu: usage.0,
        max_rss_kib: usage.1,
        ..Sample::default()
    };
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("kravkoll: phase ") {
            // `NAME wall W ms cpu C ms`
            let f: Vec<&str> = rest.split_whitespace().collect();
            if let (Some(name), Some(w), Some(c)) = (f.first(), f.get(2), f.get(5)) {
                let e = s.phases.entry(name.to_string()).or_default();
                e.0 += w.parse::<f64>().unwrap_or(0.0);
                e.1 += c.parse::<f64>().unwrap_or(0.0);
            }
        } else if let Some(rest) = line.strip_prefix("kravkoll: package ") {
            // `RULE wall W ms cpu C ms findings N`
            let f: Vec<&str> = rest.split_whitespace().collect();
            s.eval_cpu_ms += f.get(5).and_then(|c| c.parse::<f64>().ok()).unwrap_or(0.0);
        }
    }
    s.out_bytes = std::fs::metadata(&out_path).map(|m| m.len()).unwrap_or(0);
    if matches!(cmd, Cmd::Json | Cmd::Rev | Cmd::Diff) {
        let text = std::fs::read(&out_path).expect("stdout");
        let v: serde_json::Value = serde_json::from_slice(&text).expect("JSON on stdout");
        s.findings = Some(match cmd {
            Cmd::Diff => ["new", "resolved", "changed"]
                .iter()
                .map(|k| v[k].as_array().map_or(0, Vec::len))
                .sum(),
            _ => v["findings"].as_array().map_or(0, Vec::len),
        });
    }
    s
}

const TIMED_OUT: i32 = -2;

/// Waits for the child and returns its exit code, CPU time (user + system) and peak
/// resident memory in KiB; past `limit` the child is killed and the code is `TIMED_OUT`.
#[cfg(unix)]
fn wait(pid: u32, started: Instant, limit: Duration) -> (i32, (Duration, u64)) {
    let pid = pid as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child `pid`.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut ru) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4 failed");
        if !killed && started.elapsed() > limit {
            // SAFETY: `pid` is our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = if killed {
        TIMED_OUT
    } else if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // Linux reports KiB, macOS bytes.
    let rss = if cfg!(target_os = "macos") {
        ru.ru_maxrss as u64 / 1024
    } else {
        ru.ru_maxrss as u64
    };
    (code, (tv(ru.ru_utime) + tv(ru.ru_stime), rss))
}

#[cfg(not(unix))]
fn wait(_: u32, _: Instant, _: Duration) -> (i32, (Duration, u64)) {
    panic!("the scale benchmark measures child processes with wait4 and needs a Unix system")
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median of a figure over the rounds.
fn med(samples: &[Sample], f: impl Fn(&Sample) -> f64) -> f64 {
    median(samples.iter().map(f).collect())
}

/// Median wall time of the named phases together; `None` when the command has none of them.
fn phase(samples: &[Sample], names: &[&str]) -> Option<f64> {
    if !samples
        .iter()
        .any(|s| names.iter().any(|n| s.phases.contains_key(*n)))
    {
        return None;
    }
    Some(med(samples, |s| {
        names
            .iter()
            .filter_map(|n| s.phases.get(*n))
            .map(|p| p.0)
            .sum::<f64>()
            / 1e3
    }))
}

const PHASES: &[(&str, &[&str])] = &[
    ("load", &["load"]),
    ("compile", &["compile"]),
    ("input", &["input"]),
    ("eval", &["evaluate"]),
    ("map", &["map", "exceptions"]),
    ("extra", &["compare", "annual"]),
    ("output", &["output"]),
    ("free", &["free", "free-input"]),
];

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}; load average {}", load())
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let o = options();
    if o.generate_only {
        let dir = o.dir.as_ref().expect("a directory");
        for &n in &o.sizes {
            for &layout in &o.layouts {
                let repo = dir.join(format!("{n}-{}", layout.name()));
                let t = Instant::now();
                prepare(&repo, n, layout);
                println!("{} ({:.1?})", repo.display(), t.elapsed());
            }
        }
        return;
    }
    println!("kravkoll scale benchmark: {BIN}");
    println!("machine: {}", machine());
    println!(
        "{} round(s); medians over rounds; times in seconds; phases are wall time (eval cpu: the packages' own CPU time, summed)\n",
        o.rounds
    );
    println!("| records | layout | command | wall | cpu | peak MiB | load | compile | input | eval | eval cpu | map | extra | output | free | rest | out MiB | findings |");
    println!(
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut ratios = Vec::new();
    for &n in &o.sizes {
        for &layout in &o.layouts {
            let kept;
            let tmp;
            let repo = match &o.dir {
                Some(d) => {
                    kept = d.join(format!("{n}-{}", layout.name()));
                    kept.as_path()
                }
                None => {
                    tmp = tempfile::tempdir().expect("temp dir");
                    tmp.path()
                }
            };
            let t = Instant::now();
            prepare(repo, n, layout);
            eprintln!(
                "generated {n} records ({}) in {:.1?}; load average {}",
                layout.name(),
                t.elapsed(),
                load()
            );
            let mut samples: BTreeMap<Cmd, Vec<Sample>> = BTreeMap::new();
            for _ in 0..o.rounds {
                for &cmd in &o.commands {
                    samples
                        .entry(cmd)
                        .or_default()
                        .push(run(cmd, repo, scratch.path(), o.timeout));
                }
            }
            for (&cmd, s) in &samples {
                row(n, layout, cmd, s);
            }
            if let Some(row) = ratio_row(n, layout, &samples) {
                eprintln!("ratios (wall / CPU): {row}");
            }
            ratios.push((n, layout, samples));
        }
    }
    print_ratios(&ratios);
    println!("\nload average at the end: {}", load());
}

fn prepare(repo: &Path, n: usize, layout: Layout) {
    if repo.join(".git").exists() {
        return;
    }
    std::fs::create_dir_all(repo).expect("create the repository");
    let data = synthetic::generate(n, synthetic::SEED);
    assert_eq!(data.records.len(), n);
    data.write_git(repo, layout);
}

fn row(n: usize, layout: Layout, cmd: Cmd, s: &[Sample]) {
    if s.iter().any(|x| x.timed_out) {
        println!(
            "| {n} | {} | {} | > {:.0} (stopped) | > {:.1} | | | | | | | | | | | | | |",
            layout.name(),
            cmd.label(),
            med(s, |x| x.wall.as_secs_f64()),
            med(s, |x| x.cpu.as_secs_f64()),
        );
        return;
    }
    let wall = med(s, |x| x.wall.as_secs_f64());
    let phases: Vec<Option<f64>> = PHASES.iter().map(|(_, names)| phase(s, names)).collect();
    let known: f64 = med(s, |x| x.phases.values().map(|p| p.0).sum::<f64>() / 1e3);
    let cell = |v: f64| format!("{v:.3}");
    let mut cells = vec![
        n.to_string(),
        layout.name().to_string(),
        cmd.label().to_string(),
        cell(wall),
        cell(med(s, |x| x.cpu.as_secs_f64())),
        format!("{:.0}", med(s, |x| x.max_rss_kib as f64 / 1024.0)),
    ];
    for (i, v) in phases.iter().enumerate() {
        cells.push(v.map_or_else(|| "-".to_string(), cell));
        if PHASES[i].0 == "eval" {
            cells.push(cell(med(s, |x| x.eval_cpu_ms / 1e3)));
        }
    }
    cells.push(cell((wall - known).max(0.0)));
    cells.push(format!("{:.1}", med(s, |x| x.out_bytes as f64 / 1048576.0)));
    cells.push(
        s[0].findings
            .map_or_else(|| "-".to_string(), |f| f.to_string()),
    );
    println!("| {} |", cells.join(" | "));
}

type Measured = (usize, Layout, BTreeMap<Cmd, Vec<Sample>>);

fn print_ratios(all: &[Measured]) {
    println!("\nPaired ratios, wall / CPU (median over rounds of the command's time ÷ `check --format json`'s in the same round), and the per-record cost of `check --format json`:\n");
    println!("| records | layout | html ÷ json | rev ÷ json | diff ÷ json | annual ÷ json | µs CPU per record | KiB peak per record |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (n, layout, samples) in all {
        if let Some(row) = ratio_row(*n, *layout, samples) {
            println!("{row}");
        }
    }
}

fn ratio_row(n: usize, layout: Layout, samples: &BTreeMap<Cmd, Vec<Sample>>) -> Option<String> {
    let json = samples.get(&Cmd::Json)?;
    let ratio = |cmd: Cmd| {
        samples.get(&cmd).map_or("-".to_string(), |s| {
            let paired = |f: fn(&Sample) -> f64| {
                median(s.iter().zip(json).map(|(a, b)| f(a) / f(b)).collect())
            };
            let wall = paired(|x| x.wall.as_secs_f64());
            let cpu = paired(|x| x.cpu.as_secs_f64());
            let bound = if s.iter().any(|x| x.timed_out) {
                "> "
            } else {
                ""
            };
            format!("{bound}{wall:.2} / {bound}{cpu:.2}")
        })
    };
    Some(format!(
        "| {n} | {} | {} | {} | {} | {} | {:.0} | {:.1} |",
        layout.name(),
        ratio(Cmd::Html),
        ratio(Cmd::Rev),
        ratio(Cmd::Diff),
        ratio(Cmd::Annual),
        med(json, |x| x.cpu.as_secs_f64()) * 1e6 / n as f64,
        med(json, |x| x.max_rss_kib as f64) / n as f64,
    ))
}
