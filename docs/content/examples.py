#!/usr/bin/env python3
"""Runs every code example of the built-in packs.

Every fenced code block in a pack's Markdown fields is found and keyed as
`<role-id>/<item-id>/<n>` (n counts the blocks of one item, in field order, from 0). A block is
run with the runner its language names; when `docs/content/examples/<role-id>/<item-id>.<n>.<ext>`
exists, that harness is run instead, with the line `{{EXAMPLE}}` replaced by the block's current
text (so the pack, not a copy, is what runs). A harness sets up tables or stubs and asserts what
the example claims. See docs/content/RULES.md.

    python3 docs/content/examples.py list [PACK...]     every block, its language and harness
    python3 docs/content/examples.py run [PACK...] [--only KEY-PREFIX]

Exit status 0 when every executable block ran and passed. Languages:
  python             python3 (harness .py)
  sql                PostgreSQL, a fresh database per block (harness .pg.sql or .sqlite.sql)
  sqlite             sqlite3 in memory (harness .sqlite.sql)
  duckdb             DuckDB in memory through its Python module (harness .duckdb.sql)
  js, javascript     node (harness .mjs or .js)
  ts, typescript, tsx, jsx   type-checked and compiled by tsc (harness .ts or .tsx)
  bash, sh           bash -euo pipefail (harness .sh)
  json, yaml         parsed
  text, console, http, html, hcl, promql, diff, ...   shown, not executable
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKS = ROOT / "src-tauri" / "packs" / "builtin"
HARNESSES = ROOT / "docs" / "content" / "examples"
NODE_TOOLS = ROOT / "target" / "examples-node"
TIMEOUT = 60

EXECUTABLE = {
    "python": ".py", "py": ".py",
    "sql": ".pg.sql", "postgresql": ".pg.sql", "sqlite": ".sqlite.sql", "duckdb": ".duckdb.sql",
    "js": ".mjs", "javascript": ".mjs",
    "ts": ".ts", "typescript": ".ts", "tsx": ".tsx", "jsx": ".tsx",
    "bash": ".sh", "sh": ".sh", "shell": ".sh",
}
PARSED = {"json", "yaml", "yml"}

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n(.*?)^ {0,3}\2[`~]*[ \t]*$", re.S | re.M)


def markdown_fields(role):
    """(item id, text) of every Markdown field of a role, in the order the validator walks them."""
    yield "overview", role.get("overview", "")
    if role.get("process_note"):
        yield "overview", role["process_note"]
    for f in role["focus_areas"]:
        yield f"focus-area:{f['id']}", f["expectation"]
    for r in role["rounds"]:
        yield f"round:{r['id']}", r["purpose"]
    for q in role["questions"]:
        a = q["answer"]
        yield q["id"], a["summary"]
        for s in a["structure"]:
            yield q["id"], s
        for k in ("trade_offs", "strong_signal"):
            if a.get(k):
                yield q["id"], a[k]
        yield q["id"], q["example"]
    for m in role["mock_flows"]:
        for s in m["segments"]:
            yield f"mock:{m['round']}", s["instructions"]
    for s in role["star_examples"]:
        for k in ("situation", "task", "action", "result"):
            yield f"star:{s['id']}", s[k]
    for c in role["checklist"]:
        yield f"checklist:{c['id']}", c["text"]
    for f in role["faq"]:
        yield f"faq:{f['id']}", f["answer"]


def blocks(pack_paths):
    """Every fenced block: dict(key, lang, code, pack)."""
    out = []
    for path in pack_paths:
        pack = json.loads(Path(path).read_text(encoding="utf-8"))
        for role in pack["roles"]:
            counts = {}
            for item, text in markdown_fields(role):
                for m in FENCE.finditer(text):
                    n = counts.get(item, 0)
                    counts[item] = n + 1
                    indent = len(m.group(1))
                    code = "\n".join(line[indent:] if line[:indent].strip() == "" else line
                                     for line in m.group(4).split("\n"))
                    out.append({
                        "key": f"{role['id']}/{item}/{n}",
                        "lang": m.group(3).lower(),
                        "code": code,
                        "pack": Path(path).name,
                    })
    return out


def harness_for(block):
    role, item, n = block["key"].split("/")
    folder = HARNESSES / role
    if not folder.is_dir():
        return None
    stem = f"{item.replace(':', '-')}.{n}."
    found = sorted(p for p in folder.iterdir() if p.name.startswith(stem))
    return found[0] if found else None


def run(cmd, cwd, stdin=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)
        return p.returncode, (p.stdout + p.stderr)[-3000:]
    except subprocess.TimeoutExpired:
        return 1, f"timed out after {TIMEOUT} s"


def postgres_ready():
    if not shutil.which("psql"):
        return "psql is not installed (apt-get install postgresql)"
    code, _ = run(["runuser", "-u", "postgres", "--", "psql", "-Atqc", "select 1"], "/")
    if code != 0:
        subprocess.run(["service", "postgresql", "start"], capture_output=True)
        code, out = run(["runuser", "-u", "postgres", "--", "psql", "-Atqc", "select 1"], "/")
        if code != 0:
            return f"PostgreSQL is not running: {out.strip()}"
    return None


def tsc():
    exe = NODE_TOOLS / "node_modules" / ".bin" / "tsc"
    if not exe.exists():
        NODE_TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(NODE_TOOLS),
                        "typescript@5", "@types/node@20", "@types/react@18"], check=True)
    return str(exe)


def execute(block, source, ext, tmp):
    name = "example" + ext
    path = Path(tmp) / name
    path.write_text(source, encoding="utf-8")
    if ext == ".py":
        return run([sys.executable, name], tmp)
    if ext in (".mjs", ".js"):
        return run(["node", name], tmp)
    if ext == ".sh":
        return run(["bash", "-euo", "pipefail", name], tmp)
    if ext == ".sqlite.sql":
        return run(["sqlite3", "-bail", ":memory:"], tmp, stdin=source)
    if ext == ".duckdb.sql":
        runner = "import duckdb, sys; duckdb.connect().execute(open(sys.argv[1]).read()).fetchall()"
        return run([sys.executable, "-c", runner, name], tmp)
    if ext == ".pg.sql":
        problem = postgres_ready()
        if problem:
            return 1, problem
        db = "examples_" + re.sub(r"[^a-z0-9]", "_", block["key"].lower())[:40]
        pg = ["runuser", "-u", "postgres", "--"]
        run(pg + ["dropdb", "--if-exists", db], "/")
        code, out = run(pg + ["createdb", db], "/")
        if code == 0:
            code, out = run(pg + ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], "/", stdin=source)
        run(pg + ["dropdb", "--if-exists", db], "/")
        return code, out
    if ext in (".ts", ".tsx"):
        types = NODE_TOOLS / "node_modules" / "@types"
        return run([tsc(), "--noEmit", "--strict", "--target", "es2022", "--module", "es2022",
                    "--moduleResolution", "bundler", "--jsx", "react-jsx", "--skipLibCheck",
                    "--typeRoots", str(types), "--types", "node,react", name], tmp)
    return 1, f"no runner for {ext}"


def check(block):
    """('ran' | 'ran-alone' | 'parsed' | 'shown' | 'FAILED' | 'NOT RUN', detail)."""
    lang = block["lang"]
    harness = harness_for(block)
    if not lang:
        return "FAILED", "the block has no language: tag it (text for prose, a language for code)"
    if lang in PARSED and not harness:
        try:
            if lang == "json":
                json.loads(block["code"])
            else:
                import yaml
                list(yaml.safe_load_all(block["code"]))
            return "parsed", ""
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            return "FAILED", f"does not parse as {lang}: {e}"
    if lang not in EXECUTABLE and not harness:
        return "shown", ""
    if harness:
        template = harness.read_text(encoding="utf-8")
        if "{{EXAMPLE}}" not in template:
            return "FAILED", f"{harness.relative_to(ROOT)} has no {{{{EXAMPLE}}}} line"
        source = template.replace("{{EXAMPLE}}", block["code"])
        ext = "".join(harness.suffixes[-2:]) if harness.name.endswith(".sql") else harness.suffix
    else:
        source, ext = block["code"], EXECUTABLE[lang]
    with tempfile.TemporaryDirectory() as tmp:
        code, out = execute(block, source, ext, tmp)
    if code != 0:
        return "FAILED", out.strip()
    return ("ran" if harness else "ran-alone"), ""


def main(argv):
    args = list(argv)
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    if not args or args[0] not in ("list", "run"):
        print(__doc__)
        return 2
    command, paths = args[0], args[1:] or sorted(str(p) for p in PACKS.glob("*.prep.json"))
    found = [b for b in blocks(paths) if not only or b["key"].startswith(only)]
    if command == "list":
        for b in found:
            h = harness_for(b)
            print(f"{b['key']:<70} {b['lang'] or '(none)':<10} {h.relative_to(ROOT) if h else ''}")
        print(f"{len(found)} blocks")
        return 0
    tally = {}
    failed = []
    for b in found:
        status, detail = check(b)
        tally[status] = tally.get(status, 0) + 1
        print(f"{status:<9} {b['lang']:<10} {b['key']}")
        if status == "FAILED":
            failed.append((b, detail))
            print("    " + detail.replace("\n", "\n    "))
    print()
    print(", ".join(f"{k}: {v}" for k, v in sorted(tally.items())), f"(of {len(found)} blocks)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
