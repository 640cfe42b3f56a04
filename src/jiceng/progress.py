"""Progress bars for long CLI operations, always on stderr so stdout stays clean for pipes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(
    items: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool = True
) -> Iterator[T]:
    """Wrap ``items`` in a progress bar on stderr; silent when stderr is not a terminal or disabled."""
    disable = not enabled or not sys.stderr.isatty()
    yield from tqdm(items, total=total, desc=desc, file=sys.stderr, disable=disable, leave=False)
