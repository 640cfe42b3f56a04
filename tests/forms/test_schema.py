from __future__ import annotations

import json

import pytest

from jiceng.errors import InputError, InputErrors
from jiceng.forms.schema import FieldType, forms_to_json, load_forms_json

GOOD = [
    {
        "id": "X1",
        "department": "县某局",
        "title": "某某台账",
        "period": "月报",
        "fields": [
            {"name": "姓名", "type": "text", "description": ""},
            {"name": "性别", "type": "enum", "options": ["男", "女"]},
            {"name": "证件号码", "type": "id_number"},
        ],
    }
]


def test_loads_forms_from_text_bytes_and_data() -> None:
    for source in (json.dumps(GOOD), json.dumps(GOOD).encode("utf-8"), GOOD):
        forms = load_forms_json(source)
        assert [f.id for f in forms] == ["X1"]
        assert forms[0].fields[1].type is FieldType.ENUM
        assert forms[0].fields[1].options == ("男", "女")
        assert forms[0].member_key(forms[0].fields[2]) == "X1:证件号码"


def test_round_trip_through_forms_to_json() -> None:
    assert load_forms_json(forms_to_json(load_forms_json(GOOD))) == load_forms_json(GOOD)


def test_loads_from_path(tmp_path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    assert load_forms_json(path)[0].title == "某某台账"


def _errors(data: object) -> list[InputError]:
    with pytest.raises(InputErrors) as caught:
        load_forms_json(json.dumps(data), filename="in.json")
    return caught.value.errors


def test_duplicate_field_name_is_reported_with_position() -> None:
    data = [{"id": "X1", "fields": [{"name": "姓名"}, {"name": "姓名"}]}]
    (error,) = _errors(data)
    assert "重复" in error.detail and error.row == 1 and "X1" in (error.column or "")
    assert "in.json" in str(error)


def test_unknown_type_and_enum_without_options_are_both_reported() -> None:
    data = [
        {"id": "X1", "fields": [{"name": "a", "type": "float"}]},
        {"id": "X2", "fields": [{"name": "b", "type": "enum"}]},
    ]
    errors = _errors(data)
    assert [e.row for e in errors] == [1, 2]
    assert "未知字段类型" in errors[0].detail and "options" in errors[1].detail


def test_duplicate_form_id() -> None:
    data = [{"id": "X1", "fields": [{"name": "a"}]}, {"id": "X1", "fields": [{"name": "b"}]}]
    (error,) = _errors(data)
    assert error.row == 2 and "重复" in error.detail


def test_bad_json_is_one_located_error() -> None:
    with pytest.raises(InputError) as caught:
        load_forms_json('[{"id": "X1",', filename="bad.json")
    assert "JSON 格式错误" in str(caught.value) and "bad.json" in str(caught.value)


def test_top_level_must_be_a_list() -> None:
    with pytest.raises(InputError):
        load_forms_json('{"id": "X1"}')
