//! `Callback::from_slice` on arbitrary bytes: it never panics, and whatever it
//! accepts serialises to JSON that parses again to an equal callback.

#![no_main]

use cliq_events::Callback;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(callback) = Callback::from_slice(data) else {
        return;
    };
    let written = match serde_json::to_vec(&callback) {
        Ok(written) => written,
        Err(error) => panic!("accepted callback does not serialise: {error}\n{callback:?}"),
    };
    match Callback::from_slice(&written) {
        Ok(again) => assert_eq!(
            again,
            callback,
            "written back as {}",
            String::from_utf8_lossy(&written)
        ),
        Err(error) => panic!(
            "written back as {} which is refused: {error}",
            String::from_utf8_lossy(&written)
        ),
    }
});
