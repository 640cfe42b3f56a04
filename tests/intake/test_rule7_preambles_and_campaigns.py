"""Label rule 7 in long notices and campaign titles (our own wording): the preamble before
"现将有关事项通知如下" and recitals ("是…的重要举措", "做了大量工作") ask no work; a section on how
results are used belongs to the inspection; a title naming one creation twice, a pledge campaign
named without the document, and a meeting-only chat message are formalism at their core."""

from jiceng.intake.decision import concluding_rule
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task


def screen(body: str, title: str = "关于做好有关工作的通知", sender: str = "县人民政府办公室"):
    return Screener(ITEMS).screen(make_task(body, title=title, sender=sender))


_INSPECTION_ONLY = (
    "一、督查方式。整治期间，县里每周组织督查组到各乡开展暗访，随机抽取村庄查看保洁和垃圾清运情况并打分。"
    "二、考评办法。每周评分，每月排名，排名末位的乡由县里约谈分管领导。"
    "三、结果运用。督查考评结果作为年度考核的重要依据，与专项资金分配挂钩。"
)


def test_a_preamble_reciting_the_work_under_way_asks_none():
    body = (
        "各乡人民政府：县里已于5月部署村庄环境卫生整治行动，各乡已按照整治方案对房前屋后卫生死角"
        "开展整治，整治任务以原方案为准。行动开展以来，村庄环境有所好转，但仍有个别村垃圾清运不及时。"
        "为确保整治取得实效，现将督查考评有关事项通知如下。" + _INSPECTION_ONLY
    )
    r = screen(body, title="关于开展村庄环境卫生整治督查考评的通知")
    assert "inspection_burden" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_recitals_of_importance_and_past_work_ask_none():
    body = (
        "各乡人民政府：推进村庄环境卫生整治，是改善农村群众生产生活条件、建设宜居乡村的重要举措。"
        "近年来，各乡在村庄保洁和垃圾清运方面做了大量工作，但进展不平衡。县里决定建立常态化督查机制："
        + _INSPECTION_ONLY
    )
    r = screen(body, title="关于建立村庄环境卫生整治常态化督查机制的通知")
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_the_same_notice_asking_work_of_its_own_is_revised():
    body = (
        "各乡人民政府：为做好村庄环境卫生整治，现将有关事项通知如下。"
        "一、请各乡组织村庄保洁员在本月底前清运房前屋后积存垃圾，整治卫生死角。" + _INSPECTION_ONLY
    )
    assert screen(body).decision == "revise"


def test_a_title_naming_one_creation_twice_is_the_creation():
    body = (
        "各乡：县里决定开展示范乡镇、示范村创建，请各乡积极申报。"
        "请各乡组织各村对照创建标准，做好村庄保洁、垃圾清运和卫生死角整治。"
    )
    r = screen(body, title="关于开展村庄环境卫生示范乡镇、示范村创建活动的通知")
    assert "creation_activity" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_a_pledge_campaign_named_without_the_document_is_a_pledge():
    body = "各乡：请组织各村在月底前完成家庭防火“一户一承诺”，做到户户签、人人签，签订率达到100%。"
    r = screen(body, title="关于开展家庭防火“一户一承诺”活动的通知", sender="县消防救援大队")
    assert "pledge_veto" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_a_chat_message_calling_principals_to_a_site_meeting_and_nothing_else():
    body = (
        "@各乡党委书记 @各乡乡长 下周三全县村庄环境卫生整治现场观摩会，在城西镇开，"
        "各乡党政主要领导必须到场，不得代会。会后各乡当天召开村级会议传达会议精神。"
    )
    r = screen(body, title="整治现场观摩会")
    assert "meeting_burden" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_a_ranking_leading_to_a_talk_is_no_inspection_of_its_own():
    # rankings produced by inspections are inspection_burden; a progress ranking with 约谈 is not
    body = (
        "各乡：请组织各村整治村庄环境卫生死角，县里每月汇总各村整治进度排名，"
        "排名靠后的村由乡里约谈村书记。"
    )
    assert "inspection_burden" not in screen(body).flag_codes


def test_the_consequences_of_a_ranking_ask_no_work():
    body = (
        "各乡：自本月起县里每周组织督查组到各乡开展暗访，查看村庄保洁和垃圾清运情况并打分。"
        "连续两次排名末位的乡，由分管县领导约谈乡主要负责人。"
    )
    r = screen(body, title="关于建立村庄环境卫生整治暗访机制的通知")
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_who_pays_for_a_demanded_room_is_no_work_beside_it():
    body = (
        "各乡：请在乡里建设不少于20平方米的“环境整治工作室”，统一悬挂县里设计的牌匾。"
        "建设经费由各乡自行解决。"
    )
    r = screen(body, title="关于加强村庄环境卫生整治阵地建设的通知")
    assert "signboard" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)


def test_a_weekly_meeting_that_principals_may_not_delegate_is_meetings_only():
    body = (
        "各乡：从本周起，每周一上午召开全县村庄环境卫生整治调度会，各乡党委书记、乡长都必须到会"
        "汇报上周进展，不得委托他人。各乡也要每周召开乡级调度会，村支书全部参加。"
    )
    r = screen(body, title="整治调度会安排")
    assert "meeting_burden" in r.flag_codes
    assert (r.decision, concluding_rule(r.reasons)) == ("reject", 7)
