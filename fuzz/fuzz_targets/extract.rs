//! Arbitrary bytes, read as (lossy) UTF-8, through `pith::extract`: it must not panic, must
//! answer with an article or one of the documented errors, and every article must pass the
//! output invariants the attack corpus is held to (`../invariants.rs`, `check_extract`, which
//! `tests/robustness.rs` also runs on every kept regression input).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| invariants::check_extract(data));
