import pytest

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "基层赋能减负平台 API"
    assert "/api/me" in schema["paths"] and "/api/duties/lists" in schema["paths"]


def test_api_docs_page_uses_local_assets(client, db):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html and "/static/" in html


def test_anonymous_gets_401(client, db):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/audit").status_code == 401


def test_me_reports_role_and_organisation(client, world):
    login(client, world.user("department_clerk", org=1))
    body = client.get("/api/me").json()
    assert body["role"] == "department_clerk" and body["organisation"] == "县第1局"


@pytest.mark.parametrize(
    "role,status",
    [("county_admin", 200), ("observer", 200), ("department_clerk", 403), ("township_clerk", 403)],
)
def test_audit_api_by_role(client, world, role, status):
    login(client, world.user(role))
    assert client.get("/api/audit").status_code == status


def test_organisations_are_the_users_county_only(client, world):
    login(client, world.user("township_clerk"))
    names = {o["name"] for o in client.get("/api/organisations").json()}
    assert "测试0县" in names and "测试1县" not in names
