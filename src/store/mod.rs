//! The SQLite store: where it lives, how it is opened, and the schema. Queries live in
//! one file per table family beside this one. All SQL of the program is in this module.

mod backup;
mod budgets;
mod categories;
mod imports;
mod reports;
mod rules;
mod schema;
mod totals;
mod transactions;
mod undo;
mod wishes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use backup::{backup, BackupError, BackupReport};
pub use categories::CategoryRow;
pub use imports::{Batch, BatchMeta, BatchSummary, ImportRunError, ImportSession};
pub use rules::RuleStats;
pub use transactions::TxFilter;
pub use undo::{Undone, Unpaired};
pub use wishes::WishFields;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {error}")]
    Open { path: String, error: std::io::Error },
    #[error("store {path} was written by a newer gagyebu (schema {found}, this one knows {known}); upgrade gagyebu")]
    TooNew {
        path: String,
        found: i64,
        known: usize,
    },
    #[error("the store is busy: another gagyebu is writing to it; try again")]
    Busy,
    #[error("no home directory to keep the store in; pass --db PATH or set GAGYEBU_DB")]
    NoHome,
    #[error("unknown {what} \"{name}\"{hint}")]
    Unknown {
        what: &'static str,
        name: String,
        hint: String,
    },
    /// A request that cannot be carried out as asked; the message says why.
    #[error("{0}")]
    Invalid(String),
    #[error("store {path}: {error} (is it a gagyebu store? pass another --db)")]
    NotAStore {
        path: String,
        error: rusqlite::Error,
    },
    #[error("the store holds a value gagyebu did not write: {0}")]
    Corrupt(String),
    #[error("store: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sql(e),
        }
    }
}

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The store's path: `--db`, else `$GAGYEBU_DB`, else the XDG data dir.
pub fn resolve_path(flag: Option<PathBuf>, env: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    if let Some(path) = flag.or(env).filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path);
    }
    directories::ProjectDirs::from("", "", "gagyebu")
        .map(|dirs| dirs.data_dir().join("gagyebu.sqlite3"))
        .ok_or(StoreError::NoHome)
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the store, creating it (mode 0600, in folders made as needed) on first use,
    /// and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Any SQLite failure while opening is about this file: say which one.
        Store::open_inner(path).map_err(|e| match e {
            StoreError::Sql(error) => StoreError::NotAStore {
                path: path.display().to_string(),
                error,
            },
            other => other,
        })
    }

    fn open_inner(path: &Path) -> Result<Store, StoreError> {
        let io_err = |error| StoreError::Open {
            path: path.display().to_string(),
            error,
        };
        if path.is_dir() {
            return Err(io_err(std::io::Error::other(
                "is a directory; the store is a file (e.g. --db ~/money.sqlite3)",
            )));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent).map_err(io_err)?;
        }
        create_private_file(path).map_err(io_err)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store { conn };
        store.check_version(path)?;
        // WAL lets readers go on while an import writes; FULL syncs each commit so a
        // finished import survives a power cut, at one fsync per command.
        store.conn.pragma_update(None, "journal_mode", "WAL")?;
        store.conn.pragma_update(None, "synchronous", "FULL")?;
        // Only an old store takes the write lock here: a reader must not wait for an import.
        // Rebuilding a table (migration 2) needs foreign keys off, or dropping the old
        // table would cascade into splits; the bundled SQLite turns them on by default.
        if store.user_version()? < schema::MIGRATIONS.len() as i64 {
            store.conn.pragma_update(None, "foreign_keys", "OFF")?;
            store.migrate(path)?;
        }
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(store)
    }

    fn user_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn check_version(&self, path: &Path) -> Result<(), StoreError> {
        let found = self.user_version()?;
        if found > schema::MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found,
                known: schema::MIGRATIONS.len(),
            });
        }
        Ok(())
    }

    fn migrate(&mut self, path: &Path) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > schema::MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found: current,
                known: schema::MIGRATIONS.len(),
            });
        }
        for (i, migration) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
            match migration {
                schema::Migration::Sql(sql) => tx.execute_batch(sql)?,
                schema::Migration::Code(run) => run(&tx)?,
            }
            if i == 0 {
                schema::seed_categories(&tx)?;
            }
        }
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Corrupt(format!(
                "{broken} rows refer to rows that do not exist after upgrading {}",
                path.display()
            )));
        }
        if current < schema::MIGRATIONS.len() as i64 {
            tx.pragma_update(None, "user_version", schema::MIGRATIONS.len() as i64)?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates the file with mode 0600 before SQLite opens it, so it is never readable by
/// others, not even for a moment. SQLite gives its -wal and -shm files the same mode.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
