//! `gagyebu profile list | show NAME | check FILE`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::import::profile::Source;
use crate::import::Statement;
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
        ProfileCommand::Check(args) => {
            let statement = Statement::open(&args.file, &profiles, args.profile.as_deref())?;
            let mut table = Table::new(&[
                ("line", Align::Right),
                ("date", Align::Left),
                ("payee", Align::Left),
                ("memo", Align::Left),
                ("amount", Align::Right),
                ("currency", Align::Left),
            ]);
            let mut count = 0usize;
            for row in statement.rows() {
                let row = row?;
                count += 1;
                if count <= args.rows {
                    table.push(vec![
                        row.line.to_string(),
                        row.tx.date.to_string(),
                        row.tx.payee,
                        row.tx.memo,
                        row.tx.amount.grouped(),
                        row.tx.amount.currency.code().to_string(),
                    ]);
                }
            }
            writeln!(
                ctx.err,
                "{}: profile {}, {}, header on line {}, {} rows, all readable",
                statement.display,
                statement.profile.name(),
                statement.encoding,
                statement.header_line(),
                count
            )?;
            render::write_table(ctx.out, &table, ctx.format)?;
        }
    }
    Ok(())
}
