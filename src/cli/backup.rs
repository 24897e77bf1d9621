//! `gagyebu backup PATH`: a consistent, private copy of the store, safe to take while
//! another gagyebu is importing.

use std::path::PathBuf;

use clap::Args;

use crate::render::{self, Format};
use crate::store::resolve_path;

use super::Context;

/// Copy the store into a new file (mode 0600), safely even while another command writes.
///
/// The copy is made with SQLite's online backup, checked, and given its name only when
/// complete, so an interrupted backup leaves no half-written file. Restore by pointing
/// --db (or $GAGYEBU_DB) at the copy, or by copying it over the store.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write
    #[arg(value_name = "PATH")]
    path: PathBuf,

    /// Replace PATH if it already exists
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &mut Context, args: BackupArgs) -> anyhow::Result<()> {
    let env = std::env::var_os("GAGYEBU_DB").map(PathBuf::from);
    let store = resolve_path(ctx.db.clone(), env)?;
    let report = crate::store::backup(&store, &args.path, args.force)?;
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &report)?);
    }
    writeln!(
        ctx.out,
        "backed up {} to {}: {} transactions from {} imports, {}",
        store.display(),
        report.path,
        report.transactions,
        report.batches,
        size(report.bytes)
    )?;
    Ok(())
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / f64::from(1 << 10)),
        b => format!("{b} bytes"),
    }
}
