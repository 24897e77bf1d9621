//! Bytes to text and header detection: decoding with each legacy fallback never panics
//! and yields text without NULs; recognizing a statement among the built-in profiles never panics.
#![no_main]

use gagyebu::import::decode::decode;
use gagyebu::import::{Profiles, Statement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for fallback in [
        encoding_rs::EUC_KR,
        encoding_rs::WINDOWS_1252,
        encoding_rs::SHIFT_JIS,
        encoding_rs::UTF_8,
    ] {
        if let Ok(decoded) = decode(data, fallback) {
            assert!(!decoded.text.contains('\0'), "decoded text holds a NUL");
        }
    }
    thread_local! {
        static PROFILES: Profiles = Profiles::builtin();
    }
    PROFILES.with(|profiles| {
        let _ = Statement::from_bytes(data, "fuzz.csv", profiles, None);
    });
});
