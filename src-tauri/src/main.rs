// Keep a console window from opening alongside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = prep_hub_lib::cli::run(&args) {
        std::process::exit(code);
    }
    prep_hub_lib::run();
}
