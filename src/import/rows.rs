//! Statement rows -> normalized transactions, one record at a time so a large file is never
//! held twice. A row that cannot be read is an error naming its line, column and value:
//! an import never drops a row it does not understand.

use std::borrow::Cow;

use chrono::format::{Item, StrftimeItems};
use chrono::{NaiveDate, NaiveTime};

use crate::domain::money::{parse_money, Currency, Money, MoneyError, NumberStyle};
use crate::domain::text::{clean, clean_ref, header_key};
use crate::domain::transaction::NewTransaction;

use super::detect::{AmountIndex, Layout};
use super::grid::{Grid, Records};
use super::profile::{AmountForm, DateColumn, ProfileSpec};
use super::ImportError;

/// Rows whose first cell says they total the others.
const TOTAL_WORDS: &[&str] = &["합계", "소계", "총계", "누계", "total", "subtotal", "합"];

/// Earliest and latest years a statement date may carry; beyond them a date is a typo.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// One normalized row and the line it started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub tx: NewTransaction,
}

pub struct Rows<'a> {
    records: Records<'a>,
    skipped: u64,
    /// Spreadsheet cells may hold Excel serial day numbers where dates belong.
    sheet: bool,
    spec: &'a ProfileSpec,
    layout: &'a Layout,
    file: &'a str,
    skip: usize,
    style: NumberStyle,
    currency: Currency,
    explicit_currency: bool,
    /// The date column's header, folded once: a repeated header row is skipped.
    date_header: String,
    dates: DateFormats<'a>,
}

impl<'a> Rows<'a> {
    pub(super) fn new(
        grid: &'a Grid,
        spec: &'a ProfileSpec,
        layout: &'a Layout,
        file: &'a str,
    ) -> Rows<'a> {
        let fixed = spec.fixed_currency();
        Rows {
            records: grid.records(layout.split),
            skipped: 0,
            sheet: grid.is_sheet(),
            spec,
            layout,
            file,
            skip: layout.header_index + 1,
            style: spec.number_style(),
            currency: fixed.unwrap_or(Currency::KRW),
            explicit_currency: fixed.is_some(),
            date_header: header_key(&spec.date.column),
            dates: DateFormats::new(&spec.date),
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = match self.records.next()? {
                Ok(r) => r,
                Err(e) => {
                    return Some(Err(ImportError::Csv {
                        file: self.file.to_string(),
                        line: e.line,
                        reason: one_line(e.reason),
                    }));
                }
            };
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            if record.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let line = record.line;
            match self.row(&record.cells, line) {
                Ok(Some(tx)) => return Some(Ok(Row { line, tx })),
                Ok(None) => self.skipped += 1,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Rows<'_> {
    /// Rows read so far that held no transaction (totals, notices, pending, blank).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    fn error(&self, line: u64, column: &str, reason: impl ToString) -> ImportError {
        ImportError::Row {
            file: self.file.to_string(),
            line,
            column: column.to_string(),
            reason: one_line(reason.to_string()),
        }
    }

    /// `None` for rows that hold no transaction: blank, totals, notices, a repeated header.
    fn row(
        &self,
        record: &csv::StringRecord,
        line: u64,
    ) -> Result<Option<NewTransaction>, ImportError> {
        let cell = |i: usize| record.get(i).map(clean).unwrap_or_default();
        let cols = &self.layout.columns;
        let spec = self.spec;

        let mut filled = record.iter().filter(|c| !c.trim().is_empty());
        let Some(first) = filled.next() else {
            return Ok(None);
        };
        // Most rows start with a date: a digit is no total word, so no folding for them.
        if !starts_with_digit(first) && TOTAL_WORDS.contains(&header_key(first).as_str()) {
            return Ok(None);
        }
        let only_one_filled = filled.next().is_none();
        // Read, not kept: no copies.
        let cell_ref = |i: usize| record.get(i).map_or(Cow::Borrowed(""), clean_ref);
        let date_text = cell_ref(cols.date);
        if (!starts_with_digit(&date_text) || starts_with_digit(&self.date_header))
            && header_key(&date_text) == self.date_header
        {
            return Ok(None);
        }
        let amount_cells: [Cow<str>; 2] = match cols.amount {
            AmountIndex::Signed(i) | AmountIndex::Charge(i) => [cell_ref(i), Cow::Borrowed("")],
            AmountIndex::OutIn { out, inflow } => [cell_ref(out), cell_ref(inflow)],
        };
        let no_amount = amount_cells.iter().all(|c| c.is_empty());
        if no_amount && (date_text.is_empty() || only_one_filled) {
            return Ok(None);
        }
        if cols.skip.iter().any(|m| m.holds(record)) || !cols.only.iter().all(|m| m.holds(record)) {
            return Ok(None);
        }

        let (date, mut time) = parse_date_in(&date_text, &self.dates, &spec.date, self.sheet)
            .map_err(|reason| self.error(line, &spec.date.column, reason))?;
        if let (Some(i), Some(t)) = (cols.time, &spec.time) {
            let text = cell(i);
            if !text.is_empty() {
                time = Some(
                    parse_time(&text, t).map_err(|reason| self.error(line, &t.column, reason))?,
                );
            }
        }

        let (currency, explicit) = match cols.currency.map(cell).filter(|c| !c.is_empty()) {
            Some(code) => {
                let column = spec.currency_column.as_deref().unwrap_or("currency");
                (
                    Currency::parse(&code).map_err(|e| self.error(line, column, e))?,
                    true,
                )
            }
            None => (self.currency, self.explicit_currency),
        };
        let money = |text: &str, column: &str| {
            parse_money(text, self.style, currency, explicit)
                .map_err(|e| self.error(line, column, e))
        };
        let amount = match spec.amount_form() {
            AmountForm::Signed(column) => money(&amount_cells[0], column)?,
            AmountForm::Charge(column) => {
                let charge = money(&amount_cells[0], column)?;
                charge.checked_neg().ok_or_else(|| {
                    self.error(
                        line,
                        column,
                        MoneyError::Overflow {
                            text: amount_cells[0].to_string(),
                        },
                    )
                })?
            }
            AmountForm::OutIn { out, inflow } => {
                if no_amount {
                    return Err(self.error(line, &format!("{out}/{inflow}"), "both are empty"));
                }
                let side = |text: &str, column: &str| -> Result<Money, ImportError> {
                    if text.is_empty() {
                        Ok(Money::new(0, currency))
                    } else {
                        money(text, column)
                    }
                };
                let paid = side(&amount_cells[0], out)?.abs();
                let received = side(&amount_cells[1], inflow)?;
                received
                    .checked_add(paid.checked_neg().unwrap_or(paid))
                    .ok_or_else(|| self.error(line, out, "out minus in overflows"))?
            }
        };
        let amount = self.adjust(amount, record, line, currency, explicit)?;

        let payee = cols
            .payee
            .iter()
            .map(|i| cell(*i))
            .find(|p| !p.is_empty())
            .unwrap_or_default();
        let memo = match cols.memo.as_slice() {
            [only] => cell(*only),
            several => several
                .iter()
                .map(|i| cell(*i))
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>()
                .join(" / "),
        };
        let optional = |i: Option<usize>| i.map(cell).filter(|v| !v.is_empty());
        let external_id = optional(cols.external_id).map(|id| id.trim_matches('\'').to_string());
        Ok(Some(NewTransaction {
            date,
            time,
            payee,
            memo,
            amount,
            external_id,
            account: optional(cols.account),
            category: optional(cols.category),
        }))
    }
}

impl Rows<'_> {
    /// Applies the profile's sign, fee and refund rules to a row's amount.
    fn adjust(
        &self,
        mut amount: Money,
        record: &csv::StringRecord,
        line: u64,
        currency: Currency,
        explicit: bool,
    ) -> Result<Money, ImportError> {
        let cols = &self.layout.columns;
        let overflow = |column: &str| self.error(line, column, "the amount overflows");
        if let Some(sign) = &cols.sign {
            let out = sign.holds(record);
            amount = if out {
                amount
                    .abs()
                    .checked_neg()
                    .ok_or_else(|| overflow("amount"))?
            } else {
                amount.abs()
            };
        }
        if let (Some(i), Some(column)) = (cols.fee, self.spec.fee.as_deref()) {
            let text = record.get(i).map(clean).unwrap_or_default();
            if !text.is_empty() {
                let fee = parse_money(&text, self.style, currency, explicit)
                    .map_err(|e| self.error(line, column, e))?;
                let fee = fee.abs().checked_neg().ok_or_else(|| overflow(column))?;
                amount = amount.checked_add(fee).ok_or_else(|| overflow(column))?;
            }
        }
        if cols.refund.as_ref().is_some_and(|m| m.holds(record)) {
            amount = amount.abs();
        }
        Ok(amount)
    }
}

fn starts_with_digit(text: &str) -> bool {
    text.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Keeps an error on one short line whatever the value in it: control characters (the
/// line breaks of a cell that swallowed several lines) are shown escaped, and a long
/// value is cut in the middle, so the reason's end ("expected ...") stays readable.
fn one_line(text: String) -> String {
    const HEAD: usize = 160;
    const TAIL: usize = 80;
    let text = if text.contains(char::is_control) {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if c.is_control() {
                escaped.extend(c.escape_default());
            } else {
                escaped.push(c);
            }
        }
        escaped
    } else {
        text
    };
    let count = text.chars().count();
    if count <= HEAD + TAIL {
        return text;
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(count - TAIL).collect();
    format!("{head}[… {} characters …]{tail}", count - HEAD - TAIL)
}

/// What a spreadsheet's date cells read as (see import::sheet): unambiguous, so always
/// accepted after the profile's own formats.
const ISO_FORMATS: [&str; 2] = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d"];

/// A date column's formats with `ISO_FORMATS` after them, each parsed once rather than
/// once per row. A format chrono cannot read stays in as one that matches nothing.
pub struct DateFormats<'a> {
    items: Vec<Vec<Item<'a>>>,
}

impl<'a> DateFormats<'a> {
    pub fn new(column: &'a DateColumn) -> DateFormats<'a> {
        let items = column
            .formats
            .iter()
            .map(String::as_str)
            .chain(ISO_FORMATS)
            .map(|f| {
                StrftimeItems::new(f)
                    .parse()
                    .unwrap_or_else(|_| vec![Item::Error])
            })
            .collect();
        DateFormats { items }
    }
}

/// Reads a date with the first of `column.formats` that fits; a date-time keeps its time.
/// In a spreadsheet, a bare number is an Excel serial day (a date cell formatted as number).
pub fn parse_date(
    text: &str,
    column: &DateColumn,
    sheet: bool,
) -> Result<(NaiveDate, Option<NaiveTime>), String> {
    parse_date_in(text, &DateFormats::new(column), column, sheet)
}

fn parse_date_in(
    text: &str,
    formats: &DateFormats,
    column: &DateColumn,
    sheet: bool,
) -> Result<(NaiveDate, Option<NaiveTime>), String> {
    if text.is_empty() {
        return Err("empty date".into());
    }
    let found = formats
        .items
        .iter()
        .find_map(|items| {
            // One parse serves both a date and a date-time format: the time is there
            // only when the format has one.
            let mut parsed = chrono::format::Parsed::new();
            chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
            let date = parsed.to_naive_date().ok()?;
            Some((date, parsed.to_naive_time().ok()))
        })
        .or_else(|| sheet.then(|| excel_serial(text)).flatten());
    match found {
        Some((date, time)) if YEARS.contains(&chrono::Datelike::year(&date)) => Ok((date, time)),
        Some(_) => Err(format!("date \"{text}\" is out of range")),
        None => Err(format!(
            "unreadable date \"{text}\" (expected {})",
            column.formats.join(" or ")
        )),
    }
}

/// Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included).
fn excel_serial(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let serial: rust_decimal::Decimal = text.parse().ok()?;
    let days = serial.trunc();
    if days < 1.into() || days > 2_958_465.into() {
        return None;
    }
    let seconds = ((serial - days) * rust_decimal::Decimal::from(86_400)).round();
    let date = NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(u64::try_from(days).ok()?))?;
    let time = (!seconds.is_zero())
        .then(|| NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(seconds).ok()?, 0))
        .flatten();
    Some((date, time))
}

fn parse_time(text: &str, column: &DateColumn) -> Result<NaiveTime, String> {
    column
        .formats
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
        .ok_or_else(|| {
            format!(
                "unreadable time \"{text}\" (expected {})",
                column.formats.join(" or ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::detect::detect;
    use crate::import::profile::{Profile, Source};

    /// Reads `text` with a profile given as TOML: (date, amount in minor units, payee).
    fn read(profile: &str, text: &str) -> Result<Vec<(String, i64, String)>, String> {
        let profile = Profile::parse(profile, Source::Builtin).map_err(|e| e.to_string())?;
        let grid = Grid::Text(text.to_string());
        let (_, layout) = detect(&grid, &[&profile], true, "t.csv").map_err(|e| e.to_string())?;
        Rows::new(&grid, &profile.spec, &layout, "t.csv")
            .map(|r| {
                r.map(|r| (r.tx.date.to_string(), r.tx.amount.minor, r.tx.payee))
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    const CARD: &str = r#"
        name = "card"
        date = { column = "거래일", formats = ["%Y.%m.%d"] }
        payee = "가맹점명"
        amount = { charge = "금액" }
        currency = "KRW"
        refund = { column = "상태", values = ["취소"] }
        skip = [{ column = "상태", values = ["거절"] }]
    "#;

    #[test]
    fn card_charges_cancellations_and_skipped_statuses() {
        let text = "이용내역\n거래일,가맹점명,금액,상태\n\
            2025.03.20,이마트,\"89,000\",\n\
            2025.03.21,이마트,\"89,000\",취소\n\
            2025.03.22,쿠팡,\"-5,000\",\n\
            2025.03.23,쿠팡,\"9,000\",거절\n\
            합계,,\"182,000\",\n";
        assert_eq!(
            read(CARD, text).unwrap(),
            vec![
                ("2025-03-20".into(), -89_000, "이마트".into()),
                ("2025-03-21".into(), 89_000, "이마트".into()),
                ("2025-03-22".into(), 5_000, "쿠팡".into()),
            ]
        );
    }

    #[test]
    fn out_in_pairs_signs_from_a_type_column_and_fees() {
        let bank = r#"
            name = "bank"
            date = { column = "d", formats = ["%Y-%m-%d"] }
            payee = "p"
            amount = { out = "out", in = "in" }
        "#;
        let text = "d,p,out,in\n2025-03-01,a,\"1,000\",0\n2025-03-02,b,,500\n2025-03-03,c,-300,\n";
        let got: Vec<i64> = read(bank, text).unwrap().into_iter().map(|r| r.1).collect();
        assert_eq!(
            got,
            vec![-1_000, 500, -300],
            "a negative out is still money out"
        );

        let mint = r#"
            name = "mint"
            date = { column = "d", formats = ["%Y-%m-%d"] }
            payee = "p"
            amount = { signed = "a" }
            sign = { column = "t", values = ["debit"] }
            fee = "f"
        "#;
        let text = "d,p,a,t,f\n2025-03-01,x,12,Debit,1\n2025-03-02,y,30,credit,\n";
        let got: Vec<i64> = read(mint, text).unwrap().into_iter().map(|r| r.1).collect();
        assert_eq!(got, vec![-13, 30]);
    }

    #[test]
    fn a_row_error_names_line_column_and_value() {
        let text =
            "거래일,가맹점명,금액,상태\n2025.03.20,이마트,\"89,000\",\n\n2025.03.2x,이마트,1,\n";
        assert_eq!(
            read(CARD, text).unwrap_err(),
            "t.csv:4: column \"거래일\": unreadable date \"2025.03.2x\" (expected %Y.%m.%d)"
        );
        let text = "거래일,가맹점명,금액,상태\n2025.03.20,이마트,12abc,\n";
        let err = read(CARD, text).unwrap_err();
        assert!(err.starts_with("t.csv:2: column \"금액\": "), "{err}");
        assert!(err.contains("\"12abc\""), "{err}");
    }

    fn column(formats: &[&str]) -> DateColumn {
        DateColumn {
            column: "date".into(),
            formats: formats.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn dates_as_statements_write_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let t = |h, m, s| Some(NaiveTime::from_hms_opt(h, m, s).unwrap());
        type Case<'a> = (&'a str, &'a [&'a str], (NaiveDate, Option<NaiveTime>));
        let cases: &[Case] = &[
            ("2025-03-18", &["%Y-%m-%d"], (d(2025, 3, 18), None)),
            (
                "2025.03.18 12:05:19",
                &["%Y.%m.%d %H:%M:%S"],
                (d(2025, 3, 18), t(12, 5, 19)),
            ),
            (
                "2025.03.09 14:02",
                &["%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M"],
                (d(2025, 3, 9), t(14, 2, 0)),
            ),
            (
                "2025년 03월 15일",
                &["%Y년 %m월 %d일"],
                (d(2025, 3, 15), None),
            ),
            ("20250328", &["%Y%m%d"], (d(2025, 3, 28), None)),
            ("25.03.28", &["%y.%m.%d"], (d(2025, 3, 28), None)),
            ("12/09/2016", &["%m/%d/%Y"], (d(2016, 12, 9), None)),
            ("3/5/2025", &["%m/%d/%Y"], (d(2025, 3, 5), None)),
            (
                "2023-12-07T23:50:08Z",
                &["%Y-%m-%dT%H:%M:%SZ"],
                (d(2023, 12, 7), t(23, 50, 8)),
            ),
        ];
        for (text, formats, want) in cases {
            assert_eq!(
                parse_date(text, &column(formats), false),
                Ok(*want),
                "{text}"
            );
        }
    }

    #[test]
    fn bad_dates_are_errors_naming_the_value() {
        let iso = column(&["%Y-%m-%d"]);
        let cases = [
            (
                "2023-02-30",
                "unreadable date \"2023-02-30\" (expected %Y-%m-%d)",
            ),
            (
                "2025-13-01",
                "unreadable date \"2025-13-01\" (expected %Y-%m-%d)",
            ),
            (
                "yesterday",
                "unreadable date \"yesterday\" (expected %Y-%m-%d)",
            ),
            ("", "empty date"),
            (
                "99999-01-01",
                "unreadable date \"99999-01-01\" (expected %Y-%m-%d)",
            ),
            ("0025-03-18", "date \"0025-03-18\" is out of range"),
            (
                "2025-03-18 12:00",
                "unreadable date \"2025-03-18 12:00\" (expected %Y-%m-%d)",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_date(text, &iso, false),
                Err(want.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn spreadsheet_serials_and_iso_cells() {
        let kb = column(&["%Y.%m.%d %H:%M:%S"]);
        let d = NaiveDate::from_ymd_opt(2025, 3, 18).unwrap();
        assert_eq!(parse_date("45734", &kb, true), Ok((d, None)));
        assert_eq!(
            parse_date("45734.5", &kb, true),
            Ok((d, NaiveTime::from_hms_opt(12, 0, 0)))
        );
        assert!(
            parse_date("45734", &kb, false).is_err(),
            "only spreadsheets have serials"
        );
        assert_eq!(
            parse_date("2025-03-18 12:05:19", &kb, false),
            Ok((d, NaiveTime::from_hms_opt(12, 5, 19)))
        );
    }
}
