import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from jiceng.core.models import AuditEntry
from jiceng.duties.models import DutyItemRecord, DutyList, DutyListVersion
from tests.conftest import login

pytestmark = pytest.mark.django_db

HEADER = "id,category,domain,name,content,basis,lead_department,township_role\n"
ROWS = [
    "JB-001,基本履职事项,社会保障,开展困难群众走访排查,对低收入人口开展走访排查,《社会救助暂行办法》,乡镇,乡镇负责",
    "JB-002,基本履职事项,应急管理,组织防汛巡查,汛期巡查山塘并组织群众转移,《防洪法》,乡镇,乡镇负责",
    "PH-001,配合履职事项,市场监管,配合食品安全宣传,县市场监管部门牵头开展宣传,《食品安全法》,县第0局,配合宣传和报告线索",
    "SH-001,上级部门收回事项,市场监管,餐饮监督检查和处罚,对餐饮单位监督检查并立案查处,《食品安全法》,县第0局,",
]


def csv_upload(rows, name="清单.csv"):
    return SimpleUploadedFile(
        name, (HEADER + "\n".join(rows) + "\n").encode("utf-8"), content_type="text/csv"
    )


def import_list(client, township=None, rows=ROWS, name="清单.csv", note=""):
    data = {"file": csv_upload(rows, name), "note": note}
    if township is not None:
        data["township"] = township.pk
    return client.post(reverse("duties:import"), data)


def test_import_creates_a_version_and_audits(client, world):
    login(client, world.user("county_admin"))
    town = world.townships[0]
    response = import_list(client, town)
    duty_list = DutyList.objects.get(township=town)
    assert response.status_code == 302 and response["Location"] == reverse(
        "duties:detail", args=[duty_list.pk]
    )
    version = duty_list.current_version()
    assert (
        version.number,
        version.item_count,
        version.basic_count,
        version.cooperating_count,
        version.returned_count,
    ) == (1, 4, 2, 1, 1)
    assert AuditEntry.objects.filter(
        action="import", object_type="duties.DutyList", object_id=str(duty_list.pk)
    ).exists()


def test_bad_file_imports_nothing_and_names_row_and_column(client, world):
    login(client, world.user("county_admin"))
    bad = [
        *ROWS,
        "PH-002,配合履职事项,市场监管,缺少牵头部门的事项,内容,依据,,配合",
        "JB-001,基本履职事项,重复,重复编号,内容,依据,乡镇,负责",
    ]
    response = import_list(client, world.townships[0], rows=bad, name="坏清单.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "坏清单.csv" in html and "第 6 行" in html and "第 7 行" in html
    assert not DutyListVersion.objects.exists() and not DutyItemRecord.objects.exists()


def test_reimport_keeps_the_old_version_readable_and_shows_the_diff(client, world):
    login(client, world.user("county_admin"))
    town = world.townships[0]
    import_list(client, town)
    changed = [
        ROWS[0],
        ROWS[1].replace("组织防汛巡查", "组织防汛防台巡查"),
        ROWS[3],
        "JB-003,基本履职事项,民政,新增的事项,新增内容,依据,乡镇,负责",
    ]
    import_list(client, town, rows=changed)
    duty_list = DutyList.objects.get(township=town)
    assert list(duty_list.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    old_page = client.get(
        reverse("duties:detail", args=[duty_list.pk]), {"version": 1}
    ).content.decode()
    assert "配合食品安全宣传" in old_page
    diff = client.get(
        reverse("duties:diff", args=[duty_list.pk]), {"from": 1, "to": 2}
    ).content.decode()
    assert "新增的事项" in diff and "配合食品安全宣传" in diff and "JB-002" in diff


def test_published_xlsx_layout_imports(client, world):
    wb = Workbook()
    ws = wb.active
    ws.append(["某镇履职事项清单"])
    ws.append(["发布单位：某镇人民政府  2026年版"])
    ws.append(
        [
            "序号",
            "事项类别",
            "所属领域",
            "事项名称",
            "具体工作内容",
            "履职依据",
            "牵头（主管）部门",
            "乡镇（街道）职责",
        ]
    )
    ws.append(
        [1, "基本履职事项", "社会保障", "开展困难群众走访排查", "走访排查", "依据", "乡镇", "负责"]
    )
    ws.append([2, None, "应急管理", "组织防汛巡查", "巡查", "依据", "乡镇", "负责"])
    ws.merge_cells("B4:B5")
    ws.append([])
    ws.append(["注：本清单由县委社会工作部汇总。"])
    buffer = io.BytesIO()
    wb.save(buffer)
    login(client, world.user("county_admin"))
    upload = SimpleUploadedFile("公布版.xlsx", buffer.getvalue())
    response = client.post(
        reverse("duties:import"), {"file": upload, "township": world.townships[1].pk}
    )
    assert response.status_code == 302
    version = DutyList.objects.get(township=world.townships[1]).current_version()
    assert version.item_count == 2 and version.basic_count == 2


def test_copy_template_to_a_township(client, world):
    login(client, world.user("county_admin"))
    import_list(client, None)
    response = client.post(reverse("duties:copy_template"), {"township": world.townships[1].pk})
    assert response.status_code == 302
    version = DutyList.objects.get(township=world.townships[1]).current_version()
    assert version.item_count == 4 and "模板" in version.source_name


def test_browse_filter_and_chinese_search(client, world):
    login(client, world.user("county_admin"))
    import_list(client, world.townships[0])
    duty_list = DutyList.objects.get(township=world.townships[0])
    client.logout()
    login(client, world.user("township_clerk"))
    url = reverse("duties:detail", args=[duty_list.pk])
    returned = client.get(url, {"category": "returned"}).content.decode()
    assert "餐饮监督检查和处罚" in returned and "组织防汛巡查" not in returned
    found = client.get(url, {"q": "防汛 巡查"}).content.decode()
    assert "组织防汛巡查" in found and "开展困难群众走访排查" not in found
    phrase = client.get(url, {"q": "困难群众走访"}).content.decode()
    assert "开展困难群众走访排查" in phrase
    by_dept = client.get(url, {"department": "县第0局"}).content.decode()
    assert "配合食品安全宣传" in by_dept and "组织防汛巡查" not in by_dept


def test_list_index_query_count_does_not_grow_with_lists(
    client, world, django_assert_max_num_queries
):
    login(client, world.user("county_admin"))
    for town in world.townships[:2]:
        import_list(client, town)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("duties:list")).status_code == 200
