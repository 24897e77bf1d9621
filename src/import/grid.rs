//! A statement as rows of cells, whatever it arrived as: delimited text (any of four
//! delimiters) or a spreadsheet's sheet. Detection and row reading see only this.

/// The delimiters statements use: Excel's CSV, its "Unicode text", European CSV, 하나은행.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// How a grid is split into cells: a delimiter for text; a sheet comes split.
pub type Split = Option<u8>;

pub enum Grid {
    Text(String),
    Sheet {
        name: String,
        rows: Vec<Vec<String>>,
    },
}

/// The longest cell a statement may hold: more than any spreadsheet cell can (Excel's
/// limit is 32,767 characters, at most 4 bytes each). Real payees and memos are a few
/// hundred bytes; a cell of megabytes is a broken or hostile file, refused before
/// anything reads it.
pub const MAX_CELL_BYTES: usize = 128 * 1024;

/// One record and the line (or sheet row) it starts on, 1-based.
pub struct Record {
    pub line: u64,
    pub cells: csv::StringRecord,
}

/// A record that could not be split (unbalanced quotes and the like).
pub struct BadRecord {
    pub line: u64,
    pub reason: String,
}

impl Grid {
    /// The ways to split this grid worth trying.
    pub fn splits(&self) -> Vec<Split> {
        match self {
            Grid::Text(_) => DELIMITERS.iter().copied().map(Some).collect(),
            Grid::Sheet { .. } => vec![None],
        }
    }

    /// How many lines (or sheet rows) there are: an upper bound on the rows, for progress.
    pub fn lines(&self) -> u64 {
        match self {
            Grid::Text(text) => text.bytes().filter(|b| *b == b'\n').count() as u64 + 1,
            Grid::Sheet { rows, .. } => rows.len() as u64,
        }
    }

    pub fn is_sheet(&self) -> bool {
        matches!(self, Grid::Sheet { .. })
    }

    pub fn records(&self, split: Split) -> Records<'_> {
        match self {
            Grid::Text(text) => Records::Text {
                inner: csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(split.unwrap_or(b','))
                    .from_reader(text.as_bytes())
                    .into_records(),
                lines: Lines::new(text),
                delimiter: split.unwrap_or(b','),
            },
            Grid::Sheet { rows, .. } => Records::Sheet {
                rows: rows.iter().enumerate(),
            },
        }
    }
}

pub enum Records<'a> {
    Text {
        inner: csv::StringRecordsIntoIter<&'a [u8]>,
        lines: Lines<'a>,
        delimiter: u8,
    },
    Sheet {
        rows: std::iter::Enumerate<std::slice::Iter<'a, Vec<String>>>,
    },
}

impl Iterator for Records<'_> {
    type Item = Result<Record, BadRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Text {
                inner,
                lines,
                delimiter,
            } => Some(match inner.next()? {
                Ok(cells) => {
                    let start = cells.position().map_or(0, |p| p.byte()) as usize;
                    let end = inner.reader().position().byte() as usize;
                    let line = lines.at(start as u64);
                    let raw = lines.text.get(start..end).unwrap_or_default();
                    match oversized(&cells).or_else(|| unclosed_quote(&cells, raw, *delimiter)) {
                        Some(reason) => Err(BadRecord { line, reason }),
                        None => Ok(Record { line, cells }),
                    }
                }
                Err(e) => Err(BadRecord {
                    line: e.position().map_or(0, |p| lines.at(p.byte())),
                    reason: e.to_string(),
                }),
            }),
            Records::Sheet { rows } => {
                let (i, row) = rows.next()?;
                let (line, cells) = (i as u64 + 1, row.iter().collect());
                Some(match oversized(&cells) {
                    Some(reason) => Err(BadRecord { line, reason }),
                    None => Ok(Record { line, cells }),
                })
            }
        }
    }
}

/// A quote opened in a cell and not closed where the cell ends swallows the lines below
/// into that cell (the csv reader is lenient), which would silently turn several rows into
/// one. Only a record with a line break inside a cell can be such a record; its raw text
/// is then checked strictly: a quoted cell ends with a quote followed by the delimiter,
/// a line break, or the end of the file.
fn unclosed_quote(cells: &csv::StringRecord, raw: &[u8], delimiter: u8) -> Option<String> {
    if !cells.iter().any(|c| c.contains('\n') || c.contains('\r')) {
        return None;
    }
    let column = misquoted_column(raw, delimiter)?;
    let start: String = cells
        .get(column)
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect();
    Some(format!(
        "column {}: the quote opening \"{start}\" is not closed where its cell ends, so the lines below run into it",
        column + 1
    ))
}

/// The 0-based column of the first quoted cell in `raw` (one record) that is not closed
/// properly, if any.
fn misquoted_column(raw: &[u8], delimiter: u8) -> Option<usize> {
    let (mut i, mut column) = (0, 0);
    loop {
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(q) = raw.get(i..).and_then(|r| r.iter().position(|b| *b == b'"')) else {
                    // Never closed: the quote runs to the end of the file.
                    return Some(column);
                };
                if raw.get(i + q + 1) == Some(&b'"') {
                    i += q + 2;
                } else {
                    i += q + 1;
                    break;
                }
            }
            match raw.get(i) {
                None | Some(b'\r' | b'\n') => return None,
                Some(b) if *b == delimiter => {
                    i += 1;
                    column += 1;
                }
                Some(_) => return Some(column),
            }
        } else {
            let rest = raw.get(i..)?;
            match rest
                .iter()
                .position(|b| *b == delimiter || matches!(b, b'\r' | b'\n'))
            {
                Some(p) if rest[p] == delimiter => {
                    i += p + 1;
                    column += 1;
                }
                _ => return None,
            }
        }
    }
}

fn oversized(cells: &csv::StringRecord) -> Option<String> {
    let (column, cell) = cells
        .iter()
        .enumerate()
        .find(|(_, c)| c.len() > MAX_CELL_BYTES)?;
    Some(format!(
        "column {}: a cell of {} bytes (at most {MAX_CELL_BYTES}); not a statement",
        column + 1,
        cell.len()
    ))
}

/// Line numbers from byte offsets. The csv crate's own line count skips blank lines,
/// and an error must name the line an editor shows.
pub struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record starting at byte `at`; calls come in increasing order of `at`.
    pub fn at(&mut self, at: u64) -> u64 {
        let mut at = (at as usize).min(self.text.len());
        // A record's position includes the blank lines skipped before it.
        while at < self.text.len() && matches!(self.text[at], b'\n' | b'\r') {
            at += 1;
        }
        if at > self.offset {
            self.line += self.text[self.offset..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.offset = at;
        }
        self.line
    }
}
