"""Flag precision on legitimate asks (label rule 8), each a structural cue rather than a phrase:
a context word the sender says is not needed, a size or distance that is not a head count, a
township reporting its own checks, a public announcement posted, a station the cited law requires
or set up in an existing room. Our own wording; each case also has a firing twin."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str, item: DutyItem | None = None) -> set[str]:
    return {f.code for f in detector.detect_text("body", body, item)}


@pytest.mark.parametrize(
    ("body", "code", "fires"),
    [
        ("周四前把走访情况写成文字发到群里，不用照片。", "digital_formalism", False),
        ("周四前把走访照片发群里，每户一张。", "digital_formalism", True),
        (
            "请明确1名联络员接收转发预警，选一处不少于30平方米的空地放设备。",
            "forced_apportionment",
            False,
        ),
        ("请明确1名联络员，每人转发宣传文章不少于30次。", "forced_apportionment", True),
        ("请选一处不少于30平方米的空地，用于县局安装监测设备。", "signboard", False),
        ("请每个村配备不少于30平方米的调解室。", "signboard", True),
        ("各乡每月20日前将入户检查进度报县局。", "inspection_burden", False),
        ("县局每月对各乡开展一次检查，结果排名。", "inspection_burden", True),
        ("安置范围公告明天张贴上墙，请各村做好解释。", "signboard", False),
        ("请各村把十项管理制度统一上墙。", "signboard", True),
        ("依据《某某保护条例》关于应当设立调解站的规定，请各乡设立调解站。", "signboard", False),
        ("请依托现有党群服务中心建立老年人之家。", "signboard", False),
        ("请每个村新建立老年人之家，统一标识。", "signboard", True),
        ("各村今年农村养老保险缴费任务不少于600人，每周报进度。", "forced_apportionment", True),
        ("请各村发动村民在助农小程序下单，每户至少3单。", "forced_apportionment", True),
        ("请提醒村民按时缴费，政策材料到县局领取。", "forced_apportionment", False),
    ],
)
def test_flag_precision(body: str, code: str, fires: bool) -> None:
    assert (code in codes(body)) is fires


def test_abbreviated_station_named_by_the_item() -> None:
    item = DutyItem(
        "T-JB-01",
        Category.BASIC,
        "民生保障",
        "老年人权益保护服务站运行",
        "设立老年人权益保护服务站，受理老人求助。",
        "《老年人权益保障法》",
        "乡镇",
        "乡镇负责",
    )
    body = "请年底前在乡里建成老权服务站，落实专人值守。"
    assert "signboard" not in codes(body, item)
    assert "signboard" in codes(body)
