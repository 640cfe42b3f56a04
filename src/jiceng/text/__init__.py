"""The shared Chinese text layer: tokenisation, synonym lexicon, similarity and retrieval.

Pure Python (jieba, numpy, scipy); no web or database imports, so every part can use it.
"""

from jiceng.text.retrieval import BM25Index, CharNgramIndex
from jiceng.text.sentences import Span, split_clauses, split_sentences
from jiceng.text.synonyms import SynonymLexicon, default_lexicon
from jiceng.text.tokenize import content_tokens, tokenize

__all__ = [
    "BM25Index",
    "CharNgramIndex",
    "Span",
    "SynonymLexicon",
    "content_tokens",
    "default_lexicon",
    "split_clauses",
    "split_sentences",
    "tokenize",
]
