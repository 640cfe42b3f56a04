"""Every route of the site, found from the URL configuration and the API schema, with the roles
its view declares — the input of the access-matrix and CSRF tests (nothing is listed by hand
except the public routes and the object each path parameter names)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from jiceng.core.roles import Role

ROLES: tuple[str, ...] = tuple(r.value for r in Role)
CLERKS = frozenset({Role.DEPARTMENT_CLERK.value, Role.TOWNSHIP_CLERK.value})


@dataclass(frozen=True)
class Page:
    name: str  # "namespace:name", or the route text for unnamed routes
    route: str
    params: tuple[str, ...]
    allowed: frozenset[str] | None  # None: the view declares no allowed_roles
    callback: Any = field(compare=False, repr=False)


@dataclass(frozen=True)
class ApiOp:
    method: str  # "GET" / "POST" / ...
    path: str  # "/api/intake/tasks/{task_id}"
    params: tuple[str, ...]
    allowed: frozenset[str] | None
    body: dict[str, Any] | None = field(default=None, compare=False)
    query: dict[str, Any] = field(default_factory=dict, compare=False)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[Page]:
    pages: list[Page] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            pages += _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            name = f"{namespace}{p.name}" if p.name else route
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            roles = getattr(p.callback, "allowed_roles", None)
            allowed = frozenset(str(r) for r in roles) if roles is not None else None
            pages.append(Page(name, route, params, allowed, p.callback))
    return pages


def pages() -> list[Page]:
    """Every Django route outside the ninja API (whose operations come from its schema)."""
    return [p for p in _walk(get_resolver().url_patterns) if not p.name.startswith("api:")]


def api_resolver_names() -> set[str]:
    return {p.name for p in _walk(get_resolver().url_patterns) if p.name.startswith("api:")}


def _ninja_roles() -> dict[tuple[str, str], frozenset[str] | None]:
    from jiceng.api.router import api

    found: dict[tuple[str, str], frozenset[str] | None] = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = "/api" + ("/" + prefix.strip("/") if prefix.strip("/") else "") + path
            for op in path_view.operations:
                roles = getattr(op.view_func, "allowed_roles", None)
                for method in op.methods:
                    found[(method, full)] = (
                        frozenset(str(r) for r in roles) if roles is not None else None
                    )
    return found


def api_operations(schema: dict[str, Any]) -> list[ApiOp]:
    """Every operation of /api/openapi.json with the roles its function declares."""
    roles = _ninja_roles()
    ops = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            params = tuple(x["name"] for x in op.get("parameters", []) if x["in"] == "path")
            query = {
                x["name"]: example(x.get("schema", {}), schema)
                for x in op.get("parameters", [])
                if x["in"] == "query" and x.get("required")
            }
            content = op.get("requestBody", {}).get("content", {})
            body = (
                example(content["application/json"]["schema"], schema)
                if "application/json" in content
                else None
            )
            ops.append(
                ApiOp(method.upper(), path, params, roles.get((method.upper(), path)), body, query)
            )
    return ops


def example(spec: dict[str, Any], root: dict[str, Any]) -> Any:
    """A small value that satisfies a JSON schema, so a request passes validation and reaches the
    view's own checks (role, scope) instead of stopping at a 422."""
    if "$ref" in spec:
        node: Any = root
        for part in spec["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return example(node, root)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in spec:
            options = [s for s in spec[key] if s.get("type") != "null"]
            return example(options[0], root) if options else None
    if "enum" in spec:
        return spec["enum"][0]
    if "default" in spec and spec["default"] is not None:
        return spec["default"]
    kind = spec.get("type")
    if kind == "object" or "properties" in spec:
        return {name: example(sub, root) for name, sub in spec.get("properties", {}).items()}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, int(spec.get("minimum", 1)))
    if kind == "number":
        return max(1.0, float(spec.get("minimum", 1)))
    if kind == "boolean":
        return False
    if spec.get("format") == "date":
        return dt.date(2025, 3, 3).isoformat()
    if spec.get("format") == "date-time":
        return "2025-03-03T10:00:00+08:00"
    return "测试"
