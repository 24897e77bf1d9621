//! kill -9 in the middle of an import, and two gagyebu processes writing one store.

use super::*;

/// The store's write-ahead log, where an import's pages go before its commit.
fn wal(env: &Env) -> PathBuf {
    let mut name = env.db().into_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

/// Waits until `ready` holds or the child ends; says whether `ready` came first.
fn wait_until(child: &mut Child, limit: Duration, ready: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[cfg(unix)]
#[test]
fn a_killed_import_leaves_the_store_as_before_or_as_after() {
    const ROWS: usize = 40_000;
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let base = MARCH_ROWS as i64;
    let big = env.write("big.csv", big_statement(ROWS, "kill"));

    // First kill: once the import has written uncommitted pages to the log, so the
    // kill surely lands inside its transaction. Then at a few fixed moments.
    let mut midway = 0;
    for delay in [None, Some(150), Some(600), Some(1_500)] {
        let mut child = spawn(&env, &["import", &big]);
        match delay {
            None => {
                wait_until(&mut child, Duration::from_secs(60), || {
                    std::fs::metadata(wal(&env)).is_ok_and(|m| m.len() > 1 << 20)
                });
            }
            Some(ms) => std::thread::sleep(Duration::from_millis(ms)),
        }
        let _ = child.kill(); // SIGKILL; it may have finished already
        finish(child);
        let (check, txs, batches) = inspect(&env.db());
        assert_eq!(check, "ok", "integrity after a kill at {delay:?}");
        assert!(
            txs == base || txs == base + ROWS as i64,
            "kill at {delay:?} left {txs} transactions: neither before nor after"
        );
        assert_eq!(batches, if txs == base { 1 } else { 2 });
        if txs == base + ROWS as i64 {
            // It finished before the kill; undo it for the next round.
            env.run(["undo"]).ok();
        } else {
            midway += 1;
        }
    }
    assert!(midway >= 1, "no kill landed inside the import");
    // The store is whole and usable: the same import now runs to the end.
    assert_eq!(env.import(&[&big])["new"], ROWS as u64);
    assert_eq!(inspect(&env.db()), ("ok".into(), base + ROWS as i64, 2));
}

/// Both writers land, or one says the store is busy and a retry lands it.
fn landed_or_busy(run: Run) -> bool {
    if run.status.success() {
        return true;
    }
    assert_eq!(
        run.stderr.trim(),
        "gagyebu: the store is busy: another gagyebu is writing to it; try again"
    );
    false
}

#[test]
fn two_imports_at_once_into_a_new_store_both_land() {
    const ROWS: usize = 8_000;
    let env = Env::new();
    let a = env.write("a.csv", big_statement(ROWS, "a"));
    let b = env.write("b.csv", big_statement(ROWS, "b"));
    // Neither finds a store: both create it at once, then both import.
    let first = spawn(&env, &["import", &a]);
    let second = spawn(&env, &["import", &b]);
    for (run, file) in [(finish(first), &a), (finish(second), &b)] {
        if !landed_or_busy(run) {
            env.import(&[file]);
        }
    }
    assert_eq!(inspect(&env.db()), ("ok".into(), 2 * ROWS as i64, 2));
    // And each file is now wholly a duplicate.
    assert_eq!(env.import(&[&a, &b])["duplicates"], 2 * ROWS as u64);
}

#[test]
fn an_import_and_a_recategorize_at_once_both_land() {
    const ROWS: usize = 20_000;
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    env.run(["rule", "add", "books", "상점 1"]).ok();
    let big = env.write("big.csv", big_statement(ROWS, "rc"));
    let import = spawn(&env, &["import", &big]);
    std::thread::sleep(Duration::from_millis(100));
    let recategorize = spawn(&env, &["recategorize"]);
    let (import, recategorize) = (finish(import), finish(recategorize));
    if !landed_or_busy(import) {
        env.import(&[&big]);
    }
    if !landed_or_busy(recategorize) {
        env.run(["recategorize"]).ok();
    }
    let (check, txs, _) = inspect(&env.db());
    assert_eq!(
        (check.as_str(), txs),
        ("ok", MARCH_ROWS as i64 + ROWS as i64)
    );
    // Whichever ran first, the rule now holds for every row it matches.
    env.run(["recategorize"]).ok();
    let books = env.txs(&["--category", "books", "--search", "rc 상점 1"]);
    let matching = (0..ROWS)
        .filter(|i| format!("상점 {i}").contains("상점 1"))
        .count();
    assert_eq!(array(&books).len(), matching);
}

#[test]
fn reading_does_not_wait_for_an_import_to_finish() {
    const ROWS: usize = 60_000;
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let big = env.write("big.csv", big_statement(ROWS, "read"));
    let mut import = spawn(&env, &["import", &big]);
    let writing = wait_until(&mut import, Duration::from_secs(60), || {
        std::fs::metadata(wal(&env)).is_ok_and(|m| m.len() > 1 << 20)
    });
    let started = Instant::now();
    let listed = env.txs(&[]);
    let took = started.elapsed();
    assert!(finish(import).status.success());
    assert!(
        writing,
        "the import ended before it wrote 1 MiB; make the file bigger"
    );
    // It read the store as it was before the import, without waiting for its commit
    // (a reader that waited would list the import's rows too).
    assert_eq!(array(&listed).len() as u64, MARCH_ROWS);
    assert!(took < QUICK, "tx list took {took:?} beside an import");
}
