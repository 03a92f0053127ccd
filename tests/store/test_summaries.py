"""File summaries keep their calls packed; the bounded caches keep what was used last."""

from __future__ import annotations

from graphwarden.analysis.enrichers.workspace import summarise
from graphwarden.analysis.generational_cache import GenerationalCache
from graphwarden.analysis.languages import analyse_bytes
from graphwarden.analysis.model import NodeType
from graphwarden.analysis.summaries import (
    decode_calls,
    decode_summary,
    decode_summary_but_calls,
    encode_summary,
)

SOURCE = b"""\
import os
from pkg import helper

class Repo(Base):
    def save(self, path):
        helper(path).write(os.path.join("a", path))
        return self.flush()

def main():
    Repo().save("x")
"""


def _blob() -> bytes:
    analysis = analyse_bytes("pkg/repo.py", SOURCE)
    return encode_summary(analysis.file, analysis.nodes, analysis.flow)


def test_calls_stay_packed_and_decode_to_the_same_nodes() -> None:
    whole = decode_summary("pkg/repo.py", _blob())
    nodes, packed = decode_summary_but_calls("pkg/repo.py", _blob())
    calls = decode_calls("pkg/repo.py", packed)
    assert sorted(n.name for n in calls) == ["Repo", "flush", "helper", "join", "save", "write"]
    # In commit order, as in the whole summary.
    assert calls == [n for n in whole if n.type == NodeType.CALL]
    assert all(n.type == NodeType.CALL for n in calls)
    assert all(n.type != NodeType.CALL for n in nodes)
    # Nothing lost or changed: the two parts are the whole summary.
    assert sorted(nodes + calls) == sorted(whole)


def test_a_summary_answers_call_ids_from_its_packed_calls() -> None:
    nodes, packed = decode_summary_but_calls("pkg/repo.py", _blob())
    s = summarise("pkg/repo.py", nodes, packed)
    flush = next(c for c in s.calls() if c.name == "flush")
    assert s.get(flush.id) == flush
    assert flush.id not in s.by_id
    assert s.get("pkg/repo.py->CLASS->Repo") == s.top["Repo"]
    # A summary made from nodes in hand (calls among them) answers the same.
    whole = summarise("pkg/repo.py", decode_summary("pkg/repo.py", _blob()))
    assert whole.calls() == s.calls()
    assert whole.get(flush.id) == flush
    assert whole.nodes == s.nodes


def test_generational_cache_keeps_the_last_used_entries_and_stays_bounded() -> None:
    cache: GenerationalCache[int, str] = GenerationalCache(3)
    for i in range(3):
        cache.put(i, f"v{i}")
    # 0..2 fill the young generation, which turns old; 0 is used again.
    assert cache.get(0) == "v0"
    for i in range(3, 6):
        cache.put(i, f"v{i}")
    # The last three used (0 promoted, then 3, 4; 5 starts a new generation)
    # survive; 1 and 2, unused since, are gone.
    assert cache.get(1) is None
    assert cache.get(2) is None
    assert [cache.get(k) for k in (0, 4, 5)] == ["v0", "v4", "v5"]
    assert len(cache) <= 6
    for i in range(100):
        cache.put(i, "x")
    assert len(cache) <= 6
