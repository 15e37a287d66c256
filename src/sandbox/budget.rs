//! The process's allocator, counting bytes per thread: the memory and stack budget of a
//! sandboxed evaluation, and a way for tests to see what a piece of work allocated.
//!
//! regorus allocates as it evaluates and has no memory limit of its own (its
//! `allocator-memory-limits` feature swaps in a C allocator and checks only between steps,
//! after a single huge allocation has already happened). Counting here sees every request
//! before it is made, so `numbers.range(1, 2e9)` is stopped at the request, not after 48 GB.
//! The same hook watches the stack: a Rego function that calls itself allocates at every
//! level, so its depth is checked long before the guard page would abort the process.
//!
//! An allocator cannot fail softly (Rust aborts on a failed allocation, and unwinding out of
//! one is undefined), so a breach ends the process through [`super::breach`], which prints
//! what was exceeded and exits with code 2.

use std::alloc::{GlobalAlloc, Layout};

/// The allocator underneath the accounting. mimalloc rather than the C library's malloc:
/// kravkoll makes millions of small allocations (records, regorus values, findings) and
/// frees many on another thread than made them, where glibc's malloc spent a quarter of a
/// check's instructions; at 100 000 records a check takes 0.79× the wall time, for 3 % more
/// peak memory (docs/performance.md). `no_thp`: transparent huge pages raised the peak by
/// a further 6 %. `v2`: mimalloc 2 gives freed memory back after 10 ms where 3 waits a
/// second, so a check's later phases reuse what loading freed (peak 0.93×, wall 0.96×).
use mimalloc::MiMalloc as Inner;
use std::cell::Cell;

/// mimalloc with per-thread accounting.
pub struct Counting;

/// This thread's accounting, in one thread-local so that an allocation touches it once.
struct State {
    /// Bytes allocated minus bytes freed by this thread (may go negative when it frees what
    /// another thread allocated).
    live: Cell<i64>,
    /// The highest `live` since [`reset_peak`].
    peak: Cell<i64>,
    /// A budget is being enforced on this thread.
    active: Cell<bool>,
    /// `live` may not exceed this while active.
    ceiling: Cell<i64>,
    /// Address near the top of the stack when the budget was entered, and how far below it
    /// the stack may grow.
    stack_top: Cell<usize>,
    stack_depth: Cell<usize>,
}

thread_local! {
    static STATE: State = const {
        State {
            live: Cell::new(0),
            peak: Cell::new(0),
            active: Cell::new(false),
            ceiling: Cell::new(i64::MAX),
            stack_top: Cell::new(0),
            stack_depth: Cell::new(usize::MAX),
        }
    };
}

/// What was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Memory,
    Stack,
}

#[inline]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

#[inline]
fn charge(bytes: i64) {
    // `try_with`: the state has no destructor, so access never fails, but an allocator must
    // not panic whatever happens.
    let breach = STATE
        .try_with(|s| {
            let now = s.live.get().saturating_add(bytes);
            s.live.set(now);
            if bytes <= 0 {
                return None;
            }
            if now > s.peak.get() {
                s.peak.set(now);
            }
            if !s.active.get() {
                return None;
            }
            let depth = s.stack_top.get().saturating_sub(stack_address());
            let exceeded = if now > s.ceiling.get() {
                Exceeded::Memory
            } else if depth > s.stack_depth.get() {
                Exceeded::Stack
            } else {
                return None;
            };
            // From here on nothing is counted, so reporting may allocate freely.
            s.active.set(false);
            Some(exceeded)
        })
        .ok()
        .flatten();
    if let Some(exceeded) = breach {
        super::breach(exceeded);
    }
}

/// Whether mimalloc's plain `mi_malloc` already gives `layout`'s alignment: it allocates
/// every block of up to 16-byte alignment aligned to its size (mimalloc's
/// `mi_malloc_is_naturally_aligned`), as the C library's malloc does for the standard
/// library's `System`. The `mimalloc` crate calls the aligned entry points for every
/// request, whose extra checks were 3 % of a check's instructions.
#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= 16 && align <= size
}

// SAFETY: every method forwards to `Inner` (or, for alignments mimalloc's plain functions
// give, to those functions of the same allocator) with the caller's arguments unchanged; the
// accounting around it touches only this thread's `Cell`s and never unwinds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        charge(layout.size() as i64);
        if plain(layout.align(), layout.size()) {
            // SAFETY: a non-zero size (align >= 1 and align <= size), alignment as above.
            return unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() };
        }
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { Inner.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        charge(layout.size() as i64);
        // SAFETY: as for `alloc`.
        unsafe { Inner.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        charge(-(layout.size() as i64));
        // SAFETY: `ptr` came from `Inner` through this allocator with this layout.
        unsafe { Inner.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        charge(new_size as i64 - layout.size() as i64);
        if plain(layout.align(), new_size) {
            // SAFETY: `ptr` came from this allocator (mimalloc frees and resizes any of its
            // blocks whatever function made it); the new block is aligned as in `alloc`.
            return unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() };
        }
        // SAFETY: as for `dealloc`; `new_size` is the caller's.
        unsafe { Inner.realloc(ptr, layout, new_size) }
    }
}

/// Gives back to the system the memory that the threads of the global pool (which load the
/// evidence) and this thread hold free. Loading frees most of what it allocates on another
/// thread than made it, and mimalloc takes such memory back only when the thread that made
/// it allocates again; the policies are evaluated on other threads (the sandbox's), so
/// without this it stayed with the idle loading threads for the rest of the run.
pub fn collect() {
    // SAFETY: `mi_collect` has no preconditions; it works on the calling thread's heap.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Bytes this thread holds (allocated minus freed since it started).
pub fn live() -> i64 {
    STATE.with(|s| s.live.get())
}

/// Starts counting this thread's peak afresh from what it holds now.
pub fn reset_peak() {
    STATE.with(|s| s.peak.set(s.live.get()));
}

/// The most this thread has held since [`reset_peak`].
pub fn peak() -> i64 {
    STATE.with(|s| s.peak.get())
}

/// Runs `f` and returns its result with the most bytes this thread held above what it held
/// before, during `f`. For tests that bound memory by input size without timing anything.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = live();
    let outer_peak = peak();
    reset_peak();
    let r = f();
    let grew = (peak() - before).max(0) as u64;
    STATE.with(|s| s.peak.set(s.peak.get().max(outer_peak)));
    (r, grew)
}

/// While alive, this thread may hold at most `bytes` more than when it was made, and its
/// stack may grow at most `stack` bytes below the caller's frame.
pub struct Enforced {
    was_active: bool,
}

impl Enforced {
    pub fn new(bytes: u64, stack: usize) -> Enforced {
        STATE.with(|s| {
            let ceiling = s
                .live
                .get()
                .saturating_add(i64::try_from(bytes).unwrap_or(i64::MAX));
            s.ceiling.set(ceiling);
            s.stack_top.set(stack_address());
            s.stack_depth.set(stack);
            Enforced {
                was_active: s.active.replace(true),
            }
        })
    }
}

impl Drop for Enforced {
    fn drop(&mut self) {
        STATE.with(|s| s.active.set(self.was_active));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returning free memory is a hint to the allocator: callable from any thread, also
    /// from inside the pool it broadcasts to, and what is live stays intact.
    #[test]
    fn collecting_keeps_what_is_live() {
        let kept: Vec<Vec<u8>> = (0..1000).map(|i| vec![(i % 251) as u8; 100]).collect();
        let freed: Vec<Vec<u8>> = (0..1000).map(|_| vec![7u8; 300]).collect();
        drop(freed);
        collect();
        rayon::scope(|s| s.spawn(|_| collect()));
        assert!(kept
            .iter()
            .enumerate()
            .all(|(i, v)| v.iter().all(|b| *b == (i % 251) as u8)));
    }

    #[test]
    fn measures_what_a_closure_holds_at_its_peak() {
        let (v, grew) = measure(|| {
            let big = vec![0u8; 1 << 20];
            drop(big);
            vec![1u8; 1000]
        });
        assert_eq!(v.len(), 1000);
        assert!(grew >= 1 << 20, "{grew}");
        assert!(grew < 2 << 20, "{grew}");
    }
}
