//! Besides Tauri's own build step: the built-in packs are compressed into the binary with
//! brotli (already linked for Tauri's compressed assets), with a table of each pack's id and
//! version so a start-up can compare versions without decompressing anything.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Installed in this order on a first start.
const BUILTIN: &[&str] = &[
    "senior-backend.prep.json",
    "backend-infra.prep.json",
    "product-data.prep.json",
    "ml-data.prep.json",
    "mobile-fullstack.prep.json",
    "security-quality.prep.json",
    "architecture-product.prep.json",
];

fn main() {
    compress_builtin_packs();
    tauri_build::build()
}

fn compress_builtin_packs() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = Path::new("packs/builtin");
    println!("cargo:rerun-if-changed={}", source.display());
    let mut table = String::from("&[\n");
    for file in BUILTIN {
        let path = source.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("cannot read the built-in pack {}: {e}", path.display()));
        let head: serde_json::Value = serde_json::from_slice(&text)
            .unwrap_or_else(|e| panic!("the built-in pack {} is not JSON: {e}", path.display()));
        let field = |name: &str| {
            head[name]
                .as_str()
                .unwrap_or_else(|| panic!("the built-in pack {file} has no {name}"))
                .to_string()
        };
        let compressed = out.join(format!("{file}.br"));
        let mut writer = brotli::CompressorWriter::new(
            std::fs::File::create(&compressed).expect("OUT_DIR is writable"),
            1 << 16,
            9,
            22,
        );
        writer.write_all(&text).expect("OUT_DIR is writable");
        writer.flush().expect("OUT_DIR is writable");
        drop(writer);
        writeln!(
            table,
            "    BuiltinPack {{ file: {file:?}, id: {:?}, version: {:?}, bytes: {}, compressed: include_bytes!({:?}) }},",
            field("id"),
            field("version"),
            text.len(),
            compressed.display().to_string(),
        )
        .expect("writing to a String");
    }
    table.push(']');
    std::fs::write(out.join("builtin_packs.rs"), table).expect("OUT_DIR is writable");
}
