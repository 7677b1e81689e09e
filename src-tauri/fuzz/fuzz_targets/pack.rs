#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| prep_hub_lib::fuzzing::pack(data));
