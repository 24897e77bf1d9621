//! Spreadsheets read directly (.xlsx, .xls, .ods): Korean banks and card issuers serve
//! these, not CSV. Each sheet becomes a grid of text cells; dates become ISO text.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::grid::Grid;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

#[derive(Debug, PartialEq, Eq)]
pub enum SheetError {
    /// Encrypted with a password (토스뱅크 always, 카카오뱅크 usually).
    Password,
    Unreadable(String),
}

/// Whether the bytes are a spreadsheet container rather than text.
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE2_MAGIC)
}

/// Whether the bytes are an HTML page (우리은행 and 현대카드 serve HTML tables named .xls).
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<table")
        || (head.starts_with('<') && text.to_ascii_lowercase().contains("<table"))
}

/// Every sheet of the workbook, in workbook order, as grids named after the sheet.
pub fn read(bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    if bytes.starts_with(OLE2_MAGIC) && is_encrypted_ooxml(bytes) {
        return Err(SheetError::Password);
    }
    let mut workbook = if bytes.starts_with(OLE2_MAGIC) {
        match calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(Cursor::new(bytes)) {
            Ok(xls) => calamine::Sheets::Xls(xls),
            Err(calamine::XlsError::Password) => return Err(SheetError::Password),
            Err(e) => return Err(SheetError::Unreadable(e.to_string())),
        }
    } else {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| SheetError::Unreadable(e.to_string()))?
    };
    let mut grids = Vec::new();
    for name in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(calamine::Error::Xls(calamine::XlsError::Password)) => {
                return Err(SheetError::Password)
            }
            Err(e) => return Err(SheetError::Unreadable(e.to_string())),
        };
        // Rows are numbered as the spreadsheet shows them, so errors point at the right row.
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let mut rows = vec![Vec::new(); first_row];
        rows.extend(range.rows().map(|row| row.iter().map(cell_text).collect()));
        grids.push(Grid::Sheet { name, rows });
    }
    Ok(grids)
}

/// An encrypted .xlsx is an OLE2 container holding an "EncryptedPackage" stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// A cell as the text a CSV export of it would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Excel keeps numbers as doubles; the shortest text that reads back as the same
        // double is the number the person typed (12.34, not 12.339999...).
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            // A time-only cell (a separate 거래시간 column) is a fraction of a day.
            Some(t) if dt.as_f64() < 1.0 => t.format("%H:%M:%S").to_string(),
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_containers_and_html() {
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
        assert!(is_spreadsheet(OLE2_MAGIC));
        assert!(!is_spreadsheet(b"date,payee,amount\n"));
        assert!(is_html(
            "\u{feff}<html><body><table><tr><td>1</td></tr></table>"
        ));
        assert!(is_html("  <meta charset=utf-8>\n<table>"));
        assert!(!is_html("date,payee,amount\n<b>,x,1"));
    }

    #[test]
    fn encrypted_ooxml_is_a_password_error() {
        let mut bytes = OLE2_MAGIC.to_vec();
        bytes.extend(vec![0u8; 600]);
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&bytes).err(), Some(SheetError::Password));
    }

    #[test]
    fn cells_read_as_a_csv_export_would_write_them() {
        let cases = [
            (Data::Float(165000.0), "165000"),
            (Data::Float(-12.34), "-12.34"),
            (Data::Int(-5600), "-5600"),
            (Data::String("이마트".into()), "이마트"),
            (Data::Empty, ""),
        ];
        for (cell, want) in cases {
            assert_eq!(cell_text(&cell), want);
        }
    }

    #[test]
    fn garbage_behind_a_zip_magic_is_an_error_not_a_panic() {
        assert!(matches!(
            read(b"PK\x03\x04garbage"),
            Err(SheetError::Unreadable(_))
        ));
    }
}
