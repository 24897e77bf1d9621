//! Categorization rules: which bucket a transaction goes in, decided from its payee, memo,
//! amount and account. Substring patterns are matched all at once with Aho-Corasick, so
//! hundreds of rules cost one pass over the text, not one pass per rule.

use aho_corasick::{AhoCorasick, MatchKind};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::text::fold;

/// Which text a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Payee,
    Memo,
    #[default]
    Any,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Payee => "payee",
            Field::Memo => "memo",
            Field::Any => "any",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        match text {
            "payee" => Some(Field::Payee),
            "memo" => Some(Field::Memo),
            "any" => Some(Field::Any),
            _ => None,
        }
    }
}

/// Where a rule comes from; user rules are tried before built-in ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    User(i64),
    Builtin,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub origin: Origin,
    pub category: String,
    /// As the user wrote it.
    pub pattern: String,
    pub regex: bool,
    pub field: Field,
    /// Bounds on the absolute amount, inclusive.
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub account: Option<String>,
    pub priority: i64,
}

impl Rule {
    /// How the rule is named where a transaction says what categorized it.
    pub fn reference(&self) -> String {
        match self.origin {
            Origin::User(id) => format!("rule {id}"),
            Origin::Builtin => format!("built-in \"{}\"", self.pattern),
        }
    }

    /// Whether this rule alone matches (for `rule list` counts; categorizing uses RuleSet).
    pub fn matches(&self, subject: &Subject, regex: Option<&regex::Regex>) -> bool {
        if !self.admits(subject.amount.abs(), subject.account) {
            return false;
        }
        let test = |text: &str| match regex {
            Some(re) => re.is_match(&fold(text)),
            None => fold(text).contains(&fold(&self.pattern)),
        };
        match self.field {
            Field::Payee => test(subject.payee),
            Field::Memo => test(subject.memo),
            Field::Any => test(subject.payee) || test(subject.memo),
        }
    }

    fn admits(&self, abs_amount: Decimal, account: &str) -> bool {
        self.min.is_none_or(|min| abs_amount >= min)
            && self.max.is_none_or(|max| abs_amount <= max)
            && self.account.as_deref().is_none_or(|a| a == account)
    }

    /// Order of precedence: user before built-in, higher priority, longer pattern.
    fn rank(&self) -> (bool, i64, usize) {
        (
            matches!(self.origin, Origin::User(_)),
            self.priority,
            self.pattern.chars().count(),
        )
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RuleError {
    #[error("the pattern is empty")]
    EmptyPattern,
    #[error("invalid regex \"{pattern}\": {message}")]
    Regex { pattern: String, message: String },
}

/// What a transaction is matched on.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    pub payee: &'a str,
    pub memo: &'a str,
    /// Signed amount; rules bound its absolute value.
    pub amount: Decimal,
    pub account: &'a str,
}

/// All rules, compiled for matching.
pub struct RuleSet {
    rules: Vec<Rule>,
    substrings: Option<AhoCorasick>,
    /// For each Aho-Corasick pattern, the rule it belongs to.
    substring_rule: Vec<usize>,
    regexes: Vec<(usize, regex::Regex)>,
}

impl RuleSet {
    pub fn new(rules: Vec<Rule>) -> Result<RuleSet, RuleError> {
        let mut patterns = Vec::new();
        let mut substring_rule = Vec::new();
        let mut regexes = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.regex {
                regexes.push((i, compile_regex(&rule.pattern)?));
            } else {
                let folded = fold(&rule.pattern);
                if folded.is_empty() {
                    return Err(RuleError::EmptyPattern);
                }
                patterns.push(folded);
                substring_rule.push(i);
            }
        }
        let substrings = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| RuleError::Regex {
                        pattern: String::new(),
                        message: e.to_string(),
                    })?,
            )
        };
        Ok(RuleSet {
            rules,
            substrings,
            substring_rule,
            regexes,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The winning rule for a transaction, if any matches.
    pub fn categorize(&self, subject: &Subject) -> Option<&Rule> {
        let folded = Subject {
            payee: &fold(subject.payee),
            memo: &fold(subject.memo),
            ..*subject
        };
        self.categorize_folded(&folded)
    }

    /// `categorize` for a subject whose payee and memo are already folded (text::fold).
    pub fn categorize_folded(&self, subject: &Subject) -> Option<&Rule> {
        self.categorize_index(subject).map(|i| &self.rules[i])
    }

    /// `categorize_folded` as a position for `rule_at`, for callers that keep something
    /// per rule (a category id, the reference text) instead of rebuilding it per row.
    pub fn categorize_index(&self, subject: &Subject) -> Option<usize> {
        let (payee, memo) = (subject.payee, subject.memo);
        let abs = subject.amount.abs();
        let mut best: Option<usize> = None;
        let mut consider = |i: usize| {
            let rule = &self.rules[i];
            if !rule.admits(abs, subject.account) {
                return;
            }
            if best.is_none_or(|b| rule.rank() > self.rules[b].rank()) {
                best = Some(i);
            }
        };
        if let Some(ac) = &self.substrings {
            for (text, field) in [(payee, Field::Payee), (memo, Field::Memo)] {
                if text.is_empty() {
                    continue;
                }
                for m in ac.find_overlapping_iter(text) {
                    let i = self.substring_rule[m.pattern().as_usize()];
                    if matches!(self.rules[i].field, Field::Any) || self.rules[i].field == field {
                        consider(i);
                    }
                }
            }
        }
        for (i, re) in &self.regexes {
            let rule = &self.rules[*i];
            let hit = match rule.field {
                Field::Payee => re.is_match(payee),
                Field::Memo => re.is_match(memo),
                Field::Any => re.is_match(payee) || re.is_match(memo),
            };
            if hit {
                consider(*i);
            }
        }
        best
    }

    pub fn rule_at(&self, i: usize) -> &Rule {
        &self.rules[i]
    }
}

/// Regexes match the folded (lower-cased, NFC, spaces collapsed) text, case-insensitively.
pub fn compile_regex(pattern: &str) -> Result<regex::Regex, RuleError> {
    if pattern.trim().is_empty() {
        return Err(RuleError::EmptyPattern);
    }
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| RuleError::Regex {
            pattern: pattern.to_string(),
            message: regex_message(&e.to_string()),
        })
}

/// The regex crate explains a syntax error over several lines, with a caret under the
/// spot; one line with the position (1-based, in characters) says the same.
fn regex_message(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let reason = lines
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| lines.last().copied().unwrap_or(text));
    let caret = lines.iter().position(|l| l.trim_start().starts_with('^'));
    match caret {
        Some(i) if i > 0 => {
            let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
            let column = indent(lines[i]).saturating_sub(indent(lines[i - 1])) + 1;
            format!("{reason} at position {column}")
        }
        _ => reason.to_string(),
    }
}

/// The built-in rules file (imports/rules/builtin.toml): categories, each with a
/// priority, a field and its patterns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltinFile {
    group: Vec<BuiltinGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltinGroup {
    category: String,
    #[serde(default)]
    priority: i64,
    #[serde(default)]
    field: Field,
    patterns: Vec<String>,
}

/// Parses the built-in rules data file.
pub fn builtin_rules(text: &str) -> Result<Vec<Rule>, String> {
    let file: BuiltinFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    Ok(file
        .group
        .into_iter()
        .flat_map(|g| {
            let (category, priority, field) = (g.category, g.priority, g.field);
            g.patterns.into_iter().map(move |pattern| Rule {
                origin: Origin::Builtin,
                category: category.clone(),
                pattern,
                regex: false,
                field,
                min: None,
                max: None,
                account: None,
                priority,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(category: &str, pattern: &str, field: Field, priority: i64, user: bool) -> Rule {
        Rule {
            origin: if user {
                Origin::User(1)
            } else {
                Origin::Builtin
            },
            category: category.into(),
            pattern: pattern.into(),
            regex: false,
            field,
            min: None,
            max: None,
            account: None,
            priority,
        }
    }

    fn subject<'a>(payee: &'a str, memo: &'a str, amount: i64) -> Subject<'a> {
        Subject {
            payee,
            memo,
            amount: Decimal::from(amount),
            account: "kb",
        }
    }

    fn winner(set: &RuleSet, payee: &str, memo: &str) -> Option<String> {
        set.categorize(&subject(payee, memo, -10_000))
            .map(|r| r.category.clone())
    }

    #[test]
    fn product_words_beat_the_merchant() {
        let set = RuleSet::new(vec![
            rule("groceries", "이마트", Field::Any, 0, false),
            rule("whisky", "발베니", Field::Any, 20, false),
        ])
        .unwrap();
        assert_eq!(
            winner(&set, "이마트 성수점", "발베니 12년").as_deref(),
            Some("whisky")
        );
        assert_eq!(
            winner(&set, "이마트 성수점", "장보기").as_deref(),
            Some("groceries")
        );
        assert_eq!(winner(&set, "GS25", ""), None);
    }

    #[test]
    fn user_rules_beat_builtin_then_priority_then_length() {
        let set = RuleSet::new(vec![
            rule("cafe", "스타벅스", Field::Payee, 50, false),
            rule("gifts", "스타벅스", Field::Payee, 0, true),
            rule("dining", "star", Field::Payee, 0, true),
            rule("cafe", "starbucks", Field::Payee, 0, true),
        ])
        .unwrap();
        assert_eq!(winner(&set, "스타벅스 성수", "").as_deref(), Some("gifts"));
        assert_eq!(
            winner(&set, "STARBUCKS  Seoul", "").as_deref(),
            Some("cafe")
        );
    }

    #[test]
    fn fields_amounts_and_accounts_narrow_a_rule() {
        let mut big = rule("appliances", "하이마트", Field::Payee, 0, true);
        big.min = Some(Decimal::from(100_000));
        let mut memo_only = rule("camping", "텐트", Field::Memo, 0, true);
        memo_only.account = Some("kb".into());
        let set = RuleSet::new(vec![big, memo_only]).unwrap();
        assert_eq!(
            set.categorize(&subject("하이마트", "", -50_000))
                .map(|r| &r.category),
            None
        );
        assert_eq!(
            set.categorize(&subject("하이마트", "", -500_000))
                .map(|r| r.category.as_str()),
            Some("appliances")
        );
        assert_eq!(
            winner(&set, "텐트나라", ""),
            None,
            "memo-only rule ignores the payee"
        );
        assert_eq!(
            winner(&set, "당근페이", "캠핑 텐트").as_deref(),
            Some("camping")
        );
    }

    #[test]
    fn regex_rules_and_their_errors() {
        let mut r = rule("transport", r"^(서울|부산)교통", Field::Payee, 0, true);
        r.regex = true;
        let set = RuleSet::new(vec![r]).unwrap();
        assert_eq!(
            winner(&set, "서울교통공사", "").as_deref(),
            Some("transport")
        );
        assert_eq!(winner(&set, "대전 서울교통", ""), None);
        let err = compile_regex("(unclosed").unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid regex \"(unclosed\": unclosed group at position 1"
        );
        let err = compile_regex("abc[").unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid regex \"abc[\": unclosed character class at position 4"
        );
        assert_eq!(compile_regex("  ").err(), Some(RuleError::EmptyPattern));
        assert!(RuleSet::new(vec![rule("x", "  ", Field::Any, 0, true)]).is_err());
    }
}
