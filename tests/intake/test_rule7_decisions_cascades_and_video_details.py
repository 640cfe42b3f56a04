"""Rule 7 (the task's core is itself formalism), in our own wording (met in H22): the sender's
own decision to launch a campaign ("县X办决定开展…建设") asks no work; meetings relayed level by
level (逐级传达) and their records sent up are still only meetings; a clause saying what a demanded
video must show is part of that check-in."""

from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task


def decision_of(body: str, title: str = "关于做好有关工作的通知") -> str:
    return Screener(ITEMS).screen(make_task(body, title=title)).decision.value


def test_a_signboard_campaign_the_sender_decided_is_rejected():
    body = (
        "各乡人民政府：为营造村庄环境卫生整治氛围，县爱卫办决定开展村级卫生整治阵地建设。"
        "请各乡：一、每个村设立“卫生整治工作站”，统一悬挂县里制作的标牌；"
        "二、工作站须有独立办公室，制度上墙；三、各乡于月底前完成建设，县爱卫办将组织验收。"
    )
    assert decision_of(body) == "reject"
    with_work = body.replace("请各乡：", "请各乡组织村庄保洁，清运房前屋后垃圾；")
    assert decision_of(with_work) == "revise"


def test_meetings_relayed_level_by_level_are_only_meetings():
    body = (
        "各乡人民政府：为压实村庄环境卫生整治责任，县爱卫办决定开展环境整治“周周会”活动。"
        "一、每周一召开县环境卫生整治视频会，各乡党委书记、乡长必须参加；"
        "二、各乡每周二召开乡级会议，各村每周三召开村级会议，逐级传达；"
        "三、各级会议留存会议记录，每月汇总报县爱卫办。"
    )
    assert decision_of(body) == "reject"


def test_what_a_demanded_video_must_show_is_part_of_the_check_in():
    body = (
        "各乡：村庄环境卫生整治期间，保洁员每天早晚两次在县环境整治群发送保洁视频打卡，"
        "视频须显示保洁员正脸和清扫后的路面，县里每天通报未打卡人员。"
    )
    assert decision_of(body, title="保洁视频打卡") == "reject"
    work = body.replace("视频须显示保洁员正脸和清扫后的路面", "请各村组织清运房前屋后垃圾")
    assert decision_of(work, title="保洁视频打卡") == "revise"
