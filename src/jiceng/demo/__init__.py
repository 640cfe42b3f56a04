"""Deterministic demo-county content (pure, no Django): the county, its template duty list
(``jiceng/duties/data/county_template.csv``) and demo task notices (``data/tasks.jsonl``)."""

from jiceng.demo.names import DemoCounty, Department, Person, Township, Village, generate_county

__all__ = ["DemoCounty", "Department", "Person", "Township", "Village", "generate_county"]
