//! The whole file-to-transactions path: recognize, read every row, compute dedup keys
//! and categorize with the built-in rules. The first byte picks a profile to force
//! (--profile) or none. Never a panic; an error is a value with a one-line message.
#![no_main]

use gagyebu::domain::dedup::dedup_key;
use gagyebu::domain::rules::{builtin_rules, RuleSet, Subject};
use gagyebu::import::{Profiles, Statement};
use libfuzzer_sys::fuzz_target;

const BUILTIN_RULES: &str = include_str!("../../imports/rules/builtin.toml");

thread_local! {
    static PROFILES: Profiles = Profiles::builtin();
    static RULES: RuleSet = RuleSet::new(builtin_rules(BUILTIN_RULES).unwrap()).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    PROFILES.with(|profiles| {
        let all = profiles.all();
        let forced = (first < 128).then(|| &all[usize::from(first) % all.len()]);
        let statement = match Statement::from_bytes(bytes, "fuzz.csv", profiles, forced) {
            Ok(s) => s,
            Err(e) => return one_line(&e.to_string()),
        };
        for row in statement.rows() {
            let row = match row {
                Ok(row) => row,
                Err(e) => return one_line(&e.to_string()),
            };
            let tx = &row.tx;
            let _ = dedup_key(tx);
            let _ = tx.amount.plain();
            RULES.with(|rules| {
                let subject = Subject {
                    payee: &tx.payee,
                    memo: &tx.memo,
                    amount: tx.amount.to_decimal(),
                    account: tx.account.as_deref().unwrap_or(""),
                };
                let _ = rules.categorize(&subject);
            });
        }
    });
});

/// The CLI prints an error on one line; a message with a line break breaks that contract.
fn one_line(message: &str) {
    assert!(!message.contains('\n'), "{message:?}");
}
