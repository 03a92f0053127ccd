"""Which bodies the taint interpreter runs: the cheap syntactic entry test.

A body runs only if it may read a source. `self.kwargs` is a source in a
Django class-based view, and `self` is a view's only in a class based on one:
a plain class's `__init__(self, *args, **kwargs)` must not run (on Django,
such bodies once doubled the interpreter's work).
"""

from __future__ import annotations

from pathlib import Path

from graphwarden.analysis.dataflow.engine import analyse_file, world_for
from graphwarden.analysis.dataflow.models import load_spec
from graphwarden.analysis.enrichers.dataflow import matcher_for
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.orchestrator import Orchestrator
from tests.helpers import write_files

PLAIN = """\
class Box:
    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs
"""
VIEW = """\
import os
from django.http import HttpResponse
from django.views import View


class Echo(View):
    def get(self, request, *args, **kwargs):
        os.system("echo " + self.kwargs["word"])
        return HttpResponse("ok")
"""


def test_a_plain_class_is_no_entry_and_a_view_is(tmp_path: Path) -> None:
    write_files(tmp_path, {"app/__init__.py": "", "app/box.py": PLAIN, "app/views.py": VIEW})
    orch = Orchestrator(tmp_path, workers=1, store_path=tmp_path / ".store")
    try:
        orch.index_repository()
        spec, errors = load_spec(orch.settings)
        assert not errors
        with orch.store.snapshot() as snap:
            world = world_for(snap, workspace_index(snap, orch.settings), matcher_for(spec))
            box = analyse_file(world, "app/box.py")
            view = analyse_file(world, "app/views.py")
        assert box.entries == 0 and not box.hits
        assert view.entries == 1
        assert [(h.cls, h.label) for h in view.hits] == [("command-injection", "os.system")]
    finally:
        orch.close()


HELPERS_JS = """\
export function wrap(fn, ...args) {
  return fn(...args);
}
export function apply(thisArg, args) {
  return args.length;
}
"""
RESOLVERS_JS = """\
const { execSync } = require("child_process");
module.exports = {
  Query: { ping: (parent, args) => execSync("ping " + args.host).toString() },
};
"""


def test_a_word_as_common_as_args_makes_no_entry_alone(tmp_path: Path) -> None:
    write_files(tmp_path, {"src/helpers.js": HELPERS_JS, "src/resolvers.js": RESOLVERS_JS})
    orch = Orchestrator(tmp_path, workers=1, store_path=tmp_path / ".store")
    try:
        orch.index_repository()
        spec, _ = load_spec(orch.settings)
        with orch.store.snapshot() as snap:
            world = world_for(snap, workspace_index(snap, orch.settings), matcher_for(spec))
            helpers = analyse_file(world, "src/helpers.js")
            resolvers = analyse_file(world, "src/resolvers.js")
        assert helpers.entries == 0
        assert resolvers.entries == 1
        assert [h.cls for h in resolvers.hits] == ["command-injection"]
    finally:
        orch.close()
