"""The LMDB store: deltas, per-context replacement, snapshots, crash safety, schema."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from graphwarden.analysis.build_id import code_digest
from graphwarden.analysis.enrichers import all_enricher_classes
from graphwarden.analysis.model import Edge, Node
from graphwarden.analysis.store import (
    SCHEMA_VERSION,
    GraphStore,
    enrichment_context,
    global_context,
    key_order,
    node_key,
)
from graphwarden.analysis.store import graph_store as graph_store_module
from graphwarden.analysis.store.graph_store import StoreReader
from graphwarden.analysis.store.keys import edge_prefix
from graphwarden.analysis.store.mapped_pages import released_periodically
from graphwarden.analysis.store.tables import GLOBAL_SHARD_EDGES, UNENRICHED_FILES_META


def node(id_: str, content: str = "c", sig: str = "s", name: str | None = None, **attrs) -> Node:
    file = id_.split("->")[0]
    return Node(
        id_,
        id_.split("->")[1],
        name or id_.rsplit("->", 1)[-1],
        file,
        (0, 0, 1, 0),
        content,
        sig,
        attrs,
    )


@pytest.fixture
def store(tmp_path: Path):
    s = GraphStore(tmp_path / ".graphwarden")
    yield s
    s.close()


A_MOD = "a.py->MODULE"
A_F = "a.py->FUNCTION->f"
A_G = "a.py->FUNCTION->g"


def test_store_dir_has_its_own_gitignore(tmp_path: Path) -> None:
    s = GraphStore(tmp_path / ".graphwarden")
    s.close()
    assert (tmp_path / ".graphwarden" / ".gitignore").read_text() == "*\n"


def test_delta_for_add_modify_remove(store: GraphStore) -> None:
    d1 = store.commit_batch(
        "a.py", [node(A_MOD), node(A_F), node(A_G)], [Edge(A_MOD, "CONTAINS", A_F)]
    )
    assert d1.added == {A_MOD, A_F, A_G} and not d1.removed and not d1.modified
    assert d1.changed_files == {"a.py"}
    assert d1.changed_node_types == {"MODULE", "FUNCTION"}
    assert d1.changed_edge_types == {"CONTAINS"}

    # f's content changes, g disappears, the edge goes with it.
    d2 = store.commit_batch("a.py", [node(A_MOD), node(A_F, content="c2")], [])
    assert d2.modified == {A_F}
    assert d2.removed == {A_G}
    assert not d2.added
    assert d2.changed_edge_types == {"CONTAINS"}
    assert d2.revision == d1.revision + 1
    # A content-only change is not a change of the facts rules can see.
    assert d2.changed_node_types == {"FUNCTION"}  # from g's removal only

    d3 = store.commit_batch("a.py", [node(A_MOD), node(A_F, content="c2")], [])
    assert d3.empty


def test_signature_changes_are_reported_separately(store: GraphStore) -> None:
    store.commit_batch("a.py", [node(A_F)], [])
    body = store.commit_batch("a.py", [node(A_F, content="new body")], [])
    assert body.modified == {A_F} and not body.signature_changed
    sig = store.commit_batch("a.py", [node(A_F, content="new body", sig="new sig")], [])
    assert sig.signature_changed == {A_F}


def test_a_new_revision_decodes_only_the_records_that_changed(store: GraphStore) -> None:
    store.commit_batch("a.py", [node(A_MOD), node(A_F), node(A_G)], [])
    with store.snapshot() as snap:
        first, records = snap.context_nodes_reusing("a.py", {})
        assert first == snap.context_nodes("a.py")
    # g's body changes: its record differs, the module's and f's do not.
    store.commit_batch("a.py", [node(A_MOD), node(A_F), node(A_G, content="c2")], [])
    with store.snapshot() as snap:
        second, _ = snap.context_nodes_reusing("a.py", records)
        assert second == snap.context_nodes("a.py")
    by_id = {n.id: n for n in first}
    assert [n.id for n in second] == [A_MOD, A_F, A_G]
    assert second[0] is by_id[A_MOD] and second[1] is by_id[A_F]
    assert second[2] is not by_id[A_G] and second[2].content_hash == "c2"


def test_contexts_replace_only_what_they_own(store: GraphStore) -> None:
    store.commit_batch("a.py", [node(A_MOD), node(A_F)], [])
    store.commit_batch("b.py", [node("b.py->MODULE"), node("b.py->FUNCTION->h")], [])
    shard = enrichment_context("calls", "b.py")
    store.commit_batch(shard, [], [Edge("b.py->FUNCTION->h", "CALLS", A_F)])
    # Re-committing a.py does not touch b.py's nodes or the calls shard.
    store.commit_batch("a.py", [node(A_MOD), node(A_F, content="x")], [])
    with store.snapshot() as snap:
        assert snap.node("b.py->FUNCTION->h") is not None
        assert [e.src for e in snap.edges_in(A_F, "CALLS")] == ["b.py->FUNCTION->h"]
    # Replacing the shard with nothing removes its edge only.
    d = store.commit_batch(shard, [], [])
    assert d.changed_edge_types == {"CALLS"} and d.removed_edges == 1
    with store.snapshot() as snap:
        assert snap.edges_in(A_F, "CALLS") == []
        assert snap.node(A_F) is not None


def test_nodes_shared_by_contexts_live_until_the_last_owner_goes(store: GraphStore) -> None:
    ext = Node("EXTERNAL_MODULE->os", "EXTERNAL_MODULE", "os", "", (0, 0, 0, 0))
    store.commit_batch(enrichment_context("imports", "a.py"), [ext], [])
    store.commit_batch(enrichment_context("imports", "b.py"), [ext], [])
    store.commit_batch(enrichment_context("imports", "a.py"), [], [])
    with store.snapshot() as snap:
        assert snap.node("EXTERNAL_MODULE->os") is not None
    store.commit_batch(enrichment_context("imports", "b.py"), [], [])
    with store.snapshot() as snap:
        assert snap.node("EXTERNAL_MODULE->os") is None


def test_dangling_edges_are_hidden(store: GraphStore) -> None:
    store.commit_batch("a.py", [node(A_F)], [])
    store.commit_batch("b.py", [node("b.py->FUNCTION->h")], [])
    store.commit_batch(
        enrichment_context("calls", "b.py"), [], [Edge("b.py->FUNCTION->h", "CALLS", A_F)]
    )
    store.commit_batch("a.py", [], [])  # f is gone; the calls shard still lists the edge
    with store.snapshot() as snap:
        assert snap.edges_out("b.py->FUNCTION->h") == []
        assert list(snap.edges()) == []


def test_indexes_names_types_incoming(store: GraphStore) -> None:
    store.commit_batch(
        "a.py",
        [
            node(A_MOD),
            node(A_F, name="fetchUser"),
            node(A_G, name="fetch_all"),
            node("a.py->CALL->f->g#0", name="g"),
        ],
        [Edge(A_MOD, "CONTAINS", A_F), Edge(A_F, "CONTAINS", "a.py->CALL->f->g#0")],
    )
    with store.snapshot() as snap:
        assert {n.id for n in snap.search_names("FETCH")} == {A_F, A_G}
        assert [n.id for n in snap.search_names("fetchu")] == [A_F]
        # Calls are not in the name index (not symbols), but in the type index.
        assert snap.search_names("g") == []
        assert [n.id for n in snap.nodes_of_type("CALL")] == ["a.py->CALL->f->g#0"]
        assert [e.src for e in snap.edges_in(A_F)] == [A_MOD]
        assert [e.dst for e in snap.edges_out(A_F, "CONTAINS")] == ["a.py->CALL->f->g#0"]


def test_snapshot_isolation_while_writer_commits(store: GraphStore) -> None:
    store.commit_batch("a.py", [node(A_F, content="v0")], [])
    snap = store.snapshot()
    rev = snap.revision
    seen: list[str] = []
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(200):
                seen.append(snap.node(A_F).content_hash)  # type: ignore[union-attr]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    for i in range(1, 50):
        store.commit_batch("a.py", [node(A_F, content=f"v{i}")], [])
    t.join()
    assert not errors
    assert set(seen) == {"v0"}, "a snapshot must keep seeing its own revision"
    assert snap.revision == rev
    snap.close()
    with store.snapshot() as fresh:
        assert fresh.node(A_F).content_hash == "v49"  # type: ignore[union-attr]
        assert fresh.revision == rev + 49


def test_killed_mid_commit_leaves_previous_revision(tmp_path: Path, checkpoints) -> None:
    path = tmp_path / ".graphwarden"
    s = GraphStore(path)
    s.commit_batch("a.py", [node(A_MOD), node(A_F, content="stable")], [])
    rev = s.revision
    s.close()
    script = textwrap.dedent(
        f"""
        from graphwarden.analysis.model import Node
        from graphwarden.analysis.store import GraphStore, Batch
        s = GraphStore({str(path)!r})
        batches = [
            Batch(f"big{{i}}.py", [Node(f"big.py->FUNCTION->f{{i}}", "FUNCTION", f"f{{i}}",
                  "big.py", (0,0,0,0), "c", "s", {{}})], [])
            for i in range(20000)
        ]
        s.commit(batches + [Batch("a.py", [Node({A_F!r}, "FUNCTION", "f", "a.py",
                 (0,0,0,0), "changed", "s", {{}})], [])])
        """
    )
    # The child writes every batch, announces it is inside the write
    # transaction, and waits there: the kill certainly lands mid-commit.
    checkpoints.hold("commit")
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, **checkpoints.env})
    checkpoints.wait_reached("commit", proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = GraphStore(path)
    try:
        assert s.revision == rev
        with s.snapshot() as snap:
            assert snap.node(A_F).content_hash == "stable"  # type: ignore[union-attr]
            assert snap.node("big.py->FUNCTION->f1") is None
        # And the store is usable afterwards.
        d = s.commit_batch("a.py", [node(A_MOD), node(A_F, content="after")], [])
        assert d.modified == {A_F}
    finally:
        s.close()


def test_schema_mismatch_rebuilds_cleanly(tmp_path: Path, monkeypatch, caplog) -> None:
    path = tmp_path / ".graphwarden"
    s = GraphStore(path)
    s.commit_batch("a.py", [node(A_F)], [])
    s.close()
    monkeypatch.setattr(graph_store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with caplog.at_level("WARNING"):
        s = GraphStore(path)
    try:
        assert "rebuilding" in caplog.text
        with s.snapshot() as snap:
            assert snap.counts() == {"files": 0, "nodes": 0, "edges": 0}
        s.commit_batch("a.py", [node(A_F)], [])
    finally:
        s.close()


def test_a_store_made_by_another_build_is_rebuilt(tmp_path: Path, monkeypatch, caplog) -> None:
    # An upgrade (or another commit of graphwarden) may make other records from
    # the same bytes: its store must not be mixed with this build's records.
    path = tmp_path / ".graphwarden"
    s = GraphStore(path)
    s.commit_batch("a.py", [node(A_F)], [])
    before = s.revision
    s.close()
    s = GraphStore(path)  # the same build: kept
    try:
        with s.snapshot() as snap:
            assert snap.counts()["nodes"] == 1
    finally:
        s.close()
    monkeypatch.setattr(graph_store_module, "analysis_build_id", lambda: "another-build")
    with caplog.at_level("WARNING"):
        s = GraphStore(path)
    try:
        assert "made by another build of graphwarden: rebuilding it" in caplog.text
        with s.snapshot() as snap:
            assert snap.counts() == {"files": 0, "nodes": 0, "edges": 0}
        # Revisions keep growing: nothing cached against the old graph is reused.
        assert s.revision > before
    finally:
        s.close()


def test_long_non_ascii_names_in_indexes(store: GraphStore) -> None:
    long_name = "é" * 150 + "x" * 100  # 400 bytes: index keys must not cut a character
    other = "é" * 150 + "y" * 100
    store.commit_batch(
        "a.py",
        [
            node("a.py->CALL->f->c#0", name=long_name),
            node("a.py->CALL->f->c#1", name=other),
            node(A_F, name=long_name),
        ],
        [],
    )
    with store.snapshot() as snap:
        assert snap.names_of_type("CALL") == {("é" * 150 + "x" * 50), ("é" * 150 + "y" * 50)}
        assert [n.id for n in snap.nodes_named("CALL", long_name)] == ["a.py->CALL->f->c#0"]
        assert [n.id for n in snap.search_names("é" * 10)] == [A_F]


def test_callnames_count_calls_across_contexts(store: GraphStore) -> None:
    store.commit_batch("a.py", [node("a.py->CALL->f->save#0", name="save")], [])
    store.commit_batch("b.py", [node("b.py->CALL->g->save#0", name="save")], [])
    with store.snapshot() as snap:
        assert snap.is_called("save") and not snap.is_called("load")
    store.commit_batch("a.py", [], [])
    with store.snapshot() as snap:
        assert snap.is_called("save")  # b.py still calls it
    store.commit_batch("b.py", [node("b.py->CALL->g->save#0", name="load")], [])
    with store.snapshot() as snap:
        assert not snap.is_called("save") and snap.is_called("load")


def two_calls_of_f(store: GraphStore) -> None:
    """a.py's f, called twice from b.py (the calls shard of b.py holds the edges)."""
    store.commit_batch("a.py", [node(A_F)], [])
    store.commit_batch("b.py", [node("b.py->CALL->x->f#0"), node("b.py->CALL->x->f#1")], [])
    shard = enrichment_context("calls", "b.py")
    store.commit_batch(
        shard,
        [],
        [Edge("b.py->CALL->x->f#0", "CALLS", A_F), Edge("b.py->CALL->x->f#1", "CALLS", A_F)],
    )


def test_count_incoming_skips_dangling(store: GraphStore) -> None:
    two_calls_of_f(store)
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "CALLS") == 2
        assert snap.count_incoming(A_F, "IMPORTS_FROM") == 0
    store.commit_batch("b.py", [node("b.py->CALL->x->f#0")], [])
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "CALLS") == 1


def test_a_full_map_grows_and_the_commit_goes_through(tmp_path: Path) -> None:
    """LMDB's map filling up is not an error: it doubles and the commit is redone."""
    s = GraphStore(tmp_path / ".graphwarden", map_size=256 * 1024)
    try:
        before = s.env.info()["map_size"]
        nodes = [node(A_MOD)] + [node(f"a.py->FUNCTION->f{i}", doc="x" * 400) for i in range(1000)]
        s.commit_batch("a.py", nodes, [])
        assert s.env.info()["map_size"] > before
        with s.snapshot() as snap:
            assert snap.node("a.py->FUNCTION->f999") is not None
            assert snap.counts()["nodes"] == 1001
    finally:
        s.close()


def test_a_dead_readers_slot_is_freed_by_the_next_cycle(tmp_path: Path) -> None:
    """A process that dies keeps its LMDB reader slot (and, killed inside a read
    transaction, the revision it read: pages nobody can reuse) until someone
    asks; after each cycle the orchestrator does, so a long session neither
    fills the reader table nor grows the store behind a dead reader."""
    from graphwarden.analysis.orchestrator import FileChange, Orchestrator

    root = tmp_path / "ws"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg/a.py").write_text("def f():\n    return 1\n")
    orch = Orchestrator(root, workers=1, store_path=tmp_path / "store")
    try:
        orch.index_repository()
        reader = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys\n"
                "from graphwarden.analysis.store.graph_store import StoreReader\n"
                "r = StoreReader(sys.argv[1]); s = r.snapshot()\n"
                "print('ready', flush=True); sys.stdin.read()\n",
                str(tmp_path / "store"),
            ],
            stdin=subprocess.PIPE,  # held open: the child waits on it until killed
            stdout=subprocess.PIPE,
            text=True,
        )
        assert reader.stdout is not None and reader.stdout.readline() == "ready\n"
        reader.kill()  # killed inside a read transaction: its slot pins that revision
        reader.wait()
        reader.stdin.close()  # type: ignore[union-attr]  # opened with stdin=PIPE above

        def slots() -> list[int]:
            lines = orch.store.env.readers().splitlines()[1:]
            return [int(line.split()[0]) for line in lines if line.strip()]

        assert reader.pid in slots()  # the dead process's slot is still taken
        orch.apply_changes([FileChange("pkg/a.py", b"def f():\n    return 2\n")])
        assert reader.pid not in slots()
    finally:
        orch.close()


def test_the_build_id_follows_the_code_and_the_parsers(tmp_path: Path) -> None:
    code = tmp_path / "analysis"
    (code / "languages").mkdir(parents=True)
    (code / "languages" / "python.py").write_text("X = 1\n")
    (code / "packs.toml").write_text("a = 1\n")
    first = code_digest(code, ["0.1.0", "tree-sitter-python=0.25.0"])
    assert code_digest(code, ["0.1.0", "tree-sitter-python=0.25.0"]) == first
    # Bytecode written on import is not the code.
    (code / "languages" / "__pycache__").mkdir()
    (code / "languages" / "__pycache__" / "python.cpython-311.pyc").write_bytes(b"\0pyc")
    assert code_digest(code, ["0.1.0", "tree-sitter-python=0.25.0"]) == first
    (code / "languages" / "python.py").write_text("X = 2\n")
    changed_code = code_digest(code, ["0.1.0", "tree-sitter-python=0.25.0"])
    (code / "packs.toml").write_text("a = 2\n")
    changed_pack = code_digest(code, ["0.1.0", "tree-sitter-python=0.25.0"])
    changed_grammar = code_digest(code, ["0.1.0", "tree-sitter-python=0.25.1"])
    assert len({first, changed_code, changed_pack, changed_grammar}) == 4


def test_files_committed_in_key_order_fill_the_node_pages(tmp_path: Path) -> None:
    # A cold index commits files in key order (`key_order`): every record is
    # appended, and LMDB fills pages instead of leaving two half pages at each
    # split. The same files in path order need a third more pages.
    files = [f"pkg/mod{i:03}.py" for i in range(240)]

    def leaf_pages(order: list[str]) -> int:
        s = GraphStore(tmp_path / f"store-{len(list(tmp_path.iterdir()))}")
        try:
            for f in order:
                nodes = [node(f"{f}->MODULE")]
                nodes += [node(f"{f}->FUNCTION->fn{j:02}", content=f"body {j}") for j in range(40)]
                s.commit_batch(f, nodes, [])
            with s.env.begin() as txn:
                return int(txn.stat(s.tables.nodes)["leaf_pages"])
        finally:
            s.close()

    assert key_order(list(reversed(files))) == key_order(files)
    in_key_order = leaf_pages(key_order(files))
    in_path_order = leaf_pages(files)
    assert in_key_order * 4 <= in_path_order * 3


def _mapped_resident_kb(data_file: Path) -> int:
    """Resident KiB of this process's mappings of `data_file` (/proc/self/smaps)."""
    target, total, inside = str(data_file.resolve()), 0, False
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
                inside = len(head) == 6 and head[5] == target
            elif inside and line.startswith("Rss:"):
                total += int(head[1])
    return total


def _store_of_200_files(path: Path) -> GraphStore:
    """A store of 200 files of 41 nodes each: a few megabytes to map."""
    s = GraphStore(path)
    for i in range(200):
        f = f"pkg/mod{i:03}.py"
        nodes = [node(f"{f}->MODULE")]
        nodes += [node(f"{f}->FUNCTION->fn{j:02}", content="x" * 200) for j in range(40)]
        s.commit_batch(f, nodes, [])
    return s


def test_released_pages_leave_the_process_and_nothing_is_lost(tmp_path: Path) -> None:
    # After a big cycle the cycle worker unmaps the store pages it read once
    # (mapped_pages.py): its resident memory drops, and every record reads the same.
    s = _store_of_200_files(tmp_path / ".graphwarden")
    try:

        def read_all() -> list[tuple[bytes, bytes]]:
            with s.env.begin() as txn:
                return list(txn.cursor(db=s.tables.nodes))

        before = read_all()
        data_file = s.path / "data.mdb"
        touched = _mapped_resident_kb(data_file)
        assert touched > 1024  # the records were read through the map
        assert s.release_mapped_pages() > 0
        assert _mapped_resident_kb(data_file) < touched // 10
        assert read_all() == before
    finally:
        s.close()


def test_a_big_job_lets_go_of_the_pages_it_read_while_it_runs(tmp_path: Path) -> None:
    # A cold index reads the whole store; released_periodically unmaps what it
    # read every few milliseconds while the job still runs, not at its end.
    s = _store_of_200_files(tmp_path / ".graphwarden")
    try:
        data_file = s.path / "data.mdb"
        with released_periodically(data_file, every=0.05), s.env.begin() as txn:
            deadline = time.monotonic() + 30
            while True:
                records = list(txn.cursor(db=s.tables.nodes))
                touched = _mapped_resident_kb(data_file)
                if touched > 1024:
                    break  # read through the map, and seen mapped before a release
                # A release came between the read and the look (a loaded machine).
                assert time.monotonic() < deadline, "reading never mapped the store"
            while _mapped_resident_kb(data_file) >= touched // 10:
                assert time.monotonic() < deadline, "the pages were never released"
                threading.Event().wait(0.005)
            # Still inside the job, its transaction open: nothing is lost.
            assert list(txn.cursor(db=s.tables.nodes)) == records
        assert len(records) == 200 * 41
    finally:
        s.close()


def test_sources_are_looked_up_only_in_files_listed_unenriched(store: GraphStore) -> None:
    # What the cycle keeps (analysis/cycle/run.py): the files whose nodes
    # changed since their enrichment ran. Sources elsewhere exist (their
    # shards' edges leave their own file's nodes): a hub's callers are
    # counted on the index alone.
    two_calls_of_f(store)
    store.set_meta(UNENRICHED_FILES_META, ["b.py"])
    store.commit_batch("b.py", [node("b.py->CALL->x->f#0")], [])  # the shard is not re-run
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "CALLS") == 1
        assert snap.incoming_source_keys(node_key(A_F), "CALLS") == [node_key("b.py->CALL->x->f#0")]
    # The list is what decides: a store that says b.py was enriched is believed.
    store.set_meta(UNENRICHED_FILES_META, [])
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "CALLS") == 2
    # Without a list (a store no cycle kept it in) every source is looked up.
    store.set_meta(UNENRICHED_FILES_META, None)
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "CALLS") == 1


def test_a_global_shards_edges_are_always_looked_up(store: GraphStore) -> None:
    # The unreferenced pass owns edges leaving every file's module: the list
    # of unenriched files says nothing about them.
    store.set_meta(UNENRICHED_FILES_META, [])
    store.commit_batch("a.py", [node(A_MOD), node(A_F)], [])
    store.commit_batch("b.py", [node("b.py->MODULE")], [])
    store.commit_batch(
        global_context("unreferenced"),
        [],
        [Edge(A_MOD, "UNREFERENCED", A_F), Edge("b.py->MODULE", "UNREFERENCED", A_F)],
    )
    store.commit_batch("b.py", [], [])  # b.py's module is gone, the global pass not re-run
    with store.snapshot() as snap:
        assert snap.count_incoming(A_F, "UNREFERENCED") == 1


def test_global_enrichers_write_only_the_edges_readers_always_look_up() -> None:
    written = {
        str(t)
        for cls in all_enricher_classes()
        if cls.metadata.scope == "global"
        for t in cls.metadata.produces
    }
    assert written == {str(t) for t in GLOBAL_SHARD_EDGES} == {"UNREFERENCED"}


def test_a_reader_mid_cycle_counts_only_callers_that_exist(tmp_path: Path, checkpoints) -> None:
    # A real cycle, held after it committed the edited file's nodes and
    # before it enriched them: the calls shard of `a.py` still lists edges
    # from the two calls the edit removed.
    root = tmp_path / "ws"
    files = {
        "pkg/__init__.py": "",
        "pkg/lib.py": "def target():\n    return 1\n",
        "pkg/a.py": "from pkg.lib import target\n\ndef one():\n    target()\n    target()\n",
        "pkg/b.py": "from pkg.lib import target\n\ndef two():\n    return target()\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    store = tmp_path / "store"
    gw = [str(Path(sys.executable).parent / "graphwarden")]
    done = subprocess.run([*gw, "index", str(root), "--store", str(store)], capture_output=True)
    assert done.returncode == 0, done.stderr
    target = "pkg/lib.py->FUNCTION->target"
    calls_in = edge_prefix(node_key(target), "CALLS")
    reader = StoreReader(store)
    try:
        with reader.snapshot() as snap:
            assert snap.count_incoming(target, "CALLS") == 3
        (root / "pkg/a.py").write_text("from pkg.lib import target\n\ndef one():\n    return 0\n")
        checkpoints.hold("enrichment")
        proc = subprocess.Popen(
            [*gw, "index", str(root), "--store", str(store)],
            env={**os.environ, **checkpoints.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            checkpoints.wait_reached("enrichment", proc)
            with reader.snapshot() as snap:
                # The index still holds all three (the positive signal that a
                # source lookup is needed), a.py is listed, one caller is left.
                with snap.txn.cursor(db=reader.tables.incoming) as cur:
                    cur.set_range(calls_in)
                    keys = [k for k in cur.iternext(values=False) if k.startswith(calls_in)]
                assert len(keys) == 3
                assert snap.store.get_meta(UNENRICHED_FILES_META) == ["pkg/a.py"]
                assert snap.count_incoming(target, "CALLS") == 1
        finally:
            checkpoints.release("enrichment")
            assert proc.wait(timeout=120) == 0
        with reader.snapshot() as snap:
            assert snap.store.get_meta(UNENRICHED_FILES_META) == []
            assert snap.count_incoming(target, "CALLS") == 1
    finally:
        reader.close()
