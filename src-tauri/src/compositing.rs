//! Whether WebKitGTK should composite the page in software.
//!
//! Without a GPU, WebKit's accelerated compositing still runs, on Mesa's llvmpipe: OpenGL on
//! the CPU, with its shaders compiled again at every start. On the 2-core machine without a
//! GPU that the README's figures come from, its software path started the app the first time in
//! 1.3 s instead of 5.1 s (`bench/startup.py`), kept the page's process at 117 MiB instead of
//! 220, and opened every screen faster (`bench/screens.py`: 0.3–0.65 of the time).
//! With a GPU render node, WebKit's own choice stays; a value the user set is never changed.

use std::ffi::{OsStr, OsString};

/// The variable WebKitGTK reads; any value but "0" turns accelerated compositing off.
pub const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// True when the app should set [`VARIABLE`] to "1": the user has not set it, and no entry of
/// `/dev/dri` is a render node (`renderD128`, ...), so OpenGL would run on the CPU.
pub fn software_without_a_gpu(
    user_value: Option<&OsStr>,
    dri_entries: impl IntoIterator<Item = OsString>,
) -> bool {
    if user_value.is_some() {
        return false;
    }
    !dri_entries
        .into_iter()
        .any(|name| name.to_string_lossy().starts_with("renderD"))
}

/// Sets [`VARIABLE`] when [`software_without_a_gpu`] says so. Call it first thing in `main`,
/// before any thread starts: the environment is not safe to change once others may read it.
#[cfg(target_os = "linux")]
pub fn choose() {
    let entries = std::fs::read_dir("/dev/dri")
        .map(|dir| dir.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        .unwrap_or_default();
    if software_without_a_gpu(std::env::var_os(VARIABLE).as_deref(), entries) {
        std::env::set_var(VARIABLE, "1");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn choose() {}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn no_render_node_means_software() {
        assert!(software_without_a_gpu(None, names(&[])));
        // A card node alone (a display controller, no render engine) is not a GPU to draw with.
        assert!(software_without_a_gpu(None, names(&["card0", "by-path"])));
    }

    #[test]
    fn a_render_node_keeps_webkits_choice() {
        assert!(!software_without_a_gpu(
            None,
            names(&["card0", "renderD128", "by-path"])
        ));
    }

    #[test]
    fn a_value_the_user_set_is_kept_either_way() {
        assert!(!software_without_a_gpu(Some(OsStr::new("0")), names(&[])));
        assert!(!software_without_a_gpu(
            Some(OsStr::new("1")),
            names(&["renderD128"])
        ));
    }
}
