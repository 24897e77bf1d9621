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
    },
    Sheet {
        rows: std::iter::Enumerate<std::slice::Iter<'a, Vec<String>>>,
    },
}

impl Iterator for Records<'_> {
    type Item = Result<Record, BadRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Text { inner, lines } => Some(match inner.next()? {
                Ok(cells) => Ok(Record {
                    line: cells.position().map_or(0, |p| lines.at(p.byte())),
                    cells,
                }),
                Err(e) => Err(BadRecord {
                    line: e.position().map_or(0, |p| lines.at(p.byte())),
                    reason: e.to_string(),
                }),
            }),
            Records::Sheet { rows } => {
                let (i, row) = rows.next()?;
                Some(Ok(Record {
                    line: i as u64 + 1,
                    cells: row.iter().collect(),
                }))
            }
        }
    }
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
