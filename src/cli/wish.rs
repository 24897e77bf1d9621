//! `gagyebu wish add | edit | list | bought | drop | remove`, and the import hint.

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::domain::budget::Unit;
use crate::domain::money::{parse_money, Currency, Money, NumberStyle};
use crate::domain::wish::{
    check_priority, looks_like, Likeness, Wish, WishError, COOLING_OFF_DAYS,
};
use crate::render::{self, Align, Format, Table};
use crate::store::{Store, WishFields};

use super::budget::today;
use super::Context;

#[derive(Debug, Subcommand)]
pub enum WishCommand {
    Add(AddArgs),
    /// Change a wish (only the fields given)
    Edit(EditArgs),
    List(ListArgs),
    /// Mark a wish bought: with --tx, linked to the purchase (what it cost, when)
    Bought {
        id: i64,
        /// The transaction that bought it (see `gagyebu tx list`)
        #[arg(long, value_name = "TXID")]
        tx: Option<i64>,
        /// Without --tx: the day it was bought (default today)
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// No longer wanted (kept, shown with --all)
    Drop {
        id: i64,
    },
    /// Delete a wish
    Remove {
        id: i64,
    },
}

/// Add something to buy later, or a goal to save for
#[derive(Debug, Args)]
pub struct AddArgs {
    name: String,
    /// Target price, e.g. 300,000 or $1,200 (won unless marked)
    #[arg(long, allow_hyphen_values = true)]
    price: String,
    #[arg(long)]
    category: Option<String>,
    /// 1 (most wanted) to 5
    #[arg(long, default_value_t = 3, allow_hyphen_values = true)]
    priority: i64,
    /// Deadline, for a savings goal (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    by: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// The day it is added (default today); --by must not be before it
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    id: i64,
    #[arg(long)]
    name: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    price: Option<String>,
    /// A category, or "" to clear it
    #[arg(long)]
    category: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    priority: Option<i64>,
    /// A date, or "" to clear it
    #[arg(long, value_name = "DATE")]
    by: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// The day of the change (default today); --by must not be before it
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

/// The wishes still wanted, most wanted first: price, whether it fits what is left of
/// its category's budget, how long it has been wanted, what to save per month
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also bought and dropped wishes
    #[arg(long)]
    all: bool,
    /// Judge budgets, ages and savings as of this day (default today)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// A wish younger than this many days is "cooling off"
    #[arg(long, value_name = "DAYS", default_value_t = COOLING_OFF_DAYS)]
    cooling_off: i64,
}

/// The `wish list` JSON shape of DESIGN.md.
#[derive(Serialize)]
struct WishJson {
    id: i64,
    name: String,
    price: String,
    currency: String,
    category: Option<String>,
    priority: u8,
    by: Option<String>,
    status: &'static str,
    fits_budget: Option<bool>,
    monthly_saving: Option<String>,
    paid: Option<String>,
    tx: Option<i64>,
}

fn date_arg(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("{flag} \"{text}\" is not a date like 2026-03-01"))
}

fn as_of(text: Option<&str>, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    text.map_or(Ok(today), |d| date_arg("--as-of", d))
}

fn price_arg(text: &str) -> anyhow::Result<Money> {
    let price = parse_money(text, NumberStyle::DecimalPoint, Currency::KRW, false)
        .with_context(|| format!("--price \"{text}\" is not an amount"))?;
    anyhow::ensure!(price.minor > 0, WishError::Price);
    Ok(price)
}

/// `Some(None)` for an empty value (clear the field), `Some(Some(v))` otherwise.
fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| Some(v.trim().to_string()).filter(|v| !v.is_empty()))
}

pub fn run(ctx: &mut Context, cmd: WishCommand) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let today = today();
    match cmd {
        WishCommand::Add(a) => {
            let today = as_of(a.as_of.as_deref(), today)?;
            anyhow::ensure!(!a.name.trim().is_empty(), WishError::Name);
            let by = a.by.as_deref().map(|d| date_arg("--by", d)).transpose()?;
            if let Some(by) = by {
                anyhow::ensure!(by >= today, WishError::ByInThePast { by, as_of: today });
            }
            let fields = WishFields {
                name: Some(a.name.clone()),
                price: Some(price_arg(&a.price)?),
                category: Some(a.category),
                priority: Some(check_priority(a.priority)?),
                by: Some(by),
                url: Some(a.url),
                note: Some(a.note),
            };
            let id = store.add_wish(&fields, today)?;
            writeln!(
                ctx.err,
                "added wish {id}: {} (cooling off for {COOLING_OFF_DAYS} days: still want it then?)",
                a.name.trim()
            )?;
        }
        WishCommand::Edit(e) => {
            let today = as_of(e.as_of.as_deref(), today)?;
            let by = match clearable(e.by) {
                Some(Some(d)) => {
                    let by = date_arg("--by", &d)?;
                    anyhow::ensure!(by >= today, WishError::ByInThePast { by, as_of: today });
                    Some(Some(by))
                }
                Some(None) => Some(None),
                None => None,
            };
            if let Some(name) = &e.name {
                anyhow::ensure!(!name.trim().is_empty(), WishError::Name);
            }
            let fields = WishFields {
                name: e.name,
                price: e.price.as_deref().map(price_arg).transpose()?,
                category: clearable(e.category),
                priority: e.priority.map(check_priority).transpose()?,
                by,
                url: clearable(e.url),
                note: clearable(e.note),
            };
            store.edit_wish(e.id, &fields)?;
            writeln!(ctx.err, "changed wish {}", e.id)?;
        }
        WishCommand::List(l) => list(ctx, &store, l, today)?,
        WishCommand::Bought { id, tx, as_of: day } => {
            let today = as_of(day.as_deref(), today)?;
            let w = store.buy_wish(id, tx, today)?;
            let paid = w.paid.unwrap_or(w.price);
            let verdict = if paid.currency != w.price.currency {
                String::new()
            } else if paid.minor <= w.price.minor {
                format!(
                    ", {} under the target",
                    Money::new(w.price.minor - paid.minor, paid.currency).grouped()
                )
            } else {
                format!(
                    ", {} over the target",
                    Money::new(paid.minor - w.price.minor, paid.currency).grouped()
                )
            };
            writeln!(
                ctx.err,
                "wish {id} ({}) bought on {} for {} {}{verdict}",
                w.name,
                w.bought_on.unwrap_or(today),
                paid.grouped(),
                paid.currency
            )?;
        }
        WishCommand::Drop { id } => {
            store.drop_wish(id)?;
            writeln!(ctx.err, "dropped wish {id}")?;
        }
        WishCommand::Remove { id } => {
            store.remove_wish(id)?;
            writeln!(ctx.err, "removed wish {id}")?;
        }
    }
    Ok(())
}

/// What is left of the category's amount limit (in the wish's currency) on `as_of`:
/// `None` when the category has no such limit.
fn remaining(store: &Store, wish: &Wish, as_of: NaiveDate) -> anyhow::Result<Option<i64>> {
    let Some(category) = &wish.category else {
        return Ok(None);
    };
    let statuses = super::report::statuses(store, chrono::Datelike::year(&as_of), as_of)?;
    Ok(statuses
        .iter()
        .find(|(b, s)| {
            b.category.eq_ignore_ascii_case(category)
                && s.unit == Unit::Amount
                && s.currency == Some(wish.price.currency)
        })
        .map(|(_, s)| s.remaining))
}

fn list(ctx: &mut Context, store: &Store, args: ListArgs, today: NaiveDate) -> anyhow::Result<()> {
    let as_of = as_of(args.as_of.as_deref(), today)?;
    let wishes: Vec<Wish> = store
        .wishes()?
        .into_iter()
        .filter(|w| args.all || w.status == crate::domain::wish::WishStatus::Wanted)
        .collect();
    let mut rows = Vec::new();
    let mut table = Table::new(&[
        ("id", Align::Right),
        ("pri", Align::Right),
        ("wish", Align::Left),
        ("price", Align::Right),
        ("category", Align::Left),
        ("fits budget", Align::Left),
        ("wanted for", Align::Left),
        ("by", Align::Left),
        ("save / month", Align::Right),
        ("status", Align::Left),
    ]);
    for w in &wishes {
        let wanted = w.status == crate::domain::wish::WishStatus::Wanted;
        let left = if wanted {
            remaining(store, w, as_of)?
        } else {
            None
        };
        let fits = left.map(|left| w.price.minor <= left);
        let saving = w.monthly_saving(as_of);
        let age = w.age_days(as_of);
        table.push(vec![
            w.id.to_string(),
            w.priority.to_string(),
            w.name.clone(),
            format!("{} {}", w.price.grouped(), w.price.currency),
            w.category.clone().unwrap_or_default(),
            match (fits, left) {
                (Some(true), Some(l)) => {
                    format!("yes ({} left)", Money::new(l, w.price.currency).grouped())
                }
                (Some(false), Some(l)) => {
                    format!("no ({} left)", Money::new(l, w.price.currency).grouped())
                }
                _ => "-".into(),
            },
            if !wanted {
                String::new()
            } else if w.cooling_off(as_of, args.cooling_off) {
                format!("{age} days, cooling off")
            } else {
                format!("{age} days")
            },
            w.by.map(|d| d.to_string()).unwrap_or_default(),
            saving.map(|m| m.grouped()).unwrap_or_default(),
            match (w.status, w.paid) {
                (crate::domain::wish::WishStatus::Bought, Some(p)) => {
                    format!(
                        "bought {} for {}",
                        w.bought_on.map(|d| d.to_string()).unwrap_or_default(),
                        p.grouped()
                    )
                }
                (s, _) => s.as_str().to_string(),
            },
        ]);
        rows.push(WishJson {
            id: w.id,
            name: w.name.clone(),
            price: w.price.plain(),
            currency: w.price.currency.to_string(),
            category: w.category.clone(),
            priority: w.priority,
            by: w.by.map(|d| d.to_string()),
            status: w.status.as_str(),
            fits_budget: fits,
            monthly_saving: saving.map(|m| m.plain()),
            paid: w.paid.map(|m| m.plain()),
            tx: w.tx,
        });
    }
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &rows)?);
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    if rows.is_empty() && ctx.format == Format::Table {
        writeln!(
            ctx.err,
            "no wishes yet: `gagyebu wish add NAME --price AMOUNT`"
        )?;
    }
    Ok(())
}

/// After an import: purchases that look like a wanted wish, each with the command that
/// would link them. Never links by itself.
pub(super) fn import_hints(ctx: &mut Context, batches: &[i64]) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let wishes: Vec<Wish> = store
        .wishes()?
        .into_iter()
        .filter(|w| w.status == crate::domain::wish::WishStatus::Wanted)
        .collect();
    if wishes.is_empty() {
        return Ok(());
    }
    for batch in batches {
        for (id, date, payee, memo, amount, category) in store.batch_purchases(*batch)? {
            for w in &wishes {
                let Some(why) = looks_like(w, &payee, &memo, amount, category.as_deref()) else {
                    continue;
                };
                let why = match why {
                    Likeness::Word(word) => format!("\"{word}\" is in it"),
                    Likeness::CategoryAndPrice => {
                        format!("{} at about its price", w.category.as_deref().unwrap_or(""))
                    }
                };
                writeln!(
                    ctx.err,
                    "wish {} ({}) may be transaction {id}, {date} {payee} {} ({why}): `gagyebu wish bought {} --tx {id}`",
                    w.id,
                    w.name,
                    amount.grouped(),
                    w.id
                )?;
            }
        }
    }
    Ok(())
}

/// For `report year`: the wishes bought that year, what they cost against the target.
pub(super) fn fulfilled_table(ctx: &mut Context, store: &Store, year: i32) -> anyhow::Result<()> {
    let bought: Vec<Wish> = store
        .wishes()?
        .into_iter()
        .filter(|w| {
            w.bought_on
                .is_some_and(|d| chrono::Datelike::year(&d) == year)
        })
        .collect();
    if bought.is_empty() {
        return Ok(());
    }
    writeln!(ctx.out, "\nWishes fulfilled in {year}")?;
    let mut table = Table::new(&[
        ("wish", Align::Left),
        ("bought", Align::Left),
        ("paid", Align::Right),
        ("target", Align::Right),
        ("difference", Align::Right),
    ]);
    for w in bought {
        let paid = w.paid.unwrap_or(w.price);
        let difference = if paid.currency == w.price.currency {
            let d = paid.minor.saturating_sub(w.price.minor);
            format!(
                "{}{}",
                if d > 0 { "+" } else { "" },
                Money::new(d, paid.currency).grouped()
            )
        } else {
            "-".into()
        };
        table.push(vec![
            w.name,
            w.bought_on.map(|d| d.to_string()).unwrap_or_default(),
            format!("{} {}", paid.grouped(), paid.currency),
            format!("{} {}", w.price.grouped(), w.price.currency),
            difference,
        ]);
    }
    Ok(render::write_table(ctx.out, &table, ctx.format)?)
}
