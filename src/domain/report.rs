//! Reports: the year table (months × spending categories, against last year and the
//! budgets) and the month report. They only compute; `render` formats them.
//!
//! What counts as spending: entries in spending categories, both ways (a refund nets
//! against its category), and money out with no category (reported as `uncategorized`).
//! Income categories make the income line; transfers and uncategorized money in count
//! as neither. Every figure is in one currency.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::budget::{carry, tenths_of_pct, Budget, Per, Unit};
use super::category::CategoryKind;
use super::money::Currency;

/// The name spending without a category is reported under.
pub const UNCATEGORIZED: &str = "uncategorized";

/// One month's entries of one category (or of none), summed by the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// 1–12.
    pub month: u32,
    /// None: uncategorized.
    pub category: Option<String>,
    pub kind: Option<CategoryKind>,
    /// Sum of the money out (≤ 0) and of the money in (≥ 0), in minor units.
    pub out: i64,
    pub inflow: i64,
}

impl Flow {
    /// The spending this flow adds to its category (positive = spent), if it counts.
    fn spending(&self) -> Option<(&str, i64)> {
        match (&self.category, self.kind) {
            (Some(name), Some(CategoryKind::Spending)) => Some((
                name.as_str(),
                self.out.saturating_add(self.inflow).saturating_neg(),
            )),
            (None, _) => Some((UNCATEGORIZED, self.out.saturating_neg())),
            _ => None,
        }
    }

    fn income(&self) -> i64 {
        match self.kind {
            Some(CategoryKind::Income) if self.category.is_some() => {
                self.out.saturating_add(self.inflow)
            }
            _ => 0,
        }
    }
}

/// Spending per category and month (index 0 = January).
pub fn spending_by_month(flows: &[Flow]) -> BTreeMap<String, [i64; 12]> {
    let mut by: BTreeMap<String, [i64; 12]> = BTreeMap::new();
    for flow in flows {
        if let Some((name, spent)) = flow.spending() {
            if let Some(i) = month_index(flow.month) {
                let months = by.entry(name.to_string()).or_insert([0; 12]);
                months[i] = months[i].saturating_add(spent);
            }
        }
    }
    by
}

fn month_index(month: u32) -> Option<usize> {
    (1..=12).contains(&month).then(|| month as usize - 1)
}

fn sum(values: &[i64]) -> i64 {
    values.iter().fold(0i64, |s, v| s.saturating_add(*v))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearRow {
    pub category: String,
    /// Spending per month, January first (negative when refunds outweigh purchases).
    pub months: [i64; 12],
    pub total: i64,
    pub previous_total: i64,
    /// The year's amount limit in the report's currency (monthly limits × 12; a cut
    /// resolved against `previous_total`).
    pub budget: Option<i64>,
}

impl YearRow {
    /// budget − total: what is left, or (negative) the overspend.
    pub fn remaining(&self) -> Option<i64> {
        self.budget.map(|b| b.saturating_sub(self.total))
    }

    /// The change from last year in tenths of a percent; None when last year had nothing.
    pub fn change_tenths(&self) -> Option<i64> {
        change_tenths(self.total, self.previous_total)
    }
}

/// (now − before) ÷ before in tenths of a percent; None when `before` is not positive.
pub fn change_tenths(now: i64, before: i64) -> Option<i64> {
    tenths_of_pct(now.saturating_sub(before), before)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearReport {
    pub year: i32,
    pub currency: Currency,
    /// Largest total first; categories with nothing this year but spending last year or
    /// a budget are kept (with total 0).
    pub rows: Vec<YearRow>,
    /// All spending per month and in the year, and last year's.
    pub months: [i64; 12],
    pub total: i64,
    pub previous_total: i64,
    pub income: i64,
}

impl YearReport {
    /// A row's share of the year's spending, in tenths of a percent.
    pub fn share_tenths(&self, row: &YearRow) -> Option<i64> {
        tenths_of_pct(row.total, self.total)
    }

    /// income − spending.
    pub fn savings(&self) -> i64 {
        self.income.saturating_sub(self.total)
    }

    /// savings ÷ income in tenths of a percent; None without income.
    pub fn savings_rate_tenths(&self) -> Option<i64> {
        tenths_of_pct(self.savings(), self.income)
    }
}

/// The year table from this year's and last year's flows (one currency) and the year's
/// budgets (those in other currencies, and counts, are left out).
pub fn year_report(
    year: i32,
    currency: Currency,
    this: &[Flow],
    previous: &[Flow],
    budgets: &[Budget],
) -> YearReport {
    let now = spending_by_month(this);
    let before: BTreeMap<String, i64> = spending_by_month(previous)
        .into_iter()
        .map(|(name, months)| (name, sum(&months)))
        .collect();
    let mut names: Vec<String> = now.keys().cloned().collect();
    let budgeted = budgets
        .iter()
        .filter(|b| b.year == year && b.unit() == Unit::Amount && b.currency() == Some(currency));
    for name in before
        .iter()
        .filter(|(_, total)| **total != 0)
        .map(|(n, _)| n)
        .chain(budgeted.clone().map(|b| &b.category))
    {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.clone());
        }
    }
    let mut rows: Vec<YearRow> = names
        .into_iter()
        .map(|category| {
            let months = now.get(&category).copied().unwrap_or([0; 12]);
            let previous_total = before.get(&category).copied().unwrap_or(0);
            let budget = budgeted
                .clone()
                .find(|b| b.category.eq_ignore_ascii_case(&category))
                .map(|b| b.resolve(previous_total).per_year(b.per));
            YearRow {
                total: sum(&months),
                category,
                months,
                previous_total,
                budget,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.category.cmp(&b.category))
    });
    let mut months = [0i64; 12];
    for row in &rows {
        for (m, v) in months.iter_mut().zip(row.months) {
            *m = m.saturating_add(v);
        }
    }
    YearReport {
        year,
        currency,
        months,
        total: sum(&months),
        previous_total: sum(&before.values().copied().collect::<Vec<_>>()),
        income: this.iter().fold(0i64, |s, f| s.saturating_add(f.income())),
        rows,
    }
}

/// One category in one month, against its monthly budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthRow {
    pub category: String,
    pub spent: i64,
    /// The month's amount limit, rollover included; None without a monthly budget.
    pub budget: Option<i64>,
    /// Rollover: what earlier months added to (or took from) the budget.
    pub carried: i64,
}

impl MonthRow {
    pub fn remaining(&self) -> Option<i64> {
        self.budget.map(|b| b.saturating_sub(self.spent))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthReport {
    pub year: i32,
    pub month: u32,
    pub currency: Currency,
    /// Largest spending first; budgeted categories without spending are kept.
    pub rows: Vec<MonthRow>,
    pub total: i64,
    pub income: i64,
}

/// The month `month` of `year` from the year's flows (earlier months feed rollover).
pub fn month_report(
    year: i32,
    month: u32,
    currency: Currency,
    flows: &[Flow],
    budgets: &[Budget],
) -> MonthReport {
    let by = spending_by_month(flows);
    let Some(index) = month_index(month) else {
        return MonthReport {
            year,
            month,
            currency,
            rows: Vec::new(),
            total: 0,
            income: 0,
        };
    };
    let monthly: Vec<&Budget> = budgets
        .iter()
        .filter(|b| {
            b.year == year
                && b.per == Per::Month
                && b.unit() == Unit::Amount
                && b.currency() == Some(currency)
        })
        .collect();
    let mut rows: Vec<MonthRow> = by
        .iter()
        .filter(|(_, months)| months[index] != 0)
        .map(|(name, _)| name.clone())
        .chain(monthly.iter().map(|b| b.category.clone()))
        .fold(Vec::<String>::new(), |mut names, name| {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
            names
        })
        .into_iter()
        .map(|category| {
            let months = by.get(&category).copied().unwrap_or([0; 12]);
            let budget = monthly
                .iter()
                .find(|b| b.category.eq_ignore_ascii_case(&category));
            let per_month = budget.map(|b| b.resolve(0).per_period);
            let carried = match (budget, per_month) {
                (Some(b), Some(per)) if b.rollover => carry(per, &months[..index]),
                _ => 0,
            };
            MonthRow {
                spent: months[index],
                budget: per_month.map(|p| p.saturating_add(carried)),
                carried,
                category,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.spent
            .cmp(&a.spent)
            .then_with(|| a.category.cmp(&b.category))
    });
    MonthReport {
        year,
        month,
        currency,
        total: rows.iter().fold(0i64, |s, r| s.saturating_add(r.spent)),
        income: flows
            .iter()
            .filter(|f| f.month == month)
            .fold(0i64, |s, f| s.saturating_add(f.income())),
        rows,
    }
}

/// One entry (a transaction, or one part of a split) as the reports list purchases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub transaction_id: i64,
    pub date: NaiveDate,
    pub payee: String,
    pub memo: String,
    pub category: Option<String>,
    pub kind: Option<CategoryKind>,
    /// Signed, minor units (negative = money out).
    pub amount: i64,
}

/// A purchase as a report lists it: spending positive, a refund negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub transaction_id: i64,
    pub date: NaiveDate,
    pub payee: String,
    pub memo: String,
    /// Its category, `uncategorized`, or for a whole split purchase its parts' categories
    /// joined by ", ".
    pub category: String,
    pub spent: i64,
}

impl Entry {
    fn spending(&self) -> Option<(&str, i64)> {
        match (&self.category, self.kind) {
            (Some(name), Some(CategoryKind::Spending)) => {
                Some((name.as_str(), self.amount.saturating_neg()))
            }
            (None, _) if self.amount < 0 => Some((UNCATEGORIZED, self.amount.saturating_neg())),
            _ => None,
        }
    }
}

/// The year's purchases per category (`--items`), in date order, refunds included.
pub fn items_by_category(entries: &[Entry]) -> BTreeMap<String, Vec<Item>> {
    let mut by: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for e in entries {
        if let Some((name, spent)) = e.spending() {
            by.entry(name.to_string()).or_default().push(Item {
                transaction_id: e.transaction_id,
                date: e.date,
                payee: e.payee.clone(),
                memo: e.memo.clone(),
                category: name.to_string(),
                spent,
            });
        }
    }
    for items in by.values_mut() {
        items.sort_by_key(|a| (a.date, a.transaction_id));
    }
    by
}

/// The `n` largest purchases: whole transactions (a split one with its spending parts
/// added up), largest first, then oldest first.
pub fn largest_purchases(entries: &[Entry], n: usize) -> Vec<Item> {
    let mut by_tx: BTreeMap<i64, Item> = BTreeMap::new();
    for e in entries {
        let Some((name, spent)) = e.spending() else {
            continue;
        };
        let item = by_tx.entry(e.transaction_id).or_insert_with(|| Item {
            transaction_id: e.transaction_id,
            date: e.date,
            payee: e.payee.clone(),
            memo: e.memo.clone(),
            category: String::new(),
            spent: 0,
        });
        item.spent = item.spent.saturating_add(spent);
        if !item.category.split(", ").any(|c| c == name) {
            if !item.category.is_empty() {
                item.category.push_str(", ");
            }
            item.category.push_str(name);
        }
    }
    let mut items: Vec<Item> = by_tx.into_values().filter(|i| i.spent > 0).collect();
    items.sort_by(|a, b| {
        b.spent
            .cmp(&a.spent)
            .then_with(|| (a.date, a.transaction_id).cmp(&(b.date, b.transaction_id)))
    });
    items.truncate(n);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::budget::Limit;
    use crate::domain::money::Money;
    use rust_decimal::Decimal;

    const S: Option<CategoryKind> = Some(CategoryKind::Spending);
    const I: Option<CategoryKind> = Some(CategoryKind::Income);
    const T: Option<CategoryKind> = Some(CategoryKind::Transfer);

    fn flow(month: u32, category: &str, kind: Option<CategoryKind>, out: i64, inflow: i64) -> Flow {
        Flow {
            month,
            category: (!category.is_empty()).then(|| category.to_string()),
            kind: if category.is_empty() { None } else { kind },
            out,
            inflow,
        }
    }

    fn krw_budget(category: &str, year: i32, per: Per, limit: Limit) -> Budget {
        Budget {
            category: category.into(),
            year,
            per,
            limit,
            rollover: false,
        }
    }

    /// 2025: whisky with a split part and a refund, books with a return, income, a
    /// transfer, uncategorized money out and in. 2024: whisky, camping.
    fn two_years() -> (Vec<Flow>, Vec<Flow>) {
        let this = vec![
            flow(1, "whisky", S, -150_000, 0),
            flow(2, "whisky", S, -119_000, 0),
            flow(2, "groceries", S, -65_320, 0),
            flow(3, "books", S, -45_000, 15_000),
            flow(7, "whisky", S, -95_000, 95_000),
            flow(12, "whisky", S, -130_000, 0),
            flow(1, "income", I, 0, 3_000_000),
            flow(12, "income", I, 0, 1_000_000),
            flow(3, "transfer", T, -500_000, 500_000),
            flow(4, "", None, -12_000, 0),
            flow(6, "", None, 0, 7_000),
        ];
        let previous = vec![
            flow(1, "whisky", S, -100_000, 0),
            flow(11, "whisky", S, -200_000, 0),
            flow(6, "camping", S, -300_000, 0),
            flow(12, "income", I, 0, 3_000_000),
        ];
        (this, previous)
    }

    #[test]
    fn year_table_nets_refunds_and_leaves_out_transfers_and_income() {
        let (this, previous) = two_years();
        let budgets = vec![
            krw_budget(
                "whisky",
                2025,
                Per::Year,
                Limit::Amount(Money::new(500_000, Currency::KRW)),
            ),
            krw_budget(
                "camping",
                2025,
                Per::Year,
                Limit::Cut {
                    pct: Decimal::from(30),
                    currency: Currency::KRW,
                },
            ),
            krw_budget(
                "books",
                2025,
                Per::Month,
                Limit::Amount(Money::new(8_000, Currency::KRW)),
            ),
            // Not in the table: a count, another currency, another year.
            krw_budget("cafe", 2025, Per::Year, Limit::Count(10)),
            krw_budget(
                "games",
                2025,
                Per::Year,
                Limit::Amount(Money::new(100, Currency::USD)),
            ),
            krw_budget(
                "travel",
                2024,
                Per::Year,
                Limit::Amount(Money::new(100, Currency::KRW)),
            ),
        ];
        let r = year_report(2025, Currency::KRW, &this, &previous, &budgets);
        let names: Vec<&str> = r.rows.iter().map(|r| r.category.as_str()).collect();
        assert_eq!(
            names,
            ["whisky", "groceries", "books", "uncategorized", "camping"]
        );
        let whisky = &r.rows[0];
        assert_eq!(
            whisky.months,
            [150_000, 119_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 130_000]
        );
        assert_eq!((whisky.total, whisky.previous_total), (399_000, 300_000));
        assert_eq!(whisky.change_tenths(), Some(330));
        assert_eq!(
            (whisky.budget, whisky.remaining()),
            (Some(500_000), Some(101_000))
        );
        let books = &r.rows[2];
        assert_eq!((books.total, books.budget), (30_000, Some(96_000)));
        assert_eq!(books.change_tenths(), None);
        assert_eq!(r.rows[3].months[3], 12_000, "uncategorized money out");
        let camping = &r.rows[4];
        assert_eq!((camping.total, camping.previous_total), (0, 300_000));
        assert_eq!(camping.budget, Some(210_000), "70% of last year's 300,000");
        assert_eq!(camping.change_tenths(), Some(-1000));
        assert_eq!(r.total, 399_000 + 65_320 + 30_000 + 12_000);
        assert_eq!(r.months[1], 184_320);
        assert_eq!(r.previous_total, 600_000);
        assert_eq!(r.income, 4_000_000);
        assert_eq!(r.savings(), 4_000_000 - 506_320);
        // 3,493,680 ÷ 4,000,000 = 87.342%
        assert_eq!(r.savings_rate_tenths(), Some(873));
        // 399,000 ÷ 506,320 = 78.80…%
        assert_eq!(r.share_tenths(whisky), Some(788));
    }

    #[test]
    fn month_report_applies_monthly_budgets_with_rollover() {
        let (this, _) = two_years();
        let mut books = krw_budget(
            "books",
            2025,
            Per::Month,
            Limit::Amount(Money::new(8_000, Currency::KRW)),
        );
        books.rollover = true;
        let cafe = krw_budget(
            "cafe",
            2025,
            Per::Month,
            Limit::Amount(Money::new(50_000, Currency::KRW)),
        );
        let yearly = krw_budget(
            "whisky",
            2025,
            Per::Year,
            Limit::Amount(Money::new(1, Currency::KRW)),
        );
        let m = month_report(2025, 3, Currency::KRW, &this, &[books, cafe, yearly]);
        assert_eq!(
            m.rows,
            vec![
                MonthRow {
                    category: "books".into(),
                    spent: 30_000,
                    budget: Some(24_000),
                    carried: 16_000
                },
                MonthRow {
                    category: "cafe".into(),
                    spent: 0,
                    budget: Some(50_000),
                    carried: 0
                },
            ]
        );
        assert_eq!(m.rows[0].remaining(), Some(-6_000));
        assert_eq!((m.total, m.income), (30_000, 0));
        let jan = month_report(2025, 1, Currency::KRW, &this, &[]);
        assert_eq!((jan.total, jan.income), (150_000, 3_000_000));
    }

    fn entry(
        id: i64,
        date: &str,
        category: &str,
        kind: Option<CategoryKind>,
        amount: i64,
    ) -> Entry {
        Entry {
            transaction_id: id,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            payee: format!("payee {id}"),
            memo: String::new(),
            category: (!category.is_empty()).then(|| category.to_string()),
            kind: if category.is_empty() { None } else { kind },
            amount,
        }
    }

    #[test]
    fn items_list_parts_per_category_and_largest_purchases_whole_transactions() {
        let entries = vec![
            entry(3, "2025-02-03", "groceries", S, -65_320),
            entry(3, "2025-02-03", "whisky", S, -119_000),
            entry(1, "2025-01-05", "whisky", S, -150_000),
            entry(5, "2025-07-03", "whisky", S, 95_000),
            entry(6, "2025-01-25", "income", I, 3_000_000),
            entry(7, "2025-03-15", "transfer", T, -500_000),
            entry(8, "2025-04-20", "", None, -12_000),
            entry(9, "2025-06-30", "", None, 7_000),
        ];
        let items = items_by_category(&entries);
        assert_eq!(
            items.keys().collect::<Vec<_>>(),
            ["groceries", "uncategorized", "whisky"]
        );
        let whisky: Vec<(i64, i64)> = items["whisky"]
            .iter()
            .map(|i| (i.transaction_id, i.spent))
            .collect();
        assert_eq!(whisky, [(1, 150_000), (3, 119_000), (5, -95_000)]);
        let top = largest_purchases(&entries, 2);
        assert_eq!(top.len(), 2);
        assert_eq!(
            (
                top[0].transaction_id,
                top[0].spent,
                top[0].category.as_str()
            ),
            (3, 184_320, "groceries, whisky")
        );
        assert_eq!((top[1].transaction_id, top[1].spent), (1, 150_000));
        assert_eq!(largest_purchases(&entries, 10).len(), 3);
    }
}
