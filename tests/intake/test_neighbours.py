"""The learned arbiter between near neighbours: its arithmetic is scikit-learn's, its file is read
with clear errors, it weighs the pick's same-domain neighbours of the other categories (the best
of each, wherever it ranks), and in the engine it moves the pick with its reasons, or leaves it,
as its model says, never on a task whose core is formalism. Our own wording."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from jiceng.duties.items import Category
from jiceng.intake.learning import LabelledTask
from jiceng.intake.neighbours import (
    FEATURES,
    CharProfile,
    NeighbourModel,
    Pair,
    default_model,
    describe,
    load_neighbour_model,
    pair_features,
    same_topic_rivals,
)
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, make_item, make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

FUME_SURVEY = make_item(
    "Y-PH-01",
    C,
    "城市管理",
    "配合餐饮油烟污染监管",
    "县城市管理局负责餐饮业油烟污染监管。",
    "县城市管理局",
    "摸排沿街餐馆油烟净化设施安装和清洗情况，建立清单报送县城市管理局。",
)
FUME_FINES = make_item(
    "Y-SH-01",
    R,
    "城市管理",
    "餐饮油烟超标排放处罚",
    "对未安装油烟净化设施或超标排放的餐饮经营者责令改正并罚款。",
    "县城市管理局",
)
STREET_PATROL = make_item(
    "Y-JB-01",
    B,
    "城市管理",
    "沿街市容巡查",
    "组织巡查沿街店铺乱堆乱放、占道经营，劝导整改。",
    "乡镇",
)
ITEMS = [RIVER_CLEANING, FUME_SURVEY, FUME_FINES, STREET_PATROL]
SURVEY = "请各街道摸排沿街餐馆油烟净化设施安装和清洗情况，建立清单报我局。"


def model(intercept: float, threshold: float = 0.7) -> NeighbourModel:
    """A model that reads every pair alike: ``intercept`` alone decides."""
    return NeighbourModel(intercept, threshold, {f: (0.0, 1.0, 0.0) for f in FEATURES})


def screen(arbiter: NeighbourModel | None, body: str = SURVEY):
    screener = Screener(ITEMS)
    screener.neighbours = arbiter
    return screener.screen(make_task(body, title="餐饮油烟", sender="县城市管理局"))


def test_the_profile_computes_what_scikit_learn_computes() -> None:
    profile = CharProfile(ITEMS)
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
    vectorizer.fit([i.name + i.content + i.township_role for i in ITEMS])
    text = "请街道对餐馆油烟净化设施逐家摸排，罚款的事由我局办。ABC abc"
    ours = profile.similarities(text, FUME_SURVEY, FUME_FINES)
    texts = [
        FUME_SURVEY.name + "。" + FUME_SURVEY.content,
        FUME_FINES.name + "。" + FUME_FINES.content,
        FUME_SURVEY.township_role,
        FUME_FINES.township_role,
    ]
    notice = vectorizer.transform([text])
    theirs = [float((notice @ vectorizer.transform([t]).T).toarray()[0, 0]) for t in texts]
    assert ours == pytest.approx(theirs, abs=1e-12)
    assert ours[3] == 0.0  # a 收回 item has no role


def test_the_probability_is_scikit_learns_over_standardised_signals() -> None:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(60, len(FEATURES))) * 3 + 1
    y = (X[:, 0] + X[:, 7] > 2).astype(int)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    fitted = LogisticRegression().fit((X - mean) / scale, y)
    ours = NeighbourModel(
        float(fitted.intercept_[0]),
        0.7,
        {
            f: (float(mean[i]), float(scale[i]), float(fitted.coef_[0][i]))
            for i, f in enumerate(FEATURES)
        },
    )
    unseen = rng.normal(size=(5, len(FEATURES)))
    theirs = fitted.predict_proba((unseen - mean) / scale)[:, 1]
    for row, p in zip(unseen, theirs, strict=True):
        assert ours.probability(dict(zip(FEATURES, row, strict=True))) == pytest.approx(p)


def test_the_model_file_is_read_with_clear_errors() -> None:
    terms = "\n".join(f'"{f}" = [0.0, 1.0, 0.5]' for f in FEATURES)
    read = load_neighbour_model(f"intercept = -1.0\nthreshold = 0.6\n[terms]\n{terms}\n")
    assert read.intercept == -1.0 and read.threshold == 0.6
    assert read.terms["score_ratio"] == (0.0, 1.0, 0.5)
    assert read.rival_floor == 0.0  # optional: every neighbour weighed
    floored = load_neighbour_model(
        f"intercept = -1.0\nthreshold = 0.6\nrival_floor = 0.5\n[terms]\n{terms}\n"
    )
    assert floored.rival_floor == 0.5
    with pytest.raises(ValueError, match="rival_floor 应为 0 到 1 之间的数"):
        load_neighbour_model(f"intercept = 0\nthreshold = 1\nrival_floor = 2\n[terms]\n{terms}\n")
    with pytest.raises(ValueError, match="TOML 格式不正确"):
        load_neighbour_model("intercept = \n")
    with pytest.raises(ValueError, match="缺少数值项 threshold"):
        load_neighbour_model(f"intercept = 0\n[terms]\n{terms}\n")
    with pytest.raises(ValueError, match="未知特征 \\['extra'\\]"):
        load_neighbour_model(f'intercept = 0\nthreshold = 1\n[terms]\n{terms}\n"extra" = [0, 1, 0]')
    missing = "\n".join(terms.split("\n")[1:])
    with pytest.raises(ValueError, match=f"缺少特征 \\['{FEATURES[0]}'\\]"):
        load_neighbour_model(f"intercept = 0\nthreshold = 1\n[terms]\n{missing}\n")
    bad = terms.replace('"score_ratio" = [0.0, 1.0, 0.5]', '"score_ratio" = [0.0, 0.0, 0.5]')
    with pytest.raises(ValueError, match="score_ratio 应为"):
        load_neighbour_model(f"intercept = 0\nthreshold = 1\n[terms]\n{bad}\n")


def test_the_shipped_model_names_every_signal_and_every_signal_reads_in_chinese() -> None:
    shipped = default_model()
    assert set(shipped.terms) == set(FEATURES) and 0.5 <= shipped.threshold < 1
    assert 0 < shipped.rival_floor < shipped.threshold
    for feature in FEATURES:
        assert describe(feature)


def _pair(rival_score: float, *, asked: frozenset[str] = frozenset()) -> Pair:
    return Pair(FUME_SURVEY, 1.0, FUME_FINES, rival_score, True, True, frozenset(), asked, asked)


def test_the_shipped_model_leaves_a_far_behind_rival_and_weighs_the_act_it_names() -> None:
    profile = CharProfile(ITEMS)
    shipped = default_model()

    def p(pair: Pair, text: str = SURVEY) -> float:
        return shipped.probability(pair_features(text, pair, profile))

    assert p(_pair(0.1)) < shipped.threshold
    # a penalty asked that the returned rival names, close behind: more likely than without
    fines = "请各街道对超标排放的餐馆责令改正并罚款。"
    assert p(_pair(0.9, asked=frozenset({"enforcement"})), fines) > p(_pair(0.9), fines)


def test_the_best_same_domain_candidate_of_each_other_category_is_weighed() -> None:
    other_survey = make_item("Y-PH-02", C, "城市管理", "配合门店招牌排查", "县局负责。", "县局")
    other_fines = make_item("Y-SH-02", R, "城市管理", "门店招牌违规处罚", "县局处罚。", "县局")
    candidates = [
        (FUME_SURVEY, 1.0),
        (RIVER_CLEANING, 0.9),  # other domain
        (other_survey, 0.85),  # the pick's own category
        (STREET_PATROL, 0.8),
        (FUME_FINES, 0.7),  # behind the runner-up and a 基本 neighbour: still weighed
        (other_fines, 0.6),  # a second 收回 item: the best of its category is
    ]
    assert same_topic_rivals(candidates) == [(STREET_PATROL, 0.8), (FUME_FINES, 0.7)]
    # under the floor's share of the pick's score a neighbour is not weighed (nor the next of its
    # category: the best of each is)
    assert same_topic_rivals(candidates, 0.75) == [(STREET_PATROL, 0.8)]
    assert same_topic_rivals(candidates[:3]) == []
    assert same_topic_rivals([(FUME_SURVEY, 1.0)]) == [] == same_topic_rivals([])


def test_the_features_mark_the_pair_and_scale_the_scores() -> None:
    features = pair_features(SURVEY, _pair(0.5), CharProfile(ITEMS))
    assert features["pair:cooperating>returned"] == 1.0
    assert sum(features[f"pair:{k}"] for k in ("basic>cooperating", "returned>basic")) == 0.0
    assert features["score_ratio"] == 0.5 and features["returned:score_ratio"] == 0.5
    assert features["basic:score_ratio"] == 0.0
    assert features["role_chosen"] > features["role_rival"] == 0.0
    assert features["asked_chosen"] == features["asked_rival"] == 0.0  # no act asked
    # the clause asking an act, against each item's name: a fine for over-limit fumes is the
    # returned item's power
    fines = Pair(
        FUME_SURVEY,
        1.0,
        FUME_FINES,
        0.5,
        True,
        True,
        frozenset(),
        frozenset({"enforcement"}),
        frozenset({"enforcement"}),
        "对油烟超标排放的餐馆处罚",
    )
    asked = pair_features(SURVEY, fines, CharProfile(ITEMS))
    assert asked["asked_rival"] > asked["asked_chosen"] > 0.0


def test_in_the_engine_a_confident_arbiter_moves_the_pick_with_its_reasons() -> None:
    kept = screen(None)
    assert kept.duty_item == FUME_SURVEY.id
    moved = screen(model(intercept=5.0))
    assert moved.duty_item != kept.duty_item
    assert moved.duty_item == kept.candidates[1][0]  # the runner-up, of the same domain
    reasons = "".join(moved.reasons)
    assert "学习所得的近邻判别模型" in reasons and "请审核人员确认" in reasons
    assert FUME_SURVEY.id in reasons


def test_in_the_engine_an_unsure_arbiter_leaves_the_pick() -> None:
    assert screen(model(intercept=0.0)).duty_item == FUME_SURVEY.id  # 0.5 < 0.7
    assert screen(model(intercept=0.0, threshold=0.5)).duty_item != FUME_SURVEY.id


def test_in_the_engine_a_neighbour_behind_the_runner_up_is_weighed_too() -> None:
    # a model that reads only the pair's categories: 配合 pick, 收回 rival
    terms = {f: (0.0, 1.0, 0.0) for f in FEATURES}
    terms["pair:cooperating>returned"] = (0.0, 1.0, 10.0)
    returned_only = NeighbourModel(-3.0, 0.7, terms)
    body = "请各街道巡查沿街店铺占道经营，摸排餐馆油烟净化设施安装和清洗情况报我局。"
    kept = screen(None, body)
    assert [c for c, _ in kept.candidates[:3]] == [FUME_SURVEY.id, STREET_PATROL.id, FUME_FINES.id]
    moved = screen(returned_only, body)
    assert moved.duty_item == FUME_FINES.id  # third, behind the 基本 neighbour
    assert moved.category == "returned" and moved.decision.value == "reject"


def test_in_the_engine_the_arbiter_leaves_a_task_whose_core_is_formalism() -> None:
    # trained without rule-7 rejects, whose item is a judgement call: it does not move them
    check_ins = "各街道每天在工作群里打卡，上传餐馆油烟净化设施清洗截图，县局每周在群里排名通报。"
    assert screen(model(intercept=5.0), SURVEY).duty_item != FUME_SURVEY.id
    formalism = screen(model(intercept=5.0), check_ins)
    assert formalism.duty_item == FUME_SURVEY.id
    assert formalism.decision.value == "reject"
    assert [f.code for f in formalism.flags] == ["digital_formalism"]
    assert "学习所得的近邻判别模型" not in "".join(formalism.reasons)


def test_a_reviewed_precedent_speaks_before_the_arbiter() -> None:
    task = make_task(SURVEY, title="餐饮油烟", sender="县城市管理局")
    reviewed = LabelledTask(
        task,
        {"decision": "admit", "duty_item": FUME_SURVEY.id, "category": "cooperating", "flags": []},
    )
    screener = Screener(ITEMS, examples=[reviewed])
    screener.neighbours = model(intercept=5.0)
    assert screener.screen(task).duty_item == FUME_SURVEY.id


def test_a_pair_carries_the_clause_that_asks_the_act() -> None:
    screener = Screener(ITEMS)
    task = make_task(
        "请各街道摸排餐馆油烟净化设施，对超标排放的餐馆当场罚款，名单报我局。",
        title="餐饮油烟",
        sender="县城市管理局",
    )
    match = screener.match(task, screener.none_threshold_for(task))
    pairs = screener.neighbour_pairs(task, match)
    assert pairs and all(p.asked_kinds == {"enforcement"} for p in pairs)
    assert {p.asked_text for p in pairs} == {"对超标排放的餐馆当场罚款，"}  # its clause, as split


class FixedReading:
    """A category reader that reads every notice alike."""

    def __init__(self, **probabilities: float) -> None:
        self.probabilities = {Category(c): p for c, p in probabilities.items()}

    def read(self, task: object) -> dict[Category, float]:
        return self.probabilities


def test_the_category_reading_weighs_as_the_log_of_the_rivals_over_the_picks() -> None:
    profile = CharProfile(ITEMS)
    reading = {B: 0.2, C: 0.2, R: 0.6}
    features = pair_features(SURVEY, _pair(0.5), profile, reading)
    assert features["category_reading"] == pytest.approx(np.log(3.0))
    assert "category_reading" not in pair_features(SURVEY, _pair(0.5), profile)
    # a reading of nought is floored, not an error
    assert pair_features(SURVEY, _pair(0.5), profile, {B: 0.0, C: 1.0, R: 0.0})[
        "category_reading"
    ] == pytest.approx(np.log(1e-6))


def test_in_the_engine_the_arbiter_weighs_the_notices_category_reading() -> None:
    # a model that reads only the category reading: moved when the notice reads as the rival's
    terms = {f: (0.0, 1.0, 0.0) for f in FEATURES}
    terms["category_reading"] = (0.0, 1.0, 2.0)
    reading_only = NeighbourModel(-1.0, 0.7, terms)
    task = make_task(SURVEY, title="餐饮油烟", sender="县城市管理局")

    def pick(reader: FixedReading | None) -> str | None:
        screener = Screener(ITEMS)
        screener.neighbours = reading_only
        screener.category_reader = reader
        return screener.screen(task).duty_item

    assert pick(None) == FUME_SURVEY.id
    assert pick(FixedReading(basic=0.1, cooperating=0.8, returned=0.1)) == FUME_SURVEY.id
    moved = pick(FixedReading(basic=0.1, cooperating=0.1, returned=0.8))
    assert moved is not None and moved != FUME_SURVEY.id
    screener = Screener(ITEMS)
    screener.neighbours = reading_only
    screener.category_reader = FixedReading(basic=0.1, cooperating=0.1, returned=0.8)
    reasons = "".join(screener.screen(task).reasons)
    assert describe("category_reading") in reasons  # the reason names what weighed most


def test_without_a_reading_the_signal_pushes_neither_way() -> None:
    # trained readings average well below 0 (most notices read as the pick's category): left out,
    # the signal stands at that mean, not at 0, which would push towards every rival
    terms = {f: (0.0, 1.0, 0.0) for f in FEATURES}
    terms["category_reading"] = (-2.0, 1.0, 3.0)
    reading_only = NeighbourModel(0.0, 0.7, terms)
    features = pair_features(SURVEY, _pair(0.5), CharProfile(ITEMS))
    assert reading_only.contributions(features)["category_reading"] == 0.0
    assert reading_only.probability(features) == pytest.approx(0.5)
