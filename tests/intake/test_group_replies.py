"""A reply demanded in the work group is a chat-group report (digital formalism); a list the
sender posted in the group and a reply due by a date is not. Our own wording."""

from .factories import flags_of


def test_a_reply_in_the_group_is_digital_formalism():
    assert "digital_formalism" in flags_of("收到通知后请各村在群里回复“收到”。")


def test_a_list_posted_in_the_group_and_a_reply_due_later_is_not():
    body = "请乡里帮忙催缴几个村的水费，欠费名单已发群里，月底前给个回复。"
    assert "digital_formalism" not in flags_of(body)


def test_signing_pledges_all_the_way_down_is_no_check_in():
    body = "今年防火责任书要层层签到底，乡和村签，村和每户签，一户不落。"
    assert "digital_formalism" not in flags_of(body)
    assert "pledge_veto" in flags_of(body)
    assert "digital_formalism" in flags_of("每天早上8点前在群里签到。")
