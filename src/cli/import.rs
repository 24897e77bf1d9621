//! `gagyebu import FILE...` (and `import list`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::import::Statement;
use crate::render::{self, Align, Format, Table};
use crate::store::BatchMeta;

use super::Context;

/// Import statement files; rows already in the store are skipped, the rest added.
///
/// Each file's format is recognized by its header row (see `gagyebu profile list`).
/// Every file is read completely before anything is written: if any row of any file is
/// unreadable, nothing is imported. `gagyebu import list` shows past imports.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Statement files (CSV, TSV, pipe-separated text; UTF-8, CP949 or UTF-16)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Read the files with this profile instead of recognizing it
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,

    /// Put the transactions in this account (default: the profile's name)
    #[arg(long, value_name = "NAME")]
    account: Option<String>,

    /// Do everything but write: report what an import would add
    #[arg(long)]
    dry_run: bool,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    profile: String,
    account: String,
    rows: u64,
    new: u64,
    duplicates: u64,
    /// Of the new rows, how many got a category (from the file or a rule). Shown to
    /// people; kept out of the JSON, whose shape DESIGN.md fixes.
    #[serde(skip)]
    categorized: u64,
}

#[derive(Serialize)]
struct Report {
    files: Vec<FileReport>,
    new: u64,
    duplicates: u64,
}

pub fn run(ctx: &mut Context, args: ImportArgs) -> anyhow::Result<()> {
    if let [only] = args.files.as_slice() {
        if only == Path::new("list") && !only.exists() {
            return list(ctx);
        }
    }
    let profiles = ctx.profiles()?;
    let account = args
        .account
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    // Recognize every file before opening the store, so a wrong file costs nothing.
    let statements = args
        .files
        .iter()
        .map(|path| Statement::open(path, &profiles, args.profile.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;

    let mut store = ctx.store()?;
    let mut session = store.begin_import()?;
    let mut report = Report {
        files: Vec::new(),
        new: 0,
        duplicates: 0,
    };
    let mut created = Vec::new();
    let mut pairs = 0;
    let mut batches = Vec::new();
    for statement in &statements {
        let spec = &statement.profile.spec;
        let account = account.unwrap_or(&spec.name);
        let meta = BatchMeta {
            file_name: &statement.display,
            sha256: &statement.sha256,
            profile: &spec.name,
            encoding: &statement.encoding,
            account,
            account_kind: spec.kind.as_str(),
            account_forced: args.account.is_some(),
        };
        let mut progress = Progress::new(&statement.display, statement.lines());
        let summary =
            session.import_file(&meta, statement.rows(), &mut |rows| progress.update(rows));
        progress.finish();
        let summary = summary?;
        batches.push(summary.batch_id);
        report.new += summary.new;
        report.duplicates += summary.duplicates;
        created.extend(summary.created_categories);
        pairs += summary.transfer_pairs;
        report.files.push(FileReport {
            file: statement.display.clone(),
            profile: spec.name.clone(),
            account: summary.accounts.join(", "),
            rows: summary.rows,
            new: summary.new,
            duplicates: summary.duplicates,
            categorized: summary.categorized,
        });
    }
    if args.dry_run {
        session.rollback()?;
    } else {
        session.commit()?;
    }

    let categorized: u64 = report.files.iter().map(|f| f.categorized).sum();
    if ctx.format == Format::Json {
        render::json(ctx.out, &report)?;
    } else {
        let mut table = Table::new(&[
            ("file", Align::Left),
            ("profile", Align::Left),
            ("account", Align::Left),
            ("rows", Align::Right),
            ("new", Align::Right),
            ("duplicates", Align::Right),
            ("categorized", Align::Right),
        ]);
        for f in &report.files {
            table.push(vec![
                f.file.clone(),
                f.profile.clone(),
                f.account.clone(),
                f.rows.to_string(),
                f.new.to_string(),
                f.duplicates.to_string(),
                format!("{} of {}", f.categorized, f.new),
            ]);
        }
        if report.files.len() > 1 && ctx.format == Format::Table {
            let rows: u64 = report.files.iter().map(|f| f.rows).sum();
            table.footer.push(vec![
                "total".into(),
                String::new(),
                String::new(),
                rows.to_string(),
                report.new.to_string(),
                report.duplicates.to_string(),
                format!("{} of {}", categorized, report.new),
            ]);
        }
        render::write_table(ctx.out, &table, ctx.format)?;
    }
    if !created.is_empty() {
        writeln!(
            ctx.err,
            "note: new categories from the files: {} (kind spending; see `gagyebu category list`)",
            created.join(", ")
        )?;
    }
    let uncategorized = report.new - categorized;
    if uncategorized > 0 {
        writeln!(
            ctx.err,
            "{categorized} of {} new transactions categorized; {uncategorized} without a category: `gagyebu tx list --uncategorized`, `gagyebu rule suggest`",
            report.new
        )?;
    }
    if pairs > 0 {
        writeln!(
            ctx.err,
            "{pairs} card payments matched with the bank's payment and marked transfer (not spending)"
        )?;
    }
    if args.dry_run {
        writeln!(
            ctx.err,
            "dry run: nothing was written ({} new, {} duplicates would be recorded)",
            report.new, report.duplicates
        )?;
    }
    if !args.dry_run && report.new > 0 {
        super::report::limit_notes(ctx);
        super::wish::import_hints(ctx, &batches)?;
    }
    Ok(())
}

/// `gagyebu import list`: the import batches with their counts.
/// A progress bar on stderr for a file that takes more than a moment to import, and
/// only when stderr is a terminal: pipes, logs and tests get the summary alone.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
}

/// How long an import runs before its progress bar appears.
const MOMENT: Duration = Duration::from_millis(300);

impl Progress {
    fn new(file: &str, lines: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(lines), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix} {wide_bar} {human_pos}/{human_len} rows, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_prefix(file.to_string());
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn update(&mut self, rows: u64) {
        if let Some(bar) = &self.bar {
            if bar.is_hidden() && self.started.elapsed() > MOMENT {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            bar.set_position(rows);
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

fn list(ctx: &mut Context) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let batches = store.batches()?;
    if ctx.format == Format::Json {
        return Ok(render::json(ctx.out, &batches)?);
    }
    let mut table = Table::new(&[
        ("batch", Align::Right),
        ("imported", Align::Left),
        ("file", Align::Left),
        ("profile", Align::Left),
        ("account", Align::Left),
        ("rows", Align::Right),
        ("new", Align::Right),
        ("duplicates", Align::Right),
    ]);
    for b in batches {
        table.push(vec![
            b.id.to_string(),
            b.imported_at,
            b.file,
            b.profile,
            b.account,
            b.rows.to_string(),
            b.new.to_string(),
            b.duplicates.to_string(),
        ]);
    }
    Ok(render::write_table(ctx.out, &table, ctx.format)?)
}
