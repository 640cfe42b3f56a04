"""Round 7b: the sender's negation scopes over its whole verb phrase — a prepositional phrase
before the verb ("不在微信群报进度"), an object several words long ("不再要求各村层层签订安全
责任状") — and may follow the thing it rules out ("展板不作统一要求"). A notice listing what it
does not ask raises no flag for it."""

import pytest

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", body)}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("本次普查以入户登记为主，不在微信群报进度，也不搞排名。", "digital_formalism"),
        ("今年不再要求各村层层签订森林防火安全责任状。", "pledge_veto"),
        ("活动室按现有条件开放，县里不对门牌、展板、上墙制度作统一要求。", "signboard"),
        ("文化站正常开放，制度上墙不作统一要求。", "signboard"),
        # everyday prohibitions in a chat message: 别, 不要
        ("表格填好发邮箱，别往群里发截图了。", "digital_formalism"),
        ("各村统计完直接报镇里，不要在群里接龙。", "digital_formalism"),
    ],
)
def test_what_the_notice_rules_out_is_not_flagged(body: str, code: str) -> None:
    assert code not in codes(body)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("请各村每天在微信群报进度，县里每周排名。", "digital_formalism"),
        ("各村要与农户逐户签订森林防火安全责任状。", "pledge_veto"),
        ("请各村统一悬挂服务标牌并将制度上墙，县里将验收。", "signboard"),
        # 别 inside 分别 is no prohibition
        ("各村每天分别在群里发截图报进度。", "digital_formalism"),
    ],
)
def test_the_same_things_asked_are_flagged(body: str, code: str) -> None:
    assert code in codes(body)
