"""Round 7b: what the department says it has already done ("处罚决定已依法送达", "该案已经立案")
is background to its ask, not an act asked of the township; the same act asked is still one."""

from tests.intake.factories import asked_kinds as kinds


def test_an_act_reported_as_done_is_not_asked() -> None:
    text = "河道内违规搭建的养鸭棚，强制拆除决定已依法送达，请各乡做好当事人思想工作。"
    assert "enforcement" not in kinds(text)


def test_the_same_act_asked_still_is() -> None:
    assert "enforcement" in kinds("请各乡对河道内违规搭建的养鸭棚作出强制拆除决定。")
