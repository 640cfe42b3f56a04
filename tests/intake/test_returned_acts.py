"""Which 收回 item an enforcement ask names, when two returned items of one department share
a topic and only one of them names an act (label rule 4).

Our own small list: a returned item that only names its object (accident investigation) and a
returned neighbour that names the act (inspection and fines). A notice asking the township to
fine people on that topic pushes down the neighbour that names the act.
"""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.matching import ItemMatcher
from jiceng.intake.policy import load_data

from .factories import make_task

C, R = Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "K-SH-01",
        R,
        "燃气安全",
        "燃气泄漏爆炸事故原因调查",
        "县住建局调查燃气泄漏和爆炸事故的原因，核定事故损失。",
        "《城镇燃气管理条例》",
        "县住房和城乡建设局",
        "",
    ),
    DutyItem(
        "K-SH-02",
        R,
        "燃气安全",
        "燃气经营监督检查和行政处罚",
        "对燃气经营企业和供气点开展监督检查，依法实施行政处罚。",
        "《城镇燃气管理条例》",
        "县住房和城乡建设局",
        "",
    ),
    DutyItem(
        "K-PH-01",
        C,
        "燃气安全",
        "配合入户燃气安全宣传",
        "配合住建部门开展用气安全宣传。",
        "《城镇燃气管理条例》",
        "县住房和城乡建设局",
        "入户宣传用气常识，发现隐患报告",
    ),
]

BODY = (
    "各乡：上月餐馆燃气泄漏爆炸事故后，发现一些私设的供气点仍在给饭店送气。请乡里对这些"
    "供气点直接作出罚款决定，罚款情况月底报住建局。"
)


def _match(policy: dict[str, float]) -> str | None:
    task = make_task(BODY, title="私设供气点处理", sender="县住房和城乡建设局")
    # (without learned word associations: the rule and its control compare retrieval scores)
    policy = {**policy, "association_weight": 0.0}
    outcome = ItemMatcher(ITEMS, policy).match(task, none_threshold=0.0)
    return outcome.item.id if outcome.item else None


def test_enforcement_ask_goes_to_the_returned_item_naming_the_act() -> None:
    assert _match(dict(load_data("policy")["matching"])) == "K-SH-02"


def test_treating_the_act_less_item_as_naming_the_act_would_pick_it() -> None:
    """Control: scored as before this rule (as if it named the act), the item that shares the
    notice's event words wins; the test above is decided by the rule."""
    policy = dict(load_data("policy")["matching"])
    policy["returned_kindless_with_act"] = policy["returned_with_act"]
    assert _match(policy) == "K-SH-01"
