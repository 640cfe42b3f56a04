"""Forms of the capacity pages (validation only; writes go through services)."""

from __future__ import annotations

from typing import Any

from django import forms

from jiceng.capacity.models import (
    FORMAT_CHOICES,
    GRADE_CHOICES,
    TOPIC_CHOICES,
    StaffMovement,
    TrainingSession,
)
from jiceng.capacity.pulse import CHANNEL_LABELS, FEELING_LABELS
from jiceng.core.models import Organisation

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"})


class _CountyForm(forms.Form):
    """A form with a township (and optionally department) choice limited to one county."""

    def __init__(
        self, *args: Any, county: Organisation, township: Organisation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if "township" in self.fields:
            towns = Organisation.objects.filter(
                county=county, kind=Organisation.Kind.TOWNSHIP
            ).order_by("name")
            if township is not None:
                towns = towns.filter(pk=township.pk)
            self.fields["township"].queryset = towns
            if township is not None:
                self.fields["township"].initial = township.pk
        if "department" in self.fields:
            self.fields["department"].queryset = Organisation.objects.filter(
                county=county, kind=Organisation.Kind.DEPARTMENT
            ).order_by("name")


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label="名册文件",
        help_text="Excel（.xlsx）或 CSV：乡镇（街道）、岗位、核定编制、实有人数、借调外出。",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 20 MB。")
        return upload


class SecondmentForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    department = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="借调单位（县直部门）", required=False
    )
    borrower_name = forms.CharField(
        label="借调单位名称", max_length=100, required=False, help_text="不是县直部门时填写。"
    )
    persons = forms.IntegerField(label="人数", min_value=1, max_value=500)
    start = forms.DateField(label="开始日期", widget=DATE)
    end = forms.DateField(label="结束日期", widget=DATE, required=False)
    reason = forms.CharField(label="事由", max_length=300)


class PowerForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    name = forms.CharField(label="赋权事项", max_length=200)
    basis = forms.CharField(label="赋权依据", max_length=300, required=False)
    department = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="原行使部门", required=False
    )
    delegated_on = forms.DateField(label="赋权日期", widget=DATE)
    staff_added = forms.IntegerField(label="随权下沉人员", min_value=0, initial=0)
    budget_added = forms.DecimalField(
        label="随权下拨经费（元）", min_value=0, initial=0, max_digits=14, decimal_places=2
    )
    training_given = forms.BooleanField(label="已开展承接培训", required=False)


class PowerResourcesForm(forms.Form):
    staff_added = forms.IntegerField(label="随权下沉人员", min_value=0)
    budget_added = forms.DecimalField(
        label="随权下拨经费（元）", min_value=0, max_digits=14, decimal_places=2
    )
    training_given = forms.BooleanField(label="已开展承接培训", required=False)


class TrainingForm(forms.Form):
    title = forms.CharField(label="培训名称", max_length=200)
    topic = forms.ChoiceField(label="主题", choices=TOPIC_CHOICES)
    format = forms.ChoiceField(label="形式", choices=FORMAT_CHOICES)
    date = forms.DateField(label="日期", widget=DATE)
    hours = forms.DecimalField(label="学时", min_value=0.5, max_value=200, decimal_places=1)
    held = forms.BooleanField(label="已举办", required=False)


class AttendanceForm(_CountyForm):
    session = forms.ModelChoiceField(queryset=TrainingSession.objects.none(), label="培训")
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    attendees = forms.IntegerField(label="参训人数", min_value=0, max_value=1000)

    def __init__(self, *args: Any, county: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, county=county, **kwargs)
        self.fields["session"].queryset = TrainingSession.objects.filter(county=county).order_by(
            "-date"
        )


class MovementForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    kind = forms.ChoiceField(label="类型", choices=StaffMovement.Kind.choices)
    date = forms.DateField(label="日期", widget=DATE)
    count = forms.IntegerField(label="人数", min_value=1, max_value=500, initial=1)


class VacancyForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    post = forms.CharField(label="岗位", max_length=100)
    opened_on = forms.DateField(label="出缺日期", widget=DATE)
    filled_on = forms.DateField(label="补员日期", widget=DATE, required=False)


class PayForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="职级", choices=GRADE_CHOICES)
    headcount = forms.IntegerField(label="人数", min_value=1, max_value=10000)
    average_monthly_pay = forms.DecimalField(
        label="人均月收入（元）", min_value=0, max_digits=10, decimal_places=2
    )


class SurveyForm(forms.Form):
    title = forms.CharField(label="问卷名称", max_length=200)
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE)


class AccessForm(_CountyForm):
    township = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="乡镇（街道）")
    mode = forms.ChoiceField(
        label="方式", choices=[("codes", "一次性答题码"), ("link", "开放链接（按在岗人数限额）")]
    )
    count = forms.IntegerField(
        label="答题码数量", min_value=1, max_value=500, initial=20, required=False
    )


class PulseAnswerForm(forms.Form):
    code = forms.CharField(label="答题码", max_length=64)
    hours_lost = forms.DecimalField(
        label="上周您花在形式主义事务上的时间（小时）", min_value=0, max_value=60, decimal_places=1
    )
    channels = forms.MultipleChoiceField(
        label="主要来自哪些渠道（可多选）",
        choices=list(CHANNEL_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    feeling = forms.ChoiceField(
        label="与上季度相比，您感觉负担",
        choices=list(FEELING_LABELS.items()),
        widget=forms.RadioSelect,
    )
