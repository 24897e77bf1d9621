//! `rule suggest`: which uncategorized payees matter most, and the category the user's
//! own earlier choices point to (token statistics over categorized payees and memos).
//! Suggestions only; nothing is changed.

use std::collections::HashMap;

use super::money::Money;
use super::text::fold;

/// A categorized transaction to learn from.
pub struct Example<'a> {
    pub payee: &'a str,
    pub memo: &'a str,
    pub category: &'a str,
}

/// An uncategorized transaction.
pub struct Open<'a> {
    pub payee: &'a str,
    pub memo: &'a str,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The payee as first seen.
    pub payee: String,
    pub count: u64,
    /// The absolute amounts added up, per currency.
    pub totals: Vec<Money>,
    pub category: Option<String>,
    /// The word the proposed rule would match.
    pub pattern: String,
    /// Share of the evidence behind the proposed category, 0-100.
    pub confidence: u32,
}

fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'')
        .filter(|t| t.chars().count() >= 2 && !t.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// The `limit` payees with the most money (then most transactions) and no category.
pub fn suggest(examples: &[Example], open: &[Open], limit: usize) -> Vec<Suggestion> {
    // token -> category -> count
    let mut seen: HashMap<String, HashMap<&str, u64>> = HashMap::new();
    for e in examples {
        let mut words = tokens(e.payee);
        words.extend(tokens(e.memo));
        words.sort();
        words.dedup();
        for w in words {
            *seen.entry(w).or_default().entry(e.category).or_default() += 1;
        }
    }

    struct Group<'a> {
        payee: &'a str,
        count: u64,
        totals: Vec<Money>,
        memos: Vec<&'a str>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for o in open {
        let key = fold(o.payee);
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                payee: o.payee,
                count: 0,
                totals: Vec::new(),
                memos: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += 1;
        g.memos.push(o.memo);
        let abs = o.amount.abs();
        match g.totals.iter_mut().find(|m| m.currency == abs.currency) {
            Some(total) => *total = total.checked_add(abs).unwrap_or(*total),
            None => g.totals.push(abs),
        }
    }
    // Most money first (in minor units of whatever currency, which ranks well enough
    // within the dominant currency), then most transactions.
    groups.sort_by(|a, b| {
        let sum = |g: &Group| g.totals.iter().map(|m| i128::from(m.minor)).sum::<i128>();
        sum(b).cmp(&sum(a)).then(b.count.cmp(&a.count))
    });

    groups
        .into_iter()
        .take(limit)
        .map(|g| {
            let payee_words = tokens(g.payee);
            let mut words = payee_words.clone();
            for memo in &g.memos {
                words.extend(tokens(memo));
            }
            let mut scores: HashMap<&str, f64> = HashMap::new();
            let mut best_word: HashMap<&str, (f64, String)> = HashMap::new();
            for w in &words {
                let Some(cats) = seen.get(w) else { continue };
                let total: u64 = cats.values().sum();
                for (cat, n) in cats {
                    // A word's vote is the share of its uses in that category.
                    let vote = *n as f64 / total as f64;
                    *scores.entry(cat).or_default() += vote;
                    let entry = best_word.entry(cat).or_insert((0.0, w.clone()));
                    if vote > entry.0 {
                        *entry = (vote, w.clone());
                    }
                }
            }
            let sum: f64 = scores.values().sum();
            let best = scores
                .iter()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(c, s)| (c.to_string(), *s));
            let pattern = match &best {
                Some((cat, _)) => best_word[cat.as_str()].1.clone(),
                None => payee_words
                    .first()
                    .cloned()
                    .unwrap_or_else(|| fold(g.payee)),
            };
            Suggestion {
                payee: g.payee.to_string(),
                count: g.count,
                totals: g.totals,
                confidence: best
                    .as_ref()
                    .map_or(0, |(_, s)| (s / sum * 100.0).round() as u32),
                category: best.map(|(c, _)| c),
                pattern,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    #[test]
    fn ranks_by_money_and_learns_from_earlier_choices() {
        let examples = [
            Example {
                payee: "코베아 공식몰",
                memo: "버너",
                category: "camping",
            },
            Example {
                payee: "캠핑존 성수",
                memo: "",
                category: "camping",
            },
            Example {
                payee: "교보문고",
                memo: "",
                category: "books",
            },
        ];
        let krw = |m| Money::new(m, Currency::KRW);
        let open = [
            Open {
                payee: "GS25 성수점",
                memo: "",
                amount: krw(-3_000),
            },
            Open {
                payee: "캠핑존 성수",
                memo: "랜턴",
                amount: krw(-45_000),
            },
            Open {
                payee: "캠핑존  성수",
                memo: "",
                amount: krw(-5_000),
            },
        ];
        let s = suggest(&examples, &open, 10);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].payee, "캠핑존 성수");
        assert_eq!(s[0].count, 2);
        assert_eq!(s[0].totals, vec![krw(50_000)]);
        assert_eq!(s[0].category.as_deref(), Some("camping"));
        assert_eq!(s[0].pattern, "캠핑존");
        assert_eq!(s[1].category, None, "nothing known about GS25");
        assert_eq!(s[1].pattern, "gs25");
    }
}
