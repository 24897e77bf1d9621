//! Writing an import batch: one SQLite transaction per file, multiset dedup against what
//! the store already holds, and the batch record with its counts.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::{OptionalExtension, TransactionBehavior};
use rustc_hash::FxHashMap;

use crate::domain::dedup::{dedup_hash_folded, Multiset, Stored};
use crate::domain::rules::{RuleSet, Subject};
use crate::domain::text::fold;
use crate::domain::transaction::NewTransaction;
use crate::import::{ImportError, Row};

use super::rules::rule_set;
use super::totals::{self, Delta};
use super::{Store, StoreError};

/// SQLite's page cache while importing, in KiB.
const IMPORT_CACHE_KIB: i64 = 16 * 1024;

/// Rows handed from the reading thread to the writing one at a time.
const BLOCK_ROWS: usize = 4096;
/// Blocks read ahead of the writer: bounds memory however large the file.
const BLOCKS_IN_FLIGHT: usize = 4;

/// Rows per multi-row INSERT, and the columns each binds.
const INSERT_ROWS: usize = 256;
const INSERT_COLUMNS: usize = 15;

fn insert_sql(rows: usize) -> String {
    let row = format!("({})", vec!["?"; INSERT_COLUMNS].join(", "));
    format!(
        "INSERT INTO transactions (account_id, batch_id, line, date, time, payee, memo,
             amount_minor, currency, external_id, dedup_hash, search_text, category_id,
             category_source, rule)
         VALUES {}",
        vec![row; rows].join(", ")
    )
}

/// A new row and what the writer decided for it, waiting for its INSERT.
struct Admitted<'a> {
    row: &'a Prepared,
    account: i64,
    category: Option<i64>,
    source: Option<&'static str>,
    /// The rule that categorized it, as a position in the session's rule set.
    rule: Option<usize>,
}

impl Admitted<'_> {
    /// Binds this row's INSERT_COLUMNS values after the first `offset` parameters.
    fn bind(
        &self,
        stmt: &mut rusqlite::CachedStatement,
        offset: usize,
        batch_id: i64,
        rule: Option<&str>,
    ) -> rusqlite::Result<()> {
        let (p, t) = (self.row, &self.row.tx);
        let at = |k: usize| offset + k;
        stmt.raw_bind_parameter(at(1), self.account)?;
        stmt.raw_bind_parameter(at(2), batch_id)?;
        stmt.raw_bind_parameter(at(3), p.line as i64)?;
        stmt.raw_bind_parameter(at(4), iso_date(&p.date))?;
        stmt.raw_bind_parameter(
            at(5),
            t.time.map(|time| time.format("%H:%M:%S").to_string()),
        )?;
        stmt.raw_bind_parameter(at(6), &t.payee)?;
        stmt.raw_bind_parameter(at(7), &t.memo)?;
        stmt.raw_bind_parameter(at(8), t.amount.minor)?;
        stmt.raw_bind_parameter(at(9), t.amount.currency.code())?;
        stmt.raw_bind_parameter(at(10), &t.external_id)?;
        stmt.raw_bind_parameter(at(11), p.key as i64)?;
        stmt.raw_bind_parameter(at(12), &p.search_text)?;
        stmt.raw_bind_parameter(at(13), self.category)?;
        stmt.raw_bind_parameter(at(14), self.source)?;
        stmt.raw_bind_parameter(at(15), rule)?;
        Ok(())
    }
}

/// A row with everything worked out that needs no store: folded text, dedup hash, the
/// rule that categorizes it.
struct Prepared {
    line: u64,
    tx: NewTransaction,
    date: [u8; 10],
    key: u64,
    search_text: Option<String>,
    /// Position of the winning rule in the session's rule set (rows without a category
    /// of their own only).
    rule: Option<usize>,
}

/// The reading thread: turns rows into `Prepared` blocks until the file ends, a row is
/// bad (returned), or the writer hangs up.
fn prepare_rows<I>(
    rows: I,
    rules: &RuleSet,
    meta: &BatchMeta,
    send: &std::sync::mpsc::SyncSender<Vec<Prepared>>,
    written: &std::sync::mpsc::Receiver<Vec<Prepared>>,
) -> Result<(), ImportError>
where
    I: Iterator<Item = Result<Row, ImportError>>,
{
    let mut block = Vec::with_capacity(BLOCK_ROWS);
    for row in rows {
        if block.is_empty() {
            while let Ok(done) = written.try_recv() {
                drop(done);
            }
        }
        let Row { line, tx: t } = row?;
        // Folded once: dedup, rules and search all compare the folded text.
        let (payee, memo) = (fold(&t.payee), fold(&t.memo));
        let key = dedup_hash_folded(&t, &payee, &memo);
        let rule = match t.category {
            Some(_) => None,
            None => rules.categorize_index(&Subject {
                payee: &payee,
                memo: &memo,
                amount: t.amount.to_decimal(),
                account: meta.account_of(&t),
            }),
        };
        // Stored only when folding changed something (see the schema).
        let search_text = (payee != t.payee || memo != t.memo).then(|| {
            let mut text = payee;
            text.push('\n');
            text.push_str(&memo);
            text
        });
        block.push(Prepared {
            line,
            date: iso_date_bytes(t.date),
            tx: t,
            key,
            search_text,
            rule,
        });
        if block.len() == BLOCK_ROWS {
            let full = std::mem::replace(&mut block, Vec::with_capacity(BLOCK_ROWS));
            if send.send(full).is_err() {
                return Ok(());
            }
        }
    }
    if !block.is_empty() {
        let _ = send.send(block);
    }
    Ok(())
}

/// `YYYY-MM-DD` without going through a formatter: it is written for every row.
fn iso_date_bytes(date: chrono::NaiveDate) -> [u8; 10] {
    // Statement years are 1900..=2200 (import::rows), so four digits always do.
    let (y, m, d) = (date.year().clamp(0, 9999) as u32, date.month(), date.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ]
}

fn iso_date(bytes: &[u8; 10]) -> &str {
    // Only ASCII digits and dashes are ever written into it.
    std::str::from_utf8(bytes).unwrap_or("0000-00-00")
}

/// What is known of a file before its rows are read.
pub struct BatchMeta<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub profile: &'a str,
    pub encoding: &'a str,
    /// Rows without an account of their own land here.
    pub account: &'a str,
    pub account_kind: &'a str,
    /// Rows' own account column is ignored when the user named an account.
    pub account_forced: bool,
}

impl BatchMeta<'_> {
    /// The account a row goes to: its own, unless the user named one.
    fn account_of<'t>(&'t self, t: &'t NewTransaction) -> &'t str {
        match t.account.as_deref() {
            Some(name) if !self.account_forced => name,
            _ => self.account,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub batch_id: i64,
    pub rows: u64,
    pub new: u64,
    pub duplicates: u64,
    /// The accounts the file's rows went to, in order of first appearance.
    pub accounts: Vec<String>,
    /// New transactions that got a category (from the file or a rule).
    pub categorized: u64,
    /// Card bill payments matched with the card's "payment received" and marked transfers.
    pub transfer_pairs: u64,
    /// Categories named by the file that the store did not have yet.
    pub created_categories: Vec<String>,
}

/// A past import, for `import list`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Batch {
    pub id: i64,
    pub imported_at: String,
    pub file: String,
    pub profile: String,
    pub account: String,
    pub rows: u64,
    pub new: u64,
    pub duplicates: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportRunError {
    #[error(transparent)]
    Read(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportRunError {
    fn from(e: rusqlite::Error) -> Self {
        ImportRunError::Store(e.into())
    }
}

/// One import command's write transaction. Files are imported into it one after another
/// (each sees the rows of the ones before), and it is committed only if every file read
/// cleanly: a failed command leaves the store as it was.
pub struct ImportSession<'s> {
    tx: rusqlite::Transaction<'s>,
    rules: RuleSet,
    /// Category ids by lower-cased name (names are unique regardless of case).
    categories: HashMap<String, i64>,
}

impl Store {
    /// Takes the write lock up front, so a second writer waits here, not midway.
    pub fn begin_import(&mut self) -> Result<ImportSession<'_>, StoreError> {
        // A big import touches more index and table pages than the default 2 MB cache
        // holds; spilling and re-reading them costs more than the memory.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read under the write lock, so no rule or category changes before the commit.
        let rules = rule_set(&tx)?;
        let categories = {
            let mut stmt = tx.prepare("SELECT lower(name), id FROM categories")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        Ok(ImportSession {
            tx,
            rules,
            categories,
        })
    }
}

/// The columns `batch_row` reads, to follow `SELECT` (then `FROM import_batches b ...`).
pub(super) const BATCH_COLUMNS: &str =
    "b.id, b.imported_at, b.file_name, b.profile, a.name, b.rows, b.new_rows, b.duplicates";

pub(super) fn batch_row(r: &rusqlite::Row) -> rusqlite::Result<Batch> {
    Ok(Batch {
        id: r.get(0)?,
        imported_at: r.get(1)?,
        file: r.get(2)?,
        profile: r.get(3)?,
        account: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        rows: r.get::<_, i64>(5)? as u64,
        new: r.get::<_, i64>(6)? as u64,
        duplicates: r.get::<_, i64>(7)? as u64,
    })
}

impl Store {
    pub fn batches(&self) -> Result<Vec<Batch>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {BATCH_COLUMNS}
             FROM import_batches b LEFT JOIN accounts a ON a.id = b.account_id ORDER BY b.id"
        ))?;
        let rows = stmt.query_map([], batch_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl ImportSession<'_> {
    /// Writes everything; a dry run calls `rollback` instead, after the very same work.
    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }

    pub fn rollback(self) -> Result<(), StoreError> {
        Ok(self.tx.rollback()?)
    }

    /// Imports one file's rows with multiset dedup against the store as it stands.
    ///
    /// Two threads share the work: one reads, folds, hashes and categorizes rows (all
    /// pure), this one dedups against the store and inserts, so reading never waits for
    /// SQLite and SQLite never waits for reading. Rows cross over in blocks, in order.
    pub fn import_file<I>(
        &mut self,
        meta: &BatchMeta,
        rows: I,
        progress: &mut dyn FnMut(u64),
    ) -> Result<BatchSummary, ImportRunError>
    where
        I: Iterator<Item = Result<Row, ImportError>> + Send,
    {
        let ImportSession {
            tx,
            rules,
            categories,
        } = self;
        let tx = &*tx;
        let rules = &*rules;
        tx.execute(
            "INSERT INTO import_batches (file_name, sha256, profile, encoding, rows, new_rows, duplicates)
             VALUES (?1, ?2, ?3, ?4, 0, 0, 0)",
            (meta.file_name, meta.sha256, meta.profile, meta.encoding),
        )?;
        let batch_id = tx.last_insert_rowid();
        let mut writer = Writer::new(tx, rules, categories, meta, batch_id)?;
        std::thread::scope(|scope| -> Result<(), ImportRunError> {
            let (send, blocks) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(BLOCKS_IN_FLIGHT);
            // Written blocks go back to be dropped where their strings were allocated:
            // freeing across threads makes the two contend for the allocator's locks.
            let (recycle, written_blocks) = std::sync::mpsc::channel::<Vec<Prepared>>();
            let reader = std::thread::Builder::new()
                .name("import-read".into())
                .spawn_scoped(scope, move || {
                    prepare_rows(rows, rules, meta, &send, &written_blocks)
                })
                .map_err(|e| StoreError::Invalid(format!("cannot start a thread: {e}")))?;
            // The reader stops at a bad row, so its blocks end there too.
            let written = blocks.iter().try_for_each(|block| {
                writer.write_block(&block)?;
                progress(writer.summary.rows);
                // The reader may have finished: then the block is dropped here.
                let _ = recycle.send(block);
                Ok::<_, ImportRunError>(())
            });
            // Dropping the receiver first unblocks a reader still sending.
            drop(blocks);
            let read = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written?;
            read.map_err(ImportRunError::from)
        })?;
        let Writer {
            mut summary,
            accounts,
            totals,
            ..
        } = writer;
        totals.write(tx)?;
        if summary.rows == 0 {
            return Err(ImportError::NoRows {
                file: meta.file_name.to_string(),
            }
            .into());
        }
        summary.transfer_pairs = pair_transfers(tx, batch_id)?;
        if summary.transfer_pairs > 0 {
            // Pairing may have categorized rows of this file that no rule knew.
            summary.categorized = tx.query_row(
                "SELECT count(*) FROM transactions WHERE batch_id = ?1 AND category_id IS NOT NULL",
                [batch_id],
                |r| r.get::<_, i64>(0).map(|n| n as u64),
            )?;
        }
        let first_account = summary.accounts.first().and_then(|a| accounts.get(a));
        tx.execute(
            "UPDATE import_batches SET rows = ?1, new_rows = ?2, duplicates = ?3, account_id = ?4
             WHERE id = ?5",
            (
                summary.rows as i64,
                summary.new as i64,
                summary.duplicates as i64,
                first_account,
                batch_id,
            ),
        )?;
        summary.batch_id = batch_id;
        Ok(summary)
    }
}

fn account_id(tx: &rusqlite::Transaction, name: &str, kind: &str) -> rusqlite::Result<i64> {
    let existing = tx
        .query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    match existing {
        Some(id) => Ok(id),
        None => {
            tx.execute(
                "INSERT INTO accounts (name, kind) VALUES (?1, ?2)",
                (name, kind),
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// The writing side of an import: dedups each row against the store, decides its
/// account and category, and inserts the new ones, INSERT_ROWS at a time.
struct Writer<'t, 's> {
    tx: &'t rusqlite::Transaction<'s>,
    rules: &'t RuleSet,
    /// Category ids by lower-cased name, grown by categories the file names.
    categories: &'t mut HashMap<String, i64>,
    meta: &'t BatchMeta<'t>,
    batch_id: i64,
    accounts: FxHashMap<String, i64>,
    summary: BatchSummary,
    totals: Delta,
    seen: Multiset,
    stored: StoredRows<'t>,
    // Rows go in INSERT_ROWS at a time: one statement run per row would open the
    // table's and indexes' cursors and reset the VM once per row.
    insert_many: rusqlite::CachedStatement<'t>,
    insert_one: rusqlite::CachedStatement<'t>,
    /// Per rule: its category's id and the reference `tx show` prints.
    by_rule: FxHashMap<usize, (Option<i64>, String)>,
}

impl<'t, 's> Writer<'t, 's> {
    fn new(
        tx: &'t rusqlite::Transaction<'s>,
        rules: &'t RuleSet,
        categories: &'t mut HashMap<String, i64>,
        meta: &'t BatchMeta<'t>,
        batch_id: i64,
    ) -> rusqlite::Result<Self> {
        Ok(Writer {
            stored: StoredRows {
                day: tx.prepare_cached(
                    "SELECT dedup_hash FROM transactions
                     WHERE date = ?2 AND account_id = ?1 AND external_id IS NULL",
                )?,
                id: tx.prepare_cached(
                    "SELECT count(*) FROM transactions
                     WHERE account_id = ?1 AND external_id IS NOT NULL AND dedup_hash = ?2",
                )?,
            },
            insert_many: tx.prepare_cached(&insert_sql(INSERT_ROWS))?,
            insert_one: tx.prepare_cached(&insert_sql(1))?,
            tx,
            rules,
            categories,
            meta,
            batch_id,
            accounts: FxHashMap::default(),
            summary: BatchSummary::default(),
            totals: Delta::default(),
            seen: Multiset::default(),
            by_rule: FxHashMap::default(),
        })
    }

    fn write_block(&mut self, block: &[Prepared]) -> Result<(), ImportRunError> {
        let mut admitted: Vec<Admitted> = Vec::with_capacity(block.len());
        for p in block {
            self.summary.rows += 1;
            let t = &p.tx;
            let account = self.account(t)?;
            if !self.seen.admit(account, t, p.key, &mut self.stored)? {
                self.summary.duplicates += 1;
                continue;
            }
            let decided = self.category(t, p.rule)?;
            let category = decided.map(|(id, _, _)| id);
            self.summary.categorized += u64::from(category.is_some());
            self.summary.new += 1;
            let month = (t.date.year(), t.date.month());
            let amount = t.amount;
            self.totals
                .add(month, category, account, amount.currency, amount.minor, 1);
            admitted.push(Admitted {
                row: p,
                account,
                category,
                source: decided.map(|(_, source, _)| source),
                rule: decided.and_then(|(_, _, rule)| rule),
            });
        }
        let by_rule = &self.by_rule;
        let reference = |row: &Admitted| row.rule.map(|i| by_rule[&i].1.as_str());
        let mut chunks = admitted.chunks_exact(INSERT_ROWS);
        for chunk in &mut chunks {
            for (k, row) in chunk.iter().enumerate() {
                let offset = k * INSERT_COLUMNS;
                row.bind(&mut self.insert_many, offset, self.batch_id, reference(row))?;
            }
            self.insert_many.raw_execute()?;
        }
        for row in chunks.remainder() {
            row.bind(&mut self.insert_one, 0, self.batch_id, reference(row))?;
            self.insert_one.raw_execute()?;
        }
        Ok(())
    }

    /// The row's account. Accounts are created on first use, so a file whose rows all
    /// name their own account leaves no empty default account behind.
    fn account(&mut self, t: &NewTransaction) -> rusqlite::Result<i64> {
        let meta = self.meta;
        let name = meta.account_of(t);
        if let Some(id) = self.accounts.get(name) {
            return Ok(*id);
        }
        let kind = if t.account.is_some() && !meta.account_forced {
            guess_kind(name, meta.account_kind)
        } else {
            meta.account_kind
        };
        let id = account_id(self.tx, name, kind)?;
        self.accounts.insert(name.to_string(), id);
        self.summary.accounts.push(name.to_string());
        Ok(id)
    }

    /// A new row's category, how it was set ('file' or 'rule'), and the rule that set
    /// it: the file's own category (created when the store lacks it), else the rule the
    /// reader found, if its category exists.
    fn category(
        &mut self,
        t: &NewTransaction,
        rule: Option<usize>,
    ) -> rusqlite::Result<Option<(i64, &'static str, Option<usize>)>> {
        if let Some(name) = &t.category {
            let id = match self.categories.get(&name.to_lowercase()) {
                Some(id) => *id,
                None => {
                    let id = create_category(self.tx, name)?;
                    self.summary.created_categories.push(name.clone());
                    self.categories.insert(name.to_lowercase(), id);
                    id
                }
            };
            return Ok(Some((id, "file", None)));
        }
        let Some(i) = rule else {
            return Ok(None);
        };
        let (rules, categories) = (self.rules, &*self.categories);
        let (id, _) = self.by_rule.entry(i).or_insert_with(|| {
            let rule = rules.rule_at(i);
            (
                categories.get(&rule.category.to_lowercase()).copied(),
                rule.reference(),
            )
        });
        Ok(id.map(|id| (id, "rule", Some(i))))
    }
}

/// The store's answers for dedup: the keys of one account's day, and id-keyed counts.
struct StoredRows<'c> {
    day: rusqlite::CachedStatement<'c>,
    id: rusqlite::CachedStatement<'c>,
}

impl Stored for StoredRows<'_> {
    type Error = rusqlite::Error;

    fn day_keys(&mut self, account: i64, date: chrono::NaiveDate) -> rusqlite::Result<Vec<u64>> {
        self.day
            .query_map((account, date.to_string()), |r| {
                r.get::<_, i64>(0).map(|h| h as u64)
            })?
            .collect()
    }

    fn id_count(&mut self, account: i64, key: u64) -> rusqlite::Result<u64> {
        self.id
            .query_row((account, key as i64), |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    }
}

/// An account a row names by itself (gagyebu's CSV has an account column) is a card
/// account when its name says so; otherwise it takes the profile's kind.
fn guess_kind<'a>(name: &str, default: &'a str) -> &'a str {
    let folded = fold(name);
    if folded.contains("카드") || folded.contains("card") {
        "card"
    } else {
        default
    }
}

/// Pairs card bill payments: a card account's incoming payment and another account's
/// outgoing payment of the same amount within five days are one move of the user's own
/// money, so both become transfers and importing both statements never counts twice.
/// Hand-set categories are left alone. Returns how many pairs were made.
fn pair_transfers(tx: &rusqlite::Transaction, batch_id: i64) -> rusqlite::Result<u64> {
    let transfer: Option<i64> = tx
        .query_row(
            "SELECT id FROM categories WHERE kind = 'transfer' ORDER BY name = 'transfer' DESC, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(transfer) = transfer else {
        return Ok(0);
    };
    // A pair needs a card account and another one; without both, skip the big join.
    let kinds: (bool, bool) = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE kind = 'card'),
                EXISTS (SELECT 1 FROM accounts WHERE kind != 'card')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if kinds != (true, true) {
        return Ok(0);
    }
    let mut stmt = tx.prepare(
        "SELECT c.id, b.id FROM transactions c
         JOIN accounts ca ON ca.id = c.account_id AND ca.kind = 'card'
         JOIN transactions b ON b.currency = c.currency AND b.amount_minor = -c.amount_minor
              AND b.account_id != c.account_id
         JOIN accounts ba ON ba.id = b.account_id AND ba.kind != 'card'
         WHERE c.amount_minor > 0 AND (c.batch_id = ?1 OR b.batch_id = ?1)
           AND abs(julianday(c.date) - julianday(b.date)) <= 5
           AND coalesce(c.category_source, '') NOT IN ('manual', 'file')
           AND coalesce(b.category_source, '') NOT IN ('manual', 'file')
           AND coalesce(c.rule, '') NOT LIKE 'transfer pair%'
           AND coalesce(b.rule, '') NOT LIKE 'transfer pair%'
         ORDER BY abs(julianday(c.date) - julianday(b.date)), c.id, b.id",
    )?;
    let candidates: Vec<(i64, i64)> = stmt
        .query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut used = std::collections::HashSet::new();
    let mut mark = tx.prepare(
        "UPDATE transactions SET category_id = ?1, category_source = 'rule', rule = ?2 WHERE id = ?3",
    )?;
    let mut pairs = 0;
    for (card, bank) in candidates {
        if used.contains(&card) || used.contains(&bank) {
            continue;
        }
        used.extend([card, bank]);
        let pair = "transaction_id IN (?1, ?2)";
        totals::apply(tx, pair, (card, bank), -1)?;
        mark.execute((transfer, format!("transfer pair with {bank}"), card))?;
        mark.execute((transfer, format!("transfer pair with {card}"), bank))?;
        totals::apply(tx, pair, (card, bank), 1)?;
        pairs += 1;
    }
    Ok(pairs)
}

/// Creates a category (as spending) that a file names and the store lacks, so an
/// exported history re-imports into an empty store whole.
fn create_category(tx: &rusqlite::Transaction, name: &str) -> rusqlite::Result<i64> {
    tx.execute("INSERT INTO categories (name) VALUES (?1)", [name])?;
    Ok(tx.last_insert_rowid())
}
