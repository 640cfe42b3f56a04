"""Work the notice leaves with the township as before ("竣工后日常看护仍由你乡落实") is its own
part, not the lead's job pushed down (label rule 2, not 3). Our own wording (met in H22)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task

BRIDGE = [
    DutyItem(
        "Q-PH-01",
        Category.COOPERATING,
        "文物保护",
        "古桥保护修缮工程",
        "县文物局牵头古桥保护规划编制和修缮工程实施。",
        "《中华人民共和国文物保护法》",
        "县文物局",
        "协调周边群众，协助施工进场和施工期安全管理，工程完工后接续日常看护。",
    ),
    *ITEMS,
]


def test_care_the_township_keeps_after_the_works_is_its_own_part():
    body = (
        "古桥修缮工程下月进场施工。请你乡协调周边群众，协助做好施工期安全管理；"
        "工程完工后，古桥日常看护仍由你乡落实。"
    )
    result = Screener(BRIDGE).screen(make_task(body, sender="县文物局"))
    assert (result.duty_item, result.decision.value) == ("Q-PH-01", "admit")
    pushed = "古桥修缮工程下月开工。请你乡协调周边群众；古桥修缮由你乡自行组织施工。"
    assert Screener(BRIDGE).screen(make_task(pushed, sender="县文物局")).decision.value == "reject"
