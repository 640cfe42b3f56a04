"""Round 52: acts a notice names but leaves to others are not asked of the township: an act
forbidden topic first ("火因不要自己去查"), one said to be the police officers' ("均由民警负责"),
and one a county station goes to do ("下周二上午监测站要去…取水样"). Our own wording."""

from jiceng.intake.acts import ActAnalyzer

from .factories import B, C, make_item

_ACTS = ActAnalyzer()


def _asked(text: str) -> set[str]:
    return {a.evidence for a in _ACTS.asked_acts("body", text)}


def test_an_act_forbidden_topic_first_is_not_asked() -> None:
    assert not _asked("请镇里组织扑火队先期处置。起火原因不要自己去问，交给派出所。")
    assert not _asked("罚款不用你们开，拍下车牌报我们。")
    # the same act asked outright still is
    assert _asked("请镇里把起火原因查清楚，三天内报县里。")


def test_an_act_the_police_do_is_not_asked() -> None:
    text = "请各村派人带路。所有盘查和处置工作均由民警负责。"
    assert not _asked(text)
    assert _asked("请各村派人对外来人员逐一盘查。")


def test_a_county_station_going_to_do_it_is_not_asked() -> None:
    text = "@各镇 下周二上午县监测站要去水库取水口采水样，麻烦镇里联系条船。"
    assert not _asked(text)
    text = "@各镇 下周二上午监测站要去水库取水口采水样，麻烦镇里联系条船。"
    assert not _asked(text)
    assert _asked("@各镇 下周二上午请镇里派人去水库取水口采水样，送县监测站。")


def test_a_test_the_customs_do_is_not_asked() -> None:
    own = [
        c.text for c in _ACTS.own_asks("请镇里协助转送有症状人员，入境检疫和采样检测由海关负责。")
    ]
    assert not any("检测" in c for c in own)
    assert any("检测" in c.text for c in _ACTS.own_asks("请镇里组织人员对入境人员采样检测。"))


def test_a_fires_cause_described_is_not_asked() -> None:
    assert not _asked("近期外地接连发生火灾，起火原因多为电动车室内充电。请各乡开展排查。")
    assert _asked("请镇里把这次起火原因问清楚，明天报我们。")


def test_a_decision_the_township_does_not_make_is_not_asked() -> None:
    item = make_item(
        "S-PH-01",
        C,
        "住房保障",
        "配合受损房屋登记",
        "县治理办委托鉴定机构认定受损等级。",
        "县治理办",
        "入户登记受损房屋情况，协调鉴定机构入户。",
    )
    done_by_others = "请镇里逐户登记受损情况。受损程度以鉴定机构结论为准，镇村不作认定。"
    assert not _ACTS.lead_decisions("body", done_by_others, item)
    assert _ACTS.lead_decisions("body", "请镇里逐户登记后直接认定受损等级。", item)


def test_a_collection_point_is_no_payment() -> None:
    assert "payment" not in {
        a.kind for a in _ACTS.asked_acts("body", "请各村组织群众到代收点缴费。")
    }
    assert "payment" in {
        a.kind for a in _ACTS.asked_acts("body", "请各村干部代收保费，月底交县里。")
    }


def test_what_a_law_says_of_townships_is_not_asked() -> None:
    recital = "《中华人民共和国安全生产法》明确乡镇人民政府要加强对辖区生产经营单位的监督检查。"
    assert not _asked(recital)
    assert _asked("请各镇组织执法力量对辖区企业开展监督检查。")


def test_a_county_team_named_as_the_doer_does_it() -> None:
    assert not _asked("请苏木安排牧民作向导。捕获、采样、检测都由监测队负责。")
    assert _asked("请苏木组织应急队对疫点周边开展采样检测。")


def test_a_quarantine_certificate_made_out_for_the_vet_is_professional() -> None:
    kinds = {
        a.kind for a in _ACTS.asked_acts("body", "请各苏木兽医站代为开具检疫证，证纸由我所提供。")
    }
    assert "professional" in kinds


def test_the_townships_part_disclaimed_is_not_asked() -> None:
    from jiceng.intake.screening import Screener

    text = "草料的采购和运费结算由县农业农村局负责，乡里不垫付资金，不自行采购。"
    assert not _asked(text)
    reader = Screener([make_item("X-JB-01", B, "农业", "抗灾物资分发", "分发。", "乡镇")])
    assert reader.pushed_jobs is not None
    assert reader.pushed_jobs.find("body", text) is None
    assert _asked("请各乡先垫付资金，自行采购草料。")
