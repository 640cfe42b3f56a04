"""Word segmentation with jieba plus the project's governance user dictionary.

One private ``jieba.Tokenizer`` is built lazily and shared, so importing this module is cheap and
the global jieba dictionary other code may use is left untouched.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None

# Function words and office boilerplate that carry no topic: dropped from retrieval features.
STOPWORDS: frozenset[str] = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "等",
        "对",
        "在",
        "为",
        "将",
        "把",
        "被",
        "由",
        "从",
        "向",
        "于",
        "以",
        "并",
        "其",
        "该",
        "此",
        "这",
        "那",
        "是",
        "有",
        "无",
        "不",
        "也",
        "都",
        "又",
        "就",
        "还",
        "各",
        "每",
        "本",
        "我",
        "你",
        "他",
        "们",
        "之",
        "中",
        "上",
        "下",
        "内",
        "外",
        "前",
        "后",
        "时",
        "起",
        "至",
        "个",
        "名",
        "次",
        "年",
        "月",
        "日",
        "号",
        "天",
        "周",
        "份",
        "位",
        "项",
        "请",
        "要",
        "须",
        "需",
        "应",
        "要求",
        "按照",
        "根据",
        "为了",
        "进一步",
        "切实",
        "认真",
        "做好",
        "做到",
        "确保",
        "有关",
        "相关",
        "工作",
        "情况",
        "开展",
        "组织",
        "加强",
        "落实",
        "推进",
        "及时",
        "全面",
        "统一",
        "辖区",
        "各乡镇",
        "乡镇",
        "街道",
        "镇街",
        "人民政府",
        "办事处",
        "通知",
        "关于",
        "我局",
        "县局",
        "县里",
        "全县",
        "我县",
        "你镇",
        "镇",
        "县",
        "市",
        "村",
        "社区",
        # Inner Mongolia's names of the same levels (旗 the county, 苏木 the township, 嘎查 the village)
        "苏木",
        "苏木镇",
        "嘎查",
        "嘎查村",
        "旗里",
        "全旗",
        "我旗",
        "单位",
        "部门",
        "人员",
        "同志",
        "负责",
        "一次",
        "一轮",
    ]
)

# How many texts' tokens are kept; a batch warmed ahead of screening must fit in it
# (``warm_content_tokens``).
CACHE_SIZE = 8192

_WORD_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _build() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    dictionary = resources.files("jiceng.text") / "data" / "governance_dict.txt"
    with resources.as_file(dictionary) as path:
        tokenizer.load_userdict(str(path))
    return tokenizer


def get_tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer with the governance dictionary loaded (built on first use)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _build()
    return _tokenizer


def tokenize(text: str) -> list[str]:
    """All jieba tokens of ``text`` (punctuation included), in order."""
    return get_tokenizer().lcut(text)


def content_tokens(text: str) -> list[str]:
    """Tokens that can carry topic: no stopwords, punctuation, digits or single characters."""
    return list(_content_tokens(text))


def warm_content_tokens(texts: Iterable[str]) -> None:
    """Cut ``texts`` back to back into the content-token cache, ahead of the work that reads them.

    jieba looks every character up in a dictionary of some 500,000 words and prefixes. Cut
    one after another, the texts find the entries they need still in the CPU's cache; cut one at
    a time between other work, they fetch them again from memory. The work is the same either
    way, but warming each batch's texts first made screening 10,000 tasks 14% faster by wall
    clock (docs/benchmarks.md). Texts beyond the cache's size would only push out the first
    ones: callers warm fewer.
    """
    for text in texts:
        _content_tokens(text)


@lru_cache(maxsize=CACHE_SIZE)
def _content_tokens(text: str) -> tuple[str, ...]:
    # Cached: one screening reads the same sentences for retrieval, coverage and reasons.
    return tuple(
        t
        for t in get_tokenizer().lcut(text)
        if len(t) > 1 and t not in STOPWORDS and _WORD_RE.search(t)
    )
