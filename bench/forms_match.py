"""Score 一表通 field matching against a truth: pairwise precision / recall / F1.

    .venv/bin/python bench/forms_match.py [--sample ../shared/data/sample] [--verbose]
    .venv/bin/python bench/forms_match.py --set bench/forms_heldout [--verbose]
    .venv/bin/python bench/forms_match.py --forms F.json --truth T.json [--xlsx DIR --xlsx-truth T]

Runs the matcher on a forms JSON and on a folder of XLSX templates (types inferred), next to two
baselines: identical field names, and fuzzy names of the same type. The XLSX templates replace the
JSON forms with the same id; the other JSON forms stay in the run (a held-out set may have only a
few templates), scored against ``--xlsx-truth``. ``--set DIR`` reads DIR/forms.json, truth.json,
xlsx/ and truth_xlsx.json (or truth.json when absent); the default is the sample's forms folder.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz

from jiceng.forms.matching import match_fields
from jiceng.forms.schema import Form, load_forms_json
from jiceng.forms.templates_xlsx import load_forms_dir

REPO = Path(__file__).resolve().parent.parent
Pair = frozenset[str]


def pairs_of(elements: Iterable[list[str]]) -> set[Pair]:
    return {frozenset(p) for members in elements for p in itertools.combinations(members, 2)}


def score(predicted: set[Pair], truth: set[Pair]) -> tuple[float, float, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def exact_name_baseline(forms: list[Form]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for form in forms:
        for f in form.fields:
            groups.setdefault(f.name, []).append(form.member_key(f))
    return list(groups.values())


def fuzzy_baseline(forms: list[Form], threshold: float = 60) -> list[list[str]]:
    """Greedy single-link over same-type fields whose names are similar (rapidfuzz ratio)."""
    fields = [(form.id, form.member_key(f), f.name, f.type) for form in forms for f in form.fields]
    parent = list(range(len(fields)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scored = []
    for i, j in itertools.combinations(range(len(fields)), 2):
        if fields[i][0] != fields[j][0] and fields[i][3] == fields[j][3]:
            s = fuzz.ratio(fields[i][2], fields[j][2])
            if s >= threshold:
                scored.append((s, i, j))
    for _, i, j in sorted(scored, reverse=True):
        parent[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for i, f in enumerate(fields):
        groups.setdefault(root(i), []).append(f[1])
    return list(groups.values())


def report(label: str, elements: list[list[str]], truth: set[Pair]) -> None:
    p, r, f1 = score(pairs_of(elements), truth)
    print(f"{label:<34} P={p:.3f} R={r:.3f} F1={f1:.3f}  elements={len(elements)}")


def load_truth(path: Path) -> set[Pair]:
    data = json.loads(path.read_text("utf-8"))
    return pairs_of(e["members"] for e in data["elements"])


def runs(args: argparse.Namespace) -> list[tuple[str, list[Form], set[Pair]]]:
    folder = args.set or args.sample / "forms"
    forms_path = args.forms or folder / "forms.json"
    truth_path = args.truth or folder / "truth.json"
    json_forms = load_forms_json(forms_path)
    out = [(str(forms_path), json_forms, load_truth(truth_path))]
    xlsx_dir = args.xlsx or (None if args.forms else folder / "xlsx")
    if xlsx_dir is not None and xlsx_dir.is_dir():
        xlsx_truth = args.xlsx_truth or folder / "truth_xlsx.json"
        if not xlsx_truth.exists():
            xlsx_truth = truth_path
        templates = load_forms_dir(xlsx_dir)
        ids = {f.id for f in templates}
        mixed = templates + [f for f in json_forms if f.id not in ids]
        out.append((f"{xlsx_dir} ({len(templates)} templates)", mixed, load_truth(xlsx_truth)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=Path, default=REPO / "../shared/data/sample")
    parser.add_argument("--set", type=Path, help="a folder laid out like sample/forms")
    parser.add_argument("--forms", type=Path, help="forms JSON (overrides --set/--sample)")
    parser.add_argument("--truth", type=Path, help="truth JSON for --forms")
    parser.add_argument("--xlsx", type=Path, help="folder of XLSX templates")
    parser.add_argument("--xlsx-truth", type=Path, help="truth JSON for the XLSX run")
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args()
    for source, forms, truth in runs(args):
        print(
            f"== {source}: {len(forms)} forms, {sum(len(f.fields) for f in forms)} fields, {len(truth)} true pairs"
        )
        report("baseline: exact names", exact_name_baseline(forms), truth)
        report("baseline: fuzzy names + type", fuzzy_baseline(forms), truth)
        result = match_fields(forms)
        elements = [e.members for e in result.elements]
        report("jiceng match_fields", elements, truth)
        if args.verbose:
            predicted = pairs_of(elements)
            for pair in sorted(predicted - truth, key=sorted):
                print("  false pair:", " ~ ".join(sorted(pair)))
            for pair in sorted(truth - predicted, key=sorted):
                print("  missed pair:", " ~ ".join(sorted(pair)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
