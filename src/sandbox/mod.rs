//! Policies run in a sandbox: each package's evaluation (and each Rego test) has a time
//! limit, a memory budget and a stack budget, so that an organisation's own Rego (or a
//! mistake in it) cannot hang the run or take the machine's memory.
//!
//! - **Time**: regorus's cooperative execution timer stops an evaluation that runs past the
//!   limit with an ordinary error (exit code 2, naming the package). A watchdog thread ends
//!   the process if a single builtin call overruns the limit by half again without
//!   returning to the timer.
//! - **Memory and stack**: the process allocator ([`budget`]) counts what each evaluation
//!   holds and how deep its stack is, at every allocation, and ends the process with a
//!   message when either budget is exceeded.
//!
//! Evaluations run on a pool of threads with large stacks ([`STACK_BYTES`]), so that deep
//! but legitimate policies never meet the stack budget.
//!
//! Limits are per package (or per test) and set in `kravkoll.yaml` under `policy_limits`
//! (docs/limits.md).

pub mod budget;
mod watchdog;

use std::cell::Cell;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Default time limit per package, in seconds (wall clock). On 100 000 records
/// (`cargo bench --bench scale`) the slowest built-in package takes a few seconds on a
/// 2-core machine (17.5 s measured on one loaded about eight times over).
pub const DEFAULT_TIME_SECONDS: u64 = 120;
/// Default memory budget per package, in MiB. The built-in packages hold at most about
/// 20 MiB each on 100 000 records.
pub const DEFAULT_MEMORY_MIB: u64 = 1024;

/// Stack of each evaluation thread. Reserved address space, not memory: pages are used only
/// when touched.
pub const STACK_BYTES: usize = 64 * 1024 * 1024;
/// How deep an evaluation's stack may grow; the rest of [`STACK_BYTES`] is the margin for
/// the frames between two allocations and for the thread's own frames.
pub const STACK_BUDGET: usize = STACK_BYTES - 16 * 1024 * 1024;

/// The limits of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub time: Duration,
    pub memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(DEFAULT_TIME_SECONDS),
            memory_bytes: DEFAULT_MEMORY_MIB * 1024 * 1024,
        }
    }
}

impl Limits {
    /// regorus's execution timer for these limits (checked every few steps).
    pub fn timer(&self) -> regorus::utils::limits::ExecutionTimerConfig {
        regorus::utils::limits::ExecutionTimerConfig {
            limit: self.time,
            check_interval: NonZeroU32::new(64).expect("non-zero"),
        }
    }

    fn memory_mib(&self) -> u64 {
        self.memory_bytes / (1024 * 1024)
    }
}

/// What is being evaluated: named in every message about a limit.
#[derive(Debug, Clone)]
pub struct Subject {
    /// `kravkoll.local.mfa`, or a test rule `kravkoll.local.mfa_test.test_x`.
    pub what: String,
    /// The policy files of the package.
    pub files: Vec<String>,
}

impl Subject {
    fn describe(&self) -> String {
        if self.files.is_empty() {
            format!("`{}`", self.what)
        } else {
            format!("`{}` ({})", self.what, self.files.join(", "))
        }
    }

    /// The message for a limit that was hit, naming the subject, the limit and the setting.
    pub fn message(&self, limit: Limit, limits: &Limits) -> String {
        let what = self.describe();
        match limit {
            Limit::Time => format!(
                "evaluating {what} took longer than the time limit of {} s (kravkoll.yaml: policy_limits.time_seconds); nothing was reported",
                limits.time.as_secs()
            ),
            Limit::Memory => format!(
                "evaluating {what} needed more than the memory limit of {} MiB (kravkoll.yaml: policy_limits.memory_mib); nothing was reported",
                limits.memory_mib()
            ),
            Limit::Stack => format!(
                "evaluating {what} nested calls more than {} MiB of stack deep, most likely a function or rule that calls itself (Rego does not allow recursion); nothing was reported",
                STACK_BUDGET / (1024 * 1024)
            ),
        }
    }
}

/// Which limit an evaluation hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Time,
    Memory,
    Stack,
}

/// Help shown under a limit message.
pub const LIMIT_HELP: &str = "if the policy is right and the evidence is large, raise the limit in kravkoll.yaml; otherwise look for a loop over all records inside another such loop, or a function that calls itself (docs/limits.md)";

/// Whether a breach also prints `{"errors": [...]}` on standard output, for
/// `--format json` consumers (set by the command line).
static JSON_ON_STDOUT: AtomicBool = AtomicBool::new(false);

pub fn report_breaches_as_json(on: bool) {
    JSON_ON_STDOUT.store(on, Ordering::Relaxed);
}

thread_local! {
    /// The evaluation running on this thread, for the breach message (points into the
    /// frame of [`Sandbox::run`], which outlives the evaluation).
    static CURRENT: Cell<*const Current> = const { Cell::new(std::ptr::null()) };
    /// Set on the sandbox's own threads, whose stack size is known.
    static SANDBOX_THREAD: Cell<bool> = const { Cell::new(false) };
}

struct Current {
    subject: Subject,
    limits: Limits,
}

/// Ends the process after a budget was exceeded: prints what, naming the package and the
/// limit, and exits with code 2 (never an abort).
fn breach(what: budget::Exceeded) -> ! {
    let current = CURRENT.with(Cell::get);
    let message = if current.is_null() {
        "a policy evaluation exceeded its budget".to_string()
    } else {
        // SAFETY: `CURRENT` is set only while the `Current` it points to is alive in the
        // frame of `Sandbox::run` below us on this thread's stack, and cleared before that
        // frame ends.
        let current = unsafe { &*current };
        let limit = match what {
            budget::Exceeded::Memory => Limit::Memory,
            budget::Exceeded::Stack => Limit::Stack,
        };
        current.subject.message(limit, &current.limits)
    };
    fatal(&message)
}

fn fatal(message: &str) -> ! {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "kravkoll: {message}\n  help: {LIMIT_HELP}"
    );
    if JSON_ON_STDOUT.load(Ordering::Relaxed) {
        let json = serde_json::json!({ "errors": [{
            "code": "kravkoll::policy::limit",
            "message": message,
            "file": null,
            "line": null,
            "column": null,
            "help": LIMIT_HELP,
        }]});
        let _ = writeln!(std::io::stdout(), "{json:#}");
        let _ = std::io::stdout().flush();
    }
    std::process::exit(2)
}

/// Threads to evaluate on, and the limits each evaluation gets.
pub struct Sandbox {
    limits: Limits,
    pool: rayon::ThreadPool,
}

impl Sandbox {
    pub fn new(limits: Limits) -> Result<Sandbox, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_BYTES)
            .thread_name(|i| format!("kravkoll-policy-{i}"))
            .start_handler(|_| SANDBOX_THREAD.with(|s| s.set(true)))
            .build()
            .map_err(|e| format!("cannot start the policy threads: {e}"))?;
        Ok(Sandbox { limits, pool })
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Runs `f` on the sandbox's threads; [`Sandbox::run`] calls belong inside it (a rayon
    /// parallel iterator inside `f` uses these threads).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.pool.install(f)
    }

    /// Runs one evaluation under the limits. regorus's own timer must be set from
    /// [`Limits::timer`]; this adds the memory and stack budgets and the watchdog.
    pub fn run<R>(&self, subject: &Subject, f: impl FnOnce() -> R) -> R {
        let current = Current {
            subject: subject.clone(),
            limits: self.limits,
        };
        let grace = (self.limits.time / 2).max(Duration::from_secs(2));
        let _watch = watchdog::watch(
            self.limits.time + grace,
            current.subject.message(Limit::Time, &self.limits),
        );
        let previous = CURRENT.with(|c| c.replace(&current));
        let stack = if SANDBOX_THREAD.with(Cell::get) {
            STACK_BUDGET
        } else {
            usize::MAX
        };
        let result = {
            let _enforced = budget::Enforced::new(self.limits.memory_bytes, stack);
            f()
        };
        CURRENT.with(|c| c.set(previous));
        result
    }
}

/// Whether an evaluation error is regorus's execution timer stopping it.
pub fn is_time_limit(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<regorus::LimitError>(),
            Some(regorus::LimitError::TimeLimitExceeded { .. })
        )
    }) || format!("{e:#}").contains("execution exceeded time limit")
}
