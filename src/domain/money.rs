//! Exact money: ISO 4217 currencies, amounts in integer minor units, and a parser for amounts
//! the way bank and card statements write them ("₩12,000", "(1,234.56)", "1.234,56 €").
//! No floats anywhere: a ledger that is off by a rounding error is a visible bug.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Active ISO 4217 codes, sorted, one space apart (text keeps the table compact). Metals, bond
/// units, SDR and test codes (XAU, XBA, XDR, XTS, ...) have no minor unit and are left out;
/// ANG and XCG, SLL and SLE, ZWL and ZWG are both kept while old statements still use them.
const ACTIVE: &str = "\
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN \
    BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP \
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK \
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK \
    MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN \
    PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB \
    TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD \
    XCG XOF XPF YER ZAR ZMW ZWG ZWL";
/// Codes whose minor unit is not 2 digits.
const EXPONENT_0: &str = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const EXPONENT_3: &str = "BHD IQD JOD KWD LYD OMR TND";
const EXPONENT_4: &str = "CLF UYW";

fn listed(table: &str, code: &[u8; 3]) -> bool {
    table
        .as_bytes()
        .chunks(4)
        .any(|c| c.get(..3) == Some(&code[..]))
}

/// ISO 4217 currency code, validated against the built-in table of active codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const KRW: Currency = Currency(*b"KRW");
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const JPY: Currency = Currency(*b"JPY");
    pub const GBP: Currency = Currency(*b"GBP");
    const CAD: Currency = Currency(*b"CAD");
    const AUD: Currency = Currency(*b"AUD");
    const NZD: Currency = Currency(*b"NZD");
    const SGD: Currency = Currency(*b"SGD");
    const HKD: Currency = Currency(*b"HKD");
    const TWD: Currency = Currency(*b"TWD");
    const MXN: Currency = Currency(*b"MXN");
    const CNY: Currency = Currency(*b"CNY");

    /// Trims and accepts lower case ("krw"); anything not in the active list is an error.
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let trimmed = code.trim();
        match <[u8; 3]>::try_from(trimmed.to_ascii_uppercase().as_bytes()) {
            Ok(bytes) if listed(ACTIVE, &bytes) => Ok(Currency(bytes)),
            _ => Err(MoneyError::UnknownCurrency(trimmed.to_string())),
        }
    }

    pub fn code(&self) -> &str {
        // Only ever built from the ASCII table, so the fallback is unreachable.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Minor-unit digits: KRW 0, USD 2, KWD 3, CLF 4.
    pub fn exponent(&self) -> u32 {
        if listed(EXPONENT_0, &self.0) {
            0
        } else if listed(EXPONENT_3, &self.0) {
            3
        } else if listed(EXPONENT_4, &self.0) {
            4
        } else {
            2
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Debug shows the code, not three bytes.
impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Currency, MoneyError> {
        Currency::parse(s)
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        let text = String::deserialize(deserializer)?;
        Currency::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount is empty")]
    Empty,
    #[error("unreadable amount \"{0}\"")]
    Unreadable(String),
    #[error("amount \"{0}\" is too large")]
    TooLarge(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("unknown currency code \"{0}\"")]
    UnknownCurrency(String),
    #[error("amount \"{text}\" has more decimals than {currency} allows ({allowed})")]
    TooManyDecimals {
        text: String,
        currency: Currency,
        allowed: u32,
    },
    #[error("amount \"{text}\" is too large")]
    Overflow { text: String },
    #[error("amount \"{text}\" is marked as {found} but the row's currency is {expected}")]
    CurrencyConflict {
        text: String,
        found: Currency,
        expected: Currency,
    },
    #[error(transparent)]
    Amount(#[from] AmountError),
}

/// An exact amount in integer minor units of one currency. Negative = money out.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Exact conversion: trailing zeros beyond the exponent are fine (12000.00 KRW), any other
    /// extra digit is an error rather than a silent rounding.
    pub fn from_decimal(value: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        Money::exact(value, currency, || value.to_string())
    }

    /// from_decimal, with errors that quote `text` as the user wrote it.
    fn exact(
        value: Decimal,
        currency: Currency,
        text: impl Fn() -> String,
    ) -> Result<Money, MoneyError> {
        let (allowed, mut minor, mut scale) =
            (currency.exponent(), value.mantissa(), value.scale());
        while scale > allowed {
            if minor % 10 != 0 {
                return Err(MoneyError::TooManyDecimals {
                    text: text(),
                    currency,
                    allowed,
                });
            }
            (minor, scale) = (minor / 10, scale - 1);
        }
        // 10^4 times a 96-bit mantissa fits i128, so only the i64 conversion can fail.
        let minor = minor.checked_mul(10i128.pow(allowed - scale));
        match minor.and_then(|m| i64::try_from(m).ok()) {
            Some(minor) => Ok(Money::new(minor, currency)),
            None => Err(MoneyError::Overflow { text: text() }),
        }
    }

    /// Scale is always the currency exponent, so USD -1250 minor is -12.50.
    pub fn to_decimal(&self) -> Decimal {
        Decimal::new(self.minor, self.currency.exponent())
    }

    /// None on currency mismatch or overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        let minor = self.minor.checked_add(other.minor)?;
        Some(Money::new(minor, self.currency))
    }

    pub fn checked_neg(self) -> Option<Money> {
        Some(Money::new(self.minor.checked_neg()?, self.currency))
    }

    /// Saturating: i64::MIN minor units become i64::MAX, since no real amount gets there.
    pub fn abs(self) -> Money {
        Money::new(self.minor.saturating_abs(), self.currency)
    }

    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    /// Exact decimal string with the currency's exponent digits ("-12.50", "-165000"): JSON, CSV.
    pub fn plain(&self) -> String {
        self.render(false)
    }

    /// With thousands separators for people ("-1,250.00", "165,000"); no currency code.
    pub fn grouped(&self) -> String {
        self.render(true)
    }

    fn render(&self, grouped: bool) -> String {
        let exponent = self.currency.exponent();
        // unsigned_abs: i64::MIN has no positive i64 counterpart.
        let (abs, unit) = (self.minor.unsigned_abs(), 10u64.pow(exponent));
        let digits = (abs / unit).to_string();
        let mut out = String::from(if self.minor < 0 { "-" } else { "" });
        for (i, c) in digits.chars().enumerate() {
            if grouped && i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if exponent > 0 {
            let width = exponent as usize;
            out += &format!(".{:0width$}", abs % unit);
        }
        out
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.plain(), self.currency)
    }
}

/// Which character is the decimal separator in a statement's amounts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum NumberStyle {
    /// 1,234.56 (also 1'234.56 and 1 234.56)
    #[default]
    DecimalPoint,
    /// 1.234,56 (also 1 234,56 with space or NBSP, and 1'234,56)
    DecimalComma,
}

/// A currency symbol found in amount text. Unlike codes, symbols can be ambiguous ($).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Symbol {
    /// ₩ ￦ 원
    Won,
    /// $
    Dollar,
    /// US$
    UsDollar,
    /// €
    Euro,
    /// £
    Pound,
    /// ¥ ￥ 円
    Yen,
    /// 元
    Yuan,
}

impl Symbol {
    /// Currencies this symbol can stand for; the first is what it means when nothing else says.
    pub fn compatible(&self) -> &'static [Currency] {
        match self {
            Symbol::Won => &[Currency::KRW],
            Symbol::Dollar => &[
                Currency::USD,
                Currency::CAD,
                Currency::AUD,
                Currency::NZD,
                Currency::SGD,
                Currency::HKD,
                Currency::TWD,
                Currency::MXN,
            ],
            Symbol::UsDollar => &[Currency::USD],
            Symbol::Euro => &[Currency::EUR],
            Symbol::Pound => &[Currency::GBP],
            Symbol::Yen => &[Currency::JPY, Currency::CNY],
            Symbol::Yuan => &[Currency::CNY],
        }
    }
}

/// "US$" comes before "$" so the longer mark wins at either end.
const SYMBOLS: &[(&str, Symbol)] = &[
    ("US$", Symbol::UsDollar),
    ("$", Symbol::Dollar),
    ("₩", Symbol::Won),
    ("￦", Symbol::Won),
    ("원", Symbol::Won),
    ("€", Symbol::Euro),
    ("£", Symbol::Pound),
    ("¥", Symbol::Yen),
    ("￥", Symbol::Yen),
    ("円", Symbol::Yen),
    ("元", Symbol::Yuan),
];

/// A currency mark found in the amount text: a code (KRW 12,000 / 12.00 USD) or a symbol.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CurrencyMark {
    Code(Currency),
    Symbol(Symbol),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ParsedAmount {
    /// Signed, with the scale as written ("12,000.00" has scale 2).
    pub value: Decimal,
    pub mark: Option<CurrencyMark>,
}

/// Full-width forms (Korean/Japanese exports) and typographic minus signs read as ASCII.
fn normalize(c: char) -> char {
    match c {
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
        '，' => ',',
        '．' => '.',
        '＋' => '+',
        '－' | '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{fe63}' => '-',
        '（' => '(',
        '）' => ')',
        '＇' | '\u{2019}' => '\'',
        _ => c,
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn mark_at_start(s: &str) -> Option<(CurrencyMark, &str)> {
    for (sym, mark) in SYMBOLS {
        if let Some(rest) = s.strip_prefix(sym) {
            return Some((CurrencyMark::Symbol(*mark), rest));
        }
    }
    let b = s.as_bytes();
    let letters = b.get(..3)?.iter().all(u8::is_ascii_alphabetic);
    // A code must stand alone: "KRW12" yes, "KRWX 12" no.
    if letters && !b.get(3).is_some_and(u8::is_ascii_alphabetic) {
        let currency = Currency::parse(s.get(..3)?).ok()?;
        return Some((CurrencyMark::Code(currency), s.get(3..)?));
    }
    None
}

fn mark_at_end(s: &str) -> Option<(CurrencyMark, &str)> {
    for (sym, mark) in SYMBOLS {
        if let Some(rest) = s.strip_suffix(sym) {
            return Some((CurrencyMark::Symbol(*mark), rest));
        }
    }
    let b = s.as_bytes();
    let start = b.len().checked_sub(3)?;
    let letters = b[start..].iter().all(u8::is_ascii_alphabetic);
    if letters && !b[..start].last().is_some_and(u8::is_ascii_alphabetic) {
        let currency = Currency::parse(s.get(start..)?).ok()?;
        return Some((CurrencyMark::Code(currency), s.get(..start)?));
    }
    None
}

/// Splits the bare number into integer and fraction digits, validating grouping.
fn split_number(mid: &str, style: NumberStyle) -> Option<(String, String)> {
    let (point, group_marks) = match style {
        NumberStyle::DecimalPoint => ('.', ','),
        NumberStyle::DecimalComma => (',', '.'),
    };
    let (mut int, mut frac) = (String::new(), None::<String>);
    let (mut groups, mut group_len, mut separator) = (Vec::new(), 0usize, None);
    for c in mid.chars() {
        if c.is_ascii_digit() {
            match &mut frac {
                Some(f) => f.push(c),
                None => {
                    int.push(c);
                    group_len += 1;
                }
            }
        } else if c == point && frac.is_none() {
            frac = Some(String::new());
        } else if frac.is_none() && (c == group_marks || c == '\'' || is_blank(c)) {
            // One kind of separator per number; all spaces count as one kind.
            let kind = if is_blank(c) { ' ' } else { c };
            if *separator.get_or_insert(kind) != kind {
                return None;
            }
            groups.push(group_len);
            group_len = 0;
        } else {
            return None;
        }
    }
    groups.push(group_len);
    let frac = frac.unwrap_or_default();
    let grouping_ok = match groups.split_first() {
        Some((_, [])) => true,
        Some((first, rest)) => (1..=3).contains(first) && rest.iter().all(|&g| g == 3),
        None => false,
    };
    (grouping_ok && !(int.is_empty() && frac.is_empty())).then_some((int, frac))
}

/// None when the digits do not fit a Decimal (after dropping trailing fraction zeros).
fn build_decimal(int: &str, frac: &str, negative: bool) -> Option<Decimal> {
    let attempt = |frac: &str| {
        let scale = u32::try_from(frac.len()).ok()?;
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale).ok()
    };
    attempt(frac).or_else(|| attempt(frac.trim_end_matches('0')))
}

/// Parses an amount as statements write it: signs before or after, parentheses for negatives,
/// a currency code or symbol on either side, thousands grouping (validated, so "1,2345" is an
/// error rather than 12345), and single quotes around the whole ('-0.6', as Amazon writes).
pub fn parse_amount(text: &str, style: NumberStyle) -> Result<ParsedAmount, AmountError> {
    let unreadable = || AmountError::Unreadable(text.to_string());
    // `normalize` changes only non-ASCII characters.
    let normalized: std::borrow::Cow<str> = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(normalize).collect())
    };
    let mut rest = normalized.trim_matches(is_blank);
    if rest.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(inner) = rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        rest = inner.trim_matches(is_blank);
    }
    let (mut signs, mut negative, mut open, mut close, mut mark) = (0, false, false, false, None);
    loop {
        rest = rest.trim_start_matches(is_blank);
        if let Some(r) = rest.strip_prefix(['-', '+']) {
            (signs, negative) = (signs + 1, negative || rest.starts_with('-'));
            rest = r;
        } else if let Some(r) = rest.strip_prefix('(').filter(|_| !open) {
            (open, rest) = (true, r);
        } else if let Some((m, r)) = mark_at_start(rest) {
            if mark.replace(m).is_some() {
                return Err(unreadable());
            }
            rest = r;
        } else {
            break;
        }
    }
    loop {
        rest = rest.trim_end_matches(is_blank);
        if let Some(r) = rest.strip_suffix(['-', '+']) {
            (signs, negative) = (signs + 1, negative || rest.ends_with('-'));
            rest = r;
        } else if let Some(r) = rest.strip_suffix(')').filter(|_| !close) {
            (close, rest) = (true, r);
        } else if let Some((m, r)) = mark_at_end(rest) {
            if mark.replace(m).is_some() {
                return Err(unreadable());
            }
            rest = r;
        } else {
            break;
        }
    }
    // Parentheses are a sign of their own: "(-5)" and "--5" say it twice.
    if open != close || signs + u32::from(open) > 1 {
        return Err(unreadable());
    }
    let (int, frac) = split_number(rest, style).ok_or_else(unreadable)?;
    let value = build_decimal(&int, &frac, negative || open)
        .ok_or_else(|| AmountError::TooLarge(text.to_string()))?;
    Ok(ParsedAmount { value, mark })
}

/// Turns a parsed amount into Money in the currency the row and its mark agree on.
/// `explicit` says `currency` came from the file or profile rather than being a default:
/// then a conflicting mark is an error; otherwise a code wins, and a symbol keeps `currency`
/// when it can stand for it and falls back to the symbol's default currency when not.
pub fn to_money(
    parsed: &ParsedAmount,
    text: &str,
    currency: Currency,
    explicit: bool,
) -> Result<Money, MoneyError> {
    let found = match parsed.mark {
        None => currency,
        Some(CurrencyMark::Code(code)) => code,
        Some(CurrencyMark::Symbol(s)) if s.compatible().contains(&currency) => currency,
        Some(CurrencyMark::Symbol(s)) => s.compatible().first().copied().unwrap_or(currency),
    };
    if explicit && found != currency {
        let text = text.to_string();
        return Err(MoneyError::CurrencyConflict {
            text,
            found,
            expected: currency,
        });
    }
    Money::exact(parsed.value, found, || text.to_string())
}

/// parse_amount followed by to_money.
pub fn parse_money(
    text: &str,
    style: NumberStyle,
    currency: Currency,
    explicit: bool,
) -> Result<Money, MoneyError> {
    to_money(&parse_amount(text, style)?, text, currency, explicit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{DecimalComma as C, DecimalPoint as P};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }
    fn cur(s: &str) -> Currency {
        Currency::parse(s).unwrap()
    }
    const fn sym(s: Symbol) -> Option<CurrencyMark> {
        Some(CurrencyMark::Symbol(s))
    }
    const fn code(c: Currency) -> Option<CurrencyMark> {
        Some(CurrencyMark::Code(c))
    }

    #[test]
    fn currency_table_is_well_formed() {
        let codes: Vec<&str> = ACTIVE.split(' ').collect();
        assert!((150..=190).contains(&codes.len()), "{}", codes.len());
        let upper = |c: &&str| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
        assert!(codes.iter().all(upper));
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for table in [EXPONENT_0, EXPONENT_3, EXPONENT_4] {
            assert!(table.split(' ').all(|c| codes.contains(&c)), "{table}");
        }
        let consts = [
            Currency::KRW,
            Currency::USD,
            Currency::EUR,
            Currency::JPY,
            Currency::GBP,
        ];
        let marks = Symbol::Dollar
            .compatible()
            .iter()
            .chain(Symbol::Yen.compatible());
        for c in consts.iter().chain(marks) {
            assert_eq!(Currency::parse(c.code()).as_ref(), Ok(c));
        }
    }

    #[test]
    fn currency_parse_and_exponent() {
        let ok = [
            ("KRW", "KRW", 0),
            ("krw", "KRW", 0),
            (" usd\n", "USD", 2),
            ("JPY", "JPY", 0),
            ("EUR", "EUR", 2),
            ("KWD", "KWD", 3),
            ("BHD", "BHD", 3),
            ("CLF", "CLF", 4),
            ("UYW", "UYW", 4),
            ("UYI", "UYI", 0),
            ("XOF", "XOF", 0),
            ("XCD", "XCD", 2),
        ];
        for (input, want, exponent) in ok {
            let c = Currency::parse(input).unwrap();
            assert_eq!((c.code(), c.exponent()), (want, exponent), "{input}");
            assert_eq!((c.to_string(), input.parse()), (want.to_string(), Ok(c)));
        }
        for bad in "XYZ||KR|KRWX|₩|K W|XAU|krw1|ＫＲＷ|ÅÄÖ| EURO ".split('|') {
            let err = MoneyError::UnknownCurrency(bad.trim().to_string());
            assert_eq!(Currency::parse(bad), Err(err));
        }
        let message = MoneyError::UnknownCurrency("XYZ".into()).to_string();
        assert_eq!(message, r#"unknown currency code "XYZ""#);
    }

    #[test]
    fn currency_deserializes_from_code() {
        use serde::de::{value::Error, IntoDeserializer};
        let de = |s: &'static str| serde::Deserialize::deserialize(s.into_deserializer());
        let ok: Result<Currency, Error> = de("usd");
        assert_eq!(ok.unwrap(), Currency::USD);
        let bad: Result<Currency, Error> = de("XYZ");
        assert!(bad.is_err());
    }

    #[test]
    fn from_decimal_is_exact() {
        let ok = [
            ("12000", "KRW", 12000),
            ("12000.00", "KRW", 12000),
            ("-12.5", "USD", -1250),
            ("-12.50", "USD", -1250),
            ("1.2300", "USD", 123),
            ("0.000", "KRW", 0),
            ("-0.00", "USD", 0),
            ("1.234", "KWD", 1234),
            ("0.0001", "CLF", 1),
            ("9223372036854775807", "KRW", i64::MAX),
            ("-9223372036854775808", "KRW", i64::MIN),
            ("92233720368547758.07", "USD", i64::MAX),
            ("92233720368547758.0700", "USD", i64::MAX),
        ];
        for (value, currency, minor) in ok {
            let want = Money::new(minor, cur(currency));
            assert_eq!(
                Money::from_decimal(d(value), cur(currency)),
                Ok(want),
                "{value}"
            );
        }
        // (value, currency, Some(allowed) for TooManyDecimals, None for Overflow)
        let bad = [
            ("12000.5", "KRW", Some(0)),
            ("12.345", "USD", Some(2)),
            ("0.00001", "CLF", Some(4)),
            ("9223372036854775808", "KRW", None),
            ("-9223372036854775809", "KRW", None),
            ("92233720368547758.08", "USD", None),
            ("79228162514264337593543950335", "CLF", None),
        ];
        for (value, code, allowed) in bad {
            let (text, currency) = (value.to_string(), cur(code));
            let want = match allowed {
                Some(allowed) => MoneyError::TooManyDecimals {
                    text,
                    currency,
                    allowed,
                },
                None => MoneyError::Overflow { text },
            };
            assert_eq!(Money::from_decimal(d(value), currency), Err(want));
        }
    }

    #[test]
    fn arithmetic_and_predicates() {
        let money = |minor| Money::new(minor, Currency::KRW);
        let (krw, usd) = (money(1000), Money::new(1000, Currency::USD));
        let (max, min) = (money(i64::MAX), money(i64::MIN));
        assert_eq!(krw.checked_add(krw), Some(money(2000)));
        assert_eq!(krw.checked_add(usd), None);
        assert_eq!(max.checked_add(krw), None);
        assert_eq!(krw.checked_neg(), Some(money(-1000)));
        assert_eq!(min.checked_neg(), None);
        assert_eq!((money(-5).abs(), min.abs()), (money(5), max));
        assert!(money(0).is_zero() && !krw.is_zero());
        assert!(money(-1).is_negative() && !krw.is_negative() && !money(0).is_negative());
        let cents = Money::new(-1250, Currency::USD).to_decimal();
        assert_eq!(cents.to_string(), "-12.50");
        assert_eq!(min.to_decimal(), Decimal::from(i64::MIN));
    }

    #[test]
    fn plain_and_grouped() {
        let cases = [
            (165000, "KRW", "165000", "165,000"),
            (-165000, "KRW", "-165000", "-165,000"),
            (0, "KRW", "0", "0"),
            (999, "KRW", "999", "999"),
            (1000, "KRW", "1000", "1,000"),
            (-125000, "USD", "-1250.00", "-1,250.00"),
            (-1250, "USD", "-12.50", "-12.50"),
            (-5, "USD", "-0.05", "-0.05"),
            (0, "USD", "0.00", "0.00"),
            (1234567, "KWD", "1234.567", "1,234.567"),
            (-1, "KWD", "-0.001", "-0.001"),
            (12345, "CLF", "1.2345", "1.2345"),
            (
                i64::MAX,
                "KRW",
                "9223372036854775807",
                "9,223,372,036,854,775,807",
            ),
            (
                i64::MIN,
                "KRW",
                "-9223372036854775808",
                "-9,223,372,036,854,775,808",
            ),
            (
                i64::MIN,
                "USD",
                "-92233720368547758.08",
                "-92,233,720,368,547,758.08",
            ),
        ];
        for (minor, currency, plain, grouped) in cases {
            let m = Money::new(minor, cur(currency));
            assert_eq!((m.plain().as_str(), m.grouped().as_str()), (plain, grouped));
            assert_eq!(m.to_string(), format!("{plain} {currency}"));
            assert_eq!(Money::from_decimal(m.to_decimal(), m.currency), Ok(m));
        }
    }

    #[test]
    fn parse_amount_accepts_statement_forms() {
        let cases: &[(&str, NumberStyle, &str, Option<CurrencyMark>)] = &[
            ("-12,000", P, "-12000", None),
            ("12000원", P, "12000", sym(Symbol::Won)),
            ("12,000 원", P, "12000", sym(Symbol::Won)),
            ("₩12,000", P, "12000", sym(Symbol::Won)),
            ("￦12,000", P, "12000", sym(Symbol::Won)),
            ("+3,000", P, "3000", None),
            ("(1,234.56)", P, "-1234.56", None),
            ("−5,600", P, "-5600", None),
            ("－５，６００", P, "-5600", None),
            ("$1,250.00", P, "1250.00", sym(Symbol::Dollar)),
            ("-$1,250.00", P, "-1250.00", sym(Symbol::Dollar)),
            ("$-1,250.00", P, "-1250.00", sym(Symbol::Dollar)),
            ("US$ 5", P, "5", sym(Symbol::UsDollar)),
            ("5 US$", P, "5", sym(Symbol::UsDollar)),
            ("KRW 12,000", P, "12000", code(Currency::KRW)),
            ("12,000 KRW", P, "12000", code(Currency::KRW)),
            ("12.00usd", P, "12.00", code(Currency::USD)),
            ("-EUR5", P, "-5", code(Currency::EUR)),
            ("  12,000  ", P, "12000", None),
            ("\u{a0}12,000\u{3000}", P, "12000", None),
            ("1,234-", P, "-1234", None),
            ("'-0.6'", P, "-0.6", None),
            ("0", P, "0", None),
            ("-0", P, "0", None),
            ("0.00", P, "0.00", None),
            (".5", P, "0.5", None),
            ("5.", P, "5", None),
            ("12,000.00", P, "12000.00", None),
            ("1,234,567.891", P, "1234567.891", None),
            ("1'234.50", P, "1234.50", None),
            ("007", P, "7", None),
            ("¥1,000", P, "1000", sym(Symbol::Yen)),
            ("1000円", P, "1000", sym(Symbol::Yen)),
            ("12元", P, "12", sym(Symbol::Yuan)),
            ("£3.50", P, "3.50", sym(Symbol::Pound)),
            ("(₩1,000)", P, "-1000", sym(Symbol::Won)),
            ("1.234,56", C, "1234.56", None),
            ("-1.234,56 €", C, "-1234.56", sym(Symbol::Euro)),
            ("1 234,56", C, "1234.56", None),
            ("1\u{a0}234,56", C, "1234.56", None),
            ("1\u{202f}234\u{202f}567", C, "1234567", None),
            ("1'234,56", C, "1234.56", None),
            ("12,5", C, "12.5", None),
            ("1.234.567", C, "1234567", None),
            ("EUR 0,01", C, "0.01", code(Currency::EUR)),
            ("0.1000000000000000000000000000000", P, "0.1", None),
            (
                "79228162514264337593543950335",
                P,
                "79228162514264337593543950335",
                None,
            ),
        ];
        for &(text, style, value, mark) in cases {
            let parsed = parse_amount(text, style).unwrap_or_else(|e| panic!("{text}: {e}"));
            let want = ParsedAmount {
                value: d(value),
                mark,
            };
            assert_eq!(parsed, want, "{text}");
        }
        assert_eq!(parse_amount("12,000.00", P).unwrap().value.scale(), 2);
        assert!(!parse_amount("-0", P).unwrap().value.is_sign_negative());
    }

    #[test]
    fn parse_amount_errors() {
        for blank in ["", "   ", "\u{a0}\u{3000}\t", "\u{feff}"] {
            assert_eq!(parse_amount(blank, P), Err(AmountError::Empty), "{blank:?}");
        }
        // '|'-separated so the tables stay one line per kind of mistake.
        let unreadable_point = [
            "abc|1e309|NaN|0x1F|1_000|١٢٣|-|$|KRW|.|()|''",
            "1.2.3|1,234.56.|--5|-5-|+-5|-(5)|(5|5)|((5))",
            "1,2345|12,34|1234,567|,123|1,,234|1,234,|1.234,5|1.234,567|1,234 567|5 5",
            "XYZ 5|$5 USD|₩5원|KRWX 5",
        ];
        let unreadable_comma = ["1.2.3|12.50|1,234.5|1,2,3|1.234,5,6"];
        let too_large = [
            "9999999999999999999999999999999999999999",
            "79228162514264337593543950336|0.00000000000000000000000000001",
        ];
        let unreadable = AmountError::Unreadable as fn(String) -> AmountError;
        let tables = [
            (&unreadable_point[..], P, unreadable),
            (&unreadable_comma[..], C, unreadable),
            (&too_large[..], P, AmountError::TooLarge),
        ];
        for (rows, style, kind) in tables {
            for text in rows.iter().flat_map(|row| row.split('|')) {
                assert_eq!(parse_amount(text, style), Err(kind(text.into())), "{text}");
            }
        }
        let message = AmountError::TooLarge("99999999999999999999".into()).to_string();
        assert_eq!(message, r#"amount "99999999999999999999" is too large"#);
        assert_eq!(
            unreadable("abc".into()).to_string(),
            r#"unreadable amount "abc""#
        );
    }

    #[test]
    fn parse_money_resolves_currency() {
        // (text, row currency, explicit, the Money or the error as displayed)
        let cases = [
            ("12,000", "KRW", true, "12000 KRW"),
            ("12,000원", "KRW", true, "12000 KRW"),
            ("12,000.00", "KRW", true, "12000 KRW"),
            ("$5.00", "KRW", false, "5.00 USD"),
            ("$5.00", "CAD", true, "5.00 CAD"),
            ("$5.00", "CAD", false, "5.00 CAD"),
            ("US$5", "CAD", false, "5.00 USD"),
            ("5 USD", "KRW", false, "5.00 USD"),
            ("5 USD", "USD", true, "5.00 USD"),
            ("¥500", "CNY", true, "500.00 CNY"),
            ("¥500", "KRW", false, "500 JPY"),
            (
                "12.345",
                "KRW",
                true,
                "has more decimals than KRW allows (0)",
            ),
            (
                "₩0.5",
                "USD",
                false,
                "has more decimals than KRW allows (0)",
            ),
            ("99999999999999999999", "KRW", true, "is too large"),
            ("abc", "KRW", true, r#"unreadable amount "abc""#),
            (" ", "KRW", true, "amount is empty"),
        ];
        for (text, currency, explicit, want) in cases {
            match parse_money(text, P, cur(currency), explicit) {
                Ok(m) => assert_eq!(m.to_string(), want, "{text}"),
                Err(e) => assert!(e.to_string().ends_with(want), "{text}: {e}"),
            }
        }
        // Explicit row currency against a mark: (text, row currency, mark's currency)
        let conflicts = [
            ("$5.00", "KRW", "USD"),
            ("US$5", "CAD", "USD"),
            ("5 USD", "KRW", "USD"),
        ];
        for (text, row, found) in conflicts.into_iter().chain([("€1.5", "KRW", "EUR")]) {
            let (found, expected, text) = (cur(found), cur(row), text.to_string());
            let want = MoneyError::CurrencyConflict {
                text: text.clone(),
                found,
                expected,
            };
            assert_eq!(parse_money(&text, P, expected, true).as_ref(), Err(&want));
        }
        let message = parse_money("$5.00", P, Currency::KRW, true)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            r#"amount "$5.00" is marked as USD but the row's currency is KRW"#
        );
        let message = parse_money("12.345", P, Currency::KRW, true)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            r#"amount "12.345" has more decimals than KRW allows (0)"#
        );
        let wrapped = MoneyError::Amount(AmountError::Unreadable("x".into()));
        assert_eq!(parse_money("x", P, Currency::KRW, true), Err(wrapped));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = "|-|+|(|)|'|.|,| |\u{a0}|\u{3000}|₩|원|$|US$|€|¥|元|KRW|krw|XYZ|e|0|1|12|123|\
            1234|٣|𝟙|é|\u{301}|\u{200b}|\u{feff}|\0|－|−|ＵＳ|\u{fffd}|🙂|\
            999999999999999999999999999999";
        let mut inputs = Vec::new();
        for a in pieces.split('|') {
            for b in pieces.split('|') {
                inputs.extend([format!("{a}{b}"), format!("{a}1,234{b}5")]);
            }
        }
        let zeros = "0".repeat(5000);
        inputs.extend([
            format!("0.{zeros}"),
            format!("{zeros}.5"),
            "1,000".repeat(300),
        ]);
        inputs.extend(["9".repeat(10_000), ",".repeat(10_000), "원".repeat(999)]);
        assert!(inputs.len() > 300);
        for text in &inputs {
            for (style, currency) in [(P, "KRW"), (C, "USD"), (P, "CLF"), (C, "JPY")] {
                match parse_money(text, style, cur(currency), false) {
                    Ok(m) => assert!(!m.plain().is_empty() && !m.grouped().is_empty()),
                    Err(MoneyError::Amount(AmountError::Empty)) => {}
                    Err(e) => assert!(e.to_string().contains(&format!("\"{text}\"")), "{e}"),
                }
            }
        }
    }
}
