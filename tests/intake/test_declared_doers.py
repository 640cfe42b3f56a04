"""Who does an act, as the notice itself says it (our own wording): an act the notice attributes
to a county body ("采血和检测均由县中心完成") is that body's wherever else it is named; a county body
as the subject stays the doer with an adverb ("省厅将直接认定"); explaining a channel of paying
(代缴渠道) asks no payment; a title naming an act as the notice's topic ("…采样工作的通知") asks
none; costs or papers attributed to others ("鉴定费用由房主承担") declare nothing."""

from tests.intake.factories import asked_kinds as kinds


def test_an_act_the_notice_attributes_to_the_centre_is_its_own_elsewhere():
    body = (
        "县疫控中心下月开展免疫效果监测，你乡抽中两个村，每个村采集牛血样20份。"
        "采血、血清分离和检测均由县中心技术人员完成。请提前通知养殖户把牲畜圈好。"
    )
    assert "professional" not in kinds(body)
    without = "县疫控中心下月开展免疫效果监测，请你乡每个村采集牛血样20份，送县中心。"
    assert "professional" in kinds(without)


def test_the_township_named_as_the_doer_keeps_the_act():
    body = "检测由县中心负责。各乡自行采集水样，送县中心检测。"
    assert "professional" in kinds(body)


def test_costs_or_papers_attributed_to_others_declare_no_act():
    body = "请各乡组织人员逐栋开展房屋安全鉴定，鉴定费用由房屋所有人承担。"
    assert "professional" in kinds(body)


def test_a_county_subject_with_an_adverb_stays_the_doer():
    body = "图斑须在30日内核实完毕，对逾期未核实的图斑，省林业厅将直接认定为违法图斑。"
    assert "enforcement" not in kinds(body)


def test_explaining_a_channel_of_paying_on_anothers_behalf_is_no_payment():
    body = "请各乡宣传缴费标准和渠道，特别要向外出务工家庭讲清楚代缴渠道。"
    assert "payment" not in kinds(body)
    assert "payment" in kinds("请各乡先替外出务工人员代缴今年的医保费。")


def test_a_title_naming_sampling_work_names_the_topic():
    assert kinds("关于开展春季免疫效果监测采样工作的通知", field="title") == set()


def test_a_recipient_described_by_what_is_done_is_no_done_clause():
    body = "请各乡先从乡级财政资金中按每户补助标准垫付给已竣工改造户，待县级资金到位后拨还。"
    assert "payment" in kinds(body)
    assert "enforcement" not in kinds("该案已经立案。")
