"""The POST half of a page that carries a write form: one place for refusing read-only roles,
running the service write and turning its domain error into a message on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from jiceng.errors import ForbiddenError, JicengError

T = TypeVar("T")


def submit_form(
    request: HttpRequest,
    form: forms.Form | None,
    write: Callable[[dict[str, Any]], T],
    *,
    success: str = "",
    refused: str = "只读角色不能登记。",
) -> T | None:
    """Run ``write(form.cleaned_data)`` for a valid form and return its result.

    ``form`` None means the user's role may not write here: 403 with ``refused``. An invalid
    form returns None (its field errors show when the page is rendered again); a ``JicengError``
    from the service becomes an error message and returns None. ``success``, if given, is shown
    as a success message.
    """
    if form is None:
        raise ForbiddenError(refused)
    if not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except JicengError as exc:
        messages.error(request, exc.message)
        return None
    if success:
        messages.success(request, success)
    return result
