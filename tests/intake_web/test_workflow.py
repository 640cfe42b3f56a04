import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jiceng.core.models import AuditEntry
from jiceng.intake import services
from jiceng.intake.models import IntakeTask
from jiceng.intake.signals import task_released
from tests.conftest import login

pytestmark = pytest.mark.django_db(transaction=False)

ADMIT_TEXT = {
    "title": "关于做好低收入人口走访排查的通知",
    "body": "请各乡镇对辖区低收入家庭开展一次入户走访排查，发现符合条件的及时提出救助申请，12月20日前报送排查情况。",
    "deadline_days": 20,
}
TRACE_TEXT = {
    "title": "关于开展汛期山塘巡查的通知",
    "body": "请各乡镇组织对山塘水库和地质灾害隐患点开展巡查。每次巡查须拍摄不少于10张照片并上传工作群，每日在群内打卡报送巡查截图。",
    "deadline_days": 10,
}


def submit(client, user, **fields):
    login(client, user)
    response = client.post(reverse("intake:submit"), fields)
    client.logout()
    return response


def test_department_submits_and_sees_screening_at_once(client, duty_world):
    clerk = duty_world.user("department_clerk")
    login(client, clerk)
    response = client.post(reverse("intake:submit"), ADMIT_TEXT, follow=True)
    task = IntakeTask.objects.get()
    assert response.status_code == 200
    html = response.content.decode()
    assert "审查结论" in html and task.engine_reasons and task.engine_reasons[0] in html
    assert task.department == clerk.organisation and task.status == "screened" and not task.released
    assert set(task.targets.all()) == set(
        t for t in duty_world.townships if t.county == duty_world.counties[0]
    )
    assert AuditEntry.objects.filter(
        action="create", object_type="intake.IntakeTask", object_id=str(task.pk)
    ).exists()


def test_evidence_is_highlighted_on_the_detail_page(client, duty_world):
    clerk = duty_world.user("department_clerk")
    login(client, clerk)
    client.post(reverse("intake:submit"), TRACE_TEXT)
    task = IntakeTask.objects.get()
    assert task.engine_flags, "trace and chat-group demands must be flagged"
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert '<mark class="flag"' in html
    for flag in task.engine_flags:
        assert flag["evidence"] in task.title + task.body + task.upstream_requirement


def test_override_requires_a_reason_and_is_audited(duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(actor=clerk, **ADMIT_TEXT)
    other = "reject" if task.engine_decision != "reject" else "admit"
    with pytest.raises(Exception, match="理由"):
        services.review_task(actor=admin, task=task, decision=other)
    task = services.review_task(
        actor=admin, task=task, decision=other, reason="该事项已由县级统一开展"
    )
    assert task.status == "overridden" and task.final_decision == other
    entry = AuditEntry.objects.filter(action="review").latest("id")
    assert entry.note == "该事项已由县级统一开展" and entry.after["final_decision"] == other


def test_township_sees_only_released_tasks(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    kept = services.submit_task(actor=clerk, **ADMIT_TEXT)
    refused = services.submit_task(actor=clerk, **TRACE_TEXT)
    waiting = services.submit_task(
        actor=clerk, title="待复核任务", body="请各乡镇开展防汛巡查并组织群众转移避险。"
    )
    services.review_task(actor=admin, task=kept, decision="admit", reason="同意", flags=[])
    services.review_task(
        actor=admin,
        task=refused,
        decision="reject",
        reason="形式主义要求过多",
        flags=["excessive_traces"],
    )
    township = duty_world.user("township_clerk")
    login(client, township)
    inbox = client.get(reverse("intake:inbox")).content.decode()
    assert kept.title in inbox and refused.title not in inbox and waiting.title not in inbox
    assert client.get(reverse("intake:detail", args=[kept.pk])).status_code == 200
    assert client.get(reverse("intake:detail", args=[refused.pk])).status_code == 404
    assert client.get(reverse("intake:detail", args=[waiting.pk])).status_code == 404
    assert client.get(f"/api/intake/tasks/{refused.pk}").status_code == 404
    ids = {t["id"] for t in client.get("/api/intake/tasks").json()}
    assert ids == {kept.pk}


def test_revised_task_shows_the_parts_to_cut_struck_out(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(actor=clerk, **TRACE_TEXT)
    codes = [f["code"] for f in task.engine_flags]
    services.review_task(
        actor=admin,
        task=task,
        decision="revise",
        reason="删去留痕和打卡要求后准入",
        duty_item="JB-002",
        category="basic",
        flags=codes,
    )
    login(client, duty_world.user("township_clerk"))
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert '<del class="cut"' in html and "需删减" in html


def test_department_sees_why_its_task_was_returned(client, duty_world):
    clerk = duty_world.user("department_clerk")
    task = services.submit_task(actor=clerk, **TRACE_TEXT)
    services.review_task(
        actor=duty_world.user("county_admin"),
        task=task,
        decision="reject",
        reason="要求过度留痕",
        flags=["excessive_traces"],
    )
    login(client, clerk)
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert "退回" in html and "要求过度留痕" in html


def test_out_of_list_task_approval_flow(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(
        actor=clerk, title="关于协助开展某项统计的通知", body="请各乡镇协助完成一次性的专项统计。"
    )
    services.review_task(
        actor=admin,
        task=task,
        decision="reject",
        category="none",
        duty_item="",
        reason="清单外事项",
        flags=[],
    )
    task.refresh_from_db()
    login(client, clerk)
    client.post(
        reverse("intake:request_approval", args=[task.pk]), {"reason": "省里统一部署，确需乡镇协助"}
    )
    task.refresh_from_db()
    assert task.approval == "requested"
    client.logout()
    login(client, admin)
    client.post(
        reverse("intake:decide_approval", args=[task.pk]),
        {"grant": "yes", "reason": "同意，一次性任务"},
    )
    task.refresh_from_db()
    assert task.approval == "granted" and task.released


def test_released_hook_fires_after_commit_only(duty_world, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, task, **kwargs):
        received.append(task.pk)

    task_released.connect(listener)
    try:
        task = services.submit_task(actor=duty_world.user("department_clerk"), **ADMIT_TEXT)
        with django_capture_on_commit_callbacks(execute=True):
            services.review_task(
                actor=duty_world.user("county_admin"),
                task=task,
                decision="admit",
                reason="同意",
                flags=[],
            )
        assert received == [task.pk]
        rejected = services.submit_task(actor=duty_world.user("department_clerk"), **ADMIT_TEXT)
        with django_capture_on_commit_callbacks(execute=True):
            services.review_task(
                actor=duty_world.user("county_admin"),
                task=rejected,
                decision="reject",
                reason="不同意",
                flags=[],
            )
        assert received == [task.pk]
    finally:
        task_released.disconnect(listener)


@pytest.mark.parametrize("role", ["township_clerk", "observer", "county_admin"])
def test_only_departments_submit(client, duty_world, role):
    login(client, duty_world.user(role))
    assert client.get(reverse("intake:submit")).status_code == 403
    assert client.post(
        "/api/intake/tasks", ADMIT_TEXT, content_type="application/json"
    ).status_code in (403,)


@pytest.mark.parametrize("role", ["township_clerk", "observer", "department_clerk"])
def test_only_the_county_admin_reviews(client, duty_world, role):
    task = services.submit_task(actor=duty_world.user("department_clerk"), **ADMIT_TEXT)
    login(client, duty_world.user(role))
    response = client.post(
        reverse("intake:review", args=[task.pk]),
        {"decision": "admit", "category": "basic", "reason": "x"},
    )
    assert response.status_code in (403, 404)
    task.refresh_from_db()
    assert task.status == "screened"


def test_docx_notice_upload_is_read(client, duty_world):
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("县第0局文件")
    document.add_paragraph("关于做好低收入人口走访排查的通知")
    document.add_paragraph("请各乡镇对辖区低收入家庭开展一次入户走访排查。")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "通知.docx"
    login(client, duty_world.user("department_clerk"))
    client.post(reverse("intake:submit"), {"notice": buffer})
    task = IntakeTask.objects.get()
    assert (
        task.title == "关于做好低收入人口走访排查的通知"
        and "入户走访" in task.body
        and task.source_file == "通知.docx"
    )


def test_bad_upload_gets_a_chinese_error_and_nothing_saved(client, duty_world):
    import io

    fake = io.BytesIO(b"\x00\x01binary")
    fake.name = "通知.docx"
    login(client, duty_world.user("department_clerk"))
    response = client.post(reverse("intake:submit"), {"notice": fake})
    assert response.status_code == 200 and "Word" in response.content.decode()
    assert not IntakeTask.objects.exists()


def test_detail_names_the_item_in_force_with_its_lead_and_township_role(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(actor=clerk, **ADMIT_TEXT)
    services.review_task(
        actor=admin,
        task=task,
        decision="admit",
        reason="属配合宣传事项",
        duty_item="PH-001",
        category="cooperating",
        flags=[],
    )
    login(client, admin)
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert "PH-001 配合开展食品安全宣传" in html
    assert "县第0局" in html and "配合宣传、发现和报告问题线索" in html
    client.logout()
    login(client, duty_world.user("township_clerk"))
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert "PH-001 配合开展食品安全宣传" in html
    assert "本镇（街道）在该配合事项中的职责：配合宣传、发现和报告问题线索" in html


def test_a_reviewer_finding_no_item_is_not_shown_the_engines_item(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(actor=clerk, **ADMIT_TEXT)
    assert task.engine_duty_item, "the engine matches the listed visiting duty"
    services.review_task(
        actor=admin,
        task=task,
        decision="reject",
        reason="县里已统一开展，清单外",
        duty_item="",
        category="none",
        flags=[],
    )
    task.refresh_from_db()
    assert task.duty_item == "" and task.duty_item_record() is None
    login(client, admin)
    html = client.get(reverse("intake:detail", args=[task.pk])).content.decode()
    assert "未匹配到清单事项（清单外事项）" in html
    listing = client.get(reverse("intake:list")).content.decode()
    assert task.engine_duty_item not in listing
    assert client.get(f"/api/intake/tasks/{task.pk}").json()["duty_item"] is None


def test_list_filters_by_sender_and_puts_the_least_certain_first(client, duty_world):
    clerk = duty_world.user("department_clerk")
    sure = services.submit_task(actor=clerk, **ADMIT_TEXT)
    unsure = services.submit_task(actor=clerk, **TRACE_TEXT)
    IntakeTask.objects.filter(pk=sure.pk).update(engine_confidence=0.95)
    IntakeTask.objects.filter(pk=unsure.pk).update(engine_confidence=0.20)
    login(client, duty_world.user("county_admin"))
    url = reverse("intake:list")
    newest_first = client.get(url).content.decode()
    assert newest_first.index(unsure.title) < newest_first.index(sure.title)
    IntakeTask.objects.filter(pk=unsure.pk).update(submitted_at=sure.submitted_at)
    IntakeTask.objects.filter(pk=sure.pk).update(engine_confidence=0.10)
    by_confidence = client.get(url, {"order": "confidence"}).content.decode()
    assert by_confidence.index(sure.title) < by_confidence.index(unsure.title)
    assert "0.10" in by_confidence
    own = client.get(url, {"department": clerk.organisation.pk}).content.decode()
    assert sure.title in own and unsure.title in own
    other = client.get(url, {"department": clerk.organisation.pk + 999}).content.decode()
    assert sure.title not in other and "暂无任务" in other


def test_township_inbox_shows_the_due_date_and_what_has_run_out(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    task = services.submit_task(actor=clerk, **ADMIT_TEXT)  # 20 days
    services.review_task(actor=admin, task=task, decision="admit", reason="同意", flags=[])
    sent = timezone.localdate()
    login(client, duty_world.user("township_clerk"))
    html = client.get(reverse("intake:inbox")).content.decode()
    due = sent + datetime.timedelta(days=20)
    assert f"{due:%Y-%m-%d} 前" in html and "发文起 20 天" in html and "已过期" not in html
    IntakeTask.objects.filter(pk=task.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=30)
    )
    html = client.get(reverse("intake:inbox")).content.decode()
    assert "已过期" in html


def test_overrides_are_counted_per_rule_the_engine_applied(client, duty_world):
    clerk = duty_world.user("department_clerk")
    admin = duty_world.user("county_admin")
    confirmed = services.submit_task(actor=clerk, **ADMIT_TEXT)
    changed = services.submit_task(actor=clerk, **TRACE_TEXT)
    assert confirmed.engine_reasons[-1].startswith("结论：准入（规则1）")
    assert changed.engine_reasons[-1].startswith("结论：修改后准入（规则6）")
    services.review_task(actor=admin, task=confirmed, decision="admit", reason="同意", flags=[])
    services.review_task(
        actor=admin, task=changed, decision="reject", reason="留痕要求过多，退回重拟", flags=[]
    )
    counts = services.override_counts(IntakeTask.objects.all())
    assert counts["rule_reviewed"] == {"1": 1, "6": 1}
    assert counts["rule_overridden"] == {"6": 1}
    login(client, admin)
    html = client.get(reverse("intake:list")).content.decode()
    row = html[html.index("规则6 删减形式主义要求后准入") :]
    assert row.index("100%") < row.index("</tr>")


def test_the_list_names_each_problem_once(client, duty_world):
    clerk = duty_world.user("department_clerk")
    task = services.submit_task(actor=clerk, **TRACE_TEXT)
    flag = dict(task.engine_flags[0])
    twice = [flag, {**flag, "evidence": "另一处", "start": 0, "end": 3}]
    IntakeTask.objects.filter(pk=task.pk).update(engine_flags=twice)
    login(client, duty_world.user("county_admin"))
    html = client.get(reverse("intake:list")).content.decode()
    assert html.count(f'<span class="badge">{flag["label_zh"]}</span>') == 1
