//! Schema migrations, keyed on `PRAGMA user_version`. Only ever append to MIGRATIONS:
//! a store written by any earlier version must open and upgrade.

use crate::domain::category::BUILTIN;

pub const MIGRATIONS: &[&str] = &[
    // 1: accounts, categories, import batches, transactions, splits, rules, budgets, wishes.
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
];

/// The built-in categories, inserted with the first migration.
pub fn seed_categories(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("INSERT OR IGNORE INTO categories (name, kind) VALUES (?1, ?2)")?;
    for (name, kind) in BUILTIN {
        stmt.execute((name, kind.as_str()))?;
    }
    Ok(())
}
