"""The first-character guard and first-character dispatch find every match exactly where the
plain pattern does."""

import random
import re

import pytest

from jiceng.intake.flags import FlagDetector
from jiceng.intake.policy import load_data
from jiceng.text.regexguard import dispatched, guarded


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
        "|".join(f"(?:{p.source})" for p in spec.patterns)
        for spec in flags.specs.values()
        if spec.patterns
    ]
    acts = load_data("acts")
    return [
        *out,
        "|".join(f"(?:{acts[k]['re']})" for k in ("enforcement", "professional", "payment")),
    ]


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


def _lexicon_patterns() -> list[str]:
    """Every regular expression of the act and flag lexicons, as the data files write them."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            out.append(value)  # (labels and clause texts are patterns too: plain words)

    walk(load_data("acts"))
    walk(load_data("flags"))
    return [*dict.fromkeys(out), *_alternations()]


def _texts_for(pattern: str, rng: random.Random, n: int) -> list[str]:
    """Random texts over the pattern's own characters, digits and punctuation: they hit its
    branches, their lookbehinds and their near misses far more often than prose would."""
    own = sorted({ch for ch in pattern if "\u4e00" <= ch <= "\u9fff"})
    alphabet = own + list("0123456789，。；“”") + ["镇", "县", "不"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_every_lexicon_pattern_dispatched_finds_the_plain_patterns_matches() -> None:
    rng = random.Random(5)
    rewritten = 0
    for pattern in _lexicon_patterns():
        plain, fast = re.compile(pattern), dispatched(pattern)
        rewritten += fast.pattern not in (pattern, guarded(pattern).pattern)
        for text in _texts_for(pattern, rng, 400):
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in fast.finditer(text)] == expected, (pattern[:60], text)
    assert rewritten > 100  # the lexicons are dispatched, not handed back as they were


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        # order within one first character: the earlier branch wins where both match
        ("开展|开展检测", ["开展检测", "请开展"]),
        ("开展检测|开展", ["开展检测", "请开展"]),
        # a group multiplied out, then grouped on the second character
        ("(开展|进行)[^。]{0,4}检测|开具报告", ["开展抽样检测", "进行检测。开具报告", "开报告"]),
        # a lookbehind in front moves behind the first character
        ("(?<![配协])采样|协助", ["配合采样", "协采样", "组织采样", "采样"]),
        ("(?<=收)缴|缴费", ["收缴工具", "缴费", "上缴费"]),
        # repeats in front: greedy tries one more round first, lazy going on first
        ("(分|共)?[两三]轮检查|三轮", ["分三轮检查", "三轮检查", "共两轮"]),
        ("(分|共)??[两三]轮检查|分三", ["分三轮检查", "三轮检查"]),
        ("(分|共)??分", ["分分", "共分"]),
        ("[2-4]{1,3}张|3张", ["3张", "234张", "2342张", "5张"]),
        ("(?<=(?<!不)再)检查|检", ["再检查", "不再检查"]),
        ("(县){0}镇|县镇", ["县镇", "县县镇", "镇"]),
        # a branch that cannot be multiplied out (a category) keeps its place among the
        # branches it could start like
        (r"1本|\d+本|2本台账", ["1本", "12本", "2本台账"]),
        (r"\d+本|1本台账", ["1本台账", "21本台账"]),
        (r"1本台账|\d+本", ["1本台账", "21本"]),
        # anchors and negated classes stay as they are
        ("^各镇|[^。]镇长", ["各镇", "乡镇长", "。镇长"]),
    ],
)
def test_dispatch_keeps_every_match(pattern: str, texts: list[str]) -> None:
    plain, fast = re.compile(pattern), dispatched(pattern)
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], (pattern, fast.pattern, text)
        assert (fast.fullmatch(text) is None) == (plain.fullmatch(text) is None)


def test_branches_are_grouped_by_first_character() -> None:
    fast = dispatched("(开展|进行)检测|开具报告|(?<!配)采样")
    assert not fast.pattern.startswith("(?=")  # every branch starts with a character
    assert fast.pattern.count("开") == 1  # 开展… and 开具… share one group


@pytest.mark.parametrize("pattern", ["(?P<who>县局)派人", r"(镇)\1", "(?i)ab", "(?>ab)c"])
def test_a_pattern_dispatch_cannot_keep_whole_comes_back_guarded(pattern: str) -> None:
    assert dispatched(pattern).pattern == guarded(pattern).pattern
