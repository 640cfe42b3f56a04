from jiceng.text import (
    BM25Index,
    CharNgramIndex,
    content_tokens,
    default_lexicon,
    split_clauses,
    split_sentences,
    tokenize,
)


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


def test_sentences_and_clauses_keep_offsets() -> None:
    text = "第一句。第二句，有逗号；第三句"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["第一句。", "第二句，有逗号；", "第三句"]
    for s in sentences + split_clauses(text):
        assert text[s.start : s.end] == s.text


def test_bm25_ranks_the_matching_document_first_and_coverage_counts_unseen() -> None:
    index = BM25Index([{"河长": 1, "巡河": 1}, {"征兵": 1, "体检": 1}, {"巡河": 1, "保洁": 1}])
    scores = index.scores({"征兵": 1})
    assert scores.argmax() == 1
    covered = index.coverage({"征兵": 1, "家谱": 1}, count_unseen=False)[1]
    diluted = index.coverage({"征兵": 1, "家谱": 1}, count_unseen=True)[1]
    assert diluted < covered


def test_char_ngrams_tolerate_segmentation() -> None:
    index = CharNgramIndex([[("农村自建房安全巡查", 1.0)], [("民兵整组训练", 1.0)]])
    sims = index.cosine([("自建房巡查", 1.0)])
    assert sims[0] > sims[1]
    assert 0 <= sims.max() <= 1.0001
