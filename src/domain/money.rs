//! TEMPORARY STUB — replaced by the real module.
use rust_decimal::Decimal;
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Currency([u8; 3]);
impl Currency {
    pub const KRW: Currency = Currency(*b"KRW");
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let c = code.trim().to_ascii_uppercase();
        let b = c.as_bytes();
        if b.len() == 3 {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(MoneyError::UnknownCurrency(code.into()))
        }
    }
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap()
    }
    pub fn exponent(&self) -> u32 {
        if self.code() == "KRW" {
            0
        } else {
            2
        }
    }
}
impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}
impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }
    pub fn checked_add(self, o: Money) -> Option<Money> {
        Some(Money::new(self.minor.checked_add(o.minor)?, self.currency))
    }
    pub fn checked_neg(self) -> Option<Money> {
        Some(Money::new(self.minor.checked_neg()?, self.currency))
    }
    pub fn abs(self) -> Money {
        Money::new(self.minor.saturating_abs(), self.currency)
    }
    pub fn to_decimal(&self) -> Decimal {
        Decimal::new(self.minor, self.currency.exponent())
    }
    pub fn plain(&self) -> String {
        self.to_decimal().to_string()
    }
    pub fn grouped(&self) -> String {
        self.plain()
    }
}
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum NumberStyle {
    #[default]
    DecimalPoint,
    DecimalComma,
}
#[derive(Debug, thiserror::Error)]
pub enum MoneyError {
    #[error("unknown currency code \"{0}\"")]
    UnknownCurrency(String),
    #[error("amount \"{text}\" is too large")]
    Overflow { text: String },
    #[error("unreadable amount \"{0}\"")]
    Unreadable(String),
}
pub fn parse_money(
    text: &str,
    _s: NumberStyle,
    currency: Currency,
    _e: bool,
) -> Result<Money, MoneyError> {
    let t: String = text.chars().filter(|c| *c != ',').collect();
    let d: Decimal = t
        .trim()
        .parse()
        .map_err(|_| MoneyError::Unreadable(text.into()))?;
    let m = d * Decimal::from(10i64.pow(currency.exponent()));
    Ok(Money::new(m.trunc().mantissa() as i64, currency))
}
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.plain(), self.currency)
    }
}
pub struct ParsedAmount {
    pub value: Decimal,
}
pub fn parse_amount(text: &str, _s: NumberStyle) -> Result<ParsedAmount, MoneyError> {
    let t: String = text.chars().filter(|c| *c != ',').collect();
    Ok(ParsedAmount {
        value: t
            .trim()
            .parse()
            .map_err(|_| MoneyError::Unreadable(text.into()))?,
    })
}
