//! `gagyebu tx ...`: listing transactions.

use anyhow::{bail, Context as _};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::domain::transaction::Transaction;
use crate::render::{self, Align, Format, Table};
use crate::store::TxFilter;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    List(ListArgs),
}

/// List transactions, oldest first (all that match unless --limit is given)
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this year
    #[arg(long, value_name = "YYYY", conflicts_with_all = ["month", "from", "to"])]
    year: Option<i32>,

    /// Only this month
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    month: Option<String>,

    /// From this date on (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,

    /// Up to this date (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,

    /// Only this category
    #[arg(long, value_name = "NAME", conflicts_with = "uncategorized")]
    category: Option<String>,

    /// Only transactions without a category
    #[arg(long)]
    uncategorized: bool,

    /// Only those whose payee or memo contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,

    /// Only this account
    #[arg(long, value_name = "NAME")]
    account: Option<String>,

    /// At most N transactions
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
}

/// The `tx list` JSON shape (DESIGN.md): amounts as exact decimal strings.
#[derive(Serialize)]
struct TxJson<'a> {
    id: i64,
    date: String,
    account: &'a str,
    payee: &'a str,
    memo: &'a str,
    amount: String,
    currency: &'a str,
    category: Option<&'a str>,
}

pub fn run(ctx: &mut Context, cmd: TxCommand) -> anyhow::Result<()> {
    match cmd {
        TxCommand::List(args) => list(ctx, args),
    }
}

fn list(ctx: &mut Context, args: ListArgs) -> anyhow::Result<()> {
    let filter = filter(&args)?;
    let store = ctx.store()?;
    let txs = store.transactions(&filter)?;
    if ctx.format == Format::Json {
        let rows: Vec<TxJson> = txs
            .iter()
            .map(|t| TxJson {
                id: t.id,
                date: t.date.to_string(),
                account: &t.account,
                payee: &t.payee,
                memo: &t.memo,
                amount: t.amount.plain(),
                currency: t.amount.currency.code(),
                category: t.category.as_deref(),
            })
            .collect();
        return Ok(render::json(ctx.out, &rows)?);
    }
    let human = matches!(ctx.format, Format::Table | Format::Md);
    let mut table = Table::new(&[
        ("id", Align::Right),
        ("date", Align::Left),
        ("account", Align::Left),
        ("payee", Align::Left),
        ("memo", Align::Left),
        ("amount", Align::Right),
        ("currency", Align::Left),
        ("category", Align::Left),
    ]);
    for t in &txs {
        table.push(row(t, human));
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    if ctx.format == Format::Table && txs.is_empty() {
        writeln!(ctx.err, "no transactions match")?;
    }
    Ok(())
}

fn row(t: &Transaction, human: bool) -> Vec<String> {
    vec![
        t.id.to_string(),
        t.date.to_string(),
        t.account.clone(),
        t.payee.clone(),
        t.memo.clone(),
        if human {
            t.amount.grouped()
        } else {
            t.amount.plain()
        },
        t.amount.currency.code().to_string(),
        t.category.clone().unwrap_or_default(),
    ]
}

fn filter(args: &ListArgs) -> anyhow::Result<TxFilter> {
    let (from, to) = if let Some(year) = args.year {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)
            .with_context(|| format!("--year {year} is out of range"))?;
        (Some(first), NaiveDate::from_ymd_opt(year, 12, 31))
    } else if let Some(month) = &args.month {
        let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
            .ok()
            .filter(|_| month.len() == 7)
            .with_context(|| format!("--month \"{month}\" is not a month like 2025-03"))?;
        let next = if first.month() == 12 {
            NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
        };
        (Some(first), next.and_then(|d| d.pred_opt()))
    } else {
        (
            args.from
                .as_deref()
                .map(|d| date_arg("--from", d))
                .transpose()?,
            args.to
                .as_deref()
                .map(|d| date_arg("--to", d))
                .transpose()?,
        )
    };
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
    }
    Ok(TxFilter {
        from,
        to,
        category: args.category.clone(),
        uncategorized: args.uncategorized,
        search: args.search.clone().filter(|s| !s.trim().is_empty()),
        account: args.account.clone(),
        limit: args.limit,
    })
}

fn date_arg(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("{flag} \"{text}\" is not a date like 2025-03-18"))
}
