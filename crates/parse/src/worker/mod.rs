//! Isolated parsing: readers of untrusted binary formats run in worker
//! processes ([`WorkerPool`]), because a hostile file can make a parser panic,
//! overflow its stack, hang or exhaust memory, and a batch must survive all
//! four. The program that owns the pool starts itself as a worker: its `main`
//! calls [`is_worker_invocation`] first and, when true, [`worker_main`].

mod pool;
mod protocol;

pub use pool::{worker_main, WorkerPool, MEMORY_ENV};

/// The first argument that makes a program run as a parse worker.
pub const WORKER_ARG: &str = "parse-worker";

/// Whether this process was started as a parse worker (its first argument is [`WORKER_ARG`]).
pub fn is_worker_invocation() -> bool {
    std::env::args_os().nth(1).is_some_and(|a| a == WORKER_ARG)
}

/// The text of a panic payload (panics carry `&str` or `String`), on one line.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    };
    let mut line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 300 {
        line = line.chars().take(300).collect::<String>() + "…";
    }
    line
}
