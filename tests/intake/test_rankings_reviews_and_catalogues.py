"""Flag wording met in H27 and H28 (studied after their blind scores), in our own text: townships
ranked "在全县" after an inspection and a 回头看 held again; a download task given in brackets,
a count of good reviews per village and a livestock head count handed down as quotas; points
ranked by a platform; the head of the township and every village secretary called to one
meeting; objects catalogued with a photo and number each are no trace."""

from tests.intake.factories import flags_of


def test_townships_ranked_in_the_county_after_an_inspection():
    body = "请各乡做好村庄保洁。县里每季度检查一次，检查结果在全县排名通报。"
    assert "inspection_burden" in flags_of(body)
    assert "inspection_burden" not in flags_of("请各乡做好村庄保洁，力争我县排名靠前。")


def test_a_second_look_held_again_is_a_repeat_inspection():
    body = "请各乡做好村庄保洁，县里年中检查，年底再组织“回头看”。"
    assert "inspection_burden" in flags_of(body)


def test_a_task_given_in_brackets_is_a_quota():
    body = "请各乡月底前完成客户端下载任务（城西乡2000户），发动干部入户推广。"
    assert "forced_apportionment" in flags_of(body)


def test_good_reviews_counted_per_village_are_a_quota():
    body = "请各乡组织群众在小程序上给便民服务评价，每个村不少于30条。"
    assert "forced_apportionment" in flags_of(body)


def test_a_head_count_of_livestock_handed_down_is_a_quota():
    body = "请各乡宣传养殖保险政策。县里给各乡下达投保任务，城西乡为1500头。"
    assert "forced_apportionment" in flags_of(body)


def test_points_ranked_by_a_platform_are_digital_formalism():
    body = "请各乡每月开展志愿服务，活动当天上传平台，平台按上传数量生成各乡积分排名。"
    assert "digital_formalism" in flags_of(body)


def test_the_head_and_every_village_secretary_called_to_one_meeting():
    body = "县局定于下周在城西乡召开现场会，请各乡乡长、分管副乡长、派出所所长、中心小学校长和各村党支部书记参加。"
    assert "meeting_burden" in flags_of(body)
    assert "meeting_burden" not in flags_of("县局定于下周召开现场会，请各乡分管副乡长参加。")


def test_objects_catalogued_with_a_photo_and_number_each_are_no_trace():
    body = "请各乡发动村民捐赠老物件，逐件登记造册、拍照编号，月底前移交县档案馆。"
    assert "excessive_traces" not in flags_of(body)
    assert "excessive_traces" in flags_of("请各乡逐户走访，每户拍照两张上传。")
