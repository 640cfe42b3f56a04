"""``jiceng ledger import --events F --county NAME``: atomic, idempotent, Chinese errors."""

import pytest

from jiceng import cli
from jiceng.ledger.models import BurdenEvent
from tests.ledger_web.conftest import county_rows, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_command(world, tmp_path, capsys):
    path = tmp_path / "ledger.csv"
    path.write_bytes(csv_bytes(county_rows(world)))
    assert cli.main(["ledger", "import", "--events", str(path), "--county", "测试0县"]) == 0
    assert "新增 10 条" in capsys.readouterr().out
    assert cli.main(["ledger", "import", "--events", str(path), "--county", "测试0县"]) == 0
    assert "10 条已在台账中" in capsys.readouterr().out
    assert BurdenEvent.objects.count() == 10
    assert cli.main(["ledger", "import", "--events", str(path), "--county", "无此县"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：找不到名为“无此县”的县") and "Traceback" not in err
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["第0镇", "2025-13-01", "meeting", "formal", "", "会", 1]]))
    assert cli.main(["ledger", "import", "--events", str(bad), "--county", "测试0县"]) == 1
    assert "第 2 行 “date”列" in capsys.readouterr().err
    assert BurdenEvent.objects.count() == 10
