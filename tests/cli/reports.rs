//! Budgets, limits and the year-end reports on a two-year history with refunds, a split,
//! transfers, income, uncategorized spending and a second currency. Every figure below is
//! computed by hand from LEDGER.

use super::*;

/// 2024 (a leap year) and 2025. By hand, KRW spending per category:
///
/// 2024: whisky 300,000 (Jan 100,000, Feb 80,000, Nov 120,000), camping 300,000 (Jun),
///       books 30,000 (29 Feb); income 3,000,000; USD electronics 20.00.
/// 2025: whisky 399,000 (Jan 150,000; Feb 119,000 as a split part of the 184,320 mart
///       receipt; Jul 95,000 bought and returned; Dec 130,000), electronics 450,000 (May),
///       groceries 65,320 (Feb, the receipt's other part), camping 45,000 (Sep),
///       books 30,000 (Mar: 45,000 less a 15,000 return), uncategorized 12,000 (Apr; the
///       7,000 that came in uncategorized in Jun is neither spending nor income);
///       total 1,001,320; income 4,000,000; the 500,000 card bill and its payment are
///       transfers; USD books 35.50 (Aug).
const LEDGER: &str = "\
date,payee,memo,amount,currency,category,account
2024-01-10,데일리샷,발베니 12년,\"-100,000\",KRW,whisky,신한카드
2024-02-10,데일리샷,글렌피딕 12년,\"-80,000\",KRW,whisky,신한카드
2024-02-29,교보문고 광화문점,윤년에 산 책,\"-30,000\",KRW,books,신한카드
2024-06-15,캠핑존 성수,텐트,\"-300,000\",KRW,camping,신한카드
2024-11-20,데일리샷,야마자키,\"-120,000\",KRW,whisky,신한카드
2024-12-24,(주)가나다,12월 급여,\"3,000,000\",KRW,income,KB국민은행
2024-12-26,Amazon.com,USB cable,-20.00,USD,electronics,신한카드
2025-01-05,데일리샷,발베니 12년,\"-150,000\",KRW,whisky,신한카드
2025-01-24,(주)가나다,1월 급여,\"3,000,000\",KRW,income,KB국민은행
2025-02-03,이마트 성수점,장보기,\"-184,320\",KRW,groceries,KB국민은행
2025-03-02,교보문고 광화문점,책 3권,\"-45,000\",KRW,books,신한카드
2025-03-09,교보문고 광화문점,반품,\"15,000\",KRW,books,신한카드
2025-03-15,신한카드,카드대금,\"-500,000\",KRW,transfer,KB국민은행
2025-03-15,카드대금 입금,,\"500,000\",KRW,transfer,신한카드
2025-04-20,홍길동,,\"-12,000\",KRW,,KB국민은행
2025-05-05,GoPro 공식스토어,HERO13,\"-450,000\",KRW,electronics,신한카드
2025-06-30,김철수,,\"7,000\",KRW,,KB국민은행
2025-07-01,데일리샷,라프로익 10년,\"-95,000\",KRW,whisky,신한카드
2025-07-03,데일리샷,라프로익 10년 반품,\"95,000\",KRW,whisky,신한카드
2025-08-14,Amazon.com,Kindle book,-35.50,USD,books,신한카드
2025-09-10,캠핑존 성수,랜턴,\"-45,000\",KRW,camping,신한카드
2025-12-20,데일리샷,글렌드로낙 12년,\"-130,000\",KRW,whisky,신한카드
2025-12-24,(주)가나다,상여금,\"1,000,000\",KRW,income,KB국민은행
";

/// The ledger imported, and the mart receipt split into groceries and a bottle of whisky.
fn ledger() -> Env {
    let env = Env::new();
    let file = env.write("ledger.csv", LEDGER);
    env.import(&[&file]);
    let mart = by_payee(&env.txs(&["--search", "이마트"]), "이마트 성수점")["id"].to_string();
    env.run(["tx", "split", &mart, "groceries=65,320", "whisky=119,000"])
        .ok();
    let uncategorized = env.txs(&["--uncategorized"]);
    assert_eq!(
        field(&uncategorized, "payee"),
        ["홍길동", "김철수"],
        "no rule may categorize these"
    );
    env
}

/// The 2025 limits most tests use.
fn with_budgets(env: &Env) {
    for args in [
        &["whisky", "--amount", "500,000"][..],
        &["whisky", "--count", "4"],
        &["camping", "--cut", "30%"],
        &["books", "--amount", "8000", "--per", "month", "--rollover"],
        &["cafe", "--amount", "50000", "--per", "month"],
        &["electronics", "--amount", "400000"],
    ] {
        let mut all = vec!["budget", "set"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--year", "2025"]);
        env.run(all).ok();
    }
}

/// Twelve month amounts, "0" except where given (month number, amount).
fn months(zero: &str, given: &[(usize, &str)]) -> Vec<String> {
    let mut out = vec![zero.to_string(); 12];
    for (month, amount) in given {
        out[month - 1] = amount.to_string();
    }
    out
}

fn stderr_of<I, S>(env: &Env, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let run = env.run(args);
    assert!(run.status.success(), "{}", run.stderr);
    run.stderr
}

// ---------------------------------------------------------------------------------------
// report year
// ---------------------------------------------------------------------------------------

#[test]
fn report_year_json_has_the_documented_shape_and_the_hand_computed_figures() {
    let env = ledger();
    with_budgets(&env);
    let report = env.json(["report", "year", "2025"]);
    let row = |category: &str, m: &[(usize, &str)], total: &str, prev: &str, budget: Value| {
        json!({
            "category": category,
            "months": months("0", m),
            "total": total,
            "previous_total": prev,
            "budget": budget,
        })
    };
    let expected = json!({
        "year": 2025,
        "currency": "KRW",
        "categories": [
            row("electronics", &[(5, "450000")], "450000", "0", json!("400000")),
            row(
                "whisky",
                &[(1, "150000"), (2, "119000"), (12, "130000")],
                "399000",
                "300000",
                json!("500000"),
            ),
            row("groceries", &[(2, "65320")], "65320", "0", Value::Null),
            // 70% of 2024's 300,000
            row("camping", &[(9, "45000")], "45000", "300000", json!("210000")),
            // 8,000 a month
            row("books", &[(3, "30000")], "30000", "30000", json!("96000")),
            row("uncategorized", &[(4, "12000")], "12000", "0", Value::Null),
            // No spending, but a budget: 50,000 a month
            row("cafe", &[], "0", "0", json!("600000")),
        ],
        "total": "1001320",
    });
    assert_eq!(report, expected, "{report:#}");
    for category in array(&report["categories"]) {
        assert_eq!(
            keys(category),
            ["budget", "category", "months", "previous_total", "total"]
        );
    }
}

#[test]
fn report_year_keeps_currencies_apart_and_says_where_the_others_are() {
    let env = ledger();
    let run = env.run(["--format", "json", "report", "year", "2025"]);
    assert!(run.status.success());
    assert!(
        run.stderr
            .contains("see `gagyebu report year 2025 --currency USD`"),
        "{}",
        run.stderr
    );
    let usd = env.json(["report", "year", "2025", "--currency", "usd"]);
    assert_eq!(
        usd,
        json!({
            "year": 2025,
            "currency": "USD",
            "categories": [
                {"category": "books", "months": months("0.00", &[(8, "35.50")]),
                 "total": "35.50", "previous_total": "0.00", "budget": null},
                // Nothing this year, 20.00 last year: kept for the comparison.
                {"category": "electronics", "months": months("0.00", &[]),
                 "total": "0.00", "previous_total": "20.00", "budget": null},
            ],
            "total": "35.50",
        })
    );
}

#[test]
fn report_year_of_the_leap_year_counts_29_february() {
    let env = ledger();
    let report = env.json(["report", "year", "2024"]);
    let categories = array(&report["categories"]);
    let names: Vec<&str> = categories
        .iter()
        .map(|c| c["category"].as_str().unwrap())
        .collect();
    // Equal totals sort by name.
    assert_eq!(names, ["camping", "whisky", "books"]);
    assert_eq!(categories[2]["months"], json!(months("0", &[(2, "30000")])));
    assert_eq!(
        categories[1]["months"],
        json!(months("0", &[(1, "100000"), (2, "80000"), (11, "120000")]))
    );
    assert_eq!(report["total"], "630000");
}

#[test]
fn report_year_items_lists_each_categorys_purchases_with_refunds_and_split_parts() {
    let env = ledger();
    let report = env.json(["report", "year", "2025", "--items"]);
    let whisky = &array(&report["categories"])[1];
    assert_eq!(whisky["category"], "whisky");
    let items: Vec<(&str, &str, &str)> = array(&whisky["items"])
        .iter()
        .map(|i| {
            (
                i["date"].as_str().unwrap(),
                i["payee"].as_str().unwrap(),
                i["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("2025-01-05", "데일리샷", "150000"),
            ("2025-02-03", "이마트 성수점", "119000"),
            ("2025-07-01", "데일리샷", "95000"),
            ("2025-07-03", "데일리샷", "-95000"),
            ("2025-12-20", "데일리샷", "130000"),
        ]
    );
    assert_eq!(
        keys(&array(&whisky["items"])[0]),
        ["amount", "date", "id", "memo", "payee"]
    );
    let csv = env
        .run(["--format", "csv", "report", "year", "2025", "--items"])
        .ok();
    assert!(
        csv.starts_with("category,date,payee,memo,amount,id\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nuncategorized,2025-04-20,홍길동,,12000,"),
        "{csv}"
    );
    assert!(
        !csv.contains("김철수"),
        "money in without a category is not spending"
    );
}

/// The terminal table of `report year 2025`, exactly: compact months within 80 columns,
/// then totals against last year and the budgets with share bars, then the savings.
const YEAR_TABLE: &str = "\
category        Jan  Feb  Mar  Apr  May  Jun  Jul  Aug  Sep  Oct  Nov  Dec total
─────────────  ─────────────────────────────────────────────────────────────────
electronics       ·    ·    ·    · 450k    ·    ·    ·    ·    ·    ·    ·  450k
whisky         150k 119k    ·    ·    ·    ·    ·    ·    ·    ·    · 130k  399k
groceries         ·  65k    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·   65k
camping           ·    ·    ·    ·    ·    ·    ·    ·  45k    ·    ·    ·   45k
books             ·    ·  30k    ·    ·    ·    ·    ·    ·    ·    ·    ·   30k
uncategorized     ·    ·    ·  12k    ·    ·    ·    ·    ·    ·    ·    ·   12k
cafe              ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·     0
─────────────  ─────────────────────────────────────────────────────────────────
total          150k 184k  30k  12k 450k    ·    ·    ·  45k    ·    · 130k    1M

category           total  share      last year  change   budget         left
─────────────  ─────────  ─────────  ─────────  ──────  ───────  ───────────
electronics      450,000   45% ███▋          0     new  400,000  over 50,000
whisky           399,000   40% ███▏    300,000    +33%  500,000      101,000
groceries         65,320    7% ▌             0     new
camping           45,000    5% ▍       300,000    -85%  210,000      165,000
books             30,000    3% ▎        30,000      0%   96,000       66,000
uncategorized     12,000    1% ▏             0     new
cafe                   0    0%               0          600,000      600,000
─────────────  ─────────  ─────────  ─────────  ──────  ───────  ───────────
total          1,001,320  100%         630,000    +59%

income   4,000,000 KRW
spending 1,001,320 KRW
savings  2,998,680 KRW  75.0% of income
";

#[test]
fn report_year_table_fits_80_columns_with_compact_amounts_and_share_bars() {
    let env = ledger();
    with_budgets(&env);
    let table = env.run(["report", "year", "2025"]).ok();
    assert_eq!(table, YEAR_TABLE, "\n{table}");
    for line in table.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80 columns: {line}"
        );
    }
    // --wide: one table, every amount in full.
    let wide = env.run(["report", "year", "2025", "--wide"]).ok();
    let header = wide.lines().next().unwrap();
    for column in [
        "Jan",
        "Dec",
        "total",
        "share",
        "last year",
        "change",
        "budget",
        "left",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        wide.contains("1,001,320") && wide.contains("184,320"),
        "{wide}"
    );
    assert!(!wide.contains("450k"), "{wide}");
}

#[test]
fn report_year_csv_and_markdown_have_every_column() {
    let env = ledger();
    with_budgets(&env);
    let csv = env.run(["--format", "csv", "report", "year", "2025"]).ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "category,jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec,total,share_pct,previous_total,change_pct,budget,remaining"
    );
    assert_eq!(
        lines[1],
        "electronics,0,0,0,0,450000,0,0,0,0,0,0,0,450000,44.9,0,,400000,-50000"
    );
    assert_eq!(
        lines.last().unwrap(),
        &"total,150000,184320,30000,12000,450000,0,0,0,45000,0,0,130000,1001320,100.0,630000,58.9,,"
    );
    let md = env.run(["--format", "md", "report", "year", "2025"]).ok();
    assert!(md.starts_with("| category | Jan |"), "{md}");
    assert!(md.contains("| whisky | 150,000 | 119,000 |"), "{md}");
}

// ---------------------------------------------------------------------------------------
// report budget
// ---------------------------------------------------------------------------------------

fn status(
    category: &str,
    period: &str,
    unit: &str,
    [limit, spent, remaining]: [&str; 3],
    used_pct: f64,
    projected: &str,
    status: &str,
) -> Value {
    json!({
        "category": category, "period": period, "unit": unit, "limit": limit,
        "spent": spent, "remaining": remaining, "used_pct": used_pct,
        "projected": projected, "status": status,
    })
}

#[test]
fn report_budget_projects_the_pace_at_fixed_dates() {
    let env = ledger();
    with_budgets(&env);
    let report = env.json(["report", "budget", "2025", "--as-of", "2025-03-31"]);
    assert_eq!(
        report,
        json!([
            // Monthly with rollover: 8,000 + 16,000 unspent in Jan and Feb; 30,000 spent.
            status(
                "books",
                "2025-03",
                "amount",
                ["24000", "30000", "-6000"],
                125.0,
                "30000",
                "over"
            ),
            status(
                "cafe",
                "2025-03",
                "amount",
                ["50000", "0", "50000"],
                0.0,
                "0",
                "ok"
            ),
            status(
                "camping",
                "2025",
                "amount",
                ["210000", "0", "210000"],
                0.0,
                "0",
                "ok"
            ),
            status(
                "electronics",
                "2025",
                "amount",
                ["400000", "0", "400000"],
                0.0,
                "0",
                "ok"
            ),
            // 269,000 by 31 Mar (90 of 365 days): 269,000 × 365 ÷ 90 = 1,090,944.4 -> up
            status(
                "whisky",
                "2025",
                "amount",
                ["500000", "269000", "231000"],
                53.8,
                "1090945",
                "warn"
            ),
            // 2 bottles: 2 × 365 ÷ 90 = 8.1 -> 9
            status(
                "whisky",
                "2025",
                "count",
                ["4", "2", "2"],
                50.0,
                "9",
                "warn"
            ),
        ]),
        "{report:#}"
    );
    for s in array(&report) {
        assert_eq!(
            keys(s),
            [
                "category",
                "limit",
                "period",
                "projected",
                "remaining",
                "spent",
                "status",
                "unit",
                "used_pct"
            ]
        );
    }
    // 30 Jun: the GoPro is over; 450,000 × 365 ÷ 181 = 907,458.6 -> 907,459.
    let june = env.json(["report", "budget", "--as-of", "2025-06-30"]);
    assert_eq!(
        array(&june)[3],
        status(
            "electronics",
            "2025",
            "amount",
            ["400000", "450000", "-50000"],
            112.5,
            "907459",
            "over"
        )
    );
    // After the year, the projection is what was spent.
    let end = env.json(["report", "budget", "2025", "--as-of", "2026-02-01"]);
    assert_eq!(
        array(&end)[4],
        status(
            "whisky",
            "2025",
            "amount",
            ["500000", "399000", "101000"],
            79.8,
            "399000",
            "ok"
        )
    );
    assert_eq!(
        array(&end)[0]["period"],
        "2025-12",
        "monthly limits report December"
    );
}

#[test]
fn report_budget_in_a_leap_year_uses_366_days_and_a_29_day_february() {
    let env = ledger();
    env.run([
        "budget", "set", "whisky", "--amount", "100,000", "--per", "month", "--year", "2024",
    ])
    .ok();
    env.run(["budget", "set", "whisky", "--count", "3", "--year", "2024"])
        .ok();
    let feb20 = env.json(["report", "budget", "--as-of", "2024-02-20"]);
    assert_eq!(
        feb20,
        json!([
            // 80,000 by 20 Feb: 80,000 × 29 ÷ 20 = 116,000 (it would be 112,000 in 28 days)
            status(
                "whisky",
                "2024-02",
                "amount",
                ["100000", "80000", "20000"],
                80.0,
                "116000",
                "warn"
            ),
            // 2 bottles in 51 days: 2 × 366 ÷ 51 = 14.4 -> 15
            status(
                "whisky",
                "2024",
                "count",
                ["3", "2", "1"],
                66.7,
                "15",
                "warn"
            ),
        ])
    );
    let feb29 = env.json(["report", "budget", "--as-of", "2024-02-29"]);
    assert_eq!(
        feb29,
        json!([
            status(
                "whisky",
                "2024-02",
                "amount",
                ["100000", "80000", "20000"],
                80.0,
                "80000",
                "ok"
            ),
            // 60 of 366 days: 2 × 366 ÷ 60 = 12.2 -> 13
            status(
                "whisky",
                "2024",
                "count",
                ["3", "2", "1"],
                66.7,
                "13",
                "warn"
            ),
        ])
    );
    let year_end = env.json(["report", "budget", "2024", "--as-of", "2024-12-31"]);
    assert_eq!(
        array(&year_end)[1],
        status("whisky", "2024", "count", ["3", "3", "0"], 100.0, "3", "ok"),
        "exactly at the limit is not over"
    );
}

#[test]
fn count_limit_counts_purchases_and_a_refund_takes_one_back() {
    let env = ledger();
    env.run(["budget", "set", "whisky", "--count", "2", "--year", "2025"])
        .ok();
    let count = |as_of: &str| {
        let report = env.json(["report", "budget", "--as-of", as_of]);
        let s = &array(&report)[0];
        (
            s["spent"].as_str().unwrap().to_string(),
            s["status"].as_str().unwrap().to_string(),
        )
    };
    // 5 Jan, the split receipt's bottle on 3 Feb, 1 Jul: three, one over.
    assert_eq!(count("2025-07-02"), ("3".into(), "over".into()));
    // Returned on 3 Jul: two again.
    assert_eq!(count("2025-07-03").0, "2");
    assert_eq!(count("2025-12-31"), ("3".into(), "over".into()));
}

#[test]
fn cut_is_resolved_against_last_years_spending_and_shown_with_its_basis() {
    let env = ledger();
    let said = stderr_of(
        &env,
        ["budget", "set", "camping", "--cut", "30%", "--year", "2025"],
    );
    assert_eq!(
        said,
        "camping 2025: at most 210,000 KRW a year (30% less than 300,000 in 2024)\n"
    );
    // In USD: half of 2024's 20.00 of electronics.
    env.run([
        "budget",
        "set",
        "electronics",
        "--cut",
        "50",
        "--currency",
        "USD",
        "--year",
        "2025",
    ])
    .ok();
    let list = env.json(["budget", "list", "--year", "2025"]);
    assert_eq!(
        list,
        json!([
            {"year": 2025, "category": "camping", "unit": "amount", "per": "year",
             "limit": "210000", "currency": "KRW", "cut_pct": "30", "basis": "300000",
             "rollover": false},
            {"year": 2025, "category": "electronics", "unit": "amount", "per": "year",
             "limit": "10.00", "currency": "USD", "cut_pct": "50", "basis": "20.00",
             "rollover": false},
        ])
    );
    let usd = env.json(["report", "year", "2025", "--currency", "USD"]);
    assert_eq!(array(&usd["categories"])[1]["budget"], "10.00");
    let table = env
        .run(["report", "budget", "2025", "--as-of", "2025-09-30"])
        .ok();
    assert!(
        table.contains("30% less than 300,000 in 2024"),
        "the basis is shown:\n{table}"
    );
    // Nothing spent the year before: the cut allows nothing, and set says so.
    let said = stderr_of(
        &env,
        [
            "budget",
            "set",
            "groceries",
            "--cut",
            "10",
            "--year",
            "2025",
        ],
    );
    assert!(
        said.contains("nothing was spent on groceries in 2024"),
        "{said}"
    );
}

#[test]
fn a_new_amount_limit_replaces_the_earlier_one_and_leaves_the_count() {
    let env = ledger();
    env.run([
        "budget", "set", "whisky", "--amount", "500000", "--year", "2025",
    ])
    .ok();
    env.run(["budget", "set", "whisky", "--count", "4", "--year", "2025"])
        .ok();
    let said = stderr_of(
        &env,
        ["budget", "set", "whisky", "--cut", "20", "--year", "2025"],
    );
    assert_eq!(
        said,
        "whisky 2025: at most 240,000 KRW a year (20% less than 300,000 in 2024) (replaces 500,000 KRW a year)\n"
    );
    let list = env.json(["budget", "list"]);
    let limits: Vec<(&str, &str)> = array(&list)
        .iter()
        .map(|b| (b["unit"].as_str().unwrap(), b["limit"].as_str().unwrap()))
        .collect();
    assert_eq!(limits, [("amount", "240000"), ("count", "4")]);
    let removed = stderr_of(&env, ["budget", "remove", "whisky", "--year", "2025"]);
    assert!(
        removed.starts_with("removed whisky 2025: 240,000 KRW"),
        "{removed}"
    );
    assert_eq!(env.json(["budget", "list"]), json!([]));
    let err = env
        .run(["budget", "remove", "whisky", "--year", "2025"])
        .fails();
    assert!(err.contains("no budget for whisky in 2025"), "{err}");
}

#[test]
fn rollover_carries_what_is_left_and_overspending_reduces_it() {
    let env = ledger();
    with_budgets(&env);
    // April: 8,000 less March's 6,000 overspend.
    let april = env.json(["report", "budget", "--as-of", "2025-04-15"]);
    assert_eq!(
        array(&april)[0],
        status(
            "books",
            "2025-04",
            "amount",
            ["2000", "0", "2000"],
            0.0,
            "0",
            "ok"
        )
    );
    // August: 2,000 + 8,000 × 4 unspent months (Apr–Jul) + 8,000 = 34,000.
    let august = env.json(["report", "month", "2025-08"]);
    let books = array(&august["categories"])
        .iter()
        .find(|c| c["category"] == "books")
        .cloned()
        .unwrap();
    assert_eq!(
        books,
        json!({"category": "books", "spent": "0", "budget": "34000", "remaining": "34000"})
    );
    // Without --rollover every month stands alone.
    env.run([
        "budget", "set", "books", "--amount", "8000", "--per", "month", "--year", "2025",
    ])
    .ok();
    let plain = env.json(["report", "budget", "--as-of", "2025-04-15"]);
    assert_eq!(array(&plain)[0]["limit"], "8000");
}

/// The terminal table of `report budget 2025 --as-of 2025-03-31`.
const BUDGET_TABLE: &str = "\
category     period     limit  unit         spent     left  used  projected  status  note
───────────  ───────  ───────  ─────────  ───────  ───────  ────  ─────────  ──────  ─────────────────────────────
books        2025-03   24,000  KRW         30,000   -6,000  125%     30,000  over    8,000 + 16,000 carried
cafe         2025-03   50,000  KRW              0   50,000    0%          0  ok
camping      2025     210,000  KRW              0  210,000    0%          0  ok      30% less than 300,000 in 2024
electronics  2025     400,000  KRW              0  400,000    0%          0  ok
whisky       2025     500,000  KRW        269,000  231,000   54%  1,090,945  warn
whisky       2025           4  purchases        2        2   50%          9  warn
";

#[test]
fn report_budget_table_snapshot() {
    let env = ledger();
    with_budgets(&env);
    let table = env
        .run(["report", "budget", "2025", "--as-of", "2025-03-31"])
        .ok();
    assert_eq!(table, BUDGET_TABLE, "\n{table}");
}

// ---------------------------------------------------------------------------------------
// report month
// ---------------------------------------------------------------------------------------

#[test]
fn report_month_shows_categories_against_monthly_budgets_and_the_largest_purchases() {
    let env = ledger();
    with_budgets(&env);
    let feb = env.json(["report", "month", "2025-02"]);
    assert_eq!(feb["month"], "2025-02");
    assert_eq!(feb["total"], "184320");
    let categories: Vec<(&str, &str, &Value)> = array(&feb["categories"])
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap(),
                c["spent"].as_str().unwrap(),
                &c["budget"],
            )
        })
        .collect();
    assert_eq!(
        categories,
        [
            ("whisky", "119000", &Value::Null),
            ("groceries", "65320", &Value::Null),
            ("books", "0", &json!("16000")),
            ("cafe", "0", &json!("50000")),
        ]
    );
    let largest = array(&feb["largest"]);
    assert_eq!(largest.len(), 1);
    assert_eq!(largest[0]["payee"], "이마트 성수점");
    assert_eq!(largest[0]["amount"], "184320", "the whole receipt");
    assert_eq!(largest[0]["category"], "groceries, whisky");
    let table = env.run(["report", "month", "2025-03"]).ok();
    assert!(table.contains("over 6,000"), "{table}");
    assert!(table.contains("largest purchases"), "{table}");
}

// ---------------------------------------------------------------------------------------
// Errors and the note after an import
// ---------------------------------------------------------------------------------------

#[test]
fn budget_errors_are_one_line_and_change_nothing() {
    let env = ledger();
    with_budgets(&env);
    let before = env.json(["budget", "list"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["whiskey", "--amount", "1000"],
            "unknown category \"whiskey\"; did you mean whisky",
        ),
        (&["whisky", "--amount", "0"], "must be more than 0"),
        (&["whisky", "--amount", "-5000"], "must be more than 0"),
        (&["whisky", "--amount", "a lot"], "unreadable amount"),
        (&["whisky", "--cut", "120"], "from 0 to 100"),
        (&["whisky", "--cut", "-5%"], "from 0 to 100"),
        (&["whisky", "--count", "2.5"], "positive whole number"),
        (&["whisky", "--count", "0"], "positive whole number"),
        (&["whisky", "--count", "-3"], "positive whole number"),
        (
            &["whisky", "--cut", "30", "--per", "month"],
            "does not combine with --per month",
        ),
        (
            &["whisky", "--amount", "1000", "--rollover"],
            "needs --per month",
        ),
        (
            &["whisky", "--amount", "1000", "--per", "week"],
            "--per takes year or month",
        ),
        (
            &["whisky", "--amount", "1000", "--count", "3"],
            "one of --amount, --count and --cut",
        ),
        (&["whisky"], "needs a limit"),
        (&["income", "--amount", "1000"], "income category"),
        (&["transfer", "--count", "1"], "transfer category"),
        (
            &["whisky", "--amount", "1000", "--year", "twenty"],
            "not a year",
        ),
        (
            &["whisky", "--amount", "1000", "--currency", "XYZ"],
            "unknown currency",
        ),
        (
            &["whisky", "--count", "3", "--currency", "USD"],
            "takes no --currency",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["budget", "set"];
        all.extend_from_slice(args);
        let err = env.run(&all).fails();
        assert!(err.contains(message), "{args:?}: {err}");
    }
    for args in [
        &["report", "year", "20x5"][..],
        &["report", "budget", "--as-of", "2025-02-30"],
        &["report", "month", "2025-13"],
        &["report", "year", "--currency", "WON"],
        &["budget", "remove", "whiskey"],
    ] {
        env.run(args).fails();
    }
    assert_eq!(env.json(["budget", "list"]), before);
}

#[test]
fn import_names_the_limits_that_are_over_or_on_pace_to_go_over() {
    use chrono::Datelike;
    let env = Env::new();
    let year = chrono::Local::now().year();
    env.run(["budget", "set", "whisky", "--amount", "100,000"])
        .ok();
    env.run(["budget", "set", "cafe", "--amount", "10,000,000"])
        .ok();
    let file = env.write(
        "this-year.csv",
        format!(
            "date,payee,amount,category\n\
             {year}-01-01,데일리샷,\"-150,000\",whisky\n\
             {year}-01-01,스타벅스,\"-5,000\",cafe\n"
        ),
    );
    let dry = stderr_of(&env, ["import", "--dry-run", &file]);
    assert!(
        !dry.contains("whisky:"),
        "a dry run changes no limit: {dry}"
    );
    let said = stderr_of(&env, ["import", &file]);
    let limits: Vec<&str> = said.lines().filter(|l| l.contains(" of ")).collect();
    assert_eq!(
        limits,
        ["whisky: 150,000 of 100,000 (150%), over by 50,000"],
        "{said}"
    );
    // Nothing new, nothing to say.
    let again = stderr_of(&env, ["import", &file]);
    assert!(!again.contains("whisky:"), "{again}");
}
