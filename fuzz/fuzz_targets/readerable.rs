//! `pith::is_probably_readerable` on arbitrary text: it must not panic, and it must not call
//! readable a page that `extract` refuses as empty or binary.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if pith::is_probably_readerable(&html) {
        let r = pith::extract(&html, &pith::Options::default());
        assert!(
            !matches!(r, Err(pith::Error::Empty | pith::Error::NotText { .. } | pith::Error::NotHtml { .. })),
            "readerable, but extract says {r:?}"
        );
    }
});
