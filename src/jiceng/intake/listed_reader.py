"""A learned reading of whether a notice the rules set off the list (label rule 5) asks work that
township duty lists hold.

The no-match rule reads how much of the notice the list's own words cover, with thresholds for
chat messages and for senders that lead nothing on the list (``policy.toml`` ``[matching]``). A
notice told in words no item uses — a duty of the township in a department's or a chat group's own
terms — falls under them. This reader knows no list: it is a logistic regression over the
character 1–2-grams of the title and body (``jiceng.text.char_model``), trained by
``bench/intake_listed_reader.py`` on the labelled tasks of our own studied counties (never the
sample; rule-7 rejects aside, whose item is a judgement call), with the target whether the
reviewed label put the task under an item of the county's list. What it learned is which kinds of
asks the published lists of many townships hold. Its weights ship as data
(``data/listed_reader.tsv``).

It is a second opinion in one direction only: a task that the coverage threshold alone set off
the list, in which no formalism is found under its closest candidate, is screened under that
candidate when the reading is at least ``threshold`` sure (``policy.toml`` ``[listed_reader]``);
the reason says the rules and the reading disagreed, with its probability and the strings that
weighed most, for the reviewer to confirm. Where a sender test set the task off (label rule 2
makes the sender part of the match) or the list's words cover it only piecemeal, the rules stand:
the reader reads what is asked, not who asks. A task carrying formalism is left to the rules too:
rejected off the list or revised under an item is a different verdict, and the reader has not
learned rule 7.
"""

from __future__ import annotations

from jiceng.duties.items import DutyItem
from jiceng.intake.reading import NoticeReader, Reading
from jiceng.text.char_model import CharNgramModel, packaged_model


def default_model() -> CharNgramModel:
    """The model shipped with the package (read once)."""
    return packaged_model("jiceng.intake", "listed_reader.tsv")


class ListedReader(NoticeReader):
    """Reads whether a notice asks work township lists hold (``read``: None unless sure of it)."""

    label = "清单判读"

    def __init__(self, threshold: float, model: CharNgramModel | None = None) -> None:
        super().__init__(threshold, model or default_model())

    @staticmethod
    def note(reading: Reading, item: DutyItem) -> str:
        return (
            "按规则应视为清单外事项；学习所得的清单判读模型则读作乡镇履职事项清单通常列有的工作"
            f"{reading.basis()}，通知也未见形式主义要素，故按最接近的事项 {item.id}“{item.name}”审查，"
            "请审核人员确认本县清单是否确含此项工作。"
        )
