"""A fictional demo county: departments, townships, villages and people, fixed by a seed.

Everything is drawn from ``random.Random(seed)`` so the same seed always gives the same county
(the demo, screenshots and tests rely on that). Place and person names are generated from common
morphemes; none is taken from a real roster. Department types are real (see
``data/departments.toml``); their people are not.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

__all__ = ["DemoCounty", "Department", "Person", "Township", "Village", "generate_county"]

DEFAULT_SEED = 2026

# --- name material ---------------------------------------------------------------------------

# Common surnames, roughly in order of frequency; earlier ones are drawn more often.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强军磊洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆建国志文海峰林东亮成春晖德振兴"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀兰玲燕红萍洁琳婷雪慧颖琴云莉倩梅晶欣悦蕾瑶佳雯丹凤"
GIVEN_ANY = "文晓小永红新佳子宏立嘉思金玉海春一世光天国建"

COUNTY_FIRST = "禾柘潆枫榆蓼芗漪岫杉泓棠苇珂渌楠蘅菱桐蕉"
COUNTY_SECOND = "川阳原丰宁台平陵山泽河源昌安乐"
CITY_FIRST = "衡瑞嘉汀韶湄"
CITY_SECOND = "州城阳"

TOWN_FIRST = "石青梅桃龙凤白黄金双三柳杏竹松马鹤芦莲枣槐沙古新太长高"
TOWN_SECOND = "岭桥坪口塘湾铺坝岗店集庄渡埠堰关市屯滩冲岙峪垭"
STREET_NAMES = ("城关", "城东", "城西", "城南", "城北", "新城", "滨江", "东湖", "凤凰", "文昌")
VILLAGE_PREFIX = ("上", "下", "前", "后", "东", "西", "南", "北", "大", "小", "中", "新")
VILLAGE_SECOND = "坪湾岭桥塘冲坑垄洲畈埂坳堡寨营圩墩"
COMMUNITY_NAMES = (
    "文昌",
    "滨河",
    "新华",
    "建设",
    "和平",
    "幸福",
    "育才",
    "花园",
    "锦绣",
    "翠苑",
    "长青",
    "振兴",
    "丰收",
    "向阳",
    "团结",
    "民主",
    "解放",
    "朝阳",
    "春晖",
    "金桥",
    "紫荆",
    "桂香",
)
COMMUNITY_FIRST = "文新和锦翠金春滨康安福丽桂兴华明嘉瑞泰怡"
COMMUNITY_SECOND = "苑园城泰兴河湖阳源庭岸晖"


# --- the shape ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    gender: str  # "男" / "女"
    title: str  # post as a township clerk would write it: "党政综合办科员", "局长"


@dataclass(frozen=True, slots=True)
class Department:
    code: str  # ASCII slug: user names, URLs
    name: str  # full name as it signs notices: "县应急管理局"
    short_name: str  # "县安委办" for coordinating offices, else the name
    kind: str  # party | government | vertical | people_org | coordinating
    parent: str  # hosting department of a coordinating office, else ""
    head: Person
    clerk: Person


@dataclass(frozen=True, slots=True)
class Village:
    code: str
    name: str  # "石桥村" / "文昌社区"
    kind: str  # village | community
    secretary: Person
    population: int


@dataclass(frozen=True, slots=True)
class Township:
    code: str
    name: str  # "青岭镇" / "柳坪乡" / "城东街道"
    kind: str  # town | township | street
    villages: tuple[Village, ...]
    party_secretary: Person
    head: Person
    clerk: Person
    population: int
    staff_posts: int  # 核定编制
    staff_in_post: int  # 实有在岗
    seconded_out: int  # 被借调到县直部门


@dataclass(frozen=True, slots=True)
class DemoCounty:
    seed: int
    name: str  # "柘川县"
    city: str  # the prefecture it belongs to
    departments: tuple[Department, ...]
    townships: tuple[Township, ...]
    admin: Person  # 县委社会工作部 staff running the burden-reduction programme
    observer: Person  # 县纪委监委 monitor (read-only)

    def department(self, name: str) -> Department:
        for d in self.departments:
            if name in (d.name, d.short_name, d.code):
                return d
        raise KeyError(name)

    def township(self, name: str) -> Township:
        for t in self.townships:
            if name in (t.name, t.code):
                return t
        raise KeyError(name)

    def people(self) -> list[Person]:
        found = [self.admin, self.observer]
        for d in self.departments:
            found += [d.head, d.clerk]
        for t in self.townships:
            found += [t.party_secretary, t.head, t.clerk] + [v.secretary for v in t.villages]
        return found


# --- generation --------------------------------------------------------------------------------


class _Names:
    """Draws names without repeats so every person and place in one county is distinct."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(500):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name pool exhausted")  # pragma: no cover - pools are far larger

    def person(self, title: str) -> Person:
        gender = self.rng.choice("男女")
        pool = GIVEN_MALE if gender == "男" else GIVEN_FEMALE

        def make() -> str:
            # Frequent surnames more often: triangular weight towards the start of the list.
            surname = SURNAMES[int(self.rng.triangular(0, len(SURNAMES), 0))]
            if self.rng.random() < 0.3:
                return surname + self.rng.choice(pool)
            return surname + self.rng.choice(GIVEN_ANY + pool) + self.rng.choice(pool)

        return Person(self._unique(make), gender, title)

    def place(self, first: str, second: str, suffix: str) -> str:
        return self._unique(lambda: self.rng.choice(first) + self.rng.choice(second) + suffix)

    def village(self, kind: str) -> str:
        if kind == "community":

            def make_community() -> str:
                if self.rng.random() < 0.5:
                    return self.rng.choice(COMMUNITY_NAMES) + "社区"
                return self.rng.choice(COMMUNITY_FIRST) + self.rng.choice(COMMUNITY_SECOND) + "社区"

            return self._unique(make_community)

        def make() -> str:
            style = self.rng.random()
            if style < 0.3:
                return self.rng.choice(SURNAMES[:40]) + self.rng.choice("家庄湾") + "村"
            if style < 0.6:
                return self.rng.choice(VILLAGE_PREFIX) + self.rng.choice(VILLAGE_SECOND) + "村"
            return self.rng.choice(TOWN_FIRST) + self.rng.choice(VILLAGE_SECOND) + "村"

        return self._unique(make)


def _load_departments() -> list[dict[str, str]]:
    text = resources.files("jiceng.demo").joinpath("data/departments.toml").read_text("utf-8")
    return list(tomllib.loads(text)["department"])


def generate_county(seed: int = DEFAULT_SEED, *, townships: int = 14) -> DemoCounty:
    """The demo county for ``seed``: ≥ 36 departments, ``townships`` (≥ 12) townships/streets."""
    if townships < 12:
        raise ValueError("a demo county has at least 12 townships")
    rng = random.Random(seed)
    names = _Names(rng)
    county = names.place(COUNTY_FIRST, COUNTY_SECOND, "县")
    city = names.place(CITY_FIRST, CITY_SECOND, "市")
    departments = tuple(
        Department(
            code=d["code"],
            name=d["name"],
            short_name=d.get("short_name", d["name"]),
            kind=d["kind"],
            parent=d.get("parent", ""),
            head=names.person(d["head_title"]),
            clerk=names.person("办公室科员"),
        )
        for d in _load_departments()
    )
    streets = 3
    country_towns = 3  # 乡
    kinds = ["street"] * streets + ["township"] * country_towns
    kinds += ["town"] * (townships - len(kinds))
    street_names = rng.sample(STREET_NAMES, streets)
    result: list[Township] = []
    for index, kind in enumerate(kinds, start=1):
        if kind == "street":
            name = street_names.pop() + "街道"
            names.used.add(name)
        else:
            name = names.place(TOWN_FIRST, TOWN_SECOND, "镇" if kind == "town" else "乡")
        result.append(_township(rng, names, f"t{index:02d}", name, kind))
    return DemoCounty(
        seed=seed,
        name=county,
        city=city,
        departments=departments,
        townships=tuple(result),
        admin=names.person("县委社会工作部减负办干部"),
        observer=names.person("县纪委监委监督检查室干部"),
    )


def _township(rng: random.Random, names: _Names, code: str, name: str, kind: str) -> Township:
    count = rng.randint(4, 10)
    villages = []
    for i in range(1, count + 1):
        # Streets are mostly communities; towns have their seat community; 乡 are all villages.
        community = (kind == "street" and i <= count - 1) or (kind == "town" and i == 1)
        vkind = "community" if community else "village"
        villages.append(
            Village(
                code=f"{code}v{i:02d}",
                name=names.village(vkind),
                kind=vkind,
                secretary=names.person("党总支书记" if community else "村党支部书记"),
                population=rng.randint(3000, 9000) if community else rng.randint(800, 3500),
            )
        )
    party = "党工委书记" if kind == "street" else "党委书记"
    head = {"street": "办事处主任", "town": "镇长", "township": "乡长"}[kind]
    posts = rng.randint(45, 90) if kind != "township" else rng.randint(30, 50)
    in_post = posts - rng.randint(2, 9)
    return Township(
        code=code,
        name=name,
        kind=kind,
        villages=tuple(villages),
        party_secretary=names.person(party),
        head=names.person(head),
        clerk=names.person("党政综合办科员"),
        population=sum(v.population for v in villages),
        staff_posts=posts,
        staff_in_post=in_post,
        seconded_out=rng.randint(0, 6),
    )
