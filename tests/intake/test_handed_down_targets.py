"""Targets handed down and split by place, tasks of at least so many people, and fund-raising or
sales targets are apportionment (2024 rules 五、六); a works programme's size and a plain task
list are not. Our own wording."""

import pytest

from .factories import detected_flags


@pytest.mark.parametrize(
    "body",
    [
        "今年农机安全互助保险的任务已经分解下达，其中本乡350份，请抓紧落实。",
        "全县义诊参与人数任务已分到各镇，东岭镇260人，请提前组织。",
        "今年外出务工服务任务不少于150人次，请各乡分到各村。",
        "本次慈善募捐目标为5万元，请各街道发动辖区单位。",
        "爱心农产品认购任务3万元，请各镇在月底前完成。",
        "今年特色作物承保面积覆盖率必须达到85%以上。",
    ],
)
def test_targets_split_by_place_and_money_targets_are_apportionment(body: str) -> None:
    assert "forced_apportionment" in detected_flags(body)


@pytest.mark.parametrize(
    "body",
    [
        "今年农村危房改造任务已分解下达，本乡40户，请抓紧开工。",
        "请各乡将防汛物资储备任务落实到村，明确责任人。",
        "请做好保险政策宣传，引导群众自愿投保，任务不再分解到村。",
    ],
)
def test_works_programmes_and_plain_task_lists_are_not_apportionment(body: str) -> None:
    assert "forced_apportionment" not in detected_flags(body)
