//! Reading statements: bytes -> text (decode) -> the profile and header row (detect) ->
//! normalized transactions (rows). Nothing here touches the store.

pub mod decode;
pub mod detect;
pub mod grid;
pub mod html;
pub mod profile;
pub mod rows;
pub mod sheet;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use detect::Layout;
pub use grid::Grid;
pub use profile::{Profile, Profiles};
pub use rows::Row;

/// Everything that can go wrong reading a statement, with what a user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {error}")]
    Io { file: String, error: std::io::Error },
    #[error("{file}: is a directory, not a statement file")]
    Directory { file: String },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}:{line}: binary data, not a text statement (spreadsheets: save as CSV)")]
    Binary { file: String, line: usize },
    #[error("{file}:{line}: not readable as {tried}")]
    Encoding {
        file: String,
        line: usize,
        tried: String,
    },
    #[error("{file}: no import profile matches its header{closest}; pass --profile NAME (see `gagyebu profile list`)")]
    NoProfile { file: String, closest: String },
    #[error("{file}: the header matches several profiles ({names}); pass --profile NAME")]
    Ambiguous { file: String, names: String },
    #[error("{file}: profile {profile} needs a header row with {missing}, and none was found")]
    HeaderNotFound {
        file: String,
        profile: String,
        missing: String,
    },
    #[error("{file}: has a header but no transactions")]
    NoRows { file: String },
    #[error("{file}:{line}: column \"{column}\": {reason}")]
    Row {
        file: String,
        line: u64,
        column: String,
        reason: String,
    },
    #[error("{file}:{line}: {reason}")]
    Csv {
        file: String,
        line: u64,
        reason: String,
    },
    #[error("{file}: the spreadsheet is password-protected; open it and save a copy without a password (or as CSV), then import that")]
    Password { file: String },
    #[error("{file}: unreadable spreadsheet ({message}); save it as .xlsx or CSV and try again")]
    Spreadsheet { file: String, message: String },
    #[error("{file}: an HTML page without a table; if it is a statement, open it in Excel and save it as .xlsx or CSV")]
    Html { file: String },
    #[error("{file}: the HTML page ends in the middle of its table; the download looks cut short, so download it again")]
    Truncated { file: String },
    #[error("unknown profile \"{name}\" (profiles: {known})")]
    UnknownProfile { name: String, known: String },
    #[error("{origin}: invalid import profile: {message}")]
    Profile { origin: String, message: String },
}

/// A statement file read into memory, its format recognized, ready to yield rows.
pub struct Statement {
    pub path: PathBuf,
    /// The name shown to the user and recorded in the import batch.
    pub display: String,
    pub sha256: String,
    /// How the file was read: its text encoding, or the spreadsheet sheet.
    pub encoding: String,
    pub profile: Profile,
    grid: Grid,
    layout: Layout,
}

impl Statement {
    /// Reads and recognizes a statement. `forced` is the `--profile` the user gave.
    pub fn open(
        path: &Path,
        profiles: &Profiles,
        forced: Option<&str>,
    ) -> Result<Statement, ImportError> {
        let display = path.display().to_string();
        let forced = forced.map(|name| profiles.require(name)).transpose()?;
        if path.is_dir() {
            return Err(ImportError::Directory { file: display });
        }
        let bytes = std::fs::read(path).map_err(|error| ImportError::Io {
            file: display.clone(),
            error,
        })?;
        let mut statement = Statement::recognize(bytes, &display, profiles, forced)?;
        statement.path = path.to_path_buf();
        Ok(statement)
    }

    /// Reads and recognizes a statement held in memory (fuzzers and tests); `display`
    /// names it in messages.
    pub fn from_bytes(
        bytes: &[u8],
        display: &str,
        profiles: &Profiles,
        forced: Option<&Profile>,
    ) -> Result<Statement, ImportError> {
        Statement::recognize(bytes.to_vec(), display, profiles, forced)
    }

    /// Takes the bytes, so that a UTF-8 file becomes its text without a copy: a big
    /// statement is held once, not twice.
    fn recognize(
        bytes: Vec<u8>,
        display: &str,
        profiles: &Profiles,
        forced: Option<&Profile>,
    ) -> Result<Statement, ImportError> {
        let display = display.to_string();
        let sha256 = hex(&Sha256::digest(&bytes));
        let candidates: Vec<&Profile> = match forced {
            Some(p) => vec![p],
            None => profiles.all().iter().collect(),
        };
        let found = if sheet::is_spreadsheet(&bytes) {
            read_workbook(&bytes, &candidates, forced.is_some(), &display)?
        } else {
            read_text(bytes, &candidates, forced, &display)?
        };
        let (profile, layout, encoding, grid) = found;
        Ok(Statement {
            path: PathBuf::from(&display),
            display,
            sha256,
            encoding,
            profile: profile.clone(),
            grid,
            layout,
        })
    }

    /// The normalized rows, in file order, each with its line number.
    pub fn rows(&self) -> rows::Rows<'_> {
        rows::Rows::new(&self.grid, &self.profile.spec, &self.layout, &self.display)
    }

    /// Lines in the file: at least as many as it has rows.
    pub fn lines(&self) -> u64 {
        self.grid.lines()
    }

    /// How the profile was chosen: runners-up and near misses, for `profile check`.
    pub fn notes(&self) -> &[String] {
        &self.layout.notes
    }

    /// The header line's number (1-based), for `profile check`.
    pub fn header_line(&self) -> u64 {
        self.layout.header_line
    }
}

/// What recognizing a statement yields: its profile, layout, encoding and cells.
type Recognized<'p> = (&'p Profile, Layout, String, Grid);

/// Text statements: decoded (UTF-8, UTF-16, or a legacy encoding), then recognized.
/// HTML pages saved as .xls are text too: their tables are read as grids.
fn read_text<'p>(
    mut bytes: Vec<u8>,
    candidates: &[&'p Profile],
    forced: Option<&'p Profile>,
    display: &str,
) -> Result<Recognized<'p>, ImportError> {
    // Which legacy encodings to try, each with the profiles that declare it: a file
    // that is not UTF-8 or UTF-16 is read in a profile's encoding only for that profile.
    let mut encodings: Vec<&'static encoding_rs::Encoding> = match forced {
        Some(p) => vec![p.spec.fallback_encoding()],
        None => vec![encoding_rs::EUC_KR],
    };
    for p in candidates {
        let e = p.spec.fallback_encoding();
        if !encodings.contains(&e) {
            encodings.push(e);
        }
    }
    let mut first_error = None;
    for fallback in encodings {
        let decoded = match decode_or_error(&bytes, fallback, display) {
            Ok(decoded) => decoded,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let legacy = decoded.encoding == fallback.name();
        let group: Vec<&Profile> = if legacy && forced.is_none() {
            candidates
                .iter()
                .copied()
                .filter(|p| p.spec.fallback_encoding() == fallback)
                .collect()
        } else {
            candidates.to_vec()
        };
        let result = if sheet::is_html(&decoded.text) {
            let tables = html::tables(&decoded.text).map_err(|_| ImportError::Truncated {
                file: display.to_string(),
            })?;
            if tables.is_empty() {
                return Err(ImportError::Html {
                    file: display.to_string(),
                });
            }
            let label = format!("HTML page ({}),", decoded.encoding);
            first_match(tables, &group, forced.is_some(), display, &label)
        } else {
            // Plain UTF-8 is the bytes themselves: take them rather than copy them.
            // Only a legacy encoding can be tried after this one, and that needs no
            // bytes here: UTF-8 ends the loop either way.
            let plain = matches!(&decoded.text, Cow::Borrowed(t) if t.len() == bytes.len());
            let encoding = decoded.encoding;
            let text = if plain {
                drop(decoded);
                String::from_utf8(std::mem::take(&mut bytes))
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            } else {
                decoded.text.into_owned()
            };
            let grid = Grid::Text(text);
            detect::detect(&grid, &group, forced.is_some(), display)
                .map(|(profile, layout)| (profile, layout, encoding.to_string(), grid))
        };
        match result {
            Ok(found) => return Ok(found),
            Err(e) => {
                first_error.get_or_insert(e);
                // UTF-8 and UTF-16 read the same whatever the fallback.
                if !legacy {
                    break;
                }
            }
        }
    }
    Err(first_error.unwrap_or(ImportError::Empty {
        file: display.to_string(),
    }))
}

/// Spreadsheets: the first sheet that a profile recognizes.
fn read_workbook<'p>(
    bytes: &[u8],
    candidates: &[&'p Profile],
    forced: bool,
    display: &str,
) -> Result<Recognized<'p>, ImportError> {
    let grids = sheet::read(bytes).map_err(|e| match e {
        sheet::SheetError::Password => ImportError::Password {
            file: display.to_string(),
        },
        sheet::SheetError::Unreadable(message) => ImportError::Spreadsheet {
            file: display.to_string(),
            message,
        },
    })?;
    first_match(grids, candidates, forced, display, "spreadsheet, sheet")
}

/// The first of several grids (sheets, HTML tables) that a profile recognizes.
fn first_match<'p>(
    grids: Vec<Grid>,
    candidates: &[&'p Profile],
    forced: bool,
    display: &str,
    label: &str,
) -> Result<Recognized<'p>, ImportError> {
    let mut first_error = None;
    for grid in grids {
        match detect::detect(&grid, candidates, forced, display) {
            Ok((profile, layout)) => {
                let name = match &grid {
                    Grid::Sheet { name, .. } => name.clone(),
                    Grid::Text(_) => String::new(),
                };
                return Ok((profile, layout, format!("{label} \"{name}\""), grid));
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(ImportError::NoRows {
        file: display.to_string(),
    }))
}

fn decode_or_error<'a>(
    bytes: &'a [u8],
    fallback: &'static encoding_rs::Encoding,
    file: &str,
) -> Result<decode::Decoded<'a>, ImportError> {
    let file = file.to_string();
    decode::decode(bytes, fallback).map_err(|e| match e {
        decode::DecodeError::Empty => ImportError::Empty { file },
        decode::DecodeError::Binary { line } => ImportError::Binary { file, line },
        decode::DecodeError::Undecodable { line, tried } => {
            ImportError::Encoding { file, line, tried }
        }
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
