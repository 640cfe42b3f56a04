"""Demo data of 一表通: four report forms from four demo departments, the county's confirmed
dictionary, and base-table records for two townships — all created through the services.

The forms are written for the demo (not taken from any sample set); ID numbers are generated with
a valid GB 11643 check digit; every person is fictional and drawn from a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from jiceng.core.models import Organisation, User
from jiceng.demo.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES, DemoCounty

ENUM = "enum"

# (preferred department, code, title, period, fields); a field is (name, type[, options]).
DEMO_FORMS: list[tuple[str, str, str, str, list[tuple[Any, ...]]]] = [
    (
        "县民政局",
        "MZ-GL",
        "80周岁以上老年人高龄津贴发放名册",
        "月报",
        [
            ("乡镇（街道）", "text"),
            ("村（社区）", "text"),
            ("姓名", "text"),
            ("性别", ENUM, ["男", "女"]),
            ("身份证号码", "id_number"),
            ("联系电话", "phone"),
            ("津贴标准（元/月）", "money"),
            ("发放方式", ENUM, ["银行代发", "现金"]),
            ("经办人", "text"),
            ("填报日期", "date"),
        ],
    ),
    (
        "县卫生健康局",
        "WJ-QY",
        "家庭医生签约服务登记表",
        "季报",
        [
            ("所属乡镇", "text"),
            ("居民姓名", "text"),
            ("公民身份号码", "id_number"),
            ("手机号码", "phone"),
            ("签约日期", "date"),
            ("慢病类型", ENUM, ["高血压", "糖尿病", "无"]),
            ("紧急联系人", "text"),
            ("紧急联系人电话", "phone"),
            ("填表人", "text"),
        ],
    ),
    (
        "县农业农村局",
        "NY-FW",
        "农村低收入户住房安全排查台账",
        "一次性",
        [
            ("乡镇", "text"),
            ("行政村", "text"),
            ("户主姓名", "text"),
            ("户主身份证号", "id_number"),
            ("户主联系电话", "phone"),
            ("家庭人口数", "number"),
            ("房屋结构", ENUM, ["砖混", "砖木", "土木", "框架"]),
            ("鉴定等级", ENUM, ["A级", "B级", "C级", "D级"]),
            ("填报人", "text"),
            ("排查日期", "date"),
        ],
    ),
    (
        "县人力资源和社会保障局",
        "RS-JY",
        "农村劳动力转移就业情况登记表",
        "季报",
        [
            ("乡镇（街道）", "text"),
            ("村（社区）", "text"),
            ("姓名", "text"),
            ("性别", ENUM, ["男", "女"]),
            ("身份证号", "id_number"),
            ("联系方式", "phone"),
            ("就业状态", ENUM, ["外出务工", "县内就业", "灵活就业", "未就业"]),
            ("务工地点", "address"),
            ("填表人", "text"),
            ("填表日期", "date"),
        ],
    ),
]


def _contract(code: str, title: str, period: str, fields: list[tuple[Any, ...]]) -> dict[str, Any]:
    return {
        "id": code,
        "title": title,
        "period": period,
        "fields": [
            {"name": f[0], "type": f[1], **({"options": f[2]} if len(f) > 2 else {})}
            for f in fields
        ],
    }


def demo_id_number(rng: random.Random, area: str, birth: dt.date, female: bool) -> str:
    from jiceng.forms.validators import id_check_character

    sequence = rng.randrange(0, 50) * 2 + (0 if female else 1)  # odd = male (GB 11643 §4.3)
    first17 = f"{area}{birth:%Y%m%d}{rng.randrange(0, 10)}{sequence:02d}"
    return first17 + id_check_character(first17)


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.forms import records, services
    from jiceng.forms.models import DataElement, ReportField
    from jiceng.forms.queries import measures
    from jiceng.forms.schema import load_forms_json

    clerks = {
        u.organisation.name: u
        for u in User.objects.filter(role="department_clerk", organisation__county=county)
        .select_related("organisation")
        .order_by("id")
    }
    if not clerks:
        return []
    fallback = list(clerks.values())
    for i, (department, code, title, period, fields) in enumerate(DEMO_FORMS):
        clerk = clerks.get(department, fallback[i % len(fallback)])
        forms = load_forms_json([_contract(code, title, period, fields)])
        services.register_forms(actor=clerk, forms=forms, source_name=f"{code}.json")
    admin = User.objects.get(organisation=county, role="county_admin")
    services.run_matching(actor=admin)
    for proposal in DataElement.objects.filter(county=county).order_by("id"):
        services.accept_element(actor=admin, element=proposal, note="演示：确认匹配结果")

    def element(code: str, name: str) -> int:
        return ReportField.objects.get(form__county=county, form__code=code, name=name).element_id

    rng = random.Random(demo.seed * 7919 + 4)
    area = f"36{rng.randrange(1000, 9999)}"
    townships = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP).order_by(
            "code"
        )[:2]
    )
    created = 0
    for township in townships:
        clerk = User.objects.filter(organisation=township, role="township_clerk").first()
        if clerk is None:
            continue
        villages = list(township.children.order_by("code").values_list("name", flat=True)) or [""]
        for n in range(6):
            female = rng.random() < 0.5
            given = GIVEN_FEMALE if female else GIVEN_MALE
            name = (
                rng.choice(SURNAMES[:60])
                + rng.choice(given)
                + (rng.choice(given) if rng.random() < 0.6 else "")
            )
            birth = dt.date(rng.randrange(1936, 1946), rng.randrange(1, 13), rng.randrange(1, 29))
            values = {
                element("MZ-GL", "村（社区）"): rng.choice(villages),
                element("MZ-GL", "姓名"): name,
                element("MZ-GL", "性别"): "女" if female else "男",
                element("MZ-GL", "身份证号码"): demo_id_number(rng, area, birth, female),
                element("MZ-GL", "联系电话"): f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                element("MZ-GL", "津贴标准（元/月）"): rng.choice(["100", "200", "300"]),
                element("MZ-GL", "发放方式"): "银行代发",
                element(
                    "WJ-QY", "签约日期"
                ): f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                element("WJ-QY", "慢病类型"): rng.choice(["高血压", "糖尿病", "无"]),
                element("RS-JY", "就业状态"): "未就业",
            }
            if n % 2 == 0:
                values[element("WJ-QY", "紧急联系人")] = rng.choice(SURNAMES[:60]) + rng.choice(
                    GIVEN_MALE
                )
                values[element("WJ-QY", "紧急联系人电话")] = f"13{rng.randrange(10**8, 10**9)}"
            records.save_record(actor=clerk, kind="person", values=values)
            created += 1
        for _ in range(2):
            head = rng.choice(SURNAMES[:60]) + rng.choice(GIVEN_MALE) + rng.choice(GIVEN_MALE)
            birth = dt.date(rng.randrange(1950, 1975), rng.randrange(1, 13), rng.randrange(1, 29))
            records.save_record(
                actor=clerk,
                kind="household",
                values={
                    element("NY-FW", "行政村"): rng.choice(villages),
                    element("NY-FW", "户主姓名"): head,
                    element("NY-FW", "户主身份证号"): demo_id_number(rng, area, birth, False),
                    element("NY-FW", "户主联系电话"): f"15{rng.randrange(10**8, 10**9)}",
                    element("NY-FW", "家庭人口数"): str(rng.randrange(1, 6)),
                    element("NY-FW", "房屋结构"): rng.choice(["砖混", "砖木", "土木"]),
                    element("NY-FW", "鉴定等级"): rng.choice(["A级", "B级", "C级"]),
                },
            )
            created += 1
    m = measures(county)
    return [
        f"一表通报表 {m.forms} 张（{m.fields_asked} 个字段），确认数据元素后基础表每条记录少填 "
        f"{m.fields_saved} 项；两个乡镇基础表记录 {created} 条，免于重复填报 {m.cells_saved} 个单元格"
    ]
