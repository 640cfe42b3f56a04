"""Demo data of the duty-list part: the county template, adopted and revised by townships."""

from __future__ import annotations

from importlib import resources

from jiceng.core.models import Organisation
from jiceng.demo.names import DemoCounty


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.duties.parsing import parse_duty_list
    from jiceng.duties.services import list_for, save_version

    data = resources.files("jiceng.duties").joinpath("data/county_template.csv").read_bytes()
    parsed = parse_duty_list(data, "county_template.csv")
    template = save_version(
        actor=None,
        duty_list=list_for(county=county, township=None),
        items=parsed.items,
        source_name="全县模板清单.csv",
        title=parsed.title,
        unit=parsed.unit,
        note="演示县全县模板清单",
    )
    # Two townships adopt the template, one then revises its list, so versions and diffs show.
    townships = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP).order_by(
            "code"
        )[:2]
    )
    for township in townships:
        save_version(
            actor=None,
            duty_list=list_for(county=county, township=township),
            items=parsed.items,
            source_name="全县模板清单.csv",
            note="采用全县模板",
        )
    if townships:
        revised = parsed.items[:-3]
        save_version(
            actor=None,
            duty_list=list_for(county=county, township=townships[0]),
            items=revised,
            source_name="修订清单.csv",
            note="结合本镇实际删减 3 项",
        )
    return [
        f"全县模板履职事项清单 {template.item_count} 项（基本 {template.basic_count}、配合 {template.cooperating_count}、收回 {template.returned_count}）"
    ]
