//! Categories: the buckets purchases are sorted into, and what kind of money each holds.

use std::fmt;
use std::str::FromStr;

/// Transfers and income never count as spending, so importing both the bank and the
/// card statement does not count the card bill twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CategoryKind {
    Spending,
    Income,
    Transfer,
}

impl CategoryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryKind::Spending => "spending",
            CategoryKind::Income => "income",
            CategoryKind::Transfer => "transfer",
        }
    }
}

impl fmt::Display for CategoryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CategoryKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "spending" => Ok(CategoryKind::Spending),
            "income" => Ok(CategoryKind::Income),
            "transfer" => Ok(CategoryKind::Transfer),
            other => Err(format!(
                "unknown category kind \"{other}\" (spending, income or transfer)"
            )),
        }
    }
}

/// The buckets every new store starts with.
pub const BUILTIN: &[(&str, CategoryKind)] = &[
    ("camping", CategoryKind::Spending),
    ("whisky", CategoryKind::Spending),
    ("electronics", CategoryKind::Spending),
    ("books", CategoryKind::Spending),
    ("groceries", CategoryKind::Spending),
    ("dining", CategoryKind::Spending),
    ("cafe", CategoryKind::Spending),
    ("transport", CategoryKind::Spending),
    ("housing", CategoryKind::Spending),
    ("health", CategoryKind::Spending),
    ("travel", CategoryKind::Spending),
    ("games", CategoryKind::Spending),
    ("appliances", CategoryKind::Spending),
    ("clothing", CategoryKind::Spending),
    ("subscriptions", CategoryKind::Spending),
    ("gifts", CategoryKind::Spending),
    ("income", CategoryKind::Income),
    ("transfer", CategoryKind::Transfer),
];

/// The known names closest to a mistyped one, best first, for "did you mean".
pub fn closest<'a>(name: &str, known: &'a [String]) -> Vec<&'a str> {
    let wanted = name.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|k| {
            let k_lower = k.to_lowercase();
            let mut score = strsim::jaro_winkler(&wanted, &k_lower);
            if k_lower.contains(&wanted) || wanted.contains(&k_lower) {
                score = score.max(0.9);
            }
            (score, k.as_str())
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_for_typos() {
        let known: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(closest("whiskey", &known).first(), Some(&"whisky"));
        assert_eq!(closest("Book", &known).first(), Some(&"books"));
        assert_eq!(closest("camp", &known).first(), Some(&"camping"));
        assert!(closest("zzzzqqq", &known).is_empty());
    }
}
