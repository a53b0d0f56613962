#![no_main]
//! See `fuzz/src/props.rs`: `props::format`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::props::format(data);
});
