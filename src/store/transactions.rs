//! Reading transactions back: `tx list` and its filters.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::Value;

use crate::domain::money::{Currency, Money};
use crate::domain::text::fold;
use crate::domain::transaction::Transaction;

use super::{Store, StoreError};

/// Which transactions to list; every field narrows the list. Dates are inclusive.
#[derive(Clone, Debug, Default)]
pub struct TxFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub category: Option<String>,
    pub uncategorized: bool,
    /// Matched case-insensitively against payee and memo.
    pub search: Option<String>,
    pub account: Option<String>,
    pub limit: Option<u64>,
}

impl Store {
    pub fn transactions(&self, filter: &TxFilter) -> Result<Vec<Transaction>, StoreError> {
        let mut sql = String::from(
            "SELECT t.id, t.date, t.time, a.name, t.payee, t.memo, t.amount_minor, t.currency, c.name
             FROM transactions t
             JOIN accounts a ON a.id = t.account_id
             LEFT JOIN categories c ON c.id = t.category_id
             WHERE 1 = 1",
        );
        let mut params: Vec<Value> = Vec::new();
        let mut push = |clause: &str, value: Value| {
            params.push(value);
            sql.push_str(&format!(" AND {clause} ?{}", params.len()));
        };
        if let Some(from) = filter.from {
            push("t.date >=", Value::Text(from.to_string()));
        }
        if let Some(to) = filter.to {
            push("t.date <=", Value::Text(to.to_string()));
        }
        if let Some(name) = &filter.category {
            let id = self.require_id("category", "categories", name)?;
            push("t.category_id =", Value::Integer(id));
        }
        if let Some(name) = &filter.account {
            let id = self.require_id("account", "accounts", name)?;
            push("t.account_id =", Value::Integer(id));
        }
        if let Some(text) = &filter.search {
            push("instr(t.search_text, ", Value::Text(fold(text)));
            sql.push_str(") > 0");
        }
        if filter.uncategorized {
            sql.push_str(" AND t.category_id IS NULL");
        }
        sql.push_str(" ORDER BY t.date, t.time, t.id");
        if let Some(limit) = filter.limit {
            params.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
            sql.push_str(&format!(" LIMIT ?{}", params.len()));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, date, time, account, payee, memo, minor, currency, category) = row?;
            out.push(Transaction {
                id,
                date: parse_stored(&date, NaiveDate::parse_from_str(&date, "%Y-%m-%d"))?,
                time: time
                    .map(|t| parse_stored(&t, NaiveTime::parse_from_str(&t, "%H:%M:%S")))
                    .transpose()?,
                account,
                payee,
                memo,
                amount: Money::new(minor, parse_stored(&currency, Currency::parse(&currency))?),
                category,
            });
        }
        Ok(out)
    }

    /// The id of a named category or account, or an error listing the names there are.
    pub(super) fn require_id(
        &self,
        what: &'static str,
        table: &str,
        name: &str,
    ) -> Result<i64, StoreError> {
        // `table` is one of two literals from this module, never user input.
        let id = self.conn.query_row(
            &format!("SELECT id FROM {table} WHERE name = ?1"),
            [name],
            |r| r.get(0),
        );
        match id {
            Ok(id) => Ok(id),
            Err(rusqlite::Error::QueryReturnedNoRows) => {
                let mut stmt = self
                    .conn
                    .prepare(&format!("SELECT name FROM {table} ORDER BY name"))?;
                let names: Vec<String> = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                let hint = if names.is_empty() {
                    format!(" (there are no {table} yet)")
                } else {
                    format!(" ({table}: {})", names.join(", "))
                };
                Err(StoreError::Unknown {
                    what,
                    name: name.to_string(),
                    hint,
                })
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// A value the store wrote itself failed to read back: the file was edited by hand.
fn parse_stored<T, E: std::fmt::Display>(
    text: &str,
    result: Result<T, E>,
) -> Result<T, StoreError> {
    result.map_err(|e| {
        StoreError::Sql(rusqlite::Error::InvalidColumnType(
            0,
            format!("stored value \"{text}\": {e}"),
            rusqlite::types::Type::Text,
        ))
    })
}
