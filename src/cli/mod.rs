//! The command line: argument structs (their doc comments are the help text) and one
//! `run` per command group. No business logic here: commands call import, store and
//! render, and write through the one output writer they are given.

mod backup;
mod budget;
mod category;
mod export;
mod import;
mod profile;
mod report;
mod rule;
mod suggest;
mod tx;
mod undo;
mod wish;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::import::Profiles;
use crate::render::Format;
use crate::store::{resolve_path, Store};

/// gagyebu (가계부): import bank, card and marketplace statements, see where the money went.
#[derive(Debug, Parser)]
#[command(name = "gagyebu", version, about, max_term_width = 100)]
pub struct Cli {
    /// The store (SQLite file). Default: $GAGYEBU_DB, else ~/.local/share/gagyebu/gagyebu.sqlite3
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Output format; json and csv are stable for scripts
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Md,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Md => Format::Md,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::ImportArgs),
    /// List and inspect transactions
    #[command(subcommand)]
    Tx(tx::TxCommand),
    /// Import profiles: the statement formats gagyebu reads
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Categories: the buckets transactions are sorted into
    #[command(subcommand)]
    Category(category::CategoryCommand),
    /// Your categorization rules (they come before the built-in ones)
    #[command(subcommand)]
    Rule(rule::RuleCommand),
    Recategorize(rule::RecategorizeArgs),
    Export(export::ExportArgs),
    Undo(undo::UndoArgs),
    Backup(backup::BackupArgs),
    /// The wishlist: things to buy later and savings goals
    #[command(subcommand)]
    Wish(wish::WishCommand),
    /// Budgets and consumption limits per category and year
    #[command(subcommand)]
    Budget(budget::BudgetCommand),
    /// The year-end table, one month, and where the budgets stand
    #[command(subcommand)]
    Report(report::ReportCommand),
}

/// What every command gets: where the store is, how to format, where to write.
pub struct Context<'a> {
    pub db: Option<PathBuf>,
    pub format: Format,
    pub out: &'a mut dyn Write,
    /// Notes for the person at the terminal (never data), so stdout stays parseable.
    pub err: &'a mut dyn Write,
}

impl Context<'_> {
    pub fn store(&self) -> anyhow::Result<Store> {
        let env = std::env::var_os("GAGYEBU_DB").map(PathBuf::from);
        let path = resolve_path(self.db.clone(), env)?;
        Ok(Store::open(&path)?)
    }

    pub fn profiles(&self) -> anyhow::Result<Profiles> {
        Ok(Profiles::load(user_profile_dir().as_deref())?)
    }
}

/// ~/.config/gagyebu/imports/ (XDG_CONFIG_HOME respected).
pub fn user_profile_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "gagyebu").map(|d| d.config_dir().join("imports"))
}

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let mut ctx = Context {
        db: cli.db,
        format: cli.format.into(),
        out,
        err,
    };
    match cli.command {
        Command::Import(args) => import::run(&mut ctx, args),
        Command::Tx(cmd) => tx::run(&mut ctx, cmd),
        Command::Profile(cmd) => profile::run(&mut ctx, cmd),
        Command::Category(cmd) => category::run(&mut ctx, cmd),
        Command::Rule(cmd) => rule::run(&mut ctx, cmd),
        Command::Recategorize(args) => rule::recategorize(&mut ctx, args),
        Command::Export(args) => export::run(&mut ctx, args),
        Command::Undo(args) => undo::run(&mut ctx, args),
        Command::Backup(args) => backup::run(&mut ctx, args),
        Command::Wish(cmd) => wish::run(&mut ctx, cmd),
        Command::Budget(cmd) => budget::run(&mut ctx, cmd),
        Command::Report(cmd) => report::run(&mut ctx, cmd),
    }?;
    ctx.out.flush()?;
    Ok(())
}
