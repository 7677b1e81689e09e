// Keep a console window from opening alongside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = prep_hub_lib::cli::run(&args) {
        std::process::exit(code);
    }
    prep_hub_lib::compositing::choose();
    prep_hub_lib::run();
}

/// mimalloc commits its arena eagerly on Linux by default (`arena_eager_commit=2`), and memory
/// freed after start-up then stays resident: 14 MiB of the app process at a later start
/// (`bench/startup.py`, the same as `MIMALLOC_ARENA_EAGER_COMMIT=0` in the environment). The
/// option must be set before the first allocation, so it is set from a constructor, which the
/// loader runs before Rust's runtime allocates anything.
#[cfg(target_os = "linux")]
mod allocator_options {
    /// `mi_option_arena_eager_commit` in mimalloc.h (v2): the fifth option.
    const ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }

    extern "C" fn set() {
        // SAFETY: writes one entry of mimalloc's option table; nothing else runs yet.
        unsafe { mi_option_set(ARENA_EAGER_COMMIT, 0) }
    }

    #[used]
    #[link_section = ".init_array"]
    static SET: extern "C" fn() = set;
}
