//! `gagyebu profile list | show NAME | check FILE`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::import::profile::Source;
use crate::import::{Profiles, Statement};
use crate::render::{self, Align, Format, Table};

use super::{user_profile_dir, Context};

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the import profiles: built-in ones and your own
    List,
    /// Show a profile's definition (TOML)
    Show {
        /// The profile's name
        name: String,
    },
    Check(CheckArgs),
}

/// Read a statement without importing it: which profile, which header line, the rows
#[derive(Debug, Args)]
pub struct CheckArgs {
    file: PathBuf,

    /// Read with this profile instead of recognizing it
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,

    /// How many rows to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    rows: usize,
}

#[derive(Serialize)]
struct ProfileJson<'a> {
    name: &'a str,
    kind: &'a str,
    source: String,
    description: &'a str,
}

pub fn run(ctx: &mut Context, cmd: ProfileCommand) -> anyhow::Result<()> {
    let profiles = ctx.profiles()?;
    match cmd {
        ProfileCommand::List => {
            let list: Vec<ProfileJson> = profiles
                .all()
                .iter()
                .map(|p| ProfileJson {
                    name: p.name(),
                    kind: p.spec.kind.as_str(),
                    source: match &p.source {
                        Source::Builtin => "built-in".to_string(),
                        Source::User(path) => path.display().to_string(),
                    },
                    description: &p.spec.description,
                })
                .collect();
            if ctx.format == Format::Json {
                return Ok(render::json(ctx.out, &list)?);
            }
            let mut table = Table::new(&[
                ("name", Align::Left),
                ("kind", Align::Left),
                ("source", Align::Left),
                ("description", Align::Left),
            ]);
            for p in list {
                table.push(vec![
                    p.name.into(),
                    p.kind.into(),
                    p.source,
                    p.description.into(),
                ]);
            }
            render::write_table(ctx.out, &table, ctx.format)?;
            if ctx.format == Format::Table {
                if let Some(dir) = user_profile_dir() {
                    writeln!(ctx.err, "your own profiles go in {}", dir.display())?;
                }
            }
        }
        ProfileCommand::Show { name } => {
            let profile = profiles.require(&name)?;
            if ctx.format == Format::Json {
                render::json(ctx.out, &profile.spec)?;
            } else {
                write!(ctx.out, "{}", profile.text)?;
                if !profile.text.ends_with('\n') {
                    writeln!(ctx.out)?;
                }
            }
        }
        ProfileCommand::Check(args) => check(ctx, &profiles, args)?,
    }
    Ok(())
}

/// Everything a person writing or debugging a profile needs to see, on stdout; a row that
/// cannot be read ends it with the usual error.
fn check(ctx: &mut Context, profiles: &Profiles, args: CheckArgs) -> anyhow::Result<()> {
    let statement = Statement::open(&args.file, profiles, args.profile.as_deref())?;
    let profile = &statement.profile;
    let source = match &profile.source {
        Source::Builtin => "built-in".to_string(),
        Source::User(path) => path.display().to_string(),
    };
    writeln!(ctx.out, "file:     {}", statement.display)?;
    writeln!(ctx.out, "read as:  {}", statement.encoding)?;
    let how = if args.profile.is_some() {
        "given with --profile"
    } else {
        "recognized"
    };
    writeln!(ctx.out, "profile:  {} ({source}), {how}", profile.name())?;
    writeln!(
        ctx.out,
        "header:   line {}, key columns {}",
        statement.header_line(),
        profile.spec.required_columns().join(", ")
    )?;
    for note in statement.notes() {
        writeln!(ctx.out, "          {note}")?;
    }
    let mut table = Table::new(&[
        ("line", Align::Right),
        ("date", Align::Left),
        ("time", Align::Left),
        ("payee", Align::Left),
        ("memo", Align::Left),
        ("amount", Align::Right),
        ("currency", Align::Left),
    ]);
    let mut rows = statement.rows();
    let mut count = 0usize;
    let mut failure = None;
    for row in rows.by_ref() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                failure = Some(e);
                break;
            }
        };
        count += 1;
        if count <= args.rows {
            table.push(vec![
                row.line.to_string(),
                row.tx.date.to_string(),
                row.tx.time.map(|t| t.to_string()).unwrap_or_default(),
                row.tx.payee,
                row.tx.memo,
                row.tx.amount.grouped(),
                row.tx.amount.currency.code().to_string(),
            ]);
        }
    }
    let skipped = rows.skipped();
    writeln!(
        ctx.out,
        "rows:     {count} transactions read, {skipped} rows skipped (totals, notices, filtered statuses)\n"
    )?;
    render::write_table(ctx.out, &table, Format::Table)?;
    match failure {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
