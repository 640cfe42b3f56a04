"""What a field is about: its normalised name, lexicon concept, subject and programme scope.

Two fields are the same data element when they record the same fact (concept) about the same
subject within the same programme. This module reads those three things off a field's name, note,
group header and form, using only the policy data in ``data/``; ``matching`` then groups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from jiceng.forms.lexicon import PERSON, ROLE, Lexicon, lexicon
from jiceng.forms.schema import FieldType, Form, FormField

_BRACKETS = re.compile(r"[(\[【]([^()\[\]【】]*)[)\]】]")
# "·" joins a group header to a repeated field name in XLSX templates ("房东信息·姓名").
_QUOTES = re.compile(r"[\"'“”‘’「」『』《》\s·]")
_LEAD = re.compile(r"^(其中|含|内)[:：]?")
_SIGN = re.compile(r"(签字|签名|盖章|签章)$")  # "填报人签字" is the 填报人 field
_UNIT = re.compile(
    r"^(万?元(/.+)?|亩|万亩|人|户|个|平方米|㎡|公斤|千克|吨|岁|%|‰|天|小时|次|元/亩|头|只|间)$"
)


_PRINCIPAL = "表单主体（企业或村级报表）"


@dataclass(frozen=True, slots=True)
class Name:
    """A field name taken apart: ``plain`` without bracketed parts, ``full`` with them inline."""

    plain: str
    full: str
    unit: str


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> Name:
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", name))
    text = _LEAD.sub("", text)
    unit = ""
    for inner in _BRACKETS.findall(text):
        if _UNIT.match(inner):
            unit = inner
    plain = _SIGN.sub("", _BRACKETS.sub("", text).strip(":：-—_ "))
    full = re.sub(r"[()\[\]【】]", "", text)
    return Name(plain=plain or full, full=full, unit=unit)


@dataclass(frozen=True, slots=True)
class Features:
    """Everything matching needs about one field, independent of its form id (so it caches)."""

    name: str
    type: FieldType
    plain: str
    core: str  # the plain name without its subject cue: "监护人电话" → "电话"
    unit: str
    options: frozenset[str]
    concept: str | None
    concept_label: str
    subject: str
    subject_why: str  # Chinese: where the subject was read from
    scoped: bool
    scope: str  # "" unscoped, a programme key, or "form:<id>" when the programme is unknown
    scope_label: str

    @property
    def concept_key(self) -> tuple[str, str, str] | None:
        return (self.concept, self.subject, self.scope) if self.concept else None


def scan_subjects(text: str, lex: Lexicon, *, note: bool = False) -> list[tuple[str, str]]:
    """Subject cues in ``text``, left to right, longest cue first at each position."""
    regex = lex.note_cue_regex if note else lex.cue_regex
    return [(m.group(), lex.cue_subject[m.group()]) for m in regex.finditer(text)]


def _unique_subject(text: str, lex: Lexicon, *, note: bool) -> tuple[str, str] | None:
    """The one subject a note or group header names; none when it names several ("学生或家长")."""
    if not text:
        return None
    found = scan_subjects(text, lex, note=note)
    subjects = {s for _, s in found}
    return found[0] if len(subjects) == 1 else None


def form_principal(form: Form) -> str:
    """Whose facts a form's unmarked fields record when the form names no resident of its own.

    A form with a resident's own name column is about residents (an enterprise's staff roster with
    姓名 and 身份证号 too). One whose only named person is the household head is about households
    (the head's identity columns, ``principal_concepts``). Otherwise a form about enterprises or
    villages lends that subject to its unmarked fields.
    """
    lex = lexicon()
    persons = set()
    for f in form.fields:
        ft = _own_role(
            _features(f.name, f.type, f.description, f.group, f.options, "", ""), form.title
        )
        if ft.concept == "name":
            persons.add(ft.subject)
    if "self" in persons:
        return ""
    for subject in sorted(persons):
        if lex.subjects[subject].principal_concepts:
            return subject
    names = [normalise_name(f.name).plain for f in form.fields]
    personal = lex.concept("id_number")
    if personal and any(personal.pattern.search(n) for n in names):
        return ""
    for principal in lex.principals:
        if principal.title.search(form.title) or any(principal.fields.search(n) for n in names):
            return principal.subject
    return ""


def field_features(
    form: Form, field: FormField, principal: str, previous: Features | None = None
) -> Features:
    """``previous``: the features of the field just before this one in the form, if any."""
    lex = lexicon()
    claimant = ""
    if (
        previous is not None
        and previous.concept == "name"
        and lex.subjects[previous.subject].claims_next_phone
        # an enterprise's 联系人 | 联系电话 is the enterprise's contact number
        and not (principal and previous.subject in lex.subjects[principal].refines)
    ):
        claimant = previous.subject
    features = _own_role(
        _features(
            field.name,
            field.type,
            field.description,
            field.group,
            field.options,
            principal,
            claimant,
        ),
        form.title,
    )
    if not features.scoped:
        return features
    scope, label = _scope(normalise_name(field.name).full, field.description, form.title, form.id)
    return replace(features, scope=scope, scope_label=label)


@lru_cache(maxsize=65536)
def _features(
    name: str,
    field_type: FieldType,
    note: str,
    group: str,
    options: tuple[str, ...],
    principal: str,
    claimant: str,
) -> Features:
    lex = lexicon()
    parts = normalise_name(name)
    plain = parts.plain
    bare_subject = lex.bare_index.get(plain)
    concept = None
    prefix = ""  # the words before the concept's own: "管水员" of "管水员电话"
    if bare_subject is not None and field_type in (FieldType.TEXT, FieldType.ENUM):
        concept = lex.concept("name")
    else:
        for candidate in lex.concepts:
            found = candidate.pattern.search(plain) if field_type in candidate.types else None
            if found:
                concept, prefix = candidate, plain[: found.start()]
                break
        if concept is None and field_type == FieldType.TEXT and _role(plain):
            concept, prefix = lex.concept("name"), plain  # a column holding a role's name: 管水员
    if concept is not None and concept.subject == PERSON:
        role = _role(prefix)
        if role:
            bare_subject = ROLE + role
    household_only = lex.subjects[principal].principal_concepts if principal else frozenset()
    if household_only and (concept is None or concept.key not in household_only):
        principal = ""
    subject, why = _resolve_subject(parts, note, group, principal, bare_subject, lex)
    if claimant and concept is not None and concept.key == "phone" and why in ("", _PRINCIPAL):
        subject, why = claimant, f"紧随{lex.subjects[claimant].label}姓名列之后"
    if concept is not None and concept.subject != PERSON:
        subject, why = concept.subject, "由数据元素本身确定"
    elif concept is not None:
        if subject == "" or (concept.allowed and subject not in concept.allowed):
            subject, why = concept.default, "默认"
    elif subject == "":
        subject, why = "self", "默认"
    scoped = concept.scoped if concept is not None else bool(lex.scope_trigger.search(plain))
    core = plain
    for cue, _ in scan_subjects(plain, lex):
        core = core.replace(cue, "")
    return Features(
        name=name,
        type=field_type,
        plain=plain,
        core=core or plain,
        unit=parts.unit,
        options=frozenset(options),
        concept=concept.key if concept is not None else None,
        concept_label=concept.label if concept is not None else "",
        subject=subject,
        subject_why=why,
        scoped=scoped,
        scope="",  # filled per form by field_features: the programme comes from the title too
        scope_label="",
    )


def _resolve_subject(
    parts: Name, note: str, group: str, principal: str, bare: str | None, lex: Lexicon
) -> tuple[str, str]:
    """Name cue (sharpened by the note), else note, else group header, else the form's principal."""
    note_cue = _unique_subject(unicodedata.normalize("NFKC", note), lex, note=True)
    if bare is not None and bare.startswith(ROLE):
        return bare, f"字段名含人员称谓“{bare.removeprefix(ROLE)}”"
    if bare is not None:
        subject, why = bare, f"字段名“{parts.plain}”即人员身份"
    else:
        found = scan_subjects(parts.full, lex)
        subject, why = (found[0][1], f"字段名含“{found[0][0]}”") if found else ("", "")
    if subject:
        if note_cue and subject in lex.subjects[note_cue[1]].refines:
            return note_cue[1], f"说明含“{note_cue[0]}”"
        return subject, why
    if note_cue:
        return note_cue[1], f"说明含“{note_cue[0]}”"
    group_cue = _unique_subject(group, lex, note=False)
    if group_cue:
        return group_cue[1], f"分组表头“{group}”"
    group_role = _role(lex.group_filler.sub("", group.rsplit("/", 1)[-1])) if group else ""
    if group_role:
        return ROLE + group_role, f"分组表头“{group}”"
    if principal:
        return principal, _PRINCIPAL
    return "", ""


def _own_role(features: Features, title: str) -> Features:
    """A register of 护林员 is about 护林员: a role the form's title names is its own subject."""
    role = features.subject.removeprefix(ROLE)
    if role == features.subject:
        return features
    tails = [role] + [role[-n:] for n in range(3, len(role))]
    if not any(tail in title for tail in tails):
        return features
    return replace(features, subject="self", subject_why=f"表名含“{role}”：即登记对象本人")


@lru_cache(maxsize=65536)
def _role(prefix: str) -> str:
    """The role noun ending ``prefix`` ("照料护理人联系" → "照料护理人"), or "" when the prefix
    ends with a listed cue (户主, 家长, 参保人 …: those subjects are read from the lists)."""
    lex = lexicon()
    words = lex.role_filler.sub("", prefix)
    if len(words) < 2 or not lex.role_noun.search(words):
        return ""
    if any(words.endswith(cue) for cue in lex.cue_subject) or words in lex.bare_index:
        return ""
    return words


@lru_cache(maxsize=65536)
def _scope(name: str, note: str, title: str, form_id: str) -> tuple[str, str]:
    lex = lexicon()
    for text in (name, note, title):
        for programme in lex.programmes:
            if text and programme.cues.search(text):
                return programme.key, programme.label
    return f"form:{form_id}", f"本表（{form_id}）所属项目"
