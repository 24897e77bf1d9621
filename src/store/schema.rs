//! Schema migrations, keyed on `PRAGMA user_version`. Only ever append to MIGRATIONS:
//! a store written by any earlier version must open and upgrade.

use crate::domain::category::BUILTIN;

/// One schema version: SQL, or SQL with Rust steps where SQL alone cannot move the data.
pub enum Migration {
    Sql(&'static str),
    Code(fn(&rusqlite::Transaction) -> rusqlite::Result<()>),
}

pub const MIGRATIONS: &[Migration] = &[
    // 1: accounts, categories, import batches, transactions, splits, rules, budgets, wishes.
    Migration::Sql(
        r#"
    CREATE TABLE accounts (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL DEFAULT 'bank',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE categories (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL DEFAULT 'spending' CHECK (kind IN ('spending', 'income', 'transfer'))
    );
    CREATE TABLE import_batches (
        id          INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        profile     TEXT NOT NULL,
        -- the account the file's rows went to (the first, if its rows name several)
        account_id  INTEGER REFERENCES accounts(id),
        encoding    TEXT NOT NULL,
        rows        INTEGER NOT NULL,
        new_rows    INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE transactions (
        id              INTEGER PRIMARY KEY,
        account_id      INTEGER NOT NULL REFERENCES accounts(id),
        batch_id        INTEGER REFERENCES import_batches(id),
        line            INTEGER,
        date            TEXT NOT NULL,
        time            TEXT,
        payee           TEXT NOT NULL,
        memo            TEXT NOT NULL DEFAULT '',
        amount_minor    INTEGER NOT NULL,
        currency        TEXT NOT NULL,
        external_id     TEXT,
        -- dedup identity within the account; see domain::dedup
        dedup_key       TEXT NOT NULL,
        -- folded payee and memo, for case-insensitive Unicode search
        search_text     TEXT NOT NULL,
        category_id     INTEGER REFERENCES categories(id),
        -- how the category was set: 'file' (a category column), 'rule', or 'manual';
        -- rules never overwrite 'file' or 'manual'
        category_source TEXT CHECK (category_source IN ('file', 'rule', 'manual')),
        -- which rule set it ('rule 3', 'built-in "발베니"', 'transfer pair'), for `tx show`
        rule            TEXT
    );
    -- A transaction split across categories: the parts replace it in every sum.
    CREATE TABLE splits (
        id             INTEGER PRIMARY KEY,
        transaction_id INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
        category_id    INTEGER NOT NULL REFERENCES categories(id),
        -- signed like the transaction
        amount_minor   INTEGER NOT NULL
    );
    CREATE INDEX splits_transaction ON splits(transaction_id);
    CREATE TABLE rules (
        id          INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories(id),
        pattern     TEXT NOT NULL,
        is_regex    INTEGER NOT NULL DEFAULT 0,
        field       TEXT NOT NULL DEFAULT 'any' CHECK (field IN ('payee', 'memo', 'any')),
        -- bounds on the absolute amount, as exact decimal text
        min_amount  TEXT,
        max_amount  TEXT,
        account_id  INTEGER REFERENCES accounts(id),
        priority    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    -- What every sum counts: a transaction in its category, or its split parts in theirs.
    CREATE VIEW entries AS
        SELECT t.id AS transaction_id, t.account_id, t.date, t.currency, t.amount_minor, t.category_id
        FROM transactions t
        WHERE NOT EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id)
        UNION ALL
        SELECT t.id, t.account_id, t.date, t.currency, s.amount_minor, s.category_id
        FROM splits s JOIN transactions t ON t.id = s.transaction_id;
    -- dedup reads one account's day at a time; external ids are looked up directly
    CREATE INDEX transactions_account_date ON transactions(account_id, date);
    CREATE INDEX transactions_external_id ON transactions(account_id, dedup_key)
        WHERE external_id IS NOT NULL;
    CREATE INDEX transactions_date ON transactions(date);
    CREATE INDEX transactions_category ON transactions(category_id);
    -- Budgets and consumption limits: per category and year, at most one amount limit
    -- (absolute or a cut relative to the previous year) and one count limit.
    CREATE TABLE budgets (
        id          INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        year        INTEGER NOT NULL,
        unit        TEXT NOT NULL CHECK (unit IN ('amount', 'count')),
        per         TEXT NOT NULL DEFAULT 'year' CHECK (per IN ('year', 'month')),
        -- amount: minor units of `currency` per period; count: purchases per period;
        -- NULL for a cut, which is resolved from the previous year's spending when used
        limit_value INTEGER,
        -- amount limits only
        currency    TEXT,
        -- a cut: at most (100 - cut_pct)% of the previous year, as exact decimal text
        cut_pct     TEXT,
        rollover    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (category_id, year, unit)
    );
    -- Things to buy later. `paid_minor`, `bought_on` and `transaction_id` are set when
    -- the wish is bought; a purchase fulfils at most one wish.
    CREATE TABLE wishes (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL,
        price_minor    INTEGER NOT NULL CHECK (price_minor > 0),
        currency       TEXT NOT NULL,
        category_id    INTEGER REFERENCES categories(id) ON DELETE SET NULL,
        priority       INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
        by_date        TEXT,
        url            TEXT,
        note           TEXT,
        status         TEXT NOT NULL DEFAULT 'wanted' CHECK (status IN ('wanted', 'bought', 'dropped')),
        added_on       TEXT NOT NULL,
        paid_minor     INTEGER,
        paid_currency  TEXT,
        bought_on      TEXT,
        transaction_id INTEGER UNIQUE REFERENCES transactions(id) ON DELETE SET NULL
    );
    "#,
    ),
    // 2: integer dedup keys, a CHECK SQLite tests without a temporary table, indexes the
    // queries use, and the month totals reports read (see store::totals).
    Migration::Code(migrate_v2),
];

/// The built-in categories, inserted with the first migration.
pub fn seed_categories(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("INSERT OR IGNORE INTO categories (name, kind) VALUES (?1, ?2)")?;
    for (name, kind) in BUILTIN {
        stmt.execute((name, kind.as_str()))?;
    }
    Ok(())
}

/// Migration 2: the transactions table is rebuilt (SQLite cannot change a column's type
/// or a CHECK in place), with the old text dedup keys hashed as `domain::dedup` now
/// hashes them, so a store upgraded in place still recognises every row it holds.
/// Runs with foreign keys off, as SQLite's table-rebuild procedure requires.
fn migrate_v2(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE transactions_v2 (
            id              INTEGER PRIMARY KEY,
            account_id      INTEGER NOT NULL REFERENCES accounts(id),
            batch_id        INTEGER REFERENCES import_batches(id),
            line            INTEGER,
            date            TEXT NOT NULL,
            time            TEXT,
            payee           TEXT NOT NULL,
            memo            TEXT NOT NULL DEFAULT '',
            amount_minor    INTEGER NOT NULL,
            currency        TEXT NOT NULL,
            external_id     TEXT,
            -- dedup identity within the account, as a 64-bit hash; see domain::dedup
            dedup_hash      INTEGER NOT NULL,
            -- folded payee and memo, for case-insensitive Unicode search; NULL when
            -- folding changes neither (most Korean text), then search reads them as is
            search_text     TEXT,
            category_id     INTEGER REFERENCES categories(id),
            -- how the category was set: 'file' (a category column), 'rule', or 'manual';
            -- rules never overwrite 'file' or 'manual'. ORs, not IN: SQLite checks an IN
            -- list through a temporary table built for every inserted row.
            category_source TEXT CHECK (category_source = 'file' OR category_source = 'rule'
                                        OR category_source = 'manual'),
            -- which rule set it ('rule 3', 'built-in "발베니"', 'transfer pair'), for `tx show`
            rule            TEXT
        );
        INSERT INTO transactions_v2 (id, account_id, batch_id, line, date, time, payee, memo,
            amount_minor, currency, external_id, dedup_hash, search_text, category_id,
            category_source, rule)
        SELECT id, account_id, batch_id, line, date, time, payee, memo, amount_minor, currency,
            external_id, 0, search_text, category_id, category_source, rule
        FROM transactions;
        "#,
    )?;
    {
        let mut read = tx.prepare("SELECT id, dedup_key FROM transactions")?;
        let mut write = tx.prepare("UPDATE transactions_v2 SET dedup_hash = ?1 WHERE id = ?2")?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let key: String = row.get(1)?;
            write.execute((crate::domain::dedup::key_hash(key.as_bytes()) as i64, id))?;
        }
    }
    tx.execute_batch(
        r#"
        DROP VIEW entries;
        DROP TABLE transactions;
        ALTER TABLE transactions_v2 RENAME TO transactions;
        -- What every sum counts: a transaction in its category, or its split parts in theirs.
        CREATE VIEW entries AS
            SELECT t.id AS transaction_id, t.account_id, t.date, t.currency, t.amount_minor, t.category_id
            FROM transactions t
            WHERE NOT EXISTS (SELECT 1 FROM splits s WHERE s.transaction_id = t.id)
            UNION ALL
            SELECT t.id, t.account_id, t.date, t.currency, s.amount_minor, s.category_id
            FROM splits s JOIN transactions t ON t.id = s.transaction_id;
        -- Date first: it serves date ranges and dedup's one-day reads, and with the time
        -- (and the rowid every index ends in) it is `tx list`'s order, so a listing with
        -- --limit stops early instead of sorting every row. Rows arrive mostly in date
        -- order, so inserts append rather than land at random.
        CREATE INDEX transactions_date_time ON transactions(date, time, account_id);
        CREATE INDEX transactions_external_id ON transactions(account_id, dedup_hash)
            WHERE external_id IS NOT NULL;
        -- No index on batch_id or category_id: each would cost every insert of a big
        -- import a B-tree search (8% of a 1M-row import for batch_id), while undo and
        -- category removal, which would use them, are rare and scan in well under a
        -- second. Reports read `totals`.
        -- Money out and in per month, category (0: none), account and currency, kept up
        -- to date in the same transaction as every write (store::totals), so a year's
        -- report reads a few hundred rows instead of grouping every entry.
        CREATE TABLE totals (
            month       TEXT NOT NULL,
            category_id INTEGER NOT NULL,
            account_id  INTEGER NOT NULL,
            currency    TEXT NOT NULL,
            out_minor   INTEGER NOT NULL,
            in_minor    INTEGER NOT NULL,
            out_count   INTEGER NOT NULL,
            in_count    INTEGER NOT NULL,
            PRIMARY KEY (month, category_id, account_id, currency)
        ) WITHOUT ROWID;
        "#,
    )?;
    super::totals::rebuild(tx)
}
