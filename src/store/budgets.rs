//! Budgets in the store: setting (replacing the earlier limit of the same unit), listing
//! and removing limits per category and year.

use rusqlite::types::Value;
use rust_decimal::Decimal;

use crate::domain::budget::{Budget, Limit, Per, Unit};
use crate::domain::category::CategoryKind;
use crate::domain::money::{Currency, Money};

use super::{Store, StoreError};

impl Store {
    /// Stores a limit. A category holds one amount limit (absolute or cut) and one count
    /// limit per year; a new one replaces the earlier limit of its unit, which is returned.
    pub fn set_budget(&mut self, budget: &Budget) -> Result<Option<Budget>, StoreError> {
        let (category_id, kind) = self.category(&budget.category)?;
        if kind != CategoryKind::Spending {
            return Err(StoreError::Invalid(format!(
                "\"{}\" is a{} {kind} category; budgets limit spending categories",
                budget.category.trim(),
                if kind == CategoryKind::Income {
                    "n"
                } else {
                    ""
                },
            )));
        }
        budget
            .validate()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let unit = budget.unit();
        let earlier = self
            .budgets(Some(budget.year))?
            .into_iter()
            .find(|b| self.same_category(b, category_id) && b.unit() == unit);
        let (value, cut) = match &budget.limit {
            Limit::Amount(m) => (Some(m.minor), None),
            Limit::Count(n) => (Some(*n), None),
            Limit::Cut { pct, .. } => (None, Some(pct.to_string())),
        };
        self.conn.execute(
            "INSERT INTO budgets (category_id, year, unit, per, limit_value, currency, cut_pct, rollover)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (category_id, year, unit) DO UPDATE SET
                 per = excluded.per, limit_value = excluded.limit_value,
                 currency = excluded.currency, cut_pct = excluded.cut_pct,
                 rollover = excluded.rollover,
                 created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            rusqlite::params![
                category_id,
                budget.year,
                unit.as_str(),
                budget.per.as_str(),
                value,
                budget.currency().map(|c| c.code().to_string()),
                cut,
                budget.rollover,
            ],
        )?;
        Ok(earlier)
    }

    fn same_category(&self, budget: &Budget, id: i64) -> bool {
        self.category(&budget.category)
            .is_ok_and(|(found, _)| found == id)
    }

    /// The limits of `year`, or of every year; by year, category, then amount before count.
    pub fn budgets(&self, year: Option<i32>) -> Result<Vec<Budget>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.name, b.year, b.unit, b.per, b.limit_value, b.currency, b.cut_pct, b.rollover
             FROM budgets b JOIN categories c ON c.id = b.category_id
             WHERE ?1 IS NULL OR b.year = ?1
             ORDER BY b.year, c.name, b.unit",
        )?;
        let year = year.map_or(Value::Null, |y| Value::Integer(i64::from(y)));
        let rows = stmt.query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (category, year, unit, per, value, currency, cut, rollover) = row?;
            let corrupt = || StoreError::Corrupt(format!("budget {category} {year}"));
            let unit: Unit = unit.parse().map_err(|_| corrupt())?;
            let per = match per.as_str() {
                "year" => Per::Year,
                "month" => Per::Month,
                _ => return Err(corrupt()),
            };
            let currency = currency
                .map(|c| Currency::parse(&c).map_err(|_| corrupt()))
                .transpose()?;
            let limit = match (unit, value, currency, cut) {
                (Unit::Count, Some(n), _, None) => Limit::Count(n),
                (Unit::Amount, Some(minor), Some(c), None) => Limit::Amount(Money::new(minor, c)),
                (Unit::Amount, None, Some(c), Some(pct)) => Limit::Cut {
                    pct: Decimal::from_str_exact(&pct).map_err(|_| corrupt())?,
                    currency: c,
                },
                _ => return Err(corrupt()),
            };
            out.push(Budget {
                category,
                year,
                per,
                limit,
                rollover,
            });
        }
        Ok(out)
    }

    /// Removes a category's limits (amount and count) for `year`; returns what was removed.
    pub fn remove_budgets(&mut self, category: &str, year: i32) -> Result<Vec<Budget>, StoreError> {
        let (id, _) = self.category(category)?;
        let removed: Vec<Budget> = self
            .budgets(Some(year))?
            .into_iter()
            .filter(|b| self.same_category(b, id))
            .collect();
        if removed.is_empty() {
            return Err(StoreError::Invalid(format!(
                "no budget for {} in {year}; see `gagyebu budget list`",
                category.trim()
            )));
        }
        self.conn.execute(
            "DELETE FROM budgets WHERE category_id = ?1 AND year = ?2",
            (id, year),
        )?;
        Ok(removed)
    }
}
