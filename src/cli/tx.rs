//! `gagyebu tx ...`: listing transactions.

use anyhow::{bail, Context as _};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::domain::money::{parse_money, Currency, Money, NumberStyle};
use crate::domain::transaction::Transaction;
use crate::render::{self, Align, Format, Table};
use crate::store::TxFilter;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    List(ListArgs),
    /// Show one transaction: where it came from and what set its category
    Show {
        id: i64,
    },
    /// Set a transaction's category by hand; rules never change it afterwards
    SetCategory {
        id: i64,
        category: String,
    },
    /// Split a transaction across categories: CATEGORY=AMOUNT parts adding up to its amount
    Split {
        id: i64,
        /// e.g. groceries=65,320 whisky=119,000
        #[arg(required = true, num_args = 1.., value_name = "CATEGORY=AMOUNT")]
        parts: Vec<String>,
    },
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
        TxCommand::Show { id } => show(ctx, id),
        TxCommand::SetCategory { id, category } => {
            let mut store = ctx.store()?;
            let t = store.set_category(id, &category)?;
            writeln!(
                ctx.err,
                "{} {} {} {}: {}",
                t.id,
                t.date,
                t.payee,
                t.amount,
                t.category.unwrap_or_default()
            )?;
            Ok(())
        }
        TxCommand::Split { id, parts } => {
            let mut store = ctx.store()?;
            let currency = store.transaction_detail(id)?.tx.amount.currency;
            let parts = parts
                .iter()
                .map(|p| split_part(p, currency))
                .collect::<anyhow::Result<Vec<_>>>()?;
            store.split(id, &parts)?;
            show(ctx, id)
        }
    }
}

fn split_part(text: &str, currency: Currency) -> anyhow::Result<(String, Money)> {
    let (category, amount) = text
        .rsplit_once('=')
        .with_context(|| format!("split part \"{text}\" is not CATEGORY=AMOUNT"))?;
    let money = parse_money(amount, NumberStyle::DecimalPoint, currency, true)
        .with_context(|| format!("split part \"{text}\""))?;
    Ok((category.trim().to_string(), money))
}

fn show(ctx: &mut Context, id: i64) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let d = store.transaction_detail(id)?;
    let t = &d.tx;
    #[derive(Serialize)]
    struct Part {
        category: String,
        amount: String,
    }
    #[derive(Serialize)]
    struct Show<'a> {
        id: i64,
        date: String,
        time: Option<String>,
        account: &'a str,
        payee: &'a str,
        memo: &'a str,
        amount: String,
        currency: &'a str,
        category: Option<&'a str>,
        category_set_by: Option<String>,
        external_id: Option<&'a str>,
        file: Option<&'a str>,
        line: Option<i64>,
        splits: Vec<Part>,
    }
    let set_by = match (d.category_source.as_deref(), &d.rule) {
        (Some("rule"), Some(rule)) => Some(rule.clone()),
        (Some("manual"), _) => Some("hand (tx set-category or tx split)".into()),
        (Some("file"), _) => Some("the file's category column".into()),
        _ => None,
    };
    let value = Show {
        id: t.id,
        date: t.date.to_string(),
        time: t.time.map(|x| x.to_string()),
        account: &t.account,
        payee: &t.payee,
        memo: &t.memo,
        amount: t.amount.plain(),
        currency: t.amount.currency.code(),
        category: t.category.as_deref(),
        category_set_by: set_by,
        external_id: d.external_id.as_deref(),
        file: d.file.as_deref(),
        line: d.line,
        splits: d
            .splits
            .iter()
            .map(|(c, m)| Part {
                category: c.clone(),
                amount: m.plain(),
            })
            .collect(),
    };
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &value)?);
    }
    let mut table = Table::new(&[("field", Align::Left), ("value", Align::Left)]);
    let mut field = |k: &str, v: String| table.push(vec![k.to_string(), v]);
    field("id", value.id.to_string());
    field(
        "date",
        match &value.time {
            Some(time) => format!("{} {time}", value.date),
            None => value.date.clone(),
        },
    );
    field("account", value.account.to_string());
    field("payee", value.payee.to_string());
    field("memo", value.memo.to_string());
    field(
        "amount",
        format!("{} {}", t.amount.grouped(), value.currency),
    );
    field("category", value.category.unwrap_or("-").to_string());
    field(
        "set by",
        value.category_set_by.clone().unwrap_or_else(|| "-".into()),
    );
    for (c, m) in &d.splits {
        field("  part", format!("{c} {}", m.grouped()));
    }
    if let Some(id) = value.external_id {
        field("external id", id.to_string());
    }
    if let Some(file) = value.file {
        field(
            "imported from",
            format!("{file}:{}", value.line.unwrap_or(0)),
        );
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    Ok(())
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
