"""Throughput of intake screening: 10,000 tasks against a 340-item duty list in one run.

Both inputs are synthesised at run time by recombining and perturbing the sample (items: shuffled
clauses, renumbered ids; tasks: shuffled sentences, a sentence borrowed from another notice,
changed numbers), so no sample text is committed. Reports tasks/s, the ratio to plain jieba
tokenisation of the same texts (goal ≤ 3×) and peak memory.

    .venv/bin/python bench/intake_speed.py          # in-process, alternating with plain jieba
    .venv/bin/python bench/intake_speed.py --cli    # + one real `jiceng screen` run end to end
    .venv/bin/python bench/intake_speed.py --county bench/heldout30   # from a real list

The sample's 77 items, repeated to 340, give each topic copies of one item, so the precedence
rules, the arbiter between near neighbours and the reader of pushed-down jobs rarely have work;
``--county DIR`` synthesises from a labelled county's own list (about 300 items in near-neighbour
triples, padded to 340 the same way) and its tasks instead, which is what a county's real list
costs.

With ``--cli`` the synthesised list and tasks are also written to a temporary directory and one
``jiceng screen --duties D.csv --tasks T.jsonl --out O.jsonl`` process screens them all: its wall
time includes start-up, reading and validating the input, building the engine and writing the
full DESIGN §4 output (reasons, candidates), and its peak memory is the child process's own.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jiceng.duties.parsing import dump_duty_csv, load_duty_list  # noqa: E402
from jiceng.intake.records import task_from_json  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402

_SENT = re.compile(r"[^。！？；]+[。！？；]?")
_CLAUSE = re.compile(r"[^，。；]+[，。；]?")


def synth_items(items: list, n: int, rng: random.Random) -> list:
    out = []
    for k in range(n):
        base = items[k % len(items)]
        clauses = _CLAUSE.findall(base.content)
        rng.shuffle(clauses)
        out.append(dataclasses.replace(base, id=f"{base.id}-{k:03d}", content="".join(clauses)))
    return out


def synth_tasks(rows: list[dict], n: int, rng: random.Random) -> list:
    tasks = []
    for k in range(n):
        base = rows[rng.randrange(len(rows))]
        other = rows[rng.randrange(len(rows))]
        sentences = _SENT.findall(base["body"])
        rng.shuffle(sentences)
        borrowed = _SENT.findall(other["body"])
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(borrowed))
        # a numbered marker makes every sentence unique text, so no cache can make reuse cheap
        sentences = [f"（{k}-{i}）{s}" for i, s in enumerate(sentences)]
        body = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 3)), "".join(sentences))
        obj = {**base, "id": f"S{k:05d}", "body": body}
        tasks.append(task_from_json(obj))
    return tasks


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", type=Path, default=ROOT / ".." / "shared" / "data" / "sample")
    ap.add_argument(
        "--county",
        type=Path,
        help="a labelled county's folder (duties.csv, tasks.jsonl) to synthesise from instead of "
        "the sample: its real list keeps the near-neighbour items the sample's copies lack",
    )
    ap.add_argument("--items", type=int, default=340)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--block", type=int, default=250, help="tasks per alternating block")
    ap.add_argument("--cli", action="store_true", help="also time one `jiceng screen` run")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    source = args.county or args.sample
    base_items = load_duty_list(source / "duties.csv").items
    rows = [
        json.loads(r)
        for r in (source / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
        if r.strip()
    ]
    items = synth_items(base_items, args.items, rng)
    tasks = synth_tasks(rows, args.tasks, rng)

    t0 = time.perf_counter()
    screener = Screener(items)
    screener.screen(tasks[0])  # load jieba and the governance dictionary
    t_build = time.perf_counter() - t0

    plain = jieba.Tokenizer()
    plain.initialize()
    # Plain jieba and screening alternate block by block, and CPU time of this process is
    # reported beside wall time, so load from other jobs on the machine hits both alike.
    t_jieba = c_jieba = t_screen = c_screen = 0.0
    decisions: dict[str, int] = {}
    for start in range(0, len(tasks), args.block):
        block = tasks[start : start + args.block]
        w0, c0 = time.perf_counter(), time.process_time()
        for t in block:
            plain.lcut(t.title)
            plain.lcut(t.body)
        w1, c1 = time.perf_counter(), time.process_time()
        for result in screener.screen_many(block):
            decisions[result.decision.value] = decisions.get(result.decision.value, 0) + 1
        w2, c2 = time.perf_counter(), time.process_time()
        t_jieba += w1 - w0
        c_jieba += c1 - c0
        t_screen += w2 - w1
        c_screen += c2 - c1

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"items {len(items)}, tasks {len(tasks)}; decisions {decisions}")
    print(f"index build + warm-up   {t_build:7.2f} s")
    print(f"screening               {t_screen:7.2f} s  = {len(tasks) / t_screen:,.0f} tasks/s")
    print(f"plain jieba lcut        {t_jieba:7.2f} s  = {len(tasks) / t_jieba:,.0f} tasks/s")
    print(
        f"ratio screening / jieba {t_screen / t_jieba:7.2f}x wall, "
        f"{c_screen / c_jieba:.2f}x CPU (goal <= 3x)"
    )
    print(f"peak memory (max RSS)   {peak_mib:7.0f} MiB")
    if args.cli:
        cli_run(items, tasks)
    return 0


def cli_run(items: list, tasks: list) -> None:
    """One ``jiceng screen`` process over all tasks, timed from outside, against plain jieba."""
    with tempfile.TemporaryDirectory(prefix="jiceng-speed-") as tmp:
        duties, tasks_path, out = Path(tmp, "duties.csv"), Path(tmp, "tasks.jsonl"), Path(tmp, "o")
        duties.write_text(dump_duty_csv(items), encoding="utf-8")
        with tasks_path.open("w", encoding="utf-8") as f:
            for t in tasks:
                row = {
                    "id": t.id,
                    "from_department": t.from_department,
                    "title": t.title,
                    "body": t.body,
                    "deadline_days": t.deadline_days,
                    "upstream": dataclasses.asdict(t.upstream) if t.upstream else None,
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        jiceng = Path(sys.executable).with_name("jiceng")
        cmd = [str(jiceng), "screen", "--duties", str(duties), "--tasks", str(tasks_path)]
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        # the reference pays the same start-up, reading and dictionary load in its own process
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", _PLAIN_JIEBA_PROCESS, str(tasks_path)], check=True)
        plain_wall = time.perf_counter() - t0
    print(f"one CLI run (jiceng screen, {lines} output lines)")
    print(f"  wall, start to finish {wall:7.2f} s  = {len(tasks) / wall:,.0f} tasks/s")
    print(
        f"  plain jieba process   {plain_wall:7.2f} s  (read the file, load, lcut title and body)"
    )
    print(f"  ratio CLI / jieba     {wall / plain_wall:7.2f}x wall (goal <= 3x)")
    print(f"  peak memory (max RSS) {child_mib:7.0f} MiB")


_PLAIN_JIEBA_PROCESS = """
import json, sys, logging, jieba
jieba.setLogLevel(logging.WARNING)
t = jieba.Tokenizer()
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    t.lcut(row["title"])
    t.lcut(row["body"])
"""


if __name__ == "__main__":
    sys.exit(main())
