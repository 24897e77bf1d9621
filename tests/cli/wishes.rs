//! The wishlist: affordability against what is left of a budget, saving per month,
//! noticing a purchase at import, and linking it.

use super::*;

const SPRING: &str = "date,payee,memo,amount\n\
2025-03-09,당근페이,캠핑 의자,\"-150,000\"\n\
2025-03-18,이마트 성수점,야마자키 12년,\"-165,000\"\n\
2025-03-20,(주)한빛소프트 급여,3월 급여,\"3,200,000\"\n";

const APRIL: &str = "date,payee,memo,amount\n\
2025-04-12,코베아 공식몰,원터치 텐트,\"-289,000\"\n\
2025-04-18,스노우피크 스토어,,\"-181,000\"\n\
2025-04-20,GS25 성수점,,\"-3,200\"\n";

fn wish_list(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["wish", "list"];
    all.extend_from_slice(args);
    env.json(all)
}

#[test]
fn fits_budget_at_the_edge_of_what_is_left() {
    let env = Env::new();
    env.import(&[&env.write("spring.csv", SPRING)]);
    env.run([
        "budget", "set", "camping", "--amount", "450,000", "--year", "2025",
    ])
    .ok();
    // 150,000 spent: 300,000 left.
    env.run([
        "wish",
        "add",
        "텐트",
        "--price",
        "300,000",
        "--category",
        "camping",
        "--as-of",
        "2025-03-25",
    ])
    .ok();
    env.run([
        "wish",
        "add",
        "타프",
        "--price",
        "300,001",
        "--category",
        "camping",
        "--as-of",
        "2025-03-25",
    ])
    .ok();
    env.run([
        "wish",
        "add",
        "책",
        "--price",
        "20,000",
        "--category",
        "books",
        "--as-of",
        "2025-03-25",
    ])
    .ok();
    let list = wish_list(&env, &["--as-of", "2025-03-31"]);
    let fits: Vec<(&str, &Value)> = array(&list)
        .iter()
        .map(|w| (w["name"].as_str().unwrap(), &w["fits_budget"]))
        .collect();
    assert_eq!(
        fits,
        [
            ("텐트", &json!(true)),
            ("타프", &json!(false)),
            ("책", &Value::Null)
        ]
    );
    let keys: Vec<&str> = list[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "by",
        "category",
        "currency",
        "fits_budget",
        "id",
        "monthly_saving",
        "name",
        "paid",
        "price",
        "priority",
        "status",
        "tx",
    ];
    want.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, want);
    assert_eq!(list[0]["price"], "300000");
    assert_eq!(list[0]["status"], "wanted");
}

#[test]
fn saving_per_month_across_a_year_boundary() {
    let env = Env::new();
    env.run([
        "wish",
        "add",
        "뉴질랜드 여행",
        "--price",
        "4,000,000",
        "--category",
        "travel",
        "--by",
        "2026-03-01",
        "--priority",
        "1",
        "--as-of",
        "2025-10-15",
    ])
    .ok();
    let at = |day: &str| wish_list(&env, &["--as-of", day])[0]["monthly_saving"].clone();
    // Nov 1, Dec 1, Jan 1, Feb 1: four months to put aside.
    assert_eq!(at("2025-11-01"), "1000000");
    // Nov 28, Dec 28, Jan 28, Feb 28: four too.
    assert_eq!(at("2025-11-28"), "1000000");
    // Dec 15, Jan 15, Feb 15: three, rounded up to the won.
    assert_eq!(at("2025-12-15"), "1333334");
    assert_eq!(at("2026-02-20"), "4000000");
}

#[test]
fn wishes_are_ordered_by_priority_then_age_and_cool_off() {
    let env = Env::new();
    env.run(["wish", "add", "a", "--price", "1", "--as-of", "2025-01-01"])
        .ok();
    env.run([
        "wish",
        "add",
        "b",
        "--price",
        "1",
        "--priority",
        "1",
        "--as-of",
        "2025-02-01",
    ])
    .ok();
    env.run(["wish", "add", "c", "--price", "1", "--as-of", "2025-01-15"])
        .ok();
    let names: Vec<String> = array(&wish_list(&env, &["--as-of", "2025-02-10"]))
        .iter()
        .map(|w| w["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["b", "a", "c"]);
    let table = env.run(["wish", "list", "--as-of", "2025-02-10"]).ok();
    let line = |name: &str| {
        table
            .lines()
            .find(|l| l.contains(&format!(" {name} ")))
            .unwrap()
            .to_string()
    };
    assert!(line("b").contains("cooling off"), "{table}");
    assert!(!line("a").contains("cooling off"), "{table}");
}

#[test]
fn an_import_points_out_a_purchase_that_looks_like_a_wish_and_bought_links_it() {
    let env = Env::new();
    env.run([
        "wish",
        "add",
        "원터치 텐트 (설치 쉬운 것)",
        "--price",
        "300,000",
        "--category",
        "camping",
        "--as-of",
        "2025-01-05",
    ])
    .ok();
    env.run([
        "wish",
        "add",
        "캠핑 테이블",
        "--price",
        "180,000",
        "--category",
        "camping",
        "--as-of",
        "2025-01-05",
    ])
    .ok();
    let run = env.run(["import", &env.write("april.csv", APRIL)]);
    let stderr = run.stderr.clone();
    run.ok();
    let tent = by_payee(&env.txs(&[]), "코베아 공식몰")["id"].to_string();
    assert!(
        stderr.contains(&format!("`gagyebu wish bought 1 --tx {tent}`")),
        "{stderr}"
    );
    let peak = by_payee(&env.txs(&[]), "스노우피크 스토어")["id"].to_string();
    assert!(
        stderr.contains(&format!("`gagyebu wish bought 2 --tx {peak}`")),
        "{stderr}"
    );
    assert!(!stderr.contains("GS25"), "{stderr}");
    // Nothing was linked by itself.
    let list = wish_list(&env, &[]);
    assert!(array(&list)
        .iter()
        .all(|w| w["status"] == "wanted" && w["tx"].is_null()));

    env.run(["wish", "bought", "1", "--tx", &tent]).ok();
    let all = wish_list(&env, &["--all"]);
    let w = array(&all).iter().find(|w| w["id"] == 1).unwrap();
    assert_eq!(w["status"], "bought");
    assert_eq!(w["paid"], "289000");
    assert_eq!(w["tx"].to_string(), tent);
    assert_eq!(
        array(&wish_list(&env, &[])).len(),
        1,
        "bought wishes leave the list"
    );

    // The year-end report lists it, paid against the target.
    let report = env.run(["report", "year", "2025"]).ok();
    assert!(report.contains("Wishes fulfilled in 2025"), "{report}");
    assert!(report.contains("-11,000"), "{report}");
}

#[test]
fn linking_errors_and_bad_input_change_nothing() {
    let env = Env::new();
    env.import(&[&env.write("spring.csv", SPRING)]);
    env.run([
        "wish",
        "add",
        "의자",
        "--price",
        "150,000",
        "--as-of",
        "2025-03-01",
    ])
    .ok();
    env.run([
        "wish",
        "add",
        "위스키",
        "--price",
        "150,000",
        "--as-of",
        "2025-03-01",
    ])
    .ok();
    let salary = by_payee(&env.txs(&[]), "(주)한빛소프트 급여")["id"].to_string();
    let chair = by_payee(&env.txs(&[]), "당근페이")["id"].to_string();
    let before = wish_list(&env, &["--all"]);
    let e = env.run(["wish", "bought", "1", "--tx", &salary]).fails();
    assert!(e.contains("not a purchase"), "{e}");
    env.run(["wish", "bought", "1", "--tx", &chair]).ok();
    let e = env.run(["wish", "bought", "2", "--tx", &chair]).fails();
    assert!(e.contains("already linked to wish 1"), "{e}");
    env.run(["wish", "bought", "2", "--tx", "9999"]).fails();
    let after = wish_list(&env, &["--all"]);
    let two = |list: &Value| array(list).iter().find(|w| w["id"] == 2).unwrap().clone();
    assert_eq!(two(&after), two(&before), "wish 2 unchanged");

    for bad in [
        vec!["wish", "add", "x", "--price", "abc"],
        vec!["wish", "add", "x", "--price", "0"],
        vec!["wish", "add", "x", "--price", "-5"],
        vec!["wish", "add", "x", "--price", "10", "--priority", "6"],
        vec!["wish", "add", "x", "--price", "10", "--priority", "0"],
        vec![
            "wish",
            "add",
            "x",
            "--price",
            "10",
            "--by",
            "2025-02-01",
            "--as-of",
            "2025-03-01",
        ],
        vec!["wish", "add", "x", "--price", "10", "--category", "wisky"],
        vec!["wish", "add", "  ", "--price", "10"],
        vec!["wish", "edit", "9", "--price", "10"],
        vec!["wish", "drop", "9"],
    ] {
        env.run(&bad).fails();
    }
    assert_eq!(wish_list(&env, &["--all"]), after);

    env.run([
        "wish",
        "edit",
        "2",
        "--price",
        "120,000",
        "--priority",
        "2",
        "--by",
        "2025-12-01",
        "--as-of",
        "2025-03-01",
    ])
    .ok();
    let w = &wish_list(&env, &["--as-of", "2025-03-01"])[0];
    assert_eq!(
        (
            w["price"].as_str(),
            w["priority"].as_i64(),
            w["by"].as_str()
        ),
        (Some("120000"), Some(2), Some("2025-12-01"))
    );
    env.run(["wish", "drop", "2"]).ok();
    assert_eq!(array(&wish_list(&env, &[])).len(), 0);
    let all = wish_list(&env, &["--all"]);
    let two = array(&all).iter().find(|w| w["id"] == 2).unwrap();
    assert_eq!(two["status"], "dropped");
    env.run(["wish", "remove", "2"]).ok();
    assert_eq!(array(&wish_list(&env, &["--all"])).len(), 1);
}
