#!/usr/bin/env python3
"""Prep Hub beside Anki on the same data (`make bench-peer`).

One generated data set per size (1,000, 10,000 and 50,000 questions of realistic length: a
prompt of about 20 words, an answer of about 120; the word "quorum" in about 1% of them,
"latency" in about 30%) is fed to both:

  Anki      the `anki` package from PyPI (its Rust backend, headless) in its own virtual
            environment: CSV import of front/back notes, search with find_notes, 1,000 answers
            with FSRS on through the v3 scheduler, collection size on disk.
  Prep Hub  the same questions as pack files (packs hold at most 5,000 questions a role and
            32 MiB a file, so large sets are split): validate + install, search (top 40 with
            ranking and marked snippets, what the app shows), 1,000 ratings with FSRS (each
            rating and the next question), database size on disk.

Both databases use WAL with synchronous=NORMAL. Each figure is printed for both with the ratio.

    python3 bench/peer.py [--sizes 1000,10000,50000]
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "target" / "anki-venv"
ANKI_VERSION = "26.9.3"
PER_ROLE = 5000
PER_PACK = 25000

WORDS = ("system service request queue cache index table replica shard lease timeout retry "
         "budget deploy rollback schema migration partition consumer producer ledger payment "
         "order customer tenant region failover backup restore metric alert trace span log "
         "deadline owner team review design trade off capacity throughput memory disk network "
         "client server batch stream window join filter aggregate snapshot cursor page token "
         "session user account role permission audit event outbox idempotent key version").split()


def dataset(n, seed=7):
    rnd = random.Random(seed)
    items = []
    for i in range(n):
        prompt = " ".join(rnd.choice(WORDS) for _ in range(20))
        answer = " ".join(rnd.choice(WORDS) for _ in range(120))
        if i % 100 == 0:
            answer += " quorum"
        if rnd.random() < 0.30:
            prompt += " latency"
        items.append((f"Question {i}: {prompt}?", answer + "."))
    return items


def write_packs(items, folder):
    files = []
    for p, start in enumerate(range(0, len(items), PER_PACK)):
        chunk = items[start:start + PER_PACK]
        roles = []
        for r, rs in enumerate(range(0, len(chunk), PER_ROLE)):
            qs = [{"id": f"q{rs + j}", "round": "r", "focus_area": "f", "prompt": prompt,
                   "answer": {"summary": answer, "structure": ["State it.", "Explain it.", "Check it."]},
                   "example": "See the answer.", "follow_ups": ["Why?"], "skills": ["recall"],
                   "difficulty": "intermediate", "minutes": 5}
                  for j, (prompt, answer) in enumerate(chunk[rs:rs + PER_ROLE])]
            roles.append({"id": f"peer-{p}-{r}", "title": f"Peer {p}.{r}", "level": "Senior",
                          "field": "Engineering", "summary": "Generated.", "overview": "Generated.",
                          "focus_areas": [{"id": "f", "name": "F", "weight": 100, "expectation": "F."}],
                          "rounds": [{"id": "r", "name": "R", "purpose": "R.", "minutes": 60,
                                      "assesses": ["r"], "focus_areas": ["f"]}],
                          "questions": qs, "mock_flows": [], "star_examples": [], "checklist": [],
                          "faq": [], "related_roles": []})
        pack = {"format_version": 1, "id": f"peer.p{p}", "version": "1.0.0", "title": f"Peer {p}",
                "language": "en", "authors": ["Bench"], "license": "CC0-1.0", "sources": [], "roles": roles}
        path = folder / f"peer-{p}.prep.json"
        path.write_text(json.dumps(pack))
        files.append(path)
    return files


def ensure_anki():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    ok = subprocess.run([str(python), "-c", f"import anki, importlib.metadata as m; assert m.version('anki') == '{ANKI_VERSION}'"],
                        capture_output=True)
    if ok.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"anki=={ANKI_VERSION}"], check=True)
    return python


ANKI_RUN = r'''
import json, statistics, sys, time, os
from anki.collection import Collection
from anki.import_export_pb2 import ImportCsvRequest
from anki.scheduler_pb2 import CardAnswer
folder, csv_path = sys.argv[1], sys.argv[2]
col = Collection(os.path.join(folder, "collection.anki2"))
col.set_config("fsrs", True)
did = col.decks.id("Default")
conf = col.decks.config_dict_for_deck_id(did)
conf["new"]["perDay"] = 9999
conf["rev"]["perDay"] = 9999
col.decks.update_config(conf)
meta = col.get_csv_metadata(path=csv_path, delimiter=None)
t = time.perf_counter()
col.import_csv(ImportCsvRequest(path=csv_path, metadata=meta))
out = {"import": time.perf_counter() - t, "notes": col.note_count()}
for word in ("quorum", "latency"):
    times, hits = [], 0
    for _ in range(50):
        t = time.perf_counter()
        hits = len(col.find_notes(word))
        times.append(time.perf_counter() - t)
    out[f"search_{word}"] = statistics.median(times)
    out[f"hits_{word}"] = hits
times = []
for i in range(1000):
    t = time.perf_counter()
    queued = col.sched.get_queued_cards()
    top = queued.cards[0]
    card = col.get_card(top.card.id)
    card.start_timer()  # as Anki's reviewer does when it shows the card
    answer = col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD if i % 4 else CardAnswer.AGAIN)
    col.sched.answer_card(answer)
    times.append(time.perf_counter() - t)
out["review_median"] = statistics.median(times)
out["review_p95"] = sorted(times)[int(len(times) * 0.95)]
out["journal"] = col.db.scalar("pragma journal_mode")
out["synchronous"] = col.db.scalar("pragma synchronous")
col.close()
size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder) if f.startswith("collection.anki2"))
out["db_bytes"] = size
print(json.dumps(out))
'''


def run_anki(python, items, folder):
    csv_path = folder / "notes.csv"
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f, delimiter=";")
        f.write("#separator:semicolon\n#html:false\n#notetype:Basic\n#deck:Default\n")
        for prompt, answer in items:
            w.writerow([prompt, answer])
    res = subprocess.run([str(python), "-c", ANKI_RUN, str(folder), str(csv_path)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError("Anki run failed:\n" + res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_prep_hub(files, folder):
    env = dict(os.environ, PEER_PACKS=os.pathsep.join(str(f) for f in files), PEER_DATA=str(folder))
    res = subprocess.run(["cargo", "bench", "-q", "-p", "prep-hub", "--bench", "peer"], cwd=ROOT,
                         env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError("Prep Hub run failed:\n" + res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000")
    args = ap.parse_args()
    python = ensure_anki()
    subprocess.run(["cargo", "bench", "-q", "-p", "prep-hub", "--bench", "peer", "--no-run"], cwd=ROOT, check=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        items = dataset(n)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "anki").mkdir()
            (tmp / "ours").mkdir()
            files = write_packs(items, tmp)
            anki = run_anki(python, items, tmp / "anki")
            ours = run_prep_hub(files, tmp / "ours")
        rows.append((n, anki, ours))
        print(f"{n} questions: anki {json.dumps(anki)}", flush=True)
        print(f"{n} questions: prep-hub {json.dumps(ours)}", flush=True)

    print()
    print(f"Prep Hub beside Anki {ANKI_VERSION} (ratio = Anki / Prep Hub for times, Prep Hub / Anki for size)")
    fmt = lambda s: f"{s * 1000:.2f} ms" if s < 1 else f"{s:.2f} s"
    for n, a, o in rows:
        print(f"  {n:>6} questions")
        print(f"    import            anki {fmt(a['import']):>10}   prep-hub {fmt(o['import']):>10}   anki/ours {a['import'] / o['import']:.2f} (goal at 50,000: at least 0.5)")
        for word, share in (("quorum", "1%"), ("latency", "30%")):
            print(f"    search {share:>3} ({word:7}) anki {fmt(a['search_' + word]):>10}   prep-hub {fmt(o['search_' + word]):>10}   anki/ours {a['search_' + word] / o['search_' + word]:.1f} (goal at 50,000: at least 10)"
                  f"   [{a['hits_' + word]} notes; ours ranks all {o['hits_' + word]} and returns the top 40 with snippets]")
        print(f"    review median     anki {fmt(a['review_median']):>10}   prep-hub {fmt(o['review_median']):>10}   anki/ours {a['review_median'] / o['review_median']:.1f} (goal: at least 2)")
        print(f"    review p95        anki {fmt(a['review_p95']):>10}   prep-hub {fmt(o['review_p95']):>10}")
        print(f"    database          anki {a['db_bytes'] / 1048576:8.1f} MiB   prep-hub {o['db_bytes'] / 1048576:8.1f} MiB   ours/anki {o['db_bytes'] / a['db_bytes']:.2f} (goal: at most 1)")
        print(f"    durability        anki journal {a['journal']}, synchronous {a['synchronous']}; prep-hub {o['journal']}, synchronous {o['synchronous']}")


if __name__ == "__main__":
    sys.exit(main())
