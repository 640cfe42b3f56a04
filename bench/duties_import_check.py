"""Check that the sample's published XLSX duty lists import to exactly the list in duties.csv.

    .venv/bin/python bench/duties_import_check.py [--sample ../shared/data/sample] [--repeat 20]

Prints, per file, the item count, whether it equals duties.csv item by item, and the mean import
time. Exit code 1 when any file differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from jiceng.duties.parsing import load_duty_list

REPO = Path(__file__).resolve().parent.parent
FILES = ("duties.csv", "duties-published.xlsx", "duties-published-onesheet.xlsx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=REPO.parent / "shared" / "data" / "sample")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    reference = load_duty_list(args.sample / "duties.csv").items
    ok = True
    for name in FILES:
        path = args.sample / name
        start = time.perf_counter()
        for _ in range(args.repeat):
            parsed = load_duty_list(path)
        elapsed = (time.perf_counter() - start) / args.repeat
        same = parsed.items == reference
        ok &= same
        print(
            f"{name}: {len(parsed.items)} items, equal to duties.csv: {same}, "
            f"title={parsed.title!r} unit={parsed.unit!r} version={parsed.version_note!r}, "
            f"{elapsed * 1000:.1f} ms per import"
        )
        if not same:
            for a, b in zip(parsed.items, reference, strict=False):
                if a != b:
                    print(f"  first difference: {a} != {b}")
                    break
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
