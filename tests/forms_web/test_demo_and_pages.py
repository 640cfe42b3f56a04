"""The demo data goes through the services and is valid; every 一表通 page renders for its roles."""

import pytest
from django.urls import reverse

from jiceng.forms.models import BaseRecord, BaseValue, DataElement, ReportForm
from jiceng.forms.validators import validate_id_number
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_demo_seed_registers_forms_confirms_dictionary_and_fills_two_townships(db):
    from jiceng.demo.names import generate_county
    from jiceng.forms import demo as forms_demo
    from jiceng.web.demo_seed import _create_organisations, _create_users

    demo = generate_county(7)
    county = _create_organisations(demo)
    _create_users(demo, county)
    facts = forms_demo.seed(demo, county)
    assert facts and "一表通" in facts[0]
    assert ReportForm.objects.filter(county=county, is_current=True).count() == 4
    assert not DataElement.objects.filter(county=county).exclude(status="accepted").exists()
    assert BaseRecord.objects.values("township").distinct().count() == 2
    ids = BaseValue.objects.filter(element__field_type="id_number").values_list("value", flat=True)
    assert ids and all(validate_id_number(v) is None for v in ids)
    # Departments' forms share elements: at least the resident's name, ID and phone.
    shared = [
        e
        for e in DataElement.objects.filter(county=county)
        if e.fields.values("form").distinct().count() > 1
    ]
    assert len(shared) >= 3


PAGES = {
    "county_admin": ["forms:list", "forms:elements", "forms:measures"],
    "observer": ["forms:list", "forms:elements", "forms:measures"],
    "department_clerk": ["forms:list", "forms:register", "forms:elements", "forms:measures"],
    "township_clerk": ["forms:list", "forms:elements", "forms:base", "forms:measures"],
}


@pytest.mark.parametrize("role", sorted(PAGES))
def test_pages_render_for_each_role(client, dictionary, role):
    login(client, dictionary.user(role))
    for name in PAGES[role]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "一表通" in response.content.decode()
    form = ReportForm.objects.get(code="GL01")
    expected = (
        200
        if role != "department_clerk" or form.department == dictionary.user(role).organisation
        else 404
    )
    assert client.get(reverse("forms:detail", args=[form.pk])).status_code == expected
    home = client.get(reverse("home")).content.decode()
    assert reverse("forms:list") in home


@pytest.mark.parametrize("role", ["county_admin", "observer", "department_clerk"])
def test_township_pages_are_forbidden_to_other_roles(client, world, role):
    login(client, world.user(role))
    assert client.get(reverse("forms:base")).status_code == 403
    assert client.get(reverse("forms:record_new", args=["person"])).status_code == 403
    assert client.get(reverse("forms:record_import", args=["person"])).status_code == 403


def test_register_page_is_for_departments_only(client, world):
    for role in ("county_admin", "observer", "township_clerk"):
        login(client, world.user(role))
        assert client.get(reverse("forms:register")).status_code == 403
        client.logout()


def test_template_download_lists_the_base_elements(client, dictionary):
    import io

    from openpyxl import load_workbook

    login(client, dictionary.user("township_clerk"))
    response = client.get(reverse("forms:record_import", args=["household"]) + "?template=1")
    header = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert "户主公民身份号码" in header or any("户主" in h for h in header)
    assert not any("填报" in h for h in header)
