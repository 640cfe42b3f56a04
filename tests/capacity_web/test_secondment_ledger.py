from datetime import date

import pytest

from jiceng.capacity import services
from jiceng.ledger.models import BurdenEvent

pytestmark = pytest.mark.django_db


def test_recorded_secondment_is_booked_in_the_ledger_once(
    world, django_capture_on_commit_callbacks
):
    admin = world.user("county_admin")
    town = world.townships[0]
    with django_capture_on_commit_callbacks(execute=True):
        item = services.record_secondment(
            actor=admin,
            township=town,
            borrower_name="县第0局",
            persons=2,
            start=date(2026, 3, 1),
            end=date(2026, 5, 31),
            reason="专项整治抽调",
        )
    events = BurdenEvent.objects.filter(township=town, type="secondment")
    assert events.count() == 3  # March, April, May
    assert {e.month for e in events} == {date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)}
    assert all(e.hours > 0 for e in events)
    # Re-sending the same secondment books nothing twice (idempotent event keys).
    from jiceng.capacity.ledger_link import book_secondment

    book_secondment(None, secondment=item, events=services.ledger_events(item))
    assert BurdenEvent.objects.filter(township=town, type="secondment").count() == 3
