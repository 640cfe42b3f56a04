"""Wording met in the validation county H21, in our own text: 排查封填 is no 查封; a photo with the
coordinates of each thing filled in, or the photo an applicant brings along, is no trace demand;
an evaluation opinion issued by the township is professional work; co-funding a project share is
payment; a third round of 回头看 is a repeated inspection; a survey's leading-group office and an
agricultural-product testing centre stand for their departments."""

from jiceng.intake.departments import DepartmentMatcher
from tests.intake.factories import asked_kinds as kinds
from tests.intake.factories import flags_of


def test_checking_and_filling_in_old_wells_is_no_seizure():
    assert "enforcement" not in kinds(
        "请各乡对辖区废弃机井开展一次排查封填，废弃的按技术要求回填封堵。"
    )
    assert "enforcement" in kinds("请各乡对违规经营的冷库依法查封。")


def test_photos_of_each_well_with_its_coordinates_and_an_applicants_photo_are_no_traces():
    wells = "各乡：每眼井封填前后各拍一张照片并标注井位坐标，存入机井档案。"
    assert "excessive_traces" not in flags_of(wells)
    applicant = "各乡：请通知已提交申请的人员携带身份证、照片和病历按时到县医院评定。"
    assert "excessive_traces" not in flags_of(applicant)
    assert "excessive_traces" in flags_of(
        "各乡：每户入户核实时拍户主手持身份证合影两张，打包报县局。"
    )


def test_an_evaluation_opinion_issued_by_the_township_is_professional_work():
    body = "请各乡委托有资质的机构对养殖场排放口取样监测，根据监测结果对各养殖场出具达标评价意见。"
    assert "professional" in kinds(body)


def test_co_funding_a_projects_share_is_payment():
    body = "项目资金缺口部分由城西镇按总投资30%配套，于开工前拨付至项目专户。"
    assert "payment" in kinds(body)


def test_a_third_round_of_look_back_is_a_repeated_inspection():
    body = "各乡：县安委办决定开展第三轮“回头看”，县督导组下周再次下沉各乡随机抽查企业。"
    assert "inspection_burden" in flags_of(body)


def test_a_surveys_office_and_a_product_testing_centre_stand_for_their_departments():
    d = DepartmentMatcher()
    assert d.plausible_lead("县全国1%人口抽样调查领导小组办公室", "县统计局") is True
    assert d.plausible_lead("县农产品质量安全检验检测中心", "县农业农村局") is True


def test_a_sender_denying_any_quota_sets_none():
    body = "各乡：请宣传城乡居民养老保险缴费档次和补贴政策。本次不下达参保缴费任务数，不排名。"
    assert "forced_apportionment" not in flags_of(body)
    assert "forced_apportionment" in flags_of("各乡：每个村参保缴费任务数不少于300人，月底排名。")


def test_swabs_and_an_epidemiological_survey_put_on_the_township_are_professional_work():
    assert "professional" in kinds("请乡里立即采集病例和密切接触者咽拭子送县疾控中心检测。")
    assert "professional" in kinds("请乡里立即组织人员对发病学生家庭逐户开展流行病学调查。")
