"""Whether the sending department plausibly stands for an item's lead department (label rule 2):
the department itself, one of its units, or the county coordinating office for the domain."""

from __future__ import annotations

import re

from jiceng.intake.policy import load_data
from jiceng.text.synonyms import default_lexicon
from jiceng.text.tokenize import content_tokens

# Parts of a department name that say nothing about which department it is.
_GENERIC = re.compile(
    r"中共|中国共产党|人民政府|委员会|办公室|领导小组|工作|指挥部|县|市|区|旗|局|部|委|办"
)
# Words naming the kind of body, not its field ("邮政管理局" and "应急管理局" share only 管理): left
# out when telling two names apart.
_KIND = re.compile(r"管理|服务|中心|事务")


# The party prefix and the county's own name before its level ("中共临渚县委…", "临渚县…").
_PARTY = re.compile(r"^(中共|中国共产党)")
_OWN_COUNTY = re.compile(r"^[\u4e00-\u9fff]{1,4}?(县|市|区|旗)(?=委|人民|[\u4e00-\u9fff]{2})")
_LEVEL = re.compile(r"^(县|市|区|旗)(委)?")
_COUNTY_UNIT = re.compile(r"(?<=[\u4e00-\u9fff])(县|市|区|旗)[\u4e00-\u9fff]{2,}$")
# A leading group's or headquarters' office named after its topic ("县农业保险工作领导小组办公室",
# "县易地扶贫搬迁后续扶持工作领导小组办公室"): the county's coordinating office for that topic
# (quotation marks in the topic too: "县整治非法“三无”船只工作领导小组办公室"; a task force, 专班,
# named after its topic is one too: "县背街小巷整治工作专班", and so is a topic's standing work office,
# "县易地搬迁后续扶持工作办公室").
_TOPIC_OFFICE = re.compile(
    r"(县|市|区|旗)委?(?P<topic>[\u4e00-\u9fff“”\"]{2,20}?)"
    r"((工作)?(领导小组|指挥部|专班)(办公室)?|工作办公室)$"
)
# Topic words of such a name that name no topic of their own.
_TOPIC_GENERIC = {
    "工作",
    "专项",
    "整治",
    "行动",
    "推进",
    "建设",
    "管理",
    "全面",
    "后续",
    "扶持",
    "攻坚",
}


# Rows of (name words, field words): a sender whose name holds a name word covers a topic holding
# a field word (departments.toml `coordinator` and `remit`).
FieldTable = list[tuple[tuple[str, ...], tuple[str, ...]]]


def _field_table(rows: list[dict[str, list[str]]], fields: str) -> FieldTable:
    return [(tuple(r["names"]), tuple(r[fields])) for r in rows]


def _fields_naming(table: FieldTable, sender: str) -> tuple[str, ...]:
    """The fields of the rows of ``table`` that name the sender."""
    return tuple(f for names, fields in table if any(n in sender for n in names) for f in fields)


class DepartmentMatcher:
    def __init__(self) -> None:
        data = load_data("departments")
        self.groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
            (tuple(k for k in g["keys"] if k not in g.get("weak", ())), tuple(g.get("offices", [])))
            for g in data["group"]
        ]
        # keys that name their group only when no other group's key is in the name
        self.weak: list[tuple[str, ...]] = [tuple(g.get("weak", ())) for g in data["group"]]
        self.coordinators = _field_table(data.get("coordinator", []), "remit")
        self.enterprise = re.compile(data["enterprise"])
        self.remits = _field_table(data.get("remit", []), "fields")
        # a county has a few dozen departments: answers are cached per (sender, lead, topic)
        self._cache: dict[tuple[str, str, str], bool | None] = {}
        # ... and the department-only part per (sender, lead): the topic varies with every item
        self._pairs: dict[tuple[str, str], bool | None] = {}
        self._group_cache: dict[tuple[str, bool], frozenset[int]] = {}
        self._fields_cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def _groups(self, name: str, *, with_offices: bool) -> frozenset[int]:
        """The department groups a name belongs to (kept: a sender is weighed against every
        lead of the list, and each lead against every sender)."""
        key = (name, with_offices)
        found = self._group_cache.get(key)
        if found is None:
            found = self._group_cache[key] = self._find_groups(name, with_offices)
        return found

    def _find_groups(self, name: str, with_offices: bool) -> frozenset[int]:
        found = {
            i
            for i, (keys, offices) in enumerate(self.groups)
            if any(k in name for k in keys) or (with_offices and any(o in name for o in offices))
        }
        if not found:
            found = {i for i, weak in enumerate(self.weak) if any(k in name for k in weak)}
        return frozenset(found)

    def plausible_lead(self, sender: str, lead: str, topic: str = "") -> bool | None:
        """True/False when both names are known; None when either cannot be placed.

        ``topic`` (the item's domain and name) lets a cross-department coordinating office
        stand for any lead department within its remit.
        """
        key = (sender, lead, topic)
        if key not in self._cache:
            pair = (sender, lead)
            if pair not in self._pairs:
                self._pairs[pair] = self._plausible(sender.strip(), lead.strip())
            plausible = self._pairs[pair]
            if not plausible and topic and self._coordinates(sender, topic):
                plausible = True
            self._cache[key] = plausible
        return self._cache[key]

    @staticmethod
    def names_of(department: str) -> list[str]:
        """How a notice names the department: in full, without the party prefix and the county's
        own name ("中共临渚县委宣传部" → "县委宣传部"), and without its level ("档案馆")."""
        name = department.strip()
        short = _OWN_COUNTY.sub(r"\1", _PARTY.sub("", name))
        tail = _COUNTY_UNIT.search(name)  # "国家税务总局雪岭县税务局" → "县税务局"
        forms = [name, short, _LEVEL.sub("", short), tail.group() if tail else ""]
        return [f for f in dict.fromkeys(forms) if len(f) >= 2]

    @staticmethod
    def abbreviates(short: str, name: str) -> bool:
        """Whether ``short`` is ``name`` shortened the usual way, keeping characters in order
        ("县委网信办" for "县委网络安全和信息化委员会办公室", "县自然资源局" for "县自然资源和规划
        局"): every character of its core, after the level, found in that order in the name's."""
        core, full = (
            _LEVEL.sub("", short),
            _LEVEL.sub("", _OWN_COUNTY.sub(r"\1", _PARTY.sub("", name))),
        )
        if len(core) < 2:
            return False
        at = 0
        for ch in core:
            at = full.find(ch, at) + 1
            if at == 0:
                return False
        return True

    def distinct(self, sender: str, lead: str) -> bool:
        """Whether two names that ``plausible_lead`` cannot place are still clearly different
        departments: each keeps a specific core of two or more characters once the generic
        parts are removed, and the cores share no two-character run ("税务" vs "自然资源").
        Weaker than a known mismatch; used only as rerank evidence, never for a decision."""
        core_sender = _KIND.sub("", _GENERIC.sub("", sender))
        core_lead = _KIND.sub("", _GENERIC.sub("", lead))
        if len(core_sender) < 2 or len(core_lead) < 2:
            return False
        runs = {core_sender[i : i + 2] for i in range(len(core_sender) - 1)}
        return not any(core_lead[i : i + 2] in runs for i in range(len(core_lead) - 1))

    def in_remit(self, sender: str, topic: str) -> bool:
        """Whether ``topic`` (an item's domain and name) lies in the sender's own field by the
        remit table (departments.toml ``remit``), or in the topic a coordinating office or task
        force is named after: a Party department, mass organisation or topic office writing
        about it is telling the township its own duty, not pushing down its line's work."""
        return self._coordinates(sender, topic) or self._covers("remit", sender, topic)

    def _covers(self, table: str, sender: str, topic: str) -> bool:
        """Whether a row of the ``table`` ("coordinator" or "remit") names the sender and a field
        the topic lies in (the rows naming a sender are kept: its every item is asked)."""
        key = (table, sender)
        fields = self._fields_cache.get(key)
        if fields is None:
            rows = self.coordinators if table == "coordinator" else self.remits
            fields = self._fields_cache[key] = _fields_naming(rows, sender)
        return any(f in topic for f in fields)

    def _coordinates(self, sender: str, topic: str) -> bool:
        if self._covers("coordinator", sender, topic):
            return True
        # a leading group's office stands for the lead of the topic its name names
        m = _TOPIC_OFFICE.search(sender.strip())
        if m is None:
            return False
        words = [w for w in content_tokens(m.group("topic")) if w not in _TOPIC_GENERIC]
        if any(w in topic for w in words):
            return True
        # ... or names it by another wording of one synonym group ("人居环境" for "村庄保洁与垃圾
        # 清运": the office named after the campaign coordinates the duty the campaign is about)
        lexicon = default_lexicon()
        named = lexicon.groups_of("，".join(words))
        return bool(named) and bool(named & lexicon.groups_of(topic))

    def _plausible(self, sender: str, lead: str) -> bool | None:
        if not sender or not lead:
            return None
        if sender == lead or lead in sender or sender in lead:
            return True
        if self.enterprise.search(sender):
            return False
        lead_groups = self._groups(lead, with_offices=False)
        sender_groups = self._groups(sender, with_offices=True)
        if lead_groups and sender_groups:
            return bool(lead_groups & sender_groups)
        core_lead = _GENERIC.sub("", lead)
        core_sender = _GENERIC.sub("", sender)
        if len(core_lead) >= 2 and core_lead in core_sender:
            return True
        return None
