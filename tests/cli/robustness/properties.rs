//! Properties: money reads back exactly what it writes; importing a statement twice is
//! importing it once; two statements give the same ledger in either order.

use super::*;

use gagyebu::domain::money::{parse_money, Currency, Money, NumberStyle};
use proptest::prelude::*;

/// Currencies of every exponent: 0 (KRW, JPY), 2 (USD, EUR), 3 (KWD, BHD), 4 (CLF).
const CODES: [&str; 7] = ["KRW", "JPY", "USD", "EUR", "KWD", "BHD", "CLF"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn money_parses_back_from_plain_and_grouped(
        minor in prop_oneof![any::<i64>(), -10_000_000i64..10_000_000],
        code in prop::sample::select(&CODES[..]),
    ) {
        let currency = Currency::parse(code).unwrap();
        let money = Money::new(minor, currency);
        for shown in [money.plain(), money.grouped()] {
            prop_assert_eq!(
                parse_money(&shown, NumberStyle::DecimalPoint, currency, true),
                Ok(money),
                "{}", shown
            );
            // The same figure as a European statement writes it: 1.234,56.
            let comma: String = shown
                .chars()
                .map(|c| match c { ',' => '.', '.' => ',', c => c })
                .collect();
            prop_assert_eq!(
                parse_money(&comma, NumberStyle::DecimalComma, currency, true),
                Ok(money),
                "{}", comma
            );
        }
    }
}

/// A row: (day of March, payee, memo, amount), each drawn from a few values so that
/// generated statements repeat rows, within and across files.
type Line = (u32, usize, usize, usize);

fn line() -> impl Strategy<Value = Line> {
    (1u32..=4, 0usize..3, 0usize..2, 0usize..3)
}

fn statement(lines: &[Line]) -> String {
    const PAYEES: [&str; 3] = ["스타벅스 성수역점", "이마트 성수점", "Blue Bottle"];
    const MEMOS: [&str; 2] = ["", "아이스 아메리카노"];
    const AMOUNTS: [&str; 3] = ["\"-4,700\"", "-4700.00", "\"12,000\""];
    let mut text = String::from("date,payee,memo,amount\n");
    for &(day, payee, memo, amount) in lines {
        text.push_str(&format!(
            "2025-03-{day:02},{},{},{}\n",
            PAYEES[payee], MEMOS[memo], AMOUNTS[amount]
        ));
    }
    text
}

/// `tx list` without ids, in a fixed order: what a ledger holds, however it got there.
fn ledger(env: &Env) -> Vec<String> {
    let mut rows: Vec<String> = array(&without_ids(&env.txs(&[])))
        .iter()
        .map(Value::to_string)
        .collect();
    rows.sort();
    rows
}

proptest! {
    // Each case runs the binary several times: few cases, each a real import.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn importing_a_statement_twice_is_importing_it_once(
        lines in prop::collection::vec(line(), 1..12)
    ) {
        let env = Env::new();
        let file = env.write("s.csv", statement(&lines));
        let first = env.import(&[&file]);
        prop_assert_eq!(first["new"].as_u64(), Some(lines.len() as u64));
        let once = ledger(&env);
        let second = env.import(&[&file]);
        prop_assert_eq!(second["new"].as_u64(), Some(0));
        prop_assert_eq!(second["duplicates"].as_u64(), Some(lines.len() as u64));
        prop_assert_eq!(ledger(&env), once);
    }

    #[test]
    fn a_then_b_is_b_then_a(
        a in prop::collection::vec(line(), 1..10),
        b in prop::collection::vec(line(), 1..10),
    ) {
        let (ab, ba) = (Env::new(), Env::new());
        let files = |env: &Env| (env.write("a.csv", statement(&a)), env.write("b.csv", statement(&b)));
        let (a1, b1) = files(&ab);
        ab.import(&[&a1]);
        ab.import(&[&b1]);
        let (a2, b2) = files(&ba);
        ba.import(&[&b2]);
        ba.import(&[&a2]);
        let ledger_ab = ledger(&ab);
        prop_assert_eq!(&ledger_ab, &ledger(&ba));
        // And it is the multiset union: each row as often as the file holding it most.
        // "-4,700" and -4700.00 are one amount, so rows differing only there are one row.
        let key = |&(day, payee, memo, amount): &Line| (day, payee, memo, amount.max(1));
        let count = |lines: &[Line], l: &Line| lines.iter().filter(|x| key(x) == key(l)).count();
        let mut distinct: Vec<Line> = a.iter().chain(&b).map(key).collect();
        distinct.sort();
        distinct.dedup();
        let union: usize = distinct.iter().map(|l| count(&a, l).max(count(&b, l))).sum();
        prop_assert_eq!(ledger_ab.len(), union);
    }
}
