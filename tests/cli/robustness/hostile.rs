//! Hostile and broken files fail fast, on one short line naming file, line, column and
//! value, and change nothing; awkward but valid files import exactly.

use super::*;

/// The committed corpus: tests/fixtures/hostile/.
fn hostile(name: &str) -> String {
    fixture(&format!("hostile/{name}"))
}

fn awkward(name: &str) -> String {
    fixture(&format!("awkward/{name}"))
}

fn fixture(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    assert!(path.is_file(), "missing fixture {}", path.display());
    path.to_str().unwrap().to_string()
}

/// Runs `import FILE` expecting the failure contract, quickly, with the store unchanged;
/// returns the error line.
fn refused(env: &Env, file: &str) -> String {
    let before = env.snapshot();
    let started = Instant::now();
    let err = env.run(["import", file]).fails();
    let took = started.elapsed();
    assert!(took < QUICK, "{file} took {took:?}");
    assert!(
        err.len() < 400,
        "error is not short ({} bytes): {err:.400}",
        err.len()
    );
    let name = Path::new(file).file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name), "the error names the file: {err}");
    assert_eq!(env.snapshot(), before, "{name} changed the store");
    err
}

#[test]
fn hostile_files_fail_with_file_line_column_and_value_and_change_nothing() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    // (fixture, what the one error line must hold besides the file name)
    let cases: &[(&str, &[&str])] = &[
        ("empty.csv", &["empty"]),
        ("truncated-utf8.csv", &[":4:", "UTF-8"]),
        ("cp949-labelled-utf8.csv", &[":2:", "UTF-8"]),
        ("mixed-encodings.csv", &[":3:", "UTF-8"]),
        ("nul-bytes.csv", &[":3:", "binary"]),
        (
            "unclosed-quote.csv",
            &[":3:", "column 4", "\"사피엔스\"", "quote"],
        ),
        ("statement.json", &["no import profile matches"]),
        ("date-feb-30.csv", &[":3:", "\"date\"", "\"2023-02-30\""]),
        (
            "date-year-99999.csv",
            &[":4:", "\"date\"", "\"99999-01-01\""],
        ),
        ("amount-1e309.csv", &[":3:", "\"amount\"", "\"1e309\""]),
        (
            "amount-40-digits.csv",
            &[
                ":3:",
                "\"amount\"",
                "\"-1234567890123456789012345678901234567890\"",
                "too large",
            ],
        ),
        ("amount-empty.csv", &[":4:", "\"amount\"", "empty"]),
        ("currency-unknown.csv", &[":3:", "\"currency\"", "\"XBT\""]),
    ];
    for (name, holds) in cases {
        let err = refused(&env, &hostile(name));
        for piece in *holds {
            assert!(err.contains(piece), "{name}: want {piece:?} in: {err}");
        }
    }
}

/// Pseudo-random bytes, the same on every run.
fn noise(len: usize, mut seed: u32, range: std::ops::RangeInclusive<u8>) -> Vec<u8> {
    let span = u32::from(range.end() - range.start()) + 1;
    (0..len)
        .map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            range.start() + ((seed >> 16) % span) as u8
        })
        .collect()
}

#[test]
fn generated_garbage_huge_cells_and_thousands_of_columns_fail_fast() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let header = "date,payee,memo,amount\n";
    let ok = "2025-04-01,스타벅스 성수역점,,\"-4,700\"\n";

    let garbage = env.write("garbage.csv", noise(256 * 1024, 7, 0..=255));
    assert!(refused(&env, &garbage).contains("binary"));
    // High bytes only, no NUL: what a legacy decoder might take for text.
    refused(
        &env,
        &env.write("high-bytes.csv", noise(64 * 1024, 11, 0x80..=0xFF)),
    );

    let big = "가".repeat(1_000_000); // 3 MB
    let cell = env.write(
        "huge-payee.csv",
        format!("{header}{ok}2025-04-02,{big},,-1000\n"),
    );
    let err = refused(&env, &cell);
    assert!(
        err.contains(":3:") && err.contains("column 2") && err.contains("3000000 bytes"),
        "{err}"
    );
    let amount = env.write(
        "huge-amount.csv",
        format!("{header}{ok}2025-04-02,x,,{}\n", "9".repeat(3_000_000)),
    );
    assert!(refused(&env, &amount).contains(":3:"));
    // A multi-megabyte line with no line break in it at all.
    refused(
        &env,
        &env.write("one-line.csv", "a".repeat(8 * 1024 * 1024)),
    );
    // 60 000 characters: under the cell limit, so the amount parser sees it and the
    // error quotes it cut short.
    let long = env.write(
        "long-amount.csv",
        format!("{header}2025-04-02,x,,-{}\n", "1".repeat(60_000)),
    );
    let err = refused(&env, &long);
    assert!(err.contains(":2:") && err.contains("\"amount\"") && err.contains("characters"));

    // Spreadsheet signatures over noise: a zip (xlsx) and an OLE file (xls).
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend(noise(8 * 1024, 13, 0..=255));
    assert!(refused(&env, &env.write("noise.xlsx", zip)).contains("spreadsheet"));
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend(noise(8 * 1024, 17, 0..=255));
    assert!(refused(&env, &env.write("noise.xls", ole)).contains("spreadsheet"));
    // An HTML page saved as .xls with a hundred thousand <script> tags: skipping each
    // once copied the rest of the page, which took minutes (fixed in import/html.rs).
    let scripts = format!(
        "<html><table><tr><td>date</td><td>payee</td></tr>{}</table></html>",
        "<script>x</SCRIPT>".repeat(100_000)
    );
    refused(&env, &env.write("scripts.xls", scripts));

    let wide: Vec<String> = (0..5_000).map(|i| format!("c{i}")).collect();
    let matrix = env.write(
        "matrix.csv",
        format!("{}\n{}\n", wide.join(","), wide.join(",")),
    );
    assert!(refused(&env, &matrix).contains("no import profile matches"));
    let bad_wide = env.write(
        "wide-bad-amount.csv",
        format!(
            "date,payee,amount,{}\n2025-04-02,x,-1O0,{}\n",
            wide.join(","),
            wide.join(",")
        ),
    );
    let err = refused(&env, &bad_wide);
    assert!(err.contains(":2:") && err.contains("\"-1O0\""), "{err}");
}

#[test]
fn awkward_but_valid_files_import_exactly_like_the_plain_one() {
    let reference = {
        let env = Env::new();
        env.import(&[&awkward("plain.csv")]);
        without_ids(&env.txs(&[]))
    };
    assert_eq!(array(&reference).len(), 3);
    let crlf = std::fs::read(awkward("crlf.csv")).unwrap();
    assert!(
        crlf.windows(2).any(|w| w == b"\r\n"),
        "the CRLF fixture lost its CRs (git line-ending conversion?)"
    );
    for name in [
        "crlf.csv",
        "bom-trailing-blank-lines.csv",
        "reordered-columns.csv",
    ] {
        let env = Env::new();
        let report = env.import(&[&awkward(name)]);
        assert_eq!(report["new"], 3, "{name}: {report}");
        assert_eq!(without_ids(&env.txs(&[])), reference, "{name}");
    }

    // Five thousand extra columns are no reason to refuse a statement.
    let env = Env::new();
    let extra: Vec<String> = (0..5_000).map(|i| format!("c{i}")).collect();
    let wide = env.write(
        "wide.csv",
        format!(
            "{},date,payee,amount\n{},2025-03-01,스타벅스 성수역점,-4700\n",
            extra.join(","),
            extra.join(",")
        ),
    );
    assert_eq!(env.import(&[&wide])["new"], 1);
}

#[test]
fn quotes_inside_fields_and_multi_line_cells_are_kept_as_written() {
    let env = Env::new();
    env.import(&[&awkward("quotes-inside-fields.csv")]);
    let txs = env.txs(&[]);
    let books = by_payee(&txs, "교보문고 \"광화문점\"");
    assert_eq!(books["memo"], "책 \"사피엔스\", 2권");
    assert_eq!(books["amount"], "-41400");
    assert_eq!(by_payee(&txs, "5\" 모니터 받침")["amount"], "-12000");
    assert_eq!(
        by_payee(&txs, "멀티\n라인 메모 상점")["memo"],
        "첫 줄\n둘째 줄"
    );
}

#[test]
fn a_payee_that_reads_like_sql_is_only_ever_data() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let report = env.import(&[&awkward("sql-payee.csv")]);
    assert_eq!(report["new"], 3);
    let txs = env.txs(&[]);
    assert_eq!(array(&txs).len() as u64, MARCH_ROWS + 3, "nothing dropped");
    assert_eq!(
        by_payee(&txs, "'); DROP TABLE transactions;--")["memo"],
        "1; DELETE FROM accounts"
    );
    assert_eq!(
        by_payee(&txs, "Robert'); DROP TABLE students;--")["memo"],
        "OR 1=1 --"
    );
    assert_eq!(by_payee(&txs, "%_\\ LIKE wildcards")["memo"], "x' || 'y");
    // Searching for SQL or LIKE wildcards finds exactly the rows that hold them.
    assert_eq!(array(&env.txs(&["--search", "DROP TABLE"])).len(), 2);
    assert_eq!(array(&env.txs(&["--search", "%_"])).len(), 1);
    assert_eq!(array(&env.txs(&["--search", "' OR '1'='1"])).len(), 0);
    assert_eq!(array(&env.json(["import", "list"])).len(), 2);
    // And again: all three are duplicates, none lost to a quoting mistake.
    assert_eq!(env.import(&[&awkward("sql-payee.csv")])["duplicates"], 3);
}

#[test]
fn a_bad_row_after_thousands_of_good_ones_imports_nothing() {
    // Rows are read on one thread and written on another, thousands at a time: by the
    // time the bad row is read, earlier rows have been written in the open transaction.
    let env = Env::new();
    env.import(&[&env.write("march.csv", MARCH)]);
    let mut csv = String::from("date,payee,memo,amount\n");
    for i in 0..9_999 {
        csv.push_str(&format!(
            "2024-01-{:02},가게 {i},,-{}\n",
            i % 28 + 1,
            1000 + i
        ));
    }
    csv.push_str("2024-02-30,가게,,-1000\n");
    for i in 0..100 {
        csv.push_str(&format!("2024-03-01,뒤 {i},,-1\n"));
    }
    let big = env.write("big.csv", csv);
    let e = refused(&env, &big);
    assert!(e.contains(":10001") && e.contains("2024-02-30"), "{e}");
    assert_eq!(array(&env.json(["import", "list"])).len(), 1);
}
