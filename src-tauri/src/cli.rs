//! Command-line entry points that run without opening a window.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "PREP_HUB_DATA_DIR";
pub const DATA_DIR_FLAG: &str = "--data-dir";

const HELP: &str = "Prep Hub: offline interview preparation

Usage:
  prep-hub [--data-dir FOLDER]   open the app (FOLDER overrides where data is kept;
                                 the PREP_HUB_DATA_DIR environment variable does the same)
  prep-hub validate FILE...      check content pack files; lists every problem with its
                                 JSON path; exit status 0 when all are valid, 1 otherwise
  prep-hub validate --builtin-rules FILE...
                                 also checks the files together against the editorial rules
                                 of the built-in packs (depth, related roles, duplicates)
  prep-hub --help | --version
";

/// Runs a command-line action and returns its exit code, or `None` when the app window should open.
pub fn run(args: &[String]) -> Option<i32> {
    match args.first().map(String::as_str) {
        Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            Some(0)
        }
        Some("validate") => Some(validate_files(&args[1..], &mut std::io::stdout())),
        Some("--version") | Some("-V") => {
            println!("prep-hub {}", env!("CARGO_PKG_VERSION"));
            Some(0)
        }
        _ => None,
    }
}

/// `prep-hub validate FILE...`: the same checks the app runs before an import.
pub fn validate_files(files: &[String], out: &mut impl std::io::Write) -> i32 {
    let (builtin_rules, files) = match files.first().map(String::as_str) {
        Some("--builtin-rules") => (true, &files[1..]),
        _ => (false, files),
    };
    if files.is_empty() {
        let _ = writeln!(out, "usage: prep-hub validate [--builtin-rules] FILE...");
        return 2;
    }
    let mut all_ok = true;
    let mut valid = Vec::new();
    for file in files {
        // The same reading and checks as an import in the app.
        match crate::packs::read_pack_file(std::path::Path::new(file)) {
            Ok(pack) => {
                let questions: usize = pack.roles.iter().map(|r| r.questions.len()).sum();
                let _ = writeln!(
                    out,
                    "{file}: ok: '{}' {} ({} role(s), {questions} question(s))",
                    pack.id,
                    pack.version,
                    pack.roles.len()
                );
                valid.push(pack);
            }
            Err(crate::error::AppError::PackInvalid(problems)) => {
                all_ok = false;
                let _ = writeln!(out, "{file}: {} problem(s)", problems.len());
                for p in problems {
                    let _ = writeln!(out, "  {p}");
                }
            }
            Err(e) => {
                all_ok = false;
                let _ = writeln!(out, "{file}: {e}");
            }
        }
    }
    if builtin_rules && all_ok {
        let problems = crate::packs::quality::check(&valid);
        let _ = writeln!(out, "editorial rules: {} problem(s)", problems.len());
        for p in &problems {
            let _ = writeln!(out, "  {p}");
        }
        all_ok = problems.is_empty();
    }
    if all_ok {
        0
    } else {
        1
    }
}

/// The data folder chosen on the command line or in the environment, flag first.
pub fn data_dir_override(args: &[String], env_value: Option<String>) -> Option<PathBuf> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == DATA_DIR_FLAG {
            if let Some(v) = it.next() {
                return Some(PathBuf::from(v));
            }
        } else if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    env_value
        .filter(|v| !v.trim().is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flag_wins_over_environment() {
        let got = data_dir_override(&args(&["--data-dir", "/tmp/a"]), Some("/tmp/b".into()));
        assert_eq!(got, Some(PathBuf::from("/tmp/a")));
    }

    #[test]
    fn equals_form_of_flag_is_accepted() {
        let got = data_dir_override(&args(&["--data-dir=/tmp/c"]), None);
        assert_eq!(got, Some(PathBuf::from("/tmp/c")));
    }

    #[test]
    fn environment_used_when_no_flag_and_blank_ignored() {
        assert_eq!(
            data_dir_override(&[], Some("/tmp/e".into())),
            Some(PathBuf::from("/tmp/e"))
        );
        assert_eq!(data_dir_override(&[], Some("  ".into())), None);
    }

    #[test]
    fn validate_reports_problems_and_exit_status() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.prep.json");
        std::fs::write(&bad, "{\"format_version\": 1,\n  \"id\": }").unwrap();
        let mut out = Vec::new();
        let code = validate_files(&[bad.display().to_string()], &mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(code, 1);
        assert!(text.contains("line 2, column"), "{text}");
    }

    #[test]
    fn validate_accepts_the_built_in_packs() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = vec![];
        for pack in crate::packs::builtin::BUILTIN_PACKS {
            let p = dir.path().join(pack.file);
            std::fs::write(&p, pack.text()).unwrap();
            files.push(p.display().to_string());
        }
        let mut out = Vec::new();
        assert_eq!(
            validate_files(&files, &mut out),
            0,
            "{}",
            String::from_utf8_lossy(&out)
        );
    }

    #[test]
    fn plain_launch_opens_the_window() {
        assert_eq!(run(&[]), None);
        assert_eq!(run(&args(&["--data-dir", "/x"])), None);
    }
}
