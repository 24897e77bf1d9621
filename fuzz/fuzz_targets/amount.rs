//! The amount parser on any text: it never panics, and whatever it accepts formats back
//! (plain and grouped) to text it reads as the same money.
#![no_main]

use gagyebu::domain::money::{parse_amount, parse_money, to_money, Currency, NumberStyle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for style in [NumberStyle::DecimalPoint, NumberStyle::DecimalComma] {
        let Ok(parsed) = parse_amount(text, style) else {
            continue;
        };
        for currency in [Currency::KRW, Currency::USD, Currency::EUR] {
            for explicit in [false, true] {
                let Ok(money) = to_money(&parsed, text, currency, explicit) else {
                    continue;
                };
                for shown in [money.plain(), money.grouped()] {
                    let back = parse_money(&shown, NumberStyle::DecimalPoint, money.currency, true);
                    assert_eq!(back, Ok(money), "{text:?} -> {shown:?}");
                }
            }
        }
    }
});
