"""A photo of the damage itself is legitimate evidence for relief (label rule 8); a photo of the
householder holding an ID card beside it proves the person was there, not the damage, and is a
trace beyond need. Our own wording."""

from .factories import flags_of


def test_a_photo_of_the_damage_is_evidence():
    assert "excessive_traces" not in flags_of("请拍摄受损房屋的现场照片，作为救助依据。")


def test_an_id_card_photo_beside_the_damage_is_a_trace():
    body = "每户须提供户主手持身份证与受损房屋的合影，每户不少于6张。"
    assert "excessive_traces" in flags_of(body)
