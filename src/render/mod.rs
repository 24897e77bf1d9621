//! Output: every command's result goes through here as a table (aligned by display width,
//! since Hangul is double width), CSV, JSON or Markdown. Renderers only format.

pub mod amount;

pub mod journal;

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Md,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A rectangular result: headers, rows, and how each column aligns.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<String>>,
    /// Rows set apart under a rule in the terminal table (totals); plain rows elsewhere.
    pub footer: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            ..Table::default()
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }
}

/// Writes `table` in a text format (table, csv, md). JSON has its own shapes: see `json`.
pub fn write_table(out: &mut dyn Write, table: &Table, format: Format) -> io::Result<()> {
    match format {
        Format::Table => terminal(out, table),
        Format::Csv => csv(out, table),
        Format::Md => markdown(out, table),
        Format::Json => {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = table
                .rows
                .iter()
                .chain(&table.footer)
                .map(|row| {
                    table
                        .headers
                        .iter()
                        .cloned()
                        .zip(row.iter().cloned().map(serde_json::Value::String))
                        .collect()
                })
                .collect();
            json(out, &rows)
        }
    }
}

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Cells never contain line breaks or tabs in a terminal table: they would break the grid.
fn flat(cell: &str) -> String {
    if cell.contains(['\n', '\r', '\t']) {
        cell.replace(['\n', '\r', '\t'], " ")
    } else {
        cell.to_string()
    }
}

fn terminal(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let all = || table.rows.iter().chain(&table.footer);
    let cells: Vec<Vec<String>> = all().map(|r| r.iter().map(|c| flat(c)).collect()).collect();
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.width()).collect();
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.width());
            }
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> io::Result<()> {
        let mut text = String::new();
        for (i, width) in widths.iter().enumerate() {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            let pad = " ".repeat(width.saturating_sub(cell.width()));
            if i > 0 {
                text.push_str("  ");
            }
            match table.align.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => {
                    text.push_str(cell);
                    text.push_str(&pad);
                }
                Align::Right => {
                    text.push_str(&pad);
                    text.push_str(cell);
                }
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &table.headers)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(out, &rule)?;
    let (body, footer) = cells.split_at(table.rows.len());
    for row in body {
        line(out, row)?;
    }
    if !footer.is_empty() {
        line(out, &rule)?;
        for row in footer {
            line(out, row)?;
        }
    }
    Ok(())
}

fn csv(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(&table.headers).map_err(csv_io)?;
    for row in table.rows.iter().chain(&table.footer) {
        writer.write_record(row).map_err(csv_io)?;
    }
    writer.flush()
}

/// Keeps the underlying I/O error (a broken pipe must stay recognizable as one).
fn csv_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn markdown(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let escape = |c: &str| flat(c).replace('|', "\\|");
    let row = |cells: &[String]| {
        let inner: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        format!("| {} |", inner.join(" | "))
    };
    writeln!(out, "{}", row(&table.headers))?;
    let rule: Vec<&str> = table
        .align
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Right => "--:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for r in table.rows.iter().chain(&table.footer) {
        writeln!(out, "{}", row(r))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(table: &Table, format: Format) -> String {
        let mut out = Vec::new();
        write_table(&mut out, table, format).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Table {
        let mut t = Table::new(&[("payee", Align::Left), ("amount", Align::Right)]);
        t.push(vec!["이마트 성수점".into(), "-165,000".into()]);
        t.push(vec!["Cafe|Bar".into(), "-5,600".into()]);
        t
    }

    #[test]
    fn terminal_aligns_by_display_width() {
        let text = render(&sample(), Format::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "이마트 성수점  -165,000");
        assert_eq!(lines[3], "Cafe|Bar         -5,600");
        assert_eq!(lines[0].width(), lines[2].width());
    }

    #[test]
    fn markdown_escapes_pipes_and_csv_quotes() {
        assert!(render(&sample(), Format::Md).contains("| Cafe\\|Bar | -5,600 |"));
        assert!(render(&sample(), Format::Csv).contains("이마트 성수점,\"-165,000\""));
    }
}
