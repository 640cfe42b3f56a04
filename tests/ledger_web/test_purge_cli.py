from datetime import timedelta

import pytest
from django.utils import timezone

from jiceng.cli import main
from jiceng.ledger.anonymous import submit_report
from jiceng.ledger.models import AnonymousReport

pytestmark = pytest.mark.django_db


def test_purge_command_clears_old_report_text(world, capsys):
    submit_report(
        township=world.townships[0],
        type="app_or_group",
        happened_on=timezone.localdate(),
        source_department="县第0局",
        title="群内每日打卡",
        description="每天要求在群里发定位截图",
        hours=2,
    )
    AnonymousReport.objects.update(submitted_on=timezone.localdate() - timedelta(days=400))
    assert main(["ledger", "purge-anonymous", "--days", "30"]) == 0
    assert "清除 1 条" in capsys.readouterr().out
    assert AnonymousReport.objects.get().description == ""
