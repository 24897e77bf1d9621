//! User rules in the store, and the full rule set (user + built-in) used to categorize.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::rules::{builtin_rules, compile_regex, Field, Origin, Rule, RuleSet, Subject};
use crate::domain::text::fold;

use super::{Store, StoreError};

/// The built-in rules, compiled into the binary from imports/rules/builtin.toml.
const BUILTIN_RULES: &str = include_str!("../../imports/rules/builtin.toml");

/// A user rule and what it does to the store's transactions, for `rule list`.
#[derive(Clone, Debug)]
pub struct RuleStats {
    pub rule: Rule,
    /// Transactions the rule matches, whether or not it is the one that decides.
    pub matches: u64,
    /// Transactions whose category it set.
    pub applied: u64,
}

impl Store {
    /// Adds a user rule after checking its category, account and pattern. Returns its id.
    pub fn add_rule(&mut self, rule: &Rule) -> Result<i64, StoreError> {
        if rule.pattern.trim().is_empty() {
            return Err(StoreError::Invalid("the pattern is empty".into()));
        }
        if rule.regex {
            compile_regex(&rule.pattern).map_err(|e| StoreError::Invalid(e.to_string()))?;
        } else if fold(&rule.pattern).is_empty() {
            return Err(StoreError::Invalid("the pattern is empty".into()));
        }
        let (category, _) = self.category(&rule.category)?;
        let account = match &rule.account {
            Some(name) => Some(self.require_id("account", "accounts", name)?),
            None => None,
        };
        self.conn.execute(
            "INSERT INTO rules (category_id, pattern, is_regex, field, min_amount, max_amount, account_id, priority)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                category,
                rule.pattern,
                rule.regex,
                rule.field.as_str(),
                rule.min.map(|d| d.to_string()),
                rule.max.map(|d| d.to_string()),
                account,
                rule.priority,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn remove_rule(&mut self, id: i64) -> Result<(), StoreError> {
        let n = self.conn.execute("DELETE FROM rules WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::Unknown {
                what: "rule",
                name: id.to_string(),
                hint: "; see `gagyebu rule list`".into(),
            });
        }
        Ok(())
    }

    pub fn user_rules(&self) -> Result<Vec<Rule>, StoreError> {
        user_rules(&self.conn)
    }

    /// The user's rules, then the built-in ones whose category still exists.
    pub fn rule_set(&self) -> Result<RuleSet, StoreError> {
        rule_set(&self.conn)
    }

    /// Every user rule with how many transactions it matches and how many it categorized.
    pub fn rule_stats(&self) -> Result<Vec<RuleStats>, StoreError> {
        let rules = self.user_rules()?;
        let regexes: Vec<Option<regex::Regex>> = rules
            .iter()
            .map(|r| r.regex.then(|| compile_regex(&r.pattern).ok()).flatten())
            .collect();
        let mut matches = vec![0u64; rules.len()];
        let mut stmt = self.conn.prepare(
            "SELECT t.payee, t.memo, t.amount_minor, t.currency, a.name
             FROM transactions t JOIN accounts a ON a.id = t.account_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let payee: String = row.get(0)?;
            let memo: String = row.get(1)?;
            let minor: i64 = row.get(2)?;
            let currency: String = row.get(3)?;
            let account: String = row.get(4)?;
            let exponent = crate::domain::money::Currency::parse(&currency)
                .map(|c| c.exponent())
                .unwrap_or(0);
            let subject = Subject {
                payee: &payee,
                memo: &memo,
                amount: Decimal::new(minor, exponent),
                account: &account,
            };
            for (i, rule) in rules.iter().enumerate() {
                if (!rule.regex || regexes[i].is_some())
                    && rule.matches(&subject, regexes[i].as_ref())
                {
                    matches[i] += 1;
                }
            }
        }
        let mut out = Vec::new();
        for (rule, matches) in rules.into_iter().zip(matches) {
            let applied: i64 = self.conn.query_row(
                "SELECT count(*) FROM transactions WHERE category_source = 'rule' AND rule = ?1",
                [rule.reference()],
                |r| r.get(0),
            )?;
            out.push(RuleStats {
                rule,
                matches,
                applied: applied as u64,
            });
        }
        Ok(out)
    }
}

fn user_rules(conn: &rusqlite::Connection) -> Result<Vec<Rule>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT r.id, c.name, r.pattern, r.is_regex, r.field, r.min_amount, r.max_amount, a.name, r.priority
         FROM rules r JOIN categories c ON c.id = r.category_id
         LEFT JOIN accounts a ON a.id = r.account_id ORDER BY r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let decimal = |text: Option<String>| text.and_then(|t| Decimal::from_str(&t).ok());
        Ok(Rule {
            origin: Origin::User(r.get(0)?),
            category: r.get(1)?,
            pattern: r.get(2)?,
            regex: r.get(3)?,
            field: Field::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
            min: decimal(r.get(5)?),
            max: decimal(r.get(6)?),
            account: r.get(7)?,
            priority: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The user's rules, then the built-in ones whose category still exists.
pub(super) fn rule_set(conn: &rusqlite::Connection) -> Result<RuleSet, StoreError> {
    let mut rules = user_rules(conn)?;
    let known: std::collections::HashSet<String> = {
        let mut stmt = conn.prepare("SELECT lower(name) FROM categories")?;
        let names = stmt.query_map([], |r| r.get(0))?;
        names.collect::<Result<_, _>>()?
    };
    let builtin = builtin_rules(BUILTIN_RULES)
        .map_err(|e| StoreError::Invalid(format!("built-in rules: {e}")))?;
    rules.extend(
        builtin
            .into_iter()
            .filter(|r| known.contains(&r.category.to_lowercase())),
    );
    RuleSet::new(rules).map_err(|e| StoreError::Invalid(e.to_string()))
}
