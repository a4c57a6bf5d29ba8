//! Worker processes: a parser of an untrusted binary format (the PDF library
//! above all) can panic, overflow its stack, hang or exhaust memory on hostile
//! files, and only a separate process contains all four. Workers are persistent (the program is started once per slot, not
//! once per file) and replaced after a crash or a timeout.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::panic_message;
use super::protocol::{
    decode_response, read_frame, read_request, write_request, write_response, Request, Response,
    WireError, MAX_RESPONSE_BYTES,
};
use crate::{Document, Format, Limits, ParseError};

/// Environment variable carrying a worker's address-space limit in bytes (0: none).
pub const MEMORY_ENV: &str = "VANBAN_WORKER_MEMORY";
/// Lines of a worker's stderr kept for crash reports.
const STDERR_TAIL_LINES: usize = 8;
/// How long a dead worker's stderr may take to drain before the report is written.
const STDERR_GRACE: Duration = Duration::from_millis(300);

/// Serves parse requests on stdin/stdout (the worker process's main loop).
///
/// Limits its own address space to the bytes in [`MEMORY_ENV`] first, so a
/// memory blow-up ends this process and not the machine. Returns when the
/// pool closes stdin.
pub fn worker_main() -> io::Result<()> {
    if let Some(bytes) = std::env::var(MEMORY_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&b| b > 0)
    {
        limit_address_space(bytes)?;
    }
    // Panics become error responses; their default report would only clutter stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let output = private_stdout()?;
    let mut input = io::stdin().lock();
    let mut output = io::BufWriter::new(output);
    serve(&mut input, &mut output)
}

/// Answers requests until `input` ends; one bad file never ends the loop.
///
/// Each request names its format; the reader for it comes from the one list of
/// readers, so every format that must run isolated runs here the same way.
pub(crate) fn serve(input: &mut impl Read, output: &mut impl Write) -> io::Result<()> {
    while let Some((request, bytes)) = read_request(input)? {
        let reader = crate::readers::reader_for(request.format);
        let response: Response =
            match catch_unwind(AssertUnwindSafe(|| reader.read(&bytes, &request.limits))) {
                Ok(result) => result.map_err(WireError::from),
                Err(payload) => Err(WireError::for_panic(
                    request.format,
                    &panic_message(payload.as_ref()),
                )),
            };
        drop(bytes);
        write_response(output, &response)?;
    }
    Ok(())
}

fn limit_address_space(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; no memory is shared.
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Takes fd 1 for the protocol and points fd 1 at stderr, so a stray print
/// from any library cannot corrupt a response frame.
fn private_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    io::stdout().flush()?;
    // SAFETY: dup/dup2 on the process's own standard descriptors; the new fd is
    // owned by exactly one File, created here.
    unsafe {
        let fd = libc::dup(libc::STDOUT_FILENO);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(libc::STDERR_FILENO, libc::STDOUT_FILENO) < 0 {
            let err = io::Error::last_os_error();
            libc::close(fd);
            return Err(err);
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

/// A pool of worker processes, shared by parsing threads, that parse files in isolation.
pub struct WorkerPool {
    program: PathBuf,
    args: Vec<String>,
    timeout: Duration,
    memory_bytes: u64,
    state: Mutex<Slots>,
    freed: Condvar,
}

struct Slots {
    /// Slots not checked out by a parse in progress.
    free: usize,
    /// Running workers not in use; fewer than `free` until every slot has started one.
    idle: Vec<Worker>,
}

impl WorkerPool {
    /// A pool of up to `workers` processes running `program args`, started on first use.
    ///
    /// Each parse may take `timeout`; each worker's address space is limited to
    /// `memory_bytes` (0: unlimited).
    pub fn new(
        program: PathBuf,
        args: Vec<String>,
        workers: usize,
        timeout: Duration,
        memory_bytes: u64,
    ) -> Self {
        WorkerPool {
            program,
            args,
            timeout,
            memory_bytes,
            state: Mutex::new(Slots {
                free: workers.max(1),
                idle: Vec::new(),
            }),
            freed: Condvar::new(),
        }
    }

    /// Parses a file of `format` in a worker; the pool's timeout and memory limit
    /// apply, not those in `limits`.
    pub fn parse(
        &self,
        bytes: &[u8],
        format: Format,
        limits: &Limits,
    ) -> Result<Document, ParseError> {
        let mut slot = self.check_out();
        let mut worker = match slot.worker.take() {
            Some(w) => w,
            None => self.spawn().map_err(|e| ParseError::WorkerCrashed {
                format: format.label(),
                reason: format!("cannot start worker {}: {e}", self.program.display()),
            })?,
        };
        let outcome = worker.call(bytes, format, limits, self.timeout);
        match outcome {
            Outcome::Answered(response) => {
                slot.worker = Some(worker);
                (*response).map_err(ParseError::from)
            }
            Outcome::TimedOut => {
                worker.kill();
                Err(ParseError::Timeout {
                    format: format.label(),
                    ms: self.timeout.as_millis() as u64,
                })
            }
            Outcome::Died(why) => {
                let report = worker.death_report(&why);
                Err(ParseError::WorkerCrashed {
                    format: format.label(),
                    reason: report,
                })
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        // A panic elsewhere while holding the lock leaves the slot counts intact.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn check_out(&self) -> SlotGuard<'_> {
        let mut slots = self.lock();
        while slots.free == 0 {
            slots = self
                .freed
                .wait(slots)
                .unwrap_or_else(PoisonError::into_inner);
        }
        slots.free -= 1;
        // A worker that died while idle (killed from outside) is replaced, not blamed on this file.
        let mut worker = None;
        while let Some(mut w) = slots.idle.pop() {
            if w.is_alive() {
                worker = Some(w);
                break;
            }
        }
        SlotGuard { pool: self, worker }
    }

    fn spawn(&self) -> io::Result<Worker> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .env(MEMORY_ENV, self.memory_bytes.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("worker pipes were not created"));
        };
        let (tx, responses) = mpsc::channel();
        thread::Builder::new()
            .name("parse-worker-reader".into())
            .spawn(move || {
                let mut stdout = BufReader::new(stdout);
                loop {
                    let frame = read_frame(&mut stdout, MAX_RESPONSE_BYTES);
                    let end = !matches!(frame, Ok(Some(_)));
                    if tx.send(frame).is_err() || end {
                        break;
                    }
                }
            })?;
        let tail = Arc::new(Mutex::new(StderrTail::default()));
        let sink = Arc::clone(&tail);
        let stderr_thread = thread::Builder::new()
            .name("parse-worker-stderr".into())
            .spawn(move || collect_tail(stderr, &sink))?;
        Ok(Worker {
            child,
            stdin: Some(stdin),
            responses,
            stderr_tail: tail,
            stderr_thread: Some(stderr_thread),
            memory_bytes: self.memory_bytes,
        })
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        // Workers kill and reap themselves on drop; in-use workers cannot exist while `self` is dropped.
        self.lock().idle.clear();
    }
}

/// A checked-out slot; returns the slot (and a healthy worker) to the pool when dropped.
struct SlotGuard<'p> {
    pool: &'p WorkerPool,
    worker: Option<Worker>,
}

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let mut slots = self.pool.lock();
        if let Some(w) = self.worker.take() {
            slots.idle.push(w);
        }
        slots.free += 1;
        drop(slots);
        self.pool.freed.notify_one();
    }
}

/// How one request to a worker ended.
enum Outcome {
    Answered(Box<Response>),
    TimedOut,
    /// The worker is gone or unusable; the detail says how it was noticed.
    Died(String),
}

struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    responses: Receiver<io::Result<Option<Vec<u8>>>>,
    stderr_tail: Arc<Mutex<StderrTail>>,
    stderr_thread: Option<JoinHandle<()>>,
    memory_bytes: u64,
}

impl Worker {
    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends one request and waits for its answer within `timeout`.
    fn call(
        &mut self,
        bytes: &[u8],
        format: Format,
        limits: &Limits,
        timeout: Duration,
    ) -> Outcome {
        let Some(mut stdin) = self.stdin.take() else {
            return Outcome::Died("its input was already closed".into());
        };
        let request = Request {
            format,
            limits: limits.clone(),
        };
        let deadline = Instant::now() + timeout;
        // The write runs beside the wait: a worker that stops reading must not
        // block the caller past the deadline (the pipe holds only 64 KiB).
        let (outcome, stdin) = thread::scope(|scope| {
            let writer = scope.spawn(move || {
                let result = write_request(&mut stdin, &request, bytes);
                (result, stdin)
            });
            let wait = deadline.saturating_duration_since(Instant::now());
            let outcome = match self.responses.recv_timeout(wait) {
                Ok(Ok(Some(frame))) => match decode_response(&frame) {
                    Ok(response) => Outcome::Answered(Box::new(response)),
                    Err(e) => Outcome::Died(format!("it sent an unreadable answer ({e})")),
                },
                Ok(Ok(None)) => Outcome::Died("it closed its output".into()),
                Ok(Err(e)) => Outcome::Died(format!("its output broke off ({e})")),
                Err(RecvTimeoutError::Timeout) => Outcome::TimedOut,
                Err(RecvTimeoutError::Disconnected) => Outcome::Died("its output closed".into()),
            };
            // Ending the process also unblocks a writer stuck on a full pipe.
            match outcome {
                Outcome::Answered(_) => {}
                Outcome::TimedOut => self.kill(),
                // Let a dying worker finish exiting so its own status is reported, not our kill.
                Outcome::Died(_) => {
                    self.stdin = None;
                    wait_briefly(&mut self.child);
                }
            }
            let stdin = match writer.join() {
                Ok((Ok(()), stdin)) => Some(stdin),
                _ => None,
            };
            (outcome, stdin)
        });
        match (outcome, stdin) {
            (Outcome::Answered(r), Some(stdin)) => {
                self.stdin = Some(stdin);
                Outcome::Answered(r)
            }
            // An answer without the whole request read means the protocol is out of step.
            (Outcome::Answered(_), None) => {
                self.kill();
                Outcome::Died("it answered before reading the whole request".into())
            }
            (other, _) => other,
        }
    }

    /// Kills the process (if still running) and reaps it.
    fn kill(&mut self) {
        self.stdin = None;
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }

    /// Why the worker died: exit status or signal, the last stderr line, a memory hint.
    fn death_report(&mut self, noticed: &str) -> String {
        self.stdin = None;
        let status = wait_briefly(&mut self.child);
        if let Some(handle) = self.stderr_thread.take() {
            let until = Instant::now() + STDERR_GRACE;
            while !handle.is_finished() && Instant::now() < until {
                thread::sleep(Duration::from_millis(5));
            }
        }
        let tail = self
            .stderr_tail
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .summary();
        let mut report = match status {
            Some(status) => describe_status(status),
            None => format!("worker stopped answering: {noticed}"),
        };
        if let Some(line) = tail {
            report.push_str(": ");
            report.push_str(line.trim());
            if line.contains("memory allocation") && self.memory_bytes > 0 {
                report.push_str(&format!(
                    " (worker memory limit {} MiB reached)",
                    self.memory_bytes / (1024 * 1024)
                ));
            }
        }
        report
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The exit status of a child that is exiting; kills it if it lingers.
fn wait_briefly(child: &mut Child) -> Option<ExitStatus> {
    let until = Instant::now() + Duration::from_millis(500);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < until => thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                return child.wait().ok();
            }
            Err(_) => return None,
        }
    }
}

fn describe_status(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    if let Some(signal) = status.signal() {
        let name = match signal {
            libc::SIGSEGV => " (SIGSEGV)",
            libc::SIGABRT => " (SIGABRT)",
            libc::SIGKILL => " (SIGKILL)",
            libc::SIGBUS => " (SIGBUS)",
            libc::SIGILL => " (SIGILL)",
            libc::SIGFPE => " (SIGFPE)",
            libc::SIGTERM => " (SIGTERM)",
            _ => "",
        };
        format!("worker killed by signal {signal}{name}")
    } else {
        match status.code() {
            Some(code) => format!("worker exited with status {code}"),
            None => "worker ended".to_string(),
        }
    }
}

/// What a worker said on stderr: its last lines, and the last line that
/// explains a death (a backtrace would otherwise push it out of the tail).
#[derive(Default)]
struct StderrTail {
    lines: VecDeque<String>,
    cause: Option<String>,
}

/// Fragments of the Rust runtime's last words before a worker dies.
const DEATH_NOTES: [&str; 5] = [
    "memory allocation of",
    "overflowed its stack",
    "fatal runtime error",
    "panicked at",
    "out of memory",
];

impl StderrTail {
    fn push(&mut self, line: String) {
        if DEATH_NOTES.iter().any(|n| line.contains(n)) {
            self.cause = Some(line.clone());
        }
        if self.lines.len() == STDERR_TAIL_LINES {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }

    /// The line that best says why the worker died.
    fn summary(&self) -> Option<String> {
        self.cause.clone().or_else(|| {
            self.lines
                .iter()
                .rev()
                .find(|l| {
                    let t = l.trim();
                    !t.is_empty() && !t.starts_with("note:") && !t.starts_with("stack backtrace")
                })
                .cloned()
        })
    }
}

/// Keeps what a worker writes to stderr for crash reports, so the user sees
/// why it died without every worker's noise on the terminal.
fn collect_tail(stderr: impl Read, tail: &Mutex<StderrTail>) {
    let mut reader = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        // Cap line length so a worker printing without newlines cannot grow this buffer.
        match (&mut reader).take(4096).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                tail.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::testpdf::{self, TestPage};
    use crate::worker::protocol::write_response;
    use std::io::Cursor;
    use std::path::Path;

    fn sh_pool(script: &str, workers: usize, timeout_ms: u64) -> WorkerPool {
        WorkerPool::new(
            "/bin/sh".into(),
            vec!["-c".into(), script.into()],
            workers,
            Duration::from_millis(timeout_ms),
            0,
        )
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vanban-pool-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A response frame a fake worker can replay: a one-page document saying `text`.
    fn response_file(dir: &Path, text: &str) -> PathBuf {
        let mut doc = Document::new(crate::Format::Pdf);
        let mut page = crate::Page::default();
        page.blocks
            .push(crate::Block::Paragraph(crate::Paragraph::plain(text, None)));
        doc.pages.push(page);
        let mut frame = Vec::new();
        write_response(&mut frame, &Ok(doc)).unwrap();
        let path = dir.join("response");
        std::fs::write(&path, frame).unwrap();
        path
    }

    /// A shell worker that speaks the protocol: reads each request's two frames, replays `response`.
    fn echo_worker(response: &Path, spawn_log: &Path) -> String {
        format!(
            "echo $$ >> '{log}'
             frame() {{ n=$(dd bs=1 count=8 2>/dev/null | od -An -tu8 | tr -d ' '); [ -n \"$n\" ] || exit 0; dd bs=1 count=$n of=/dev/null 2>/dev/null; }}
             while :; do frame; frame; cat '{resp}'; done",
            log = spawn_log.display(),
            resp = response.display()
        )
    }

    fn small_pdf() -> Vec<u8> {
        testpdf::pdf(vec![TestPage::text(b"BT /F1 12 Tf 72 750 Td (x) Tj ET")])
    }

    #[test]
    fn a_hanging_worker_times_out_and_is_killed_even_mid_write() {
        let dir = scratch("hang");
        let pidfile = dir.join("pid");
        let pool = sh_pool(
            &format!("echo $$ > '{}'; exec sleep 600", pidfile.display()),
            1,
            300,
        );
        // More than a pipe holds, so the request write itself blocks on the silent worker.
        let big = vec![b'x'; 1 << 20];
        let started = Instant::now();
        let err = pool
            .parse(&big, Format::Pdf, &Limits::default())
            .unwrap_err();
        assert!(matches!(err, ParseError::Timeout { ms: 300, .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
        let pid = std::fs::read_to_string(&pidfile).unwrap();
        assert!(
            !Path::new(&format!("/proc/{}", pid.trim())).exists(),
            "timed-out worker {pid} still exists"
        );
        assert!(
            pool.lock().idle.is_empty(),
            "a killed worker went back to the pool"
        );
    }

    #[test]
    fn an_exiting_worker_is_reported_with_its_status() {
        let pool = sh_pool("exit 3", 1, 5_000);
        let err = pool
            .parse(&small_pdf(), Format::Pdf, &Limits::default())
            .unwrap_err();
        match err {
            ParseError::WorkerCrashed { reason: m, .. } => assert!(m.contains("status 3"), "{m}"),
            other => panic!("expected a crash, got {other}"),
        }
    }

    #[test]
    fn a_segfaulting_worker_is_reported_with_signal_and_last_stderr_line() {
        let pool = sh_pool(
            "echo 'thread main has overflowed its stack' >&2; kill -SEGV $$",
            1,
            5_000,
        );
        let err = pool
            .parse(&small_pdf(), Format::Pdf, &Limits::default())
            .unwrap_err();
        let m = err.to_string();
        assert!(matches!(err, ParseError::WorkerCrashed { .. }), "{m}");
        assert!(m.contains("SIGSEGV"), "{m}");
        assert!(m.contains("overflowed its stack"), "{m}");
        assert!(!m.contains('\n'), "{m}");
    }

    #[test]
    fn the_pool_recovers_after_a_crash_and_a_timeout() {
        let dir = scratch("recover");
        let response = response_file(&dir, "da phuc hoi");
        let count = dir.join("count");
        let log = dir.join("spawns");
        // First process crashes, second hangs, later ones answer properly.
        let script = format!(
            "n=$(cat '{count}' 2>/dev/null || echo 0); echo $((n+1)) > '{count}'
             case $n in 0) kill -SEGV $$;; 1) exec sleep 600;; esac
             {echo}",
            count = count.display(),
            echo = echo_worker(&response, &log)
        );
        let pool = sh_pool(&script, 1, 500);
        let limits = Limits::default();
        let pdf = small_pdf();
        assert!(matches!(
            pool.parse(&pdf, Format::Pdf, &limits),
            Err(ParseError::WorkerCrashed { .. })
        ));
        assert!(matches!(
            pool.parse(&pdf, Format::Pdf, &limits),
            Err(ParseError::Timeout { ms: 500, .. })
        ));
        for _ in 0..3 {
            let doc = pool.parse(&pdf, Format::Pdf, &limits).unwrap();
            assert_eq!(doc.page_texts(), ["da phuc hoi\n"]);
        }
        let spawned = std::fs::read_to_string(&log).unwrap();
        assert_eq!(spawned.lines().count(), 1, "the healthy worker is reused");
    }

    #[test]
    fn threads_share_a_bounded_number_of_persistent_workers() {
        let dir = scratch("share");
        let response = response_file(&dir, "ok");
        let log = dir.join("spawns");
        let pool = sh_pool(&echo_worker(&response, &log), 2, 10_000);
        let pdf = small_pdf();
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..3 {
                        let doc = pool.parse(&pdf, Format::Pdf, &Limits::default()).unwrap();
                        assert_eq!(doc.page_texts(), ["ok\n"]);
                    }
                });
            }
        });
        let spawned = std::fs::read_to_string(&log).unwrap();
        assert!(spawned.lines().count() <= 2, "{spawned}");
        let pids: Vec<String> = spawned.lines().map(str::to_string).collect();
        drop(pool);
        for pid in pids {
            assert!(
                !Path::new(&format!("/proc/{pid}")).exists(),
                "worker {pid} outlived its pool"
            );
        }
    }

    #[test]
    fn a_missing_program_is_a_clear_error() {
        let pool = WorkerPool::new(
            "/nonexistent/vanban".into(),
            Vec::new(),
            1,
            Duration::from_secs(1),
            0,
        );
        let err = pool
            .parse(&small_pdf(), Format::Pdf, &Limits::default())
            .unwrap_err();
        assert!(err.to_string().contains("cannot start worker"), "{err}");
    }

    #[test]
    fn serve_answers_every_request_and_survives_bad_files() {
        let limits = Limits::default();
        let mut input = Vec::new();
        let good = testpdf::pdf(vec![TestPage::text(
            b"BT /F1 12 Tf 72 750 Td (Bao cao) Tj ET",
        )]);
        let request = Request {
            format: Format::Pdf,
            limits: limits.clone(),
        };
        write_request(&mut input, &request, b"%PDF-1.4 truncated").unwrap();
        write_request(&mut input, &request, &good).unwrap();
        let mut output = Vec::new();
        serve(&mut Cursor::new(input), &mut output).unwrap();
        let mut out = Cursor::new(output);
        let first = read_frame(&mut out, MAX_RESPONSE_BYTES).unwrap().unwrap();
        assert!(matches!(
            decode_response(&first).unwrap(),
            Err(WireError::Pdf(_))
        ));
        let second = read_frame(&mut out, MAX_RESPONSE_BYTES).unwrap().unwrap();
        let doc = decode_response(&second).unwrap().unwrap();
        assert_eq!(doc.page_texts(), ["Bao cao\n"]);
        assert!(read_frame(&mut out, MAX_RESPONSE_BYTES).unwrap().is_none());
    }

    #[test]
    fn the_cause_of_death_survives_a_long_backtrace() {
        let mut tail = StderrTail::default();
        tail.push("memory allocation of 1048576 bytes failed".into());
        for i in 0..20 {
            tail.push(format!("  {i}: frame"));
        }
        tail.push("note: Some details are omitted".into());
        assert_eq!(
            tail.summary().as_deref(),
            Some("memory allocation of 1048576 bytes failed")
        );
        let mut plain = StderrTail::default();
        plain.push("boom".into());
        plain.push("note: run with RUST_BACKTRACE=1".into());
        assert_eq!(plain.summary().as_deref(), Some("boom"));
    }

    #[test]
    fn pool_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<WorkerPool>();
    }
}
