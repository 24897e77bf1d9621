//! `gagyebu undo [BATCH]`: one import batch out, as if it had never been imported.

use super::*;

fn april(env: &Env) -> String {
    env.write("april.csv", days(1, 5).replace("2025-03-", "2025-04-"))
}

#[test]
fn undo_reverts_the_last_import_and_forgets_it() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let before = env.snapshot();
    let april = april(&env);
    env.import(&["--account", "wrong account", &april]);

    let out = env.run(["undo"]).ok();
    assert!(
        out.contains("batch 2")
            && out.contains("removed 5 transactions")
            && out.contains("april.csv"),
        "{out}"
    );
    assert_eq!(env.snapshot(), before, "undo left something of the import");
    let err = env
        .run(["tx", "list", "--account", "wrong account"])
        .fails();
    assert!(
        err.contains("unknown account"),
        "the account it made is gone: {err}"
    );

    // Nothing of it is remembered: the file imports again in full.
    assert_eq!(env.import(&[&april])["new"], 5);
    // A batch by number; the later one stays.
    let undone = env.json(["undo", "1"]);
    assert_eq!(undone["batch"]["id"], 1);
    assert_eq!(undone["removed"], MARCH_ROWS);
    assert_eq!(undone["edited"], 0);
    assert_eq!(
        field(&env.txs(&[]), "date"),
        [
            "2025-04-01",
            "2025-04-02",
            "2025-04-03",
            "2025-04-04",
            "2025-04-05"
        ]
    );
    assert_eq!(array(&env.json(["import", "list"])).len(), 1);

    let err = env.run(["undo", "42"]).fails();
    assert!(err.contains("42") && err.contains("import list"), "{err}");
    env.run(["undo"]).ok();
    let err = env.run(["undo"]).fails();
    assert!(err.contains("no imports to undo"), "{err}");
}

#[test]
fn undo_of_a_batch_edited_by_hand_asks_for_force() {
    let env = Env::new();
    env.import(&[&env.write("2025-03.csv", MARCH)]);
    let txs = env.txs(&[]);
    let id = |payee: &str| by_payee(&txs, payee)["id"].to_string();
    env.run(["tx", "set-category", &id("스타벅스 성수역점"), "gifts"])
        .ok();
    env.run([
        "tx",
        "split",
        &id("이마트 성수점"),
        "groceries=46,000",
        "whisky=119,000",
    ])
    .ok();
    let before = env.snapshot();

    let err = env.run(["undo"]).fails();
    assert!(
        err.contains("2 of its 5 transactions") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before, "a refused undo changed the store");

    let undone = env.json(["undo", "--force"]);
    assert_eq!(
        (undone["removed"].as_u64(), undone["edited"].as_u64()),
        (Some(5), Some(2))
    );
    assert_eq!(array(&env.txs(&[])).len(), 0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let splits: i64 = conn
        .query_row("SELECT count(*) FROM splits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(splits, 0, "the split parts went with their transaction");
}

const BANK: &str = "date,account,payee,memo,amount\n\
    2025-03-25,KB국민은행,현대카드,자동이체,\"-612,300\"\n\
    2025-03-26,KB국민은행,스타벅스 성수역점,,\"-4,700\"\n";
const CARD: &str = "date,account,payee,amount\n\
    2025-03-27,현대카드,결제 감사합니다,\"612,300\"\n\
    2025-03-20,현대카드,이마트 성수점,\"-89,000\"\n";

/// The transactions of one statement imported alone, without ids.
fn alone(text: &str) -> Value {
    let env = Env::new();
    env.import(&[&env.write("alone.csv", text)]);
    without_ids(&env.txs(&[]))
}

#[test]
fn undoing_one_side_of_a_card_payment_returns_the_other_side_to_the_rules() {
    for (undo, keeps) in [("2", BANK), ("1", CARD)] {
        let env = Env::new();
        env.import(&[&env.write("bank.csv", BANK)]);
        env.import(&[&env.write("card.csv", CARD)]);
        assert_eq!(
            array(&env.txs(&["--category", "transfer"])).len(),
            2,
            "the payment was paired"
        );
        let undone = env.json(["undo", undo]);
        assert_eq!(array(&undone["unpaired"]).len(), 1, "{undone}");
        assert_eq!(
            without_ids(&env.txs(&[])),
            alone(keeps),
            "undo of batch {undo} left the other statement as if imported alone"
        );
    }
}

#[test]
fn undoing_an_earlier_import_names_the_later_ones_that_skipped_its_rows() {
    let env = Env::new();
    let early = env.write("early.csv", days(1, 10));
    let late = env.write("late.csv", days(6, 15));
    env.import(&[&early]);
    assert_eq!(env.import(&[&late])["duplicates"], 5);

    let undone = env.json(["undo", "1"]);
    assert_eq!(undone["reimport"], json!([late]), "{undone}");
    let dates = |env: &Env| field(&env.txs(&[]), "date").len();
    assert_eq!(
        dates(&env),
        5,
        "days 11 to 15, which only the later file added"
    );
    // As the note says: importing the later file again restores what it had skipped.
    assert_eq!(env.import(&[&late])["new"], 5);
    assert_eq!(dates(&env), 10);
    // Undoing the latest import names nothing.
    assert_eq!(env.json(["undo"])["reimport"], json!([]));
}
