"""The five learned parts of screening ship as data trained on our labelled counties, most on the
engine's own output too: the reader of pushed-down jobs (``data/pushed_jobs.tsv``), the arbiter
between near neighbours (``data/neighbours.toml``) and the reading of a notice's category it
weighs (``data/category_reader.tsv``), the second opinion on rule 7 where the rules say rule 6
(``data/core_reader.tsv``) and the one on a task the rules set off the list
(``data/listed_reader.tsv``). A change to the rules, lexicons or the reader changes what they are
trained on; these checks retrain each from the labelled counties in ``bench/`` and fail when the
shipped file is no longer what training writes, so stale weights cannot land unnoticed."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "script",
    [
        "intake_pushed_jobs.py",
        "intake_neighbours.py",
        "intake_core_reader.py",
        "intake_listed_reader.py",
        "intake_category_reader.py",
    ],
)
def test_the_shipped_weights_are_what_training_writes(script: str) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "is current" in run.stdout
