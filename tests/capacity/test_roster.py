import pytest

from jiceng.capacity.roster import read_roster
from jiceng.errors import InputError, InputErrors
from tests.capacity.helpers import xlsx


def test_reads_a_county_layout_with_title_row_aliases_and_footnote():
    data = xlsx(
        [
            ["某县乡镇干部队伍情况表"],
            [],
            ["单位名称", "内设机构", "编制数", "在岗人数", "被借调"],
            ["甲镇", "党政办", 6, 5, 1],
            [None, None, None, None, None],
            ["甲镇", "经济发展办", 5, 5, None],
            ["注：在岗人数不含借调进来的人员。"],
        ]
    )
    rows = read_roster(data, "名册.xlsx")
    assert [(r.township, r.post, r.authorised, r.actual, r.seconded_out) for r in rows] == [
        ("甲镇", "党政办", 6, 5, 1),
        ("甲镇", "经济发展办", 5, 5, 0),
    ]
    assert rows[0].row == 4 and rows[0].vacancies == 1


def test_every_bad_cell_is_reported_with_file_row_and_column():
    data = xlsx(
        [
            ["乡镇（街道）", "岗位", "核定编制", "实有人数", "借调外出"],
            ["甲镇", "党政办", "六", 5, 0],
            ["甲镇", "", 3, 2, 0],
            ["乙镇", "社会事务办", 4, 2, 3],
            ["乙镇", "平安办", 4, -1, 0],
            ["乙镇", "社会事务办", 4, 2, 0],
        ]
    )
    with pytest.raises(InputErrors) as caught:
        read_roster(data, "名册.xlsx")
    messages = [str(e) for e in caught.value.errors]
    assert any("第 2 行" in m and "“核定编制”列" in m and "不是数字" in m for m in messages)
    assert any("第 3 行" in m and "“岗位”列" in m for m in messages)
    assert any("第 4 行" in m and "借调外出 3 人多于实有人数 2 人" in m for m in messages)
    assert any("第 5 行" in m and "“实有人数”列" in m for m in messages)
    assert any("第 6 行" in m and "重复" in m for m in messages)
    assert all("文件“名册.xlsx”" in m for m in messages)


def test_csv_and_missing_header():
    csv_data = "乡镇,岗位,编制,实有\n甲镇,党政办,3,3\n".encode("gb18030")
    assert read_roster(csv_data, "a.csv")[0].authorised == 3
    with pytest.raises(InputError, match="找不到表头行"):
        read_roster(xlsx([["姓名", "年龄"], ["某", 30]]), "b.xlsx")
    with pytest.raises(InputError, match="空的"):
        read_roster(b"", "c.xlsx")
