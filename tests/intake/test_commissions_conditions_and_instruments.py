"""Wording met in H27 and H28 (studied after their blind scores), in our own text: a legal
instrument named after the act ("责令改正通知书") is the act, not the topic of a notice; the
township commissioning a firm itself ("自行委托有资质的检测公司") does the work; an act named in a
condition whose next clause is the department's ("如果需要立案，我们再派人过去") is the department's;
costs the township is to bear first (先行承担); warning signs at a hazard, statistical returns
signed by the law's own rule and a county building project are none of them formalism."""

from tests.intake.factories import asked_kinds, flags_of


def test_an_instrument_named_after_the_act_is_the_act():
    assert "enforcement" in asked_kinds("请各乡对发现问题的店铺当场开具《责令限期改正通知书》。")
    assert "enforcement" not in asked_kinds("请各乡认真学习执法检查安排的通知。")


def test_commissioning_a_firm_itself_is_doing_the_work():
    body = "请各乡自行委托有资质的检测公司对辖区桥梁逐座检测，报告月底前报县局。"
    assert "professional" in asked_kinds(body)
    assert "professional" not in asked_kinds("桥梁检测由县局委托检测公司负责，请各乡配合。")


def test_an_act_named_in_a_condition_is_the_next_clauses_doers():
    body = "请各乡先上门劝导，如果需要立案，我们再派执法人员过去。"
    assert "enforcement" not in asked_kinds(body)
    assert "enforcement" in asked_kinds("请各乡先上门劝导，对劝导无效的，请各乡立案。")


def test_costs_the_township_is_to_bear_first_are_a_payment():
    assert "payment" in asked_kinds("今年抢修的材料和人工费用由各乡先行承担，年底视情况补助。")


def test_warning_signs_at_a_hazard_are_no_signboard():
    assert "signboard" not in flags_of("请各乡在水库边补设警示标牌，组织人员巡查劝导。")
    assert "signboard" in flags_of("请各乡在村部悬挂调解室标牌，月底前完成。")


def test_a_statistical_return_signed_by_its_filler_is_no_trace():
    body = "请各乡按统计制度报送季度报表，报表须经填报人和单位负责人签字并加盖公章。"
    assert "excessive_traces" not in flags_of(body)
    assert "excessive_traces" in flags_of("请各乡入户走访，走访记录须由户主签字并加盖公章。")


def test_a_county_building_project_is_no_station_to_build():
    body = "今年县里的商业建设项目拟支持一批村级服务站，请各乡推荐两个站点。"
    assert "signboard" not in flags_of(body)
    assert "signboard" in flags_of("请各乡在每个村建设一个便民服务站，月底前完成。")
