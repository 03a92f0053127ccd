"""Seed for the front-end fuzzers: every construct the Python front end reads."""

from __future__ import annotations

import os
import os.path as osp
from collections import OrderedDict as OD, defaultdict
from . import sibling
from ..parent import *
from .pkg.mod import (alpha,
                      beta as b)

__all__ = ["Repo", "helper"]
__all__ += ["extra"]


@dataclass(frozen=True)
class Repo(Base, Mixin, metaclass=Meta, **options):
    """A repository."""

    count: int = 0
    a = b = Store()
    x, (y, z) = 1, (2, 3)

    @property
    def size(self) -> int:
        return len(self.items)

    async def save(self, item, /, *args, key: str = "k", **kwargs) -> None:
        validate(item)
        self.store = Store()
        cls.cache[key] = item
        await self.flush(*args, **kwargs)

    class Inner(Repo.Nested):
        def deep(self):
            def deeper(q=lambda: 0):
                return q()

            return deeper

    def save(self):  # a second definition of one name
        return super().save()


def helper(a, b=1, *, c, d=None):
    from os import sep

    result = Repo()
    other = result.save().then(lambda v: v)(1)(2)
    match a:
        case {"k": [x, *rest]} if (n := len(rest)) > 1:
            return x, n
        case Repo(count=0):
            return None
    return [f(i) for i in range(b) if g(i)] + [result, other]


if __name__ == "__main__":
    helper(1, c=2)
    print(f"{helper(2, c=3)!r:>10} é 漢字 😀")
