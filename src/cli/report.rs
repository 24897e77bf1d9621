//! `gagyebu report year | month | budget`: the year-end table, one month against its
//! budgets, and where each limit stands. The domain computes (`domain::report`,
//! `domain::budget`); this file gathers the data, reads the clock for the defaults, and
//! lays the results out as tables.

use std::collections::BTreeMap;

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::domain::budget::{div_round, status, Budget, Level, Limit, Per, Span, Status, Unit};
use crate::domain::money::{Currency, Money};
use crate::domain::report::{
    change_tenths, items_by_category, largest_purchases, month_report, year_report, Item,
    MonthReport, YearReport, YearRow,
};
use crate::render::amount::{bar, compact, pad_left, truncate};
use crate::render::{self, Align, Format, Table};
use crate::store::Store;

use super::budget::{
    currency_arg, quantity, resolve, today, unit_label, year_arg, DEFAULT_CURRENCY,
};
use super::Context;

/// What a terminal table must fit unless --wide.
const COLUMNS: usize = 80;
/// How wide a share bar is at 100%.
const BAR: usize = 8;
/// How many purchases `report month` lists.
const LARGEST: usize = 10;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    Year(YearArgs),
    Month(MonthArgs),
    Budget(BudgetArgs),
}

/// Where the money went in a year: spending per category and month, the year's total and
/// share, last year's total and the change, the budget and what is left; then income,
/// spending and the savings rate. Transfers and income are not spending; refunds net
/// against their category; split purchases count per part.
#[derive(Debug, Args)]
pub struct YearArgs {
    /// Default: this year
    #[arg(value_name = "YYYY")]
    year: Option<String>,

    /// Also list each category's purchases (date, payee, memo, amount)
    #[arg(long)]
    items: bool,

    /// Amounts in this currency only (default KRW)
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,

    /// Full amounts in one wide table, instead of compact ones that fit 80 columns
    #[arg(long)]
    wide: bool,
}

/// One month: spending per category against the monthly budgets, and the largest purchases.
#[derive(Debug, Args)]
pub struct MonthArgs {
    /// Default: this month
    #[arg(value_name = "YYYY-MM")]
    month: Option<String>,

    /// Amounts in this currency only (default KRW)
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
}

/// Where each limit of a year stands: spent, limit, what is left, the share used, the
/// projection to the end of the period at the current pace, and ok / warn (on pace to go
/// over) / over. Monthly limits report the month of --as-of.
#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Default: the year of --as-of
    #[arg(value_name = "YYYY")]
    year: Option<String>,

    /// Default: today
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

pub fn run(ctx: &mut Context, cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Year(args) => year(ctx, args),
        ReportCommand::Month(args) => month(ctx, args),
        ReportCommand::Budget(args) => budget(ctx, args),
    }
}

// ---------------------------------------------------------------------------------------
// report year
// ---------------------------------------------------------------------------------------

/// The `report year` JSON shape (DESIGN.md); `items` only with --items.
#[derive(Serialize)]
struct YearJson {
    year: i32,
    currency: String,
    categories: Vec<CategoryJson>,
    total: String,
}

#[derive(Serialize)]
struct CategoryJson {
    category: String,
    months: Vec<String>,
    total: String,
    previous_total: String,
    budget: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<ItemJson>>,
}

/// A purchase in a report: spending positive, a refund negative.
#[derive(Serialize)]
struct ItemJson {
    id: i64,
    date: String,
    payee: String,
    memo: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    amount: String,
}

impl ItemJson {
    fn new(item: &Item, currency: Currency, with_category: bool) -> ItemJson {
        ItemJson {
            id: item.transaction_id,
            date: item.date.to_string(),
            payee: item.payee.clone(),
            memo: item.memo.clone(),
            category: with_category.then(|| item.category.clone()),
            amount: Money::new(item.spent, currency).plain(),
        }
    }
}

fn year(ctx: &mut Context, args: YearArgs) -> anyhow::Result<()> {
    let year = match &args.year {
        Some(y) => year_arg("year", y)?,
        None => today().year(),
    };
    let currency = report_currency(args.currency.as_deref())?;
    let store = ctx.store()?;
    let this = store.flows(year, currency)?;
    let previous = store.flows(year - 1, currency)?;
    let budgets = store.budgets(Some(year))?;
    let report = year_report(year, currency, &this, &previous, &budgets);
    let items = if args.items {
        let span = Span::year(year);
        items_by_category(&store.report_entries(span.start, span.end, currency)?)
    } else {
        BTreeMap::new()
    };
    other_currencies(
        ctx,
        &store,
        Span::year(year),
        currency,
        &format!("report year {year}"),
    )?;
    if report.rows.is_empty() {
        writeln!(ctx.err, "no spending in {currency} in {year}")?;
        if ctx.format == Format::Table {
            return Ok(());
        }
    }
    let style = |wide: bool| if wide { Style::Grouped } else { Style::Compact };
    match ctx.format {
        Format::Json => {
            let json = YearJson {
                year,
                currency: currency.code().to_string(),
                categories: report
                    .rows
                    .iter()
                    .map(|row| CategoryJson {
                        category: row.category.clone(),
                        months: row
                            .months
                            .iter()
                            .map(|m| Money::new(*m, currency).plain())
                            .collect(),
                        total: Money::new(row.total, currency).plain(),
                        previous_total: Money::new(row.previous_total, currency).plain(),
                        budget: row.budget.map(|b| Money::new(b, currency).plain()),
                        items: args.items.then(|| {
                            items
                                .get(&row.category)
                                .into_iter()
                                .flatten()
                                .map(|i| ItemJson::new(i, currency, false))
                                .collect()
                        }),
                    })
                    .collect(),
                total: Money::new(report.total, currency).plain(),
            };
            render::json(ctx.out, &json)?;
        }
        Format::Csv if args.items => {
            render::write_table(ctx.out, &items_table(&report, &items, true), ctx.format)?;
        }
        Format::Csv => {
            render::write_table(ctx.out, &year_table(&report, Style::Plain), ctx.format)?;
        }
        Format::Md | Format::Table => {
            if ctx.format == Format::Table && !args.wide {
                render::write_table(ctx.out, &month_grid(&report), ctx.format)?;
                writeln!(ctx.out)?;
                let mut table = summary_table(&report, Style::Grouped);
                if width(&table) > COLUMNS {
                    table = summary_table(&report, Style::Compact);
                }
                render::write_table(ctx.out, &table, ctx.format)?;
            } else {
                let table = year_table(&report, style(true));
                render::write_table(ctx.out, &table, ctx.format)?;
            }
            writeln!(ctx.out)?;
            savings_lines(ctx, &report)?;
            if args.items {
                writeln!(ctx.out)?;
                render::write_table(ctx.out, &items_table(&report, &items, false), ctx.format)?;
            }
            super::wish::fulfilled_table(ctx, &store, year)?;
        }
    }
    Ok(())
}

/// How amounts are written in a table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Exact decimal strings, for csv.
    Plain,
    /// Thousands separators.
    Grouped,
    /// 450k, 1.2M.
    Compact,
}

fn amount(minor: i64, currency: Currency, style: Style) -> String {
    let money = Money::new(minor, currency);
    match style {
        Style::Plain => money.plain(),
        Style::Grouped => money.grouped(),
        Style::Compact => compact(money),
    }
}

/// A percentage for people, from tenths: "79%".
fn percent(tenths: i64) -> String {
    format!("{}%", div_round(i128::from(tenths), 10))
}

/// A percentage for csv, from tenths: "78.8".
fn decimal_percent(tenths: i64) -> String {
    rust_decimal::Decimal::new(tenths, 1).to_string()
}

/// The change from last year: "+33%", "-85%", "new" when last year had nothing.
fn change(now: i64, before: i64, style: Style) -> String {
    match (change_tenths(now, before), style) {
        (Some(t), Style::Plain) => decimal_percent(t),
        (Some(t), _) if t > 0 => format!("+{}", percent(t)),
        (Some(t), _) => percent(t),
        (None, Style::Plain) => String::new(),
        (None, _) if now > 0 => "new".into(),
        (None, _) => String::new(),
    }
}

/// A share with its bar: " 79% ██████▎".
fn share(tenths: Option<i64>, style: Style) -> String {
    match (tenths, style) {
        (Some(t), Style::Plain) => decimal_percent(t),
        (None, Style::Plain) => String::new(),
        (Some(t), _) => format!("{:>4} {}", percent(t), bar(Some(t), BAR))
            .trim_end()
            .to_string(),
        (None, _) => String::new(),
    }
}

/// What is left of a budget, or "over 50,000".
fn left(remaining: Option<i64>, currency: Currency, style: Style) -> String {
    match remaining {
        None => String::new(),
        Some(r) if r < 0 && style != Style::Plain => {
            format!("over {}", amount(r.saturating_neg(), currency, style))
        }
        Some(r) => amount(r, currency, style),
    }
}

/// Every column in one table: --wide, md, csv.
fn year_table(report: &YearReport, style: Style) -> Table {
    let csv = style == Style::Plain;
    let mut columns: Vec<(String, Align)> = vec![("category".into(), Align::Left)];
    for m in MONTHS {
        let name = if csv { m.to_lowercase() } else { m.to_string() };
        columns.push((name, Align::Right));
    }
    let tail: [(&str, &str, Align); 6] = [
        ("total", "total", Align::Right),
        ("share", "share_pct", Align::Left),
        ("last year", "previous_total", Align::Right),
        ("change", "change_pct", Align::Right),
        ("budget", "budget", Align::Right),
        ("left", "remaining", Align::Right),
    ];
    for (human, machine, align) in tail {
        columns.push(((if csv { machine } else { human }).into(), align));
    }
    let refs: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut table = Table::new(&refs);
    let c = report.currency;
    for row in &report.rows {
        let mut cells = vec![row.category.clone()];
        cells.extend(row.months.iter().map(|m| amount(*m, c, style)));
        cells.extend(summary_cells(report, row, style));
        table.push(cells);
    }
    let mut total = vec!["total".to_string()];
    total.extend(report.months.iter().map(|m| amount(*m, c, style)));
    total.extend(total_cells(report, style));
    table.footer.push(total);
    table
}

/// total, share, last year, change, budget, left.
fn summary_cells(report: &YearReport, row: &YearRow, style: Style) -> Vec<String> {
    let c = report.currency;
    vec![
        amount(row.total, c, style),
        share(report.share_tenths(row), style),
        amount(row.previous_total, c, style),
        change(row.total, row.previous_total, style),
        row.budget.map(|b| amount(b, c, style)).unwrap_or_default(),
        left(row.remaining(), c, style),
    ]
}

fn total_cells(report: &YearReport, style: Style) -> Vec<String> {
    let c = report.currency;
    let all = (report.total != 0).then_some(1000);
    vec![
        amount(report.total, c, style),
        match style {
            Style::Plain => all.map(decimal_percent).unwrap_or_default(),
            _ => all.map(percent).unwrap_or_default(),
        },
        amount(report.previous_total, c, style),
        change(report.total, report.previous_total, style),
        String::new(),
        String::new(),
    ]
}

/// The terminal's month table: twelve compact months and the total, one space apart, so
/// a year fits 80 columns. The months are one pre-aligned cell (the table's own gaps are
/// two columns wide, which twelve months cannot afford).
fn month_grid(report: &YearReport) -> Table {
    let c = report.currency;
    let cell = |m: i64| {
        if m == 0 {
            "·".to_string()
        } else {
            compact(Money::new(m, c))
        }
    };
    let lines: Vec<(String, [String; 12], String)> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.category.clone(),
                r.months.map(cell),
                compact(Money::new(r.total, c)),
            )
        })
        .chain(std::iter::once((
            "total".to_string(),
            report.months.map(cell),
            compact(Money::new(report.total, c)),
        )))
        .collect();
    let w = lines
        .iter()
        .flat_map(|(_, months, _)| months.iter().map(|m| m.width()))
        .fold(4, usize::max);
    let tw = lines.iter().map(|(_, _, t)| t.width()).fold(5, usize::max);
    let block = |months: &[String], total: &str| {
        let mut text: Vec<String> = months.iter().map(|m| pad_left(m, w)).collect();
        text.push(pad_left(total, tw));
        text.join(" ")
    };
    let header = block(&MONTHS.map(String::from), "total");
    let name_width = COLUMNS.saturating_sub(2 + header.width()).max(8);
    let mut table = Table::new(&[("category", Align::Left), (header.as_str(), Align::Left)]);
    let (body, total) = lines.split_at(lines.len() - 1);
    for (name, months, sum) in body {
        table.push(vec![truncate(name, name_width), block(months, sum)]);
    }
    for (name, months, sum) in total {
        table.footer.push(vec![name.clone(), block(months, sum)]);
    }
    table
}

/// The terminal's second table: the year against last year and the budgets.
fn summary_table(report: &YearReport, style: Style) -> Table {
    let mut table = Table::new(&[
        ("category", Align::Left),
        ("total", Align::Right),
        ("share", Align::Left),
        ("last year", Align::Right),
        ("change", Align::Right),
        ("budget", Align::Right),
        ("left", Align::Right),
    ]);
    for row in &report.rows {
        let mut cells = vec![row.category.clone()];
        cells.extend(summary_cells(report, row, style));
        table.push(cells);
    }
    let mut total = vec!["total".to_string()];
    total.extend(total_cells(report, style));
    table.footer.push(total);
    table
}

/// The widest line of `table` in the terminal.
fn width(table: &Table) -> usize {
    let mut out = Vec::new();
    if render::write_table(&mut out, table, Format::Table).is_err() {
        return usize::MAX;
    }
    String::from_utf8_lossy(&out)
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// income, spending, savings and the savings rate, under the table.
fn savings_lines(ctx: &mut Context, report: &YearReport) -> anyhow::Result<()> {
    let c = report.currency;
    let rate = match report.savings_rate_tenths() {
        Some(t) => format!("  {} of income", decimal_percent(t) + "%"),
        None => String::new(),
    };
    let lines = [
        ("income", report.income, String::new()),
        ("spending", report.total, String::new()),
        ("savings", report.savings(), rate),
    ];
    let values: Vec<String> = lines
        .iter()
        .map(|(_, v, _)| amount(*v, c, Style::Grouped))
        .collect();
    let w = values.iter().map(|v| v.width()).max().unwrap_or(0);
    let md = ctx.format == Format::Md;
    for ((label, _, note), value) in lines.iter().zip(&values) {
        let line = format!("{label:<9}{} {c}{note}", pad_left(value, w));
        // Markdown joins lines of a paragraph; a trailing backslash breaks them.
        writeln!(
            ctx.out,
            "{line}{}",
            if md && *label != "savings" { "\\" } else { "" }
        )?;
    }
    Ok(())
}

/// The purchases of each category, in the year table's order. For csv one row per
/// purchase with its category; for people the category only on its first purchase.
fn items_table(report: &YearReport, items: &BTreeMap<String, Vec<Item>>, csv: bool) -> Table {
    let mut table = Table::new(&[
        ("category", Align::Left),
        ("date", Align::Left),
        ("payee", Align::Left),
        ("memo", Align::Left),
        ("amount", Align::Right),
        ("id", Align::Right),
    ]);
    let style = if csv { Style::Plain } else { Style::Grouped };
    for row in &report.rows {
        for (i, item) in items.get(&row.category).into_iter().flatten().enumerate() {
            table.push(vec![
                if i == 0 || csv {
                    row.category.clone()
                } else {
                    String::new()
                },
                item.date.to_string(),
                item.payee.clone(),
                item.memo.clone(),
                amount(item.spent, report.currency, style),
                item.transaction_id.to_string(),
            ]);
        }
    }
    table
}

/// A note on stderr when `span` has money in other currencies than the one shown.
fn other_currencies(
    ctx: &mut Context,
    store: &Store,
    span: Span,
    shown: Currency,
    command: &str,
) -> anyhow::Result<()> {
    let others: Vec<Currency> = store
        .currencies(span.start, span.end)?
        .into_iter()
        .filter(|c| *c != shown)
        .collect();
    if let Some(first) = others.first() {
        let codes: Vec<&str> = others.iter().map(|c| c.code()).collect();
        writeln!(
            ctx.err,
            "note: {} also has amounts in {} (not in this {shown} report); see `gagyebu {command} --currency {first}`",
            span.label(),
            codes.join(", ")
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// report month
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct MonthJson {
    month: String,
    currency: String,
    categories: Vec<MonthCategoryJson>,
    total: String,
    income: String,
    largest: Vec<ItemJson>,
}

#[derive(Serialize)]
struct MonthCategoryJson {
    category: String,
    spent: String,
    budget: Option<String>,
    remaining: Option<String>,
}

fn month_arg(text: &str) -> anyhow::Result<(i32, u32)> {
    let t = text.trim();
    NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 7)
        .map(|d| (d.year(), d.month()))
        .with_context(|| format!("month \"{text}\" is not a month like 2025-03"))
}

fn month(ctx: &mut Context, args: MonthArgs) -> anyhow::Result<()> {
    let (year, month) = match &args.month {
        Some(m) => month_arg(m)?,
        None => {
            let t = today();
            (t.year(), t.month())
        }
    };
    let currency = report_currency(args.currency.as_deref())?;
    let store = ctx.store()?;
    let flows = store.flows(year, currency)?;
    let budgets = store.budgets(Some(year))?;
    let report = month_report(year, month, currency, &flows, &budgets);
    let span = Span::month(year, month);
    let largest = largest_purchases(
        &store.report_entries(span.start, span.end, currency)?,
        LARGEST,
    );
    let label = span.label();
    other_currencies(
        ctx,
        &store,
        span,
        currency,
        &format!("report month {label}"),
    )?;
    let c = currency;
    if ctx.format == Format::Json {
        let json = MonthJson {
            month: label,
            currency: c.code().to_string(),
            categories: report
                .rows
                .iter()
                .map(|r| MonthCategoryJson {
                    category: r.category.clone(),
                    spent: Money::new(r.spent, c).plain(),
                    budget: r.budget.map(|b| Money::new(b, c).plain()),
                    remaining: r.remaining().map(|b| Money::new(b, c).plain()),
                })
                .collect(),
            total: Money::new(report.total, c).plain(),
            income: Money::new(report.income, c).plain(),
            largest: largest.iter().map(|i| ItemJson::new(i, c, true)).collect(),
        };
        return Ok(render::json(ctx.out, &json)?);
    }
    let style = if ctx.format == Format::Csv {
        Style::Plain
    } else {
        Style::Grouped
    };
    render::write_table(ctx.out, &month_table(&report, style), ctx.format)?;
    if ctx.format == Format::Csv {
        return Ok(());
    }
    if report.rows.is_empty() {
        writeln!(ctx.err, "no spending in {c} in {label}")?;
    }
    writeln!(ctx.out)?;
    writeln!(ctx.out, "largest purchases")?;
    let mut table = Table::new(&[
        ("date", Align::Left),
        ("payee", Align::Left),
        ("memo", Align::Left),
        ("category", Align::Left),
        ("amount", Align::Right),
    ]);
    for i in &largest {
        table.push(vec![
            i.date.to_string(),
            i.payee.clone(),
            i.memo.clone(),
            i.category.clone(),
            amount(i.spent, c, style),
        ]);
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    Ok(())
}

fn month_table(report: &MonthReport, style: Style) -> Table {
    let c = report.currency;
    let csv = style == Style::Plain;
    let mut table = Table::new(&[
        ("category", Align::Left),
        ("spent", Align::Right),
        ("budget", Align::Right),
        (if csv { "remaining" } else { "left" }, Align::Right),
        (if csv { "used_pct" } else { "used" }, Align::Left),
    ]);
    for r in &report.rows {
        let used = r
            .budget
            .and_then(|b| crate::domain::budget::tenths_of_pct(r.spent, b));
        table.push(vec![
            r.category.clone(),
            amount(r.spent, c, style),
            r.budget.map(|b| amount(b, c, style)).unwrap_or_default(),
            left(r.remaining(), c, style),
            share(used, style),
        ]);
    }
    table.footer.push(vec![
        "total".into(),
        amount(report.total, c, style),
        String::new(),
        String::new(),
        String::new(),
    ]);
    table
}

// ---------------------------------------------------------------------------------------
// report budget
// ---------------------------------------------------------------------------------------

/// The `report budget` JSON shape (DESIGN.md).
#[derive(Serialize)]
struct StatusJson {
    category: String,
    period: String,
    unit: &'static str,
    limit: String,
    spent: String,
    remaining: String,
    used_pct: Option<f64>,
    projected: String,
    status: &'static str,
}

/// `--currency`, or the default currency when it is not given.
fn report_currency(arg: Option<&str>) -> anyhow::Result<Currency> {
    Ok(arg
        .map(currency_arg)
        .transpose()?
        .unwrap_or(DEFAULT_CURRENCY))
}

fn date_arg(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("{flag} \"{text}\" is not a date like 2025-03-18"))
}

/// Every limit of `year` as it stands on `as_of`.
pub(super) fn statuses(
    store: &Store,
    year: i32,
    as_of: NaiveDate,
) -> anyhow::Result<Vec<(Budget, Status)>> {
    let span = Span::year(year);
    let mut out = Vec::new();
    for b in store.budgets(Some(year))? {
        let resolved = resolve(store, &b)?;
        let days = store.category_days(&b.category, span.start, span.end, b.currency())?;
        let s = status(&b, &resolved, &days, as_of);
        out.push((b, s));
    }
    Ok(out)
}

fn budget(ctx: &mut Context, args: BudgetArgs) -> anyhow::Result<()> {
    let as_of = match &args.as_of {
        Some(d) => date_arg("--as-of", d)?,
        None => today(),
    };
    let year = match &args.year {
        Some(y) => year_arg("year", y)?,
        None => as_of.year(),
    };
    let store = ctx.store()?;
    let all = statuses(&store, year, as_of)?;
    if ctx.format == Format::Json {
        let json: Vec<StatusJson> = all
            .iter()
            .map(|(b, s)| StatusJson {
                category: s.category.clone(),
                period: s.span.label(),
                unit: s.unit.as_str(),
                limit: quantity(b, s.limit, false),
                spent: quantity(b, s.spent, false),
                remaining: quantity(b, s.remaining, false),
                used_pct: s.used_tenths.map(|t| t as f64 / 10.0),
                projected: quantity(b, s.projected, false),
                status: s.level.as_str(),
            })
            .collect();
        return Ok(render::json(ctx.out, &json)?);
    }
    let csv = ctx.format == Format::Csv;
    let mut table = Table::new(&[
        ("category", Align::Left),
        ("period", Align::Left),
        ("limit", Align::Right),
        ("unit", Align::Left),
        ("spent", Align::Right),
        (if csv { "remaining" } else { "left" }, Align::Right),
        (if csv { "used_pct" } else { "used" }, Align::Right),
        ("projected", Align::Right),
        ("status", Align::Left),
        ("note", Align::Left),
    ]);
    for (b, s) in &all {
        let q = |v: i64| quantity(b, v, !csv);
        table.push(vec![
            s.category.clone(),
            s.span.label(),
            q(s.limit),
            unit_label(b),
            q(s.spent),
            q(s.remaining),
            s.used_tenths
                .map(|t| if csv { decimal_percent(t) } else { percent(t) })
                .unwrap_or_default(),
            q(s.projected),
            s.level.as_str().to_string(),
            status_note(b, s, !csv),
        ]);
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    if all.is_empty() && ctx.format == Format::Table {
        writeln!(
            ctx.err,
            "no budgets for {year}; set one with `gagyebu budget set CATEGORY --amount AMOUNT`"
        )?;
    }
    Ok(())
}

/// A cut's basis, a rollover's carry.
fn status_note(b: &Budget, s: &Status, grouped: bool) -> String {
    let q = |v: i64| quantity(b, v, grouped);
    let mut parts = Vec::new();
    if let (Limit::Cut { pct, .. }, Some(basis)) = (&b.limit, s.basis) {
        parts.push(format!(
            "{pct}% less than {} in {}",
            q(basis.spent),
            basis.year
        ));
    }
    if b.per == Per::Month && b.rollover {
        let base = s.limit.saturating_sub(s.carried);
        parts.push(match s.carried {
            0 => format!("{} a month, nothing carried", q(base)),
            c if c > 0 => format!("{} + {} carried", q(base), q(c)),
            c => format!("{} − {} overspent before", q(base), q(c.saturating_neg())),
        });
    }
    parts.join(", ")
}

/// "whisky: 412,000 of 500,000 (82%), on pace for 610,000 by 31 Dec".
fn limit_line(b: &Budget, s: &Status) -> String {
    let q = |v: i64| quantity(b, v, true);
    let name = match b.per {
        Per::Year => s.category.clone(),
        Per::Month => format!("{} ({})", s.category, s.span.label()),
    };
    let unit = match b.unit() {
        Unit::Count if s.limit == 1 => " purchase",
        Unit::Count => " purchases",
        Unit::Amount => "",
    };
    let used = s
        .used_tenths
        .map(|t| format!(" ({})", percent(t)))
        .unwrap_or_default();
    let head = format!("{name}: {} of {}{unit}{used}", q(s.spent), q(s.limit));
    match s.level {
        Level::Over => format!("{head}, over by {}", q(s.spent.saturating_sub(s.limit))),
        _ => format!(
            "{head}, on pace for {} by {}",
            q(s.projected),
            s.span.end.format("%-d %b")
        ),
    }
}

/// After an import: one line on stderr per limit of this year that is warn or over.
/// Best effort: the import has been committed, and a note it cannot give is no failure.
pub(super) fn limit_notes(ctx: &mut Context) {
    let today = today();
    let Ok(store) = ctx.store() else {
        return;
    };
    let Ok(all) = statuses(&store, today.year(), today) else {
        return;
    };
    for (b, s) in all.iter().filter(|(_, s)| s.level != Level::Ok) {
        let _ = writeln!(ctx.err, "{}", limit_line(b, s));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::budget::Day;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn line(limit: Limit, per: Per, days: &[(&str, i64)], as_of: &str) -> String {
        let b = Budget {
            category: "whisky".into(),
            year: 2026,
            per,
            limit,
            rollover: false,
        };
        let days: Vec<Day> = days
            .iter()
            .map(|(d, net)| Day {
                date: date(d),
                net: *net,
                purchases: i64::from(*net < 0),
                refunds: 0,
            })
            .collect();
        let s = status(&b, &b.resolve(0), &days, date(as_of));
        limit_line(&b, &s)
    }

    #[test]
    fn limit_lines_say_how_far_and_where_the_pace_leads() {
        let krw = |m| Limit::Amount(Money::new(m, Currency::KRW));
        // 412,000 by 31 Aug (243 days): 412,000 × 365 ÷ 243 = 618,847.7 -> 618,848
        assert_eq!(
            line(
                krw(500_000),
                Per::Year,
                &[("2026-03-01", -412_000)],
                "2026-08-31"
            ),
            "whisky: 412,000 of 500,000 (82%), on pace for 618,848 by 31 Dec"
        );
        assert_eq!(
            line(
                krw(500_000),
                Per::Year,
                &[("2026-03-01", -520_000)],
                "2026-08-31"
            ),
            "whisky: 520,000 of 500,000 (104%), over by 20,000"
        );
        assert_eq!(
            line(
                Limit::Count(12),
                Per::Year,
                &[("2026-01-10", -1), ("2026-02-10", -1), ("2026-03-10", -1)],
                "2026-03-31"
            ),
            "whisky: 3 of 12 purchases (25%), on pace for 13 by 31 Dec"
        );
        assert_eq!(
            line(
                krw(100_000),
                Per::Month,
                &[("2026-11-02", -60_000)],
                "2026-11-10"
            ),
            "whisky (2026-11): 60,000 of 100,000 (60%), on pace for 180,000 by 30 Nov"
        );
    }
}
