//! The categorizer: built-in rules on a labelled set of real-looking statement lines,
//! user rules, recategorize, set-category, split, transfers, suggestions.

use super::*;

/// A labelled set of merchant lines as statements print them: payee, memo, amount and
/// the category a person would choose (empty: no rule should guess).
const MERCHANTS: &str = include_str!("../fixtures/merchants.csv");

/// gagyebu's CSV for the labelled set, one row per line, all on one day; amounts with
/// cents are USD.
fn labelled_statement() -> (String, Vec<(String, String, String)>) {
    let mut csv = String::from("date,payee,memo,amount,currency\n");
    let mut labels = Vec::new();
    let mut reader = csv::Reader::from_reader(MERCHANTS.as_bytes());
    for (i, record) in reader.records().enumerate() {
        let r = record.unwrap();
        let currency = if r[2].contains('.') { "USD" } else { "KRW" };
        // A distinct memo suffix keeps identical lines apart for the lookup below.
        let memo = format!("{} #{i}", &r[1]).trim().to_string();
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        csv.push_str(&format!(
            "2025-03-01,{},{},{},{currency}\n",
            quote(&r[0]),
            quote(&memo),
            &r[2]
        ));
        labels.push((r[0].to_string(), memo, r[3].to_string()));
    }
    (csv, labels)
}

#[test]
fn builtin_rules_categorize_at_least_90_percent_of_the_labelled_set() {
    let env = Env::new();
    let (csv, labels) = labelled_statement();
    assert!(
        labels.len() >= 80,
        "the labelled set has {} lines",
        labels.len()
    );
    let file = env.write("labelled.csv", csv);
    env.import(&[&file]);
    let txs = env.txs(&[]);
    let mut wrong = Vec::new();
    for (payee, memo, expected) in &labels {
        let tx = array(&txs)
            .iter()
            .find(|t| t["memo"] == memo.as_str())
            .unwrap_or_else(|| panic!("{payee} {memo} not imported"));
        let got = tx["category"].as_str().unwrap_or("");
        if got != expected {
            wrong.push(format!(
                "{payee} / {memo}: expected {expected:?}, got {got:?}"
            ));
        }
    }
    let right = labels.len() - wrong.len();
    let share = right as f64 / labels.len() as f64;
    eprintln!(
        "built-in rules: {right} of {} right ({:.1}%)\n{}",
        labels.len(),
        share * 100.0,
        wrong.join("\n")
    );
    assert!(
        share >= 0.9,
        "only {:.1}% right:\n{}",
        share * 100.0,
        wrong.join("\n")
    );
}

const MART: &str = "date,payee,memo,amount\n\
2025-03-03,이마트 성수점,장보기,\"-184,320\"\n\
2025-03-05,올리브영 성수점,,\"-32,400\"\n\
2025-03-07,GS25 성수역점,,\"-3,200\"\n\
2025-03-08,캠핑존 성수,랜턴,\"-45,000\"\n";

#[test]
fn user_rules_come_first_and_recategorize_applies_them_but_never_over_a_hand_choice() {
    let env = Env::new();
    let file = env.write("mart.csv", MART);
    env.import(&[&file]);
    let before = env.txs(&[]);
    assert_eq!(by_payee(&before, "올리브영 성수점")["category"], "health");
    assert_eq!(
        by_payee(&before, "캠핑존 성수")["category"],
        "camping",
        "랜턴 is a camping word"
    );

    env.run(["rule", "add", "gifts", "올리브영"]).ok();
    // A hand choice on GS25 must survive a rule that would change it.
    let gs = by_payee(&before, "GS25 성수역점")["id"].to_string();
    env.run(["tx", "set-category", &gs, "dining"]).ok();
    env.run(["rule", "add", "cafe", "gs25", "--field", "payee"])
        .ok();

    let dry = env.json(["recategorize", "--dry-run"]);
    assert_eq!(array(&dry).len(), 1, "{dry}");
    assert_eq!(dry[0]["from"], "health");
    assert_eq!(dry[0]["to"], "gifts");
    assert_eq!(
        env.txs(&[]),
        before_with(&before, &gs, "dining"),
        "a dry run changes nothing"
    );

    env.run(["recategorize"]).ok();
    let after = env.txs(&[]);
    assert_eq!(by_payee(&after, "올리브영 성수점")["category"], "gifts");
    assert_eq!(by_payee(&after, "GS25 성수역점")["category"], "dining");

    // What set it is visible.
    let id = by_payee(&after, "올리브영 성수점")["id"].to_string();
    let show = env.json(["tx", "show", &id]);
    assert_eq!(show["category_set_by"], "rule 1");
    let show = env.json(["tx", "show", &gs]);
    assert!(show["category_set_by"].as_str().unwrap().contains("hand"));

    // rule list counts what each rule matches and what it decided.
    let rules = env.json(["rule", "list"]);
    assert_eq!(rules[0]["pattern"], "올리브영");
    assert_eq!(rules[0]["matches"], 1);
    assert_eq!(rules[0]["applied"], 1);
    assert_eq!(rules[1]["matches"], 1);
    assert_eq!(rules[1]["applied"], 0, "the hand choice wins");

    env.run(["rule", "remove", "1"]).ok();
    assert_eq!(array(&env.json(["rule", "list"])).len(), 1);
    env.run(["rule", "remove", "1"]).fails();
}

/// `before` with one transaction's category replaced.
fn before_with(before: &Value, id: &str, category: &str) -> Value {
    let mut v = before.clone();
    for t in v.as_array_mut().unwrap() {
        if t["id"].as_i64() == id.parse::<i64>().ok() {
            t["category"] = json!(category);
        }
    }
    v
}

#[test]
fn rule_errors_are_clear_and_change_nothing() {
    let env = Env::new();
    env.import(&[&env.write("mart.csv", MART)]);
    let snapshot = env.snapshot();
    let e = env
        .run(["rule", "add", "whisky", "(unclosed", "--regex"])
        .fails();
    assert!(e.contains("invalid regex \"(unclosed\""), "{e}");
    let e = env.run(["rule", "add", "whisky", "  "]).fails();
    assert!(e.contains("empty"), "{e}");
    let e = env.run(["rule", "add", "wisky", "발베니"]).fails();
    assert!(
        e.contains("unknown category \"wisky\"") && e.contains("whisky"),
        "{e}"
    );
    env.run(["rule", "add", "whisky", "x", "--account", "nosuch"])
        .fails();
    env.run(["rule", "add", "whisky", "x", "--min", "abc"])
        .fails();
    assert_eq!(env.snapshot(), snapshot);
    assert_eq!(array(&env.json(["rule", "list"])).len(), 0);
}

#[test]
fn regex_rules_with_amount_bounds() {
    let env = Env::new();
    env.run(["category", "add", "snacks"]).ok();
    env.run([
        "rule",
        "add",
        "snacks",
        r"^(gs25|세븐일레븐)",
        "--regex",
        "--field",
        "payee",
        "--max",
        "5,000",
    ])
    .ok();
    let file = env.write(
        "s.csv",
        "date,payee,amount\n2025-03-01,GS25 성수,-3200\n2025-03-02,GS25 성수,-23000\n2025-03-03,성수 GS25,-1000\n",
    );
    env.import(&[&file]);
    let cats: Vec<String> = array(&env.txs(&[]))
        .iter()
        .map(|t| t["category"].as_str().unwrap_or("-").to_string())
        .collect();
    assert_eq!(cats, ["snacks", "groceries", "groceries"]);
}

#[test]
fn set_category_suggests_names_and_never_creates_a_bucket() {
    let env = Env::new();
    env.import(&[&env.write("mart.csv", MART)]);
    let e = env.run(["tx", "set-category", "1", "wiskey"]).fails();
    assert!(e.contains("did you mean whisky"), "{e}");
    env.run(["tx", "set-category", "999", "whisky"]).fails();
    let names: Vec<String> = array(&env.json(["category", "list"]))
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!names.iter().any(|n| n == "wiskey"));
}

#[test]
fn a_split_counts_each_part_in_its_category() {
    let env = Env::new();
    env.import(&[&env.write("mart.csv", MART)]);
    let id = by_payee(&env.txs(&[]), "이마트 성수점")["id"].to_string();

    let e = env
        .run(["tx", "split", &id, "groceries=65,000", "whisky=119,000"])
        .fails();
    assert!(e.contains("320 missing"), "{e}");
    let e = env
        .run(["tx", "split", &id, "groceries=65,320", "transfer=119,000"])
        .fails();
    assert!(e.contains("transfer"), "{e}");
    env.run(["tx", "split", &id, "groceries=65,320", "whisky=119,000"])
        .ok();

    let whisky = env.txs(&["--category", "whisky"]);
    assert_eq!(array(&whisky).len(), 1);
    assert_eq!(whisky[0]["amount"], "-119000");
    let groceries = env.txs(&["--category", "groceries"]);
    assert!(array(&groceries).iter().any(|t| t["amount"] == "-65320"));
    let show = env.json(["tx", "show", &id]);
    assert_eq!(array(&show["splits"]).len(), 2);
    // A rule run leaves a split alone.
    env.run(["recategorize"]).ok();
    assert_eq!(array(&env.txs(&["--category", "whisky"])).len(), 1);
}

#[test]
fn a_card_bill_and_the_cards_payment_received_are_both_transfers() {
    let env = Env::new();
    let bank = env.write(
        "bank.csv",
        "date,account,payee,memo,amount\n2025-03-25,KB국민은행,현대카드,자동이체,\"-612,300\"\n2025-03-25,KB국민은행,홍길동,,\"-612,300\"\n",
    );
    let card = env.write(
        "card.csv",
        "date,account,payee,amount\n2025-03-27,현대카드,결제 감사합니다,\"612,300\"\n2025-03-20,현대카드,이마트 성수점,\"-89,000\"\n",
    );
    env.import(&[&bank, &card]);
    let transfers = env.txs(&["--category", "transfer"]);
    assert_eq!(array(&transfers).len(), 2, "{transfers}");
    let accounts: Vec<&str> = field(&transfers, "account");
    assert!(accounts.contains(&"KB국민은행") && accounts.contains(&"현대카드"));
    // Only one of the two bank payments of that amount is the bill.
    assert_eq!(array(&env.txs(&["--uncategorized"])).len(), 1);
}

#[test]
fn categories_add_rename_and_remove_into_another() {
    let env = Env::new();
    env.import(&[&env.write("mart.csv", MART)]);
    env.run(["category", "add", "outdoor", "--kind", "spending"])
        .ok();
    env.run(["category", "add", "outdoor"]).fails();
    env.run(["category", "add", "x", "--kind", "bogus"]).fails();
    let e = env.run(["category", "remove", "camping"]).fails();
    assert!(e.contains("--into"), "{e}");
    env.run(["category", "remove", "camping", "--into", "outdoor"])
        .ok();
    assert_eq!(
        by_payee(&env.txs(&[]), "캠핑존 성수")["category"],
        "outdoor"
    );
    env.run(["category", "rename", "outdoor", "camping gear"])
        .ok();
    assert_eq!(
        by_payee(&env.txs(&[]), "캠핑존 성수")["category"],
        "camping gear"
    );
    env.run(["category", "rename", "camping gear", "whisky"])
        .fails();
}

#[test]
fn the_import_summary_counts_categorized_rows_and_suggest_proposes_rules() {
    let env = Env::new();
    let file = env.write(
        "m.csv",
        "date,payee,memo,amount\n2025-03-01,숲속상회 성수,랜턴,-45000\n2025-03-02,숲속상회 성수,,-5000\n2025-03-03,숲속상회  성수,,-7000\n2025-03-04,동네가게,,-3000\n",
    );
    let stderr = env.run(["import", &file]).stderr;
    assert!(
        stderr.contains("1 of 4 new transactions categorized; 3 without a category"),
        "{stderr}"
    );
    let before = env.snapshot();
    let s = env.json(["rule", "suggest"]);
    assert_eq!(s[0]["payee"], "숲속상회 성수");
    assert_eq!(s[0]["count"], 2);
    assert_eq!(s[0]["category"], "camping");
    assert_eq!(s[0]["command"], "gagyebu rule add camping 숲속상회");
    assert_eq!(s[1]["payee"], "동네가게");
    assert_eq!(s[1]["category"], Value::Null);
    assert_eq!(env.snapshot(), before, "suggest changes nothing");
}
