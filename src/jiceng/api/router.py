"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json.

Authentication is the web session (with CSRF on writes), so the API and the pages share one
login, one lockout and one audit trail. Each part's ``api.py`` router is mounted at ``/api/<part>/``; every route
reads through ``visible_to`` like the pages do.
"""

from __future__ import annotations

import importlib

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from jiceng.errors import JicengError
from jiceng.parts import modules

api = NinjaAPI(
    title="基层赋能减负平台 API",
    version="1",
    description="县域基层赋能减负平台的 JSON 接口。使用网页登录会话认证；写操作需带 X-CSRFToken。",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(JicengError)
def domain_error(request: HttpRequest, exc: JicengError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


api.add_router("/", importlib.import_module("jiceng.api.core").router)
for part, module in modules("api"):
    api.add_router(f"/{part}/", module.router)
