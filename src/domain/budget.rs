//! Budgets and consumption limits: what a limit is (an amount, a number of purchases, or a
//! cut relative to last year), and where a category stands against it on a given day.
//! Pure: the caller passes the spending (per day, from the store) and `as_of` (the clock).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::money::{Currency, Money};

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// Money spent, in one currency.
    Amount,
    /// Purchases (bottles of whisky), in any currency; a refund takes one back.
    Count,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Amount => "amount",
            Unit::Count => "count",
        }
    }
}

impl FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "amount" => Ok(Unit::Amount),
            "count" => Ok(Unit::Count),
            other => Err(format!("unknown limit unit \"{other}\"")),
        }
    }
}

/// The period a limit applies to. A monthly limit applies to each month of its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Year,
    Month,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
        }
    }
}

impl FromStr for Per {
    type Err = BudgetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "year" | "yearly" => Ok(Per::Year),
            "month" | "monthly" => Ok(Per::Month),
            _ => Err(BudgetError::Per(s.to_string())),
        }
    }
}

/// A limit as the person set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    /// At most this much per period.
    Amount(Money),
    /// At most this many purchases per period.
    Count(i64),
    /// At most (100 − pct)% of the previous year's actual spending (yearly only).
    Cut { pct: Decimal, currency: Currency },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub category: String,
    pub year: i32,
    pub per: Per,
    pub limit: Limit,
    /// Monthly limits only: what is left of a month carries into the next; an overspend
    /// reduces the next month's limit.
    pub rollover: bool,
}

impl Budget {
    pub fn unit(&self) -> Unit {
        match self.limit {
            Limit::Count(_) => Unit::Count,
            Limit::Amount(_) | Limit::Cut { .. } => Unit::Amount,
        }
    }

    /// The currency of an amount limit; a count has none.
    pub fn currency(&self) -> Option<Currency> {
        match &self.limit {
            Limit::Amount(m) => Some(m.currency),
            Limit::Cut { currency, .. } => Some(*currency),
            Limit::Count(_) => None,
        }
    }

    /// The limit per period in minor units (amounts) or purchases (counts). A cut needs
    /// the category's spending in the previous year (`previous_spent`, minor units).
    pub fn resolve(&self, previous_spent: i64) -> Resolved {
        match &self.limit {
            Limit::Amount(m) => Resolved {
                per_period: m.minor,
                basis: None,
            },
            Limit::Count(n) => Resolved {
                per_period: *n,
                basis: None,
            },
            Limit::Cut { pct, .. } => Resolved {
                per_period: cut_limit(previous_spent, *pct),
                basis: Some(Basis {
                    year: self.year - 1,
                    spent: previous_spent,
                    pct: *pct,
                }),
            },
        }
    }

    /// Checks the combinations that make no sense, before anything is stored.
    pub fn validate(&self) -> Result<(), BudgetError> {
        match (&self.limit, self.per) {
            (Limit::Cut { .. }, Per::Month) => return Err(BudgetError::CutPerMonth),
            (Limit::Amount(m), _) if m.minor <= 0 => {
                return Err(BudgetError::NotPositive(m.plain()))
            }
            (Limit::Count(n), _) if *n <= 0 => return Err(BudgetError::Count(n.to_string())),
            (Limit::Cut { pct, .. }, _) if *pct < Decimal::ZERO || *pct > Decimal::ONE_HUNDRED => {
                return Err(BudgetError::Cut(pct.to_string()))
            }
            _ => {}
        }
        if self.rollover && self.per != Per::Month {
            return Err(BudgetError::RolloverYearly);
        }
        Ok(())
    }
}

/// A limit made concrete for one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Per month for monthly limits, else per year; minor units or purchases.
    pub per_period: i64,
    /// For a cut: what it was computed from.
    pub basis: Option<Basis>,
}

impl Resolved {
    /// The whole year's limit: a monthly limit twelve times.
    pub fn per_year(&self, per: Per) -> i64 {
        match per {
            Per::Year => self.per_period,
            Per::Month => self.per_period.saturating_mul(12),
        }
    }
}

/// What a cut was computed from: `pct`% less than `spent` in `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    pub year: i32,
    pub spent: i64,
    pub pct: Decimal,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BudgetError {
    #[error("a budget amount must be more than 0; got {0}")]
    NotPositive(String),
    #[error("--cut takes a percentage from 0 to 100, like 30 or 30%; got \"{0}\"")]
    Cut(String),
    #[error("--count takes a positive whole number of purchases, like 12; got \"{0}\"")]
    Count(String),
    #[error("--per takes year or month; got \"{0}\"")]
    Per(String),
    #[error("--cut is relative to the previous year's total, so it is a yearly limit; it does not combine with --per month")]
    CutPerMonth,
    #[error("--rollover carries what is left from month to month; it needs --per month")]
    RolloverYearly,
}

/// Reads a cut: "30", "30%", "12.5 %"; 0 to 100 inclusive.
pub fn parse_cut(text: &str) -> Result<Decimal, BudgetError> {
    let t = text.trim();
    let bare = t.strip_suffix('%').unwrap_or(t).trim();
    match Decimal::from_str_exact(bare) {
        Ok(pct) if pct >= Decimal::ZERO && pct <= Decimal::ONE_HUNDRED => Ok(pct.normalize()),
        _ => Err(BudgetError::Cut(text.to_string())),
    }
}

/// Reads a count of purchases: a positive whole number ("12", not "2.5" or "0").
pub fn parse_count(text: &str) -> Result<i64, BudgetError> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(n) if n > 0 && t.bytes().all(|b| b.is_ascii_digit() || b == b'+') => Ok(n),
        _ => Err(BudgetError::Count(text.to_string())),
    }
}

/// At most (100 − pct)% of `previous_spent`, rounded down to the minor unit ("at most").
/// Nothing spent last year leaves nothing to spend.
pub fn cut_limit(previous_spent: i64, pct: Decimal) -> i64 {
    if previous_spent <= 0 {
        return 0;
    }
    let keep = Decimal::ONE_HUNDRED - pct.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    Decimal::from(previous_spent)
        .checked_mul(keep)
        .map(|d| (d / Decimal::ONE_HUNDRED).floor())
        .and_then(|d| d.to_i64())
        .unwrap_or(previous_spent)
}

/// One day of a category's entries, as the store sums them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// Signed sum of the day's amounts in the budget's currency (negative = money out).
    pub net: i64,
    /// Entries that took money out (purchases), and entries that brought it back.
    pub purchases: i64,
    pub refunds: i64,
}

impl Day {
    /// What the day adds to a limit: money spent, or purchases less refunds.
    pub fn usage(&self, unit: Unit) -> i64 {
        match unit {
            Unit::Amount => self.net.saturating_neg(),
            Unit::Count => self.purchases.saturating_sub(self.refunds),
        }
    }
}

/// Total usage of `days` between `from` and `to` (inclusive).
pub fn used_between(days: &[Day], unit: Unit, from: NaiveDate, to: NaiveDate) -> i64 {
    days.iter()
        .filter(|d| d.date >= from && d.date <= to)
        .fold(0i64, |sum, d| sum.saturating_add(d.usage(unit)))
}

/// A stretch of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub per: Per,
}

impl Span {
    pub fn year(year: i32) -> Span {
        Span {
            start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
            per: Per::Year,
        }
    }

    /// `month` is 1–12.
    pub fn month(year: i32, month: u32) -> Span {
        let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
        let next = if month >= 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        Span {
            start,
            end: next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX),
            per: Per::Month,
        }
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Days from the start up to and including `as_of`: 0 before, all of them after.
    pub fn elapsed(&self, as_of: NaiveDate) -> i64 {
        if as_of < self.start {
            0
        } else {
            (as_of.min(self.end) - self.start).num_days() + 1
        }
    }

    /// "2025" for a year, "2025-03" for a month.
    pub fn label(&self) -> String {
        match self.per {
            Per::Year => self.start.year().to_string(),
            Per::Month => self.start.format("%Y-%m").to_string(),
        }
    }
}

/// How a category stands against a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Ok,
    /// On pace to go over by the end of the period.
    Warn,
    Over,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warn => "warn",
            Level::Over => "over",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One limit's standing on `as_of`. Quantities are minor units (amounts) or purchases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub category: String,
    pub unit: Unit,
    pub currency: Option<Currency>,
    /// The period reported: the year, or for a monthly limit the month of `as_of`.
    pub span: Span,
    /// The limit for the span, rollover included.
    pub limit: i64,
    /// Rollover: what earlier months of the year added to (or took from) the limit.
    pub carried: i64,
    pub spent: i64,
    /// limit − spent; negative is the overspend.
    pub remaining: i64,
    /// spent ÷ limit in tenths of a percent (824 = 82.4%); None when the limit is not positive.
    pub used_tenths: Option<i64>,
    /// spent ÷ days elapsed × days in the span, rounded up (so it exceeds the limit exactly
    /// when the pace does).
    pub projected: i64,
    pub level: Level,
    pub basis: Option<Basis>,
}

/// Where `budget` stands on `as_of`. `days` are the category's entries in the budget's
/// year (amount limits: in the budget's currency only). `as_of` after the year means the
/// year is over; before it, nothing has elapsed.
pub fn status(budget: &Budget, resolved: &Resolved, days: &[Day], as_of: NaiveDate) -> Status {
    let unit = budget.unit();
    let year = Span::year(budget.year);
    let span = match budget.per {
        Per::Year => year,
        Per::Month => {
            let day = as_of.clamp(year.start, year.end);
            Span::month(budget.year, day.month())
        }
    };
    let carried = if budget.rollover && budget.per == Per::Month {
        let spent: Vec<i64> = (1..span.start.month())
            .map(|m| {
                let month = Span::month(budget.year, m);
                used_between(days, unit, month.start, month.end)
            })
            .collect();
        carry(resolved.per_period, &spent)
    } else {
        0
    };
    let limit = resolved.per_period.saturating_add(carried);
    let spent = used_between(days, unit, span.start, as_of.min(span.end));
    let elapsed = span.elapsed(as_of);
    let total_days = span.days();
    let projected = if elapsed == 0 {
        spent
    } else {
        clamp_i64(div_ceil(
            i128::from(spent) * i128::from(total_days),
            i128::from(elapsed),
        ))
    };
    let level = if spent > limit {
        Level::Over
    } else if projected > limit {
        Level::Warn
    } else {
        Level::Ok
    };
    Status {
        category: budget.category.clone(),
        unit,
        currency: budget.currency(),
        span,
        limit,
        carried,
        spent,
        remaining: limit.saturating_sub(spent),
        used_tenths: tenths_of_pct(spent, limit),
        projected,
        level,
        basis: resolved.basis,
    }
}

/// Rollover: what months 1..=n (their usage in `spent`) carry into month n + 1, each month
/// allowed `per_month` plus what came before.
pub fn carry(per_month: i64, spent: &[i64]) -> i64 {
    spent.iter().fold(0i64, |carried, s| {
        carried.saturating_add(per_month).saturating_sub(*s)
    })
}

/// `part` ÷ `whole` in tenths of a percent, rounded half away from zero; None when `whole`
/// is not positive.
pub fn tenths_of_pct(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| clamp_i64(div_round(i128::from(part) * 1000, i128::from(whole))))
}

/// Division rounding half away from zero; `d` > 0.
pub fn div_round(n: i128, d: i128) -> i128 {
    let q = (n.abs() + d / 2) / d;
    if n < 0 {
        -q
    } else {
        q
    }
}

/// Division rounding toward +∞; `d` > 0.
fn div_ceil(n: i128, d: i128) -> i128 {
    let q = n / d;
    if n % d > 0 {
        q + 1
    } else {
        q
    }
}

fn clamp_i64(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn krw(minor: i64) -> Money {
        Money::new(minor, Currency::KRW)
    }

    /// One entry per day: negative amount = a purchase, positive = a refund.
    fn days(entries: &[(&str, i64)]) -> Vec<Day> {
        entries
            .iter()
            .map(|(d, net)| Day {
                date: date(d),
                net: *net,
                purchases: i64::from(*net < 0),
                refunds: i64::from(*net > 0),
            })
            .collect()
    }

    fn budget(year: i32, per: Per, limit: Limit, rollover: bool) -> Budget {
        Budget {
            category: "whisky".into(),
            year,
            per,
            limit,
            rollover,
        }
    }

    fn at(b: &Budget, previous: i64, history: &[Day], as_of: &str) -> Status {
        status(b, &b.resolve(previous), history, date(as_of))
    }

    #[test]
    fn cut_and_count_parse_as_people_write_them() {
        assert_eq!(parse_cut("30"), Ok(Decimal::from(30)));
        assert_eq!(parse_cut("30%"), Ok(Decimal::from(30)));
        assert_eq!(parse_cut(" 12.5 % "), Ok(Decimal::new(125, 1)));
        assert_eq!(parse_cut("0"), Ok(Decimal::ZERO));
        assert_eq!(parse_cut("100%"), Ok(Decimal::ONE_HUNDRED));
        for bad in ["101", "-5", "abc", "", "30%%", "%"] {
            assert_eq!(parse_cut(bad), Err(BudgetError::Cut(bad.into())), "{bad}");
        }
        assert_eq!(parse_count("12"), Ok(12));
        for bad in ["0", "-1", "2.5", "twelve", "", "1e3"] {
            assert_eq!(
                parse_count(bad),
                Err(BudgetError::Count(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn cut_is_at_most_the_share_of_last_year_rounded_down() {
        assert_eq!(cut_limit(300_000, Decimal::from(30)), 210_000);
        // 70% of 1,234,567 = 864,196.9 -> 864,196
        assert_eq!(cut_limit(1_234_567, Decimal::from(30)), 864_196);
        assert_eq!(cut_limit(1_000, Decimal::new(125, 1)), 875);
        assert_eq!(cut_limit(300_000, Decimal::ZERO), 300_000);
        assert_eq!(cut_limit(300_000, Decimal::ONE_HUNDRED), 0);
        assert_eq!(cut_limit(0, Decimal::from(30)), 0);
        assert_eq!(cut_limit(-5_000, Decimal::from(30)), 0);
        let b = budget(
            2025,
            Per::Year,
            Limit::Cut {
                pct: Decimal::from(30),
                currency: Currency::KRW,
            },
            false,
        );
        let r = b.resolve(300_000);
        assert_eq!(r.per_period, 210_000);
        assert_eq!(
            r.basis,
            Some(Basis {
                year: 2024,
                spent: 300_000,
                pct: Decimal::from(30)
            })
        );
    }

    #[test]
    fn invalid_combinations_are_refused() {
        let cut = Limit::Cut {
            pct: Decimal::from(30),
            currency: Currency::KRW,
        };
        assert_eq!(
            budget(2025, Per::Month, cut, false).validate(),
            Err(BudgetError::CutPerMonth)
        );
        assert_eq!(
            budget(2025, Per::Year, Limit::Amount(krw(1)), true).validate(),
            Err(BudgetError::RolloverYearly)
        );
        assert_eq!(
            budget(2025, Per::Year, Limit::Amount(krw(0)), false).validate(),
            Err(BudgetError::NotPositive("0".into()))
        );
        assert!(budget(2025, Per::Month, Limit::Count(4), true)
            .validate()
            .is_ok());
    }

    #[test]
    fn yearly_amount_projects_the_pace_to_31_december() {
        // 2025: 150,000 on 5 Jan, 119,000 on 3 Feb; as of 31 Mar, 90 of 365 days elapsed.
        let history = days(&[
            ("2025-01-05", -150_000),
            ("2025-02-03", -119_000),
            ("2025-07-01", -95_000),
        ]);
        let b = budget(2025, Per::Year, Limit::Amount(krw(500_000)), false);
        let s = at(&b, 0, &history, "2025-03-31");
        assert_eq!(s.span.label(), "2025");
        assert_eq!(s.spent, 269_000);
        assert_eq!(s.remaining, 231_000);
        assert_eq!(s.used_tenths, Some(538));
        // 269,000 × 365 ÷ 90 = 1,090,944.4… -> 1,090,945
        assert_eq!(s.projected, 1_090_945);
        assert_eq!(s.level, Level::Warn);
        // At year end the projection is what was spent.
        let s = at(&b, 0, &history, "2025-12-31");
        assert_eq!(
            (s.spent, s.projected, s.level),
            (364_000, 364_000, Level::Ok)
        );
        // A later as-of is the year's end; an earlier one has nothing elapsed.
        assert_eq!(at(&b, 0, &history, "2026-06-01").spent, 364_000);
        let s = at(&b, 0, &history, "2024-12-31");
        assert_eq!((s.spent, s.projected, s.level), (0, 0, Level::Ok));
    }

    #[test]
    fn leap_years_have_366_days_and_a_29_day_february() {
        // 2024: 100,000 on 10 Jan, 80,000 on 10 Feb; as of 29 Feb, 60 of 366 days.
        let history = days(&[("2024-01-10", -100_000), ("2024-02-10", -80_000)]);
        let yearly = budget(2024, Per::Year, Limit::Amount(krw(400_000)), false);
        let s = at(&yearly, 0, &history, "2024-02-29");
        assert_eq!(s.span.elapsed(date("2024-02-29")), 60);
        assert_eq!(s.span.days(), 366);
        // 180,000 × 366 ÷ 60 = 1,098,000 exactly
        assert_eq!((s.spent, s.projected), (180_000, 1_098_000));
        assert_eq!(s.level, Level::Warn);
        // February 2024 alone: 80,000 by the 20th, 29 days -> 116,000 (112,000 in 28).
        let monthly = budget(2024, Per::Month, Limit::Amount(krw(100_000)), false);
        let s = at(&monthly, 0, &history, "2024-02-20");
        assert_eq!(s.span.label(), "2024-02");
        assert_eq!(s.span.days(), 29);
        assert_eq!(
            (s.spent, s.projected, s.level),
            (80_000, 116_000, Level::Warn)
        );
        assert_eq!(Span::month(2025, 2).days(), 28);
        assert_eq!(Span::month(2100, 2).days(), 28);
        assert_eq!(Span::month(2000, 2).days(), 29);
        assert_eq!(Span::year(2100).days(), 365);
    }

    #[test]
    fn counts_are_purchases_less_refunds() {
        let history = days(&[
            ("2025-01-05", -150_000),
            ("2025-02-03", -119_000),
            ("2025-07-01", -95_000),
            ("2025-07-03", 95_000),
            ("2025-12-20", -130_000),
        ]);
        let b = budget(2025, Per::Year, Limit::Count(4), false);
        let s = at(&b, 0, &history, "2025-03-31");
        // 2 × 365 ÷ 90 = 8.1 -> 9 bottles by the end of the year
        assert_eq!((s.spent, s.remaining, s.projected), (2, 2, 9));
        assert_eq!((s.used_tenths, s.level), (Some(500), Level::Warn));
        let s = at(&b, 0, &history, "2025-12-31");
        assert_eq!((s.spent, s.projected, s.level), (3, 3, Level::Ok));
        let tight = budget(2025, Per::Year, Limit::Count(2), false);
        assert_eq!(at(&tight, 0, &history, "2025-12-31").level, Level::Over);
        // Exactly on the limit is not over.
        assert_eq!(at(&tight, 0, &history, "2025-03-01").level, Level::Warn);
    }

    #[test]
    fn rollover_carries_what_is_left_and_overspending_reduces_it() {
        // 8,000 a month; nothing in Jan and Feb; 30,000 net in March; 5,000 in April.
        let history = days(&[
            ("2025-03-02", -45_000),
            ("2025-03-09", 15_000),
            ("2025-04-02", -5_000),
        ]);
        let b = budget(2025, Per::Month, Limit::Amount(krw(8_000)), true);
        let s = at(&b, 0, &history, "2025-03-31");
        assert_eq!(s.span.label(), "2025-03");
        assert_eq!((s.carried, s.limit, s.spent), (16_000, 24_000, 30_000));
        assert_eq!((s.remaining, s.used_tenths), (-6_000, Some(1250)));
        assert_eq!((s.projected, s.level), (30_000, Level::Over));
        // April: 8,000 − 6,000 overspent = 2,000; 5,000 by the 15th is over.
        let s = at(&b, 0, &history, "2025-04-15");
        assert_eq!((s.carried, s.limit, s.spent), (-6_000, 2_000, 5_000));
        assert_eq!(s.level, Level::Over);
        // Without rollover each month stands alone.
        let plain = budget(2025, Per::Month, Limit::Amount(krw(8_000)), false);
        let s = at(&plain, 0, &history, "2025-04-15");
        assert_eq!((s.carried, s.limit, s.remaining), (0, 8_000, 3_000));
        // 5,000 × 30 ÷ 15 = 10,000 > 8,000: on pace to go over.
        assert_eq!((s.projected, s.level), (10_000, Level::Warn));
        assert_eq!(carry(10, &[0, 25, 2]), 3);
        assert_eq!(carry(10, &[]), 0);
    }

    #[test]
    fn a_zero_limit_has_no_percentage_and_any_spending_is_over() {
        let cut = budget(
            2025,
            Per::Year,
            Limit::Cut {
                pct: Decimal::from(30),
                currency: Currency::KRW,
            },
            false,
        );
        let s = at(&cut, 0, &days(&[("2025-01-02", -1)]), "2025-06-30");
        assert_eq!((s.limit, s.used_tenths, s.level), (0, None, Level::Over));
        let s = at(&cut, 0, &[], "2025-06-30");
        assert_eq!(s.level, Level::Ok);
    }

    #[test]
    fn rounding_helpers() {
        assert_eq!(tenths_of_pct(269_000, 500_000), Some(538));
        assert_eq!(tenths_of_pct(1, 3), Some(333));
        assert_eq!(tenths_of_pct(2, 3), Some(667));
        assert_eq!(tenths_of_pct(-1, 2000), Some(-1));
        assert_eq!(tenths_of_pct(5, 0), None);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_ceil(-5, 2), -2);
        assert_eq!(div_ceil(5, 2), 3);
        assert_eq!(div_ceil(4, 2), 2);
    }
}
