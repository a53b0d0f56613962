#![no_main]
//! See `fuzz/src/props.rs`: `props::fix`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::props::fix(data);
});
