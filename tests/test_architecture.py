"""The pure cores import no Django: the CLI, workers and tests can use them without a database."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pure_modules() -> list[str]:
    files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]["files"]
    modules = []
    for entry in files:
        path = ROOT / entry
        paths = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for p in paths:
            rel = p.relative_to(ROOT / "src").with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    return modules


def test_pure_cores_do_not_import_django():
    modules = pure_modules()
    assert modules, "pyproject.toml lists no pure modules"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"pure modules pulled in Django: {result.stdout[:200]}"
