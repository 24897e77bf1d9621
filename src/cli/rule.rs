//! `gagyebu rule add | list | remove | suggest` and `gagyebu recategorize`.

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::domain::money::{parse_amount, NumberStyle};
use crate::domain::rules::{Field, Origin, Rule};
use crate::render::{self, Align, Format, Table};

use super::Context;

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    Add(AddArgs),
    /// List your rules, with how many transactions each matches and categorized
    List,
    /// Remove a rule by its id (see `rule list`)
    Remove {
        id: i64,
    },
    /// Propose rules for the uncategorized payees that matter most
    Suggest {
        /// How many payees to propose rules for
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FieldArg {
    Payee,
    Memo,
    Any,
}

/// Add a rule: transactions whose payee or memo contains PATTERN go in CATEGORY.
///
/// Matching ignores case, spacing and Unicode composition. Your rules come before the
/// built-in ones; among yours, a higher --priority wins, then the longer pattern.
/// New imports use the rule at once; `gagyebu recategorize` applies it to the past.
#[derive(Debug, Args)]
pub struct AddArgs {
    category: String,
    pattern: String,
    /// PATTERN is a regular expression (matched case-insensitively)
    #[arg(long)]
    regex: bool,
    /// Which text to look in
    #[arg(long, value_enum, default_value_t = FieldArg::Any)]
    field: FieldArg,
    /// Only amounts of at least this much (either direction)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    min: Option<String>,
    /// Only amounts of at most this much (either direction)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    max: Option<String>,
    /// Only in this account
    #[arg(long, value_name = "NAME")]
    account: Option<String>,
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    priority: i64,
}

/// Re-apply the rules to every transaction whose category was not set by hand
#[derive(Debug, Args)]
pub struct RecategorizeArgs {
    /// Show what would change, change nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Serialize)]
struct RuleJson {
    id: i64,
    category: String,
    pattern: String,
    regex: bool,
    field: &'static str,
    min: Option<String>,
    max: Option<String>,
    account: Option<String>,
    priority: i64,
    matches: u64,
    applied: u64,
}

fn bound(flag: &str, text: Option<&str>) -> anyhow::Result<Option<rust_decimal::Decimal>> {
    text.map(|t| {
        let value = parse_amount(t, NumberStyle::DecimalPoint)
            .with_context(|| format!("{flag} \"{t}\" is not an amount"))?
            .value
            .abs();
        Ok(value)
    })
    .transpose()
}

pub fn run(ctx: &mut Context, cmd: RuleCommand) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        RuleCommand::Add(args) => {
            let min = bound("--min", args.min.as_deref())?;
            let max = bound("--max", args.max.as_deref())?;
            if let (Some(min), Some(max)) = (min, max) {
                anyhow::ensure!(min <= max, "--min {min} is more than --max {max}");
            }
            let rule = Rule {
                origin: Origin::User(0),
                category: args.category.trim().to_string(),
                pattern: args.pattern.clone(),
                regex: args.regex,
                field: match args.field {
                    FieldArg::Payee => Field::Payee,
                    FieldArg::Memo => Field::Memo,
                    FieldArg::Any => Field::Any,
                },
                min,
                max,
                account: args.account,
                priority: args.priority,
            };
            let id = store.add_rule(&rule)?;
            writeln!(
                ctx.err,
                "added rule {id}; `gagyebu recategorize --dry-run` shows what it changes in past transactions"
            )?;
        }
        RuleCommand::List => {
            let stats = store.rule_stats()?;
            let rows: Vec<RuleJson> = stats
                .into_iter()
                .map(|s| RuleJson {
                    id: match s.rule.origin {
                        Origin::User(id) => id,
                        Origin::Builtin => 0,
                    },
                    category: s.rule.category,
                    pattern: s.rule.pattern,
                    regex: s.rule.regex,
                    field: s.rule.field.as_str(),
                    min: s.rule.min.map(|d| d.to_string()),
                    max: s.rule.max.map(|d| d.to_string()),
                    account: s.rule.account,
                    priority: s.rule.priority,
                    matches: s.matches,
                    applied: s.applied,
                })
                .collect();
            if ctx.format == Format::Json {
                return Ok(render::json(ctx.out, &rows)?);
            }
            let mut table = Table::new(&[
                ("id", Align::Right),
                ("category", Align::Left),
                ("pattern", Align::Left),
                ("field", Align::Left),
                ("amount", Align::Left),
                ("account", Align::Left),
                ("priority", Align::Right),
                ("matches", Align::Right),
                ("applied", Align::Right),
            ]);
            for r in &rows {
                let range = match (&r.min, &r.max) {
                    (None, None) => String::new(),
                    (min, max) => format!(
                        "{}..{}",
                        min.as_deref().unwrap_or(""),
                        max.as_deref().unwrap_or("")
                    ),
                };
                table.push(vec![
                    r.id.to_string(),
                    r.category.clone(),
                    if r.regex {
                        format!("/{}/", r.pattern)
                    } else {
                        r.pattern.clone()
                    },
                    r.field.to_string(),
                    range,
                    r.account.clone().unwrap_or_default(),
                    r.priority.to_string(),
                    r.matches.to_string(),
                    r.applied.to_string(),
                ]);
            }
            render::write_table(ctx.out, &table, ctx.format)?;
            if rows.is_empty() && ctx.format == Format::Table {
                writeln!(ctx.err, "no rules of your own yet; the built-in ones always apply (`gagyebu rule add CATEGORY PATTERN`)")?;
            }
        }
        RuleCommand::Remove { id } => {
            store.remove_rule(id)?;
            writeln!(ctx.err, "removed rule {id}")?;
        }
        RuleCommand::Suggest { limit } => super::suggest::run(ctx, &store, limit)?,
    }
    Ok(())
}

pub fn recategorize(ctx: &mut Context, args: RecategorizeArgs) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let changes = store.recategorize(args.dry_run)?;
    #[derive(Serialize)]
    struct Change {
        id: i64,
        date: String,
        payee: String,
        memo: String,
        amount: String,
        currency: String,
        from: Option<String>,
        to: Option<String>,
        rule: Option<String>,
    }
    let rows: Vec<Change> = changes
        .into_iter()
        .map(|c| Change {
            id: c.id,
            date: c.date.to_string(),
            payee: c.payee,
            memo: c.memo,
            amount: c.amount.plain(),
            currency: c.amount.currency.to_string(),
            from: c.from,
            to: c.to,
            rule: c.rule,
        })
        .collect();
    if ctx.format == Format::Json {
        render::json(ctx.out, &rows)?;
    } else {
        let mut table = Table::new(&[
            ("id", Align::Right),
            ("date", Align::Left),
            ("payee", Align::Left),
            ("memo", Align::Left),
            ("amount", Align::Right),
            ("from", Align::Left),
            ("to", Align::Left),
            ("rule", Align::Left),
        ]);
        for c in &rows {
            table.push(vec![
                c.id.to_string(),
                c.date.clone(),
                c.payee.clone(),
                c.memo.clone(),
                c.amount.clone(),
                c.from.clone().unwrap_or_else(|| "-".into()),
                c.to.clone().unwrap_or_else(|| "-".into()),
                c.rule.clone().unwrap_or_default(),
            ]);
        }
        render::write_table(ctx.out, &table, ctx.format)?;
    }
    let verb = if args.dry_run {
        "would change"
    } else {
        "changed"
    };
    writeln!(
        ctx.err,
        "{verb} the category of {} transactions",
        rows.len()
    )?;
    Ok(())
}
