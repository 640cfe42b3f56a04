from __future__ import annotations

from typing import Any

from django import forms

from jiceng.core.models import Organisation
from jiceng.intake.flags import load_flag_specs
from jiceng.intake.models import CATEGORIES, DECISIONS

# The flag vocabulary and its Chinese names come from the engine's lexicon (one source of truth).
FLAG_CHOICES = [(code, spec.label) for code, spec in load_flag_specs().items()]


class TaskForm(forms.Form):
    notice = forms.FileField(
        label="上传通知（可选）",
        required=False,
        help_text="Word（.docx）或文本（.txt）文件；上传后自动读取标题和正文。",
    )
    title = forms.CharField(label="标题", max_length=300, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea, required=False)
    deadline_days = forms.IntegerField(
        label="完成时限（天）", required=False, min_value=0, max_value=3650
    )
    upstream_source = forms.CharField(
        label="上级文件（转发上级要求时填写）", max_length=300, required=False
    )
    upstream_deadline_days = forms.IntegerField(
        label="上级规定时限（天）", required=False, min_value=0, max_value=3650
    )
    upstream_requirement = forms.CharField(
        label="上级原文要求", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    targets = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="下派乡镇（街道）",
        help_text="不选则下派全县所有乡镇（街道）。",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, county: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = Organisation.objects.filter(
            county=county, kind=Organisation.Kind.TOWNSHIP
        ).order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("notice") and not (data.get("title") and data.get("body")):
            raise forms.ValidationError("请填写标题和正文，或上传通知文件。")
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="复核结论", choices=DECISIONS)
    duty_item = forms.CharField(label="对应事项编号", max_length=32, required=False)
    category = forms.ChoiceField(label="事项类别", choices=CATEGORIES)
    flags = forms.MultipleChoiceField(
        label="形式主义问题",
        choices=FLAG_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="复核意见（改判必填）",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ApprovalRequestForm(forms.Form):
    reason = forms.CharField(
        label="申请准入的理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ApprovalDecisionForm(forms.Form):
    grant = forms.ChoiceField(
        label="审批", choices=[("yes", "同意准入"), ("no", "不同意")], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="审批意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
