"""A logistic regression over character n-grams shipped as data, binary or over several classes:
its arithmetic is scikit-learn's, to the float, and its file is read with clear errors."""

import math

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from jiceng.text.char_model import (
    CharNgramClassifier,
    CharNgramModel,
    load_char_classifier,
    load_char_model,
    normalise,
)


def load(text: str) -> CharNgramModel:
    return load_char_model(text, source="model.tsv")


def test_the_model_computes_what_scikit_learn_computes() -> None:
    texts = [
        "请各镇对辖区餐馆开展油烟检测并出具报告",
        "请乡里直接给违规摊点开罚单",
        "请各镇先垫付检测费用",
        "请各镇通知经营户按时到场",
        "请各镇做好政策宣传，引导群众参与",
        "县局将派员抽检，请镇里带路",
    ]
    labels = [1, 1, 1, 0, 0, 0]
    vectorizer = TfidfVectorizer(
        analyzer="char", preprocessor=normalise, ngram_range=(1, 3), sublinear_tf=True
    )
    model = LogisticRegression(C=4.0).fit(vectorizer.fit_transform(texts), labels)
    terms = {
        g: (float(vectorizer.idf_[i]), float(model.coef_[0][i]))
        for g, i in vectorizer.vocabulary_.items()
    }
    ours = CharNgramModel(float(model.intercept_[0]), terms, 1, 3)
    unseen = ["请各镇对辖区工地开展噪声检测", "请各镇通知村民到场\n参加培训", "无关的句子 ABC"]
    theirs = model.predict_proba(vectorizer.transform(unseen))[:, 1]
    for text, p in zip(unseen, theirs, strict=True):
        assert ours.probability(text) == pytest.approx(p, abs=1e-9)


def test_the_model_file_is_read_with_its_line_named() -> None:
    model = load("# comment\nintercept\t-1.5\norders\t1\t2\n罚\t2.0\t1.25\n#\t1.0\t0.5\n")
    assert model.intercept == -1.5 and (model.min_n, model.max_n) == (1, 2)
    assert model.terms == {"罚": (2.0, 1.25), "#": (1.0, 0.5)}  # "#" after the header is an n-gram
    with pytest.raises(ValueError, match="第 3 行：应为"):
        load("intercept\t0\n罚\t1.0\t2.0\n罚款\t1.0\n")
    with pytest.raises(ValueError, match="第 2 行：数值格式不正确"):
        load("intercept\t0\n罚\tx\t2.0\n")
    with pytest.raises(ValueError, match="缺少 intercept"):
        load("罚\t1.0\t2.0\n")


def test_the_orders_are_one_to_three_characters() -> None:
    with pytest.raises(ValueError, match="第 2 行：字串长度范围应在 1–3 之间"):
        load("intercept\t0\norders\t1\t4\n罚\t1.0\t2.0\n")
    with pytest.raises(ValueError, match="1–3"):
        CharNgramModel(0.0, {}, 2, 1)


def test_the_probability_adds_its_terms_as_a_loop_over_the_weights_would() -> None:
    """The numpy path gives the very floats of a term-by-term loop in first-occurrence order,
    characters beyond 16 bits, repeats and line breaks included."""
    model = load(
        "intercept\t-0.3\n罚\t1.7\t1.3\n罚款\t2.1\t0.9\n款\t1.1\t-0.4\n𠀀\t2.5\t0.7\n"
        "𠀀罚\t2.2\t0.2\n罚款罚\t3.0\t0.6\n检测\t1.9\t1.1\n \t1.0\t-0.1\n"
    )
    many = "请各镇对辖区餐馆开展油烟检测并出具报告直接给违规摊点开罚单先垫付费用通知经营户"
    for i, ch in enumerate(dict.fromkeys(many)):  # forty-odd terms: a sum in any other order
        model.terms[ch] = (1.0 + (i * 0.137) % 2, ((i * 0.291) % 1.7) - 0.8)  # drifts apart
    model = CharNgramModel(model.intercept, model.terms)
    texts = ["罚款罚款罚款", "𠀀罚款，检测\n检测", "无关", "", "罚", "罚款罚款 检测 𠀀𠀀罚", many]
    for text in [*texts, many[::-1], many + many[:9]]:
        dot = squares = 0.0
        for g, v in model._weighted(text).items():
            dot += v * model.terms[g][1]
            squares += v * v
        z = -0.3 + (dot / math.sqrt(squares) if squares else 0.0)
        assert model.probability(text) == 1.0 / (1.0 + math.exp(-z)), text


def test_the_strongest_strings_weigh_for_the_reading_and_do_not_repeat() -> None:
    model = load("intercept\t0\n罚\t1.0\t1.0\n罚款\t1.0\t3.0\n宣传\t1.0\t-2.0\n")
    assert model.strongest("罚款和宣传") == ["罚款"]
    punctuated = load("intercept\t0\n。另\t1.0\t5.0\n另\t1.0\t2.0\n另外\t1.0\t1.0\n")
    assert punctuated.strongest("已部署。另外") == ["另外"]  # "。另" weighs, but is not shown


CLASSIFIER_TEXTS = [
    "请各镇自行出具检测结论",
    "请各镇直接核发许可证",
    "请各镇通知经营户到场",
    "请各镇提供名单并协助核实",
    "请各镇组织村干部巡查",
    "请各镇做好日常宣传",
]
CLASSIFIER_LABELS = [2, 2, 1, 1, 0, 0]


def test_the_classifier_computes_what_scikit_learn_computes() -> None:
    vectorizer = TfidfVectorizer(
        analyzer="char", preprocessor=normalise, ngram_range=(1, 2), sublinear_tf=True
    )
    model = LogisticRegression(C=4.0).fit(
        vectorizer.fit_transform(CLASSIFIER_TEXTS), CLASSIFIER_LABELS
    )
    terms = {
        g: (float(vectorizer.idf_[i]), tuple(float(w) for w in model.coef_[:, i]))
        for g, i in vectorizer.vocabulary_.items()
    }
    classes = ("own", "help", "power")
    ours = CharNgramClassifier(classes, tuple(float(b) for b in model.intercept_), terms, 1, 2)
    unseen = ["请各镇直接出具鉴定结论", "请各镇通知村民\n到场", "无关的句子 ABC", ""]
    for text, row in zip(unseen, model.predict_proba(vectorizer.transform(unseen)), strict=True):
        found = ours.probabilities(text)
        assert list(found) == list(classes)
        assert list(found.values()) == pytest.approx(list(row), abs=1e-9)
        assert sum(found.values()) == pytest.approx(1.0)


def test_the_classifier_file_is_read_with_its_line_named() -> None:
    def read(text: str) -> CharNgramClassifier:
        return load_char_classifier(text, source="c.tsv")

    good = "# head\nclasses\ta\tb\nintercept\t0.1\t-0.1\norders\t1\t2\n检\t1.5\t0.2\t-0.2\n"
    model = read(good)
    assert model.classes == ("a", "b") and model.intercepts == (0.1, -0.1)
    assert model.terms == {"检": (1.5, (0.2, -0.2))} and (model.min_n, model.max_n) == (1, 2)
    assert model.probabilities("检测")["a"] > model.probabilities("无关")["a"]
    with pytest.raises(ValueError, match="c.tsv 第 1 行：classes 行应在最前"):
        read("intercept\t0\t0\n")
    with pytest.raises(ValueError, match="c.tsv 第 3 行：应有 4 列"):
        read("classes\ta\tb\nintercept\t0\t0\n检\t1.5\t0.2\n")
    with pytest.raises(ValueError, match="c.tsv 第 2 行：数值格式不正确"):
        read("classes\ta\tb\nintercept\t0\tx\n")
    with pytest.raises(ValueError, match="c.tsv：缺少 intercept 行"):
        read("classes\ta\tb\n检\t1.5\t0.2\t0.1\n")
    with pytest.raises(ValueError, match="类别应至少两个"):
        read("classes\ta\nintercept\t0\n")
    with pytest.raises(ValueError, match="字串长度范围"):
        read("classes\ta\tb\nintercept\t0\t0\norders\t2\t4\n")
