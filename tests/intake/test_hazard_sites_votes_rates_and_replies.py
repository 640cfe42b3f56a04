"""Flag wording met in H21, H29 and H30, in our own text: photos demanded daily at each registered
hazard site prove the patrol (a 隐患点 is a place, not a hazard found); votes to canvass (至少拉N票)
and a coverage rate set for the township (参保率是N%) are quotas; households an inspection samples
per village are none; a reply posted in a group, or photos uploaded to an online platform, are
digital formalism."""

from tests.intake.factories import flags_of


def test_photos_daily_at_each_hazard_site_are_a_trace():
    body = "请各乡组织巡查员每天巡查，每个隐患点每天上传不少于3张现场照片。"
    assert "excessive_traces" in flags_of(body)
    specific = "请各乡组织巡查员巡查，对每处隐患拍照留存，作为整改依据。"
    assert "excessive_traces" not in flags_of(specific)


def test_votes_to_canvass_per_cadre_are_a_quota():
    assert "forced_apportionment" in flags_of("请各乡发动干部为参评项目投票，每名干部至少拉30票。")


def test_a_coverage_rate_set_for_the_township_is_a_quota():
    body = "请各乡入户宣传参保政策。县里给各乡定的参保率是97%，达不到的年底考核扣分。"
    assert "forced_apportionment" in flags_of(body)


def test_households_an_inspection_samples_per_village_are_no_quota():
    body = "县里下月组织交叉检查，每个村检查不少于15户农户庭院，请各乡做好准备。"
    assert "forced_apportionment" not in flags_of(body)


def test_a_reply_posted_in_the_group_is_a_chat_check_in():
    body = "请各村用大喇叭播放寒潮预警，播完每个村都要在群里回复“已播”。"
    assert "digital_formalism" in flags_of(body)


def test_photos_uploaded_to_an_online_platform_are_digital_formalism():
    body = "请各乡组织网格员入户采集信息，网格员与住户合影，照片一并上传“平安乡村”平台。"
    assert "digital_formalism" in flags_of(body)
