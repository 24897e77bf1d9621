//! Plain-text accounting exports: hledger and ledger journals, beancount, and gagyebu's
//! own CSV. Each is written so its tool reads every amount exactly: no thousands
//! separators, `.` as the decimal mark, the commodity after the number.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;

use crate::domain::category::CategoryKind;
use crate::domain::money::Money;
use crate::domain::transaction::JournalEntry;

/// The account the money left or entered by: a card is a liability, the rest assets.
fn source_account(e: &JournalEntry) -> [String; 3] {
    let (root, kind) = match e.account_kind.as_str() {
        "card" => ("liabilities", "card"),
        "wallet" => ("assets", "wallet"),
        "other" => ("assets", "other"),
        _ => ("assets", "bank"),
    };
    [root.to_string(), kind.to_string(), e.account.clone()]
}

/// Where a posting goes: expenses, income, or the transfer account (transfers between
/// one's own accounts net to zero there). Uncategorized money out is spending, as in
/// `report year`; uncategorized money in is not known to be a refund, so it is income.
fn category_account(category: Option<&str>, kind: CategoryKind, incoming: bool) -> [String; 2] {
    match (kind, category) {
        (_, None) if incoming => ["income".into(), "uncategorized".into()],
        (_, None) => ["expenses".into(), "uncategorized".into()],
        (CategoryKind::Spending, Some(c)) => ["expenses".into(), c.into()],
        (CategoryKind::Income, Some(c)) => ["income".into(), c.into()],
        (CategoryKind::Transfer, Some(c)) => ["equity".into(), format!("transfer-{c}")],
    }
}

/// An hledger/ledger account component: no `:` (the hierarchy), no runs of spaces (two
/// spaces end an account name), nothing a parser reads as a comment or virtual posting.
fn plain_component(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            ':' | ';' | '(' | ')' | '[' | ']' | '#' | '\t' | '\n' | '\r' => '-',
            c => c,
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Payees and memos on one line, without the characters that start comments.
fn plain_text(text: &str) -> String {
    text.replace([';', '\n', '\r', '\t'], " ")
        .replace('|', "/")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn amount(m: Money) -> String {
    format!("{} {}", m.plain(), m.currency)
}

/// The postings of an entry: (account components, amount), category side first.
fn postings(e: &JournalEntry) -> Vec<(Vec<String>, Money)> {
    let mut out: Vec<(Vec<String>, Money)> = e
        .postings
        .iter()
        .map(|p| {
            let negated = Money::new(p.amount.minor.saturating_neg(), p.amount.currency);
            let incoming = p.amount.minor > 0;
            let account = category_account(p.category.as_deref(), p.kind, incoming);
            (account.to_vec(), negated)
        })
        .collect();
    out.push((source_account(e).to_vec(), e.amount));
    out
}

/// An hledger journal. `decimal-mark .` settles how "1.000" reads.
pub fn hledger(out: &mut dyn Write, entries: &[JournalEntry]) -> io::Result<()> {
    writeln!(out, "; exported by gagyebu\ndecimal-mark .\n")?;
    plain_journal(out, entries, true)
}

/// A ledger journal: the memo goes on a note line.
pub fn ledger(out: &mut dyn Write, entries: &[JournalEntry]) -> io::Result<()> {
    writeln!(out, "; exported by gagyebu\n")?;
    plain_journal(out, entries, false)
}

fn plain_journal(out: &mut dyn Write, entries: &[JournalEntry], hledger: bool) -> io::Result<()> {
    for e in entries {
        let payee = plain_text(&e.payee);
        let memo = plain_text(&e.memo);
        let payee = if payee.is_empty() {
            "-".to_string()
        } else {
            payee
        };
        if hledger && !memo.is_empty() {
            writeln!(out, "{} {payee} | {memo}", e.date)?;
        } else {
            writeln!(out, "{} {payee}", e.date)?;
            if !memo.is_empty() {
                writeln!(out, "    ; {memo}")?;
            }
        }
        for (account, money) in postings(e) {
            let name: Vec<String> = account.iter().map(|c| plain_component(c)).collect();
            writeln!(out, "    {}  {}", name.join(":"), amount(money))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A beancount account component: starts with a capital letter or digit and holds only
/// ASCII letters, digits and dashes. Names with other letters (Hangul) keep their ASCII
/// part and gain a short stable hash of the whole name, so the mapping never collides
/// and never changes between exports; the original name is kept as metadata.
pub fn bean_component(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect();
    let ascii = words.join("-");
    let lossless = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && !ascii.is_empty();
    if lossless {
        return ascii;
    }
    let hash = format!("{:08X}", fnv1a(name) as u32);
    if ascii.is_empty() {
        format!("X{hash}")
    } else {
        format!("{ascii}-{hash}")
    }
}

/// FNV-1a: tiny, and stable across versions and platforms (unlike std's hasher).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn bean_account(components: &[String]) -> String {
    let mut parts = components.iter();
    let root = parts.next().map(|r| bean_component(r)).unwrap_or_default();
    std::iter::once(root)
        .chain(parts.map(|c| bean_component(c)))
        .collect::<Vec<_>>()
        .join(":")
}

fn bean_string(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace(['\n', '\r'], " ")
    )
}

/// A beancount file: options, an `open` for every account (on its first use, with its
/// original name as metadata), then the transactions.
pub fn beancount(
    out: &mut dyn Write,
    entries: &[JournalEntry],
    operating_currency: &str,
) -> io::Result<()> {
    writeln!(out, "; exported by gagyebu")?;
    writeln!(
        out,
        "option \"operating_currency\" \"{operating_currency}\"\n"
    )?;
    let mut opened: BTreeMap<String, (NaiveDate, String)> = BTreeMap::new();
    for e in entries {
        for (account, _) in postings(e) {
            let name = bean_account(&account);
            let original = account.join(":");
            opened.entry(name).or_insert((e.date, original));
        }
    }
    let mut by_date: Vec<(&String, &(NaiveDate, String))> = opened.iter().collect();
    by_date.sort_by_key(|(name, (date, _))| (*date, name.to_string()));
    for (name, (date, original)) in by_date {
        writeln!(out, "{date} open {name}\n  name: {}", bean_string(original))?;
    }
    writeln!(out)?;
    for e in entries {
        writeln!(
            out,
            "{} * {} {}",
            e.date,
            bean_string(&e.payee),
            bean_string(&e.memo)
        )?;
        for (account, money) in postings(e) {
            writeln!(out, "  {}  {}", bean_account(&account), amount(money))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// gagyebu's own CSV (the `generic` profile reads it back): one row per transaction, one
/// per part for a split, so every category keeps its share when re-imported.
pub fn csv(out: &mut dyn Write, entries: &[JournalEntry]) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let io_err = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    w.write_record([
        "date", "time", "account", "payee", "memo", "amount", "currency", "category",
    ])
    .map_err(io_err)?;
    for e in entries {
        for p in &e.postings {
            w.write_record([
                e.date.to_string(),
                e.time.map(|t| t.to_string()).unwrap_or_default(),
                e.account.clone(),
                e.payee.clone(),
                e.memo.clone(),
                p.amount.plain(),
                p.amount.currency.to_string(),
                p.category.clone().unwrap_or_default(),
            ])
            .map_err(io_err)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use crate::domain::transaction::Posting;

    fn entry() -> JournalEntry {
        let krw = |m| Money::new(m, Currency::KRW);
        JournalEntry {
            id: 1,
            date: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
            time: None,
            account: "KB국민은행".into(),
            account_kind: "bank".into(),
            payee: "이마트 성수점; 본점".into(),
            memo: "장보기 | 위스키".into(),
            amount: krw(-184_320),
            postings: vec![
                Posting {
                    category: Some("groceries".into()),
                    kind: CategoryKind::Spending,
                    amount: krw(-65_320),
                },
                Posting {
                    category: Some("whisky".into()),
                    kind: CategoryKind::Spending,
                    amount: krw(-119_000),
                },
            ],
        }
    }

    fn text(f: impl Fn(&mut dyn Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hledger_postings_balance_and_comments_cannot_sneak_in() {
        let j = text(|o| hledger(o, &[entry()]));
        assert!(
            j.contains("2025-03-03 이마트 성수점 본점 | 장보기 / 위스키\n"),
            "{j}"
        );
        assert!(j.contains("    expenses:groceries  65320 KRW\n"), "{j}");
        assert!(j.contains("    expenses:whisky  119000 KRW\n"), "{j}");
        assert!(
            j.contains("    assets:bank:KB국민은행  -184320 KRW\n"),
            "{j}"
        );
    }

    #[test]
    fn beancount_names_are_valid_and_stable() {
        assert_eq!(bean_component("whisky"), "Whisky");
        assert_eq!(bean_component("camping gear"), "Camping-Gear");
        let kb = bean_component("KB국민은행");
        assert!(kb.starts_with("KB-") && kb.len() == 11, "{kb}");
        assert_eq!(kb, bean_component("KB국민은행"), "stable");
        assert_ne!(bean_component("현대카드"), bean_component("신한카드"));
        assert!(bean_component("현대카드").starts_with('X'));
        let b = text(|o| beancount(o, &[entry()], "KRW"));
        assert!(b.contains("option \"operating_currency\" \"KRW\""));
        assert!(
            b.contains("open Expenses:Whisky\n  name: \"expenses:whisky\""),
            "{b}"
        );
        assert!(
            b.contains("2025-03-03 * \"이마트 성수점; 본점\" \"장보기 | 위스키\""),
            "{b}"
        );
    }

    #[test]
    fn csv_writes_one_row_per_split_part() {
        let c = text(|o| csv(o, &[entry()]));
        let lines: Vec<&str> = c.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].ends_with(",-65320,KRW,groceries"), "{c}");
        assert!(lines[2].ends_with(",-119000,KRW,whisky"), "{c}");
    }
}
