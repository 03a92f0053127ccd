"""The frames of the functions enclosing a point of a front end's sweep (declared types).

Both declared-type collectors (`python_types.py`, `javascript_types.py`)
keep one frame per enclosing function or callback, innermost last, with the
names it binds and their declared types; the sweep visits captures in
order, so a frame is left when the sweep passes its end. Each language's
frame adds its own fields (JavaScript's `this`); the stack is shared.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar


class Frame(Protocol):
    """What the stack needs of a frame: where it ends and the names it binds."""

    end_byte: int
    names: dict[str, str]


F = TypeVar("F", bound=Frame)


class FrameStack(Generic[F]):
    """Enclosing functions' frames during a sweep, innermost last."""

    def __init__(self) -> None:
        self._frames: list[F] = []

    def at(self, start_byte: int) -> None:
        """Leave the frames that end before `start_byte`."""
        frames = self._frames
        while frames and frames[-1].end_byte <= start_byte:
            frames.pop()

    def _lookup(self, name: str) -> str | None:
        """The type bound to `name` by an enclosing function (UNKNOWN: bound, untyped)."""
        frame = self._binder(name)
        return frame.names[name] if frame is not None else None

    def _binder(self, name: str) -> F | None:
        for frame in reversed(self._frames):
            if name in frame.names:
                return frame
        return None
