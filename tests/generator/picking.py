"""Where a generator's choices come from: hypothesis's `draw` (tests, with shrinking) or a
seeded `random.Random` (benchmarks, thousands of pages). Both generators take a Picker."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")


class Picker(Protocol):
    def one(self, options: Sequence[T]) -> T: ...

    def number(self, low: int, high: int) -> int: ...


@dataclass
class RandomPicker:
    rng: random.Random

    def one(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


@dataclass
class DrawPicker:
    draw: st.DrawFn

    def one(self, options: Sequence[T]) -> T:
        return options[self.number(0, len(options) - 1)]

    def number(self, low: int, high: int) -> int:
        return self.draw(_integers(low, high))


@cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    # a page makes ~80 choices: building a strategy per choice costs more than the extraction
    return st.integers(low, high)
