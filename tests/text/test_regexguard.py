"""The first-character guard finds a match exactly where the plain pattern does."""

import random
import re

import pytest

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.flags import FlagDetector
from jiceng.text.regexguard import guarded


@pytest.mark.parametrize(
    ("pattern", "is_guarded"),
    [
        ("a?b", True),
        ("(x|y)*z", True),
        (r"(?<!q)ab|cd", True),
        (r"\d+张", True),
        ("a*", False),  # may match the empty string
        ("[^a]b", False),  # negated class
        (".b", False),
        ("(?i)ab", False),  # case folding
    ],
)
def test_guard_is_added_only_when_first_characters_are_known(
    pattern: str, is_guarded: bool
) -> None:
    assert guarded(pattern).pattern.startswith("(?=[") is is_guarded


def _alternations() -> list[str]:
    flags = FlagDetector()
    out = [
        "|".join(f"(?:{p.regex.pattern})" for p in spec.patterns)
        for spec in flags.specs.values()
        if spec.patterns
    ]
    return [*out, ActAnalyzer()._any_kind.pattern]


def test_guarded_lexicon_alternations_agree_with_plain_ones() -> None:
    rng = random.Random(3)
    alphabet = "请各乡镇每村户人天周照片拍群里打卡截图承诺书一票否决示范评比暗访检查挂牌上墙不少于10张罚款垫付，。；"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["每个村不少于12张照片", "请各乡镇每天在群里打卡", "未发现问题", ""]
    for pattern in _alternations():
        plain, fast = re.compile(pattern), guarded(pattern)
        for text in texts:
            a, b = plain.search(text), fast.search(text)
            assert (a is None) == (b is None), (pattern[:40], text)
            if a is not None and b is not None:
                assert a.span() == b.span()


def test_a_pattern_anchored_at_the_start_stays_unguarded() -> None:
    # the engine tries such a pattern at one position only; a lookahead in front would make it
    # try every position
    assert guarded("^(各|请)[^，]{0,4}镇").pattern == "^(各|请)[^，]{0,4}镇"
    assert guarded("^各镇|请").pattern.startswith("(?=")  # only one branch is anchored


def test_every_act_lexicon_pattern_agrees_with_its_plain_form() -> None:
    analyzer = ActAnalyzer()
    rng = random.Random(5)
    alphabet = "请由各乡镇自行直接县局我中心执法人员检测罚款垫付签字盖章报审批，。；：不得已"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(800)]
    for name, value in vars(analyzer).items():
        if not isinstance(value, re.Pattern) or not value.pattern.startswith("(?="):
            continue
        plain = re.compile(value.pattern.split(")(?:", 1)[1][:-1])
        for text in texts:
            a, b = plain.search(text), value.search(text)
            assert (a and a.span()) == (b and b.span()), (name, text)
