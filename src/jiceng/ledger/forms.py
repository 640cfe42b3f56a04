"""Web forms of the ledger (entry, import, groups, signboards, verification)."""

from __future__ import annotations

from typing import Any

from django import forms

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.intake.models import IntakeTask
from jiceng.ledger.models import CHANNEL_CHOICES, TYPE_CHOICES, Signboard, WorkGroup

MAX_IMPORT_BYTES = 20 * 1024 * 1024

DATE = forms.DateInput(attrs={"type": "date"})


def _townships(user: User) -> Any:
    org = user.organisation
    assert org is not None
    if user.role_enum == Role.TOWNSHIP_CLERK:
        return Organisation.objects.filter(pk=org.pk)
    county_id = org.county_id or org.pk
    return Organisation.objects.filter(
        county_id=county_id, kind=Organisation.Kind.TOWNSHIP
    ).order_by("name")


def _departments(user: User) -> Any:
    org = user.organisation
    assert org is not None
    if user.role_enum == Role.DEPARTMENT_CLERK:
        return Organisation.objects.filter(pk=org.pk)
    return Organisation.objects.filter(
        county_id=org.county_id or org.pk, kind=Organisation.Kind.DEPARTMENT
    ).order_by("name")


class _Scoped(forms.Form):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in ("township", "townships"):
                field.queryset = _townships(user)  # type: ignore[attr-defined]
            elif name == "department":
                field.queryset = _departments(user)  # type: ignore[attr-defined]
            elif name == "task":
                field.queryset = (
                    IntakeTask.objects.visible_to(user)
                    .filter(released=True)
                    .order_by("-submitted_at")
                )  # type: ignore[attr-defined]
            elif name == "signboard":
                field.queryset = Signboard.objects.visible_to(user).select_related("township")  # type: ignore[attr-defined]
            elif name == "work_group":
                field.queryset = WorkGroup.objects.visible_to(user)  # type: ignore[attr-defined]


class EventForm(_Scoped):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    date = forms.DateField(label="日期", widget=DATE)
    type = forms.ChoiceField(choices=TYPE_CHOICES, label="负担类型")
    channel = forms.ChoiceField(
        choices=[("", "按类型自动判断"), *CHANNEL_CHOICES], label="渠道", required=False
    )
    source_department = forms.CharField(label="来源部门", max_length=100, required=False)
    title = forms.CharField(label="标题/事由", max_length=300)
    hours = forms.FloatField(label="估计工时（小时）", min_value=0, max_value=10000)
    length_chars = forms.IntegerField(label="文件字数（发文时填写）", required=False, min_value=0)
    comprehensive = forms.BooleanField(label="综合性会议或综合性督查检查考核", required=False)
    task = forms.ModelChoiceField(
        queryset=IntakeTask.objects.none(), label="对应准入任务", required=False
    )
    signboard = forms.ModelChoiceField(
        queryset=Signboard.objects.none(), label="对应牌子", required=False
    )
    work_group = forms.ModelChoiceField(
        queryset=WorkGroup.objects.none(), label="对应工作群/APP", required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="台账文件",
        help_text="CSV（UTF-8）或 XLSX，列为 township,date,type,channel,source_department,title,hours（或对应中文列名）。同一文件重复导入不会重复记入。",
    )

    def clean_file(self) -> Any:
        # Refused by size before anything reads or parses it (a 100 MB "ledger" is an attack or
        # a wrong file, not a month of burdens).
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），台账文件不能超过 20 MB，未导入任何数据。"
            )
        return upload


class WorkGroupForm(_Scoped):
    name = forms.CharField(label="群/APP 名称", max_length=200)
    kind = forms.ChoiceField(choices=WorkGroup.Kind.choices, label="类别")
    department = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="建群（推广）部门", required=False
    )
    townships = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label="涉及乡镇（街道）",
        widget=forms.CheckboxSelectMultiple,
    )
    task = forms.ModelChoiceField(
        queryset=IntakeTask.objects.none(), label="对应准入任务", required=False
    )
    purpose = forms.CharField(label="用途（对应工作）", max_length=300)
    opened_on = forms.DateField(label="开设日期", widget=DATE)
    task_ends_on = forms.DateField(label="任务结束日期", widget=DATE, required=False)


class WorkGroupUpdateForm(forms.Form):
    task_ends_on = forms.DateField(label="任务结束日期", widget=DATE, required=False)
    closed_on = forms.DateField(label="关闭（解散）日期", widget=DATE, required=False)


class SignboardForm(_Scoped):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    name = forms.CharField(label="牌子名称", max_length=200)
    department = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="要求挂牌部门", required=False
    )
    task = forms.ModelChoiceField(
        queryset=IntakeTask.objects.none(), label="对应准入任务", required=False
    )
    work = forms.CharField(label="对应工作", max_length=300)
    put_up_on = forms.DateField(label="挂牌日期", widget=DATE)


class SignboardRemoveForm(forms.Form):
    removed_on = forms.DateField(label="摘牌日期", widget=DATE)


class VerifyForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", "属实，记入台账"), ("0", "不属实")],
        coerce=lambda v: v == "1",
        label="核实结论",
    )
    hours = forms.FloatField(
        label="核定工时（小时，可不改）", required=False, min_value=0, max_value=10000
    )
    reason = forms.CharField(
        label="核实意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
