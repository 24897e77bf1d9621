//! Nothing lost, nothing doubled, nothing half-written (issue 8): hostile and broken
//! statement files, a kill -9 in the middle of an import, two writers at once, undo,
//! backup, stores from older and newer schema versions, and the properties of money
//! and dedup. Shared helpers here; the tests in the files beside it.

use super::*;

use std::process::{Child, Command};
use std::time::{Duration, Instant};

#[path = "robustness/crash.rs"]
mod crash;
#[path = "robustness/hostile.rs"]
mod hostile;
#[path = "robustness/properties.rs"]
mod properties;
#[path = "robustness/store_file.rs"]
mod store_file;
#[path = "robustness/undo.rs"]
mod undo;

/// How long any failing command may take here. The contract is "well under a second";
/// the bound is loose because test machines are slow and busy (debug builds, parallel
/// tests).
const QUICK: Duration = Duration::from_secs(5);

/// The binary, started but not waited for, with the test's environment and store.
fn spawn(env: &Env, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_gagyebu"))
        .env("HOME", env.root().join("home"))
        .env("XDG_DATA_HOME", env.data_home())
        .env("XDG_CONFIG_HOME", env.config_home())
        .env_remove("GAGYEBU_DB")
        .current_dir(env.root())
        .arg("--db")
        .arg(env.db())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gagyebu")
}

/// Waits for a spawned command and returns what it did.
fn finish(child: Child) -> Run {
    let output = child.wait_with_output().expect("wait for gagyebu");
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What the store file holds, read with SQLite directly: (integrity_check, transactions,
/// import batches).
fn inspect(db: &Path) -> (String, i64, i64) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .expect("open the store");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        check,
        count("SELECT count(*) FROM transactions"),
        count("SELECT count(*) FROM import_batches"),
    )
}

/// A statement in gagyebu's CSV with `rows` distinct transactions over ten years; `tag`
/// keeps two such files apart.
fn big_statement(rows: usize, tag: &str) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(rows * 64);
    text.push_str("date,payee,memo,amount\n");
    for i in 0..rows {
        let (year, month, day) = (2015 + (i / 336) % 10, (i / 28) % 12 + 1, i % 28 + 1);
        writeln!(
            text,
            "{year}-{month:02}-{day:02},{tag} 상점 {i},메모 {i},\"-{}\"",
            1_000 + i
        )
        .unwrap();
    }
    text
}
