"""The jiceng command: every sub-command has Chinese help; errors exit non-zero with a message."""

import subprocess
import sys

import pytest

from jiceng.cli import build_parser, main


def subcommand_paths(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from subcommand_paths(sub, (*prefix, name))


def test_every_subcommand_has_help_in_chinese(capsys):
    paths = list(subcommand_paths(build_parser()))
    assert {("demo",), ("serve",), ("migrate",), ("audit", "verify")} <= {p for p, _ in paths}
    for path, _sub in paths:
        with pytest.raises(SystemExit) as exit_info:
            main([*path, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out), (
            f"{' '.join(path)} --help has no Chinese"
        )


def test_no_subcommand_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "子命令" in capsys.readouterr().err


def test_unknown_subcommand_exits_non_zero():
    result = subprocess.run(
        [sys.executable, "-m", "jiceng.cli", "no-such-command"], capture_output=True, text=True
    )
    assert result.returncode != 0 and result.stderr


def test_demo_seeds_and_prints_logins_without_serving(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "JICENG_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "jiceng.cli", "demo", "--no-serve", "--seed", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for username in ("county_admin", "observer", "dept01", "town01"):
        assert username in out
    assert "Jiceng-Demo-2026" in out
    assert "先看这三件事" in out and "dept01" in out.split("先看这三件事")[1]
    again = subprocess.run(
        [sys.executable, "-m", "jiceng.cli", "demo", "--no-serve", "--seed", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0 and "已存在" in again.stdout
