"""A head count handed down as the township's task, with the township named between the task and
the number ("下达各乡…任务，本乡不少于200人"), is forced apportionment (sample README: any numeric
quota imposed from above on people). Our own wording."""

from .factories import flags_of


def test_a_head_count_handed_down_as_the_townships_task_is_a_quota():
    body = "今年县里下达各乡有组织外出务工任务，本乡不少于200人，完成情况纳入考核。"
    assert "forced_apportionment" in flags_of(body)


def test_a_count_of_places_to_set_up_is_not():
    assert "forced_apportionment" not in flags_of("请各乡设置不少于2个集合点，方便群众乘车。")
