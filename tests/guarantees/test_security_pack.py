"""The security pack's Datalog programs read only the calls they are about.

A rule whose body starts at `value(C, ...)` with C free makes the evaluator
decode every CALL of the workspace and keep them while the checks run
(Django: about 150,000 calls, 150 MB of the checking process). Each program
here is evaluated on an indexed workspace full of calls: its findings are the
expected ones, and no node type was read whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphwarden.analysis.guarantees.datalog import GraphFacts, evaluate, parse_program
from graphwarden.analysis.guarantees.rules.security_pack import PROGRAMS
from graphwarden.analysis.workspace import UserChoices, open_workspace
from tests.helpers import write_files

APP = """\
import hashlib
import random

import requests
from flask import Flask, make_response

app = Flask(__name__)


def noise(n):
    return [str(i).upper().strip() for i in range(n)] + [len(x) for x in "abc"]


@app.route("/")
def index():
    resp = make_response(hashlib.md5(b"x").hexdigest())
    resp.set_cookie("session", "v", secure=False, httponly=True)
    token = random.random()
    resp.set_cookie("token", str(token), secure=True, httponly=True)
    requests.get("https://example.com/", verify=False)
    from Crypto.Cipher import DES
    DES.new(b"k" * 8, DES.MODE_CBC).encrypt(b"x" * 8)
    return resp
"""

SERVER = """\
const express = require("express");
const app = express();
app.get("/", (req, res) => {
  res.cookie("a", "b", { secure: true });
  res.send([1, 2, 3].map((x) => x + 1).join(","));
});
"""

#: Rule -> its findings (file, 0-based line): MD5, a random token, a cookie set with
#: secure=False and one set without httpOnly, a request that checks no certificate, DES.
EXPECTED = {
    "weak-hash": [("app.py", 15)],
    "weak-random": [("app.py", 17)],
    "insecure-cookie": [("app.py", 16), ("server.js", 3)],
    "tls-unverified": [("app.py", 19)],
    "weak-cipher": [("app.py", 21)],
}


@pytest.mark.parametrize("rule", sorted(PROGRAMS))
def test_a_pack_program_reads_only_the_calls_it_is_about(tmp_path: Path, rule: str) -> None:
    write_files(tmp_path, {"app.py": APP, "server.js": SERVER})
    ws = open_workspace(tmp_path, UserChoices(store=tmp_path / ".store", workers=1))
    try:
        ws.orchestrator.index_repository()
        snap = ws.orchestrator.store.snapshot()
        facts = GraphFacts(snap)
        relations = evaluate(parse_program(PROGRAMS[rule]), facts)
        sites = [
            snap.node(row[0])
            for (name, _), rows in relations.items()
            if name == "violation"
            for row in rows
        ]
        found = sorted({(n.file, n.range[0]) for n in sites if n is not None})
        assert found == EXPECTED[rule]
        assert facts.types_read_whole() == set()
    finally:
        ws.close()
