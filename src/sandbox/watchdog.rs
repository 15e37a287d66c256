//! The last resort for the time limit: regorus checks its timer between evaluation steps,
//! but one builtin call can run long without a step. One thread, started on first use,
//! looks at the running evaluations a few times a second and ends the process (exit code
//! 2, with the message) when one is past its deadline.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

struct Watched {
    id: u64,
    deadline: Instant,
    message: String,
}

static WATCHED: Mutex<Vec<Watched>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
static STARTED: Once = Once::new();

/// How often the watchdog looks.
const PERIOD: Duration = Duration::from_millis(250);

/// Removes its evaluation from the watch when dropped.
pub struct Watch {
    id: u64,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut list = WATCHED.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.id != self.id);
    }
}

/// Watches an evaluation that must end within `within`; `message` says what overran.
pub fn watch(within: Duration, message: String) -> Watch {
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("kravkoll-watchdog".into())
            .spawn(run);
        // Without the watchdog, regorus's own timer still applies; nothing else to do.
        drop(spawned);
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    WATCHED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Watched {
            id,
            deadline: Instant::now() + within,
            message,
        });
    Watch { id }
}

fn run() {
    loop {
        std::thread::sleep(PERIOD);
        let overdue = {
            let list = WATCHED.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            list.iter()
                .find(|w| w.deadline <= now)
                .map(|w| w.message.clone())
        };
        if let Some(message) = overdue {
            super::fatal(&message);
        }
    }
}
