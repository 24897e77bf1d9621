//! Amounts for people in tight tables: compact forms ("450k", "1.2M") that keep a year of
//! months within 80 columns, bars for shares, and padding by display width (Hangul is
//! two columns wide).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::money::Money;

const SUFFIXES: [&str; 6] = ["k", "M", "B", "T", "P", "E"];

/// At most four columns for any positive amount (five with a minus): whole units below
/// 1,000, then two or three significant digits with k, M, B, … ("9.9k", "450k", "1.2M").
/// Cents are rounded away; rounding that reaches 1,000 moves to the next suffix.
pub fn compact(money: Money) -> String {
    let unit = 10u128.pow(money.currency.exponent());
    let minor = u128::from(money.minor.unsigned_abs());
    let whole = (minor + unit / 2) / unit;
    let sign = if money.minor < 0 && whole > 0 {
        "-"
    } else {
        ""
    };
    if whole < 1000 {
        return format!("{sign}{whole}");
    }
    let mut div = 1u128;
    for suffix in SUFFIXES {
        div *= 1000;
        let tenths = (whole * 10 + div / 2) / div;
        if tenths < 100 {
            return match tenths % 10 {
                0 => format!("{sign}{}{suffix}", tenths / 10),
                frac => format!("{sign}{}.{frac}{suffix}", tenths / 10),
            };
        }
        let rounded = (whole + div / 2) / div;
        if rounded < 1000 {
            return format!("{sign}{rounded}{suffix}");
        }
    }
    format!("{sign}{whole}")
}

/// A bar `width` columns wide at full scale, in eighths of a column, for a share in
/// tenths of a percent (1000 = the whole width). Any share above zero shows at least a
/// sliver; nothing for none or a negative share.
pub fn bar(tenths_of_pct: Option<i64>, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let share = match tenths_of_pct {
        Some(s) if s > 0 => s.min(1000) as usize,
        _ => return String::new(),
    };
    let eighths = ((share * width * 8 + 500) / 1000).max(1);
    let mut out = "█".repeat(eighths / 8);
    out.push_str(PARTS[eighths % 8]);
    out
}

/// `text` right-aligned in `width` display columns.
pub fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` cut to at most `width` display columns, ending in "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn krw(minor: i64) -> String {
        compact(Money::new(minor, Currency::KRW))
    }

    #[test]
    fn compact_amounts_fit_four_columns() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1k"),
            (6_500, "6.5k"),
            (9_949, "9.9k"),
            (9_960, "10k"),
            (65_320, "65k"),
            (450_000, "450k"),
            (999_499, "999k"),
            (999_600, "1M"),
            (1_200_000, "1.2M"),
            (1_001_320, "1M"),
            (12_345_678, "12M"),
            (123_456_789_012, "123B"),
            (-95_000, "-95k"),
            (i64::MAX, "9.2E"),
            (i64::MIN, "-9.2E"),
        ];
        for (minor, want) in cases {
            assert_eq!(krw(minor), want, "{minor}");
            assert!(krw(minor).trim_start_matches('-').len() <= 4, "{minor}");
        }
        assert_eq!(compact(Money::new(3_550, Currency::USD)), "36");
        assert_eq!(compact(Money::new(-40, Currency::USD)), "0");
        assert_eq!(compact(Money::new(123_456, Currency::USD)), "1.2k");
    }

    #[test]
    fn bars_scale_to_the_share_in_eighths() {
        assert_eq!(bar(Some(1000), 8), "████████");
        assert_eq!(bar(Some(500), 8), "████");
        // 23.4% of 8 columns = 14.98 eighths -> 15 = 1 full + 7/8
        assert_eq!(bar(Some(234), 8), "█▉");
        assert_eq!(bar(Some(1), 8), "▏");
        assert_eq!(bar(Some(0), 8), "");
        assert_eq!(bar(Some(-50), 8), "");
        assert_eq!(bar(None, 8), "");
        assert_eq!(bar(Some(2000), 4), "████");
    }

    #[test]
    fn padding_and_truncation_count_display_columns() {
        assert_eq!(pad_left("450k", 5), " 450k");
        assert_eq!(pad_left("위스키", 8), "  위스키");
        assert_eq!(truncate("subscriptions", 13), "subscriptions");
        assert_eq!(truncate("subscriptions", 8), "subscri…");
        assert_eq!(truncate("캠핑장비와용품", 8), "캠핑장…");
        assert!(truncate("캠핑장비와용품", 8).width() <= 8);
    }
}
