from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from jiceng import cli as root_cli
from jiceng.errors import JicengError
from jiceng.forms import cli

FORMS = [
    {
        "id": "K1",
        "department": "甲局",
        "title": "甲表",
        "period": "月报",
        "fields": [
            {"name": "姓名", "type": "text"},
            {"name": "身份证号码", "type": "id_number"},
            {"name": "填报人", "type": "text"},
        ],
    },
    {
        "id": "K2",
        "department": "乙局",
        "title": "乙表",
        "period": "年报",
        "fields": [
            {"name": "申请人姓名", "type": "text"},
            {"name": "证件号码", "type": "id_number"},
            {"name": "备注", "type": "text"},
        ],
    },
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jiceng")
    cli.register(p.add_subparsers(dest="command"))
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


def test_forms_module_is_registered_in_the_root_cli() -> None:
    assert "jiceng.forms.cli" in root_cli.COMMAND_MODULES


def test_match_writes_the_contract(tmp_path: Path) -> None:
    source = tmp_path / "forms.json"
    source.write_text(json.dumps(FORMS, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.json"
    assert run(["forms", "match", "--forms", str(source), "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert set(data) == {"elements"}
    assert all(set(e) == {"element", "members"} for e in data["elements"])
    members = sorted(m for e in data["elements"] for m in e["members"])
    assert members == sorted(f"{f['id']}:{x['name']}" for f in FORMS for x in f["fields"])
    groups = [set(e["members"]) for e in data["elements"]]
    assert {"K1:姓名", "K2:申请人姓名"} in groups and {"K1:身份证号码", "K2:证件号码"} in groups


def test_match_to_stdout_with_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "forms.json"
    source.write_text(json.dumps(FORMS, ensure_ascii=False), encoding="utf-8")
    assert run(["forms", "match", "--forms", str(source), "--explain"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(e["reasons"] and 0 < e["confidence"] <= 1 for e in data["elements"])


def test_match_reads_a_folder_of_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for form_id, names in (("W1", ["姓名", "联系电话"]), ("W2", ["姓名", "手机号码"])):
        wb = Workbook()
        ws = wb.active
        ws["A1"] = "登记表"
        ws["A2"] = "制表单位：县某局"
        for col, name in enumerate(names, start=1):
            ws.cell(row=3, column=col, value=name)
        wb.save(tmp_path / f"{form_id}.xlsx")
    assert run(["forms", "match", "--forms", str(tmp_path)]) == 0
    groups = [set(e["members"]) for e in json.loads(capsys.readouterr().out)["elements"]]
    assert {"W1:联系电话", "W2:手机号码"} in groups


def test_bad_input_is_a_user_error(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text("[{", encoding="utf-8")
    with pytest.raises(JicengError):
        run(["forms", "match", "--forms", str(source)])
    with pytest.raises(JicengError):
        run(["forms", "match", "--forms", str(tmp_path / "missing.json")])


def test_coverage_check_refuses_a_broken_result() -> None:
    forms = cli.load_forms_json(FORMS)
    with pytest.raises(JicengError):
        cli.check_coverage(forms, {"elements": [{"element": "x", "members": ["K1:姓名"]}]})
