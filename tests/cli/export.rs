//! Export: hledger, ledger and beancount read our journals and agree with `report year`
//! for every category, year and currency; gagyebu's CSV round-trips losslessly.

use super::*;

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Two years across a bank account and a card: refunds, a split, a card bill paid from the
/// bank (a transfer pair), income, uncategorized spending, and dollars beside won.
pub(crate) const HISTORY: &str = "date,account,payee,memo,amount,currency,category\n\
2024-03-02,KB국민은행,이마트 성수점,장보기,\"-84,000\",KRW,\n\
2024-03-05,KB국민은행,(주)한빛소프트 급여,3월 급여,\"3,200,000\",KRW,\n\
2024-05-10,현대카드,보틀벙커 잠실점,발베니 12년,\"-119,000\",KRW,\n\
2024-05-12,현대카드,보틀벙커 잠실점,발베니 12년 반품,\"119,000\",KRW,\n\
2024-06-01,현대카드,Amazon.com,Kindle Paperwhite,-159.99,USD,\n\
2024-06-09,KB국민은행,동네가게,,\"-12,000\",KRW,\n\
2024-12-24,KB국민은행,교보문고 광화문점,선물용 책,\"-32,000\",KRW,\n\
2025-01-15,현대카드,스타벅스 성수역점,,\"-6,500\",KRW,\n\
2025-02-03,KB국민은행,이마트 성수점,발베니와 장보기,\"-184,320\",KRW,\n\
2025-02-10,현대카드,당근페이,캠핑 텐트,\"-150,000\",KRW,\n\
2025-02-25,KB국민은행,현대카드,카드대금,\"-156,500\",KRW,\n\
2025-02-26,현대카드,결제 감사합니다,,\"156,500\",KRW,\n\
2025-03-01,현대카드,Amazon.com,AirPods,-249.00,USD,\n\
2025-03-03,현대카드,Amazon.com,AirPods refund,249.00,USD,\n\
2025-03-04,현대카드,REI #123 SEATTLE,,-89.95,USD,\n\
2025-04-01,KB국민은행,동네가게,,\"-7,000\",KRW,\n";

/// Spending per (year, currency, category) from `report year`.
fn report_totals(env: &Env, years: &[&str]) -> BTreeMap<(String, String, String), Decimal> {
    let mut out = BTreeMap::new();
    for year in years {
        for currency in ["KRW", "USD"] {
            let r = env.json(["report", "year", year, "--currency", currency]);
            for c in array(&r["categories"]) {
                let total = Decimal::from_str(c["total"].as_str().unwrap()).unwrap();
                if !total.is_zero() {
                    let name = c["category"].as_str().unwrap().to_string();
                    out.insert((year.to_string(), currency.to_string(), name), total);
                }
            }
        }
    }
    out
}

fn history(env: &Env) {
    env.import(&[&env.write("history.csv", HISTORY)]);
    let mart = array(&env.txs(&["--search", "발베니와"]))[0]["id"].to_string();
    env.run(["tx", "split", &mart, "groceries=65,320", "whisky=119,000"])
        .ok();
}

/// Whether a peer tool is here; with GAGYEBU_REQUIRE_PEERS=1 (as CI sets it) a missing
/// tool fails the test instead of skipping it.
fn peer(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("GAGYEBU_REQUIRE_PEERS").as_deref() != Ok("1"),
            "{tool} is required (GAGYEBU_REQUIRE_PEERS=1) but not installed"
        );
        eprintln!("SKIPPED: {tool} is not installed, so the {tool} cross-check did not run");
    }
    found
}

fn tool_output(tool: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The report's figures keyed like a tool's account names.
fn expected(
    env: &Env,
    key: impl Fn(&str) -> String,
) -> BTreeMap<(String, String, String), Decimal> {
    report_totals(env, &["2024", "2025"])
        .into_iter()
        .map(|((y, c, name), total)| ((y, c, key(&name)), total))
        .collect()
}

#[test]
fn hledger_agrees_with_report_year() {
    if !peer("hledger") {
        return;
    }
    let env = Env::new();
    history(&env);
    let file = env.root().join("export.journal");
    env.run(["export", "--to", "hledger", "-o", file.to_str().unwrap()])
        .ok();
    let mut got = BTreeMap::new();
    for year in ["2024", "2025"] {
        for currency in ["KRW", "USD"] {
            let csv = tool_output(
                "hledger",
                &[
                    "-f",
                    file.to_str().unwrap(),
                    "bal",
                    "^expenses:",
                    "-p",
                    year,
                    "--flat",
                    "-N",
                    "-O",
                    "csv",
                    &format!("cur:{currency}"),
                ],
            );
            for line in csv.lines().skip(1) {
                let cells: Vec<&str> = line.split("\",\"").map(|c| c.trim_matches('"')).collect();
                let number = cells[1].split_whitespace().next().unwrap();
                let total = Decimal::from_str(number).unwrap();
                if !total.is_zero() {
                    got.insert((year.into(), currency.into(), cells[0].to_string()), total);
                }
            }
        }
    }
    assert_eq!(got, expected(&env, |c| format!("expenses:{c}")));
    assert!(
        got.len() >= 6,
        "the cross-check compared too little: {got:?}"
    );
}

#[test]
fn ledger_agrees_with_report_year() {
    if !peer("ledger") {
        return;
    }
    let env = Env::new();
    history(&env);
    let file = env.root().join("export.ledger");
    env.run(["export", "--to", "ledger", "-o", file.to_str().unwrap()])
        .ok();
    let mut got = BTreeMap::new();
    for year in ["2024", "2025"] {
        for currency in ["KRW", "USD"] {
            let out = tool_output(
                "ledger",
                &[
                    "-f",
                    file.to_str().unwrap(),
                    "bal",
                    "^expenses:",
                    "-p",
                    year,
                    "--flat",
                    "--no-total",
                    "-l",
                    &format!("commodity == \"{currency}\""),
                    "--balance-format",
                    "%(account)\t%(quantity(scrub(display_total)))\n",
                ],
            );
            for line in out.lines().filter(|l| !l.trim().is_empty()) {
                let (account, number) = line.split_once('\t').unwrap();
                let total = Decimal::from_str(number.trim()).unwrap();
                if !total.is_zero() {
                    got.insert((year.into(), currency.into(), account.to_string()), total);
                }
            }
        }
    }
    assert_eq!(got, expected(&env, |c| format!("expenses:{c}")));
}

#[test]
fn beancount_checks_and_agrees_with_report_year() {
    if !peer("bean-check") || !peer("bean-query") {
        return;
    }
    let env = Env::new();
    history(&env);
    let file = env.root().join("export.beancount");
    env.run(["export", "--to", "beancount", "-o", file.to_str().unwrap()])
        .ok();
    tool_output("bean-check", &[file.to_str().unwrap()]);
    let mut got = BTreeMap::new();
    for year in ["2024", "2025"] {
        for currency in ["KRW", "USD"] {
            let query = format!(
                "SELECT account, sum(number) AS total WHERE account ~ '^Expenses:' \
                 AND year = {year} AND currency = '{currency}' GROUP BY account"
            );
            let out = tool_output("bean-query", &["-f", "csv", file.to_str().unwrap(), &query]);
            for line in out.lines().skip(1) {
                let (account, number) = line.rsplit_once(',').unwrap();
                let total = Decimal::from_str(number.trim()).unwrap();
                if !total.is_zero() {
                    got.insert((year.into(), currency.into(), account.to_string()), total);
                }
            }
        }
    }
    let bean = gagyebu::render::journal::bean_component;
    assert_eq!(got, expected(&env, |c| format!("Expenses:{}", bean(c))));
}

#[test]
fn csv_export_reimports_to_the_same_totals_splits_included() {
    let env = Env::new();
    history(&env);
    let csv = env.run(["export", "--to", "csv"]).ok();
    let copy = Env::new();
    let report = copy.import(&[&copy.write("export.csv", &csv)]);
    assert_eq!(report["duplicates"], 0);
    assert_eq!(
        report_totals(&copy, &["2024", "2025"]),
        report_totals(&env, &["2024", "2025"])
    );
    // Re-importing the export into the store it came from adds nothing but the split parts'
    // rows, which the store holds as one transaction: none of the rest is doubled.
    let again = env.import(&[&env.write("export.csv", &csv)]);
    assert_eq!(again["new"], 2, "{again}");
}

#[test]
fn export_of_one_year_and_to_a_file() {
    let env = Env::new();
    history(&env);
    let out = env
        .run(["export", "--to", "hledger", "--year", "2024"])
        .ok();
    assert!(out.contains("2024-03-02 이마트 성수점 | 장보기"), "{out}");
    assert!(!out.contains("2025-"), "{out}");
    assert!(out.contains("decimal-mark ."));
    env.run(["export", "--to", "nosuch"])
        .status
        .success()
        .then(|| panic!("accepted"));
}
