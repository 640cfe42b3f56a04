"""Flag wording met in unstudied counties, in our own text: a denial in a later clause of the
match ("每人登记一次即可，不要求拍照"), a deputy township head written 副乡镇长, meetings cascaded
with 随后 / 层层部署, a thickness as no quota, paying into bank cards (打卡) as no check-in, how
often a report is asked when the clause also names a patrol, and day counts settling a date."""

from jiceng.intake.escalation import EscalationDetector
from jiceng.intake.records import Upstream
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task


def flags_of(body: str, sender: str = "县人民政府办公室") -> list[str]:
    return Screener(ITEMS).screen(make_task(body, sender=sender)).flag_codes


def test_a_denial_in_the_next_clause_of_the_match_is_no_trace_demand():
    denied = "各镇：请对返乡人员逐一登记，每人填表一次即可，不要求拍照，月底前报县人社局。"
    assert "excessive_traces" not in flags_of(denied)
    asked = "各镇：请对返乡人员逐一登记，每人填表一次，并拍照留存，月底前报县人社局。"
    assert "excessive_traces" in flags_of(asked)


def test_a_deputy_township_head_is_not_a_principal():
    deputy = "各镇：县里定于下周一召开普查部署会，请各镇分管的副乡镇长和统计员参加。"
    assert "meeting_burden" not in flags_of(deputy)
    head = "各镇：县里定于下周一召开普查部署会，请各镇乡镇长和统计员参加。"
    assert "meeting_burden" in flags_of(head)


def test_meetings_cascaded_with_sui_hou_or_layer_by_layer_deployment():
    cascade = "各镇：请各镇召开专题会议研究，各村随后召开村民代表会议，层层部署到位。"
    assert "meeting_burden" in flags_of(cascade)
    layered = "各镇：收到通知后召开一次工作会，逐级部署到村组。"
    assert "meeting_burden" in flags_of(layered)


def test_a_thickness_named_with_a_purchase_is_no_quota():
    advice = "各镇：提醒农户购买和使用厚度不低于0.01毫米的合格地膜，不用超薄膜。"
    assert "forced_apportionment" not in flags_of(advice)
    quota = "各镇：每户购买合格地膜不少于5卷，由村里统一登记。"
    assert "forced_apportionment" in flags_of(quota)


def test_paying_into_each_households_card_is_no_check_in():
    pay = "各镇：补助资金核实无误后，由镇财政所直接给各户打卡，名单报县局备案。"
    assert "digital_formalism" not in flags_of(pay)
    check_in = "各镇：护林员每天巡山时在APP上打卡，县局每周通报打卡率。"
    assert "digital_formalism" in flags_of(check_in)


def _escalation(body: str, upstream: Upstream, days: int | None) -> list[str]:
    flags, _ = EscalationDetector("层层加码", "rule").detect(
        make_task(body, deadline_days=days, upstream=upstream)
    )
    return [f.evidence for f in flags]


def test_reporting_three_times_a_day_escalates_a_daily_report_though_the_clause_names_a_patrol():
    upstream = Upstream("省防指", 1, "汛期各乡镇每日报送一次巡堤情况")
    body = "各镇：自即日起，每日上午、中午、晚上三次报送巡查人数和巡查堤段。"
    assert _escalation(body, upstream, 1) == ["每日"]
    same = "各镇：自即日起，每日一次报送巡查人数和巡查堤段。"
    assert _escalation(same, upstream, 1) == []


def test_day_counts_no_shorter_than_upstream_settle_a_date_in_the_body():
    upstream = Upstream("省民政厅", 90, "冬季探访，工作情况于次年3月底前报送")
    body = "各镇：冬季组织探访，请于3月15日前报送探访小结。"
    assert _escalation(body, upstream, 100) == []
    assert _escalation(body, upstream, None) == ["3月15日"]
