"""The staff roster file (乡镇干部队伍情况表): posts, authorised headcount, actual staff, secondments.

Pure: reads and validates the spreadsheet into ``RosterRow`` values, collecting every problem so
a clerk fixes the file in one go. The Django service resolves township names and saves atomically.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from jiceng.capacity.sheets import cell_int, cell_text, read_rows
from jiceng.errors import InputError, InputErrors

COLUMNS: dict[str, tuple[str, ...]] = {
    "township": ("乡镇（街道）", "乡镇(街道)", "乡镇", "街道", "单位", "单位名称"),
    "post": ("岗位", "岗位名称", "内设机构", "机构（岗位）", "科室"),
    "authorised": ("核定编制", "编制数", "编制", "核定编制数", "编制人数"),
    "actual": ("实有人数", "在岗人数", "实有在岗", "实有", "在编在岗"),
    "seconded_out": ("借调外出", "被借调", "借调人数", "借调到县直部门", "抽调外出"),
}
REQUIRED = ("township", "post", "authorised", "actual")


@dataclass(frozen=True)
class RosterRow:
    row: int
    township: str
    post: str
    authorised: int
    actual: int
    seconded_out: int

    @property
    def vacancies(self) -> int:
        return max(0, self.authorised - self.actual)


def read_roster(
    data: bytes,
    filename: str,
    *,
    known: Collection[str] | None = None,
    allowed: Collection[str] | None = None,
) -> list[RosterRow]:
    """Rows of the roster. ``known``: the county's township names (others are errors);
    ``allowed``: the townships this user may write (a township clerk: only its own)."""
    rows, headers = read_rows(data, filename, COLUMNS, REQUIRED)
    errors: list[InputError] = []
    result: list[RosterRow] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        before = len(errors)
        township = cell_text(row, "township", headers["township"], filename, errors, limit=100)
        post = cell_text(row, "post", headers["post"], filename, errors, limit=100)
        authorised = cell_int(row, "authorised", headers["authorised"], filename, errors)
        actual = cell_int(row, "actual", headers["actual"], filename, errors)
        seconded = 0
        if "seconded_out" in headers:
            seconded = (
                cell_int(
                    row, "seconded_out", headers["seconded_out"], filename, errors, required=False
                )
                or 0
            )
        if len(errors) > before or authorised is None or actual is None:
            continue
        if known is not None and township not in known:
            errors.append(
                InputError(
                    f"本县没有名为“{township}”的乡镇（街道）。",
                    file=filename,
                    row=row.number,
                    column=headers["township"],
                )
            )
            continue
        if allowed is not None and township not in allowed:
            errors.append(
                InputError(
                    f"只能导入本乡镇（街道）的名册，不能导入“{township}”。",
                    file=filename,
                    row=row.number,
                    column=headers["township"],
                )
            )
            continue
        key = (township, post)
        if key in seen:
            errors.append(
                InputError(
                    f"“{township}”的岗位“{post}”与第 {seen[key]} 行重复。",
                    file=filename,
                    row=row.number,
                    column=headers["post"],
                )
            )
            continue
        seen[key] = row.number
        if seconded > actual:
            errors.append(
                InputError(
                    f"借调外出 {seconded} 人多于实有人数 {actual} 人。",
                    file=filename,
                    row=row.number,
                    column=headers["seconded_out"],
                )
            )
            continue
        result.append(RosterRow(row.number, township, post, authorised, actual, seconded))
    if errors:
        raise InputErrors(errors)
    return result
