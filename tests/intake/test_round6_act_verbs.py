"""Round 6: verbs of one professional act that the act lexicon must read alike — a certificate
made out (开具) as well as issued (出具), samples collected (采集…样品) as well as taken (采样),
a test the township runs on its own (自行…), and monitoring or evaluation reports beside test
reports (label rule 3: the lead department's professional work)."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "text",
    [
        "请各镇林业站对调出本镇的苗木直接开具产地检疫证明，县站不再派人。",
        "请各街道安排人员到企业排污口采集废水样品，冷藏后送县里化验。",
        "今年土壤墒情监测点由各镇自行取样，按规程烘干称重后上报。",
        "请各乡根据化验数据出具空气质量监测报告，报县分局备案。",
        "请各镇对辖区小型水库出具大坝安全评价报告。",
    ],
)
def test_professional_act_in_other_words_is_asked(text: str) -> None:
    assert "professional" in kinds(text)


def test_collecting_samples_for_the_department_staff_is_not_asked() -> None:
    assert "professional" not in kinds("请各街道协助县站技术人员采集水样，做好现场引导。")
