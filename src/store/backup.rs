//! `gagyebu backup`: a consistent copy of the store, taken with SQLite's online backup
//! while other gagyebu commands may go on writing. The copy is written to a private
//! (0600) file beside the target, checked, synced, and only then renamed to its name:
//! an interrupted backup never leaves a half-written file or destroys an older backup.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::BUSY_TIMEOUT;

/// What a finished backup holds, for the message.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BackupReport {
    pub path: String,
    pub bytes: u64,
    pub transactions: u64,
    pub batches: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no store at {0} to back up (see --db)")]
    NoStore(String),
    #[error("{0} already exists; pass --force to overwrite it")]
    Exists(String),
    #[error("{0} is the store itself; back it up to another file")]
    SameFile(String),
    #[error("{0} is a directory; name the backup file, e.g. {0}/gagyebu-backup.sqlite3")]
    Directory(String),
    #[error("backup {path}: {error}")]
    Io { path: String, error: io::Error },
    #[error("{path} is not a gagyebu store ({message})")]
    NotAStore { path: String, message: String },
    #[error("the store is busy: another gagyebu is writing to it; try again")]
    Busy,
    #[error("backup {path}: {error}")]
    Sql {
        path: String,
        error: rusqlite::Error,
    },
}

/// Copies the store at `store` into `dest`; refuses to overwrite `dest` unless `force`.
pub fn backup(store: &Path, dest: &Path, force: bool) -> Result<BackupReport, BackupError> {
    let shown = dest.display().to_string();
    if !store.is_file() {
        return Err(BackupError::NoStore(store.display().to_string()));
    }
    if dest.is_dir() {
        return Err(BackupError::Directory(shown));
    }
    if dest.exists() {
        if same_file(store, dest) {
            return Err(BackupError::SameFile(shown));
        }
        if !force {
            return Err(BackupError::Exists(shown));
        }
    }
    let temp = temp_path(dest);
    let io_err = |error| BackupError::Io {
        path: shown.clone(),
        error,
    };
    create_private_new(&temp).map_err(io_err)?;
    match copy_into(store, &temp, &shown) {
        Ok(mut report) => {
            let finish = || -> io::Result<u64> {
                File::open(&temp)?.sync_all()?;
                fs::rename(&temp, dest)?;
                sync_dir(dest);
                Ok(fs::metadata(dest)?.len())
            };
            match finish() {
                Ok(bytes) => {
                    report.bytes = bytes;
                    Ok(report)
                }
                Err(e) => {
                    remove_temp(&temp);
                    Err(io_err(e))
                }
            }
        }
        Err(e) => {
            remove_temp(&temp);
            Err(e)
        }
    }
}

/// The online backup proper, into the already created (empty, private) `temp`.
fn copy_into(store: &Path, temp: &Path, shown: &str) -> Result<BackupReport, BackupError> {
    let sql_err = |error: rusqlite::Error| match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            BackupError::Busy
        }
        _ => BackupError::Sql {
            path: shown.to_string(),
            error,
        },
    };
    // Read-write without create: the store exists, and a read-only connection would
    // leave the -wal and -shm files behind when it is the last one to close.
    let source = Connection::open_with_flags(
        store,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql_err)?;
    source.busy_timeout(BUSY_TIMEOUT).map_err(sql_err)?;
    let not_a_store = |e: rusqlite::Error| BackupError::NotAStore {
        path: store.display().to_string(),
        message: e.to_string(),
    };
    source
        .query_row("SELECT count(*) FROM import_batches", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(not_a_store)?;

    let mut copy = Connection::open(temp).map_err(sql_err)?;
    {
        let backup = Backup::new(&source, &mut copy).map_err(sql_err)?;
        let started = std::time::Instant::now();
        // All pages in one step: one read transaction, so the copy is one moment of the
        // store. In WAL mode a writer does not block it; a busy source is retried.
        loop {
            match backup.step(-1).map_err(sql_err)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy, Locked (the enum is non-exhaustive: anything else is waited out too).
                _ => {
                    if started.elapsed() > BUSY_TIMEOUT {
                        return Err(BackupError::Busy);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
        }
    }
    // The copy is read back before it is given its name.
    let check: String = copy
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(sql_err)?;
    if check != "ok" {
        return Err(BackupError::NotAStore {
            path: store.display().to_string(),
            message: format!("the copy fails SQLite's check: {check}"),
        });
    }
    let count = |sql: &str| {
        copy.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(sql_err)
    };
    let report = BackupReport {
        path: shown.to_string(),
        bytes: 0,
        transactions: count("SELECT count(*) FROM transactions")?,
        batches: count("SELECT count(*) FROM import_batches")?,
    };
    copy.close().map_err(|(_, e)| sql_err(e))?;
    Ok(report)
}

/// `.NAME.tmp-PID` beside `dest`, so the final rename stays on one file system.
fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Creates `path` (which must not exist) with mode 0600 before SQLite writes to it.
fn create_private_new(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

fn remove_temp(temp: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = temp.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Makes the rename itself durable (best effort: not every file system allows it).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
