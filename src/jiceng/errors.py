"""Typed domain errors: each carries a Chinese message for the user and an HTTP status.

The web layer and the CLI each have one handler for them (no try/except in every view), so a
domain function only has to raise the right error.
"""

from __future__ import annotations


class JicengError(Exception):
    """Base of every error the user is meant to read."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message


class InputError(JicengError):
    """Bad input data, located as precisely as we can: file, row (1-based as shown in Excel), column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.detail = message
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self._locate(message))

    def _locate(self, message: str) -> str:
        where = []
        if self.file:
            where.append(f"文件“{self.file}”")
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        return f"{' '.join(where)}：{message}" if where else message


class InputErrors(JicengError):
    """Several input errors found in one pass, so the user can fix a file in one go."""

    def __init__(self, errors: list[InputError], *, limit: int = 20) -> None:
        self.errors = errors
        shown = "\n".join(str(e) for e in errors[:limit])
        more = f"\n……另有 {len(errors) - limit} 处错误" if len(errors) > limit else ""
        super().__init__(f"共发现 {len(errors)} 处错误，未导入任何数据：\n{shown}{more}")


class NotFoundError(JicengError):
    status = 404


class ForbiddenError(JicengError):
    status = 403
