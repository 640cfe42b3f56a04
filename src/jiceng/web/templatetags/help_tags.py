"""``{% help_url %}``: the user-guide chapter for the current page and role (see web/help.py)."""

from __future__ import annotations

from typing import Any

from django import template

from jiceng.web.help import help_url as _help_url

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context: dict[str, Any]) -> str:
    request = context.get("request")
    return _help_url(request) if request is not None else "/help/"
