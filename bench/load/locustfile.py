"""Mixed workload against a running jiceng (the production setup of bench/load/run.sh).

Simulated users sign in with the demo county's accounts and:

* county staff (admin, observer) browse the dashboards and the screening list, and ask for a
  scorecard report now and then (a background job on the Celery worker);
* department clerks browse, screen draft tasks (POST /api/intake/screen) and accept tickets
  routed to them;
* township clerks browse, raise coordination tickets and record burden events.

Every write the server acknowledges (2xx) is counted client-side with the run's tag in its text,
and written to ``$LOAD_ACKS`` (JSON) when the run stops, so ``verify.py`` can check that the
database holds exactly those writes. A 4xx that the platform gives on purpose (accepting a ticket
another user took a moment earlier) is a refusal, not an error; any 5xx or connection error is.
"""

from __future__ import annotations

import json
import os
import random
import threading
from collections import Counter
from datetime import date, timedelta

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "Jiceng-Demo-2026")
TAG = os.environ.get("LOAD_TAG", "压测")
ACKS_FILE = os.environ.get("LOAD_ACKS", "load-acks.json")
DEPARTMENTS = int(os.environ.get("LOAD_DEPARTMENTS", "37"))
TOWNSHIPS = int(os.environ.get("LOAD_TOWNSHIPS", "14"))

ACKS: Counter[str] = Counter()
REFUSED: Counter[str] = Counter()
# Unique markers of the created records: sent (maybe saved) and acknowledged (must be saved).
SENT: dict[str, list[str]] = {"ticket": [], "ledger_event": []}
ACKED: dict[str, list[str]] = {"ticket": [], "ledger_event": []}
_lock = threading.Lock()

DRAFTS = [
    (
        "关于开展农村自建房安全排查的通知",
        "请各乡镇于10个工作日内完成辖区农村自建房安全排查，建立台账并上报。",
    ),
    ("关于报送防汛物资储备情况的通知", "请各乡镇核实防汛物资储备，每周一报送物资清单及照片。"),
    ("关于推广使用政务APP的通知", "请各乡镇组织干部群众下载注册，注册率纳入年度考核。"),
]
PROBLEMS = [
    ("河道治理", "河道内有人夜间挖沙，乡镇没有执法权，需要水利和执法部门到场处置。"),
    ("食品安全", "集市上有摊贩无证经营、销售过期食品，群众多次投诉。"),
    ("生态环境", "一家小作坊向沟渠排放污水，气味很大，需要环保部门检测处置。"),
]
EVENT_TYPES = ["meeting", "document", "inspection", "data_report", "phone_notice", "trace_demand"]


def ack(kind: str, marker: str = "") -> None:
    with _lock:
        ACKS[kind] += 1
        if marker:
            ACKED[kind].append(marker)


def sent(kind: str, marker: str) -> None:
    with _lock:
        SENT[kind].append(marker)


def marker() -> str:
    return f"{TAG}#{random.randint(1, 10**12)}"


@events.test_stop.add_listener
def _write_acks(**_: object) -> None:
    with open(ACKS_FILE, "w", encoding="utf-8") as out:
        json.dump(
            {
                "tag": TAG,
                "acknowledged": dict(ACKS),
                "refused": dict(REFUSED),
                "sent": SENT,
                "acked": ACKED,
            },
            out,
            ensure_ascii=False,
        )


class Signed(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        self.client.get("/login/", name="/login/")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="/login/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed for {self.username}: {response.status_code}")
        self.csrf = self.client.cookies.get("csrftoken", "")

    def api_post(
        self, path: str, payload: dict, name: str, accepted: tuple[int, ...] = (200, 201)
    ) -> dict | None:
        with self.client.post(
            path, json=payload, headers={"X-CSRFToken": self.csrf}, name=name, catch_response=True
        ) as response:
            if response.status_code in accepted:
                response.success()
                return response.json()
            if 400 <= response.status_code < 500 and response.status_code not in (
                401,
                403,
                404,
                422,
            ):
                # The platform refused a write on purpose (state already changed by someone else).
                with _lock:
                    REFUSED[name] += 1
                response.success()
                return None
            response.failure(f"{response.status_code}: {response.text[:200]}")
            return None


class CountyUser(Signed):
    weight = 1

    def on_start(self) -> None:
        self.username = random.choice(["county_admin", "observer"])
        super().on_start()

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(4)
    def ledger_dashboard(self) -> None:
        self.client.get("/ledger/", name="/ledger/")

    @task(3)
    def scorecard(self) -> None:
        self.client.get("/scorecard/", name="/scorecard/")

    @task(2)
    def screening_list(self) -> None:
        self.client.get("/intake/", name="/intake/")

    @task(2)
    def coordination_measures(self) -> None:
        self.client.get("/coordination/measures/", name="/coordination/measures/")

    @task(1)
    def report_job(self) -> None:
        if self.username != "county_admin" or random.random() > 0.2:
            return
        month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        if (
            self.api_post(
                f"/api/scorecard/reports?month={month}", {}, "/api/scorecard/reports [POST]"
            )
            is not None
        ):
            ack("report_job")


class DepartmentUser(Signed):
    weight = 2

    def on_start(self) -> None:
        self.username = f"dept{random.randint(1, DEPARTMENTS):02d}"
        super().on_start()

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(3)
    def screen(self) -> None:
        title, body = random.choice(DRAFTS)
        self.api_post(
            "/api/intake/screen", {"title": title, "body": body}, "/api/intake/screen [POST]"
        )

    @task(2)
    def task_list(self) -> None:
        self.client.get("/intake/", name="/intake/")

    @task(2)
    def accept_ticket(self) -> None:
        response = self.client.get(
            "/api/coordination/tickets?status=dispatched&limit=20", name="/api/coordination/tickets"
        )
        rows = response.json() if response.status_code == 200 else []
        if rows:
            ticket = random.choice(rows)
            if (
                self.api_post(
                    f"/api/coordination/tickets/{ticket['id']}/accept",
                    {},
                    "/api/coordination/tickets/{id}/accept [POST]",
                )
                is not None
            ):
                ack("ticket_accept")


class TownshipUser(Signed):
    weight = 3

    def on_start(self) -> None:
        self.username = f"town{random.randint(1, TOWNSHIPS):02d}"
        super().on_start()
        me = self.client.get("/api/me", name="/api/me").json()
        orgs = self.client.get("/api/organisations", name="/api/organisations").json()
        self.township_id = next(
            o["id"] for o in orgs if o["name"] == me["organisation"] and o["kind"] == "township"
        )

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(3)
    def ledger(self) -> None:
        self.client.get("/ledger/", name="/ledger/")

    @task(2)
    def inbox(self) -> None:
        self.client.get("/intake/inbox/", name="/intake/inbox/")

    @task(2)
    def ticket_list(self) -> None:
        self.client.get("/coordination/", name="/coordination/")

    @task(1)
    def raise_ticket(self) -> None:
        category, description = random.choice(PROBLEMS)
        payload = {
            "kind": "routine",
            "urgency": "normal",
            "category": category,
            "description": f"{description}（{(mark := marker())}）",
        }
        sent("ticket", mark)
        if (
            self.api_post("/api/coordination/tickets", payload, "/api/coordination/tickets [POST]")
            is not None
        ):
            ack("ticket", mark)

    @task(2)
    def record_event(self) -> None:
        payload = {
            "township_id": self.township_id,
            "date": (date.today() - timedelta(days=random.randint(0, 60))).isoformat(),
            "type": random.choice(EVENT_TYPES),
            "hours": round(random.uniform(0.5, 4), 1),
            "title": f"负担事件 {(mark := marker())}",
        }
        sent("ledger_event", mark)
        if self.api_post("/api/ledger/events", payload, "/api/ledger/events [POST]") is not None:
            ack("ledger_event", mark)
