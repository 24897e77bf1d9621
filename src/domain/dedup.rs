//! Multiset dedup: a statement row is new only as often as the file holds its key more
//! times than the store already does. Re-importing a statement adds nothing, overlapping
//! statements add only unseen days, and two identical coffees on one day stay two coffees.

use std::collections::HashMap;

use super::text::fold;
use super::transaction::NewTransaction;

/// The identity of a row within one account: the external id where the format has one,
/// else date, amount and the folded payee and memo. The id is paired with the signed
/// amount because card issuers give a cancellation (or a partial one) the approval
/// number of its purchase, and dedup must never drop the money coming back.
pub fn dedup_key(tx: &NewTransaction) -> String {
    match &tx.external_id {
        Some(id) => format!(
            "id\u{1f}{id}\u{1f}{}\u{1f}{}",
            tx.amount.minor, tx.amount.currency
        ),
        None => format!(
            "row\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            tx.date,
            tx.amount.minor,
            tx.amount.currency,
            fold(&tx.payee),
            fold(&tx.memo)
        ),
    }
}

/// Tracks, per (account, key), how many times the store held the key before this file and
/// how many times the file has shown it so far.
#[derive(Default)]
pub struct Multiset {
    counts: HashMap<(i64, String), Counts>,
}

#[derive(Clone, Copy)]
struct Counts {
    stored: u64,
    seen: u64,
}

impl Multiset {
    /// Says whether this occurrence of `key` is new. `stored` is asked once per key, on its
    /// first occurrence, so it must report the store as it was before this file.
    pub fn admit<E>(
        &mut self,
        account: i64,
        key: String,
        stored: impl FnOnce() -> Result<u64, E>,
    ) -> Result<bool, E> {
        let counts = match self.counts.entry((account, key)) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => entry.insert(Counts {
                stored: stored()?,
                seen: 0,
            }),
        };
        counts.seen += 1;
        Ok(counts.seen > counts.stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
    use chrono::NaiveDate;
    use std::convert::Infallible;

    fn tx(payee: &str, memo: &str, minor: i64) -> NewTransaction {
        NewTransaction {
            date: NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
            time: None,
            payee: payee.into(),
            memo: memo.into(),
            amount: Money::new(minor, Currency::KRW),
            external_id: None,
            account: None,
            category: None,
        }
    }

    fn admit_all(set: &mut Multiset, keys: &[&str], stored: u64) -> usize {
        keys.iter()
            .filter(|k| {
                set.admit(1, k.to_string(), || Ok::<_, Infallible>(stored))
                    .unwrap()
            })
            .count()
    }

    #[test]
    fn key_ignores_case_and_spacing_of_payee() {
        assert_eq!(
            dedup_key(&tx("Starbucks  Seongsu", "", -5600)),
            dedup_key(&tx("starbucks seongsu", "", -5600))
        );
        assert_ne!(
            dedup_key(&tx("starbucks", "", -5600)),
            dedup_key(&tx("starbucks", "", -5700))
        );
        assert_ne!(
            dedup_key(&tx("starbucks", "a", -5600)),
            dedup_key(&tx("starbucks", "b", -5600))
        );
    }

    #[test]
    fn external_id_replaces_payee_and_memo_but_not_the_amount() {
        let with_id = |payee: &str, minor| {
            let mut t = tx(payee, "", minor);
            t.external_id = Some("30015012".into());
            t
        };
        assert_eq!(
            dedup_key(&with_id("이마트", -89_000)),
            dedup_key(&with_id("이마트 성수점", -89_000))
        );
        // A cancellation shares the purchase's approval number.
        assert_ne!(
            dedup_key(&with_id("이마트", -89_000)),
            dedup_key(&with_id("이마트", 89_000))
        );
    }

    #[test]
    fn multiset_counts() {
        // (occurrences in file, already stored, expected new)
        let cases = [
            (1, 0, 1),
            (1, 1, 0),
            (2, 0, 2),
            (3, 2, 1),
            (2, 5, 0),
            (0, 3, 0),
        ];
        for (n, m, want) in cases {
            let keys = vec!["k"; n];
            let mut set = Multiset::default();
            assert_eq!(admit_all(&mut set, &keys, m), want, "n={n} m={m}");
        }
    }

    #[test]
    fn accounts_are_kept_apart() {
        let mut set = Multiset::default();
        assert!(!set.admit(1, "k".into(), || Ok::<_, Infallible>(1)).unwrap());
        assert!(set.admit(2, "k".into(), || Ok::<_, Infallible>(0)).unwrap());
    }
}
