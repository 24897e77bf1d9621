//! Multiset dedup: a statement row is new only as often as the file holds its key more
//! times than the store already does. Re-importing a statement adds nothing, overlapping
//! statements add only unseen days, and two identical coffees on one day stay two coffees.

use std::fmt::Write;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::text::fold;
use super::transaction::NewTransaction;

/// The identity of a row within one account: the external id where the format has one,
/// else date, amount and the folded payee and memo. The id is paired with the signed
/// amount because card issuers give a cancellation (or a partial one) the approval
/// number of its purchase, and dedup must never drop the money coming back.
pub fn dedup_key(tx: &NewTransaction) -> String {
    let mut key = String::new();
    write_key(&mut key, tx, &fold(&tx.payee), &fold(&tx.memo));
    key
}

fn write_key(out: &mut impl Write, tx: &NewTransaction, payee: &str, memo: &str) {
    // Writing into a String or a hasher cannot fail.
    let _ = match &tx.external_id {
        Some(id) => write!(
            out,
            "id\u{1f}{id}\u{1f}{}\u{1f}{}",
            tx.amount.minor, tx.amount.currency
        ),
        None => write!(
            out,
            "row\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{payee}\u{1f}{memo}",
            tx.date, tx.amount.minor, tx.amount.currency
        ),
    };
}

/// The stored form of `dedup_key`: its 64-bit FNV-1a hash, computed without building
/// the text, for a caller that has already folded the payee and memo. Stable across
/// versions and platforms, since stores keep it.
pub fn dedup_hash_folded(tx: &NewTransaction, payee: &str, memo: &str) -> u64 {
    let mut h = Fnv::default();
    write_key(&mut h, tx, payee, memo);
    h.0
}

/// `key_hash(dedup_key(tx))`, the hash a store keeps for each row.
pub fn key_hash(key: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.bytes(key);
    h.0
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

/// Tracks, per account and key, how many times the store held the key before this file
/// and how many times the file has shown it so far.
///
/// Keys are 64-bit hashes (a collision needs two different rows of one account to share
/// a hash: odds of about 1 in 10^19 per pair), and the store is asked once per account
/// and day for the keys of that day, rather than once per row: a big import then reads a
/// few thousand index ranges instead of probing a B-tree a million times.
///
/// A day the store held nothing for is remembered as such and its rows are admitted
/// without counting: a first import then keeps a few thousand days in memory, not a
/// million keys.
#[derive(Default)]
pub struct Multiset {
    /// By `slot(account, key)`: 16 bytes an entry, as a re-import counts every row.
    counts: FxHashMap<u64, Counts>,
    /// Days whose stored keys were read, and whether there were any.
    loaded_days: FxHashMap<(i64, NaiveDate), bool>,
}

#[derive(Clone, Copy, Default)]
struct Counts {
    stored: u32,
    seen: u32,
}

/// How the store answers for keys it already holds.
pub trait Stored {
    type Error;
    /// The dedup hashes of the rows without an external id on `date` in `account`.
    fn day_keys(&mut self, account: i64, date: NaiveDate) -> Result<Vec<u64>, Self::Error>;
    /// How many rows of `account` carry this external-id key hash.
    fn id_count(&mut self, account: i64, key: u64) -> Result<u64, Self::Error>;
}

/// One number for an account's key. Keys are already hashes; the account is mixed in
/// so that the same row in two accounts stays two rows.
fn slot(account: i64, key: u64) -> u64 {
    key ^ (account as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Multiset {
    /// Says whether this occurrence of `tx` (whose key hash is `key`) is new, given what
    /// the store held before this file.
    pub fn admit<S: Stored>(
        &mut self,
        account: i64,
        tx: &NewTransaction,
        key: u64,
        store: &mut S,
    ) -> Result<bool, S::Error> {
        let own = slot(account, key);
        if tx.external_id.is_some() {
            if let std::collections::hash_map::Entry::Vacant(e) = self.counts.entry(own) {
                let stored = store.id_count(account, key)?;
                e.insert(Counts {
                    stored: u32::try_from(stored).unwrap_or(u32::MAX),
                    seen: 0,
                });
            }
        } else {
            let held = match self.loaded_days.entry((account, tx.date)) {
                std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let keys = store.day_keys(account, tx.date)?;
                    for stored in &keys {
                        let c = self.counts.entry(slot(account, *stored)).or_default();
                        c.stored = c.stored.saturating_add(1);
                    }
                    *e.insert(!keys.is_empty())
                }
            };
            // Nothing stored that day: every occurrence is new, however many there are.
            if !held {
                return Ok(true);
            }
        }
        let c = self.counts.entry(own).or_default();
        c.seen = c.seen.saturating_add(1);
        Ok(c.seen > c.stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
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

    fn hash(t: &NewTransaction) -> u64 {
        dedup_hash_folded(t, &fold(&t.payee), &fold(&t.memo))
    }

    #[test]
    fn the_stored_hash_is_the_hash_of_the_key_text() {
        let mut with_id = tx("이마트 성수점", "장보기", -89_000);
        with_id.external_id = Some("30015012".into());
        for t in [
            tx("Starbucks  Seongsu", "", -5600),
            tx("카페", "라떼", 0),
            with_id,
        ] {
            assert_eq!(hash(&t), key_hash(dedup_key(&t).as_bytes()));
        }
        // FNV-1a 64 of "a": the function must never change, stores keep its values.
        assert_eq!(key_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    /// A store that holds `stored` copies of every key asked about.
    struct Fake {
        stored: usize,
        days: Vec<NaiveDate>,
    }

    impl Stored for Fake {
        type Error = Infallible;
        fn day_keys(&mut self, _: i64, date: NaiveDate) -> Result<Vec<u64>, Infallible> {
            self.days.push(date);
            Ok(vec![hash(&tx("cafe", "", -5_600)); self.stored])
        }
        fn id_count(&mut self, _: i64, _: u64) -> Result<u64, Infallible> {
            Ok(self.stored as u64)
        }
    }

    fn admit_all(set: &mut Multiset, n: usize, stored: usize) -> usize {
        let mut store = Fake {
            stored,
            days: vec![],
        };
        let t = tx("cafe", "", -5_600);
        let key = hash(&t);
        (0..n)
            .filter(|_| set.admit(1, &t, key, &mut store).unwrap())
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
            let mut set = Multiset::default();
            assert_eq!(admit_all(&mut set, n, m), want, "n={n} m={m}");
        }
    }

    #[test]
    fn the_store_is_asked_once_per_account_and_day() {
        let mut set = Multiset::default();
        let mut store = Fake {
            stored: 1,
            days: vec![],
        };
        let t = tx("cafe", "", -5_600);
        let key = hash(&t);
        assert!(!set.admit(1, &t, key, &mut store).unwrap());
        assert!(set.admit(1, &t, key, &mut store).unwrap());
        assert!(
            !set.admit(2, &t, key, &mut store).unwrap(),
            "account 2 holds one too"
        );
        assert_eq!(store.days.len(), 2);
    }
}
