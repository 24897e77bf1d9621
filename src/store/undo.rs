//! `gagyebu undo`: reverts one import batch (most often: a file imported into the wrong
//! account) in one transaction. Its transactions go, with their splits; a card payment
//! in another batch that was paired with one of them stops being a transfer and is
//! categorized again by the rules; an account the batch alone had created goes too.

use rusqlite::{OptionalExtension, TransactionBehavior};

use crate::domain::money::{Currency, Money};
use crate::domain::rules::Subject;

use super::imports::{batch_row, BATCH_COLUMNS};
use super::totals;
use super::{Batch, Store, StoreError};

/// What an undo removed and changed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Undone {
    pub batch: Batch,
    /// Transactions removed.
    pub removed: u64,
    /// Of those, how many had been edited by hand (only with `force`).
    pub edited: u64,
    /// Transfer partners in other batches, categorized again.
    pub unpaired: Vec<Unpaired>,
    /// Accounts that held nothing but this batch, removed with it.
    pub accounts_removed: Vec<String>,
    /// Later imports into the same accounts that skipped rows as duplicates: some may
    /// have been rows of this batch, now gone. Importing those files again restores them.
    pub reimport: Vec<String>,
}

/// A transaction that was one side of a transfer pair with a removed one.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unpaired {
    pub id: i64,
    pub payee: String,
    /// Its category now (by the rules), or None: uncategorized.
    pub category: Option<String>,
}

impl Store {
    /// Reverts import batch `batch` (default: the latest). Refuses when any of its
    /// transactions was edited by hand (a category set, a split, a wish linked),
    /// unless `force`.
    pub fn undo_batch(&mut self, batch: Option<i64>, force: bool) -> Result<Undone, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = match batch {
            Some(id) => id,
            None => tx
                .query_row("SELECT max(id) FROM import_batches", [], |r| {
                    r.get::<_, Option<i64>>(0)
                })?
                .ok_or_else(|| {
                    StoreError::Invalid(
                        "there are no imports to undo (`gagyebu import list` shows them)".into(),
                    )
                })?,
        };
        let batch = batch_record(&tx, id)?;
        // batch_id has no index (see the schema): one scan lists the batch's rows, and
        // every step below works from that list.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS undo_rows (id INTEGER PRIMARY KEY);
             DELETE FROM temp.undo_rows;",
        )?;
        tx.execute(
            "INSERT INTO temp.undo_rows SELECT id FROM transactions WHERE batch_id = ?1",
            [id],
        )?;
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(tx.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let removed = count("SELECT count(*) FROM temp.undo_rows")?;
        // A wish linked to a purchase is a hand edit too, where the store has wishes.
        let wishes = tx
            .query_row(
                "SELECT 1 FROM pragma_table_info('wishes') WHERE name = 'transaction_id'",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        let edited = count(if wishes {
            "SELECT count(*) FROM transactions t WHERE t.id IN temp.undo_rows
               AND (t.category_source = 'manual'
                    OR EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id)
                    OR EXISTS (SELECT 1 FROM wishes w WHERE w.transaction_id = t.id))"
        } else {
            "SELECT count(*) FROM transactions t WHERE t.id IN temp.undo_rows
               AND (t.category_source = 'manual'
                    OR EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id))"
        })?;
        if edited > 0 && !force {
            let them = if edited == 1 { "it was" } else { "they were" };
            return Err(StoreError::Invalid(format!(
                "import batch {id} ({}): {edited} of its {removed} transactions {them} edited by hand \
                 since (a category set, a split or a wish linked); pass --force to remove them anyway",
                batch.file
            )));
        }

        // The other side of each transfer pair, in other batches (or none: hand-entered).
        let partners: Vec<i64> = {
            let mut stmt = tx.prepare(
                // 'transfer pair with ' is 19 characters; the partner's id follows.
                "SELECT p.id FROM transactions p
                 WHERE p.rule LIKE 'transfer pair with %'
                   AND CAST(substr(p.rule, 20) AS INTEGER) IN temp.undo_rows
                   AND p.batch_id IS NOT ?1 AND p.category_source = 'rule'
                 ORDER BY p.id",
            )?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let accounts: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT a.id, a.name FROM temp.undo_rows u
                 JOIN transactions t ON t.id = u.id JOIN accounts a ON a.id = t.account_id
                 UNION SELECT a.id, a.name FROM import_batches b JOIN accounts a ON a.id = b.account_id
                 WHERE b.id = ?1",
            )?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };

        let reimport: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT file_name FROM import_batches
                 WHERE id > ?1 AND duplicates > 0 AND account_id IN (
                     SELECT t.account_id FROM temp.undo_rows u JOIN transactions t ON t.id = u.id
                     UNION SELECT account_id FROM import_batches WHERE id = ?1)
                 ORDER BY id",
            )?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };

        totals::apply(&tx, "transaction_id IN temp.undo_rows", [], -1)?;
        tx.execute(
            "DELETE FROM splits WHERE transaction_id IN temp.undo_rows",
            [],
        )?;
        if wishes {
            tx.execute(
                "UPDATE wishes SET transaction_id = NULL WHERE transaction_id IN temp.undo_rows",
                [],
            )?;
        }
        tx.execute("DELETE FROM transactions WHERE id IN temp.undo_rows", [])?;
        tx.execute("DELETE FROM import_batches WHERE id = ?1", [id])?;

        for partner in &partners {
            totals::apply(&tx, "transaction_id = ?1", [partner], -1)?;
        }
        let unpaired = recategorize_partners(&tx, &partners)?;
        for partner in &partners {
            totals::apply(&tx, "transaction_id = ?1", [partner], 1)?;
        }

        // An account nothing refers to any more existed for this batch alone.
        let mut accounts_removed = Vec::new();
        for (account, name) in accounts {
            let used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM transactions WHERE account_id = ?1)
                     OR EXISTS (SELECT 1 FROM import_batches WHERE account_id = ?1)
                     OR EXISTS (SELECT 1 FROM rules WHERE account_id = ?1)",
                [account],
                |r| r.get(0),
            )?;
            if !used {
                tx.execute("DELETE FROM accounts WHERE id = ?1", [account])?;
                accounts_removed.push(name);
            }
        }
        tx.commit()?;
        Ok(Undone {
            batch,
            removed,
            edited,
            unpaired,
            accounts_removed,
            reimport,
        })
    }
}

fn batch_record(tx: &rusqlite::Transaction, id: i64) -> Result<Batch, StoreError> {
    tx.query_row(
        &format!(
            "SELECT {BATCH_COLUMNS}
             FROM import_batches b LEFT JOIN accounts a ON a.id = b.account_id WHERE b.id = ?1"
        ),
        [id],
        batch_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Unknown {
        what: "import batch",
        name: id.to_string(),
        hint: "; `gagyebu import list` shows the batches".into(),
    })
}

/// Clears the transfer category of each partner, then lets the rules categorize it as
/// `recategorize` would.
fn recategorize_partners(
    tx: &rusqlite::Transaction,
    partners: &[i64],
) -> Result<Vec<Unpaired>, StoreError> {
    if partners.is_empty() {
        return Ok(Vec::new());
    }
    let rules = super::rules::rule_set(tx)?;
    let mut out = Vec::new();
    let mut read = tx.prepare(
        "SELECT t.payee, t.memo, t.amount_minor, t.currency, a.name
         FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1",
    )?;
    let mut category_id = tx.prepare("SELECT id FROM categories WHERE name = ?1")?;
    let mut update = tx.prepare(
        "UPDATE transactions SET category_id = ?1, category_source = ?2, rule = ?3 WHERE id = ?4",
    )?;
    for &id in partners {
        let (payee, memo, minor, currency, account): (String, String, i64, String, String) =
            read.query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let currency = Currency::parse(&currency)
            .map_err(|e| StoreError::Corrupt(format!("transaction {id}: {e}")))?;
        let subject = Subject {
            payee: &payee,
            memo: &memo,
            amount: Money::new(minor, currency).to_decimal(),
            account: &account,
        };
        let winner = rules.categorize(&subject);
        let found: Option<(i64, String, String)> = match winner {
            Some(rule) => category_id
                .query_row([&rule.category], |r| r.get::<_, i64>(0))
                .optional()?
                .map(|cid| (cid, rule.category.clone(), rule.reference())),
            None => None,
        };
        match &found {
            Some((cid, _, reference)) => {
                update.execute(rusqlite::params![cid, "rule", reference, id])?
            }
            None => update.execute(rusqlite::params![
                None::<i64>,
                None::<&str>,
                None::<&str>,
                id
            ])?,
        };
        out.push(Unpaired {
            id,
            payee,
            category: found.map(|(_, name, _)| name),
        });
    }
    Ok(out)
}
