//! The store file: stores from every schema version open and upgrade; a store from a
//! newer gagyebu is refused and left untouched; backups are private, complete copies.

use super::*;

/// Everything the schema consists of, and its version, read with SQLite directly.
fn schema(db: &Path) -> (i64, Vec<(String, String, Option<String>)>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let objects = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (version, objects)
}

fn stores_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stores")
}

#[test]
fn a_store_from_every_schema_version_opens_lists_and_upgrades() {
    let fresh = Env::new();
    fresh.run(["import", "list"]).ok();
    let want = schema(&fresh.db());

    let mut versions: Vec<u32> = std::fs::read_dir(stores_dir())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().ok()?;
            name.strip_prefix('v')?
                .strip_suffix(".sqlite3")?
                .parse()
                .ok()
        })
        .collect();
    versions.sort();
    assert!(
        versions.contains(&1),
        "tests/fixtures/stores/v1.sqlite3 is missing"
    );
    for v in versions {
        let dir = stores_dir();
        let env = Env::new();
        // A copy: the fixture itself must stay as that version wrote it.
        std::fs::copy(dir.join(format!("v{v}.sqlite3")), env.db()).unwrap();
        let expected = |what: &str| {
            parse_json(&std::fs::read_to_string(dir.join(format!("v{v}.{what}.json"))).unwrap())
        };
        assert_eq!(env.txs(&[]), expected("tx"), "v{v}: tx list");
        assert_eq!(
            env.json(["import", "list"]),
            expected("import"),
            "v{v}: import list"
        );
        assert_eq!(
            schema(&env.db()),
            want,
            "v{v} upgraded to another schema than a new store has: append a migration, never edit one"
        );
        let drift = gagyebu::store::Store::open(&env.db())
            .unwrap()
            .totals_drift()
            .unwrap();
        assert!(drift.is_empty(), "v{v}: totals after upgrade: {drift:?}");
        // It takes writes of every kind after the upgrade.
        let may = env.write("may.csv", days(1, 3).replace("2025-03-", "2025-05-"));
        assert_eq!(env.import(&[&may])["new"], 3, "v{v}");
        env.run(["undo"]).ok();
        assert_eq!(env.txs(&[]), expected("tx"), "v{v}: after import and undo");
        env.run(["rule", "add", "cafe", "스타벅스"]).ok();
        env.run(["recategorize"]).ok();
        let wishes = env.json(["wish", "list", "--all"]);
        assert_eq!(array(&wishes).len(), 2, "v{v}: {wishes}");
        // Its April import holds a category set by hand and a purchase linked to a wish.
        let err = env.run(["undo"]).fails();
        assert!(err.contains("2 of its 18 transactions"), "v{v}: {err}");
        assert_eq!(env.json(["undo", "--force"])["removed"], 18);
        assert_eq!(array(&env.json(["wish", "list", "--all"])).len(), 2);
    }
}

/// The bytes, modification time and directory listing of a store.
fn fingerprint(db: &Path) -> (Vec<u8>, std::time::SystemTime, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (
        std::fs::read(db).unwrap(),
        std::fs::metadata(db).unwrap().modified().unwrap(),
        names,
    )
}

#[test]
fn a_store_from_a_newer_gagyebu_is_refused_and_left_byte_for_byte_untouched() {
    for journal in ["delete", "wal"] {
        let env = Env::new();
        {
            let conn = rusqlite::Connection::open(env.db()).unwrap();
            conn.pragma_update(None, "journal_mode", journal).unwrap();
            conn.execute_batch(
                "CREATE TABLE transactions (id INTEGER PRIMARY KEY, future TEXT);
                 INSERT INTO transactions (future) VALUES ('from gagyebu 9');
                 PRAGMA user_version = 999;",
            )
            .unwrap();
        }
        let before = fingerprint(&env.db());
        let march = env.write("2025-03.csv", MARCH);
        std::thread::sleep(Duration::from_millis(20));
        for args in [
            vec!["tx", "list"],
            vec!["import", &march],
            vec!["import", "list"],
            vec!["undo"],
            vec!["recategorize"],
        ] {
            let err = env.run(&args).fails();
            assert!(
                err.contains("newer gagyebu") && err.contains("999") && err.contains("upgrade"),
                "{journal} {args:?}: {err}"
            );
            let mut after = fingerprint(&env.db());
            after.2.retain(|n| n != "2025-03.csv");
            let mut want = before.clone();
            want.2.retain(|n| n != "2025-03.csv");
            assert!(after == want, "{journal} {args:?} touched the newer store");
        }
    }
}

#[cfg(unix)]
#[test]
fn backup_is_a_private_complete_copy_that_never_overwrites_by_accident() {
    use std::os::unix::fs::PermissionsExt;

    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let copy = env.root().join("copies").join("gagyebu.sqlite3");
    let copy_arg = copy.to_str().unwrap();

    let err = env.run(["backup", copy_arg]).fails();
    assert!(err.contains("copies"), "a missing folder is named: {err}");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();

    let out = env.run(["backup", copy_arg]).ok();
    assert!(out.contains(&format!("{MARCH_ROWS} transactions")), "{out}");
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "backup mode {mode:o}");
    let mut original = env.snapshot();
    let of_copy = |env: &Env| {
        let mut cmd = env.bare();
        cmd.args(["--db", copy_arg, "--format", "json", "tx", "list"]);
        parse_json(&run(cmd).ok())
    };
    assert_eq!(
        of_copy(&env),
        original.0,
        "the copy lists what the store does"
    );

    let bytes = std::fs::read(&copy).unwrap();
    let err = env.run(["backup", copy_arg]).fails();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "a refused backup wrote"
    );

    env.import(&[&env.write("april.csv", days(1, 3).replace("2025-03-", "2025-04-"))]);
    original = env.snapshot();
    let json = env.json(["backup", "--force", copy_arg]);
    assert_eq!(json["transactions"], MARCH_ROWS + 3);
    assert_eq!(json["batches"], 2);
    assert_eq!(of_copy(&env), original.0);
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "an overwritten backup is private too");

    let err = env.run(["backup", env.db().to_str().unwrap()]).fails();
    assert!(err.contains("the store itself"), "{err}");
    let err = env.run(["backup", env.root().to_str().unwrap()]).fails();
    assert!(err.contains("directory"), "{err}");
    let leftovers: Vec<String> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        leftovers,
        ["gagyebu.sqlite3"],
        "temporary files left behind"
    );
    assert_eq!(env.snapshot(), original, "backing up changed the store");

    let none = Env::new();
    let err = none.run(["backup", "copy.sqlite3"]).fails();
    assert!(err.contains("no store"), "{err}");
    assert!(!none.db().exists(), "backup created an empty store");
}

#[test]
fn a_backup_during_an_import_holds_the_store_before_or_after_it() {
    const ROWS: usize = 40_000;
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let big = env.write("big.csv", big_statement(ROWS, "backup"));
    let mut import = spawn(&env, &["import", &big]);
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60)
        && import.try_wait().unwrap().is_none()
        && !std::fs::metadata(&wal).is_ok_and(|m| m.len() > 1 << 20)
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    let copy = env.root().join("during.sqlite3");
    env.run(["backup", copy.to_str().unwrap()]).ok();
    assert!(finish(import).status.success());
    let (check, txs, batches) = inspect(&copy);
    assert_eq!(check, "ok");
    assert!(
        (txs, batches) == (MARCH_ROWS as i64, 1)
            || (txs, batches) == ((MARCH_ROWS as usize + ROWS) as i64, 2),
        "the backup caught the import halfway: {txs} transactions, {batches} batches"
    );
}
