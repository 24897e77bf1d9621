//! The wishlist: things to buy later, what to put aside for them, and noticing the
//! purchase when it arrives in a statement (pointed out, never linked silently).

use chrono::{Datelike, Months, NaiveDate};

use super::money::Money;
use super::text::fold;

/// Days a new wish "cools off" before it is considered a settled want.
pub const COOLING_OFF_DAYS: i64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WishStatus {
    Wanted,
    Bought,
    Dropped,
}

impl WishStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WishStatus::Wanted => "wanted",
            WishStatus::Bought => "bought",
            WishStatus::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<WishStatus> {
        match text {
            "wanted" => Some(WishStatus::Wanted),
            "bought" => Some(WishStatus::Bought),
            "dropped" => Some(WishStatus::Dropped),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wish {
    pub id: i64,
    pub name: String,
    pub price: Money,
    pub category: Option<String>,
    /// 1 = most wanted.
    pub priority: u8,
    pub by: Option<NaiveDate>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub status: WishStatus,
    pub added_on: NaiveDate,
    /// What it cost, once bought (positive).
    pub paid: Option<Money>,
    pub bought_on: Option<NaiveDate>,
    pub tx: Option<i64>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WishError {
    #[error("priority {0} is not between 1 (most wanted) and 5")]
    Priority(i64),
    #[error("the price must be more than zero")]
    Price,
    #[error("--by {by} is before {as_of}")]
    ByInThePast { by: NaiveDate, as_of: NaiveDate },
    #[error("the name is empty")]
    Name,
}

pub fn check_priority(priority: i64) -> Result<u8, WishError> {
    u8::try_from(priority)
        .ok()
        .filter(|p| (1..=5).contains(p))
        .ok_or(WishError::Priority(priority))
}

impl Wish {
    /// Days since it was added, as of a day.
    pub fn age_days(&self, as_of: NaiveDate) -> i64 {
        (as_of - self.added_on).num_days().max(0)
    }

    /// A wish younger than the cooling-off period is still an impulse.
    pub fn cooling_off(&self, as_of: NaiveDate, days: i64) -> bool {
        self.status == WishStatus::Wanted && self.age_days(as_of) < days
    }

    /// What to put aside each month, from `as_of` until the deadline, to have the price
    /// by then; `None` without a deadline or once bought or dropped.
    pub fn monthly_saving(&self, as_of: NaiveDate) -> Option<Money> {
        let by = self.by?;
        if self.status != WishStatus::Wanted {
            return None;
        }
        let n = i64::from(installments(as_of, by).max(1));
        // Rounded up to the currency's smallest unit, so the savings reach the price.
        let per = self.price.minor.div_euclid(n) + i64::from(self.price.minor.rem_euclid(n) != 0);
        Some(Money::new(per, self.price.currency))
    }
}

/// Monthly saving dates `as_of`, `as_of` + 1 month, … that fall before `by`.
pub fn installments(as_of: NaiveDate, by: NaiveDate) -> u32 {
    if by <= as_of {
        return 0;
    }
    let months = (by.year() - as_of.year()) * 12 + by.month() as i32 - as_of.month() as i32;
    let mut n = months.max(0) as u32;
    // Count the dates as_of + k months (k = 0..) strictly before `by`.
    while n > 0
        && as_of
            .checked_add_months(Months::new(n - 1))
            .is_none_or(|d| d >= by)
    {
        n -= 1;
    }
    while as_of
        .checked_add_months(Months::new(n))
        .is_some_and(|d| d < by)
    {
        n += 1;
    }
    n
}

/// Words that say nothing about what a wish is.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "new", "a", "an", "to", "of", "in", "my", "that", "is", "more",
    "easier", "better", "새", "더", "좋은", "것",
];

/// The words of a wish's name worth finding in a statement line.
pub fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Why an imported purchase looks like a wish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// A word of the wish's name is in the payee or memo.
    Word(String),
    /// Same category, and the price within the band around the target.
    CategoryAndPrice,
}

/// The price band around the target that counts as "about the price": ±40%.
pub const PRICE_BAND_PCT: i64 = 40;

/// Whether a purchase (money out) looks like a wanted wish.
pub fn looks_like(
    wish: &Wish,
    payee: &str,
    memo: &str,
    amount: Money,
    category: Option<&str>,
) -> Option<Likeness> {
    if wish.status != WishStatus::Wanted || amount.minor >= 0 {
        return None;
    }
    let text = format!("{}\n{}", fold(payee), fold(memo));
    if let Some(word) = name_words(&wish.name)
        .into_iter()
        .find(|w| text.contains(w.as_str()))
    {
        return Some(Likeness::Word(word));
    }
    let same_category = match (&wish.category, category) {
        (Some(w), Some(c)) => w.eq_ignore_ascii_case(c),
        _ => false,
    };
    if same_category && amount.currency == wish.price.currency {
        let paid = i128::from(amount.minor).abs();
        let price = i128::from(wish.price.minor);
        let band = price * i128::from(PRICE_BAND_PCT) / 100;
        if (price - band..=price + band).contains(&paid) {
            return Some(Likeness::CategoryAndPrice);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn wish(name: &str, price: i64, by: Option<NaiveDate>) -> Wish {
        Wish {
            id: 1,
            name: name.into(),
            price: Money::new(price, Currency::KRW),
            category: Some("camping".into()),
            priority: 3,
            by,
            url: None,
            note: None,
            status: WishStatus::Wanted,
            added_on: d(2025, 11, 1),
            paid: None,
            bought_on: None,
            tx: None,
        }
    }

    #[test]
    fn installments_count_saving_days_before_the_deadline() {
        let cases = [
            (d(2025, 11, 1), d(2026, 3, 1), 4),  // Nov, Dec, Jan, Feb
            (d(2025, 11, 28), d(2026, 3, 1), 4), // 11-28, 12-28, 01-28, 02-28
            (d(2025, 11, 28), d(2026, 2, 28), 3),
            (d(2025, 12, 31), d(2026, 1, 1), 1),
            (d(2025, 1, 31), d(2025, 3, 1), 2), // Jan 31, Feb 28
            (d(2025, 3, 1), d(2025, 3, 1), 0),
            (d(2024, 2, 29), d(2025, 2, 28), 12),
        ];
        for (as_of, by, want) in cases {
            assert_eq!(installments(as_of, by), want, "{as_of} -> {by}");
        }
    }

    #[test]
    fn monthly_saving_across_a_year_boundary_rounds_up() {
        let trip = wish("뉴질랜드 여행", 4_000_000, Some(d(2026, 3, 1)));
        assert_eq!(
            trip.monthly_saving(d(2025, 11, 1)),
            Some(Money::new(1_000_000, Currency::KRW))
        );
        let odd = wish("x", 1_000_001, Some(d(2026, 3, 1)));
        assert_eq!(odd.monthly_saving(d(2025, 11, 1)).unwrap().minor, 250_001);
        assert_eq!(wish("x", 10, None).monthly_saving(d(2025, 11, 1)), None);
        // Past the deadline: the whole price now.
        assert_eq!(trip.monthly_saving(d(2026, 4, 1)).unwrap().minor, 4_000_000);
    }

    #[test]
    fn cooling_off_lasts_thirty_days() {
        let w = wish("x", 10, None);
        assert!(w.cooling_off(d(2025, 11, 30), COOLING_OFF_DAYS));
        assert!(!w.cooling_off(d(2025, 12, 1), COOLING_OFF_DAYS));
    }

    #[test]
    fn a_purchase_looks_like_a_wish_by_word_or_by_category_and_price() {
        let tent = wish("Tent that is easier to pitch (원터치 텐트)", 300_000, None);
        let krw = |m| Money::new(m, Currency::KRW);
        assert_eq!(
            looks_like(&tent, "코베아 공식몰", "원터치 텐트", krw(-289_000), None),
            Some(Likeness::Word("원터치".into()))
        );
        assert_eq!(
            looks_like(&tent, "Snow Peak", "", krw(-181_000), Some("camping")),
            Some(Likeness::CategoryAndPrice)
        );
        assert_eq!(
            looks_like(&tent, "Snow Peak", "", krw(-179_000), Some("camping")),
            None
        );
        assert_eq!(
            looks_like(&tent, "Snow Peak", "", krw(-420_000), Some("camping")),
            Some(Likeness::CategoryAndPrice)
        );
        assert_eq!(
            looks_like(&tent, "Snow Peak", "", krw(-421_000), Some("camping")),
            None
        );
        assert_eq!(
            looks_like(&tent, "텐트 환불", "", krw(289_000), None),
            None,
            "money in"
        );
        assert_eq!(
            looks_like(&tent, "that is easier", "", krw(-1), None),
            None,
            "stopwords"
        );
    }
}
