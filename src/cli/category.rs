//! `gagyebu category list | add | rename | remove`.

use clap::Subcommand;

use crate::domain::category::CategoryKind;
use crate::render::{self, Align, Format, Table};

use super::Context;

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// List the categories with their kind and how many transactions and rules use them
    List,
    /// Add a category
    Add {
        name: String,
        /// spending counts in budgets and reports; income and transfer never do
        #[arg(long, default_value = "spending")]
        kind: String,
    },
    /// Rename a category (its transactions, rules and budgets follow)
    Rename { old: String, new: String },
    /// Remove a category; one in use needs --into OTHER, which takes over what it holds
    Remove {
        name: String,
        #[arg(long, value_name = "OTHER")]
        into: Option<String>,
    },
}

pub fn run(ctx: &mut Context, cmd: CategoryCommand) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        CategoryCommand::List => {
            let rows = store.categories()?;
            if ctx.format == Format::Json {
                return Ok(render::json(ctx.out, &rows)?);
            }
            let mut table = Table::new(&[
                ("category", Align::Left),
                ("kind", Align::Left),
                ("transactions", Align::Right),
                ("rules", Align::Right),
            ]);
            for r in rows {
                table.push(vec![
                    r.name,
                    r.kind,
                    r.transactions.to_string(),
                    r.rules.to_string(),
                ]);
            }
            render::write_table(ctx.out, &table, ctx.format)?;
        }
        CategoryCommand::Add { name, kind } => {
            let kind: CategoryKind = kind.parse().map_err(anyhow::Error::msg)?;
            store.add_category(&name, kind)?;
            writeln!(ctx.err, "added category {} ({kind})", name.trim())?;
        }
        CategoryCommand::Rename { old, new } => {
            store.rename_category(&old, &new)?;
            writeln!(ctx.err, "renamed {old} to {}", new.trim())?;
        }
        CategoryCommand::Remove { name, into } => {
            let moved = store.remove_category(&name, into.as_deref())?;
            match into {
                Some(into) => writeln!(ctx.err, "removed {name}; {moved} moved into {into}")?,
                None => writeln!(ctx.err, "removed {name}")?,
            }
        }
    }
    Ok(())
}
