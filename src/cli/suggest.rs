//! `gagyebu rule suggest`: proposals only, as `rule add` commands to copy.

use serde::Serialize;

use crate::domain::suggest::{suggest, Example, Open};
use crate::render::{self, Align, Format, Table};
use crate::store::Store;

use super::Context;

#[derive(Serialize)]
struct SuggestionJson {
    payee: String,
    count: u64,
    totals: Vec<String>,
    category: Option<String>,
    confidence: u32,
    command: String,
}

pub fn run(ctx: &mut Context, store: &Store, limit: usize) -> anyhow::Result<()> {
    let (examples, open) = store.suggestion_data()?;
    let examples: Vec<Example> = examples
        .iter()
        .map(|(payee, memo, category)| Example {
            payee,
            memo,
            category,
        })
        .collect();
    let open: Vec<Open> = open
        .iter()
        .map(|(payee, memo, amount)| Open {
            payee,
            memo,
            amount: *amount,
        })
        .collect();
    let rows: Vec<SuggestionJson> = suggest(&examples, &open, limit)
        .into_iter()
        .map(|s| SuggestionJson {
            command: format!(
                "gagyebu rule add {} {}",
                s.category.as_deref().unwrap_or("CATEGORY"),
                shell_quote(&s.pattern)
            ),
            totals: s
                .totals
                .iter()
                .map(|m| format!("{} {}", m.grouped(), m.currency))
                .collect(),
            payee: s.payee,
            count: s.count,
            category: s.category,
            confidence: s.confidence,
        })
        .collect();
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &rows)?);
    }
    let mut table = Table::new(&[
        ("payee", Align::Left),
        ("count", Align::Right),
        ("total", Align::Right),
        ("proposed", Align::Left),
        ("command", Align::Left),
    ]);
    for r in &rows {
        table.push(vec![
            r.payee.clone(),
            r.count.to_string(),
            r.totals.join(", "),
            match &r.category {
                Some(c) => format!("{c} ({}%)", r.confidence),
                None => "?".into(),
            },
            r.command.clone(),
        ]);
    }
    render::write_table(ctx.out, &table, ctx.format)?;
    if rows.is_empty() && ctx.format == Format::Table {
        writeln!(ctx.err, "every transaction has a category")?;
    }
    Ok(())
}

fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
