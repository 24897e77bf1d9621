//! Text normalization shared by import, dedup and search, so that text typed on any
//! keyboard (or saved on macOS, which decomposes Hangul) compares equal.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `text` in NFC. Almost all text already is (precomposed Hangul included), and the quick
/// check says so without the cost of recomposing: only text from macOS pays for that.
fn nfc(text: &str) -> Cow<'_, str> {
    if plainly_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// ASCII and precomposed Hangul syllables only: NFC as it stands, and the bulk of every
/// Korean statement, so the general quick check (a table lookup per character) is
/// skipped. A syllable followed by a conjoining jamo is not plainly NFC, and the jamo
/// is neither ASCII nor a syllable, so such text takes the general path.
fn plainly_nfc(text: &str) -> bool {
    text.is_ascii() || text.chars().all(|c| c.is_ascii() || is_hangul_syllable(c))
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// NFC, with surrounding whitespace trimmed. What we store for display.
pub fn clean(text: &str) -> String {
    clean_ref(text).into_owned()
}

/// `clean` without a copy when the text is already clean, for values only read.
pub fn clean_ref(text: &str) -> Cow<'_, str> {
    nfc(text.trim_matches(is_space))
}

/// The comparison form: NFC, lower-cased, runs of whitespace collapsed to one space.
/// Used for dedup keys and case-insensitive search.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in nfc(text).chars() {
        if is_space(ch) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        // Hangul and ASCII have no (or trivial) case: skip the Unicode case tables.
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else if is_hangul_syllable(ch) {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The header-matching form: NFC, lower-cased, all whitespace removed, because exports
/// vary `거래 후 잔액` / `거래후잔액` and put line breaks inside header cells.
pub fn header_key(text: &str) -> String {
    nfc(text.trim_start_matches('\u{feff}'))
        .chars()
        .filter(|c| !is_space(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whitespace as statements use it: ASCII, NBSP, ideographic space and friends.
pub fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{feff}' || ch == '\u{200b}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_composes_decomposed_hangul() {
        let decomposed: String = "캠핑".nfd().collect();
        assert_ne!(decomposed, "캠핑");
        assert_eq!(clean(&format!("  {decomposed}\u{3000}")), "캠핑");
        // A syllable then a trailing jamo composes into one syllable.
        assert_eq!(clean("\u{ac00}\u{11a8}"), "\u{ac01}");
        assert_eq!(fold("\u{ac00}\u{11a8}"), "\u{ac01}");
    }

    #[test]
    fn fold_lowercases_and_collapses_spaces() {
        let cases = [
            ("ÉCOLE Straße ΣΟΦΙΑ", "école straße σοφια"),
            ("발베니 12Y", "발베니 12y"),
            ("  Balvenie   12Y ", "balvenie 12y"),
            ("이마트\u{a0}\u{a0}성수점", "이마트 성수점"),
            ("", ""),
            ("   ", ""),
            ("GoPro\tHERO", "gopro hero"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn header_key_strips_all_whitespace_and_bom() {
        let cases = [
            ("거래 후 잔액", "거래후잔액"),
            ("국내이용금액\n(원)", "국내이용금액(원)"),
            ("\u{feff}Date", "date"),
            (" Posting Date ", "postingdate"),
        ];
        for (input, want) in cases {
            assert_eq!(header_key(input), want, "header_key({input:?})");
        }
    }
}
