//! The month totals the store keeps for reports (store::totals) equal a full
//! recomputation over every entry after each kind of write: import (with a transfer
//! pair), split, set-category, recategorize, category removal, undo.

use super::*;

/// Fails the test, naming `after`, when the kept totals differ from a recomputation.
fn assert_totals_agree(env: &Env, after: &str) {
    let store = gagyebu::store::Store::open(&env.db()).unwrap();
    let drift = store.totals_drift().unwrap();
    assert!(
        drift.is_empty(),
        "after {after}: kept totals differ from a recomputation:\n{}",
        drift.join("\n")
    );
}

fn id_of(env: &Env, search: &str) -> String {
    array(&env.txs(&["--search", search]))[0]["id"].to_string()
}

#[test]
fn kept_totals_equal_a_recomputation_after_every_kind_of_write() {
    let env = Env::new();
    let history = env.write("history.csv", export::HISTORY);
    let summary = env.import(&[&history]);
    assert_totals_agree(&env, "import");
    // The card bill is paid from the bank: both sides became transfers at import.
    let bill = id_of(&env, "카드대금");
    let shown = env.json(["tx", "show", &bill]);
    assert_eq!(shown["category"], "transfer", "{shown}");

    let mart = id_of(&env, "발베니와");
    env.run(["tx", "split", &mart, "groceries=65,320", "whisky=119,000"])
        .ok();
    assert_totals_agree(&env, "tx split");
    env.run(["tx", "set-category", &mart, "whisky"]).ok();
    assert_totals_agree(&env, "tx set-category over a split");
    env.run(["tx", "set-category", &id_of(&env, "동네가게"), "dining"])
        .ok();
    assert_totals_agree(&env, "tx set-category");

    env.run(["rule", "add", "camping", "당근페이"]).ok();
    env.run(["rule", "add", "books", "amazon"]).ok();
    env.run(["recategorize"]).ok();
    assert_totals_agree(&env, "recategorize");

    env.run(["category", "add", "outdoor"]).ok();
    env.run(["category", "remove", "camping", "--into", "outdoor"])
        .ok();
    env.run(["category", "remove", "books", "--into", "whisky"])
        .ok();
    assert_totals_agree(&env, "category remove --into");

    // A second statement whose card payment pairs with a bank row of the first batch.
    let march = env.write(
        "march.csv",
        "date,account,payee,memo,amount,currency,category\n\
         2025-03-25,KB국민은행,현대카드,카드대금,\"-249,000\",KRW,\n\
         2025-03-26,현대카드,결제 감사합니다,,\"249,000\",KRW,\n\
         2025-03-27,현대카드,스타벅스 성수역점,,\"-6,500\",KRW,\n\
         2025-03-28,현대카드,캠핑장,오토캠핑,\"-45,000\",KRW,캠핑장비\n",
    );
    let second = env.import(&[&march]);
    assert_eq!(second["new"], 4, "{second}");
    let payments = env.txs(&["--search", "결제 감사합니다"]);
    assert_eq!(array(&payments).len(), 2, "{payments}");
    assert!(
        array(&payments).iter().all(|t| t["category"] == "transfer"),
        "the new card payment paired with the bank's: {payments}"
    );
    assert_totals_agree(
        &env,
        "a second import with a transfer pair and a new category",
    );
    env.run(["undo"]).ok();
    assert_totals_agree(&env, "undo");
    env.run(["undo", "--force"]).ok();
    assert_totals_agree(&env, "undo --force of a batch with hand edits");
    let store = rusqlite::Connection::open(env.db()).unwrap();
    let left: i64 = store
        .query_row("SELECT count(*) FROM totals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "an empty store keeps no totals ({summary})");
}

#[test]
fn report_year_reads_the_kept_totals_and_the_check_sees_them_drift() {
    let env = Env::new();
    env.import(&[&env.write("march.csv", MARCH)]);
    assert_totals_agree(&env, "import");
    let books = |env: &Env| {
        let year = env.json(["report", "year", "2025"]);
        array(&year["categories"])
            .iter()
            .find(|c| c["category"] == "books")
            .map(|c| c["total"].clone())
    };
    assert_eq!(books(&env), Some(json!("41400")));
    // Tamper with the kept totals only: the report follows them, the check notices.
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute(
            "UPDATE totals SET out_minor = out_minor - 1000, out_count = out_count + 1
             WHERE category_id = (SELECT id FROM categories WHERE name = 'books')",
            [],
        )
        .unwrap();
    assert_eq!(books(&env), Some(json!("42400")));
    let store = gagyebu::store::Store::open(&env.db()).unwrap();
    let drift = store.totals_drift().unwrap();
    assert_eq!(drift.len(), 2, "{drift:?}");
    assert!(drift[0].contains("out -42400"), "{drift:?}");
}
