"""Chinese full-text search over duty items."""

from __future__ import annotations

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.search import DutySearchIndex, search_terms

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED
ITEMS = [
    DutyItem(
        "JB-001",
        B,
        "应急管理",
        "组织汛期山洪灾害转移避险",
        "落实隐患点监测人，强降雨时转移群众。",
        "《防洪法》",
        "乡镇",
        "乡镇负责",
    ),
    DutyItem(
        "PH-001",
        C,
        "应急管理",
        "配合开展液化气钢瓶入户检查",
        "配合住建部门检查餐馆和居民的钢瓶、减压阀。",
        "《城镇燃气管理条例》",
        "县住房和城乡建设局",
        "登记用户底数",
    ),
    DutyItem(
        "SH-001",
        R,
        "市场监管",
        "药店经营监督检查",
        "对药品零售企业检查并处罚。",
        "《药品管理法》",
        "县市场监督管理局",
        "",
    ),
    DutyItem(
        "JB-002",
        B,
        "社会保障",
        "受理困难群众临时救助申请",
        "对遭遇急难的家庭先行救助。",
        "《社会救助暂行办法》",
        "乡镇",
        "乡镇负责",
    ),
]


def test_terms_mix_words_and_bigrams() -> None:
    terms = search_terms("液化气钢瓶检查")
    assert "钢瓶" in terms and "化气" in terms


def test_best_match_first_and_irrelevant_items_absent() -> None:
    index = DutySearchIndex(ITEMS)
    results = index.search("钢瓶入户检查", limit=10)
    assert results[0][0] == "PH-001"
    assert "JB-002" not in {i for i, _ in results}
    assert all(a[1] >= b[1] for a, b in zip(results, results[1:], strict=False))


def test_name_outweighs_body_and_department_is_searchable() -> None:
    index = DutySearchIndex(ITEMS)
    assert index.search("救助", 1)[0][0] == "JB-002"
    assert index.search("市场监督管理局", 1)[0][0] == "SH-001"


def test_exact_id_query_and_limits() -> None:
    index = DutySearchIndex(ITEMS)
    assert index.search("sh-001", 5)[0][0] == "SH-001"
    assert index.search("检查", 1) and len(index.search("检查", 1)) == 1
    assert index.search("毫不相干的词语xyz", 5) == []
    assert DutySearchIndex([]).search("救助", 5) == []
