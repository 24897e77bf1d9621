//! `gagyebu undo [BATCH]`: reverts one import, the fix for a file imported into the wrong
//! account or imported by mistake.

use clap::Args;

use crate::render::{self, Format};

use super::Context;

/// Revert an import: remove the transactions one import batch added (default: the last).
///
/// Batches are numbered as `gagyebu import list` shows them. A card payment in another
/// import that was paired with a removed one as a transfer is categorized again by the
/// rules. If any of the batch's transactions were edited by hand since (a category set,
/// a split, a wish linked to it), nothing is removed unless you pass --force.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The import batch to revert (default: the most recent one)
    #[arg(value_name = "BATCH")]
    batch: Option<i64>,

    /// Remove the batch even if some of its transactions were edited by hand
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &mut Context, args: UndoArgs) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let undone = store.undo_batch(args.batch, args.force)?;
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &undone)?);
    }
    let b = &undone.batch;
    let account = if b.account.is_empty() {
        String::new()
    } else {
        format!(", account {}", b.account)
    };
    writeln!(
        ctx.out,
        "undid import batch {}: removed {} transactions of {} (profile {}{account}, imported {})",
        b.id, undone.removed, b.file, b.profile, b.imported_at
    )?;
    if undone.edited > 0 {
        writeln!(
            ctx.err,
            "{} of them had been edited by hand (--force)",
            undone.edited
        )?;
    }
    for p in &undone.unpaired {
        let now = p.category.as_deref().unwrap_or("uncategorized");
        writeln!(
            ctx.err,
            "transaction {} ({}) was paired with a removed one as a transfer; now: {now}",
            p.id, p.payee
        )?;
    }
    if !undone.reimport.is_empty() {
        writeln!(
            ctx.err,
            "later imports may have skipped rows of this one as duplicates; import again to restore them (only what is missing is added): {}",
            undone.reimport.join(", ")
        )?;
    }
    for name in &undone.accounts_removed {
        writeln!(
            ctx.err,
            "account {name} held only this import and was removed"
        )?;
    }
    Ok(())
}
