from __future__ import annotations

from django import forms

from jiceng.core.models import Organisation

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DutyImportForm(forms.Form):
    township = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="适用范围",
        empty_label="全县模板清单",
        help_text="选择乡镇（街道）导入其清单；不选则导入全县模板清单。",
    )
    file = forms.FileField(
        label="清单文件", help_text="CSV（UTF-8）或 Excel（.xlsx），支持各地公布的表格样式。"
    )
    note = forms.CharField(label="版本说明", required=False, max_length=500)

    def __init__(self, *args: object, county: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["township"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            county=county, kind=Organisation.Kind.TOWNSHIP
        ).order_by("name")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 20 MB，请检查是否选错文件。")
        return upload


class CopyTemplateForm(forms.Form):
    township = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="复制到乡镇（街道）"
    )

    def __init__(self, *args: object, county: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["township"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            county=county, kind=Organisation.Kind.TOWNSHIP
        ).order_by("name")
