//! The built-in import profiles, each on its sample statement in every form it may
//! arrive in.

#[allow(unused_imports)]
use super::*;
