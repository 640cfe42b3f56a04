"""Head counts imposed per village or per cadre are apportionment (2024 rules 五、六); staff to
assign and households to be named as models are not. Our own wording."""

import pytest

from jiceng.intake.flags import FlagDetector, load_flag_specs

from .factories import make_task


def codes(body: str) -> set[str]:
    return {f.code for f in FlagDetector(load_flag_specs()).detect(make_task(body), None)}


@pytest.mark.parametrize(
    "body",
    [
        "请各乡组织老年人免费体检，每个村不少于80人，完成情况每周报一次。",
        "请各乡发动群众参加消防演练，每名村干部至少带动15户参加。",
        "今年农房保险实行目标管理，各乡投保户数不得少于上年的105%。",
    ],
)
def test_head_counts_per_village_or_cadre_are_apportionment(body: str) -> None:
    assert "forced_apportionment" in codes(body)


@pytest.mark.parametrize(
    "body",
    [
        "请各乡组织防汛巡查，每个村不少于2名网格员值守。",
        "请各乡开展庭院整治，每村评选不少于10户“整洁示范户”。",
        "请各乡对困难家庭逐户走访，建立台账。",
        "汛期各乡值班人员不得少于2人，请落实24小时值守。",
    ],
)
def test_staffing_and_model_households_are_not_apportionment(body: str) -> None:
    assert "forced_apportionment" not in codes(body)
