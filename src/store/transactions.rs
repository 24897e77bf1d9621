//! Reading transactions back: `tx list` and its filters.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::Value;

use crate::domain::money::{Currency, Money};
use crate::domain::text::fold;
use crate::domain::transaction::Transaction;

use super::totals::{self, Delta};
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
            // The `entries` view spelled out: SQLite would build the whole view before
            // filtering it, while a filter on `t` here narrows the scan (or an index range).
            "SELECT t.id, t.date, t.time, a.name, t.payee, t.memo,
                    coalesce(s.amount_minor, t.amount_minor), t.currency, c.name
             FROM transactions t
             LEFT JOIN splits s ON s.transaction_id = t.id
             JOIN accounts a ON a.id = t.account_id
             LEFT JOIN categories c ON c.id = coalesce(s.category_id, t.category_id)
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
            let (id, _) = self.category(name)?;
            push(
                "coalesce(s.category_id, t.category_id) =",
                Value::Integer(id),
            );
        }
        if let Some(name) = &filter.account {
            let id = self.require_id("account", "accounts", name)?;
            push("t.account_id =", Value::Integer(id));
        }
        if let Some(text) = &filter.search {
            params.push(Value::Text(fold(text)));
            let n = params.len();
            // Without search text the payee and memo are their own folded form (see the
            // schema); a folded query has no line break, so it cannot span the two.
            sql.push_str(&format!(
                " AND CASE WHEN t.search_text IS NULL
                      THEN instr(t.payee, ?{n}) > 0 OR instr(t.memo, ?{n}) > 0
                      ELSE instr(t.search_text, ?{n}) > 0 END"
            ));
        }
        if filter.uncategorized {
            sql.push_str(" AND coalesce(s.category_id, t.category_id) IS NULL");
        }
        sql.push_str(" ORDER BY t.date, t.time, t.id, coalesce(s.category_id, t.category_id)");
        if let Some(limit) = filter.limit {
            params.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
            sql.push_str(&format!(" LIMIT ?{}", params.len()));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), raw_row)?;
        rows.map(|row| decode(row?)).collect()
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

/// A transaction row as selected by `transactions` and `transaction`: id, date, time,
/// account, payee, memo, amount, currency, category.
type RawRow = (
    i64,
    String,
    Option<String>,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
);

fn raw_row(r: &rusqlite::Row) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn decode(row: RawRow) -> Result<Transaction, StoreError> {
    let (id, date, time, account, payee, memo, minor, currency, category) = row;
    Ok(Transaction {
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
    })
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

/// Everything known about one transaction, for `tx show`.
#[derive(Clone, Debug)]
pub struct TxDetail {
    pub tx: Transaction,
    pub external_id: Option<String>,
    pub category_source: Option<String>,
    pub rule: Option<String>,
    pub file: Option<String>,
    pub line: Option<i64>,
    pub splits: Vec<(String, Money)>,
}

/// A category a rule would change, for `recategorize`.
#[derive(Clone, Debug)]
pub struct Recategorized {
    pub id: i64,
    pub date: NaiveDate,
    pub payee: String,
    pub memo: String,
    pub amount: Money,
    pub from: Option<String>,
    pub to: Option<String>,
    pub rule: Option<String>,
}

impl Store {
    fn transaction(&self, id: i64) -> Result<Transaction, StoreError> {
        let found = self.conn.query_row(
            "SELECT t.id, t.date, t.time, a.name, t.payee, t.memo, t.amount_minor, t.currency, c.name
             FROM transactions t JOIN accounts a ON a.id = t.account_id
             LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?1",
            [id],
            raw_row,
        );
        match found {
            Ok(row) => decode(row),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(StoreError::Unknown {
                what: "transaction",
                name: id.to_string(),
                hint: "; see `gagyebu tx list` for ids".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    pub fn transaction_detail(&self, id: i64) -> Result<TxDetail, StoreError> {
        let tx = self.transaction(id)?;
        let (external_id, category_source, rule, file, line) = self.conn.query_row(
            "SELECT t.external_id, t.category_source, t.rule, b.file_name, t.line
             FROM transactions t LEFT JOIN import_batches b ON b.id = t.batch_id WHERE t.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT c.name, s.amount_minor FROM splits s JOIN categories c ON c.id = s.category_id
             WHERE s.transaction_id = ?1 ORDER BY s.id",
        )?;
        let splits = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .map(|r| r.map(|(c, m)| (c, Money::new(m, tx.amount.currency))))
            .collect::<Result<_, _>>()?;
        Ok(TxDetail {
            tx,
            external_id,
            category_source,
            rule,
            file,
            line,
            splits,
        })
    }

    /// Sets a category by hand: sticky, rules never change it again. Replaces any split.
    pub fn set_category(&mut self, id: i64, category: &str) -> Result<Transaction, StoreError> {
        self.transaction(id)?;
        let (category_id, _) = self.category(category)?;
        let tx = self.conn.transaction()?;
        totals::apply(&tx, "transaction_id = ?1", [id], -1)?;
        tx.execute("DELETE FROM splits WHERE transaction_id = ?1", [id])?;
        tx.execute(
            "UPDATE transactions SET category_id = ?1, category_source = 'manual', rule = NULL
             WHERE id = ?2",
            (category_id, id),
        )?;
        totals::apply(&tx, "transaction_id = ?1", [id], 1)?;
        tx.commit()?;
        self.transaction(id)
    }

    /// Splits a transaction into parts (category, positive amount) that add up to it.
    pub fn split(&mut self, id: i64, parts: &[(String, Money)]) -> Result<(), StoreError> {
        use crate::domain::category::CategoryKind;
        let t = self.transaction(id)?;
        if let Some(name) = &t.category {
            if self.category(name)?.1 == CategoryKind::Transfer {
                return Err(StoreError::Invalid(format!(
                    "transaction {id} is a transfer ({name}); a transfer is not spending to split"
                )));
            }
        }
        let mut ids = Vec::new();
        for (name, _) in parts {
            let (cid, kind) = self.category(name)?;
            if kind == CategoryKind::Transfer {
                return Err(StoreError::Invalid(format!(
                    "\"{name}\" is a transfer category; split parts are spending or income"
                )));
            }
            ids.push(cid);
        }
        let amounts: Vec<Money> = parts.iter().map(|(_, m)| *m).collect();
        let signed = crate::domain::transaction::split_parts(t.amount, &amounts)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let tx = self.conn.transaction()?;
        totals::apply(&tx, "transaction_id = ?1", [id], -1)?;
        tx.execute("DELETE FROM splits WHERE transaction_id = ?1", [id])?;
        for (cid, money) in ids.iter().zip(&signed) {
            tx.execute(
                "INSERT INTO splits (transaction_id, category_id, amount_minor) VALUES (?1, ?2, ?3)",
                (id, cid, money.minor),
            )?;
        }
        // The whole keeps the largest part's category, so a glance at it still says something.
        let largest = ids[amounts
            .iter()
            .enumerate()
            .max_by_key(|(_, m)| m.minor)
            .map_or(0, |(i, _)| i)];
        tx.execute(
            "UPDATE transactions SET category_id = ?1, category_source = 'manual', rule = NULL
             WHERE id = ?2",
            (largest, id),
        )?;
        totals::apply(&tx, "transaction_id = ?1", [id], 1)?;
        tx.commit()?;
        Ok(())
    }

    /// Re-applies the rules to every transaction whose category no person set (no manual
    /// choice, no category column, no split). Returns the changes; writes them unless `dry_run`.
    pub fn recategorize(&mut self, dry_run: bool) -> Result<Vec<Recategorized>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let rules = super::rules::rule_set(&tx)?;
        let categories: std::collections::HashMap<String, i64> = {
            let mut stmt = tx.prepare("SELECT lower(name), id FROM categories")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut changes = Vec::new();
        let mut totals = Delta::default();
        {
            let mut stmt = tx.prepare(
                "SELECT t.id, t.date, t.payee, t.memo, t.amount_minor, t.currency, a.name, c.name, t.rule,
                        t.category_id, t.account_id
                 FROM transactions t JOIN accounts a ON a.id = t.account_id
                 LEFT JOIN categories c ON c.id = t.category_id
                 WHERE (t.category_source IS NULL OR t.category_source = 'rule')
                   AND coalesce(t.rule, '') NOT LIKE 'transfer pair%'
                   AND NOT EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id)
                 ORDER BY t.date, t.id",
            )?;
            let mut update = tx.prepare(
                "UPDATE transactions SET category_id = ?1, category_source = ?2, rule = ?3 WHERE id = ?4",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let date: String = row.get(1)?;
                let payee: String = row.get(2)?;
                let memo: String = row.get(3)?;
                let currency: String = row.get(5)?;
                let amount = Money::new(
                    row.get(4)?,
                    parse_stored(&currency, Currency::parse(&currency))?,
                );
                let account: String = row.get(6)?;
                let from: Option<String> = row.get(7)?;
                let old_rule: Option<String> = row.get(8)?;
                let subject = crate::domain::rules::Subject {
                    payee: &payee,
                    memo: &memo,
                    amount: amount.to_decimal(),
                    account: &account,
                };
                let winner = rules.categorize(&subject);
                let to = winner.map(|r| r.category.clone());
                let rule = winner.map(|r| r.reference());
                let same_category =
                    to.as_deref().map(str::to_lowercase) == from.as_deref().map(str::to_lowercase);
                if same_category && rule == old_rule {
                    continue;
                }
                let category_id = to.as_ref().and_then(|c| categories.get(&c.to_lowercase()));
                update.execute(rusqlite::params![
                    category_id,
                    category_id.map(|_| "rule"),
                    category_id.and(rule.clone()),
                    id
                ])?;
                let (old_category, account): (Option<i64>, i64) = (row.get(9)?, row.get(10)?);
                let month = totals::month_of(&date)?;
                totals.add(
                    month,
                    old_category,
                    account,
                    amount.currency,
                    amount.minor,
                    -1,
                );
                totals.add(
                    month,
                    category_id.copied(),
                    account,
                    amount.currency,
                    amount.minor,
                    1,
                );
                if !same_category {
                    changes.push(Recategorized {
                        id,
                        date: parse_stored(&date, NaiveDate::parse_from_str(&date, "%Y-%m-%d"))?,
                        payee,
                        memo,
                        amount,
                        from,
                        to,
                        rule,
                    });
                }
            }
        }
        totals.write(&tx)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(changes)
    }
}

impl Store {
    /// Every transaction (of one year, if given) with its postings, oldest first.
    pub fn journal(
        &self,
        year: Option<i32>,
    ) -> Result<Vec<crate::domain::transaction::JournalEntry>, StoreError> {
        use crate::domain::category::CategoryKind;
        use crate::domain::transaction::{JournalEntry, Posting};
        let (from, to) = match year {
            Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
            None => ("0000-01-01".to_string(), "9999-12-31".to_string()),
        };
        let kind = |k: Option<String>| {
            k.and_then(|k| k.parse().ok())
                .unwrap_or(CategoryKind::Spending)
        };
        let mut parts: std::collections::HashMap<i64, Vec<(String, String, i64)>> =
            std::collections::HashMap::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT s.transaction_id, c.name, c.kind, s.amount_minor
                 FROM splits s JOIN categories c ON c.id = s.category_id
                 JOIN transactions t ON t.id = s.transaction_id
                 WHERE t.date BETWEEN ?1 AND ?2 ORDER BY s.id",
            )?;
            let rows = stmt.query_map((&from, &to), |r| {
                Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            for row in rows {
                let (id, name, k, minor) = row?;
                parts.entry(id).or_default().push((name, k, minor));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.date, t.time, a.name, a.kind, t.payee, t.memo, t.amount_minor,
                    t.currency, c.name, c.kind
             FROM transactions t JOIN accounts a ON a.id = t.account_id
             LEFT JOIN categories c ON c.id = t.category_id
             WHERE t.date BETWEEN ?1 AND ?2 ORDER BY t.date, t.time, t.id",
        )?;
        let mut rows = stmt.query((&from, &to))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let date: String = r.get(1)?;
            let time: Option<String> = r.get(2)?;
            let currency: String = r.get(8)?;
            let currency = parse_stored(&currency, Currency::parse(&currency))?;
            let amount = Money::new(r.get(7)?, currency);
            let postings = match parts.remove(&id) {
                Some(split) => split
                    .into_iter()
                    .map(|(name, k, minor)| Posting {
                        category: Some(name),
                        kind: kind(Some(k)),
                        amount: Money::new(minor, currency),
                    })
                    .collect(),
                None => vec![Posting {
                    category: r.get(9)?,
                    kind: kind(r.get(10)?),
                    amount,
                }],
            };
            out.push(JournalEntry {
                id,
                date: parse_stored(&date, NaiveDate::parse_from_str(&date, "%Y-%m-%d"))?,
                time: time
                    .map(|t| parse_stored(&t, NaiveTime::parse_from_str(&t, "%H:%M:%S")))
                    .transpose()?,
                account: r.get(3)?,
                account_kind: r.get(4)?,
                payee: r.get(5)?,
                memo: r.get(6)?,
                amount,
                postings,
            });
        }
        Ok(out)
    }
}
