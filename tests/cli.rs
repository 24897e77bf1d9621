//! Integration tests: the real `gagyebu` binary on real files, each test in its own
//! temporary HOME with its own store. DESIGN.md ("Storage", "Import semantics",
//! "Command line", the JSON shapes) is the contract these tests hold the program to.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use serde_json::{json, Value};
use tempfile::TempDir;

#[path = "cli/categorize.rs"]
mod categorize;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/profiles.rs"]
mod profiles;
#[path = "cli/reports.rs"]
mod reports;
#[path = "cli/robustness.rs"]
mod robustness;
#[path = "cli/totals.rs"]
mod totals;
#[path = "cli/wishes.rs"]
mod wishes;

/// The March statement most tests import: five rows in gagyebu's own CSV.
const MARCH: &str = include_str!("fixtures/2025-03.csv");
const MARCH_ROWS: u64 = 5;
/// Statement rows below a bank's title and notice rows, with blank lines and a total.
const PREAMBLE: &str = include_str!("fixtures/preamble.csv");
/// Four months across two accounts with categories, for the `tx list` filters.
const HISTORY: &str = include_str!("fixtures/history.csv");
/// A user profile for a semicolon-separated German bank export, and such an export.
const SPARKASSE_PROFILE: &str = include_str!("fixtures/sparkasse.toml");
const SPARKASSE: &str = include_str!("fixtures/sparkasse.csv");

// ---------------------------------------------------------------------------------------
// The test environment
// ---------------------------------------------------------------------------------------

/// One test's world: a temporary directory holding HOME, the XDG directories, the
/// statement files the test writes, and the store (`--db <tmp>/store.sqlite3`).
struct Env {
    dir: TempDir,
    /// Set as $GAGYEBU_DB on every command when `Some`.
    gagyebu_db: Option<PathBuf>,
}

/// What a command did.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    fn ok(self) -> String {
        assert!(
            self.status.success(),
            "expected success, got {}\nstdout:\n{}\nstderr:\n{}",
            self.status,
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "stderr: {}", self.stderr);
        self.stdout
    }

    /// Asserts the contract for a failed command: non-zero exit, no panic, and exactly one
    /// non-empty stderr line starting with `gagyebu:`. Returns that line.
    fn fails(self) -> String {
        assert!(
            !self.status.success(),
            "expected failure, got success\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "stderr is not one line:\n{}", self.stderr);
        let line = lines[0];
        assert!(line.starts_with("gagyebu:"), "stderr: {line}");
        assert!(line.len() > "gagyebu:".len() + 1, "empty error: {line}");
        line.to_string()
    }
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Env {
            dir,
            gagyebu_db: None,
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The store the tests use by default.
    fn db(&self) -> PathBuf {
        self.root().join("store.sqlite3")
    }

    fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// Where user profiles go: $XDG_CONFIG_HOME/gagyebu/imports/.
    fn profile_dir(&self) -> PathBuf {
        self.config_home().join("gagyebu").join("imports")
    }

    /// The binary with this test's environment and no `--db`.
    fn bare(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("gagyebu").expect("the gagyebu binary");
        cmd.env("HOME", self.root().join("home"))
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env_remove("GAGYEBU_DB")
            .current_dir(self.root());
        if let Some(db) = &self.gagyebu_db {
            cmd.env("GAGYEBU_DB", db);
        }
        cmd
    }

    /// The binary with `--db <tmp>/store.sqlite3` and `args`.
    fn cmd<I, S>(&self, args: I) -> assert_cmd::Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(self.db()).args(args);
        cmd
    }

    fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run(self.cmd(args))
    }

    /// Writes a statement (or any) file into the temp dir; returns its path.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.root().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path.to_str().expect("temp paths are UTF-8").to_string()
    }

    /// Runs a command that must succeed and print JSON.
    fn json<I, S>(&self, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.cmd(["--format", "json"]);
        cmd.args(args);
        parse_json(&run(cmd).ok())
    }

    /// `tx list --format json` plus any filter flags.
    fn txs(&self, filters: &[&str]) -> Value {
        let mut args = vec!["tx", "list"];
        args.extend_from_slice(filters);
        self.json(args)
    }

    /// `import --format json FILE...` (plus flags), which must succeed.
    fn import(&self, args: &[&str]) -> Value {
        let mut all = vec!["import"];
        all.extend_from_slice(args);
        self.json(all)
    }

    /// Everything a failed command must leave as it was.
    fn snapshot(&self) -> (Value, Value) {
        (self.txs(&[]), self.json(["import", "list"]))
    }
}

fn run(mut cmd: assert_cmd::Command) -> Run {
    let output = cmd.output().expect("run gagyebu");
    Run {
        status: output.status,
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

/// `tx list` JSON without the ids, which differ between stores.
fn without_ids(txs: &Value) -> Value {
    Value::Array(
        array(txs)
            .iter()
            .map(|t| {
                let mut t = t.as_object().expect("tx is an object").clone();
                t.remove("id");
                Value::Object(t)
            })
            .collect(),
    )
}

/// One field of every transaction, in list order.
fn field<'a>(txs: &'a Value, name: &str) -> Vec<&'a str> {
    array(txs)
        .iter()
        .map(|t| t[name].as_str().unwrap_or_else(|| panic!("{name} of {t}")))
        .collect()
}

/// The transaction whose payee is `payee`.
fn by_payee<'a>(txs: &'a Value, payee: &str) -> &'a Value {
    let found: Vec<&Value> = array(txs).iter().filter(|t| t["payee"] == payee).collect();
    assert_eq!(found.len(), 1, "want one tx with payee {payee} in {txs:#}");
    found[0]
}

/// A statement in gagyebu's own CSV, one row per day of March from `first` to `last`,
/// a different shop each day.
fn days(first: u32, last: u32) -> String {
    let shops = [
        "스타벅스 성수역점",
        "이마트 성수점",
        "교보문고 광화문점",
        "당근페이",
    ];
    let mut text = String::from("date,payee,amount\n");
    for day in first..=last {
        let shop = shops[day as usize % shops.len()];
        text.push_str(&format!("2025-03-{day:02},{shop},\"-{},500\"\n", day));
    }
    text
}

// ---------------------------------------------------------------------------------------
// Dedup
// ---------------------------------------------------------------------------------------

#[test]
fn reimporting_the_same_statement_adds_nothing() {
    let env = Env::new();
    let file = env.write("2025-03.csv", MARCH);

    let first = env.import(&[&file]);
    assert_eq!(first["new"], MARCH_ROWS);
    assert_eq!(first["duplicates"], 0);
    let before = env.txs(&[]);
    assert_eq!(array(&before).len() as u64, MARCH_ROWS);

    let second = env.import(&[&file]);
    assert_eq!(second["new"], 0, "{second:#}");
    assert_eq!(second["duplicates"], MARCH_ROWS);
    assert_eq!(second["files"][0]["rows"], MARCH_ROWS);
    assert_eq!(second["files"][0]["new"], 0);
    assert_eq!(second["files"][0]["duplicates"], MARCH_ROWS);
    assert_eq!(env.txs(&[]), before, "a re-import changed the transactions");
}

#[test]
fn overlapping_statements_add_only_the_unseen_days() {
    let env = Env::new();
    let a = env.write("a.csv", days(1, 10));
    let b = env.write("b.csv", days(6, 15));

    assert_eq!(env.import(&[&a])["new"], 10);
    let report = env.import(&[&b]);
    assert_eq!(report["new"], 5, "{report:#}");
    assert_eq!(report["duplicates"], 5);

    let txs = env.txs(&[]);
    let want: Vec<String> = (1..=15).map(|d| format!("2025-03-{d:02}")).collect();
    assert_eq!(field(&txs, "date"), want, "each day exactly once");
}

#[test]
fn identical_rows_on_one_day_stay_separate_and_count_as_a_multiset() {
    let env = Env::new();
    let coffee = "2025-03-27,스타벅스 성수역점,아이스 아메리카노,\"-4,700\"\n";
    let header = "date,payee,memo,amount\n";
    let two = env.write("two.csv", format!("{header}{coffee}{coffee}"));
    let three = env.write("three.csv", format!("{header}{coffee}{coffee}{coffee}"));

    let first = env.import(&[&two]);
    assert_eq!(
        first["new"], 2,
        "two identical coffees are two coffees: {first:#}"
    );
    assert_eq!(array(&env.txs(&[])).len(), 2);

    let later = env.import(&[&three]);
    assert_eq!(later["new"], 1, "{later:#}");
    assert_eq!(later["duplicates"], 2);
    assert_eq!(array(&env.txs(&[])).len(), 3);

    assert_eq!(env.import(&[&three])["new"], 0);
}

// ---------------------------------------------------------------------------------------
// Atomic imports and errors
// ---------------------------------------------------------------------------------------

#[test]
fn unreadable_amount_fails_naming_file_line_column_and_value_and_changes_nothing() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let before = env.snapshot();

    let broken = env.write(
        "broken-amount.csv",
        "date,payee,memo,amount\n\
         2025-04-01,스타벅스 성수역점,,\"-4,700\"\n\
         2025-04-02,교보문고 광화문점,,\"-18,000\"\n\
         2025-04-03,이마트 성수점,장보기,\"-165,OOO\"\n\
         2025-04-04,당근페이,,\"-12,000\"\n",
    );
    let err = env.run(["import", &broken]).fails();
    assert!(err.contains("broken-amount.csv"), "{err}");
    assert!(err.contains(":4:"), "{err}");
    assert!(err.contains("amount"), "{err}");
    assert!(err.contains("-165,OOO"), "{err}");
    assert_eq!(env.snapshot(), before, "a failed import changed the store");
}

#[test]
fn unreadable_date_fails_naming_file_line_column_and_value_and_changes_nothing() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let before = env.snapshot();

    let broken = env.write(
        "broken-date.csv",
        "date,payee,memo,amount\n\
         2025-04-01,스타벅스 성수역점,,\"-4,700\"\n\
         2025-04-02,교보문고 광화문점,,\"-18,000\"\n\
         2025-04-31,이마트 성수점,장보기,\"-165,000\"\n",
    );
    let err = env.run(["import", &broken]).fails();
    assert!(err.contains("broken-date.csv"), "{err}");
    assert!(err.contains(":4:"), "{err}");
    assert!(err.contains("date"), "{err}");
    assert!(err.contains("2025-04-31"), "{err}");
    assert_eq!(env.snapshot(), before, "a failed import changed the store");
}

#[test]
fn a_broken_second_file_keeps_the_first_files_rows_out_too() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let before = env.snapshot();

    let good = env.write("april.csv", days(1, 3).replace("2025-03-", "2025-04-"));
    let broken = env.write(
        "broken.csv",
        "date,payee,amount\n\
         2025-05-01,스타벅스 성수역점,\"-4,700\"\n\
         2025-05-02,교보문고 광화문점,\"-18,000\"\n\
         2025-05-03,이마트 성수점,\"-165,OOO\"\n",
    );
    let err = env.run(["import", &good, &broken]).fails();
    assert!(err.contains("broken.csv") && err.contains(":4:"), "{err}");
    assert_eq!(
        env.snapshot(),
        before,
        "the good first file was partly kept"
    );

    // The good file on its own still imports: nothing of it was recorded as seen.
    assert_eq!(env.import(&[&good])["new"], 3);
}

#[test]
fn bad_inputs_fail_with_one_line_and_leave_the_store_unchanged() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let before = env.snapshot();

    let missing = env.root().join("nosuch.csv").to_str().unwrap().to_string();
    let directory = env.root().join("statements");
    std::fs::create_dir(&directory).unwrap();
    let directory = directory.to_str().unwrap().to_string();
    let empty = env.write("empty.csv", "");
    let header_only = env.write("header-only.csv", "date,payee,memo,amount\n");
    let unknown = env.write(
        "unknown.csv",
        "date,merchant,amount\n2025-03-01,스타벅스 성수역점,\"-4,700\"\n",
    );
    // A PNG header, then pseudo-random bytes with NULs among them.
    let mut garbage = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut seed: u32 = 0x2545_f491;
    for _ in 0..4096 {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        garbage.push((seed >> 24) as u8);
    }
    let garbage = env.write("statement.csv", garbage);
    let march = env.write("march.csv", MARCH);

    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("missing file", vec!["import", &missing]),
        ("directory", vec!["import", &directory]),
        ("empty file", vec!["import", &empty]),
        ("header only", vec!["import", &header_only]),
        ("no profile matches", vec!["import", &unknown]),
        ("binary garbage", vec!["import", &garbage]),
        (
            "unknown profile",
            vec!["import", "--profile", "nosuch", &march],
        ),
    ];
    for (what, args) in cases {
        let err = env.run(&args).fails();
        match what {
            "missing file" => assert!(err.contains("nosuch.csv"), "{what}: {err}"),
            "empty file" => assert!(err.contains("empty.csv"), "{what}: {err}"),
            "header only" => assert!(err.contains("header-only.csv"), "{what}: {err}"),
            "no profile matches" => {
                assert!(err.contains("unknown.csv"), "{what}: {err}");
                assert!(err.contains("generic"), "names the closest profile: {err}");
                assert!(err.contains("--profile"), "{what}: {err}");
            }
            "unknown profile" => {
                assert!(err.contains("nosuch"), "{what}: {err}");
                assert!(err.contains("generic"), "names the known profiles: {err}");
            }
            _ => {}
        }
        assert_eq!(env.snapshot(), before, "{what} changed the store");
    }
}

// ---------------------------------------------------------------------------------------
// The store file
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn store_is_created_private_with_its_missing_parent_directories() {
    use std::os::unix::fs::PermissionsExt;

    let env = Env::new();
    let db = env
        .root()
        .join("nested")
        .join("deeper")
        .join("books.sqlite3");
    let file = env.write("2025-03.csv", MARCH);
    let mut cmd = env.bare();
    cmd.arg("--db").arg(&db).args(["import", &file]);
    run(cmd).ok();

    assert!(db.is_file(), "store not created at {}", db.display());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "store mode is {mode:o}");
    // And nothing else is readable by others either (SQLite's -wal / -shm files).
    for entry in std::fs::read_dir(db.parent().unwrap()).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o077;
        assert_eq!(mode, 0, "{} is readable by others", path.display());
    }
}

#[test]
fn db_flag_beats_env_which_beats_the_xdg_default() {
    let mut env = Env::new();
    let file = env.write("2025-03.csv", MARCH);
    let flag_db = env.root().join("flag.sqlite3");
    let env_db = env.root().join("env.sqlite3");
    let xdg_db = env.data_home().join("gagyebu").join("gagyebu.sqlite3");

    // --db and $GAGYEBU_DB: --db wins.
    env.gagyebu_db = Some(env_db.clone());
    let mut cmd = env.bare();
    cmd.arg("--db").arg(&flag_db).args(["import", &file]);
    run(cmd).ok();
    assert!(flag_db.is_file());
    assert!(
        !env_db.exists(),
        "$GAGYEBU_DB was used although --db was given"
    );
    assert!(!xdg_db.exists());

    // $GAGYEBU_DB alone: it beats the XDG default.
    let mut cmd = env.bare();
    cmd.args(["import", &file]);
    run(cmd).ok();
    assert!(env_db.is_file(), "$GAGYEBU_DB was not used");
    assert!(
        !xdg_db.exists(),
        "the XDG default was used although $GAGYEBU_DB was set"
    );

    // Neither: $XDG_DATA_HOME/gagyebu/gagyebu.sqlite3, and it is the store that is read.
    env.gagyebu_db = None;
    let mut cmd = env.bare();
    cmd.args(["import", "--format", "json", &file]);
    let report = parse_json(&run(cmd).ok());
    assert_eq!(
        report["new"], MARCH_ROWS,
        "the default store was not a fresh one"
    );
    assert!(xdg_db.is_file(), "no store at {}", xdg_db.display());
    let mut cmd = env.bare();
    cmd.args(["tx", "list", "--format", "json"]);
    assert_eq!(array(&parse_json(&run(cmd).ok())).len() as u64, MARCH_ROWS);
}

// ---------------------------------------------------------------------------------------
// Import reports
// ---------------------------------------------------------------------------------------

#[test]
fn dry_run_reports_what_the_import_does_and_writes_nothing() {
    let env = Env::new();
    let a = env.write("a.csv", days(1, 10));
    let b = env.write("b.csv", days(6, 15));

    let dry = env.import(&["--dry-run", &a]);
    assert_eq!(dry["new"], 10);
    assert_eq!(env.txs(&[]), json!([]), "the dry run wrote transactions");
    assert_eq!(
        env.json(["import", "list"]),
        json!([]),
        "the dry run recorded a batch"
    );
    let real = env.import(&[&a]);
    assert_eq!(dry, real);

    // On top of stored rows, too: the dry run sees the duplicates the import will see.
    let before = env.snapshot();
    let dry = env.import(&["--dry-run", &b]);
    assert_eq!((&dry["new"], &dry["duplicates"]), (&json!(5), &json!(5)));
    assert_eq!(env.snapshot(), before, "the dry run wrote something");
    assert_eq!(dry, env.import(&[&b]));
}

/// The keys of a JSON object, sorted.
fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn import_and_tx_list_json_have_the_documented_shapes() {
    let env = Env::new();
    let file = env.write(
        "statement.csv",
        "date,payee,memo,amount,currency,category\n\
         2025-03-18,성수상회,잡화,\"-165,000\",KRW,\n\
         2025-03-20,Amazon.com,Kindle Paperwhite,-159.99,USD,electronics\n",
    );
    let report = env.import(&[&file]);
    assert_eq!(keys(&report), ["duplicates", "files", "new"]);
    let files = array(&report["files"]);
    assert_eq!(files.len(), 1);
    let f = &files[0];
    assert_eq!(
        keys(f),
        ["account", "duplicates", "file", "new", "profile", "rows"]
    );
    assert!(
        f["file"].as_str().unwrap().ends_with("statement.csv"),
        "{f}"
    );
    assert_eq!(f["profile"], "generic");
    assert_eq!(f["account"], "generic");
    for key in ["rows", "new", "duplicates"] {
        assert!(f[key].is_u64(), "{key} is not an integer: {f}");
    }
    assert_eq!(
        (&f["rows"], &f["new"], &f["duplicates"]),
        (&json!(2), &json!(2), &json!(0))
    );
    assert!(
        report["new"].is_u64() && report["duplicates"].is_u64(),
        "{report}"
    );

    let txs = env.txs(&[]);
    let list = array(&txs);
    assert_eq!(list.len(), 2);
    for t in list {
        assert_eq!(
            keys(t),
            ["account", "amount", "category", "currency", "date", "id", "memo", "payee"]
        );
        assert!(t["id"].is_i64(), "{t}");
    }
    let mart = &list[0];
    assert_eq!(mart["date"], "2025-03-18");
    assert_eq!(mart["account"], "generic");
    assert_eq!(mart["payee"], "성수상회");
    assert_eq!(mart["memo"], "잡화");
    assert_eq!(
        mart["amount"], "-165000",
        "amounts are exact decimal strings"
    );
    assert_eq!(mart["currency"], "KRW");
    assert_eq!(mart["category"], Value::Null, "no rule knows 성수상회");
    let kindle = &list[1];
    assert_eq!(kindle["amount"], "-159.99");
    assert_eq!(kindle["currency"], "USD");
    assert_eq!(kindle["category"], "electronics");
}

// ---------------------------------------------------------------------------------------
// Encodings and text
// ---------------------------------------------------------------------------------------

/// The UTF-16LE bytes of `text` after a BOM, as spreadsheets save "Unicode text".
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

/// The transactions a fresh store holds after importing `bytes`.
fn imported(bytes: &[u8], name: &str) -> Value {
    let env = Env::new();
    let file = env.write(name, bytes);
    let report = env.import(&[&file]);
    assert_eq!(report["new"], MARCH_ROWS, "{name}: {report:#}");
    without_ids(&env.txs(&[]))
}

#[test]
fn cp949_bom_and_utf16_statements_import_like_utf8() {
    let original = imported(MARCH.as_bytes(), "utf8.csv");
    assert_eq!(
        by_payee(&original, "교보문고 광화문점")["memo"],
        "사피엔스, 총 균 쇠"
    );

    let (cp949, _, unmappable) = encoding_rs::EUC_KR.encode(MARCH);
    assert!(!unmappable);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(MARCH.as_bytes());
    let cases: [(&str, Vec<u8>); 3] = [
        ("cp949.csv", cp949.into_owned()),
        ("bom.csv", bom),
        ("utf16.csv", utf16le_with_bom(MARCH)),
    ];
    for (name, bytes) in cases {
        assert_eq!(imported(&bytes, name), original, "{name}");
    }
}

#[test]
fn utf16_tab_delimited_unicode_text_imports_like_utf8() {
    let original = imported(MARCH.as_bytes(), "utf8.csv");
    // What a spreadsheet's "Unicode text" export of the same file looks like.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(MARCH.as_bytes());
    let tsv: String = reader
        .records()
        .map(|r| r.unwrap().iter().collect::<Vec<_>>().join("\t") + "\r\n")
        .collect();
    assert!(tsv.starts_with("date\tpayee\tmemo\tamount\r\n"));
    assert_eq!(imported(&utf16le_with_bom(&tsv), "unicode.txt"), original);
}

#[test]
fn decomposed_hangul_is_stored_composed_searchable_and_deduplicated() {
    use unicode_normalization::UnicodeNormalization;

    let env = Env::new();
    let nfc = "date,payee,memo,amount\n2025-03-08,당근페이,캠핑 의자,\"-35,000\"\n";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc);
    assert_eq!(env.import(&[&env.write("mac.csv", &nfd)])["new"], 1);

    let txs = env.txs(&[]);
    assert_eq!(txs[0]["payee"], "당근페이", "payee not stored as NFC");
    assert_eq!(txs[0]["memo"], "캠핑 의자", "memo not stored as NFC");
    assert_eq!(array(&env.txs(&["--search", "당근"])).len(), 1);
    assert_eq!(array(&env.txs(&["--search", "의자"])).len(), 1);

    let again = env.import(&[&env.write("nfc.csv", nfc)]);
    assert_eq!(
        (&again["new"], &again["duplicates"]),
        (&json!(0), &json!(1))
    );
}

#[test]
fn preamble_blank_lines_and_total_rows_are_skipped_and_headers_match_loosely() {
    let env = Env::new();
    let report = env.import(&[&env.write("card.csv", PREAMBLE)]);
    assert_eq!(report["files"][0]["profile"], "generic");
    assert_eq!(report["files"][0]["rows"], 3, "{report:#}");

    let txs = env.txs(&[]);
    assert_eq!(
        field(&txs, "payee"),
        ["스타벅스 성수역점", "교보문고 광화문점", "이마트 성수점"]
    );
    assert_eq!(
        field(&txs, "date"),
        ["2025-03-01", "2025-03-02", "2025-03-18"]
    );
    assert_eq!(field(&txs, "amount"), ["-4700", "-41400", "-165000"]);
    assert_eq!(field(&txs, "memo"), ["아이스 아메리카노", "", "장보기"]);

    // The same with the header " Date ,PAYEE,Amount" and no preamble.
    let env = Env::new();
    let file = env.write(
        "upper.csv",
        " Date ,PAYEE,Amount\n2025-03-01,스타벅스 성수역점,\"-4,700\"\n",
    );
    env.import(&[&file]);
    assert_eq!(field(&env.txs(&[]), "payee"), ["스타벅스 성수역점"]);
}

// ---------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------

#[test]
fn amounts_import_as_statements_write_them() {
    let env = Env::new();
    let cases = [
        ("스타벅스 성수역점", "\"-12,000\"", "", "-12000"),
        ("당근페이 판매", "12000원", "", "12000"),
        ("교보문고 광화문점", "\"₩12,000\"", "", "12000"),
        ("이마트 환불", "\"+3,000\"", "", "3000"),
        ("GS25 성수점", "\"(1,234)\"", "", "-1234"),
        ("올리브영", "\"\u{2212}5,600\"", "", "-5600"),
        ("쿠팡", "\"KRW 12,000\"", "", "12000"),
        ("REI Co-op", "\"$1,250.00\"", "USD", "1250.00"),
    ];
    let mut text = String::from("date,payee,amount,currency\n");
    for (payee, amount, currency, _) in cases {
        text.push_str(&format!("2025-03-18,{payee},{amount},{currency}\n"));
    }
    env.run(["import", &env.write("amounts.csv", text)]).ok();
    let txs = env.txs(&[]);
    for (payee, written, currency, want) in cases {
        let t = by_payee(&txs, payee);
        assert_eq!(t["amount"], want, "{written} read as {}", t["amount"]);
        let currency = if currency.is_empty() { "KRW" } else { currency };
        assert_eq!(t["currency"], currency, "{written}");
    }
}

#[test]
fn amount_with_more_decimals_than_its_currency_is_an_error() {
    let env = Env::new();
    let file = env.write(
        "decimals.csv",
        "date,payee,amount\n2025-03-18,이마트 성수점,12.5\n",
    );
    let err = env.run(["import", &file]).fails();
    assert!(err.contains("decimals.csv:2:"), "{err}");
    assert!(err.contains("12.5"), "{err}");
    assert_eq!(env.txs(&[]), json!([]));
}

// ---------------------------------------------------------------------------------------
// tx list
// ---------------------------------------------------------------------------------------

#[test]
fn a_long_import_into_a_pipe_shows_no_progress_bar() {
    // Long enough for the bar's delay (300 ms) in a debug build; stderr is a pipe here,
    // and a pipe (a log, a script) gets the summary alone.
    let env = Env::new();
    let mut csv = String::from("date,payee,memo,amount\n");
    for i in 0..40_000 {
        csv.push_str(&format!(
            "2024-{:02}-{:02},가게 {i},,-{}\n",
            i % 12 + 1,
            i % 28 + 1,
            1000 + i
        ));
    }
    let file = env.write("big.csv", csv);
    let run = env.run(["import", &file]);
    let stderr = run.stderr.clone();
    run.ok();
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('█'),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "only the categorized-count note: {stderr}"
    );
}

#[test]
fn tx_list_filters_narrow_the_list() {
    let env = Env::new();
    env.import(&[&env.write("history.csv", HISTORY)]);
    let payees = |filters: &[&str]| -> Vec<String> {
        field(&env.txs(filters), "payee")
            .into_iter()
            .map(String::from)
            .collect()
    };

    assert_eq!(array(&env.txs(&[])).len(), 6);
    assert_eq!(
        field(&env.txs(&["--year", "2025"]), "date"),
        [
            "2025-01-15",
            "2025-02-03",
            "2025-02-28",
            "2025-03-01",
            "2025-03-18"
        ]
    );
    assert_eq!(field(&env.txs(&["--year", "2024"]), "date"), ["2024-12-24"]);
    assert_eq!(
        field(&env.txs(&["--month", "2025-02"]), "date"),
        ["2025-02-03", "2025-02-28"]
    );
    assert_eq!(
        field(
            &env.txs(&["--from", "2025-02-28", "--to", "2025-03-01"]),
            "date"
        ),
        ["2025-02-28", "2025-03-01"],
        "--from and --to are inclusive"
    );
    assert_eq!(
        field(&env.txs(&["--from", "2025-03-01"]), "date"),
        ["2025-03-01", "2025-03-18"]
    );
    assert_eq!(
        payees(&["--category", "cafe"]),
        ["Starbucks Reserve", "스타벅스 성수역점"]
    );
    // Rows whose category cell is empty go through the rules; no rule knows these two.
    assert_eq!(payees(&["--uncategorized"]), ["당근페이", "성수상회"]);
    for t in array(&env.txs(&["--uncategorized"])) {
        assert_eq!(t["category"], Value::Null, "{t}");
    }
    assert_eq!(payees(&["--search", "STARBUCKS"]), ["Starbucks Reserve"]);
    assert_eq!(
        payees(&["--search", "케이크"]),
        ["성수상회"],
        "memo is searched"
    );
    assert_eq!(
        payees(&["--account", "신한카드"]),
        [
            "교보문고 광화문점",
            "Starbucks Reserve",
            "스타벅스 성수역점"
        ]
    );
    assert_eq!(
        field(&env.txs(&["--limit", "2"]), "date"),
        ["2024-12-24", "2025-01-15"]
    );
    assert_eq!(
        payees(&[
            "--year",
            "2025",
            "--account",
            "KB국민은행",
            "--uncategorized"
        ]),
        ["당근페이", "성수상회"]
    );

    let err = env.run(["tx", "list", "--category", "nosuch"]).fails();
    assert!(err.contains("nosuch"), "{err}");
    let err = env.run(["tx", "list", "--account", "nosuch"]).fails();
    assert!(err.contains("nosuch"), "{err}");
}

#[test]
fn tx_list_csv_reimports_to_the_same_transactions() {
    let env = Env::new();
    env.import(&[&env.write("history.csv", HISTORY)]);
    let usd = env.write(
        "usd.csv",
        "date,payee,amount,currency\n2025-03-20,Amazon.com,-159.99,USD\n",
    );
    env.import(&[&usd]);
    let original = env.txs(&[]);
    let csv = env.run(["tx", "list", "--format", "csv"]).ok();

    let fresh = Env::new();
    let report = fresh.import(&[&fresh.write("export.csv", &csv)]);
    assert_eq!(report["new"], 7, "{report:#}");
    assert_eq!(without_ids(&fresh.txs(&[])), without_ids(&original));
}

#[test]
fn tx_list_md_is_a_markdown_table() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let md = env.run(["tx", "list", "--format", "md"]).ok();
    let lines: Vec<&str> = md.lines().collect();
    assert!(
        lines[0].starts_with('|') && lines[0].contains("payee"),
        "{md}"
    );
    assert!(
        lines[1].starts_with('|')
            && lines[1].contains("---")
            && lines[1].chars().all(|c| "|-: ".contains(c)),
        "no rule under the header:\n{md}"
    );
    assert!(md.contains("이마트 성수점"), "{md}");
}

#[test]
fn tx_list_into_a_closed_pipe_exits_zero() {
    let env = Env::new();
    let mut text = String::from("date,payee,memo,amount\n");
    for i in 0..2000 {
        let day = i % 28 + 1;
        text.push_str(&format!(
            "2025-03-{day:02},이마트 성수점 {i},장보기 {i},\"-{},{:03}\"\n",
            i % 999 + 1,
            i % 1000
        ));
    }
    assert_eq!(env.import(&[&env.write("big.csv", text)])["new"], 2000);

    for format in ["table", "json", "csv"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gagyebu"))
            .env("HOME", env.root().join("home"))
            .env("XDG_DATA_HOME", env.data_home())
            .env("XDG_CONFIG_HOME", env.config_home())
            .env_remove("GAGYEBU_DB")
            .arg("--db")
            .arg(env.db())
            .args(["tx", "list", "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn gagyebu");
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            output.status.success(),
            "{format}: {} {stderr}",
            output.status
        );
    }
}

// ---------------------------------------------------------------------------------------
// Profiles and accounts
// ---------------------------------------------------------------------------------------

#[test]
fn builtin_profiles_are_listed_and_shown_as_toml() {
    let env = Env::new();
    let list = env.json(["profile", "list"]);
    let names: Vec<&str> = array(&list)
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"generic"), "{list:#}");
    assert!(env.run(["profile", "list"]).ok().contains("generic"));

    let toml = env.run(["profile", "show", "generic"]).ok();
    assert!(toml.contains("name = \"generic\""), "{toml}");

    let err = env.run(["profile", "show", "nosuch"]).fails();
    assert!(err.contains("nosuch") && err.contains("generic"), "{err}");
}

#[test]
fn user_profile_is_listed_and_imports_its_format() {
    let env = Env::new();
    std::fs::create_dir_all(env.profile_dir()).unwrap();
    std::fs::write(env.profile_dir().join("sparkasse.toml"), SPARKASSE_PROFILE).unwrap();

    let list = env.json(["profile", "list"]);
    let names: Vec<&str> = array(&list)
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        names.contains(&"sparkasse") && names.contains(&"generic"),
        "{list:#}"
    );
    let shown = env.run(["profile", "show", "sparkasse"]).ok();
    assert!(shown.contains("decimal_comma = true"), "{shown}");

    let report = env.import(&[&env.write("umsaetze.csv", SPARKASSE)]);
    assert_eq!(report["files"][0]["profile"], "sparkasse", "{report:#}");
    assert_eq!(report["files"][0]["account"], "sparkasse");
    let txs = env.txs(&[]);
    assert_eq!(
        field(&txs, "date"),
        ["2025-03-03", "2025-03-05", "2025-03-07"]
    );
    assert_eq!(
        field(&txs, "payee"),
        ["Globetrotter Ausrüstung", "Arbeitgeber GmbH", "REWE Markt"]
    );
    assert_eq!(
        field(&txs, "memo"),
        ["Zelt Nallo 2", "Gehalt März", "Einkauf"]
    );
    assert_eq!(field(&txs, "amount"), ["-1234.56", "2500.00", "-23.40"]);
    assert_eq!(field(&txs, "currency"), ["EUR", "EUR", "EUR"]);
}

#[test]
fn user_profile_encoding_reads_a_legacy_statement_it_recognizes() {
    let env = Env::new();
    std::fs::create_dir_all(env.profile_dir()).unwrap();
    let profile = SPARKASSE_PROFILE.replace(
        "currency = \"EUR\"",
        "currency = \"EUR\"\nencoding = \"windows-1252\"",
    );
    assert!(profile.contains("windows-1252"));
    std::fs::write(env.profile_dir().join("sparkasse.toml"), profile).unwrap();
    // German banks export windows-1252: "Empfänger" is not UTF-8 (nor CP949) here.
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(SPARKASSE);
    assert!(!unmappable);
    let file = env.write("umsaetze-1252.csv", &bytes);

    let report = env.import(&[&file]);
    assert_eq!(report["files"][0]["profile"], "sparkasse", "{report:#}");
    let txs = env.txs(&[]);
    assert_eq!(
        field(&txs, "payee"),
        ["Globetrotter Ausrüstung", "Arbeitgeber GmbH", "REWE Markt"]
    );
    assert_eq!(
        field(&txs, "memo"),
        ["Zelt Nallo 2", "Gehalt März", "Einkauf"]
    );
}

#[test]
fn broken_user_profile_is_an_error_naming_its_path() {
    let env = Env::new();
    std::fs::create_dir_all(env.profile_dir()).unwrap();
    let path = env.profile_dir().join("mybank.toml");
    // `amount` needs one of signed, out + in, charge; this one is a bare string.
    std::fs::write(
        &path,
        "name = \"mybank\"\ndate = { column = \"Datum\", formats = [\"%d.%m.%Y\"] }\namount = \"Betrag\"\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();

    let err = env.run(["profile", "list"]).fails();
    assert!(err.contains(path), "{err}");
    let err = env
        .run(["import", &env.write("2025-03.csv", MARCH)])
        .fails();
    assert!(err.contains(path), "{err}");
    assert_eq!(env.txs(&[]), json!([]));
}

#[test]
fn account_comes_from_the_flag_else_the_row_else_the_profile() {
    let env = Env::new();
    let march = env.write("2025-03.csv", MARCH);

    let report = env.import(&["--account", "신한카드", &march]);
    assert_eq!(report["files"][0]["account"], "신한카드");
    assert_eq!(field(&env.txs(&[]), "account"), ["신한카드"; 5]);

    // Without the flag the same statement is another account's: all of it is new.
    let report = env.import(&[&march]);
    assert_eq!(report["new"], MARCH_ROWS, "{report:#}");
    assert_eq!(report["files"][0]["account"], "generic");
    assert_eq!(
        array(&env.txs(&["--account", "generic"])).len() as u64,
        MARCH_ROWS
    );

    // A file's own account column names the account of each row.
    let env = Env::new();
    env.import(&[&env.write("history.csv", HISTORY)]);
    let txs = env.txs(&[]);
    assert_eq!(
        field(&txs, "account"),
        [
            "신한카드",
            "신한카드",
            "KB국민은행",
            "KB국민은행",
            "신한카드",
            "KB국민은행"
        ]
    );

    // ... unless --account overrides it.
    let env = Env::new();
    env.import(&["--account", "토스뱅크", &env.write("history.csv", HISTORY)]);
    assert_eq!(field(&env.txs(&[]), "account"), ["토스뱅크"; 6]);
}
