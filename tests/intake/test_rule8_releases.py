"""Rule 8 cases the flags must leave alone, in our own wording: a principal the sender releases
from a meeting, a signature the duty list's own township_role prescribes, and videos the township
is told to share (an online-interaction quota, not a recording it makes)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task

SUBSIDY = DutyItem(
    "G-PH-01",
    Category.COOPERATING,
    "农业农村",
    "稻谷补贴面积核实",
    "县农业农村局核定稻谷种植补贴面积和标准。",
    "《稻谷补贴实施办法》",
    "县农业农村局",
    "组织村组核实农户种植面积；在村组张榜公示；由农户在面积核实表上签字；汇总上报。",
)


def flags_of(body: str, *, title: str, sender: str, items=ITEMS) -> list[str]:
    return Screener(items).screen(make_task(body, title=title, sender=sender)).flag_codes


def test_a_principal_released_from_the_meeting_is_no_meeting_burden():
    for ask in (
        "请各乡分管副乡长参加本周五的全县森林防火部署会，主要领导不必参会。",
        "请各乡分管副乡长参加本周五的全县森林防火部署会，会议不要求主要负责人参加。",
    ):
        assert "meeting_burden" not in flags_of(ask, title="防火部署会", sender="县林业局")


def test_a_principal_required_to_attend_still_is():
    ask = "请各乡党委书记、乡长本人参加本周五的全县森林防火部署会并作表态发言。"
    assert "meeting_burden" in flags_of(ask, title="防火部署会", sender="县林业局")


def test_a_signature_the_items_role_prescribes_is_the_duty_not_a_trace():
    body = (
        "各乡镇：今年稻谷补贴面积核实开始，请组织村组逐户核实种植面积，张榜公示7天，"
        "无异议后让每户户主在面积核实表上签字，月底前汇总报我局。"
    )
    codes = flags_of(body, title="稻谷补贴面积核实", sender="县农业农村局", items=[SUBSIDY])
    assert "excessive_traces" not in codes
    extra = body.replace("汇总报我局。", "汇总报我局。另外每户核实时拍摄3张户主手持核实表的合影。")
    codes = flags_of(extra, title="稻谷补贴面积核实", sender="县农业农村局", items=[SUBSIDY])
    assert "excessive_traces" in codes, "a photo the role does not ask for is still a trace"


def test_videos_to_share_are_a_quota_not_a_recording():
    body = (
        "各乡：请组织乡村干部每人每周点赞、转发县里的乡村旅游宣传视频不少于5次，"
        "每周五把转发截图报县文旅局。"
    )
    codes = flags_of(body, title="旅游宣传", sender="县文化和旅游局")
    assert "excessive_traces" not in codes and "forced_apportionment" in codes
    recorded = "各乡：每次巡河须录制巡河视频不少于3分钟，留存备查。"
    assert "excessive_traces" in flags_of(recorded, title="巡河", sender="县水利局")


def test_a_signature_on_an_authorisation_is_a_legal_document():
    body = "各乡：请收集申请户的核对授权书，家庭成年人须本人签字按手印，不能代签，月底前报县里。"
    assert "excessive_traces" not in flags_of(body, title="授权书收集", sender="县民政局")


def test_a_photo_for_each_stage_and_sets_of_ledgers_are_traces():
    body = "各乡：组织统一灭鼠，每个投药点拍投药前、投药后照片各1张，另填投药台账四套装盒上报。"
    assert "excessive_traces" in flags_of(body, title="灭鼠", sender="县爱卫办")


def test_a_creation_contest_to_enter_is_a_creation_activity():
    body = "各乡：县局决定开展特色文化站创建评选，各乡须申报参加，下月迎接评审组验收。"
    assert "creation_activity" in flags_of(body, title="文化站", sender="县文化和旅游局")


def test_signing_in_at_the_meeting_place_is_no_app_check_in():
    body = "各乡：请分管副乡长参加周三防汛部署会，参会人员请提前15分钟到场签到。"
    assert "digital_formalism" not in flags_of(body, title="部署会", sender="县防办")


def test_a_photo_at_each_stage_per_place_is_a_trace():
    body = "各乡：清理前、清理后每个点位各拍一张，每天报县里。"
    assert "excessive_traces" in flags_of(body, title="岸滩清理", sender="县湾长办")


def test_videos_contributed_as_media_content_are_no_trace():
    body = "各乡：从下月起每月向县融媒体中心供稿不少于4篇、短视频不少于2条。"
    assert "excessive_traces" not in flags_of(body, title="供稿", sender="县融媒体中心")


def test_the_townships_monthly_upkeep_of_equipment_is_no_inspection_burden():
    body = "各乡：请明确专人每月对警报器进行一次通电检查和保养，发现故障及时报修。"
    assert "inspection_burden" not in flags_of(body, title="警报器维护", sender="县人防办")


def test_a_station_the_items_own_content_names_is_no_signboard_demand():
    item = DutyItem(
        "G-JB-02",
        Category.BASIC,
        "禁毒",
        "社区戒毒康复帮扶",
        "设立社区戒毒社区康复工作站，与戒毒人员签订协议，落实帮扶措施。",
        "《禁毒法》第三十四条",
        "乡镇",
        "",
    )
    body = (
        "各乡：尚未设立工作站的，请依法设立社区戒毒社区康复工作站，明确专职人员，不要求新建场所。"
    )
    codes = flags_of(body, title="工作站建设", sender="县禁毒办", items=[item])
    assert "signboard" not in codes


def test_reporting_the_progress_of_checks_is_no_inspection():
    body = "各乡：专项检查期间每半月报送一次检查进展，专项结束后书面报送一次。"
    assert "inspection_burden" not in flags_of(body, title="专项检查", sender="县市场监督管理局")


def test_a_plaque_the_matched_item_is_about_is_no_signboard_demand():
    item = DutyItem(
        "G-JB-03",
        Category.BASIC,
        "退役军人",
        "光荣牌悬挂",
        "为辖区烈属、军属和退役军人家庭悬挂光荣牌，建立悬挂台账。",
        "《退役军人保障法》",
        "乡镇",
        "",
    )
    body = "各乡：请在春节前为新入伍军人家庭悬挂光荣牌，并更新悬挂台账，不另行组织仪式。"
    codes = flags_of(body, title="光荣牌", sender="县退役军人事务局", items=[item])
    assert "signboard" not in codes
    other = "各乡：请各村统一悬挂“文明示范村”标牌，制度上墙。"
    assert "signboard" in flags_of(other, title="挂牌", sender="县文明办", items=[item])


def test_recordings_and_evening_photos_per_case_are_traces():
    body = "各乡：每件诉求办结后须上传回访通话录音和经居民签字的满意确认单。"
    assert "excessive_traces" in flags_of(body, title="诉求办理", sender="县供热办")
    evening = "各乡：每个走访干部每晚9点前在群里报当天户数，附入户照片和定位截图。"
    assert "excessive_traces" in flags_of(evening, title="走访", sender="县乡村振兴局")
