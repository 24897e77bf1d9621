//! Categories in the store: listing, adding, renaming, removing (moving what they hold).

use rusqlite::OptionalExtension;

use crate::domain::category::{closest, CategoryKind};

use super::{Store, StoreError};

#[derive(Clone, Debug, serde::Serialize)]
pub struct CategoryRow {
    pub name: String,
    pub kind: String,
    pub transactions: u64,
    pub rules: u64,
}

impl Store {
    pub fn categories(&self) -> Result<Vec<CategoryRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.name, c.kind,
                    (SELECT count(DISTINCT e.transaction_id) FROM entries e WHERE e.category_id = c.id),
                    (SELECT count(*) FROM rules r WHERE r.category_id = c.id)
             FROM categories c ORDER BY c.kind = 'spending' DESC, c.kind, c.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CategoryRow {
                name: r.get(0)?,
                kind: r.get(1)?,
                transactions: r.get::<_, i64>(2)? as u64,
                rules: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn category_names(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM categories ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A category's id and kind, or an error suggesting the closest names.
    pub fn category(&self, name: &str) -> Result<(i64, CategoryKind), StoreError> {
        let found: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, kind FROM categories WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            Some((id, kind)) => Ok((id, kind.parse().unwrap_or(CategoryKind::Spending))),
            None => Err(self.unknown_category(name)?),
        }
    }

    pub(super) fn unknown_category(&self, name: &str) -> Result<StoreError, StoreError> {
        let known = self.category_names()?;
        let near = closest(name, &known);
        let hint = if near.is_empty() {
            "; see `gagyebu category list`, or add it with `gagyebu category add`".to_string()
        } else {
            format!("; did you mean {}?", near.join(", "))
        };
        Ok(StoreError::Unknown {
            what: "category",
            name: name.to_string(),
            hint,
        })
    }

    pub fn add_category(&mut self, name: &str, kind: CategoryKind) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid(
                "a category name cannot be empty".into(),
            ));
        }
        if self.category(name).is_ok() {
            return Err(StoreError::Invalid(format!(
                "category \"{name}\" already exists"
            )));
        }
        self.conn.execute(
            "INSERT INTO categories (name, kind) VALUES (?1, ?2)",
            (name, kind.as_str()),
        )?;
        Ok(())
    }

    pub fn rename_category(&mut self, old: &str, new: &str) -> Result<(), StoreError> {
        let (id, _) = self.category(old)?;
        let new = new.trim();
        if new.is_empty() {
            return Err(StoreError::Invalid(
                "a category name cannot be empty".into(),
            ));
        }
        if let Ok((other, _)) = self.category(new) {
            if other != id {
                return Err(StoreError::Invalid(format!(
                    "category \"{new}\" already exists; to merge, `gagyebu category remove {old} --into {new}`"
                )));
            }
        }
        self.conn
            .execute("UPDATE categories SET name = ?1 WHERE id = ?2", (new, id))?;
        Ok(())
    }

    /// Removes a category; what it holds (transactions, split parts, rules) moves `into`
    /// another, which is required when it holds anything. Returns how many moved.
    pub fn remove_category(&mut self, name: &str, into: Option<&str>) -> Result<u64, StoreError> {
        let (id, _) = self.category(name)?;
        let target = into.map(|n| self.category(n)).transpose()?;
        let tx = self.conn.transaction()?;
        let used: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM transactions WHERE category_id = ?1)
                  + (SELECT count(*) FROM splits WHERE category_id = ?1)
                  + (SELECT count(*) FROM rules WHERE category_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        let moved = match target {
            None if used > 0 => {
                return Err(StoreError::Invalid(format!(
                    "category \"{name}\" is in use ({used} transactions, parts and rules); pass --into OTHER to move them"
                )))
            }
            None => 0,
            Some((target, _)) if target == id => {
                return Err(StoreError::Invalid("--into names the category being removed".into()))
            }
            Some((target, _)) => {
                let mut n = 0;
                // Entries only change category: the totals rows move over whole.
                tx.execute(
                    &format!(
                        "INSERT INTO totals (month, category_id, account_id, currency,
                                             out_minor, in_minor, out_count, in_count)
                         SELECT month, ?1, account_id, currency, out_minor, in_minor,
                                out_count, in_count
                         FROM totals WHERE category_id = ?2 {}",
                        super::totals::UPSERT_TAIL
                    ),
                    (target, id),
                )?;
                tx.execute("DELETE FROM totals WHERE category_id = ?1", [id])?;
                for table in ["transactions", "splits", "rules"] {
                    // `table` is one of three literals, never user input.
                    n += tx.execute(
                        &format!("UPDATE {table} SET category_id = ?1 WHERE category_id = ?2"),
                        (target, id),
                    )?;
                }
                // Budgets follow too, unless the target already has one of that year and
                // kind: the target's own limit stands, and the removed one goes with it.
                tx.execute(
                    "UPDATE OR IGNORE budgets SET category_id = ?1 WHERE category_id = ?2",
                    (target, id),
                )?;
                n as u64
            }
        };
        tx.execute("DELETE FROM categories WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(moved)
    }
}

impl Store {
    /// For `rule suggest`: categorized (payee, memo, category) examples, and uncategorized
    /// (payee, memo, amount) transactions without a split.
    #[allow(clippy::type_complexity)]
    pub fn suggestion_data(
        &self,
    ) -> Result<
        (
            Vec<(String, String, String)>,
            Vec<(String, String, crate::domain::money::Money)>,
        ),
        StoreError,
    > {
        let mut stmt = self.conn.prepare(
            "SELECT t.payee, t.memo, c.name FROM transactions t JOIN categories c ON c.id = t.category_id",
        )?;
        let examples = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT t.payee, t.memo, t.amount_minor, t.currency FROM transactions t
             WHERE t.category_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id)",
        )?;
        let mut open = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let currency: String = r.get(3)?;
            let Ok(currency) = crate::domain::money::Currency::parse(&currency) else {
                continue;
            };
            open.push((
                r.get(0)?,
                r.get(1)?,
                crate::domain::money::Money::new(r.get(2)?, currency),
            ));
        }
        Ok((examples, open))
    }
}
