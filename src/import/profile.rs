//! Import profiles: declarative descriptions of one statement format (which columns hold
//! the date, payee, memo and amount, how numbers and dates are written). Built-in ones are
//! compiled from imports/*.toml; users add their own in ~/.config/gagyebu/imports/.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::money::{Currency, NumberStyle};

use super::ImportError;

/// Where a profile came from; a user profile with a built-in's name replaces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Builtin,
    User(PathBuf),
}

#[derive(Clone, Debug)]
pub struct Profile {
    pub spec: ProfileSpec,
    pub source: Source,
    /// The TOML text it was read from, for `profile show`.
    pub text: String,
}

/// The TOML schema of a profile file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSpec {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// What kind of account statements of this format come from.
    #[serde(default)]
    pub kind: AccountKind,
    /// Header cells that identify the format, compared without whitespace and case.
    /// The date and amount columns are always required as well.
    #[serde(default)]
    pub header: Vec<String>,
    /// One of `,` `\t` `;` `|`; absent means any of them.
    #[serde(default)]
    pub delimiter: Option<String>,
    /// The legacy encoding to assume when the file is neither UTF-8 nor UTF-16 with a BOM
    /// (an encoding_rs label such as "euc-kr" or "windows-1252"). Default: CP949.
    #[serde(default)]
    pub encoding: Option<String>,
    /// Numbers written `1.234,56`.
    #[serde(default)]
    pub decimal_comma: bool,
    pub date: DateColumn,
    #[serde(default)]
    pub time: Option<DateColumn>,
    /// Payee columns; the first non-empty one wins.
    #[serde(default)]
    pub payee: OneOrMany,
    /// Memo columns; the non-empty ones are joined.
    #[serde(default)]
    pub memo: OneOrMany,
    pub amount: AmountColumns,
    /// The fixed currency of the format; without it, rows default to KRW.
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub currency_column: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub account_column: Option<String>,
    #[serde(default)]
    pub category_column: Option<String>,
    /// Rows left out, e.g. pending or reverted ones (Revolut `State`).
    #[serde(default)]
    pub skip: Vec<ColumnValues>,
    /// Rows kept only when these hold (PayPal `Status` = Completed).
    #[serde(default)]
    pub only: Vec<ColumnValues>,
    /// A cancellation marked in a status column: its amount is money coming back.
    #[serde(default)]
    pub refund: Option<ColumnValues>,
    /// An unsigned amount whose direction a type column gives (Mint `Transaction Type`):
    /// rows with one of these values are money out, the others money in.
    #[serde(default)]
    pub sign: Option<ColumnValues>,
    /// A fee column that leaves the account along with the amount (Revolut: Amount − Fee).
    #[serde(default)]
    pub fee: Option<String>,
}

/// A column and the values (compared ignoring case and spacing) that trigger a rule.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnValues {
    pub column: String,
    pub values: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    #[default]
    Bank,
    Card,
    Wallet,
    Other,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Bank => "bank",
            AccountKind::Card => "card",
            AccountKind::Wallet => "wallet",
            AccountKind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DateColumn {
    pub column: String,
    /// chrono formats, tried in order; a format with a time keeps the time.
    pub formats: Vec<String>,
}

/// Exactly one of: a signed column, an out/in pair, or a positive charge column.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AmountColumns {
    #[serde(default)]
    pub signed: Option<String>,
    #[serde(default)]
    pub out: Option<String>,
    #[serde(default, rename = "in")]
    pub inflow: Option<String>,
    #[serde(default)]
    pub charge: Option<String>,
}

/// How a profile's amount is read, once validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountForm<'a> {
    Signed(&'a str),
    OutIn { out: &'a str, inflow: &'a str },
    Charge(&'a str),
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn columns(&self) -> &[String] {
        match self {
            OneOrMany::None => &[],
            OneOrMany::One(c) => std::slice::from_ref(c),
            OneOrMany::Many(cs) => cs,
        }
    }
}

impl ProfileSpec {
    pub fn amount_form(&self) -> AmountForm<'_> {
        let a = &self.amount;
        match (&a.signed, &a.out, &a.inflow, &a.charge) {
            (Some(s), None, None, None) => AmountForm::Signed(s),
            (None, Some(o), Some(i), None) => AmountForm::OutIn { out: o, inflow: i },
            (None, None, None, Some(c)) => AmountForm::Charge(c),
            // validate() rejects every other shape before a profile is used.
            _ => unreachable!("profile {} was not validated", self.name),
        }
    }

    pub fn delimiter_byte(&self) -> Option<u8> {
        self.delimiter.as_deref().map(|d| match d {
            "\\t" | "tab" => b'\t',
            other => other.as_bytes()[0],
        })
    }

    pub fn number_style(&self) -> NumberStyle {
        if self.decimal_comma {
            NumberStyle::DecimalComma
        } else {
            NumberStyle::DecimalPoint
        }
    }

    /// The profile's fixed currency, if it declares one (validated).
    pub fn fixed_currency(&self) -> Option<Currency> {
        self.currency
            .as_deref()
            .and_then(|c| Currency::parse(c).ok())
    }

    pub fn fallback_encoding(&self) -> &'static encoding_rs::Encoding {
        self.encoding
            .as_deref()
            .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
            .unwrap_or(encoding_rs::EUC_KR)
    }

    /// The columns a header row must hold for this profile to match.
    pub fn required_columns(&self) -> Vec<&str> {
        let mut cols: Vec<&str> = self.header.iter().map(String::as_str).collect();
        cols.push(&self.date.column);
        match self.amount_form() {
            AmountForm::Signed(c) | AmountForm::Charge(c) => cols.push(c),
            AmountForm::OutIn { out, inflow } => cols.extend([out, inflow]),
        }
        if let [only] = self.payee.columns() {
            cols.push(only);
        }
        let mut seen = std::collections::HashSet::new();
        cols.retain(|c| seen.insert(crate::domain::text::header_key(c)));
        cols
    }

    fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("name is empty".into());
        }
        let a = &self.amount;
        let forms = [
            a.signed.is_some(),
            a.out.is_some() || a.inflow.is_some(),
            a.charge.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            return Err("amount needs exactly one of: signed, out + in, charge".into());
        }
        if a.out.is_some() != a.inflow.is_some() {
            return Err("amount out and in must be given together".into());
        }
        if self.date.formats.is_empty() {
            return Err("date.formats is empty".into());
        }
        if let Some(t) = &self.time {
            if t.formats.is_empty() {
                return Err("time.formats is empty".into());
            }
        }
        if let Some(d) = &self.delimiter {
            if !matches!(d.as_str(), "," | ";" | "|" | "\t" | "\\t" | "tab") {
                return Err(format!(
                    "delimiter \"{d}\" is not one of \",\" \";\" \"|\" \"\\t\""
                ));
            }
        }
        if let Some(c) = &self.currency {
            Currency::parse(c).map_err(|e| e.to_string())?;
        }
        if let Some(e) = &self.encoding {
            if encoding_rs::Encoding::for_label(e.as_bytes()).is_none() {
                return Err(format!("unknown encoding \"{e}\""));
            }
        }
        Ok(())
    }
}

impl Profile {
    pub fn parse(text: &str, source: Source) -> Result<Profile, ImportError> {
        let origin = match &source {
            Source::Builtin => "built-in profile".to_string(),
            Source::User(p) => p.display().to_string(),
        };
        let spec: ProfileSpec = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| {
                text.as_bytes()[..span.start.min(text.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1
            });
            ImportError::Profile {
                origin: match line {
                    Some(line) => format!("{origin}:{line}"),
                    None => origin.clone(),
                },
                message: e.message().trim().to_string(),
            }
        })?;
        spec.validate()
            .map_err(|message| ImportError::Profile { origin, message })?;
        Ok(Profile {
            spec,
            source,
            text: text.to_string(),
        })
    }

    pub fn name(&self) -> &str {
        &self.spec.name
    }
}

/// Every profile available: the built-in ones, then the user's, which replace built-ins
/// of the same name.
#[derive(Clone, Debug, Default)]
pub struct Profiles {
    list: Vec<Profile>,
}

const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_profiles.rs"));

impl Profiles {
    pub fn builtin() -> Profiles {
        let list = BUILTIN
            .iter()
            .map(|(file, text)| {
                Profile::parse(text, Source::Builtin)
                    .unwrap_or_else(|e| panic!("built-in profile {file} is broken: {e}"))
            })
            .collect();
        Profiles { list }
    }

    /// Built-ins plus every *.toml in `user_dir` (which may not exist).
    pub fn load(user_dir: Option<&Path>) -> Result<Profiles, ImportError> {
        let mut profiles = Profiles::builtin();
        let Some(dir) = user_dir else {
            return Ok(profiles);
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(profiles),
            Err(e) => {
                return Err(ImportError::Io {
                    file: dir.display().to_string(),
                    error: e,
                })
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| ImportError::Io {
                file: path.display().to_string(),
                error: e,
            })?;
            let profile = Profile::parse(&text, Source::User(path))?;
            profiles.list.retain(|p| p.name() != profile.name());
            profiles.list.push(profile);
        }
        profiles.list.sort_by(|a, b| a.name().cmp(b.name()));
        Ok(profiles)
    }

    pub fn all(&self) -> &[Profile] {
        &self.list
    }

    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.list.iter().find(|p| p.name() == name)
    }

    /// `get`, or an error naming the profiles there are.
    pub fn require(&self, name: &str) -> Result<&Profile, ImportError> {
        self.get(name).ok_or_else(|| ImportError::UnknownProfile {
            name: name.to_string(),
            known: self
                .list
                .iter()
                .map(|p| p.name().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse() {
        let profiles = Profiles::builtin();
        assert!(profiles.get("generic").is_some());
        for p in profiles.all() {
            assert!(
                !p.spec.description.is_empty(),
                "{} has no description",
                p.name()
            );
        }
    }

    #[test]
    fn a_toml_error_names_the_line() {
        let text = "name = \"x\"\ndescription = \"y\"\ndate = { column = \"d\" formats = [] }\n";
        let err = Profile::parse(text, Source::User("my.toml".into())).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("my.toml:3: invalid import profile"),
            "{err}"
        );
    }

    #[test]
    fn rejects_two_amount_forms() {
        let text = r#"
            name = "x"
            date = { column = "d", formats = ["%Y-%m-%d"] }
            payee = "p"
            amount = { signed = "a", charge = "c" }
        "#;
        let err = Profile::parse(text, Source::Builtin)
            .unwrap_err()
            .to_string();
        assert!(err.contains("exactly one"), "{err}");
    }

    #[test]
    fn rejects_unknown_fields_and_currency() {
        let base = r#"
            name = "x"
            date = { column = "d", formats = ["%Y-%m-%d"] }
            amount = { signed = "a" }
        "#;
        assert!(Profile::parse(&format!("{base}\npayeee = \"p\""), Source::Builtin).is_err());
        assert!(Profile::parse(&format!("{base}\ncurrency = \"XYZ\""), Source::Builtin).is_err());
        assert!(Profile::parse(&format!("{base}\ncurrency = \"usd\""), Source::Builtin).is_ok());
    }

    #[test]
    fn required_columns_include_date_amount_and_single_payee() {
        let p = Profiles::builtin();
        let generic = p.get("generic").unwrap();
        assert_eq!(
            generic.spec.required_columns(),
            vec!["date", "payee", "amount"]
        );
    }
}
