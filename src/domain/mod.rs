//! Pure domain values and logic: money, transactions, dedup keys, text normalization.
//! Nothing here does I/O, SQL or terminal formatting, and nothing reads the clock.

pub mod budget;
pub mod category;
pub mod dedup;
pub mod money;
pub mod report;
pub mod rules;
pub mod suggest;
pub mod text;
pub mod transaction;
pub mod wish;
