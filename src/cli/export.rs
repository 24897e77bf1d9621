//! `gagyebu export --to hledger|ledger|beancount|csv [--year Y] [-o FILE]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::render::journal;

use super::Context;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Target {
    Hledger,
    Ledger,
    Beancount,
    Csv,
}

/// Export transactions for plain-text accounting tools, or as gagyebu's CSV (which
/// `gagyebu import` reads back)
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    to: Target,
    /// Only this year
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &mut Context, args: ExportArgs) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let entries = store.journal(args.year)?;
    let mut text = Vec::new();
    match args.to {
        Target::Hledger => journal::hledger(&mut text, &entries)?,
        Target::Ledger => journal::ledger(&mut text, &entries)?,
        Target::Beancount => {
            // The currency most transactions are in, KRW for an empty store.
            let mut counts = std::collections::BTreeMap::new();
            for e in &entries {
                *counts.entry(e.amount.currency.to_string()).or_insert(0u64) += 1;
            }
            let main = counts
                .iter()
                .max_by_key(|(_, n)| **n)
                .map_or("KRW".to_string(), |(c, _)| c.clone());
            journal::beancount(&mut text, &entries, &main)?
        }
        Target::Csv => journal::csv(&mut text, &entries)?,
    }
    match args.output {
        Some(path) => {
            std::fs::write(&path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(
                ctx.err,
                "wrote {} transactions to {}",
                entries.len(),
                path.display()
            )?;
        }
        None => ctx.out.write_all(&text)?,
    }
    Ok(())
}
