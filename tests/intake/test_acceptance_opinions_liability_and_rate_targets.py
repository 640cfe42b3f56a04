"""Round 42: an acceptance opinion issued, apportioning liability for an accident and quick
tests named 速测 are department acts; reporting "to the county once a week" is a report; a
rate target or a share of people to download is a quota, a renovation programme's household
count is not. Our own wording."""

import pytest

from .factories import asked_kinds, escalates, flags_of


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请乡里派人逐户查看改好的房子，出具验收意见后报县局拨款。", "professional"),
        ("村道上的小刮蹭，请劝导员到场划分双方责任，当场调解。", "enforcement"),
        ("请劝导站当场制作责任认定书，报交警中队备案。", "enforcement"),
        ("请乡农安站每天对进场的叶菜速测，阳性批次当即上报。", "professional"),
    ],
)
def test_acceptance_opinions_liability_and_quick_tests_are_acts(text: str, kind: str) -> None:
    assert kind in asked_kinds(text)


def test_reporting_to_the_county_once_a_week_is_a_report() -> None:
    up = "保洁巡查情况每月报送一次"
    assert escalates("保洁巡看情况每周一报县局一次。", up)
    assert not escalates("保洁巡看情况每月底报县局一次。", up)


@pytest.mark.parametrize(
    "body",
    [
        "各村常住人口的政务APP注册率本月底前必须到85%。",
        "请确保市场商户100%下载溯源APP，每周报下载数。",
    ],
)
def test_rate_targets_and_shares_to_download_are_quotas(body: str) -> None:
    assert "forced_apportionment" in flags_of(body)


def test_a_renovation_programmes_household_count_is_not() -> None:
    assert "forced_apportionment" not in flags_of(
        "今年全乡农房抗震改造任务40户，请按进度组织施工监督。"
    )
