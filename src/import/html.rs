//! HTML tables saved as .xls (우리은행, 현대카드 serve these): each `<table>` becomes a grid.
//! Hand-written rather than a crate: only rows and cells matter, the HTML crates small
//! enough to justify are unmaintained or can panic on malformed input, and this cannot.

use super::grid::Grid;

/// Where `</name` first starts in `text`, ignoring ASCII case. Searched in place: a copy
/// of the rest of the page per tag made a page of many <script> tags quadratic.
fn closing_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("</") {
        let at = from + i;
        let tail = &text.as_bytes()[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Every table in the page, outermost last when nested, as grids named "table N".
/// `Err(Truncated)` when the page ends inside a table: a download cut short, whose missing rows
/// must not pass for a complete statement.
pub fn tables(text: &str) -> Result<Vec<Grid>, Truncated> {
    let mut done: Vec<Vec<Vec<String>>> = Vec::new();
    // Open tables (nested ones stack), each with its rows, open row and open cell.
    let mut open: Vec<Table> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if let Some(t) = open.last_mut() {
                t.text(rest);
            }
            break;
        };
        if let Some(t) = open.last_mut() {
            t.text(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let gt = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[1..gt];
        rest = rest.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("script" | "style", false) => {
                rest = closing_tag(rest, &name).map_or("", |i| &rest[i..]);
            }
            ("table", false) => open.push(Table::default()),
            ("table", true) => {
                if let Some(mut t) = open.pop() {
                    t.end_row();
                    done.push(t.rows);
                }
            }
            ("tr", false) => {
                if let Some(t) = open.last_mut() {
                    t.end_row();
                    t.row = Some(Vec::new());
                }
            }
            ("tr", true) => {
                if let Some(t) = open.last_mut() {
                    t.end_row();
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = open.last_mut() {
                    t.end_cell();
                    t.row.get_or_insert_with(Vec::new);
                    t.cell = Some(String::new());
                    t.span = colspan(tag);
                }
            }
            ("td" | "th", true) => {
                if let Some(t) = open.last_mut() {
                    t.end_cell();
                }
            }
            ("br" | "p" | "div", _) => {
                if let Some(t) = open.last_mut() {
                    t.text(" ");
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(Truncated);
    }
    Ok(done
        .into_iter()
        .filter(|rows| !rows.is_empty())
        .enumerate()
        .map(|(i, rows)| Grid::Sheet {
            name: format!("table {}", i + 1),
            rows,
        })
        .collect())
}

/// The page ended inside a table.
#[derive(Debug, PartialEq, Eq)]
pub struct Truncated;

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<String>,
    span: usize,
}

impl Table {
    fn text(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.push_str(text);
        }
    }

    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let row = self.row.get_or_insert_with(Vec::new);
            row.push(clean(&cell));
            for _ in 1..self.span {
                row.push(String::new());
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }
}

fn colspan(tag: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find("colspan") else {
        return 1;
    };
    let digits: String = lower[at + 7..]
        .chars()
        .skip_while(|c| matches!(c, '=' | '"' | '\'' | ' '))
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(1).clamp(1, 64)
}

/// Entity-decoded, whitespace collapsed, trimmed.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(grid: &Grid) -> &Vec<Vec<String>> {
        match grid {
            Grid::Sheet { rows, .. } => rows,
            Grid::Text(_) => unreachable!(),
        }
    }

    #[test]
    fn reads_a_bank_page() {
        let page = r#"<html><head><meta charset="euc-kr"><style>td{color:red}</style></head>
            <body><table><tr><td colspan="3">거래내역조회</td></tr>
            <tr><th>No.</th><th>거래일시</th><th>기재내용</th></tr>
            <tr><td>1</td><td>2025.03.09<br>14:02</td><td>당근&amp;페이 &nbsp;</td></tr>
            <tr><td>2<td>2025.03.10 09:00<td>A&#44;B &lt;x&gt;
            </table></body></html>"#;
        let grids = tables(page).unwrap();
        assert_eq!(grids.len(), 1);
        let rows = rows(&grids[0]);
        assert_eq!(rows[0], vec!["거래내역조회", "", ""]);
        assert_eq!(rows[1], vec!["No.", "거래일시", "기재내용"]);
        assert_eq!(rows[2], vec!["1", "2025.03.09 14:02", "당근&페이"]);
        assert_eq!(rows[3], vec!["2", "2025.03.10 09:00", "A,B <x>"]);
    }

    #[test]
    fn scripts_are_skipped_whatever_the_case_of_their_closing_tag() {
        let page = "<table><tr><td>a</td><SCRIPT>x<td>no</td></Script ><td>b</td></tr></table>";
        assert_eq!(rows(&tables(page).unwrap()[0])[0], vec!["a", "b"]);
        assert_eq!(closing_tag("x</STYLE>", "style"), Some(1));
        assert_eq!(closing_tag("x</sty", "style"), None);
    }

    #[test]
    fn malformed_pages_do_not_panic() {
        for page in [
            "<",
            "<table",
            "<table><tr><td>&#xFFFFFFFF;",
            "&",
            "<!--",
            "<td>x</td>",
            "<table><td colspan=99999>",
        ] {
            let _ = tables(page);
        }
    }

    #[test]
    fn a_page_cut_inside_a_table_is_truncated() {
        let page = "<table><tr><td>date</td></tr><tr><td>2025-03-01</td>";
        assert_eq!(tables(page).err(), Some(Truncated));
        assert_eq!(tables("<p>no table</p>").map(|t| t.len()), Ok(0));
    }
}
