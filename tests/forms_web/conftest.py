"""Fixtures of the 一表通 web tests: small forms written for the tests, registered, matched and
confirmed through the services, and valid generated ID numbers."""

from __future__ import annotations

import pytest

from jiceng.forms import services
from jiceng.forms.models import DataElement
from jiceng.forms.schema import load_forms_json
from jiceng.forms.validators import id_check_character

ELDER_FORM = {
    "id": "GL01",
    "department": "",
    "title": "高龄津贴发放花名册",
    "period": "月报",
    "fields": [
        {"name": "乡镇（街道）", "type": "text"},
        {"name": "姓名", "type": "text"},
        {"name": "身份证号", "type": "id_number"},
        {"name": "联系电话", "type": "phone"},
        {"name": "津贴金额（元）", "type": "money"},
        {"name": "填报人", "type": "text"},
        {"name": "填报日期", "type": "date"},
    ],
}
DOCTOR_FORM = {
    "id": "YS02",
    "department": "",
    "title": "家庭医生签约居民登记表",
    "period": "季报",
    "fields": [
        {"name": "所属乡镇", "type": "text"},
        {"name": "居民姓名", "type": "text"},
        {"name": "公民身份号码", "type": "id_number"},
        {"name": "手机号码", "type": "phone"},
        {"name": "签约日期", "type": "date"},
        {"name": "健康状况", "type": "enum", "options": ["良好", "一般", "较差"]},
    ],
}
HOUSE_FORM = {
    "id": "FW03",
    "department": "",
    "title": "农户房屋安全排查台账",
    "period": "一次性",
    "fields": [
        {"name": "乡镇", "type": "text"},
        {"name": "户主姓名", "type": "text"},
        {"name": "户主身份证号", "type": "id_number"},
        {"name": "房屋结构", "type": "enum", "options": ["砖混", "框架", "土木"]},
    ],
}


def make_id(area: str = "110101", birth: str = "19580312", seq: str = "041") -> str:
    first = area + birth + seq
    return first + id_check_character(first)


def register(user, *forms):
    return services.register_forms(
        actor=user, forms=load_forms_json(list(forms)), source_name="test.json"
    )


@pytest.fixture
def registered(world):
    """County 0: department 0 registers the elder and house forms, department 1 the doctor form."""
    register(world.user("department_clerk", 0, 0), ELDER_FORM, HOUSE_FORM)
    register(world.user("department_clerk", 0, 1), DOCTOR_FORM)
    return world


@pytest.fixture
def dictionary(registered):
    """The county admin has matched the forms and confirmed every proposed element."""
    admin = registered.user("county_admin")
    services.run_matching(actor=admin)
    for element in DataElement.objects.filter(county=registered.counties[0]):
        services.accept_element(actor=admin, element=element)
    return registered


def element_named(county, *member_keys: str) -> DataElement:
    """The element holding all of ``member_keys`` (FORMID:field)."""
    for element in DataElement.objects.filter(county=county):
        members = {f.member_key for f in element.fields.select_related("form")}
        if set(member_keys) <= members:
            return element
    raise AssertionError(f"no element holds {member_keys}")
