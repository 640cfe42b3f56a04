"""Procurement pages, services and API: catalogue import, checked requests, contracts, reviews, isolation."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputError, NotFoundError
from jiceng.procurement import queries, services
from jiceng.procurement.models import CatalogueItem, Contract, PurchaseRequest
from tests.capacity.helpers import xlsx
from tests.conftest import login

pytestmark = pytest.mark.django_db
YEAR = date.today().year

CATALOGUE = [
    ["服务目录"],
    ["编码", "类别", "服务项目", "服务内容", "清单类型", "理由"],
    ["S1", "公共服务", "居家养老服务", "为失能、高龄老人提供助餐助浴和上门照护", "正面", ""],
    ["S2", "技术服务", "法律顾问服务", "法律咨询、合同审查", "正面", ""],
    ["X1", "", "辅警岗位", "以购买服务名义设置辅助人员岗位", "负面", "人员聘用"],
]


def seed_catalogue(world, county=0):
    return services.import_catalogue(
        actor=world.user("county_admin", county=county), data=xlsx(CATALOGUE), filename="目录.xlsx"
    )


def test_catalogue_import_page_and_bad_file_imports_nothing(client, world):
    login(client, world.user("county_admin"))
    response = client.post(
        reverse("procurement:catalogue"),
        {"file": SimpleUploadedFile("目录.xlsx", xlsx(CATALOGUE))},
        follow=True,
    )
    assert response.status_code == 200 and CatalogueItem.objects.count() == 3
    assert AuditEntry.objects.filter(action="import", note__contains="指导目录").exists()
    bad = xlsx(
        [
            ["编码", "服务项目", "服务内容", "清单类型"],
            ["S9", "保洁", "", "正面"],
            ["S10", "融资服务", "为项目融资", "正面"],
        ]
    )
    html = client.post(
        reverse("procurement:catalogue"), {"file": SimpleUploadedFile("坏.xlsx", bad)}, follow=True
    ).content.decode()
    assert "第 3 行" in html and "融资" in html
    assert (
        CatalogueItem.objects.count() == 3 and not CatalogueItem.objects.filter(code="S9").exists()
    )
    client.logout()
    login(client, world.user("township_clerk"))
    assert (
        client.post(
            reverse("procurement:catalogue"),
            {"file": SimpleUploadedFile("目录.xlsx", xlsx(CATALOGUE))},
        ).status_code
        == 403
    )


def test_request_is_checked_with_reasons_and_forbidden_cannot_be_approved(client, world):
    seed_catalogue(world)
    clerk = world.user("township_clerk")
    admin = world.user("county_admin")
    login(client, clerk)
    response = client.post(
        reverse("procurement:requests"),
        {"title": "购买上门助餐服务", "description": "为高龄老人提供助餐", "budget": "20000"},
        follow=True,
    )
    allowed = PurchaseRequest.objects.get(title="购买上门助餐服务")
    assert allowed.verdict == "allowed" and allowed.catalogue_code == "S1"
    assert "S1 居家养老服务" in response.content.decode()
    forbidden = services.submit_request(
        actor=clerk,
        title="委托公司查处违法建设",
        description="由公司对违建作出处罚决定并强制拆除",
        budget=50000,
    )
    assert forbidden.verdict == "forbidden" and any(
        "财政部令第102号" in r for r in forbidden.reasons
    )
    with pytest.raises(InputError, match="负面清单"):
        services.decide_request(actor=admin, request=forbidden, approve=True, reason="同意")
    with pytest.raises(ForbiddenError):
        services.submit_request(actor=admin, title="x", description="y", budget=1)
    services.decide_request(actor=admin, request=allowed, approve=True, reason="")
    assert AuditEntry.objects.filter(
        action="review", object_type="procurement.PurchaseRequest"
    ).exists()


def test_contract_spend_and_review(world):
    seed_catalogue(world)
    clerk = world.user("township_clerk")
    admin = world.user("county_admin")
    request = services.submit_request(
        actor=clerk, title="法律顾问", description="提供法律咨询和合同审查", budget=30000
    )
    with pytest.raises(InputError, match="尚未获县级同意"):
        services.create_contract(
            actor=clerk,
            township=clerk.organisation,
            request=request,
            title="合同",
            provider="某律所",
            amount=20000,
            start=date(YEAR, 1, 1),
            end=date(YEAR, 12, 31),
        )
    services.decide_request(actor=admin, request=request, approve=True, reason="")
    with pytest.raises(InputError, match="超过申请预算"):
        services.create_contract(
            actor=clerk,
            township=clerk.organisation,
            request=request,
            title="合同",
            provider="某律所",
            amount=40000,
            start=date(YEAR, 1, 1),
            end=date(YEAR, 12, 31),
        )
    contract = services.create_contract(
        actor=clerk,
        township=clerk.organisation,
        request=request,
        title="合同",
        provider="某律所",
        amount=20000,
        start=date(YEAR, 1, 1),
        end=date(YEAR, 12, 31),
    )
    services.record_payment(actor=clerk, contract=contract, amount=15000, on=date(YEAR, 6, 1))
    with pytest.raises(InputError, match="超过合同金额"):
        services.record_payment(actor=clerk, contract=contract, amount=6000)
    review = services.review_performance(
        actor=clerk,
        contract=contract,
        marks={"quantity": 90, "quality": 90, "timeliness": 90, "cost": 90, "satisfaction": 90},
    )
    assert float(review.score) == 90 and review.rating == "优秀"
    spend = {s.township: s for s in queries.spend_by_township(admin, YEAR)}[clerk.organisation.name]
    assert (
        float(spend.budget) == 30000
        and float(spend.contracted) == 20000
        and float(spend.paid) == 15000
    )
    assert queries.provider_scores(admin)[0]["average"] == 90
    summary = queries.township_procurement_summary(clerk.organisation, YEAR)
    assert summary["contracts"] == 1 and summary["paid"] == 15000


def test_isolation_of_requests_and_contracts(client, world):
    seed_catalogue(world, 0)
    seed_catalogue(world, 1)
    records = []
    for c in range(2):
        for t in range(2):
            clerk = world.user("township_clerk", county=c, org=t)
            req = services.submit_request(
                actor=clerk, title=f"法律顾问{c}{t}", description="法律咨询", budget=1000
            )
            services.decide_request(
                actor=world.user("county_admin", county=c), request=req, approve=True, reason="同意"
            )
            records.append(
                services.create_contract(
                    actor=clerk,
                    township=clerk.organisation,
                    request=req,
                    title=f"合同{c}{t}",
                    provider="律所",
                    amount=1000,
                    start=date(2025, 1, 1),
                    end=date(2025, 2, 1),
                )
            )
    for contract in records:
        for user in world.users.values():
            same_county = (
                user.organisation.county_id == contract.county_id
                or user.organisation_id == contract.county_id
            )
            visible = same_county and (
                user.role in ("county_admin", "observer")
                or (user.role == "township_clerk" and user.organisation_id == contract.township_id)
            )
            client.force_login(user)
            page = client.get(reverse("procurement:contract", args=[contract.pk])).status_code
            assert page == (403 if user.role == "department_clerk" else 200 if visible else 404), (
                user.username
            )
            assert client.get(f"/api/procurement/contracts/{contract.pk}").status_code == (
                200 if visible else 404
            )
            assert client.get(f"/api/procurement/requests/{contract.request_id}").status_code == (
                200 if visible else 404
            )
            client.logout()
    assert client.get(reverse("procurement:dashboard")).status_code == 302
    assert client.get("/api/procurement/contracts").status_code == 401
    # Another county's clerk cannot pay into this contract.
    with pytest.raises(NotFoundError):
        services.record_payment(
            actor=world.user("township_clerk", county=1), contract=records[0], amount=1
        )
    assert Contract.objects.count() == 4


def test_check_api_and_pages_render(client, world):
    seed_catalogue(world)
    login(client, world.user("observer"))
    for name in (
        "procurement:dashboard",
        "procurement:catalogue",
        "procurement:requests",
        "procurement:contracts",
    ):
        html = client.get(reverse(name)).content.decode()
        assert "政府购买服务" in html or "购买" in html
    response = client.post(
        "/api/procurement/check",
        {"title": "通过劳务派遣补充窗口人员", "description": ""},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["verdict"] == "forbidden"
    assert "staffing" in response.json()["negative_classes"]
    assert client.post(reverse("procurement:requests"), {"title": "x"}).status_code == 403
