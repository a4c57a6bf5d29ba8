//! The external programs: poppler's `pdftoppm` renders a page to a grey
//! image, Tesseract reads it. Each runs as its own child process with a time
//! budget and an address-space limit, so a hostile page can only cost its own
//! page.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use vanban_model::OcrEngine;

/// The apt-get line that makes OCR available.
pub const INSTALL_HINT: &str =
    "apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils";

/// Why a child program did not give a result.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The program could not be started.
    #[error("cannot start {program}: {source}")]
    Spawn {
        /// Program name.
        program: String,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The program ran past its time budget and was killed.
    #[error("{program} took longer than {ms} ms and was stopped")]
    Timeout {
        /// Program name.
        program: String,
        /// The budget.
        ms: u128,
    },
    /// The program ended with a failure status.
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        /// Program name.
        program: String,
        /// Its exit status.
        status: ExitStatus,
        /// The end of what it printed.
        stderr: String,
    },
    /// A file of the exchange could not be written or read.
    #[error("OCR scratch file: {0}")]
    Io(#[from] io::Error),
}

/// Time and memory bounds of one child process.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Wall-clock budget.
    pub timeout: Duration,
    /// Address-space limit in bytes (0: none).
    pub memory_bytes: u64,
}

/// Runs `cmd` to completion within `bounds`; what it prints goes to the file `log`.
///
/// The wait polls `try_wait` because std has no wait with a timeout, and
/// output goes to files so a full pipe can never stall the child.
pub fn run_bounded(
    mut cmd: Command,
    program: &str,
    bounds: Bounds,
    log: &Path,
) -> Result<(), RunError> {
    let out = File::create(log)?;
    let err = out.try_clone()?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    let memory = bounds.memory_bytes;
    if memory > 0 {
        use std::os::unix::process::CommandExt;
        // SAFETY: the closure runs in the forked child before exec and only calls
        // setrlimit, which is async-signal-safe; it touches no shared state.
        unsafe {
            cmd.pre_exec(move || limit_address_space(memory));
        }
    }
    let mut child = cmd.spawn().map_err(|source| RunError::Spawn {
        program: program.to_string(),
        source,
    })?;
    let started = Instant::now();
    let mut pause = Duration::from_millis(2);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() >= bounds.timeout {
            // Kill and reap; a failed kill means it exited meanwhile, which is fine.
            let _ = child.kill();
            let _ = child.wait();
            return Err(RunError::Timeout {
                program: program.to_string(),
                ms: bounds.timeout.as_millis(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    if status.success() {
        return Ok(());
    }
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(3).collect();
    let stderr = tail.into_iter().rev().collect::<Vec<_>>().join(" / ");
    Err(RunError::Failed {
        program: program.to_string(),
        status,
        stderr,
    })
}

fn limit_address_space(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The first file named `name` in the directories of `path` (a `PATH` value).
pub fn find_program(name: &str, path: Option<OsString>) -> Option<PathBuf> {
    let path = path?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The OCR programs found on this machine and what they identify as.
#[derive(Debug, Clone)]
pub struct Engine {
    /// The `tesseract` executable.
    pub tesseract: PathBuf,
    /// The `pdftoppm` executable.
    pub pdftoppm: PathBuf,
    /// Engine and model names for provenance.
    pub info: OcrEngine,
    /// Page segmentation mode: 1 (automatic with orientation detection) when the OSD model is present.
    pub psm: &'static str,
    /// Language model name (`vie`).
    pub language: String,
}

/// Why OCR is not available.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Missing {
    /// A program is not installed.
    #[error("{0} is not installed")]
    Program(&'static str),
    /// Tesseract runs but lacks the language model.
    #[error("tesseract has no '{0}' language model")]
    Language(String),
    /// Tesseract did not answer as expected.
    #[error("tesseract does not work here: {0}")]
    Broken(String),
}

impl Engine {
    /// Finds `tesseract` and `pdftoppm` on `PATH` and checks the language model.
    pub fn probe(language: &str, scratch: &Path) -> Result<Engine, Missing> {
        let path = std::env::var_os("PATH");
        let tesseract =
            find_program("tesseract", path.clone()).ok_or(Missing::Program("tesseract"))?;
        let pdftoppm = find_program("pdftoppm", path).ok_or(Missing::Program("pdftoppm"))?;
        let bounds = Bounds {
            timeout: Duration::from_secs(30),
            memory_bytes: 0,
        };
        let version_out = scratch.join("version.out");
        let mut cmd = Command::new(&tesseract);
        cmd.arg("--version");
        let version = capture(cmd, "tesseract", bounds, &version_out)
            .map_err(|e| Missing::Broken(e.to_string()))?;
        let engine = version
            .lines()
            .find(|l| l.starts_with("tesseract "))
            .map(|l| l.trim().to_string())
            .ok_or_else(|| Missing::Broken("`tesseract --version` names no version".into()))?;
        let mut cmd = Command::new(&tesseract);
        cmd.arg("--list-langs");
        let langs = capture(cmd, "tesseract", bounds, &scratch.join("langs.out"))
            .map_err(|e| Missing::Broken(e.to_string()))?;
        let mut names = Vec::new();
        let mut tessdata = None;
        for line in langs.lines() {
            if let Some(rest) = line.strip_prefix("List of available languages in \"") {
                tessdata = rest.split('"').next().map(PathBuf::from);
            } else if !line.trim().is_empty() {
                names.push(line.trim().to_string());
            }
        }
        if !names.iter().any(|n| n == language) {
            return Err(Missing::Language(language.to_string()));
        }
        let psm = if names.iter().any(|n| n == "osd") {
            "1"
        } else {
            "3"
        };
        let model_file = format!("{language}.traineddata");
        let model = match tessdata.map(|d| d.join(&model_file)) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => format!(
                    "{language} ({model_file}, {} bytes, blake3 {})",
                    bytes.len(),
                    &blake3::hash(&bytes).to_hex()[..16]
                ),
                Err(_) => format!("{language} ({})", file.display()),
            },
            None => language.to_string(),
        };
        Ok(Engine {
            tesseract,
            pdftoppm,
            info: OcrEngine { engine, model },
            psm,
            language: language.to_string(),
        })
    }

    /// What makes a cached reading valid: same engine, model and settings.
    pub fn cache_salt(&self, dpi: u32) -> String {
        format!(
            "{}|{}|psm {}|dpi {dpi}|tsv v1",
            self.info.engine, self.info.model, self.psm
        )
    }

    /// Renders page `number` of `pdf` to a grey PGM at `dpi`; returns the image path.
    pub fn render(
        &self,
        pdf: &Path,
        number: u32,
        dpi: u32,
        dir: &Path,
        bounds: Bounds,
    ) -> Result<PathBuf, RunError> {
        let base = dir.join(format!("page-{number}"));
        let mut cmd = Command::new(&self.pdftoppm);
        cmd.args(["-r", &dpi.to_string(), "-gray", "-singlefile"])
            .args(["-f", &number.to_string(), "-l", &number.to_string()])
            .arg(pdf)
            .arg(&base);
        run_bounded(cmd, "pdftoppm", bounds, &base.with_extension("render.err"))?;
        Ok(base.with_extension("pgm"))
    }

    /// Reads an image with Tesseract (one thread); returns its TSV. Without `dpi`
    /// Tesseract takes the image's own resolution, or estimates it from the text.
    pub fn recognise(
        &self,
        image: &Path,
        dpi: Option<u32>,
        bounds: Bounds,
    ) -> Result<String, RunError> {
        let base = image.with_extension("ocr");
        // Tesseract appends `.tsv` to the output base it is given.
        let mut tsv = base.clone().into_os_string();
        tsv.push(".tsv");
        let mut cmd = Command::new(&self.tesseract);
        cmd.arg(image).arg(&base);
        if let Some(dpi) = dpi {
            cmd.args(["--dpi", &dpi.to_string()]);
        }
        cmd.args(["-l", &self.language, "--psm", self.psm, "tsv"])
            // OpenMP's extra threads cost 3–4× the CPU for the same page; pages run in parallel instead.
            .env("OMP_THREAD_LIMIT", "1");
        run_bounded(cmd, "tesseract", bounds, &base.with_extension("err"))?;
        Ok(std::fs::read_to_string(PathBuf::from(tsv))?)
    }
}

/// Runs a probe command and returns what it printed (stdout and stderr together).
fn capture(cmd: Command, program: &str, bounds: Bounds, log: &Path) -> Result<String, RunError> {
    run_bounded(cmd, program, bounds, log)?;
    Ok(std::fs::read_to_string(log)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_is_found_only_in_the_given_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tesseract"), b"").unwrap();
        let path = std::env::join_paths([dir.path()]).ok();
        assert_eq!(
            find_program("tesseract", path.clone()),
            Some(dir.path().join("tesseract"))
        );
        assert_eq!(find_program("pdftoppm", path), None);
        assert_eq!(find_program("tesseract", None), None);
    }

    #[test]
    fn a_child_past_its_budget_is_killed() {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sleep");
        cmd.arg("5");
        let started = Instant::now();
        let e = run_bounded(
            cmd,
            "sleep",
            Bounds {
                timeout: Duration::from_millis(100),
                memory_bytes: 0,
            },
            &dir.path().join("err"),
        )
        .unwrap_err();
        assert!(matches!(e, RunError::Timeout { .. }), "{e}");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn a_failing_child_reports_its_stderr() {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo 'bad page' >&2; exit 3"]);
        let e = run_bounded(
            cmd,
            "sh",
            Bounds {
                timeout: Duration::from_secs(10),
                memory_bytes: 1 << 30,
            },
            &dir.path().join("err"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("bad page"), "{e}");
    }

    #[test]
    fn the_memory_limit_reaches_the_child() {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sh");
        // `ulimit -v` prints the address-space limit in KiB.
        cmd.args(["-c", "test \"$(ulimit -v)\" = 524288"]);
        run_bounded(
            cmd,
            "sh",
            Bounds {
                timeout: Duration::from_secs(10),
                memory_bytes: 512 << 20,
            },
            &dir.path().join("err"),
        )
        .unwrap();
    }
}
