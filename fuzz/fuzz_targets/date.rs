//! Date parsing on any text, with every date format the built-in profiles use and, for
//! the first input byte 0xFF, with a format taken from the input (a user profile's format
//! is data too): never a panic, and an accepted date is within the years allowed.
#![no_main]

use std::sync::OnceLock;

use chrono::Datelike;
use gagyebu::import::profile::{DateColumn, Profiles};
use gagyebu::import::rows::parse_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let sheet = first & 1 == 1;
    if first == 0xFF {
        let Some((format, text)) = text.split_once('\n') else {
            return;
        };
        let column = DateColumn {
            column: "date".into(),
            formats: vec![format.to_string()],
        };
        return check(text, &column, sheet);
    }
    let columns = COLUMNS.get_or_init(|| {
        Profiles::builtin()
            .all()
            .iter()
            .map(|p| p.spec.date.clone())
            .collect()
    });
    check(text, &columns[usize::from(first) % columns.len()], sheet);
});

/// The date columns of the built-in profiles, read once.
static COLUMNS: OnceLock<Vec<DateColumn>> = OnceLock::new();

fn check(text: &str, column: &DateColumn, sheet: bool) {
    if let Ok((date, _)) = parse_date(text, column, sheet) {
        assert!((1900..=2200).contains(&date.year()), "{text:?} -> {date}");
    }
}
