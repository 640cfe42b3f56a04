"""Round 7b: the inspection burden is the township inspected. The acceptance visit of a creation
or 示范 it is asked to take part in is the creation's own burden (creation_activity), and
residents' appraisal scoring a finished project scores the works, not the township."""

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(text: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", text)}


def test_the_acceptance_of_a_creation_is_the_creation_s_burden() -> None:
    text = "各乡要积极争创“森林防火示范村”，按创建标准做好迎检准备，年底县里命名。"
    assert "inspection_burden" not in codes(text)
    assert "creation_activity" in codes(text)


def test_residents_appraising_a_project_is_not_an_inspection() -> None:
    text = "文化广场下月竣工验收，请各镇推荐几名居民代表，验收当天到场参与评议打分。"
    assert "inspection_burden" not in codes(text)


def test_a_pre_inspection_of_the_township_still_is() -> None:
    assert "inspection_burden" in codes("省里暗访前，县里先组织一次预检，各乡准备好全部台账。")


def test_the_township_checking_the_businesses_of_its_area_is_not_inspected() -> None:
    text = "请各乡每月组织一次消防检查，对辖区小旅馆挨家查看灭火器和疏散通道，按检查表打分。"
    assert "inspection_burden" not in codes(text)


def test_the_county_checking_the_townships_every_month_still_is() -> None:
    text = "县安委办每月组织一次检查，按得分对各乡排名通报。"
    assert "inspection_burden" in codes(text)
