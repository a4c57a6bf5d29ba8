//! The ingest lock: one writer per index, with the holder's pid for the error
//! message.
//!
//! The lock is an OS advisory lock (`flock`) on `vanban-ingest.lock` next to
//! tantivy's own `.tantivy-writer.lock`. The OS drops it when the holder dies,
//! so a lock file left by a killed ingest (a stale pid) never blocks the next
//! one; the pid written inside is only there to name the holder.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::error::IndexError;

/// File name of the lock inside the index folder.
pub(crate) const LOCK_FILE: &str = "vanban-ingest.lock";

/// Held while an ingest writes the index; released on drop (or process death).
#[derive(Debug)]
pub struct IngestLock {
    file: File,
}

impl IngestLock {
    /// Takes the lock of the index in `dir` (which must exist), or reports
    /// the pid holding it.
    pub fn acquire(dir: &Path) -> Result<IngestLock, IndexError> {
        let path = dir.join(LOCK_FILE);
        // Never truncate on open: the holder's pid must stay readable.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| IndexError::io(&path, e))?;
        if !try_lock(&file).map_err(|e| IndexError::io(&path, e))? {
            let mut s = String::new();
            // An unreadable pid still deserves the "locked" answer.
            let _ = file.read_to_string(&mut s);
            return Err(IndexError::Locked {
                dir: dir.to_path_buf(),
                pid: s.trim().parse().unwrap_or(0),
            });
        }
        let write = |file: &mut File| -> std::io::Result<()> {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            writeln!(file, "{}", std::process::id())?;
            file.sync_all()
        };
        write(&mut file).map_err(|e| IndexError::io(&path, e))?;
        Ok(IngestLock { file })
    }

    /// The pid recorded in an index's lock file if an ingest holds it now.
    pub fn holder(dir: &Path) -> Option<u32> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new().read(true).write(true).open(path).ok()?;
        if try_lock(&file).ok()? {
            // We got it, so nobody holds it; dropping `file` releases it.
            return None;
        }
        let mut s = String::new();
        file.read_to_string(&mut s).ok()?;
        s.trim().parse().ok()
    }
}

impl Drop for IngestLock {
    fn drop(&mut self) {
        // The file stays: removing it would let a waiter lock a dead inode
        // while a newcomer locks a fresh one. Clearing the pid is enough;
        // closing the file releases the lock.
        let _ = self.file.set_len(0);
    }
}

/// Tries an exclusive, non-blocking lock; `Ok(false)` when someone else holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(err)
    }
}

/// Without flock, tantivy's own writer lock is the only guard.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_names_the_holder_and_release_frees_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = IngestLock::acquire(dir.path()).unwrap();
        match IngestLock::acquire(dir.path()) {
            Err(IndexError::Locked { pid, .. }) => assert_eq!(pid, std::process::id()),
            other => panic!("expected Locked, got {other:?}"),
        }
        assert_eq!(IngestLock::holder(dir.path()), Some(std::process::id()));
        drop(first);
        assert_eq!(IngestLock::holder(dir.path()), None);
        assert!(IngestLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn stale_pid_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "999999999\n").unwrap();
        let lock = IngestLock::acquire(dir.path()).unwrap();
        let s = std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert_eq!(s.trim(), std::process::id().to_string());
        drop(lock);
    }
}
