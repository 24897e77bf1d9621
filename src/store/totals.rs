//! Money out and in per month, category, account and currency, kept up to date in the
//! same SQLite transaction as every write that changes an entry (import, split,
//! set-category, recategorize, transfer pairing, undo, category removal). A year's
//! report then reads a few hundred rows instead of grouping a million entries.
//!
//! The table always equals `recomputed()`: `Store::totals_drift` says where it does not,
//! and the tests call it after every kind of write.

use rusqlite::{Connection, Params};
use rustc_hash::FxHashMap;

use crate::domain::money::Currency;

use super::{Store, StoreError};

/// The entries' sums in the shape of the `totals` table, for the entries `filter`
/// (a condition on the `entries` view) selects. Zero amounts move no money and count
/// neither way, so they are left out: a group of them would be an all-zero row.
fn grouped(filter: &str, sign: i64) -> String {
    format!(
        "SELECT substr(date, 1, 7), coalesce(category_id, 0), account_id, currency,
                {sign} * sum(min(amount_minor, 0)), {sign} * sum(max(amount_minor, 0)),
                {sign} * sum(amount_minor < 0), {sign} * sum(amount_minor > 0)
         FROM entries WHERE amount_minor != 0 AND ({filter})
         GROUP BY 1, 2, 3, 4"
    )
}

pub(super) const UPSERT_TAIL: &str =
    "ON CONFLICT (month, category_id, account_id, currency) DO UPDATE SET
        out_minor = out_minor + excluded.out_minor,
        in_minor = in_minor + excluded.in_minor,
        out_count = out_count + excluded.out_count,
        in_count = in_count + excluded.in_count";

/// Drops the groups nothing is left in, so the table never holds an all-zero row.
fn prune(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM totals WHERE out_count = 0 AND in_count = 0",
        [],
    )?;
    Ok(())
}

/// Adds (`sign` 1) or takes away (`sign` -1) the entries that `filter` selects. Called
/// with -1 before a change and 1 after it, for the same transactions, it moves their
/// contribution from what it was to what it is, splits included.
pub(super) fn apply<P: Params>(
    conn: &Connection,
    filter: &str,
    params: P,
    sign: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO totals (month, category_id, account_id, currency,
                                 out_minor, in_minor, out_count, in_count)
             {} {UPSERT_TAIL}",
            grouped(filter, sign)
        ),
        params,
    )?;
    if sign < 0 {
        prune(conn)?;
    }
    Ok(())
}

/// Recomputes the whole table from the entries.
pub(super) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM totals", [])?;
    conn.execute(
        &format!(
            "INSERT INTO totals (month, category_id, account_id, currency,
                                 out_minor, in_minor, out_count, in_count)
             {}",
            grouped("1", 1)
        ),
        [],
    )?;
    Ok(())
}

/// Changes gathered in memory while many rows are written one by one (an import, a
/// recategorization), then written as one upsert per group.
#[derive(Default)]
pub(super) struct Delta {
    groups: FxHashMap<Group, Sums>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Group {
    year: i32,
    month: u32,
    category: i64,
    account: i64,
    currency: Currency,
}

#[derive(Clone, Copy, Default)]
struct Sums {
    out: i64,
    inflow: i64,
    out_count: i64,
    in_count: i64,
}

impl Delta {
    /// Counts an entry of `amount` in (`sign` 1) or out of (`sign` -1) its group.
    pub fn add(
        &mut self,
        (year, month): (i32, u32),
        category: Option<i64>,
        account: i64,
        currency: Currency,
        amount: i64,
        sign: i64,
    ) {
        if amount == 0 {
            return;
        }
        let group = Group {
            year,
            month,
            category: category.unwrap_or(0),
            account,
            currency,
        };
        let sums = self.groups.entry(group).or_default();
        if amount < 0 {
            sums.out += sign * amount;
            sums.out_count += sign;
        } else {
            sums.inflow += sign * amount;
            sums.in_count += sign;
        }
    }

    pub fn write(self, conn: &Connection) -> rusqlite::Result<()> {
        if self.groups.is_empty() {
            return Ok(());
        }
        let mut upsert = conn.prepare(&format!(
            "INSERT INTO totals (month, category_id, account_id, currency,
                                 out_minor, in_minor, out_count, in_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) {UPSERT_TAIL}"
        ))?;
        for (g, s) in self.groups {
            if s.out_count == 0 && s.in_count == 0 && s.out == 0 && s.inflow == 0 {
                continue;
            }
            upsert.execute(rusqlite::params![
                format!("{:04}-{:02}", g.year, g.month),
                g.category,
                g.account,
                g.currency.code(),
                s.out,
                s.inflow,
                s.out_count,
                s.in_count,
            ])?;
        }
        prune(conn)
    }
}

/// The year and month of a stored `YYYY-MM-DD` date.
pub(super) fn month_of(date: &str) -> Result<(i32, u32), StoreError> {
    let bad = || StoreError::Corrupt(format!("date \"{date}\""));
    let year = date
        .get(0..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(bad)?;
    let month = date
        .get(5..7)
        .and_then(|m| m.parse().ok())
        .ok_or_else(bad)?;
    Ok((year, month))
}

impl Store {
    /// Where the kept totals differ from a recomputation over every entry, one line per
    /// differing group (empty when they agree). For tests and `gagyebu`'s own checks.
    pub fn totals_drift(&self) -> Result<Vec<String>, StoreError> {
        let recomputed = grouped("1", 1);
        let kept = "SELECT month, category_id, account_id, currency,
                           out_minor, in_minor, out_count, in_count FROM totals";
        let mut stmt = self.conn.prepare(&format!(
            "SELECT 'kept', * FROM ({kept} EXCEPT {recomputed})
             UNION ALL
             SELECT 'recomputed', * FROM ({recomputed} EXCEPT {kept})
             ORDER BY 2, 3, 4, 5, 1"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} {} category {} account {} {}: out {} in {} ({} out, {} in)",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, i64>(8)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
