"""Round 41: a household's signature for leaflets handed out is a trace, a receipt for a legal
notice or a payout is not; a model title applied for by quota is a creation activity; grading a
disability by level and approving directly or issuing the permit are department acts. Our own
wording."""

import pytest

from .factories import asked_kinds, flags_of


def test_signatures_collected_for_leaflets_are_excessive_traces() -> None:
    assert "excessive_traces" in flags_of(
        "防汛明白卡挨家送到，每户在签收单上签名，签收单连同照片一并装订留档。"
    )


@pytest.mark.parametrize(
    "body",
    [
        "整改告知书须当面送达，由当事人签收后将回执报县局。",
        "救灾物资发放时由受助户签收，发放名单报县应急局。",
    ],
)
def test_a_receipt_for_a_legal_notice_or_a_payout_is_not(body: str) -> None:
    assert "excessive_traces" not in flags_of(body)


@pytest.mark.parametrize(
    "body",
    [
        "今年每镇争创一个“星级示范书屋”，年底评审。",
        "各镇要积极争创“标杆卫生院”，按标准布置荣誉墙。",
    ],
)
def test_a_model_title_applied_for_is_a_creation_activity(body: str) -> None:
    assert "creation_activity" in flags_of(body)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请乡卫生院大夫评定几级后把表格报县残联。", "professional"),
        ("小额砍伐由乡林业站直接审批，不再报县里。", "enforcement"),
        ("请乡林业站审批并核发砍伐许可，按季度报县里。", "enforcement"),
    ],
)
def test_grading_by_level_and_direct_approvals_are_department_acts(text: str, kind: str) -> None:
    assert kind in asked_kinds(text)
