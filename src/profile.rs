//! Measuring instruments for policy authors and the benchmark (docs/performance.md), off
//! unless asked for through the environment:
//!
//! - `KRAVKOLL_PROFILE=1` prints, on standard error, one line per phase of a run
//!   (`kravkoll: phase load wall 12.3 ms cpu 20.1 ms rss 40.2 MiB`, the resident memory after
//!   the phase where the system tells it) and one per evaluated package
//!   (`kravkoll: package data.kravkoll.pdl.findings wall 4.0 ms cpu 3.9 ms findings 7`).
//!   `benches/scale.rs` parses these lines; keep their shape.
//! - `KRAVKOLL_DUMP_INPUT=PATH` writes the input document the policies see as JSON, and
//!   `KRAVKOLL_DUMP_FINDINGS=PATH` the findings each package returned, before the catalog
//!   filters and maps them, so another Rego engine can be run on the same document and its
//!   findings compared (benches/opa/). Both are written only where the user points them.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("KRAVKOLL_PROFILE").is_some_and(|v| v != "0"))
}

/// Runs `f` as the phase `name`, reporting its wall and process CPU time when profiling.
/// A phase that runs twice in one process (both sides of `diff`) is reported twice.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let (wall, cpu) = (Instant::now(), process_cpu());
    let out = f();
    eprintln!(
        "kravkoll: phase {name} wall {} cpu {}{}",
        ms(wall.elapsed()),
        ms(process_cpu().saturating_sub(cpu)),
        resident().map_or(String::new(), |mib| format!(" rss {mib:.1} MiB"))
    );
    out
}

/// The process's resident memory now, in MiB (Linux; `None` elsewhere), so that a profile
/// shows which phase holds the memory and not only how much the run peaked at.
fn resident() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    (page > 0).then(|| pages * page as f64 / (1024.0 * 1024.0))
}

/// Reports one package's evaluation: `cpu` is the evaluating thread's own CPU time, so that
/// packages evaluated side by side on both cores can be summed into CPU-seconds.
pub fn package(rule: &str, wall: Duration, cpu: Duration, findings: usize) {
    eprintln!(
        "kravkoll: package {rule} wall {} cpu {} findings {findings}",
        ms(wall),
        ms(cpu)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// CPU time (user and system) of the whole process so far.
pub fn process_cpu() -> Duration {
    cpu_clock(CpuClock::Process)
}

/// CPU time of the calling thread so far.
pub fn thread_cpu() -> Duration {
    cpu_clock(CpuClock::Thread)
}

enum CpuClock {
    Process,
    Thread,
}

#[cfg(unix)]
fn cpu_clock(which: CpuClock) -> Duration {
    let id = match which {
        CpuClock::Process => libc::CLOCK_PROCESS_CPUTIME_ID,
        CpuClock::Thread => libc::CLOCK_THREAD_CPUTIME_ID,
    };
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock ids are the POSIX constants.
    if unsafe { libc::clock_gettime(id, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Without a CPU clock the figures read zero, which the benchmark shows as such.
#[cfg(not(unix))]
fn cpu_clock(_: CpuClock) -> Duration {
    Duration::ZERO
}

pub const DUMP_INPUT: &str = "KRAVKOLL_DUMP_INPUT";
pub const DUMP_FINDINGS: &str = "KRAVKOLL_DUMP_FINDINGS";

/// Whether the dump named by `var` was asked for.
pub fn dumping(var: &str) -> bool {
    std::env::var_os(var).is_some()
}

/// Writes `value` as JSON to the path in the environment variable `var`, if it is set.
/// A failure is reported and not fatal: dumping is a debugging aid.
pub fn dump<T: serde::Serialize + ?Sized>(var: &str, value: &T) {
    let Some(path) = std::env::var_os(var) else {
        return;
    };
    let written = std::fs::File::create(&path)
        .map(std::io::BufWriter::new)
        .map_err(|e| e.to_string())
        .and_then(|mut w| {
            use std::io::Write as _;
            serde_json::to_writer(&mut w, value).map_err(|e| e.to_string())?;
            w.flush().map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        eprintln!(
            "kravkoll: {var}: cannot write {}: {e}",
            std::path::Path::new(&path).display()
        );
    }
}
