"""Each formalism flag fires on a paraphrased demand, carries a correct evidence span, and stays
silent on the traps of label rule (8)."""

import pytest

from jiceng.intake.flags import FlagDetector

from .factories import ITEMS_BY_ID

detector = FlagDetector()


def codes(body: str, item_id: str | None = None) -> set[str]:
    item = ITEMS_BY_ID[item_id] if item_id else None
    return {f.code for f in detector.detect_text("body", body, item)}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("每次巡访须与老人合影留存，月底统一报乡里。", "excessive_traces"),
        ("入户核实时请拍摄现场照片不少于8张，并录制入户视频一段。", "excessive_traces"),
        ("登记表每一页都要由本人签字并按手印。", "excessive_traces"),
        ("各村须按人头完成APP下载任务，每户不少于2人注册。", "forced_apportionment"),
        ("请各村组织不少于200名群众到场观看启动仪式。", "forced_apportionment"),
        ("每个村民小组订阅年画不少于30份，款项月底前上缴。", "forced_apportionment"),
        ("县里将不定期组织暗访，结果全县通报。", "inspection_burden"),
        ("整治期间分四轮开展督查，每轮调阅全部台账。", "inspection_burden"),
        ("请各村申报文明示范户，县里年底组织评比。", "creation_activity"),
        ("年内各村实现“卫生户”创建全覆盖，县里验收。", "creation_activity"),
        ("请各村对照标准开展“无烟村”创建，年底前报送资料。", "creation_activity"),
        ("各村统一悬挂服务站牌子，制度上墙。", "signboard"),
        ("每村须落实不少于20平方米的独立用房。", "signboard"),
        ("请与每户签订安全承诺书，出现事故的村实行一票否决。", "pledge_veto"),
        ("网格员每天早晚在工作群内发送定位打卡截图。", "digital_formalism"),
        ("请乡党委书记、乡长带队参加，不得请假。", "meeting_burden"),
        ("会后当天各乡要层层召开会议传达，村干部全员参加。", "meeting_burden"),
    ],
)
def test_flag_fires(body: str, code: str) -> None:
    found = detector.detect_text("body", body)
    assert code in {f.code for f in found}
    for f in found:
        assert body[f.start : f.end] == f.evidence
        assert f.field == "body"
        assert f.rule


@pytest.mark.parametrize(
    ("body", "item_id"),
    [
        # a photo of a specific hazard, for the expert who will assess it
        ("发现墙体开裂的，请对开裂部位拍照后报送，并附隐患部位照片。", None),
        ("对发现的违规充电隐患点位拍照，报告县消防救援大队。", None),
        # ... each hazard found, or each parcel, photographed (one photo, or before and after)
        ("每发现一处积水隐患，拍一张现场照片并注明位置，汇总后报县里。", None),
        ("每块地翻耕前后各拍一张照片，汇总报镇农业站。", None),
        # a signature on a legal document, contract or payout roster
        ("请补齐补偿协议上的申请人签字并加盖村委会公章。", None),
        ("补贴发放花名册须由领取人签字确认。", None),
        ("请组织农户在补助资金领取确认清册上签字并按手印。", None),
        ("救灾物资发放时，请群众在领取名册上签字按手印。", None),
        ("责任文书须由户主本人签字按手印，一式三份。", None),
        # a screenshot the sender provides, not one it demands
        ("现将本期疑似图斑（附坐标和影像截图）转去，请到现场核实。", None),
        ("疑似点位的坐标和截图已经发你们邮箱了，麻烦带人去现场看看。", None),
        # a one-off necessary meeting for the responsible deputy
        ("定于下周二召开征兵工作会议，请分管负责人和武装部长参加。", None),
        # a villagers' meeting the law requires for a village matter
        ("请两村分别召开村民代表会议，讨论通过合村方案。", None),
        # a data request genuinely needed once
        ("请于本月20日前一次性报送民兵整组名册。", None),
        # a station the law itself requires (named on the duty list)
        ("请规范运行退役军人服务站，做好走访慰问。", "F-JB-07"),
        # the sender forbids the thing rather than asking it
        ("本次工作不得要求村里签订承诺书，不搞评比排名。", None),
        ("倡议干部职工自愿捐款，不设指标。", None),
        # an ordinary patrol is not an inspection burden
        ("请各村每周开展一次环境卫生巡查。", None),
    ],
)
def test_traps_not_flagged(body: str, item_id: str | None) -> None:
    assert codes(body, item_id) == set()


def test_a_screenshot_the_township_must_attach_is_still_demanded() -> None:
    assert "digital_formalism" in codes("每天在群里报当天认证人数，并附系统截图。")


def test_station_not_on_the_list_is_a_signboard_demand() -> None:
    body = "请各村建设乡贤服务站，统一悬挂标识。"
    assert "signboard" in codes(body, "F-JB-07")


def test_materials_for_an_inspection_are_that_inspection_burden_only() -> None:
    body = "迎检前请提供近三年全部会议记录和整改照片，县里检查后打分排名。"
    assert codes(body) == {"inspection_burden"}


def test_rankings_inside_an_app_are_digital_not_inspection() -> None:
    body = "平台每天按村统计在线率并在群里排名。"
    assert codes(body) == {"digital_formalism"}


def test_calibration_can_switch_a_pattern_off() -> None:
    body = "每次巡访须与老人合影留存。"
    hits = detector.pattern_hits("body", body)
    assert ("excessive_traces", 0) in hits
    quiet = FlagDetector(disabled=[h for h in hits if h[0] == "excessive_traces"])
    assert "excessive_traces" not in {f.code for f in quiet.detect_text("body", body)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # on-site photos that must go through a chat group: both flags (README convention)
        (
            "请各村保洁员每天早上在保洁群里打卡，并发上岗照片。",
            {"digital_formalism", "excessive_traces"},
        ),
        ("每次巡河须拍摄3张以上照片，当天上传至“河长”工作群。", {"digital_formalism"}),
        # a participation count imposed on an online quiz is an apportioned quota
        ("各乡参与网上答题人数不少于1500人，完成情况每周通报。", {"forced_apportionment"}),
        ("请对辖区参保情况进行摸底，参保率不低于97%，任务分解到村。", {"forced_apportionment"}),
    ],
)
def test_paraphrased_cases_flag(body: str, expected: set[str]) -> None:
    assert expected <= codes(body)


def test_inspection_by_others_in_the_past_is_background() -> None:
    assert "inspection_burden" not in codes(
        "从上级暗访情况看，部分村仍有卫生死角。请各乡组织清理。"
    )


def test_sending_a_list_through_a_group_is_not_digital_formalism() -> None:
    assert "digital_formalism" not in codes("请将排查出的隐患清单发送到工作群，由县局统一处置。")


def test_traces_demanded_after_every_activity_are_not_absorbed_by_a_later_check() -> None:
    body = "每场宣讲结束后两日内，各村须上传签到表、不少于5张现场照片，县里每月抽查上传情况并通报。"
    assert codes(body) == {"excessive_traces", "inspection_burden"}


def test_materials_for_the_check_itself_are_the_check_s_burden() -> None:
    body = "整治期间县里分两轮开展督查，每轮督查均需各乡提供全部台账原件和佐证材料。"
    assert codes(body) == {"inspection_burden"}


def test_ledgers_furnishing_a_demanded_room_are_the_signboard_s_burden() -> None:
    body = "各村统一悬挂调解室牌子，制度上墙并配齐5本工作台账。"
    assert codes(body) == {"signboard"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # head-count quotas passed down: forced apportionment
        ("今年各乡参加体检宣传日的献血人数不少于80人，未完成的通报。", {"forced_apportionment"}),
        ("请动员群众注册政务APP，注册人数不低于户籍人口的70%。", {"forced_apportionment"}),
        # check-ins posted to a group every few hours, or a photo posted per visit
        (
            "夜间值守人员每3小时在防汛值班群里发一次定位和现场视频。",
            {"digital_formalism", "excessive_traces"},
        ),
        (
            "每慰问一户请在工作群发一张与老人的合影。",
            {"digital_formalism", "excessive_traces"},
        ),
        ("培训现场照片和签到表当晚发群里。", {"digital_formalism", "excessive_traces"}),
        # per-unit photos of routine work, duplicate ledgers
        (
            "每核查一户，须拍摄干部与户主同框照片，并建立纸质和电子台账各一套。",
            {"excessive_traces"},
        ),
        # the principal made to speak at a meeting because of a ranking
        ("得分末位的乡由乡党委书记在全县大会上作表态发言。", {"meeting_burden"}),
        # a target passed down raised by a stated margin
        ("市里下达的任务县里按上浮15%分解到各乡。", {"escalation"}),
    ],
)
def test_generalised_cues_flag(body: str, expected: set[str]) -> None:
    assert expected <= codes(body)


@pytest.mark.parametrize(
    "body",
    [
        # photos of each checked patch or parcel are evidence of that check
        "请逐个核实下发的疑似违法图斑，每个图斑附现场照片和相关佐证材料。",
        # the deputy in charge at a one-off meeting
        "定于周三召开秋粮收购调度会，请分管副乡长在分会场参加，时长半小时。",
        # leave is stopped during someone else's check, not a meeting
        "检查期间乡领导班子成员不得请假外出。",
        # the township's own weekly patrol of equipment is not an inspection of it
        "请安排人员每周巡检一次水位监测点，检查供电是否正常。",
        # a signed pledge's thumbprints are the pledge's burden, not a separate trace
        "由户主在防火承诺书上签字并按手印。",
        # a county release named in the notice is not a photo demand
        "“县融媒”发布的防诈短视频请在村民微信群宣传。",
    ],
)
def test_generalised_traps_not_flagged(body: str) -> None:
    found = codes(body)
    assert "excessive_traces" not in found
    assert "meeting_burden" not in found
    assert "inspection_burden" not in found
    assert "digital_formalism" not in found


@pytest.mark.parametrize(
    "body",
    [
        # the county's own standing among counties, as the reason for the work
        "我县去年在全市禁毒考核中排名靠后，请各镇加强戒毒人员帮扶。",
        "为确保我市在全省检查中排名前列，请各乡镇做好宣传工作。",
        # the township checking equipment, not the township being checked
        "请各镇每月检查一次应急发电设备运行情况，填写巡检表。",
        "防汛器材每月检查一次，损坏的及时更换。",
    ],
)
def test_rankings_and_checks_that_are_not_an_inspection_of_the_township(body: str) -> None:
    assert "inspection_burden" not in codes(body)


@pytest.mark.parametrize(
    "body",
    [
        "县里每月检查一次各镇禁毒工作，检查结果全县排名。",
        "县督查组每周抽查各乡镇器材管理情况并打分排名。",
    ],
)
def test_the_township_checked_and_ranked_is_still_an_inspection_burden(body: str) -> None:
    assert "inspection_burden" in codes(body)


@pytest.mark.parametrize(
    "body",
    [
        # the county's own standing among counties
        "省里通报我县平台注册进度排名靠后，请各镇加大政策宣传力度。",
        # 发 of 发现 sends nothing; the platform pushes the alerts to the county
        "依托视频监控发现疑似火点后通过省级平台推送至县，请各镇安排人员到场核实。",
    ],
)
def test_what_is_not_a_chat_or_app_demand_on_the_township(body: str) -> None:
    assert "digital_formalism" not in codes(body)


def test_photos_sent_to_a_platform_are_still_an_app_demand() -> None:
    assert "digital_formalism" in codes("请各村每天把巡查照片发到县巡查平台。")


def test_a_villagers_meeting_that_only_relays_is_still_a_cascade() -> None:
    assert "meeting_burden" in codes("请各村分别召开村民代表会议传达县里会议精神。")


def test_a_listed_station_dressed_up_to_a_uniform_look_is_a_signboard_demand() -> None:
    # the station itself is the duty (rule 8); uniform plaques and an honour wall for it are not
    assert codes("请规范运行退役军人服务站，做好走访慰问。", "F-JB-07") == set()
    dressed = "各退役军人服务站须统一更换门头标牌、制作荣誉墙，县里逐站验收。"
    assert "signboard" in codes(dressed, "F-JB-07")
