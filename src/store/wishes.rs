//! Wishes in the store.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::domain::money::{Currency, Money};
use crate::domain::wish::{Wish, WishStatus};

use super::{Store, StoreError};

/// A wish's fields as `wish add` or `wish edit` give them (None: unchanged / not given).
#[derive(Clone, Debug, Default)]
pub struct WishFields {
    pub name: Option<String>,
    pub price: Option<Money>,
    /// Some(None) clears the category.
    pub category: Option<Option<String>>,
    pub priority: Option<u8>,
    pub by: Option<Option<NaiveDate>>,
    pub url: Option<Option<String>>,
    pub note: Option<Option<String>>,
}

const COLUMNS: &str = "w.id, w.name, w.price_minor, w.currency, c.name, w.priority, w.by_date,
    w.url, w.note, w.status, w.added_on, w.paid_minor, w.bought_on, w.transaction_id,
    w.paid_currency";

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Wish> {
    let currency: String = r.get(3)?;
    let currency = Currency::parse(&currency).unwrap_or(Currency::KRW);
    Ok(Wish {
        id: r.get(0)?,
        name: r.get(1)?,
        price: Money::new(r.get(2)?, currency),
        category: r.get(4)?,
        priority: r.get::<_, i64>(5)?.clamp(1, 5) as u8,
        by: date(r.get(6)?),
        url: r.get(7)?,
        note: r.get(8)?,
        status: WishStatus::parse(&r.get::<_, String>(9)?).unwrap_or(WishStatus::Wanted),
        added_on: date(r.get(10)?).unwrap_or_default(),
        paid: r.get::<_, Option<i64>>(11)?.map(|m| {
            let paid_currency = r
                .get::<_, Option<String>>(14)
                .ok()
                .flatten()
                .and_then(|c| Currency::parse(&c).ok());
            Money::new(m, paid_currency.unwrap_or(currency))
        }),
        bought_on: date(r.get(12)?),
        tx: r.get(13)?,
    })
}

impl Store {
    pub fn add_wish(&mut self, fields: &WishFields, today: NaiveDate) -> Result<i64, StoreError> {
        let name = fields.name.as_deref().unwrap_or("").trim();
        let price = fields
            .price
            .ok_or_else(|| StoreError::Invalid("a wish needs --price".into()))?;
        let category = match fields.category.clone().flatten() {
            Some(name) => Some(self.category(&name)?.0),
            None => None,
        };
        self.conn.execute(
            "INSERT INTO wishes (name, price_minor, currency, category_id, priority, by_date, url, note, added_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                name,
                price.minor,
                price.currency.code(),
                category,
                fields.priority.unwrap_or(3),
                fields.by.flatten().map(|d| d.to_string()),
                fields.url.clone().flatten(),
                fields.note.clone().flatten(),
                today.to_string(),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn wish(&self, id: i64) -> Result<Wish, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM wishes w LEFT JOIN categories c ON c.id = w.category_id
                     WHERE w.id = ?1"
                ),
                [id],
                row,
            )
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "wish",
                name: id.to_string(),
                hint: "; see `gagyebu wish list --all`".into(),
            })
    }

    /// All wishes, most wanted first (priority, then date added).
    pub fn wishes(&self) -> Result<Vec<Wish>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM wishes w LEFT JOIN categories c ON c.id = w.category_id
             ORDER BY w.priority, w.added_on, w.id"
        ))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn edit_wish(&mut self, id: i64, fields: &WishFields) -> Result<(), StoreError> {
        self.wish(id)?;
        let category = match &fields.category {
            Some(Some(name)) => Some(Some(self.category(name)?.0)),
            Some(None) => Some(None),
            None => None,
        };
        let tx = self.conn.transaction()?;
        if let Some(name) = &fields.name {
            tx.execute(
                "UPDATE wishes SET name = ?1 WHERE id = ?2",
                (name.trim(), id),
            )?;
        }
        if let Some(price) = fields.price {
            tx.execute(
                "UPDATE wishes SET price_minor = ?1, currency = ?2 WHERE id = ?3",
                (price.minor, price.currency.code(), id),
            )?;
        }
        if let Some(category) = category {
            tx.execute(
                "UPDATE wishes SET category_id = ?1 WHERE id = ?2",
                (category, id),
            )?;
        }
        if let Some(priority) = fields.priority {
            tx.execute(
                "UPDATE wishes SET priority = ?1 WHERE id = ?2",
                (priority, id),
            )?;
        }
        if let Some(by) = fields.by {
            tx.execute(
                "UPDATE wishes SET by_date = ?1 WHERE id = ?2",
                (by.map(|d| d.to_string()), id),
            )?;
        }
        if let Some(url) = &fields.url {
            tx.execute("UPDATE wishes SET url = ?1 WHERE id = ?2", (url, id))?;
        }
        if let Some(note) = &fields.note {
            tx.execute("UPDATE wishes SET note = ?1 WHERE id = ?2", (note, id))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks a wish bought: with a transaction (money out, not linked to another wish) it
    /// records what that cost and when; without one, the target price and `today`.
    pub fn buy_wish(
        &mut self,
        id: i64,
        tx_id: Option<i64>,
        today: NaiveDate,
    ) -> Result<Wish, StoreError> {
        let wish = self.wish(id)?;
        let (paid, on) = match tx_id {
            Some(tx_id) => {
                let t = self.transaction_detail(tx_id)?.tx;
                if t.amount.minor >= 0 {
                    return Err(StoreError::Invalid(format!(
                        "transaction {tx_id} is money coming in ({}), not a purchase",
                        t.amount
                    )));
                }
                let other: Option<(i64, String)> = self
                    .conn
                    .query_row(
                        "SELECT id, name FROM wishes WHERE transaction_id = ?1 AND id != ?2",
                        (tx_id, id),
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                if let Some((other, name)) = other {
                    return Err(StoreError::Invalid(format!(
                        "transaction {tx_id} is already linked to wish {other} ({name})"
                    )));
                }
                (t.amount.abs(), t.date)
            }
            None => (wish.price, today),
        };
        // What was paid keeps its own currency: a wish priced in won may be bought in dollars.
        self.conn.execute(
            "UPDATE wishes SET status = 'bought', paid_minor = ?1, paid_currency = ?2, bought_on = ?3,
                 transaction_id = ?4 WHERE id = ?5",
            (paid.minor, paid.currency.code(), on.to_string(), tx_id, id),
        )?;
        self.wish(id)
    }

    pub fn drop_wish(&mut self, id: i64) -> Result<(), StoreError> {
        self.wish(id)?;
        self.conn
            .execute("UPDATE wishes SET status = 'dropped' WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn remove_wish(&mut self, id: i64) -> Result<(), StoreError> {
        self.wish(id)?;
        self.conn
            .execute("DELETE FROM wishes WHERE id = ?1", [id])?;
        Ok(())
    }

    /// New purchases of an import batch, for noticing wishes: (id, date, payee, memo,
    /// amount, category).
    #[allow(clippy::type_complexity)]
    pub fn batch_purchases(
        &self,
        batch: i64,
    ) -> Result<Vec<(i64, NaiveDate, String, String, Money, Option<String>)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.date, t.payee, t.memo, t.amount_minor, t.currency, c.name
             FROM transactions t LEFT JOIN categories c ON c.id = t.category_id
             WHERE t.batch_id = ?1 AND t.amount_minor < 0 ORDER BY t.date, t.id",
        )?;
        let mut rows = stmt.query([batch])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let currency: String = r.get(5)?;
            let Ok(currency) = Currency::parse(&currency) else {
                continue;
            };
            out.push((
                r.get(0)?,
                date(r.get(1)?).unwrap_or_default(),
                r.get(2)?,
                r.get(3)?,
                Money::new(r.get(4)?, currency),
                r.get(6)?,
            ));
        }
        Ok(out)
    }
}
