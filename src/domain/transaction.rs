//! Transactions as the rest of the program sees them, after a statement row has been
//! normalized and before (or after) it is stored.

use chrono::{NaiveDate, NaiveTime};

use super::money::Money;

/// A normalized statement row, ready for dedup and storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTransaction {
    pub date: NaiveDate,
    /// Only when the statement records one.
    pub time: Option<NaiveTime>,
    pub payee: String,
    pub memo: String,
    /// Signed: negative is money out.
    pub amount: Money,
    pub external_id: Option<String>,
    /// An account named by the row itself (the generic format's `account` column).
    pub account: Option<String>,
    /// A category named by the row itself (the generic format's `category` column).
    pub category: Option<String>,
}

/// A stored transaction, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    pub id: i64,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub account: String,
    pub payee: String,
    pub memo: String,
    pub amount: Money,
    pub category: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SplitError {
    #[error("split parts must be positive amounts; got {0}")]
    NotPositive(String),
    #[error("split parts are in {part}, the transaction in {transaction}")]
    Currency { part: String, transaction: String },
    #[error(
        "split parts add up to {parts}, but the transaction is {total}: {difference} {direction}"
    )]
    Sum {
        parts: String,
        total: String,
        difference: String,
        direction: &'static str,
    },
    #[error("a split needs at least two parts; to set one category use `gagyebu tx set-category`")]
    TooFew,
}

/// Checks that positive `parts` add up exactly to the absolute `amount`, and returns them
/// signed like the transaction, ready to store.
pub fn split_parts(amount: Money, parts: &[Money]) -> Result<Vec<Money>, SplitError> {
    if parts.len() < 2 {
        return Err(SplitError::TooFew);
    }
    let mut sum: i128 = 0;
    for part in parts {
        if part.currency != amount.currency {
            return Err(SplitError::Currency {
                part: part.currency.to_string(),
                transaction: amount.currency.to_string(),
            });
        }
        if part.minor <= 0 {
            return Err(SplitError::NotPositive(part.plain()));
        }
        sum += i128::from(part.minor);
    }
    let total = i128::from(amount.minor).abs();
    if sum != total {
        let show = |minor: i128| {
            i64::try_from(minor)
                .map(|m| Money::new(m, amount.currency).grouped())
                .unwrap_or_else(|_| minor.to_string())
        };
        return Err(SplitError::Sum {
            parts: show(sum),
            total: show(total),
            difference: show((sum - total).abs()),
            direction: if sum > total { "too much" } else { "missing" },
        });
    }
    let negative = amount.minor < 0;
    Ok(parts
        .iter()
        .map(|p| Money::new(if negative { -p.minor } else { p.minor }, p.currency))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn krw(minor: i64) -> Money {
        Money::new(minor, Currency::KRW)
    }

    #[test]
    fn parts_must_add_up_to_the_amount() {
        assert_eq!(
            split_parts(krw(-184_320), &[krw(119_000), krw(65_320)]),
            Ok(vec![krw(-119_000), krw(-65_320)])
        );
        assert_eq!(
            split_parts(krw(10_000), &[krw(4_000), krw(6_000)]),
            Ok(vec![krw(4_000), krw(6_000)])
        );
        let err = split_parts(krw(-184_320), &[krw(119_000), krw(65_000)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "split parts add up to 184,000, but the transaction is 184,320: 320 missing"
        );
        assert!(matches!(
            split_parts(krw(-100), &[krw(150), krw(-50)]),
            Err(SplitError::NotPositive(_))
        ));
        assert_eq!(split_parts(krw(-100), &[krw(100)]), Err(SplitError::TooFew));
    }
}

/// A stored transaction with everything a journal needs: where the money came from
/// and where it went (one posting per category, several for a split).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalEntry {
    pub id: i64,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub account: String,
    /// bank | card | wallet | other (the import profile's kind).
    pub account_kind: String,
    pub payee: String,
    pub memo: String,
    pub amount: Money,
    pub postings: Vec<Posting>,
}

/// Part of a transaction's amount in one category, signed like the transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    /// `None`: uncategorized.
    pub category: Option<String>,
    pub kind: super::category::CategoryKind,
    pub amount: Money,
}
