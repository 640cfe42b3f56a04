"""The county admin's review of proposed data elements: accept, split, merge, rename — audited."""

import pytest
from django.urls import reverse

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputError
from jiceng.forms import services
from jiceng.forms.models import BaseRecord, BaseValue, DataElement, ReportField
from tests.conftest import login
from tests.forms_web.conftest import element_named, register

pytestmark = pytest.mark.django_db


def test_matching_proposes_elements_covering_every_field_with_reasons(client, registered):
    admin = registered.user("county_admin")
    summary = services.run_matching(actor=admin)
    county = registered.counties[0]
    fields = ReportField.objects.filter(form__county=county)
    assert summary.fields == fields.count() and not fields.filter(element__isnull=True).exists()
    id_element = element_named(county, "GL01:身份证号", "YS02:公民身份号码")
    assert id_element.status == "proposed" and id_element.field_type == "id_number"
    assert id_element.reasons and 0 < id_element.confidence <= 1
    # The household head's ID is a different subject: never merged with the resident's own.
    assert ReportField.objects.get(form__code="FW03", name="户主身份证号").element != id_element
    assert AuditEntry.objects.filter(action="review", note__startswith="运行字段匹配").exists()
    login(client, admin)
    html = client.get(reverse("forms:elements")).content.decode()
    assert id_element.name in html and id_element.reasons[0] in html and "置信度" in html


def test_accept_rename_split_merge_are_audited(registered):
    admin = registered.user("county_admin")
    county = registered.counties[0]
    services.run_matching(actor=admin)
    phone = element_named(county, "GL01:联系电话", "YS02:手机号码")

    services.accept_element(actor=admin, element=phone)
    phone.refresh_from_db()
    assert phone.status == "accepted" and phone.reviewed_by == admin
    entry = AuditEntry.objects.filter(
        object_type="forms.DataElement", object_id=str(phone.pk)
    ).latest("id")
    assert (
        entry.action == "review"
        and entry.before["status"] == "proposed"
        and entry.after["status"] == "accepted"
    )

    services.rename_element(actor=admin, element=phone, name="本人联系电话")
    entry = AuditEntry.objects.latest("id")
    assert entry.before["name"] != "本人联系电话" and entry.after == {"name": "本人联系电话"}

    mobile = ReportField.objects.get(form__code="YS02", name="手机号码")
    new = services.split_member(actor=admin, element=phone, field_id=mobile.pk)
    mobile.refresh_from_db()
    assert mobile.element == new and new.pk != phone.pk and new.status == "accepted"
    entry = AuditEntry.objects.latest("id")
    assert (
        entry.after["split_member"] == "YS02:手机号码"
        and "YS02:手机号码" in entry.before["members"]
    )
    assert "YS02:手机号码" not in entry.after["members"]

    services.merge_elements(actor=admin, target=phone, other=new)
    mobile.refresh_from_db()
    assert mobile.element == phone and not DataElement.objects.filter(pk=new.pk).exists()
    entry = AuditEntry.objects.latest("id")
    assert "合并" in entry.note and set(entry.after["members"]) == {
        "GL01:联系电话",
        "YS02:手机号码",
    }


def test_review_guards(registered):
    admin = registered.user("county_admin")
    county = registered.counties[0]
    services.run_matching(actor=admin)
    phone = element_named(county, "GL01:联系电话")
    id_element = element_named(county, "GL01:身份证号")
    with pytest.raises(InputError, match="类型不同"):
        services.merge_elements(actor=admin, target=phone, other=id_element)
    lone = element_named(county, "FW03:房屋结构")
    with pytest.raises(InputError, match="只有一个字段"):
        services.split_member(actor=admin, element=lone, field_id=lone.fields.get().pk)
    with pytest.raises(InputError):
        services.rename_element(actor=admin, element=lone, name="  ")
    for role in ("department_clerk", "township_clerk", "observer"):
        with pytest.raises(ForbiddenError):
            services.accept_element(actor=registered.user(role), element=lone)


def test_split_keeps_the_values_townships_already_filled(dictionary):
    admin = dictionary.user("county_admin")
    county = dictionary.counties[0]
    from jiceng.forms import records

    phone = element_named(county, "GL01:联系电话", "YS02:手机号码")
    obj = records.save_record(
        actor=dictionary.user("township_clerk"), kind="person", values={phone.pk: "13812345678"}
    )
    mobile = ReportField.objects.get(form__code="YS02", name="手机号码")
    new = services.split_member(actor=admin, element=phone, field_id=mobile.pk)
    assert BaseValue.objects.get(record=obj, element=new).value == "13812345678"
    assert BaseRecord.objects.count() == 1


def test_rerun_keeps_confirmed_elements_and_flags_new_members(dictionary):
    admin = dictionary.user("county_admin")
    county = dictionary.counties[0]
    id_element = element_named(county, "GL01:身份证号")
    register(
        dictionary.user("department_clerk", 0, 1),
        {
            "id": "JY07",
            "title": "就业困难人员登记",
            "period": "季报",
            "fields": [
                {"name": "姓名", "type": "text"},
                {"name": "身份证号码", "type": "id_number"},
                {"name": "就业意向", "type": "text"},
            ],
        },
    )
    services.run_matching(actor=admin)
    id_element.refresh_from_db()
    new_field = ReportField.objects.get(form__code="JY07", name="身份证号码")
    assert (
        new_field.element == id_element
        and id_element.status == "accepted"
        and id_element.needs_review
    )
    assert any("JY07:身份证号码" in r for r in id_element.reasons)
    assert DataElement.objects.filter(county=county, status="proposed").exists()


def test_review_pages_post_and_role_checks(client, registered):
    admin = registered.user("county_admin")
    services.run_matching(actor=admin)
    element = DataElement.objects.filter(county=registered.counties[0]).first()
    login(client, admin)
    response = client.post(reverse("forms:element_action", args=[element.pk, "accept"]))
    assert response.status_code == 302
    element.refresh_from_db()
    assert element.status == "accepted"
    client.logout()
    for role in ("department_clerk", "township_clerk", "observer"):
        login(client, registered.user(role))
        assert (
            client.post(
                reverse("forms:element_action", args=[element.pk, "rename"]), {"name": "x"}
            ).status_code
            == 403
        )
        assert client.post(reverse("forms:run_match")).status_code == 403
        assert client.post(f"/api/forms/elements/{element.pk}/accept").status_code == 403
        client.logout()
    login(client, registered.user("county_admin", county=1))
    assert (
        client.post(reverse("forms:element_action", args=[element.pk, "accept"])).status_code == 404
    )
    assert (
        client.post(
            f"/api/forms/elements/{element.pk}/rename",
            {"name": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
