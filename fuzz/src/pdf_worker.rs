//! The PDF parse exactly as a `vanban parse-worker` process performs it.
//!
//! The worker calls `vanban_parse::pdf::parse_pdf` inside `catch_unwind`
//! with the request's limits (the pool sends `Limits::default()` unless
//! configured otherwise) and turns a panic into an error response, so a
//! panic in pdf-extract or lopdf is not a crash of vanban. Two things are:
//! * anything the worker cannot survive: stack overflow, abort, memory past
//!   its limit, a hang (libFuzzer reports these itself; run with
//!   `-rss_limit_mb=2048 -timeout=30`);
//! * a panic raised in vanban's own code (`crates/*/src`), even one some
//!   `catch_unwind` swallowed: it is a bug, and it silently drops a page or
//!   a file. [`check`] re-raises those outside every `catch_unwind`.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, PoisonError};

use vanban_parse::{pdf::parse_pdf, Limits};

/// Source paths of vanban's own code; a panic located there is a bug.
const OWN_CODE: [&str; 3] = ["crates/parse/src", "crates/text/src", "crates/extract/src"];

/// Panics raised in vanban's own code since the last [`check`] began.
static OWN_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Whether a [`check`] is inside the worker's `catch_unwind`. Process-wide,
/// not per thread: lopdf parses object streams on rayon threads.
static IN_WORKER: AtomicBool = AtomicBool::new(false);

static HOOK: Once = Once::new();

/// Wraps the panic hook (libFuzzer's aborts on every panic, even a caught
/// one): inside the worker's `catch_unwind`, library panics pass quietly as
/// in the worker, and panics in vanban's own code are recorded for [`check`];
/// every other panic reaches the previous hook.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_WORKER.load(Ordering::SeqCst) {
                return previous(info);
            }
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            if OWN_CODE.iter().any(|dir| location.contains(dir)) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                own_panics().push(format!("{location}: {message}"));
            }
        }));
    });
}

/// Parses `data` as the worker would and fails on what the worker could not
/// survive or on a panic in vanban's own code.
pub fn check(data: &[u8]) {
    install_panic_hook();
    own_panics().clear();
    let limits = Limits::default();
    IN_WORKER.store(true, Ordering::SeqCst);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| parse_pdf(data, &limits)));
    IN_WORKER.store(false, Ordering::SeqCst);
    let own = std::mem::take(&mut *own_panics());
    if !own.is_empty() {
        panic!("panic in vanban's own code: {}", own.join("; "));
    }
    if let Ok(Ok(doc)) = outcome {
        assert!(
            doc.pages.len() <= limits.max_pages,
            "more pages than the page limit"
        );
    }
}

/// The recorded panics; a panic while the lock was held leaves the list usable.
fn own_panics() -> std::sync::MutexGuard<'static, Vec<String>> {
    OWN_PANICS.lock().unwrap_or_else(PoisonError::into_inner)
}
