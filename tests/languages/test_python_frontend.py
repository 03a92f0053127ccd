"""The Python front end: constructs, ids, hashes, parse errors."""

from __future__ import annotations

from graphwarden.analysis.languages import analyse_bytes
from graphwarden.analysis.model import EdgeType, FileAnalysis, NodeType


def analyse(src: str, path: str = "pkg/mod.py") -> FileAnalysis:
    return analyse_bytes(path, src.encode())


def ids(fa: FileAnalysis, type_: str | None = None) -> set[str]:
    return {n.id for n in fa.nodes if type_ is None or n.type == type_}


def by_id(fa: FileAnalysis, id_: str):
    return next(n for n in fa.nodes if n.id == id_)


SAMPLE = '''"""Module doc."""
import os
import a.b as c
from ..pkg import x as y, z
from . import *

__all__ = ["Repo", "helper"]


@dataclass
class Repo(Base, metaclass=Meta):
    """A repository."""

    count: int = 0

    @property
    def size(self):
        return len(self.items)

    async def save(self, item, *args, key=None, **kwargs) -> None:
        validate(item)
        self.store = Store()
        validate(key)

    class Inner:
        def deep(self):
            pass


def helper(a, b=1):
    def nested():
        return a
    return lambda q: nested()
'''


def test_definitions_and_qualified_names() -> None:
    fa = analyse(SAMPLE)
    assert ids(fa, NodeType.CLASS) == {"pkg/mod.py->CLASS->Repo", "pkg/mod.py->CLASS->Repo.Inner"}
    assert ids(fa, NodeType.METHOD) == {
        "pkg/mod.py->METHOD->Repo.size",
        "pkg/mod.py->METHOD->Repo.save",
        "pkg/mod.py->METHOD->Repo.Inner.deep",
    }
    assert ids(fa, NodeType.FUNCTION) == {
        "pkg/mod.py->FUNCTION->helper",
        "pkg/mod.py->FUNCTION->helper.nested",
    }
    repo = by_id(fa, "pkg/mod.py->CLASS->Repo")
    assert repo.attrs["bases"] == ["Base"]
    assert repo.attrs["keywords"] == {"metaclass": "Meta"}
    assert repo.attrs["decorators"] == ["dataclass"]
    assert repo.attrs["doc"] == "A repository."
    # The class range covers its decorator; the selection range is the name.
    assert repo.range[0] == 9 and repo.attrs["sel"] == [10, 6, 10, 10]


def test_decorators_async_and_parameters() -> None:
    fa = analyse(SAMPLE)
    size = by_id(fa, "pkg/mod.py->METHOD->Repo.size")
    assert size.attrs["decorators"] == ["property"]
    save = by_id(fa, "pkg/mod.py->METHOD->Repo.save")
    assert save.attrs["async"] is True
    assert save.attrs["signature"] == "(self, item, *args, key=None, **kwargs) -> None"
    params = [e.dst for e in fa.edges if e.src == save.id and e.type == EdgeType.HAS_PARAMETER]
    assert [p.rsplit("->", 1)[1] for p in params] == ["self", "item", "*args", "key", "**kwargs"]


def test_imports_one_node_per_binding() -> None:
    fa = analyse(SAMPLE)
    imports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.IMPORT}
    assert imports["os"] == {"source": "os", "level": 0, "kind": "import"}
    assert imports["c"] == {"source": "a.b", "alias": "c", "level": 0, "kind": "import"}
    assert imports["y"] == {
        "source": "pkg",
        "imported": "x",
        "alias": "y",
        "level": 2,
        "kind": "from",
    }
    assert imports["z"]["imported"] == "z"
    assert imports["*"] == {"source": "", "imported": "*", "level": 1, "kind": "from"}


def test_calls_have_callee_receiver_and_ordinal_ids() -> None:
    fa = analyse(SAMPLE)
    calls = {n.id: n for n in fa.nodes if n.type == NodeType.CALL}
    assert "pkg/mod.py->CALL->Repo.save->validate#0" in calls
    second = calls["pkg/mod.py->CALL->Repo.save->validate#1"]
    assert second.attrs == {"callee": "validate", "args": 1, "arg_names": ["key"]}
    items = calls["pkg/mod.py->CALL->Repo.size->len#0"]
    assert items.attrs["args"] == 1
    # A call inside a lambda belongs to the enclosing named function.
    assert "pkg/mod.py->CALL->helper->nested#0" in calls


def test_variables_module_class_and_self() -> None:
    fa = analyse(SAMPLE)
    variables = ids(fa, NodeType.VARIABLE)
    assert "pkg/mod.py->VARIABLE->__all__" in variables
    assert "pkg/mod.py->VARIABLE->Repo.count" in variables
    store = by_id(fa, "pkg/mod.py->VARIABLE->Repo.store")
    assert store.attrs["assigned_call"] == "Store" and store.attrs["via_self"] is True
    module = by_id(fa, "pkg/mod.py->MODULE")
    assert module.attrs["all"] == ["Repo", "helper"]
    assert module.attrs["doc"] == "Module doc."


def test_structure_edges() -> None:
    fa = analyse(SAMPLE)
    edges = {(e.src, e.type, e.dst) for e in fa.edges}
    assert ("pkg/mod.py->MODULE", "CONTAINS", "pkg/mod.py->CLASS->Repo") in edges
    assert ("pkg/mod.py->CLASS->Repo", "CONTAINS", "pkg/mod.py->METHOD->Repo.save") in edges
    assert ("pkg/mod.py->CLASS->Repo", "DECLARES", "pkg/mod.py->VARIABLE->Repo.count") in edges
    assert ("pkg/mod.py->MODULE", "DECLARES", "pkg/mod.py->IMPORT-><module>->os") in edges
    # Every edge's endpoints are nodes of the file.
    all_ids = ids(fa)
    assert all(e.src in all_ids and e.dst in all_ids for e in fa.edges)


def test_inserting_lines_above_keeps_every_id_and_hash() -> None:
    before = analyse(SAMPLE)
    after = analyse("# a new comment\n\nimport sys\n\n" + SAMPLE.replace('"""Module doc."""\n', ""))
    old = {n.id: n for n in before.nodes}
    new = {n.id: n for n in after.nodes}
    # All old ids survive (the doc line removal and the new import aside).
    assert set(old) - set(new) == set()
    for id_, node in old.items():
        if node.type in (NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.CALL):
            assert new[id_].content_hash == node.content_hash, id_
            assert new[id_].range != node.range, id_


def test_rename_changes_exactly_the_renamed_subtree() -> None:
    before = ids(analyse(SAMPLE))
    after = ids(analyse(SAMPLE.replace("def helper(a, b=1)", "def assist(a, b=1)")))
    removed = before - after
    added = after - before
    assert removed and all("helper" in i for i in removed)
    assert {i.replace("assist", "helper") for i in added} == removed
    assert {i for i in before & after if "helper" in i and "__all__" not in i} == set()


def test_body_only_edit_changes_content_hash_not_signature_hash() -> None:
    before = {n.id: n for n in analyse(SAMPLE).nodes}
    after = {n.id: n for n in analyse(SAMPLE.replace("return len(self.items)", "return 2")).nodes}
    size = "pkg/mod.py->METHOD->Repo.size"
    assert after[size].content_hash != before[size].content_hash
    assert after[size].signature_hash == before[size].signature_hash
    # The class's signature (bases, members) is untouched too.
    repo = "pkg/mod.py->CLASS->Repo"
    assert after[repo].signature_hash == before[repo].signature_hash


def test_signature_edit_changes_signature_hash() -> None:
    before = {n.id: n for n in analyse(SAMPLE).nodes}
    after = {
        n.id: n
        for n in analyse(SAMPLE.replace("def helper(a, b=1)", "def helper(a, b=2, c=3)")).nodes
    }
    fid = "pkg/mod.py->FUNCTION->helper"
    assert after[fid].signature_hash != before[fid].signature_hash


def test_comments_and_formatting_do_not_change_content_hashes() -> None:
    before = {n.id: n.content_hash for n in analyse(SAMPLE).nodes}
    reformatted = SAMPLE.replace("validate(item)", "validate(  item  )  # checked").replace(
        "def helper(a, b=1):", "def helper(a,\n           b=1):"
    )
    after = {n.id: n.content_hash for n in analyse(reformatted).nodes}
    assert before == after


def test_repeated_definitions_get_distinct_ids() -> None:
    fa = analyse("def f():\n    pass\n\ndef f():\n    g()\n")
    assert ids(fa, NodeType.FUNCTION) == {"pkg/mod.py->FUNCTION->f", "pkg/mod.py->FUNCTION->f#1"}


def test_syntax_error_yields_partial_graph_and_errors() -> None:
    fa = analyse("def ok():\n    return 1\n\ndef broken(:\n    pass\n\nclass Fine:\n    pass\n")
    assert fa.parse_errors, "a syntax error must be reported"
    assert all(e.file == "pkg/mod.py" for e in fa.parse_errors)
    assert "pkg/mod.py->FUNCTION->ok" in ids(fa)
    assert "pkg/mod.py->CLASS->Fine" in ids(fa)


def test_non_ascii_columns_are_code_points() -> None:
    fa = analyse('x = "héllo 😀"; y = f()\n')
    call = next(n for n in fa.nodes if n.type == NodeType.CALL)
    line = 'x = "héllo 😀"; y = f()'
    assert call.range[1] == line.index("f()")


def test_columns_on_ascii_lines_of_a_non_ascii_file_are_unchanged() -> None:
    src = 'def a():\n    return g()\n\nx = "😀😀"; y = f()\n\ndef b():\n    return h()\n'
    fa = analyse(src)
    calls = {n.name: n.range for n in fa.nodes if n.type == NodeType.CALL}
    assert calls == {
        "g": (1, 11, 1, 14),
        "f": (3, 14, 3, 17),
        "h": (6, 11, 6, 14),
    }


def test_a_walrus_in_a_case_guard_is_bound_by_the_guard() -> None:
    # The guard is converted after the case's body: its binding once took the
    # range of the body's last statement, a range outside its own name (the
    # front-end fuzzer's finding on its seed).
    src = (
        "def helper(a):\n"
        "    match a:\n"
        '        case {"k": [x, *rest]} if (n := len(rest)) > 1:\n'
        "            return x, n\n"
    )
    n = by_id(analyse(src), "pkg/mod.py->VARIABLE->helper.n")
    assert n.attrs["sel"] == [2, 35, 2, 36]
    assert n.range == (2, 31, 2, 54)
