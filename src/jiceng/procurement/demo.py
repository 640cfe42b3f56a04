"""Demo data of the procurement part: a catalogue, requests checked by the real checker, contracts,
payments and reviews — all through the services (deterministic for a seed)."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from openpyxl import Workbook

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty

CATALOGUE = (
    (
        "GM-01",
        "基本公共服务",
        "居家养老服务",
        "为高龄、失能、独居老人提供助餐、助浴、助洁和上门探访",
        "正面",
        "",
    ),
    (
        "GM-02",
        "基本公共服务",
        "困境儿童关爱服务",
        "为留守、困境儿童提供课后照料、心理疏导和安全教育",
        "正面",
        "",
    ),
    (
        "GM-03",
        "社会治理服务",
        "社区矫正社会工作服务",
        "协助开展社区矫正对象心理辅导、教育帮扶和社会适应性帮扶",
        "正面",
        "",
    ),
    (
        "GM-04",
        "社会治理服务",
        "人民调解辅助服务",
        "聘请专业调解员协助开展矛盾纠纷排查和调解",
        "正面",
        "",
    ),
    (
        "GM-05",
        "行业管理与协调",
        "法律顾问服务",
        "为乡镇政府提供法律咨询、合同审查和法治宣传",
        "正面",
        "",
    ),
    (
        "GM-06",
        "技术性服务",
        "安全生产技术服务",
        "委托第三方机构提供隐患排查、检测检验等技术支持",
        "正面",
        "",
    ),
    (
        "GM-07",
        "基本公共服务",
        "农村生活垃圾收运保洁",
        "农村生活垃圾收集、清运和公共区域日常保洁",
        "正面",
        "",
    ),
    (
        "GM-08",
        "政府履职辅助性服务",
        "统计调查辅助服务",
        "协助开展统计调查数据采集和录入",
        "正面",
        "",
    ),
    (
        "FM-01",
        "",
        "乡镇协管员岗位",
        "以购买服务名义设置各类协管员、辅助人员岗位",
        "负面",
        "属于人员聘用，不得购买",
    ),
)
REQUESTS = (
    ("购买高龄老人上门助餐服务", "为辖区高龄和失能老人提供每日助餐和定期上门探访", 180000),
    ("留守儿童暑期课后照料", "为留守儿童提供暑期课后看护、作业辅导和安全教育", 60000),
    ("聘请律师担任政府法律顾问", "提供法律咨询、合同审查和重大决策合法性审查意见", 50000),
    ("委托公司开展占道经营执法", "由公司派员开展占道经营执法巡查并作出罚款决定", 90000),
    ("通过劳务派遣补充综治中心人员", "以劳务派遣方式招用 5 名工作人员在综治中心坐班", 240000),
    ("村道硬化及养护服务打包", "村级道路硬化施工并负责三年养护", 900000),
    ("村级垃圾收运保洁", "全镇各村生活垃圾收集清运和公共区域保洁", 300000),
    ("无人机巡查影像服务", "提供全域无人机航拍影像", 40000),
)
PROVIDERS = (
    "康乐养老服务中心",
    "启明社会工作服务社",
    "衡正律师事务所",
    "洁美环境服务公司",
    "安和安全技术咨询公司",
)


def _catalogue_file() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["政府购买服务指导性目录"])
    ws.append(["编码", "一级目录", "服务项目", "服务内容", "清单类型", "理由"])
    for row in CATALOGUE:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.procurement import services

    rng = random.Random(demo.seed * 11 + 7)
    admin = User.objects.get(organisation=county, role="county_admin")
    clerks = list(
        User.objects.filter(organisation__county=county, role="township_clerk")
        .select_related("organisation")
        .order_by("organisation__code")
    )
    services.import_catalogue(actor=admin, data=_catalogue_file(), filename="指导目录.xlsx")
    today = date.today()
    contracts = 0
    verdicts = {"allowed": 0, "review": 0, "forbidden": 0}
    for i, (title, description, budget) in enumerate(REQUESTS):
        clerk = clerks[i % len(clerks)]
        item = services.submit_request(
            actor=clerk, title=title, description=description, budget=budget
        )
        verdicts[item.verdict] += 1
        if item.verdict == "allowed":
            services.decide_request(actor=admin, request=item, approve=True, reason="")
            contract = services.create_contract(
                actor=clerk,
                township=clerk.organisation,
                request=item,
                title=f"{title}合同",
                provider=PROVIDERS[i % len(PROVIDERS)],
                amount=budget * rng.choice([0.85, 0.9, 0.95]),
                start=today - timedelta(days=200),
                end=today + timedelta(days=165),
            )
            services.record_payment(
                actor=clerk,
                contract=contract,
                amount=float(contract.amount) / 2,
                on=today - timedelta(days=60),
            )
            marks = {
                d: rng.randint(55, 98)
                for d in ("quantity", "quality", "timeliness", "cost", "satisfaction")
            }
            services.review_performance(
                actor=clerk,
                contract=contract,
                marks=marks,
                comment="季度绩效评价",
                on=today - timedelta(days=30),
            )
            contracts += 1
        elif item.verdict == "forbidden":
            services.decide_request(
                actor=admin, request=item, approve=False, reason="属于负面清单事项"
            )
    return [
        f"政府购买服务指导目录 {len(CATALOGUE)} 项；购买申请 {len(REQUESTS)} 项"
        f"（可以购买 {verdicts['allowed']}、需人工审核 {verdicts['review']}、不得购买 {verdicts['forbidden']}）",
        f"购买服务合同 {contracts} 份，含支付和绩效评价",
    ]
