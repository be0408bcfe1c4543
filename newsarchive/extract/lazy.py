"""`cached_property`, as functools' but without its lock.

Python 3.11's functools.cached_property takes one lock per property, for every object,
on each first read (3.12 dropped it): a page object reads some thirty of them a page,
and the lock cost a µs each, 1.5% of an extraction worker's time. A page and its
document are read by one thread, so a read computes the value and keeps it in the
object's __dict__, where later reads find it without calling this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_property(Generic[T]):  # lower case: named as the decorator it replaces
    """A property computed on first read and kept in the object's __dict__."""

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value
