"""The ledger's demo data is created through its services and shows what it claims."""

import pytest

from jiceng.ledger import queries
from jiceng.ledger.models import AnonymousReport, BurdenEvent, Signboard, WorkGroup

pytestmark = pytest.mark.django_db


def test_demo_seed_plants_shifts_groups_boards_and_reports(db):
    from jiceng.web.demo_seed import seed_demo

    summary = seed_demo(seed=2026)
    county_id = BurdenEvent.objects.values_list("county_id", flat=True).first()
    facts = "\n".join(summary.facts)
    assert "负担台账" in facts and "明减暗不减" in facts
    assert BurdenEvent.objects.filter(origin="demo").count() > 5000
    shifted = {f.township for f in queries.findings(county_id) if f.pattern == "hidden_shift"}
    assert len(shifted) >= 1
    assert queries.open_groups_past_task(WorkGroup.objects.all(), queries.date.today()).count() == 1
    assert queries.boards_with_work_after_removal(Signboard.objects.all()).count() == 1
    assert AnonymousReport.objects.filter(status="pending").count() == 1
