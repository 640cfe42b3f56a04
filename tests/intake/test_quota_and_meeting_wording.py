"""Quotas and meeting demands in wording the lexicon first missed, our own text: an app's
推广 counted in installs, shares bought in a cooperative (入股), principals told to be on site
(到场) and the meeting repeated back home (回去后再开)."""

from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task


def flags_of(body: str, title: str = "有关工作", sender: str = "县人民政府办公室") -> list[str]:
    return Screener(ITEMS).screen(make_task(body, title=title, sender=sender)).flag_codes


def test_an_app_promotion_target_is_a_quota():
    body = "各乡：防汛预警小程序推广任务数每乡3000人，按常住人口分配，月底前完成。"
    assert "forced_apportionment" in flags_of(body)


def test_promoting_a_farming_technique_by_area_is_no_quota():
    body = "各乡：今年推广稻田绿色防控技术不少于5000亩，请组织合作社实施。"
    assert "forced_apportionment" not in flags_of(body)


def test_shares_to_buy_in_a_cooperative_are_a_quota():
    body = "各乡：年底前每个乡要发展入股社员不少于80户，每户入股不低于300元，名单报县社。"
    assert "forced_apportionment" in flags_of(body, sender="县供销合作社联合社")


def test_principals_on_site_and_the_meeting_repeated_back_home_are_meeting_burden():
    on_site = "各乡：8月5日在县示范田开现场会，各乡乡长、分管副乡长都要到场。"
    assert "meeting_burden" in flags_of(on_site)
    repeated = (
        "各乡：请分管副乡长参加8月5日现场会，回去后各乡8月8日前再开乡级现场会，各村书记参加。"
    )
    assert "meeting_burden" in flags_of(repeated)
    deputy_only = "各乡：请分管副乡长参加8月5日现场会，会后不再另行召开乡级会议。"
    assert "meeting_burden" not in flags_of(deputy_only)


def test_sign_up_targets_and_turnout_per_place_are_quotas():
    signed = "各乡：重点人群签约率要达到80%以上，各乡签约任务数见附件，由乡政府负责完成。"
    assert "forced_apportionment" in flags_of(signed, sender="县卫生健康局")
    turnout = "各乡：每个助餐点日均就餐不能少于60人次，达不到的要写说明。"
    assert "forced_apportionment" in flags_of(turnout, sender="县民政局")


def test_a_purchase_task_per_township_and_meetings_cascaded_by_level():
    bought = "各乡：请组织干部职工认购年货礼包，本乡认购任务300份，每份198元。"
    assert "forced_apportionment" in flags_of(bought, sender="县供销社")
    cascade = "各乡：检查前街道要召开动员大会，各社区要召开部署会，形成街道、社区、商户三级联动。"
    assert "meeting_burden" in flags_of(cascade, sender="县消防救援大队")
