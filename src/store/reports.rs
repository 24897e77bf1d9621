//! The sums reports are made of, all over the `entries` view (so a split transaction
//! counts once per part, in each part's category). Which entries count as spending is
//! the domain's decision (`domain::report`); these queries only group and add.

use chrono::NaiveDate;
use rusqlite::types::Value;

use crate::domain::budget::Day;
use crate::domain::category::CategoryKind;
use crate::domain::money::Currency;
use crate::domain::report::{Entry, Flow};

use super::{Store, StoreError};

fn kind(text: Option<String>) -> Result<Option<CategoryKind>, StoreError> {
    text.map(|k| {
        k.parse()
            .map_err(|_| StoreError::Corrupt(format!("category kind \"{k}\"")))
    })
    .transpose()
}

fn date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date \"{text}\"")))
}

impl Store {
    /// Money out and money in per month and category (or none) in `year`, in `currency`.
    /// Read from the kept totals (`store::totals`), not the entries: a year of a large
    /// store is a few hundred rows there.
    pub fn flows(&self, year: i32, currency: Currency) -> Result<Vec<Flow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT CAST(substr(t.month, 6, 2) AS INTEGER), c.name, c.kind,
                    SUM(t.out_minor), SUM(t.in_minor)
             FROM totals t LEFT JOIN categories c ON c.id = t.category_id
             WHERE t.month >= ?1 AND t.month <= ?2 AND t.currency = ?3
             GROUP BY 1, t.category_id
             ORDER BY 1, c.name",
        )?;
        let rows = stmt.query_map(
            (
                format!("{year:04}-01"),
                format!("{year:04}-12"),
                currency.code(),
            ),
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (month, category, k, out_minor, in_minor) = row?;
            out.push(Flow {
                month: u32::try_from(month)
                    .map_err(|_| StoreError::Corrupt(format!("month {month}")))?,
                category,
                kind: kind(k)?,
                out: out_minor,
                inflow: in_minor,
            });
        }
        Ok(out)
    }

    /// The currencies of the months from `from`'s to `to`'s (inclusive), transfers aside,
    /// sorted. Whole months: reports span whole months and read the kept totals.
    pub fn currencies(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Currency>, StoreError> {
        let month = |d: NaiveDate| d.format("%Y-%m").to_string();
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT t.currency
             FROM totals t LEFT JOIN categories c ON c.id = t.category_id
             WHERE t.month >= ?1 AND t.month <= ?2 AND coalesce(c.kind, '') != 'transfer'
             ORDER BY 1",
        )?;
        let codes: Vec<String> = stmt
            .query_map((month(from), month(to)), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        codes
            .iter()
            .map(|c| Currency::parse(c).map_err(|_| StoreError::Corrupt(format!("currency {c}"))))
            .collect()
    }

    /// Every entry from `from` to `to` (inclusive) in `currency`, with its transaction's
    /// payee and memo, oldest first.
    pub fn report_entries(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        currency: Currency,
    ) -> Result<Vec<Entry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT e.transaction_id, e.date, t.payee, t.memo, c.name, c.kind, e.amount_minor
             FROM entries e
             JOIN transactions t ON t.id = e.transaction_id
             LEFT JOIN categories c ON c.id = e.category_id
             WHERE e.date >= ?1 AND e.date <= ?2 AND e.currency = ?3
             ORDER BY e.date, e.transaction_id, c.name",
        )?;
        let rows = stmt.query_map((from.to_string(), to.to_string(), currency.code()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (transaction_id, d, payee, memo, category, k, amount) = row?;
            out.push(Entry {
                transaction_id,
                date: date(&d)?,
                payee,
                memo,
                category,
                kind: kind(k)?,
                amount,
            });
        }
        Ok(out)
    }

    /// One category's entries per day from `from` to `to`: the net amount in `currency`,
    /// and how many entries took money out or brought it back. With `currency` None every
    /// currency is counted (for count limits; the net then means nothing).
    pub fn category_days(
        &self,
        category: &str,
        from: NaiveDate,
        to: NaiveDate,
        currency: Option<Currency>,
    ) -> Result<Vec<Day>, StoreError> {
        let (id, _) = self.category(category)?;
        let mut stmt = self.conn.prepare(
            "SELECT e.date, SUM(e.amount_minor),
                    SUM(e.amount_minor < 0), SUM(e.amount_minor > 0)
             FROM entries e
             WHERE e.category_id = ?1 AND e.date >= ?2 AND e.date <= ?3
               AND (?4 IS NULL OR e.currency = ?4)
             GROUP BY e.date ORDER BY e.date",
        )?;
        let currency = currency.map_or(Value::Null, |c| Value::Text(c.code().to_string()));
        let rows = stmt.query_map(
            rusqlite::params![id, from.to_string(), to.to_string(), currency],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (d, net, purchases, refunds) = row?;
            out.push(Day {
                date: date(&d)?,
                net,
                purchases,
                refunds,
            });
        }
        Ok(out)
    }
}
