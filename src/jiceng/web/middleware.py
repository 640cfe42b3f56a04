"""Security headers and the one handler that turns domain errors into Chinese pages or JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from jiceng.errors import JicengError

# No inline scripts anywhere: every script is a static file, data reaches charts through
# <script type="application/json"> blocks (not executed). Styles may be set by ECharts at runtime.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class RequestSizeMiddleware:
    """Refuse an oversized request body from its declared length, before anything reads it.

    Django caps form fields but not uploaded files (they spool to disk), so a 100 MB "spreadsheet"
    would be written out before any view could refuse it. The cap is the largest legitimate
    request (JICENG_MAX_REQUEST_BYTES); imports refuse smaller files themselves, by size, before
    parsing. The reverse proxy applies the same cap to bodies sent without a Content-Length.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "JICENG_MAX_REQUEST_BYTES", 101 * 1024 * 1024))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            message = f"上传内容过大（{length / 1024 / 1024:.1f} MB），单次不能超过 {limit // (1024 * 1024)} MB，未导入任何数据。"
            if wants_json(request):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "web/error.html", {"message": message}, status=413)
        return self.get_response(request)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, JicengError):
            if wants_json(request):
                return JsonResponse({"detail": exc.message}, status=exc.status)
            template = {403: "403.html", 404: "404.html"}.get(exc.status, "web/error.html")
            return render(request, template, {"message": exc.message}, status=exc.status)
        if is_database_outage(exc):
            # Raised inside the view: the service's transaction was rolled back.
            return database_unavailable(request, "您的操作未被保存。")
        return None


def is_database_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError


DATABASE_UNAVAILABLE = "数据库暂时不可用，请稍后重试。"
_OUTAGE_PAGE = (
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>数据库暂时不可用 · 基层赋能减负平台</title>'
    '<link rel="stylesheet" href="/static/jiceng/css/app.css"></head><body><main class="content">'
    '<section class="card errorpage"><h1>数据库暂时不可用（503）</h1><p>{message}</p>'
    '<p><a href="/">返回首页</a></p></section></main></body></html>'
)


def database_unavailable(request: HttpRequest, detail: str) -> HttpResponse:
    """The answer while the database is away: 503 with a Chinese message, built without touching
    the database (no user, no navigation), so it cannot fail the same way."""
    message = DATABASE_UNAVAILABLE + detail
    if wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(_OUTAGE_PAGE.format(message=message), status=503)
    response["Retry-After"] = "5"
    return response
