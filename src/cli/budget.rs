//! `gagyebu budget set | list | remove`: limits per category and year — an amount, a
//! number of purchases, or a cut relative to last year's spending.

use anyhow::{bail, Context as _};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::domain::budget::{
    parse_count, parse_cut, used_between, Budget, BudgetError, Limit, Per, Resolved, Span, Unit,
};
use crate::domain::money::{parse_money, Currency, Money, NumberStyle};
use crate::render::{self, Align, Format, Table};
use crate::store::Store;

use super::Context;

/// The currency of budgets and reports when none is named.
pub const DEFAULT_CURRENCY: Currency = Currency::KRW;

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    Set(SetArgs),
    /// List the limits (all years, or one with --year); cuts are shown resolved
    List {
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
    },
    /// Remove a category's limits (amount and count) for a year
    Remove {
        /// The category whose limits go
        category: String,
        /// Default: this year
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
    },
}

/// Set a category's limit for a year: an amount (--amount), a number of purchases
/// (--count), or a cut from last year's spending (--cut).
///
/// A category holds one amount limit and one count limit per year; a new amount limit
/// (absolute or cut) replaces the earlier one, and likewise for counts.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// A spending category (see `gagyebu category list`)
    category: String,

    /// At most this much per year, or per month with --per month
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    amount: Option<String>,

    /// At most N purchases (a refund takes one back), in any currency
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    count: Option<String>,

    /// Spend at most (100 − PCT)% of last year's spending in the category: 30 or 30%
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    cut: Option<String>,

    /// year (default) or month: a monthly limit (amount or count) applies to each month
    #[arg(long, value_name = "year|month")]
    per: Option<String>,

    /// Default: this year
    #[arg(long, value_name = "YYYY")]
    year: Option<String>,

    /// The currency of --amount and --cut (default KRW)
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,

    /// Monthly limits: what is left carries into the next month; an overspend reduces it
    #[arg(long)]
    rollover: bool,
}

pub fn run(ctx: &mut Context, cmd: BudgetCommand) -> anyhow::Result<()> {
    match cmd {
        BudgetCommand::Set(args) => set(ctx, args),
        BudgetCommand::List { year } => {
            let year = year.as_deref().map(|y| year_arg("--year", y)).transpose()?;
            list(ctx, year)
        }
        BudgetCommand::Remove { category, year } => {
            let year = match year {
                Some(y) => year_arg("--year", &y)?,
                None => today().year(),
            };
            let mut store = ctx.store()?;
            let removed = store.remove_budgets(&category, year)?;
            let what: Vec<String> = removed
                .iter()
                .map(|b| Ok(describe(b, &resolve(&store, b)?)))
                .collect::<anyhow::Result<_>>()?;
            writeln!(
                ctx.err,
                "removed {} {year}: {}",
                category.trim(),
                what.join("; ")
            )?;
            Ok(())
        }
    }
}

fn set(ctx: &mut Context, args: SetArgs) -> anyhow::Result<()> {
    let year = match &args.year {
        Some(y) => year_arg("--year", y)?,
        None => today().year(),
    };
    let per = args
        .per
        .as_deref()
        .map(str::parse::<Per>)
        .transpose()?
        .unwrap_or(Per::Year);
    let currency = args.currency.as_deref().map(currency_arg).transpose()?;
    let limit = match (&args.amount, &args.count, &args.cut) {
        (Some(text), None, None) => {
            let money = parse_money(
                text,
                NumberStyle::DecimalPoint,
                currency.unwrap_or(DEFAULT_CURRENCY),
                currency.is_some(),
            )
            .with_context(|| format!("--amount \"{text}\""))?;
            if money.minor <= 0 {
                return Err(BudgetError::NotPositive(money.grouped()).into());
            }
            Limit::Amount(money)
        }
        (None, Some(text), None) => {
            if currency.is_some() {
                bail!("--count counts purchases in every currency; it takes no --currency");
            }
            Limit::Count(parse_count(text)?)
        }
        (None, None, Some(text)) => Limit::Cut {
            pct: parse_cut(text)?,
            currency: currency.unwrap_or(DEFAULT_CURRENCY),
        },
        (None, None, None) => {
            bail!("budget set needs a limit: --amount AMOUNT, --count N or --cut PCT")
        }
        _ => bail!(
            "budget set takes one of --amount, --count and --cut; to set an amount and a count limit, run it twice"
        ),
    };
    let budget = Budget {
        category: args.category.trim().to_string(),
        year,
        per,
        limit,
        rollover: args.rollover,
    };
    budget.validate()?;
    let mut store = ctx.store()?;
    let earlier = store.set_budget(&budget)?;
    // The stored name, as the category list spells it.
    let budget = store
        .budgets(Some(year))?
        .into_iter()
        .find(|b| b.category.eq_ignore_ascii_case(&budget.category) && b.unit() == budget.unit())
        .unwrap_or(budget);
    let resolved = resolve(&store, &budget)?;
    let mut line = format!(
        "{} {year}: at most {}",
        budget.category,
        describe(&budget, &resolved)
    );
    if let Some(earlier) = earlier {
        line.push_str(&format!(
            " (replaces {})",
            describe(&earlier, &resolve(&store, &earlier)?)
        ));
    }
    writeln!(ctx.err, "{line}")?;
    if let Some(basis) = resolved.basis.filter(|b| b.spent <= 0) {
        writeln!(
            ctx.err,
            "note: nothing was spent on {} in {} ({}), so the cut allows nothing until that year's statements are imported",
            budget.category,
            basis.year,
            unit_label(&budget)
        )?;
    }
    Ok(())
}

/// The `budget list` JSON shape.
#[derive(Serialize)]
struct BudgetJson {
    year: i32,
    category: String,
    unit: &'static str,
    per: &'static str,
    /// Per period; a cut resolved against the previous year.
    limit: String,
    currency: Option<String>,
    cut_pct: Option<String>,
    /// A cut's basis: the previous year's spending in the category.
    basis: Option<String>,
    rollover: bool,
}

fn list(ctx: &mut Context, year: Option<i32>) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let budgets = store.budgets(year)?;
    let mut rows = Vec::new();
    for b in &budgets {
        rows.push((b, resolve(&store, b)?));
    }
    if ctx.format == Format::Json {
        let json: Vec<BudgetJson> = rows
            .iter()
            .map(|(b, r)| BudgetJson {
                year: b.year,
                category: b.category.clone(),
                unit: b.unit().as_str(),
                per: b.per.as_str(),
                limit: quantity(b, r.per_period, false),
                currency: b.currency().map(|c| c.code().to_string()),
                cut_pct: match &b.limit {
                    Limit::Cut { pct, .. } => Some(pct.to_string()),
                    _ => None,
                },
                basis: r.basis.map(|basis| quantity(b, basis.spent, false)),
                rollover: b.rollover,
            })
            .collect();
        return Ok(render::json(ctx.out, &json)?);
    }
    let human = ctx.format != Format::Csv;
    let mut table = Table::new(&[
        ("year", Align::Right),
        ("category", Align::Left),
        ("per", Align::Left),
        ("limit", Align::Right),
        ("unit", Align::Left),
        ("note", Align::Left),
    ]);
    for (b, r) in &rows {
        table.push(vec![
            b.year.to_string(),
            b.category.clone(),
            b.per.as_str().to_string(),
            quantity(b, r.per_period, human),
            unit_label(b),
            note(b, r, human),
        ]);
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    if budgets.is_empty() && ctx.format == Format::Table {
        writeln!(
            ctx.err,
            "no budgets{}; set one with `gagyebu budget set CATEGORY --amount AMOUNT`",
            year.map(|y| format!(" for {y}")).unwrap_or_default()
        )?;
    }
    Ok(())
}

/// A limit's value as text: an amount in the budget's currency, or a whole count.
pub(super) fn quantity(budget: &Budget, value: i64, grouped: bool) -> String {
    match budget.currency() {
        Some(c) if grouped => Money::new(value, c).grouped(),
        Some(c) => Money::new(value, c).plain(),
        None => value.to_string(),
    }
}

/// "KRW" for an amount limit, "purchases" for a count.
pub(super) fn unit_label(budget: &Budget) -> String {
    match budget.currency() {
        Some(c) => c.code().to_string(),
        None => "purchases".into(),
    }
}

/// What else to know about a limit: a cut's basis, rollover.
fn note(budget: &Budget, resolved: &Resolved, grouped: bool) -> String {
    let mut parts = Vec::new();
    if let (Limit::Cut { pct, .. }, Some(basis)) = (&budget.limit, resolved.basis) {
        parts.push(format!(
            "{pct}% less than {} in {}",
            quantity(budget, basis.spent, grouped),
            basis.year
        ));
    }
    if budget.rollover {
        parts.push("rollover".into());
    }
    parts.join(", ")
}

/// "500,000 KRW a year", "4 purchases a month, rollover", "210,000 KRW a year (30% less
/// than 300,000 in 2024)".
fn describe(budget: &Budget, resolved: &Resolved) -> String {
    let unit = match unit_label(budget) {
        _ if resolved.per_period == 1 && budget.unit() == Unit::Count => "purchase".to_string(),
        u => u,
    };
    let mut text = format!(
        "{} {unit} a {}",
        quantity(budget, resolved.per_period, true),
        budget.per.as_str()
    );
    let note = note(budget, resolved, true);
    if !note.is_empty() {
        text.push_str(&format!(" ({note})"));
    }
    text
}

/// Makes a limit concrete: a cut against the category's spending in the previous year.
pub(super) fn resolve(store: &Store, budget: &Budget) -> anyhow::Result<Resolved> {
    let previous = match &budget.limit {
        Limit::Cut { currency, .. } => {
            let last = Span::year(budget.year - 1);
            let days =
                store.category_days(&budget.category, last.start, last.end, Some(*currency))?;
            used_between(&days, Unit::Amount, last.start, last.end)
        }
        _ => 0,
    };
    Ok(budget.resolve(previous))
}

/// Today, from the clock: only the command line reads it.
pub(super) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(super) fn year_arg(what: &str, text: &str) -> anyhow::Result<i32> {
    match text.trim().parse::<i32>() {
        Ok(y) if (1000..=9999).contains(&y) => Ok(y),
        _ => bail!("{what} \"{text}\" is not a year like 2025"),
    }
}

pub(super) fn currency_arg(text: &str) -> anyhow::Result<Currency> {
    Currency::parse(text).with_context(|| "--currency takes an ISO 4217 code like KRW or USD")
}
