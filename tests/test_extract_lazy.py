"""newsarchive.extract.lazy.cached_property reads as functools.cached_property does."""

from __future__ import annotations

import functools

import pytest

from newsarchive.extract.lazy import cached_property


@pytest.mark.parametrize("decorator", [cached_property, functools.cached_property])
def test_a_value_is_computed_on_first_read_and_kept_per_object(decorator) -> None:
    calls: list[int] = []

    class Page:
        def __init__(self, number: int) -> None:
            self.number = number

        @decorator
        def doubled(self) -> int:
            """Twice the number."""
            calls.append(self.number)
            return 2 * self.number

    one, two = Page(1), Page(2)
    assert (one.doubled, one.doubled, two.doubled, one.doubled) == (2, 2, 4, 2)
    assert calls == [1, 2]  # once an object
    assert vars(one)["doubled"] == 2  # kept where a later read finds it first
    assert Page.doubled.__doc__ == "Twice the number."  # the class reads the descriptor
    one.doubled = 7  # set, it stays set
    assert one.doubled == 7 and calls == [1, 2]


def test_an_exception_keeps_nothing_and_the_next_read_computes_again() -> None:
    attempts: list[str] = []

    class Page:
        @cached_property
        def field(self) -> str:
            attempts.append("read")
            if len(attempts) == 1:
                raise ValueError("first read fails")
            return "value"

    page = Page()
    with pytest.raises(ValueError):
        _ = page.field
    assert "field" not in vars(page)
    assert page.field == "value" and attempts == ["read", "read"]
