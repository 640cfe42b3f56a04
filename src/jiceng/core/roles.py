"""The roles of DESIGN §2 and what each may do — pure data, no Django."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COUNTY_ADMIN = "county_admin"
    DEPARTMENT_CLERK = "department_clerk"
    TOWNSHIP_CLERK = "township_clerk"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.COUNTY_ADMIN: "县级管理员（减负办）",
    Role.DEPARTMENT_CLERK: "县直部门经办人",
    Role.TOWNSHIP_CLERK: "乡镇（街道）经办人",
    Role.OBSERVER: "监督员（只读）",
}

# The organisation kind each role must belong to: a role is bound to one level of the county.
ROLE_ORG_KIND = {
    Role.COUNTY_ADMIN: "county",
    Role.OBSERVER: "county",
    Role.DEPARTMENT_CLERK: "department",
    Role.TOWNSHIP_CLERK: "township",
}

# County-wide roles read every record of their county; the others only their organisation's.
COUNTY_WIDE_ROLES = frozenset({Role.COUNTY_ADMIN, Role.OBSERVER})
READ_ONLY_ROLES = frozenset({Role.OBSERVER})
