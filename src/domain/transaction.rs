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
