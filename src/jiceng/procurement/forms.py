"""Forms of the procurement pages (validation only; writes go through services)."""

from __future__ import annotations

from typing import Any

from django import forms

from jiceng.procurement.models import PurchaseRequest
from jiceng.procurement.performance import dimensions

DATE = forms.DateInput(attrs={"type": "date"})


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label="指导目录文件",
        help_text="Excel（.xlsx）或 CSV：编码、类别、服务项目、服务内容、清单类型（正面/负面）、理由。",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("文件超过 20 MB。")
        return upload


class RequestForm(forms.Form):
    title = forms.CharField(label="购买事项", max_length=200)
    description = forms.CharField(
        label="服务内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    budget = forms.DecimalField(label="预算（元）", min_value=0.01, max_digits=14, decimal_places=2)


class CheckForm(forms.Form):
    title = forms.CharField(label="购买事项", max_length=200)
    description = forms.CharField(
        label="服务内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )


class DecisionForm(forms.Form):
    approve = forms.ChoiceField(
        label="审核结果",
        choices=[("yes", "同意购买"), ("no", "不同意购买")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="审核意见", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ContractForm(forms.Form):
    request = forms.ModelChoiceField(
        queryset=PurchaseRequest.objects.none(), label="对应申请（已同意）"
    )
    title = forms.CharField(label="合同名称", max_length=200)
    provider = forms.CharField(label="承接主体", max_length=200)
    amount = forms.DecimalField(
        label="合同金额（元）", min_value=0.01, max_digits=14, decimal_places=2
    )
    start = forms.DateField(label="服务开始", widget=DATE)
    end = forms.DateField(label="服务结束", widget=DATE)

    def __init__(self, *args: Any, requests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = requests


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label="支付金额（元）", min_value=0.01, max_digits=14, decimal_places=2
    )
    on = forms.DateField(label="支付日期", widget=DATE)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="评价意见", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in dimensions().items():
            self.fields[f"mark_{code}"] = forms.IntegerField(
                label=f"{label}（0–100）", min_value=0, max_value=100
            )

    def marks(self) -> dict[str, float]:
        return {code: float(self.cleaned_data[f"mark_{code}"]) for code in dimensions()}
