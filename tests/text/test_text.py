from jiceng.text import (
    BM25Index,
    CharNgramIndex,
    content_tokens,
    default_lexicon,
    split_clauses,
    split_sentences,
    tokenize,
)
from jiceng.text.sentences import span_at
from jiceng.text.synonyms import load_lexicon


def test_governance_dictionary_keeps_terms_whole() -> None:
    assert "控辍保学" in tokenize("落实控辍保学责任")
    assert "一票否决" in tokenize("实行一票否决")


def test_content_tokens_drop_stopwords_and_punctuation() -> None:
    toks = content_tokens("请各乡镇做好秸秆禁烧巡查，确保不出火点。")
    assert "秸秆禁烧" in toks
    assert "请" not in toks and "，" not in toks and "确保" not in toks


def test_synonyms_map_paraphrase_to_one_group() -> None:
    lex = default_lexicon()
    assert "控辍保学" in lex.groups_of("督促未到校学生返校就读")
    assert lex.groups_of("开展反电信网络诈骗宣传") & lex.groups_of("反诈宣传进村")
    # one legal topic, segmented differently: "砍伐松木" / "盗伐林木"
    assert lex.groups_of("村民擅自砍伐松木") & lex.groups_of("查处盗伐林木行为")


def test_sentences_and_clauses_keep_offsets() -> None:
    text = "第一句。第二句，有逗号；第三句"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["第一句。", "第二句，有逗号；", "第三句"]
    for s in sentences + split_clauses(text):
        assert text[s.start : s.end] == s.text
    clauses = split_clauses(text)
    assert span_at(clauses, text.index("有逗号")).text == "有逗号；"
    assert span_at(clauses, len(text)) is None


def test_bm25_ranks_the_matching_document_first_and_coverage_counts_unseen() -> None:
    index = BM25Index([{"河长": 1, "巡河": 1}, {"征兵": 1, "体检": 1}, {"巡河": 1, "保洁": 1}])
    scores = index.scores({"征兵": 1})
    assert scores.argmax() == 1
    covered = index.coverage({"征兵": 1, "家谱": 1}, count_unseen=False)[1]
    diluted = index.coverage({"征兵": 1, "家谱": 1}, count_unseen=True)[1]
    assert diluted < covered


def test_coverage_both_is_coverage_without_and_with_unseen_words() -> None:
    index = BM25Index([{"河长": 1, "巡河": 1}, {"征兵": 1, "体检": 1}, {"巡河": 1, "保洁": 1}])
    for query in ({"巡河": 2.0, "台账": 1.0}, {"征兵": 1.0}, {"台账": 1.0}, {"巡河": 0.0}):
        known, with_unseen = index.coverage_both(query)
        assert known.tolist() == index.coverage(query).tolist()
        assert with_unseen.tolist() == index.coverage(query, count_unseen=True).tolist()


def test_char_ngrams_tolerate_segmentation() -> None:
    index = CharNgramIndex([[("农村自建房安全巡查", 1.0)], [("民兵整组训练", 1.0)]])
    sims = index.cosine([("自建房巡查", 1.0)])
    assert sims[0] > sims[1]
    assert 0 <= sims.max() <= 1.0001


def test_vectorised_char_ngram_cosine_matches_the_reference() -> None:
    import math

    import numpy as np

    from jiceng.text.retrieval import CharNgramIndex, char_ngrams

    docs = [
        [("燃气安全宣传和入户排查", 2.0), ("督促更换老化软管，安装报警器。", 1.0)],
        [("违法建设巡查", 2.0), ("对正在建设的违法建筑劝阻制止，报告执法部门。", 1.0)],
        [("ABC 平台 2024 年数据", 1.0)],
    ]
    index = CharNgramIndex(docs)
    parts = [("（群通知）软管老化要换！", 1.5), ("发现违法建筑，当场劝阻；平台2024数据。", 0.6)]
    # reference: the plain-Python definition (sublinear tf × idf, unseen grams in the norm)
    grams: dict[str, float] = {}
    for text, w in parts:
        for g, c in char_ngrams(text).items():
            grams[g] = grams.get(g, 0.0) + c * w
    unseen = math.log(1 + index.n_docs) + 1.0
    vec = np.zeros(len(index.vocab))
    sq = 0.0
    for g, tf in grams.items():
        j = index.vocab.get(g)
        weight = (1 + math.log(tf) if tf >= 1 else tf) * (index.idf[j] if j is not None else unseen)
        sq += weight * weight
        if j is not None:
            vec[j] = weight
    expected = np.asarray(index.matrix @ vec).ravel() / math.sqrt(sq)
    assert np.allclose(index.cosine(parts), expected)
    assert index.cosine(parts)[0] > 0 and index.cosine([("，。", 1.0)]).sum() == 0


def test_the_longest_term_at_a_place_wins_and_overlaps_resume_after_it() -> None:
    lexicon = load_lexicon(
        """
[[group]]
name = "村"
terms = ["农村"]
[[group]]
name = "路"
terms = ["农村公路", "公路养护"]
[[group]]
name = "水"
terms = ["供水"]
"""
    )
    # "农村公路" (not "农村") is read at the first place, then matching resumes after it
    assert lexicon.group_tokens("农村公路养护") == ["§路"]
    # a longer term that does not complete falls back to the shorter one
    assert lexicon.group_tokens("农村供水") == ["§村", "§水"]


def test_the_packaged_lexicon_scanned_in_buckets_finds_what_one_alternation_finds() -> None:
    import random
    import re

    from jiceng.text.synonyms import _BUCKETS, _Scanner, _trie_alternation, default_lexicon

    terms = [t for terms in default_lexicon().groups.values() for t in terms]
    whole = re.compile(_trie_alternation(terms))
    scanner = _Scanner(terms, _BUCKETS)
    assert len(scanner.patterns) > 1
    rng = random.Random(11)
    # runs of terms cut at random places, so that terms overlap, nest and break off
    for _ in range(2000):
        text = "".join(rng.choice(terms)[rng.randint(0, 2) :] for _ in range(rng.randint(0, 8)))
        assert list(scanner.finditer(text)) == [m.group() for m in whole.finditer(text)], text
