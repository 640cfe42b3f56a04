"""Wording met in H25 and H26 (studied after their blind scores), in our own text: 工作照常 is no
work photo, questionnaires per community are a quota, a warning letter (告诫书) issued by the
township is enforcement, and a weekly meeting chaired by principals with its purpose named is a
meetings-only notice."""

from jiceng.intake.decision import concluding_rule
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, make_task


def screen(body: str, title: str = "有关工作"):
    return Screener(ITEMS).screen(make_task(body, title=title))


def test_work_going_on_as_usual_is_no_work_photo():
    body = "各乡：请组织村庄保洁，房前屋后卫生死角月底前清完。村级保洁工作照常开展，不另行部署。"
    assert "excessive_traces" not in screen(body).flag_codes
    assert "excessive_traces" in screen("各乡：每次保洁后上传工作照两张。").flag_codes


def test_questionnaires_per_community_are_a_quota():
    body = "各乡：满意度入户问卷下周启动，请各社区按每社区200份组织居民填写，填好后统一收回。"
    assert "forced_apportionment" in screen(body).flag_codes


def test_a_warning_letter_issued_by_the_township_is_enforcement():
    body = "对拒不配合、多次预警的，由街道出具《反诈告诫书》送达本人。"
    assert "enforcement" in asked_kinds(body)


def test_a_weekly_meeting_chaired_by_principals_with_its_purpose_is_meetings_only():
    body = (
        "各乡：为加快村庄环境卫生整治进度，从下周起各乡每周一上午召开一次整治推进会，由乡主要领导"
        "主持，各村书记全部参加。会议纪要、签到表和会场照片当天报县里。"
    )
    r = screen(body, title="整治推进会")
    assert "meeting_burden" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_fisheries_units_and_the_overseas_chinese_office_stand_for_their_departments():
    from jiceng.intake.departments import DepartmentMatcher

    d = DepartmentMatcher()
    assert d.plausible_lead("县渔政执法大队", "县农业农村局") is True
    assert d.plausible_lead("县水产技术推广站", "县农业农村局") is True
    assert d.plausible_lead("县侨务办公室", "县委统战部") is True
    assert d.plausible_lead("县侨务办公室", "县农业农村局") is False


def test_funds_raised_or_advanced_by_the_township_are_payment():
    assert "payment" in asked_kinds(
        "该段工程由城西镇负责组织施工，并先行筹措工程配套资金约300万元。"
    )
    assert "payment" in asked_kinds("请镇里按县局初步测算标准先行垫付补偿款，与养殖户签订协议。")
    assert "payment" in asked_kinds("苗木采购、种植用工和三年管护费用由镇自筹解决。")


def test_a_risk_assessment_of_patients_put_on_the_township_is_professional_work():
    body = "请各乡于月底前组织对辖区在册严重精神障碍患者逐一开展危险性评估，按0至5级评定。"
    assert "professional" in asked_kinds(body)


def test_a_plaque_stuck_up_in_each_lift_with_a_photo_of_each_is_formalism():
    body = "各乡：每部电梯轿厢里统一张贴“电梯安全管理责任牌”，写明包保责任人，贴好后每部拍照回传。"
    codes = screen(body).flag_codes
    assert "signboard" in codes and "excessive_traces" in codes
    sticker = "各乡：排查过的房屋张贴“已排查”标识。"
    assert "signboard" not in screen(sticker).flag_codes


def test_the_district_bureau_testing_later_leaves_the_township_its_follow_up():
    body = "请各乡通知业主先自查加固，后面区局组织检测单位上门复核，复核发现问题的请乡里跟踪整改。"
    assert "professional" not in asked_kinds(body)


def test_a_decision_made_earlier_and_the_squads_own_demolition_are_not_asked():
    body = "该处违建已作出限期拆除决定，当事人逾期未拆，请乡里在拆除前再做一次当事人工作。"
    assert "enforcement" not in asked_kinds(body)


def test_a_selfie_demanded_as_proof_is_a_trace():
    body = "各乡：劝导员每天上岗后在APP上打卡，同时上传一张本人在路口的自拍照。"
    assert "excessive_traces" in screen(body).flag_codes


def test_a_survey_sample_or_samples_taken_per_village_are_no_quota():
    survey = "各乡：每个村随机抽取40户农户，由村干部入户发放并回收问卷，问卷内容包括家庭收入。"
    assert "forced_apportionment" not in screen(survey).flag_codes
    samples = "各乡：请防疫员每个村采20份禽血清样，送县动物疫控中心检测。"
    assert "forced_apportionment" not in screen(samples).flag_codes
