//! Turns a statement's bytes into text. Korean exports re-saved in Excel arrive as CP949,
//! UTF-8 with a BOM, or UTF-16 "Unicode text"; all of them must read the same.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Why bytes could not be read as text; the caller adds the file name.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// A NUL byte in what should be text: a binary file, not a statement.
    Binary {
        line: usize,
    },
    /// Neither UTF-8, UTF-16 nor the legacy fallback reads it.
    Undecodable {
        line: usize,
        /// What was tried, for the message: "UTF-8, UTF-16 or EUC-KR".
        tried: String,
    },
}

/// The decoded text and the name of the encoding that read it.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

pub fn decode<'a>(
    bytes: &'a [u8],
    fallback: &'static Encoding,
) -> Result<Decoded<'a>, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|text| Decoded {
            text,
            encoding: "UTF-8 (BOM)",
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE);
    }
    // UTF-16 without a BOM: ASCII text leaves every other byte zero.
    if bytes.len() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0 {
        return utf16(bytes, UTF_16LE);
    }
    if bytes.len() >= 4 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0 {
        return utf16(bytes, UTF_16BE);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            check_no_nul(text)?;
            Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: "UTF-8",
            })
        }
        Err(utf8_error) => {
            if let Some(text) = cesu8(bytes) {
                check_no_nul(&text)?;
                return Ok(Decoded {
                    text: Cow::Owned(text),
                    encoding: "UTF-8 (CESU-8 emoji)",
                });
            }
            if let Some(pos) = bytes.iter().position(|b| *b == 0) {
                return Err(DecodeError::Binary {
                    line: line_at(bytes, pos),
                });
            }
            let valid = &bytes[..utf8_error.valid_up_to()];
            // A sequence cut off by the end of the file is UTF-8 cut short.
            let cut_short = utf8_error.error_len().is_none();
            if cut_short || reads_as_utf8(valid, fallback) {
                return Err(DecodeError::Undecodable {
                    line: line_at(bytes, valid.len()),
                    tried: "UTF-8, though the text before it is UTF-8 (a file cut short, \
                            or pieced together from files in different encodings?)"
                        .into(),
                });
            }
            match fallback.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => {
                    check_no_nul(&text)?;
                    Ok(Decoded {
                        text: Cow::Owned(text.into_owned()),
                        encoding: fallback.name(),
                    })
                }
                None => Err(DecodeError::Undecodable {
                    line: line_at(bytes, utf8_error.valid_up_to()),
                    tried: format!("UTF-8, UTF-16 or {}", fallback.name()),
                }),
            }
        }
    }
}

/// UTF-8 whose characters beyond the BMP are written as two encoded surrogates (CESU-8,
/// as YNAB writes emoji). `None` unless that is the only thing wrong with it.
fn cesu8(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut repaired = false;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).ok()?);
                // High surrogate ED A0..AF xx, then low surrogate ED B0..BF xx.
                let [0xED, h1 @ 0xA0..=0xAF, h2, 0xED, l1 @ 0xB0..=0xBF, l2, ..] = *bad else {
                    return None;
                };
                let high = 0xD000 | (u32::from(h1 & 0x3F) << 6) | u32::from(h2 & 0x3F);
                let low = 0xD000 | (u32::from(l1 & 0x3F) << 6) | u32::from(l2 & 0x3F);
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(code)?);
                rest = &bad[6..];
                repaired = true;
            }
        }
    }
    repaired.then_some(out)
}

/// Whether the valid UTF-8 start of a file that breaks off shows it to be UTF-8 rather
/// than the legacy fallback: it holds characters legacy text only makes by rare chance
/// (for CP949 and the like: three-byte UTF-8 such as Hangul; for one-byte encodings: any
/// multi-byte character). Reading the rest in the fallback would import mojibake.
fn reads_as_utf8(valid: &[u8], fallback: &'static Encoding) -> bool {
    let threshold = if fallback.is_single_byte() {
        '\u{80}'
    } else {
        '\u{800}'
    };
    std::str::from_utf8(valid).is_ok_and(|text| text.chars().any(|c| c >= threshold))
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(e) => Cow::Owned(cesu8(bytes).ok_or_else(|| DecodeError::Undecodable {
            line: line_at(bytes, e.valid_up_to()),
            tried: "UTF-8, as its byte-order mark says".into(),
        })?),
    };
    check_no_nul(&text)?;
    Ok(text)
}

fn utf16<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Result<Decoded<'a>, DecodeError> {
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| DecodeError::Undecodable {
            line: 1,
            tried: encoding.name().to_string(),
        })?;
    check_no_nul(&text)?;
    Ok(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: encoding.name(),
    })
}

/// Control characters never appear in a statement; finding one means the bytes were not text
/// (a legacy decoder reads almost any byte pairs, so this is what catches garbage).
fn check_no_nul(text: &str) -> Result<(), DecodeError> {
    // Control characters (Cc) are C0, DEL and C1; in UTF-8 a C1 character is 0xC2 then
    // 0x80..=0x9F. Scanning bytes finds the same ones as decoding characters, faster.
    let bytes = text.as_bytes();
    let found = bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x1a' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        _ => false,
    });
    match found {
        Some(pos) => Err(DecodeError::Binary {
            line: line_at(bytes, pos),
        }),
        None => Ok(()),
    }
}

fn line_at(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::EUC_KR;

    const TEXT: &str = "date,payee,amount\n2025-03-18,이마트 성수점,\"-165,000\"\n";

    fn read(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(bytes, EUC_KR).unwrap();
        (d.text.into_owned(), d.encoding)
    }

    #[test]
    fn reads_every_encoding_a_korean_export_comes_in() {
        let (cp949, _, _) = EUC_KR.encode(TEXT);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut le_no_bom = vec![];
        for unit in TEXT.encode_utf16() {
            le.extend(unit.to_le_bytes());
            le_no_bom.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let cases: [(&[u8], &str); 6] = [
            (TEXT.as_bytes(), "UTF-8"),
            (&bom, "UTF-8 (BOM)"),
            (&cp949, "EUC-KR"),
            (&le, "UTF-16LE"),
            (&be, "UTF-16BE"),
            (&le_no_bom, "UTF-16LE"),
        ];
        for (bytes, encoding) in cases {
            assert_eq!(read(bytes), (TEXT.to_string(), encoding));
        }
    }

    #[test]
    fn utf8_cut_short_or_broken_midway_is_not_read_as_a_legacy_encoding() {
        let undecodable_at = |bytes: &[u8], fallback| match decode(bytes, fallback).err() {
            Some(DecodeError::Undecodable { line, .. }) => line,
            _ => panic!("{:?} was read", String::from_utf8_lossy(bytes)),
        };
        // As CP949 these read as "KB援" and a row of mojibake.
        assert_eq!(
            undecodable_at(b"date,payee\n2025-03-01,KB\xea\xb5", EUC_KR),
            2
        );
        let mut mixed = "date,payee\n2025-03-01,스타벅스\n".as_bytes().to_vec();
        mixed.extend_from_slice(&EUC_KR.encode("2025-03-02,이마트\n").0);
        assert_eq!(undecodable_at(&mixed, EUC_KR), 3);
        // A one-byte fallback reads any bytes at all: one earlier UTF-8 character decides.
        let mut latin = "d,p\n1,Café\n2,x".as_bytes().to_vec();
        latin.extend_from_slice(b"\xFC\n");
        assert_eq!(undecodable_at(&latin, encoding_rs::WINDOWS_1252), 3);
        assert_eq!(
            decode(b"d,p\n1,M\xFCller\n", encoding_rs::WINDOWS_1252).map(|d| d.text.into_owned()),
            Ok("d,p\n1,Müller\n".to_string()),
        );
    }

    #[test]
    fn reads_cesu8_emoji() {
        // 🏕 U+1F3D5 as CESU-8: surrogates D83C DFD5.
        let bytes = b"memo,\xED\xA0\xBC\xED\xBF\x95 camp\n";
        assert_eq!(read(bytes).0, "memo,\u{1F3D5} camp\n");
        assert_eq!(cesu8(b"\xED\xA0\xBC only high"), None);
    }

    #[test]
    fn control_characters_are_found_by_bytes_as_by_characters() {
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let text = format!("date,payee\n2025-03-18,a{c}b\n");
            let by_chars = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a');
            assert_eq!(check_no_nul(&text).is_err(), by_chars, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn rejects_empty_binary_and_undecodable() {
        assert_eq!(decode(b"", EUC_KR).err(), Some(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\n", EUC_KR).err(), Some(DecodeError::Empty));
        assert_eq!(
            decode(b"a,b\nc\0d\n", EUC_KR).err(),
            Some(DecodeError::Binary { line: 2 })
        );
        assert_eq!(
            decode(b"a\n\xFF\xFF\x00\x01garbage", EUC_KR).err(),
            Some(DecodeError::Binary { line: 2 })
        );
        assert!(matches!(
            decode(b"\xEF\xBB\xBFok\n\xC3\x28", EUC_KR).err(),
            Some(DecodeError::Undecodable { line: 2, .. })
        ));
    }
}
