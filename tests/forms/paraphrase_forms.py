"""Invented forms (not from any sample) that paraphrase common county forms, with the expected
data elements; used to check that matching generalises beyond one set of labels."""

from __future__ import annotations

from typing import Any


def f(
    name: str, type_: str = "text", description: str = "", options: list[str] | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if options:
        item["options"] = options
    return item


SEX = ["男", "女"]

FORMS: list[dict[str, Any]] = [
    {
        "id": "A1",
        "department": "县乡村振兴局",
        "title": "防止返贫监测对象动态管理台账",
        "period": "月报",
        "fields": [
            f("镇（街道）"),
            f("所在村"),
            f("村民组"),
            f("户主名字"),
            f("户主公民身份号码", "id_number"),
            f("户主手机", "phone"),
            f("家庭人口（人）", "number"),
            f("家庭年人均纯收入（元）", "money"),
            f("帮扶责任人"),
            f("联系电话", "phone"),
            f("填表人"),
            f("填表时间", "date"),
        ],
    },
    {
        "id": "A2",
        "department": "县人社局",
        "title": "城乡居民基本养老保险待遇领取人员名册",
        "period": "月报",
        "fields": [
            f("乡（镇）"),
            f("村（居）名称"),
            f("人员姓名"),
            f("居民身份证号码", "id_number"),
            f("性别", "enum", options=SEX),
            f("出生年月日", "date"),
            f("手机号", "phone"),
            f("户口地址", "address"),
            f("月养老金（元）", "money"),
            f("待遇领取开始时间", "date"),
            f("开户行"),
            f("银行账号"),
            f("经办人"),
            f("经办日期", "date"),
        ],
    },
    {
        "id": "A3",
        "department": "县民政局",
        "title": "特困人员救助供养对象花名册",
        "period": "季报",
        "fields": [
            f("所属乡镇"),
            f("社区（村）"),
            f("供养对象姓名"),
            f("身份证号", "id_number"),
            f("性别", "enum", options=SEX),
            f("年龄", "number"),
            f("居住地址", "address"),
            f("联系方式", "phone"),
            f("供养金额（元/月）", "money"),
            f("申请时间", "date"),
            f("监护人"),
            f("联系电话", "phone"),
            f("填报人"),
            f("审核人"),
            f("填报日期", "date"),
        ],
    },
    {
        "id": "A4",
        "department": "县教育局",
        "title": "学前教育幼儿资助发放名册",
        "period": "学期报",
        "fields": [
            f("幼儿园名称"),
            f("幼儿姓名"),
            f("性别", "enum", options=SEX),
            f("身份证件号码", "id_number"),
            f("父亲姓名"),
            f("母亲姓名"),
            f("监护人联系方式", "phone"),
            f("家庭住址", "address"),
            f("资助金额（元）", "money"),
            f("申请日期", "date"),
            f("填报人"),
            f("填报日期", "date"),
        ],
    },
    {
        "id": "A5",
        "department": "县统计局",
        "title": "行政村基本情况调查表",
        "period": "年报",
        "fields": [
            f("乡镇名称"),
            f("村委会名称"),
            f("村民小组数（个）", "number"),
            f("总户数（户）", "number"),
            f("耕地面积（亩）", "number", "全村实有耕地"),
            f("村集体经营性收入（万元）", "money"),
            f("单位负责人"),
            f("填表人"),
            f("联系电话", "phone"),
            f("报出日期", "date"),
        ],
    },
    {
        "id": "A6",
        "department": "县农业农村局",
        "title": "种粮农民一次性补贴发放表",
        "period": "一次性",
        "fields": [
            f("乡镇"),
            f("行政村"),
            f("组别"),
            f("户主姓名"),
            f("户主身份证号码", "id_number"),
            f("联系电话（户主）", "phone"),
            f("承包耕地面积（亩）", "number"),
            f("补贴金额（元）", "money"),
            f("惠农一卡通账号"),
            f("填报单位"),
            f("填报人"),
            f("填报日期", "date"),
        ],
    },
]

# Expected elements with two or more members; every other field stands alone.
EXPECTED: list[set[str]] = [
    {"A1:镇（街道）", "A2:乡（镇）", "A3:所属乡镇", "A5:乡镇名称", "A6:乡镇"},
    {"A1:所在村", "A2:村（居）名称", "A3:社区（村）", "A5:村委会名称", "A6:行政村"},
    {"A1:村民组", "A6:组别"},
    {"A1:户主公民身份号码", "A6:户主身份证号码"},
    {"A1:户主手机", "A6:联系电话（户主）"},
    {"A2:人员姓名", "A3:供养对象姓名", "A4:幼儿姓名"},
    {"A2:居民身份证号码", "A3:身份证号", "A4:身份证件号码"},
    {"A2:性别", "A3:性别", "A4:性别"},
    {"A2:手机号", "A3:联系方式"},
    {"A3:居住地址", "A4:家庭住址"},
    {"A2:银行账号", "A6:惠农一卡通账号"},
    {"A3:联系电话", "A4:监护人联系方式"},
    {"A1:填表人", "A2:经办人", "A3:填报人", "A4:填报人", "A5:填表人", "A6:填报人"},
    {"A1:填表时间", "A2:经办日期", "A3:填报日期", "A4:填报日期", "A5:报出日期", "A6:填报日期"},
    {"A1:户主名字", "A6:户主姓名"},
]
