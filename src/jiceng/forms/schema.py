"""Report forms as plain data, and the JSON import of them (DESIGN §4, "Forms JSON").

A form is what a county department sends down: an id, the sending department, a title, a
reporting period and its fields. Everything downstream (matching, the base table, report
generation) reads these dataclasses and never the raw JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from jiceng.errors import InputError, InputErrors


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    ENUM = "enum"
    MONEY = "money"
    ADDRESS = "address"

    @property
    def label(self) -> str:
        return FIELD_TYPE_LABELS[self]


FIELD_TYPE_LABELS = {
    FieldType.TEXT: "文本",
    FieldType.NUMBER: "数值",
    FieldType.DATE: "日期",
    FieldType.ID_NUMBER: "身份证号",
    FieldType.PHONE: "电话",
    FieldType.ENUM: "选项",
    FieldType.MONEY: "金额",
    FieldType.ADDRESS: "地址",
}


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    type: FieldType
    description: str = ""
    options: tuple[str, ...] = ()
    # The merged group header above the field in an XLSX template ("监护人信息"…); it tells whose
    # fact the field records, so matching reads it as subject context. Empty for JSON forms.
    group: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    id: str
    department: str
    title: str
    period: str
    fields: tuple[FormField, ...] = field(default_factory=tuple)

    def member_key(self, form_field: FormField) -> str:
        """The ``FORMID:field name`` reference used in the merge output contract."""
        return f"{self.id}:{form_field.name}"


def load_forms_json(
    source: str | Path | bytes | list[Any], filename: str | None = None
) -> list[Form]:
    """Parse the forms JSON (a path, raw bytes/str, or already-decoded data) into forms.

    All problems are collected and raised together as ``InputErrors``; "row" is the 1-based form
    position and "column" names the form id and field, so a clerk can find each one.
    """
    name = filename or (str(source) if isinstance(source, Path) else "forms.json")
    data = _decode(source, name)
    if not isinstance(data, list):
        raise InputError("顶层应为表单数组（JSON 数组）", file=name)
    errors: list[InputError] = []
    forms: list[Form] = []
    seen_ids: dict[str, int] = {}
    for position, raw in enumerate(data, start=1):
        form = _parse_form(raw, position, name, errors)
        if form is None:
            continue
        if form.id in seen_ids:
            errors.append(
                InputError(
                    f"表单编号“{form.id}”重复（第 {seen_ids[form.id]} 个表单已使用）",
                    file=name,
                    row=position,
                    column="id",
                )
            )
            continue
        seen_ids[form.id] = position
        forms.append(form)
    if errors:
        raise InputErrors(errors)
    return forms


def _decode(source: str | Path | bytes | list[Any], name: str) -> Any:
    if isinstance(source, list):
        return source
    try:
        if isinstance(source, Path):
            text = source.read_text(encoding="utf-8-sig")
        elif isinstance(source, bytes):
            text = source.decode("utf-8-sig")
        else:
            text = source
        return json.loads(text)
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=name) from exc
    except UnicodeDecodeError as exc:
        raise InputError("文件不是 UTF-8 编码的文本", file=name) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）", file=name
        ) from exc
    except RecursionError:
        # Deeply nested brackets (a hostile upload) exhaust the decoder's stack.
        raise InputError("JSON 嵌套层次过深，不是表单定义文件", file=name) from None


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else ""


def _parse_form(raw: Any, position: int, name: str, errors: list[InputError]) -> Form | None:
    if not isinstance(raw, dict):
        errors.append(InputError("表单应为 JSON 对象", file=name, row=position))
        return None
    form_id = _text(raw, "id")
    if not form_id:
        errors.append(InputError("缺少表单编号 id", file=name, row=position, column="id"))
        return None
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        errors.append(
            InputError(
                "表单没有字段（fields 应为非空数组）", file=name, row=position, column=form_id
            )
        )
        return None
    fields: list[FormField] = []
    seen: set[str] = set()
    before = len(errors)
    for index, raw_field in enumerate(raw_fields, start=1):
        where = f"{form_id} 第 {index} 个字段"
        parsed = _parse_field(raw_field, where, position, name, errors)
        if parsed is None:
            continue
        if parsed.name in seen:
            errors.append(
                InputError(
                    f"字段名“{parsed.name}”在本表中重复", file=name, row=position, column=where
                )
            )
            continue
        seen.add(parsed.name)
        fields.append(parsed)
    if len(errors) > before:
        return None
    return Form(
        id=form_id,
        department=_text(raw, "department"),
        title=_text(raw, "title"),
        period=_text(raw, "period"),
        fields=tuple(fields),
    )


def _parse_field(
    raw: Any, where: str, position: int, name: str, errors: list[InputError]
) -> FormField | None:
    if not isinstance(raw, dict):
        errors.append(InputError("字段应为 JSON 对象", file=name, row=position, column=where))
        return None
    field_name = _text(raw, "name")
    if not field_name:
        errors.append(InputError("缺少字段名 name", file=name, row=position, column=where))
        return None
    where = f"{where}“{field_name}”"
    raw_type = _text(raw, "type") or "text"
    try:
        field_type = FieldType(raw_type)
    except ValueError:
        allowed = "、".join(t.value for t in FieldType)
        errors.append(
            InputError(
                f"未知字段类型“{raw_type}”（应为 {allowed} 之一）",
                file=name,
                row=position,
                column=where,
            )
        )
        return None
    raw_options = raw.get("options") or []
    if not isinstance(raw_options, list) or not all(isinstance(o, str) for o in raw_options):
        errors.append(InputError("options 应为字符串数组", file=name, row=position, column=where))
        return None
    options = tuple(o.strip() for o in raw_options if o.strip())
    if field_type is FieldType.ENUM and not options:
        errors.append(
            InputError(
                "选项类型（enum）字段必须给出 options", file=name, row=position, column=where
            )
        )
        return None
    return FormField(
        name=field_name,
        type=field_type,
        description=_text(raw, "description"),
        options=options,
        group=_text(raw, "group"),
    )


def forms_to_json(forms: list[Form]) -> list[dict[str, Any]]:
    """The inverse of ``load_forms_json`` (types made explicit), e.g. to save imported templates."""
    out: list[dict[str, Any]] = []
    for form in forms:
        fields: list[dict[str, Any]] = []
        for f in form.fields:
            item: dict[str, Any] = {
                "name": f.name,
                "type": f.type.value,
                "description": f.description,
            }
            if f.options:
                item["options"] = list(f.options)
            if f.group:
                item["group"] = f.group
            fields.append(item)
        out.append(
            {
                "id": form.id,
                "department": form.department,
                "title": form.title,
                "period": form.period,
                "fields": fields,
            }
        )
    return out
