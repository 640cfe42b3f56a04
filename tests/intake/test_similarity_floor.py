"""Off-list (label rule 5): a notice whose words the list covers only piecemeal.

Our own small list and notice: the notice asks for something no item covers (collecting old
photos for an archive), but its closing sentence about funds and a deputy in charge is covered
well by one item's words. In a real list of some hundred items such a notice resembles no item
(best retrieval score under ``none_similarity_floor``); a six-item list inflates every score, so
the floor is raised here to where this list puts the notice, and the control shows the
coverage signal alone would match it.
"""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.matching import ItemMatcher
from jiceng.intake.policy import load_data

from .factories import make_task

B = Category.BASIC


def _item(i: int, name: str, content: str) -> DutyItem:
    return DutyItem(f"G-JB-{i:02d}", B, "综合", name, content, "《条例》", "乡镇", "乡政府负责")


ITEMS = [
    _item(
        1, "村级组织运转经费保障", "落实村级组织运转经费，保障村干部报酬按时发放，明确分管领导。"
    ),
    _item(2, "农村道路日常养护", "组织养护队对乡村道路进行日常保洁和坑槽修补。"),
    _item(3, "学生资助政策宣传", "向困难家庭学生宣传助学金政策，协助申请。"),
    _item(4, "森林防火巡查", "组织护林员在防火期巡山，劝阻野外用火。"),
    _item(5, "农村饮用水水源巡查", "巡查水源保护区，发现污染及时报告。"),
    _item(6, "老年人高龄津贴发放", "核实高龄老人名单，按月发放高龄津贴。"),
]

BODY = (
    "近年来，随着城镇化加快，许多反映乡村变迁的老照片、老物件面临散失，抢救征集刻不容缓。"
    "县档案馆决定开展乡村记忆征集，请各乡走访老党员、老教师，征集老照片、老物件，"
    "登记来源后统一送县档案馆。"
    "各乡要明确分管领导，落实必要经费保障。"
)


def _match(floor: float) -> tuple[str | None, list[str]]:
    policy = dict(load_data("policy")["matching"])
    policy["none_similarity_floor"] = floor
    task = make_task(BODY, title="关于征集乡村记忆老照片的通知", sender="县档案馆")
    outcome = ItemMatcher(ITEMS, policy).match(task, none_threshold=policy["none_threshold"])
    return (outcome.item.id if outcome.item else None), outcome.notes


def test_default_floor_is_a_low_similarity() -> None:
    assert 0.05 <= load_data("policy")["matching"]["none_similarity_floor"] <= 0.15


def test_piecemeal_coverage_is_no_match_with_a_reason() -> None:
    item, notes = _match(0.5)
    assert item is None
    assert notes and "相似度" in notes[0]


def test_without_the_floor_the_funds_sentence_would_match() -> None:
    """Control: the coverage signal alone takes the funds item."""
    assert _match(0.0) == ("G-JB-01", [])
