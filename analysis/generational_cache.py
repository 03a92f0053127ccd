"""A bounded cache whose hits cost one dict lookup: an approximate LRU.

The hottest caches of enrichment (file summaries: some 300k lookups for one
cold Django index in one process) cannot afford `cachetools.LRUCache`, whose
every read reorders a linked list in Python. This one keeps two generations
of plain dicts of up to `size` entries each: entries go into the young one;
when it is full it becomes the old one and the previous old one is dropped;
a hit in the old one moves the entry back to the young one. So at most
`2 * size` entries are held, and the last `size` used are always kept.

Safe to share between threads without a lock: a race can lose an entry,
which only costs recomputing it.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class GenerationalCache(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._young: dict[K, V] = {}
        self._old: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        value = self._young.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        young = self._young
        young[key] = value
        if len(young) >= self._size:
            self._old = young
            self._young = {}

    def clear(self) -> None:
        self._young = {}
        self._old = {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)
