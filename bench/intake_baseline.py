"""A plain baseline for intake screening, to show what the engine adds.

BM25 over plain jieba tokens of each item (name + content + township role) against the whole
title + body, no synonyms, no ask weighting, no act analysis; one keyword list per flag with no
traps; decision: score below a cut → reject/none, returned item → reject, any flag → revise,
else admit. Writes contract JSONL for ``bench/intake_quality.py --pred``.

    .venv/bin/python bench/intake_baseline.py --out /tmp/baseline.jsonl
    .venv/bin/python bench/intake_quality.py --pred /tmp/baseline.jsonl
    # any labelled set: pass the same --duties/--tasks to both scripts
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jiceng.duties.parsing import load_duty_list  # noqa: E402

KEYWORDS = {
    "excessive_traces": ["照片", "合影", "签字", "按手印", "视频", "台账"],
    "escalation": ["加码"],
    "forced_apportionment": ["摊派", "捐款", "订阅", "下载", "注册率"],
    "inspection_burden": ["暗访", "排名", "预检", "检查结果"],
    "creation_activity": ["示范", "创建", "评比"],
    "signboard": ["挂牌", "标牌", "标识牌", "上墙"],
    "pledge_veto": ["责任书", "承诺书", "一票否决", "责任状"],
    "digital_formalism": ["打卡", "截图", "工作群", "APP"],
    "meeting_burden": ["党委书记", "陪会", "参会"],
}
CUT = 8.0


def toks(text: str) -> list[str]:
    return [t for t in jieba.lcut(text) if len(t) > 1]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", type=Path, default=ROOT / ".." / "shared" / "data" / "sample")
    ap.add_argument("--duties", type=Path, help="duty list (CSV/XLSX); default: the sample's")
    ap.add_argument("--tasks", type=Path, help="tasks (JSONL); default: the sample's")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    items = load_duty_list(args.duties or args.sample / "duties.csv").items
    docs = [Counter(toks(f"{i.name} {i.content} {i.township_role}")) for i in items]
    avg = sum(sum(d.values()) for d in docs) / len(docs)
    df: Counter[str] = Counter(t for d in docs for t in d)
    n = len(docs)

    def bm25(query: list[str], doc: Counter[str]) -> float:
        length = sum(doc.values())
        s = 0.0
        for t in set(query):
            if t in doc:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                tf = doc[t]
                s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / avg))
        return s

    lines = []
    for raw in (args.tasks or args.sample / "tasks.jsonl").read_text(encoding="utf-8").splitlines():
        task = json.loads(raw)
        text = task["title"] + task["body"]
        q = toks(text)
        scores = [bm25(q, d) for d in docs]
        best = max(range(n), key=scores.__getitem__)
        flags = [code for code, words in KEYWORDS.items() if any(w in text for w in words)]
        if scores[best] < CUT:
            out = {"decision": "reject", "duty_item": None, "category": "none"}
        elif items[best].category.value == "returned":
            out = {"decision": "reject", "duty_item": items[best].id, "category": "returned"}
            flags.append("shifting_responsibility")
        else:
            out = {
                "decision": "revise" if flags else "admit",
                "duty_item": items[best].id,
                "category": items[best].category.value,
            }
        lines.append(
            json.dumps({"id": task["id"], **out, "flags": flags, "reasons": []}, ensure_ascii=False)
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
