//! `pith::is_probably_readerable` on arbitrary text: it must not panic, and it must not call
//! readable a page that `extract` refuses as empty or binary (`../invariants.rs`,
//! `check_readerable`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| invariants::check_readerable(data));
