//! Recognizing a statement: which profile reads it, with which delimiter, and where its
//! header row is. The header is found by content (the first row holding the profile's key
//! columns), because banks put a varying number of title and notice rows above it.

use std::collections::HashMap;

use crate::domain::text::{fold, header_key};

use super::grid::{Grid, Split};
use super::profile::{AmountForm, ColumnValues, Profile, ProfileSpec, Source};
use super::ImportError;

/// How far down a header row may sit.
const HEADER_SEARCH_ROWS: usize = 60;

/// Where a recognized statement's data is.
#[derive(Clone, Debug)]
pub struct Layout {
    pub split: Split,
    /// How the profile was chosen over the others (runners-up, near misses).
    pub notes: Vec<String>,
    /// Records before the header (the header is record number `header_index`, 0-based).
    pub header_index: usize,
    pub header_line: u64,
    pub columns: Columns,
}

/// Column indices of each field the profile maps; `None` when the file lacks an optional one.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub date: usize,
    pub time: Option<usize>,
    pub payee: Vec<usize>,
    pub memo: Vec<usize>,
    pub amount: AmountIndex,
    pub currency: Option<usize>,
    pub external_id: Option<usize>,
    pub account: Option<usize>,
    pub category: Option<usize>,
    pub skip: Vec<Match>,
    pub only: Vec<Match>,
    pub refund: Option<Match>,
    pub sign: Option<Match>,
    pub fee: Option<usize>,
}

/// A column (found in this file) and the folded values a profile rule looks for.
#[derive(Clone, Debug)]
pub struct Match {
    pub column: usize,
    pub values: Vec<String>,
}

impl Match {
    fn new(rule: &ColumnValues, find: impl Fn(&str) -> Option<usize>) -> Option<Match> {
        Some(Match {
            column: find(&rule.column)?,
            values: rule.values.iter().map(|v| fold(v)).collect(),
        })
    }

    /// Whether the row's cell holds one of the values.
    pub fn holds(&self, record: &csv::StringRecord) -> bool {
        let cell = fold(record.get(self.column).unwrap_or(""));
        self.values.contains(&cell)
    }
}

#[derive(Clone, Debug)]
pub enum AmountIndex {
    Signed(usize),
    OutIn { out: usize, inflow: usize },
    Charge(usize),
}

impl Default for AmountIndex {
    fn default() -> Self {
        AmountIndex::Signed(0)
    }
}

struct Candidate<'p> {
    profile: &'p Profile,
    split: Split,
    record: usize,
    line: u64,
    score: (usize, usize),
    columns: Columns,
}

/// The first rows of the grid as header keys, for one way of splitting it.
fn head_rows(grid: &Grid, split: Split) -> Vec<(u64, Vec<String>)> {
    let mut rows = Vec::new();
    for record in grid.records(split).take(HEADER_SEARCH_ROWS) {
        let Ok(record) = record else { break };
        rows.push((record.line, record.cells.iter().map(header_key).collect()));
    }
    rows
}

/// Finds which of `candidates` reads `grid`. `forced` says the user named the one
/// candidate with --profile, which changes what a failure says.
pub fn detect<'p>(
    grid: &Grid,
    candidates: &[&'p Profile],
    forced: bool,
    file: &str,
) -> Result<(&'p Profile, Layout), ImportError> {
    let heads: HashMap<Split, Vec<(u64, Vec<String>)>> = grid
        .splits()
        .into_iter()
        .map(|split| (split, head_rows(grid, split)))
        .collect();

    let mut matches: Vec<Candidate> = Vec::new();
    // For the error message: per profile, the most required columns any row held.
    let mut nearest: Vec<(&Profile, usize, Vec<&str>)> = Vec::new();
    for profile in candidates {
        let spec = &profile.spec;
        let required = spec.required_columns();
        // Folded once per profile, not once per row it is compared with.
        let required_keys: Vec<String> = required.iter().map(|c| header_key(c)).collect();
        let mut best_missing: Option<Vec<&str>> = None;
        // A sheet comes split; text is split as the profile says, or every way.
        let splits: Vec<Split> = match (grid.is_sheet(), spec.delimiter_byte()) {
            (false, Some(d)) => vec![Some(d)],
            _ => grid.splits(),
        };
        'splits: for split in splits {
            let Some(head) = heads.get(&split) else {
                continue;
            };
            for (record, (line, keys)) in head.iter().enumerate() {
                let missing: Vec<&str> = required
                    .iter()
                    .zip(&required_keys)
                    .filter(|(_, key)| !keys.contains(key))
                    .map(|(c, _)| *c)
                    .collect();
                if missing.is_empty() {
                    let columns = map_columns(spec, keys);
                    let optional = count_optional(&columns);
                    matches.push(Candidate {
                        profile,
                        split,
                        record,
                        line: *line,
                        score: (required.len(), optional),
                        columns,
                    });
                    break 'splits;
                }
                if best_missing
                    .as_ref()
                    .is_none_or(|m| missing.len() < m.len())
                {
                    best_missing = Some(missing);
                }
            }
        }
        if let Some(missing) = best_missing {
            let found = required.len() - missing.len();
            nearest.push((profile, found, missing));
        }
    }

    if matches.is_empty() {
        if let (true, Some(p)) = (forced, candidates.first()) {
            let missing = nearest
                .first()
                .map(|(_, _, m)| m.clone())
                .unwrap_or_else(|| p.spec.required_columns());
            return Err(ImportError::HeaderNotFound {
                file: file.to_string(),
                profile: p.name().to_string(),
                missing: quote_list(&missing),
            });
        }
        nearest.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.len().cmp(&b.2.len())));
        let closest: Vec<String> = nearest
            .iter()
            .filter(|(_, found, _)| *found > 0)
            .take(3)
            .map(|(p, _, missing)| format!("{} (missing {})", p.name(), quote_list(missing)))
            .collect();
        let closest = if closest.is_empty() {
            String::new()
        } else {
            format!("; closest: {}", closest.join(", "))
        };
        return Err(ImportError::NoProfile {
            file: file.to_string(),
            closest,
        });
    }

    matches.sort_by_key(|m| std::cmp::Reverse(m.score));
    let top = matches[0].score;
    // Why the choice fell as it did, for `profile check`.
    let mut notes: Vec<String> = matches
        .iter()
        .filter(|m| m.score != top)
        .map(|m| {
            format!(
                "{} also matches, with fewer key columns ({} of the chosen {})",
                m.profile.name(),
                m.score.0,
                top.0
            )
        })
        .collect();
    nearest.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.len().cmp(&b.2.len())));
    notes.extend(
        nearest
            .iter()
            .filter(|(_, found, _)| *found > 0)
            .take(2)
            .map(|(p, _, missing)| {
                format!("{} was near (missing {})", p.name(), quote_list(missing))
            }),
    );
    let mut best: Vec<Candidate> = matches.into_iter().filter(|m| m.score == top).collect();
    // A user's own profile wins a tie with a built-in: they wrote it for this file.
    if best.len() > 1
        && best
            .iter()
            .any(|m| matches!(m.profile.source, Source::User(_)))
    {
        for m in best.iter().filter(|m| m.profile.source == Source::Builtin) {
            notes.push(format!(
                "built-in {} matches as well; your own profile wins",
                m.profile.name()
            ));
        }
        best.retain(|m| matches!(m.profile.source, Source::User(_)));
    }
    if best.len() > 1 {
        let names: Vec<&str> = best.iter().map(|m| m.profile.name()).collect();
        return Err(ImportError::Ambiguous {
            file: file.to_string(),
            names: names.join(", "),
        });
    }
    let m = best.remove(0);
    Ok((
        m.profile,
        Layout {
            split: m.split,
            notes,
            header_index: m.record,
            header_line: m.line,
            columns: m.columns,
        },
    ))
}

fn quote_list(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn count_optional(c: &Columns) -> usize {
    [c.time, c.currency, c.external_id, c.account, c.category]
        .iter()
        .filter(|i| i.is_some())
        .count()
        + c.payee.len()
        + c.memo.len()
}

fn map_columns(spec: &ProfileSpec, keys: &[String]) -> Columns {
    let find = |name: &str| {
        let key = header_key(name);
        keys.iter().position(|k| *k == key)
    };
    let find_all = |names: &[String]| names.iter().filter_map(|n| find(n)).collect::<Vec<_>>();
    // Required columns are present: detect() only maps a row that holds them all.
    let must = |name: &str| find(name).unwrap_or(usize::MAX);
    Columns {
        date: must(&spec.date.column),
        time: spec.time.as_ref().and_then(|t| find(&t.column)),
        payee: find_all(spec.payee.columns()),
        memo: find_all(spec.memo.columns()),
        amount: match spec.amount_form() {
            AmountForm::Signed(c) => AmountIndex::Signed(must(c)),
            AmountForm::OutIn { out, inflow } => AmountIndex::OutIn {
                out: must(out),
                inflow: must(inflow),
            },
            AmountForm::Charge(c) => AmountIndex::Charge(must(c)),
        },
        currency: spec.currency_column.as_deref().and_then(find),
        external_id: spec.external_id.as_deref().and_then(find),
        account: spec.account_column.as_deref().and_then(find),
        category: spec.category_column.as_deref().and_then(find),
        skip: spec
            .skip
            .iter()
            .filter_map(|r| Match::new(r, find))
            .collect(),
        only: spec
            .only
            .iter()
            .filter_map(|r| Match::new(r, find))
            .collect(),
        refund: spec.refund.as_ref().and_then(|r| Match::new(r, find)),
        sign: spec.sign.as_ref().and_then(|r| Match::new(r, find)),
        fee: spec.fee.as_deref().and_then(find),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::profile::Profiles;

    fn detect_generic(text: &str) -> Result<Layout, ImportError> {
        let profiles = Profiles::builtin();
        let all: Vec<&Profile> = profiles.all().iter().collect();
        let grid = Grid::Text(text.to_string());
        detect(&grid, &all, false, "t.csv").map(|(_, layout)| layout)
    }

    #[test]
    fn finds_header_below_a_preamble_with_columns_in_any_order() {
        let text =
            "My export\nperiod: 2025-03\n\nAmount, Payee ,DATE,memo\n-5000,Cafe,2025-03-01,\n";
        let layout = detect_generic(text).unwrap();
        assert_eq!(layout.header_line, 4);
        assert_eq!(layout.header_index, 2, "the blank line is not a record");
        assert_eq!(layout.columns.date, 2);
        assert_eq!(layout.columns.payee, vec![1]);
        assert!(matches!(layout.columns.amount, AmountIndex::Signed(0)));
        assert_eq!(layout.columns.memo, vec![3]);
        assert_eq!(layout.columns.category, None);
    }

    #[test]
    fn no_match_names_the_closest_profile() {
        let err = detect_generic("date,merchant,amount\n2025-03-01,x,1\n").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("closest: generic (missing \"payee\")"),
            "{msg}"
        );
        assert!(msg.contains("--profile"), "{msg}");
    }
}
