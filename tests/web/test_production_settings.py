"""Production mode: refuses the default secret, and passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys


def run_manage(*args, **env_extra):
    env = {"PATH": os.environ["PATH"], "JICENG_DATA_DIR": env_extra.pop("data_dir"), **env_extra}
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_production_refuses_the_default_secret(tmp_path):
    result = run_manage("check", data_dir=str(tmp_path), JICENG_PRODUCTION="1")
    assert result.returncode != 0 and "JICENG_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret(tmp_path):
    result = run_manage(
        "check", data_dir=str(tmp_path), JICENG_PRODUCTION="1", JICENG_SECRET_KEY="short"
    )
    assert result.returncode != 0


def test_check_deploy_passes_in_production(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=str(tmp_path),
        JICENG_PRODUCTION="1",
        JICENG_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
