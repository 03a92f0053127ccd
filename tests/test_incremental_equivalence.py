"""The central property: any sequence of incremental cycles equals a from-scratch index.

Hypothesis draws small multi-file projects (Python and TypeScript) and
sequences of edits to them: whole files rewritten (functions and classes
added, removed, renamed; imports and base classes changed; bodies edited;
declared types: parameter, return and field annotations, JSDoc tags, the
bases of an interface a parameter is typed with; data flow: sources,
sinks, sanitizers, helpers' returns across files), files created and
deleted, and the small edits the name-level blast radius must get right,
one top-level block inserted or removed in a file that others import (a new
name in a hub, a removed name, a new star export, a definition shadowing an
import or a submodule, a re-export, `__all__`).
After every cycle the exported graph (all nodes with attributes, all visible
edges, sorted), the summaries and the recorded name uses must equal those
of a fresh index of the same files into a new store. Targeted tests below
pin the cycle's selectivity and robustness.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphwarden.analysis import indexer
from graphwarden.analysis.config import Settings
from graphwarden.analysis.cycle import enrichment as cycle_enrichment
from graphwarden.analysis.enrichers import default_enrichers
from graphwarden.analysis.enrichers.base import EnricherFileResult
from graphwarden.analysis.enrichers.calls import CallsEnricher
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.orchestrator import FileChange, Orchestrator
from graphwarden.analysis.store import enrichment_context
from tests.helpers import graph_dump

MAX_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "300"))

# --- Python projects ---------------------------------------------------------------

PY_MODS = ["m0", "m1", "m2"]
PY_NAMES = ["f", "g", "A", "B"]
PY_IMPORTS = (
    [f"from pkg.{m} import {n}" for m in PY_MODS for n in PY_NAMES]
    + [f"from .{m} import {n}" for m in PY_MODS for n in ("f", "A")]
    + [f"import pkg.{m} as {m}" for m in PY_MODS]
    + [f"from .{m} import *" for m in PY_MODS]
    + ["from pkg import f", "from pkg import A", "from . import m1", "from .missing import f"]
    + ["import os", "from pkg.m0 import g as f", "from pkg.m0 import h", "from pkg import h"]
    + ["from flask import request", "import shlex", "from flask import session"]
    + ["from django.http import HttpResponse", "from django import forms", "import re"]
    + ["from pkg.m0 import M", "from pkg.m0 import ESC", "import functools"]
    + ["from jinja2 import Environment", "from dataclasses import dataclass"]
    + ["from pkg.m0 import dep", "from pkg.m0 import each"]
    + ["from pkg.m0 import load", "import subprocess", "import sys", "import requests"]
    + ["import click", "from flask import render_template_string"]
    + ["from rest_framework import serializers", "from pathlib import Path"]
    + ["from django.core.management.base import BaseCommand"]
    + ["from django.views.generic.edit import FormView", "from pkg.m0 import F"]
    + ["from pydantic import field_validator", "from django.urls import path"]
    + ["from lxml import etree", "from pkg.m0 import mkp", "import io", "import json"]
    + ["from tornado.web import RequestHandler", "from pkg.m1 import Svc", "from enum import Enum"]
    + ["from aiohttp import web", "import aiohttp", "from typing import Literal"]
    + ["from pkg.m0 import Hb", "from flask import Response", "from flask import g"]
    + ["from django.views import View", "import argparse", "from typing import Literal"]
    + ["from pydantic import BaseModel", "import attrs"]
    + ["from pydantic import BaseModel", "from urllib.parse import urlparse", "import html"]
)
PY_STMTS = [
    "f()",
    "g()",
    "A()",
    "B().run()",
    "x = A()",
    "x.run()",
    "m0.f()",
    "m1.A()",
    "m2.B().stop()",
    "m0.obj.run()",
    "m1.h()",
    "g(f)",
    "pass",
    "a.run()",
    "f().stop()",
    "y: B = g()",
    "y.run()",
    # data flow and taint: sources, sinks, sanitizers, helpers' returns across files
    "v = request.args.get('q')",
    "v = 'constant'",
    "v = 'other'",  # only value domains change (a call's constant arguments)
    "v = shlex.quote(v)",
    "os.system(v)",
    "os.system(f(v))",
    "os.system(m0.g(request.form['c']))",
    "eval(g())",
    "return v",
    "return request.args['r']",
    "d = {'k': v}; os.system(d['k'])",
    # a keyword passed with a constant or with a value that is not one (`arg/2`)
    "resp.set_cookie('k', secure=v)",
    # checks by hand and in a helper of another file (guards, validators, check functions)
    "if not v.isalnum(): raise ValueError(v)",
    "if v.startswith('/') and not v.startswith('//'): os.system(v)",
    "m0.check(v)",
    "if m1.plain(v): os.system(v)",
    # a check's result kept in a name, tested later (or the name rebound between)
    "ok = m1.plain(v)",
    "os.system(v if ok else 'x')",
    "ok = True",
    # `%` with a tuple: the parts in order
    "os.system('%s -l %s' % (v, 'x'))",
    # a factory in another file decides which `run` is called (its class's, or
    # an unknown method that passes `v` through); sink statements of one body
    "os.system(m0.make().run(v))",
    "os.system(m0.make2().run(v))",
    # a file's data: request data only named the file (no command injection)
    "os.system(open(v).read())",
    "session['u'] = request.form['c']",
    # a Django view called by its own module is a helper (its captures are no source)
    "view2(1, 'c')",
    # a class only the interpreter resolves (no CALLS edge): its members decide
    "m1.RUNNERS['r'].run(request.args['c'])",
    # a form built from request data: a field declared a number cleans
    "os.system(str(m2.F(request.form).cleaned_data['n']))",
    # the classes this change added: a NoSQL filter, a regular expression
    "users.find_one({'n': request.get_json()})",
    "re.compile(v)",
    # membership in a collection another file builds: an allowlist
    "if v in m1.names(): os.system(v)",
    # a helper of another file calls the function it is handed
    "m0.each(request.args['c'], lambda x: os.system(x))",
]
PY_METHOD_STMTS = [
    *PY_STMTS,
    "self.run()",
    "self.stop()",
    "super().run()",
    "self.dep = B()",
    "self.dep.run()",
    "self.typed: A = None",
    "self.typed.stop()",
    "self.field.run()",
    "os.system(self.request.GET['c'])",
]
#: "View": a class-based view, whose methods read `self.request` as the request.
PY_BASES = ["", "A", "B", "m0.A", "m1.B", "object", "View"]
#: Declared types: parameters, returns and class-level fields.
PY_PARAMS = ["", "a", "a, b", "a: A", "a: 'B'", "a: A | None", "a: m0.A"]
PY_RETURNS = ["", " -> A", " -> 'B'", " -> m1.B"]
PY_FIELDS = ["", "    field: A", "    field: B", "    field: 'm2.A'"]
#: One top-level block inserted into a module: what other files may resolve
#: against changes by one name (or by what unbound names fall back on).
PY_BLOCKS = [
    "def h():\n    pass",  # a new name others wait for
    "def f(a):\n    g()",  # a new or shadowing definition
    "class A(B):\n    def run(self):\n        pass",
    "class C:\n    def stop(self):\n        pass",
    "from .m0 import *",  # a new star export
    "from .m1 import *",
    "from .m2 import f",  # a re-export
    "from .m0 import A as B",
    "from pkg.m1 import h",
    "__all__ = ['f', 'h']",
    "def m1():\n    pass",  # shadows a submodule (in __init__)
    "obj = B()",
    "_hidden = A()",
    # Module-level values: inserting or deleting one changes only value
    # domains (a variable's, the constant argument of `eval(v)`).
    "v = 'constant'",
    "v = 'other'",
    "eval(v)",
    "resp.set_cookie('k', secure=v)",
    # cookie options a helper of the file returns as a literal
    "def copts():\n    return {'secure': False}",
    "def copts():\n    return {'secure': True, 'httponly': True}",
    "def ck():\n    resp.set_cookie('k', 'v', **copts())",
    # ... or that a module-level object of constants holds
    "CO = {'secure': False}",
    "CO = {'secure': True, 'httponly': True}",
    "def cko():\n    resp.set_cookie('k', 'v', **CO)",
    # a cipher mode a module table holds at a constant key
    "from Crypto.Cipher import AES\nMD = {'a': AES.MODE_ECB}",
    "from Crypto.Cipher import AES\nMD = {'a': AES.MODE_GCM}",
    "from Crypto.Cipher import AES\ndef enc(k):\n    return AES.new(k, MD['a'])",
    # a validator and a check function others call: adding, removing or
    # weakening one changes taint results in the callers' files
    "def check(a):\n    if not a.isalnum():\n        raise ValueError(a)",
    "def plain(a):\n    return a.isdigit()",
    "def plain(a):\n    return True",
    # a class-based view, and Flask views whose URL variables are (or, converted
    # to a number, are not) sources: a base or a decorator decides
    "class V(View):\n    def run(self):\n        os.system(self.request.GET['c'])",
    "@app.route('/<x>')\ndef view(x):\n    os.system(x)",
    # a factory: what it returns decides the class of `m0.make().run(v)`
    "def f(a):\n    return open(a).read()",
    "def make():\n    return A()",
    "def make():\n    return C()",
    "def make2():\n    return make()",  # a factory of a factory's object
    "@app.route('/<int:x>')\ndef view(x):\n    os.system(x)",
    # a route parameter declared a number is converted, another is a source;
    # a source read in the sink's own statement
    "@app.get('/i')\ndef item(x: int, y):\n    os.system(x - 1)\n    os.system(y)",
    "@app.get('/j')\ndef item(x: str):\n    return request.args['r'] + x",
    # a Django function view: its parameters after `request` are URL captures
    "def view2(request, x):\n    os.system(x)\n    return HttpResponse('ok')",
    # an instance held in a dict, and a class gaining or losing a sink method
    "RUNNERS = {'r': A()}",
    "class A:\n    def run(self, c):\n        os.system(c)",
    # a Django form whose field is declared a number, or text
    "class F(forms.Form):\n    n = forms.IntegerField()",
    "class F(forms.Form):\n    n = forms.CharField()",
    # a route parameter declared as a model (here or imported): a field declared
    # a number is validated, one declared text is the request's
    "@app.get('/m')\ndef model_view(b: M):\n    os.system(b.n)",
    "class M(BaseModel):\n    n: int",
    "class M(BaseModel):\n    n: str",
    # a helper calling the function it is handed (or not)
    "def each(a, cb):\n    cb(a)",
    "def each(a, cb):\n    cb('x')",
    # a factory returning a nested function the caller calls at once
    "def runner(p):\n    def run(a):\n        os.system(p + a)\n    return run\nrunner('ls')(request.args['c'])",
    # an AWS Lambda handler: its event is the request
    "def lh(event, context):\n    os.system(f(event['q']))",
    # a class-based view's handler: its parameters after `request` are captures
    "class V2(View):\n    def get(self, request, x):\n        os.system(x)\n        return HttpResponse('ok')",
    # a Jinja2 environment that escapes (or not), here or imported: what its
    # templates render is escaped HTML, or the request's text
    "ESC = Environment(autoescape=True)",
    "ESC = Environment(autoescape=False)",
    "@app.route('/t')\ndef tview():\n    return ESC.from_string('{{ n }}').render(n=request.args['n'])",
    # functools.partial binding nothing is the function it wraps
    "RUN = functools.partial(os.system)",
    "RUN = functools.partial(print)",
    "@app.route('/p')\ndef pview():\n    RUN(request.args['c'])",
    # state kept between requests: a handler writes a module global or a
    # class attribute, another reads it (or the write goes elsewhere)
    "HOST = 'localhost'",
    "CACHE = {'cmd': 'uptime'}",
    "@app.route('/s')\ndef store():\n    global HOST\n    HOST = request.args['h']",
    "@app.route('/s2')\ndef store2():\n    CACHE['other'] = request.args['h']",
    "@app.route('/s3')\ndef store3():\n    CACHE['cmd'] = request.args['h']",
    "@app.route('/u')\ndef use():\n    os.system(HOST)\n    os.system(CACHE['cmd'])",
    # a property whose body returns what the object was given (or not)
    "class P:\n    def __init__(self, c):\n        self.c = c\n    @property\n    def cmd(self):\n        return 'ls ' + self.c",
    "class P:\n    def __init__(self, c):\n        self.c = c\n    @property\n    def cmd(self):\n        return 'ls'",
    "@app.route('/q')\ndef qview():\n    os.system(P(request.args['c']).cmd)",
    # a FastAPI dependency that hands on the request's data (or a constant)
    "def dep(q: str = ''):\n    return q",
    "def dep(q: str = ''):\n    return 'fixed'",
    "@app.get('/d')\ndef dview(t: str = Depends(dep)):\n    os.system(t)",
    # an override in a subclass (quoting or not), a classmethod making its
    # class, a dataclass field by field
    "class R:\n    def arg(self, v):\n        return shlex.quote(v)\n    def run(self, v):\n        os.system(self.arg(v))",
    "class R2(R):\n    def arg(self, v):\n        return v",
    "@app.route('/r')\ndef rview():\n    R2().run(request.args['c'])",
    "@dataclass\nclass T:\n    a: str\n    b: str",
    "@app.route('/dc')\ndef dcview():\n    os.system(T('ls', request.args['c']).a)",
    # a nested function's nonlocal write, a format naming some keys of a dict
    "@app.route('/nl')\ndef nlview():\n    t = 'x'\n    def pick():\n        nonlocal t\n        t = request.args['c']\n    pick()\n    os.system(t)",
    "@app.route('/fm')\ndef fmview():\n    d = {'a': 'ls', 'b': request.args['c']}\n    os.system('{a}'.format(**d))",
    # a context manager's __enter__, zip keeping positions, a lambda filter
    "class W:\n    def __init__(self, n):\n        self.n = n\n    def __enter__(self):\n        return self.n",
    "@app.route('/w')\ndef wview():\n    with W(request.args['c']) as n:\n        os.system(n)",
    "@app.route('/z')\ndef zview():\n    for a, b in zip(['ls'], [request.args['c']]):\n        os.system(a)",
    # ORM rows (not the filter's data), the environment as configuration
    "@app.route('/orm')\ndef ormview():\n    u = User.query.filter_by(email=request.args['e']).first()\n    session['uid'] = u.id",
    "@app.route('/env')\ndef envview():\n    return open(os.environ['ROOT'] + '/x').read()",
    # work handed to run later (a function here or imported), a helper
    # returning what its callback returns, a classmethod making its class
    "@app.route('/th')\ndef thview():\n    pool.submit(f, request.args['c'])",
    "def each(a, cb):\n    return cb(a)",
    "@app.route('/ea')\ndef eaview():\n    os.system(each(request.args['c'], f))",
    "class K:\n    def __init__(self, c):\n        self.c = c\n    @classmethod\n    def make(cls, c):\n        return cls(c)",
    "@app.route('/k')\ndef kview():\n    os.system(K.make(request.args['c']).c)",
    # a list sliced or reversed at constant positions keeps which item is which
    "@app.route('/l')\ndef lview():\n    os.system(list(reversed(['ls', request.args['c']]))[1])\n    os.system(['ls', request.args['c']][:1][0])",
    # what a helper (here or imported) raises with its argument, or without it,
    # read by the handler that catches it
    "def load(a):\n    raise ValueError('no ' + a)",
    "def load(a):\n    raise ValueError('no')",
    "@app.route('/ex')\ndef exview():\n    try:\n        load(request.args['c'])\n    except ValueError as e:\n        os.system(str(e))",
    # a module's table of its functions, read at the request's key; a partial
    # binding a keyword a sink's condition reads
    "ACTIONS = {'a': f, 'b': h}",
    "@app.route('/ac')\ndef acview():\n    ACTIONS.get(request.args['k'], h)(request.args['c'])",
    "RUNK = functools.partial(subprocess.run, shell=True)",
    "RUNK = functools.partial(subprocess.run, shell=False)",
    "@app.route('/pk')\ndef pkview():\n    RUNK(request.args['c'])",
    # a partial binding a positional argument: the call's own land after it
    "def rn(c, note):\n    os.system(c)",
    "def rn(note, c):\n    os.system(c)",
    "@app.route('/rn')\ndef rnview():\n    functools.partial(rn, 'ls')(request.args['n'])",
    # a property checked before its use (or only logged)
    "class J:\n    def __init__(self, n):\n        self.n = n\n    def run(self):\n        if not re.fullmatch('[a-z]+', self.n):\n            raise ValueError('bad')\n        os.system(self.n)",
    "class J:\n    def __init__(self, n):\n        self.n = n\n    def run(self):\n        if not re.fullmatch('[a-z]+', self.n):\n            print('bad')\n        os.system(self.n)",
    "@app.route('/jn')\ndef jnview():\n    J(request.args['c']).run()",
    # a module-level loop over the command line
    "for arg in sys.argv[1:]:\n    os.system(arg)",
    # an exception's message is what its constructor handed its base (a field
    # of it is not printed)
    "class E(Exception):\n    def __init__(self, n):\n        super().__init__('bad ' + n)",
    "class E(Exception):\n    def __init__(self, n):\n        super().__init__('bad')\n        self.n = n",
    "@app.route('/ee')\ndef eeview():\n    return '<p>' + str(E(request.args['c'])) + '</p>'",
    # a decorator or a helper filing a function in a module's table (or not),
    # and a handler calling what the table holds at the request's key
    "TASKS = {}\ndef task(name):\n    def put(fn):\n        TASKS[name] = fn\n        return fn\n    return put",
    "TASKS = {}\ndef task(name):\n    def put(fn):\n        return fn\n    return put",
    "@task('run')\ndef runit(c):\n    os.system(c)",
    "def file_task(name, fn):\n    TASKS[name] = fn",
    "file_task('rn', rn)",
    "@app.route('/tk')\ndef tkview():\n    TASKS[request.args['t']](request.args['c'])",
    # branches decided by tests of constants, keys removed before a read, a loop
    # over a slice of a module's list that certainly runs (or does not)
    "MODE_C = 'dry-run'",
    "MODE_C = 'live'",
    "@app.route('/md')\ndef mdview():\n    b = request.args['b']\n    if MODE_C.startswith('dry'):\n        return 'x'\n    os.system(b)",
    "@app.route('/mi')\ndef miview():\n    b = request.args['b']\n    if MODE_C in ('live', 'x') or len(['a', 'b']) == 3:\n        b = 'ls'\n    os.system(b)",
    "@app.route('/dk')\ndef dkview():\n    d = {'a': request.args['a'], 'b': 'x'}\n    del d['a']\n    os.system(d.get('a', 'ls'))",
    "@app.route('/dk')\ndef dkview():\n    d = {'a': request.args['a'], 'b': 'x'}\n    d.pop('b')\n    os.system(d.get('a', 'ls'))",
    "HS = ['a', 'b']",
    "HS = ['a']",
    "@app.route('/hs')\ndef hsview():\n    t = request.args['t']\n    for h in HS[1:]:\n        t = h\n    os.system(t)",
    # a table of objects of several classes (a strategy chosen by the request), a
    # base class's attribute read on a subclass's object, a library function kept
    # in a field
    "class Sa:\n    def cl(self, v):\n        return 'x'",
    "class Sb:\n    def cl(self, v):\n        return v",
    "class Sb:\n    def cl(self, v):\n        return 'y'",
    "STRATS = {'a': Sa(), 'b': Sb()}",
    "@app.route('/sg')\ndef sgview():\n    os.system(STRATS.get(request.args['k'], STRATS['a']).cl(request.args['c']))",
    "class Rb:\n    shell = False\n    def run(self, c):\n        if self.shell:\n            os.system(c)",
    "class Rb:\n    shell = True\n    def run(self, c):\n        if self.shell:\n            os.system(c)",
    "class Rs(Rb):\n    pass",
    "@app.route('/rs')\ndef rsview():\n    Rs().run(request.args['c'])",
    "class Fm:\n    def __init__(self, f):\n        self.f = f\n    def show(self, m):\n        return '<p>' + self.f(m) + '</p>'",
    "@app.route('/fm')\ndef fmview():\n    return Fm(html.escape).show(request.args['m'])",
    "@app.route('/fm')\ndef fmview():\n    return Fm(str.strip).show(request.args['m'])",
    # a FastAPI dependency that is a dataclass, its field text or a number
    "from fastapi import Depends, FastAPI\nfapp = FastAPI()",
    "@dataclass\nclass Dq:\n    r: str",
    "@dataclass\nclass Dq:\n    r: int",
    "@fapp.get('/dq')\ndef dqview(q: Dq = Depends()):\n    os.system(q.r)",
    # a method taken as a value (kept, or chosen by name among a few)
    "class Mv(View):\n    def post(self, request):\n        h = getattr(self, 'do_' + ('a' if request.POST['x'] else 'b'))\n        h(request.POST['c'])\n    def do_a(self, c):\n        os.system(c)\n    def do_b(self, c):\n        return c",
    "class Mv(View):\n    def post(self, request):\n        h = self.do_b\n        h(request.POST['c'])\n    def do_a(self, c):\n        os.system(c)\n    def do_b(self, c):\n        return c",
    # stacked decorators of the module around a view (a check or none), a walrus
    # over a conditional, a match statement's mapping pattern with a guard
    "def chk(view):\n    def w(h):\n        if not h.isalnum():\n            abort(400)\n        return view(h)\n    return w",
    "def chk(view):\n    def w(h):\n        return view(h)\n    return w",
    "def auth(view):\n    def w(*a, **k):\n        return view(*a, **k)\n    return w",
    "@app.route('/sw/<h>')\n@auth\n@chk\ndef swview(h):\n    os.system(h)",
    "@app.route('/wl')\ndef wlview():\n    a = request.args.getlist('a')\n    if o := a[0] if a else '':\n        os.system(o)",
    "@app.route('/mp', methods=['POST'])\ndef mpview():\n    match request.get_json():\n        case {'u': str(n)} if n.isalnum():\n            os.system(n)\n        case {'g': str(g)}:\n            os.system(g)",
    # a parameter defaulting to a library's safe name (or not), a check held by
    # a lambda (or a mere truth test), a callback capturing the request's value
    # run by a helper (or never called), an upload copied into a buffer
    "import yaml\nimport tarfile",
    "def ldd(t, loader=yaml.SafeLoader):\n    return yaml.load(t, Loader=loader)",
    "def ldd(t, loader=yaml.Loader):\n    return yaml.load(t, Loader=loader)",
    "@app.route('/ld')\ndef ldview():\n    ldd(request.args['y'])",
    "okl = lambda s: re.fullmatch('[a-z]+', s) is not None",
    "okl = lambda s: len(s) > 0",
    # a dict whose keys the request wrote, its keys rendered (or its values)
    "@app.route('/dkey')\ndef dkeyview():\n    d = {}\n    d[request.args['k']] = 1\n    return ''.join(d.keys())",
    "@app.route('/dkey')\ndef dkeyview():\n    d = {}\n    d[request.args['k']] = 1\n"
    "    return ''.join(str(v) for v in d.values())",
    # a check function defined in the view (through `bool`, or a mere truth test)
    "@app.route('/nk')\ndef nkview():\n    def ok(u):\n        return bool(re.fullmatch('[a-z]+', u))\n"
    "    x = request.args['x']\n    if ok(x):\n        os.system(x)",
    "@app.route('/nk')\ndef nkview():\n    def ok(u):\n        return bool(u)\n"
    "    x = request.args['x']\n    if ok(x):\n        os.system(x)",
    "@app.route('/ok')\ndef okview():\n    x = request.args['x']\n    if okl(x):\n        os.system(x)",
    "def retry(fn):\n    return fn(0)",
    "def retry(fn):\n    return 0",
    "@app.route('/rr')\ndef rrview():\n    u = request.args['u']\n    retry(lambda i: requests.get(u))",
    # an object keeping a function a factory made of its constructor's lambda
    # (reading a parameter of the constructor), a method calling it
    "def retry2(fn):\n    def w(*a):\n        return fn(*a)\n    return w",
    "class Wk:\n    def __init__(self, p):\n        self.f = retry2(lambda c: os.system(p + c))\n"
    "    def go(self, c):\n        return self.f(c)",
    "class Wk:\n    def __init__(self, p):\n        self.f = retry2(lambda c: p + c)\n"
    "    def go(self, c):\n        return self.f(c)",
    "@app.route('/wk')\ndef wkview():\n    Wk('x').go(request.args['c'])",
    # a receiver connected to a module's signal (running a command, or not),
    # and a view sending the request's value
    "from django.dispatch import Signal, receiver\nSIGX = Signal()",
    "@receiver(SIGX)\ndef onsig(sender, c, **kw):\n    os.system(c)",
    "@receiver(SIGX)\ndef onsig(sender, c, **kw):\n    return c",
    "@app.route('/sg2')\ndef sg2view():\n    SIGX.send(sender=None, c=request.args['c'])",
    # a query built by a helper with keys the caller's constants name (or keys
    # the request names: then one may be `$where`)
    "from pymongo import MongoClient\nbqc = MongoClient()['d']['c']",
    "def bq(fields, r):\n    q = {}\n    for n in fields:\n        q[n] = str(r.get(n))\n    return q",
    "def bq(fields, r):\n    q = {}\n    for n in fields:\n        q[r.get('k')] = str(r.get(n))\n    return q",
    "@app.route('/bq', methods=['POST'])\ndef bqview():\n    bqc.find(bq(('a', 'b'), request.get_json()))",
    # a hook Flask runs on the view's response (running a command, or not)
    "from flask import after_this_request",
    "@app.route('/atr')\ndef atrview():\n    b = request.args['b']\n    @after_this_request\n"
    "    def h(r):\n        os.system(b)\n        return r\n    return ''",
    "@app.route('/atr')\ndef atrview():\n    b = request.args['b']\n    @after_this_request\n"
    "    def h(r):\n        os.system('ls')\n        return r\n    return ''",
    # a table of two renderers, each with its content type, one chosen by the
    # configuration: the HTML one escaping (or not) what the plain one leaves
    "class Rpl:\n    ct = 'text/plain'\n    def render(self, m):\n        return m",
    "class Rh:\n    ct = 'text/html'\n    def render(self, m):\n        return html.escape(m)",
    "class Rh:\n    ct = 'text/html'\n    def render(self, m):\n        return m",
    "RDS = {'p': Rpl(), 'h': Rh()}",
    "def rcur():\n    return RDS.get(os.environ.get('R'), RDS['p'])",
    "@app.route('/rd')\ndef rdview():\n    r = rcur()\n"
    "    return r.render(request.args['m']), 200, {'Content-Type': r.ct}",
    # a URL parsed by httpx whose host is checked (or not)
    "import httpx\nHX = frozenset({'a.example.com'})",
    "@app.route('/hxu')\ndef hxuview():\n    t = httpx.URL(request.args['u'])\n"
    "    if t.host not in HX:\n        return ''\n    return httpx.get(t).text",
    "@app.route('/hxu')\ndef hxuview():\n    t = httpx.URL(request.args['u'])\n    return httpx.get(t).text",
    # a class attribute naming a codec class whose classmethod unpickles (or not)
    "import pickle\nclass Cdc:\n    @classmethod\n    def dec(cls, b):\n        return pickle.loads(b)",
    "class Cdc:\n    @classmethod\n    def dec(cls, b):\n        return json.loads(b)",
    "class Dsv:\n    codec = Cdc\n    def run(self, b):\n        return self.codec.dec(b)",
    "@app.route('/cdc', methods=['POST'])\ndef cdcview():\n    Dsv().run(request.data)\n    return ''",
    # parser options a helper builds with `update(...)` and the call spreads
    "def xo():\n    o = {'no_network': True}\n    o.update(resolve_entities=True)\n    return o",
    "def xo():\n    o = {'no_network': True}\n    o.update(resolve_entities=False)\n    return o",
    "@app.route('/xo', methods=['POST'])\ndef xoview():\n"
    "    etree.fromstring(request.data, etree.XMLParser(**xo()))\n    return ''",
    # a base view's handler calling a hook its subclass overrides (reading the
    # request raw, or escaped)
    "from flask.views import MethodView\nclass Hfv(MethodView):\n    def frag(self):\n        return ''\n"
    "    def get(self):\n        return Response(self.frag(), mimetype='text/html')",
    "class Hsv(Hfv):\n    def frag(self):\n        return '<b>' + request.args.get('l', '') + '</b>'",
    "class Hsv(Hfv):\n    def frag(self):\n        return '<b>' + html.escape(request.args.get('l', '')) + '</b>'",
    # a dataclass checking one field, then storing into another (or not checking)
    "@dataclass\nclass Pt:\n    host: str\n    path: str = '/'\n    def __post_init__(self):\n"
    "        if self.host not in {'a.example.com'}:\n            raise ValueError()\n"
    "        if not self.path.startswith('/'):\n            self.path = '/' + self.path",
    "@dataclass\nclass Pt:\n    host: str\n    path: str = '/'\n    def __post_init__(self):\n"
    "        if not self.path.startswith('/'):\n            self.path = '/' + self.path",
    "@app.route('/pt')\ndef ptview():\n    t = Pt(request.args['h'])\n"
    "    return str(requests.get('https://' + t.host + t.path).status_code)",
    # a value put into a constant page at a placeholder in a script (JSON with
    # `<` escaped, or not)
    "PGS = '<script>var s = %S%;</script>'",
    "@app.route('/pgs')\ndef pgsview():\n    return PGS.replace('%S%', json.dumps(request.args['s']).replace('<', '\\\\u003c'))",
    "@app.route('/pgs')\ndef pgsview():\n    return PGS.replace('%S%', json.dumps(request.args['s']))",
    # a YAML loader class extending the safe one (or the full one)
    "import yaml\nclass Ldr(yaml.SafeLoader):\n    pass",
    "import yaml\nclass Ldr(yaml.Loader):\n    pass",
    "@app.route('/ldr', methods=['POST'])\ndef ldrview():\n    yaml.load(request.data, Loader=Ldr)\n    return ''",
    # a host from a frozenset allow-list (or any host) and a path made to start with `/`
    "AH = frozenset({'a.example.com', 'b.example.com'})",
    "@app.route('/ahs')\ndef ahsview():\n    h = request.args['h']\n    p = request.args['p']\n"
    "    if h not in AH:\n        return ''\n    if not p.startswith('/'):\n        p = '/' + p\n"
    "    return requests.get(f'https://{h}{p}').text",
    "@app.route('/ahs')\ndef ahsview():\n    h = request.args['h']\n    p = request.args['p']\n"
    "    if not p.startswith('/'):\n        p = '/' + p\n    return requests.get(f'https://{h}{p}').text",
    # a multi-line pattern's `match` (only the first line checked) or a whole one
    "LNR = re.compile('^[a-z]+$', re.M)",
    "LNR = re.compile('^[a-z]+$')",
    "@app.route('/lnr')\ndef lnrview():\n    t = request.args['t']\n    if not LNR.match(t):\n        return ''\n"
    "    os.system('echo ' + t)\n    return ''",
    # a FastAPI parameter declared with a pattern (or only a length)
    "from fastapi import FastAPI, Query\nfrom fastapi.responses import HTMLResponse\nqpapi = FastAPI()",
    "@qpapi.get('/qp', response_class=HTMLResponse)\ndef qpview(c: str = Query(pattern=r'^#[0-9a-f]{6}$')):\n"
    "    return '<b>' + c + '</b>'",
    "@qpapi.get('/qp', response_class=HTMLResponse)\ndef qpview(c: str = Query(max_length=7)):\n"
    "    return '<b>' + c + '</b>'",
    # a msgpack map may hold an operator object (or only text is read of it)
    "import msgpack\nfrom pymongo import MongoClient\nmpc = MongoClient()['d']['c']",
    "@app.route('/mpk', methods=['POST'])\ndef mpkview():\n    q = msgpack.unpackb(request.data)\n"
    "    mpc.find_one({'k': q.get('k')})\n    return ''",
    "@app.route('/mpk', methods=['POST'])\ndef mpkview():\n    q = msgpack.unpackb(request.data)\n"
    "    mpc.find_one({'k': str(q.get('k'))})\n    return ''",
    # ruamel.yaml's unsafe loader (or its safe one)
    "from ruamel.yaml import YAML\nRY = YAML(typ='unsafe')",
    "from ruamel.yaml import YAML\nRY = YAML(typ='safe')",
    "@app.route('/ry', methods=['POST'])\ndef ryview():\n    RY.load(request.data)\n    return ''",
    # a slice by a non-literal bound keeps what the items were
    "SLN = 20",
    "@app.route('/sln')\ndef slnview():\n    for u in request.args.getlist('u')[:SLN]:\n        requests.get(u)\n    return ''",
    "@app.route('/sln')\ndef slnview():\n    for u in request.args.getlist('u')[:SLN]:\n        requests.get('https://a.example.com/' + u)\n    return ''",
    # an XML element list's items, whose `find` is the element's (the URL they
    # name, or a path on a fixed host)
    "from defusedxml import ElementTree as DET",
    "@app.route('/xl', methods=['POST'])\ndef xlview():\n    for it in DET.fromstring(request.data).findall('i'):\n"
    "        requests.get(it.find('e').get('u'))\n    return ''",
    "@app.route('/xl', methods=['POST'])\ndef xlview():\n    for it in DET.fromstring(request.data).findall('i'):\n"
    "        requests.get('https://a.example.com/' + it.find('e').get('u'))\n    return ''",
    "@app.route('/tb')\ndef tbview():\n    b = io.BytesIO()\n    request.files['f'].save(b)\n    tarfile.open(fileobj=b).extractall('/x')",
    # a class read through `__getitem__` (raw or checked); a builder changed on
    # one branch after a chain made it; a directory prefix with or without its
    # separator; all() over a few names
    "class Sp:\n    def __init__(self, p):\n        self.p = p\n    def __getitem__(self, k):\n        return self.p.get(k)",
    "class Sp:\n    def __init__(self, p):\n        self.p = p\n    def __getitem__(self, k):\n        return int(self.p.get(k))",
    "@app.route('/gi')\ndef giview():\n    os.system(str(Sp(request.args)['x']))",
    "@app.route('/px')\ndef pxview():\n    t = os.path.realpath(request.args['p'])\n    if t.startswith('/srv'):\n        open(t)",
    "@app.route('/px')\ndef pxview():\n    t = os.path.realpath(request.args['p'])\n    if t.startswith('/srv/'):\n        open(t)",
    "@app.route('/al')\ndef alview():\n    a = request.args.get('a')\n    if all(isinstance(v, int) for v in (a,)):\n        os.system(a)",
    # a context manager whose `__exit__` writes where `__enter__` chose (or
    # not); a Django form field its `clean_<field>` checks (or only strips)
    "class Au:\n    def __init__(self, t):\n        self.t = t\n    def __enter__(self):\n        return self\n    def __exit__(self, a, b, c):\n        open(self.t)",
    "class Au:\n    def __init__(self, t):\n        self.t = t\n    def __enter__(self):\n        return self\n    def __exit__(self, a, b, c):\n        open('/x')",
    "@app.route('/au')\ndef auview():\n    with Au(request.args['t']) as au:\n        pass",
    "class Hf(forms.Form):\n    h = forms.CharField()\n    def clean_h(self):\n        if not re.fullmatch('[a-z]+', self.cleaned_data['h']):\n            raise forms.ValidationError('no')\n        return self.cleaned_data['h']",
    "class Hf(forms.Form):\n    h = forms.CharField()\n    def clean_h(self):\n        return self.cleaned_data['h'].strip()",
    "def hfview(request):\n    f = Hf(request.POST)\n    if f.is_valid():\n        os.system(f.cleaned_data['h'])",
    # a Pydantic model's field declared a number (or text), made with `**data`;
    # an attrs field converted to a number (or not); a module constant naming a
    # form field's pattern (or a loose one)
    "class Pm(BaseModel):\n    n: int",
    "class Pm(BaseModel):\n    n: str",
    "@app.route('/pm')\ndef pmview():\n    os.system(Pm(**request.args.to_dict()).n)",
    "@attrs.define\nclass At:\n    n: str = attrs.field(converter=int)",
    "@attrs.define\nclass At:\n    n: str = attrs.field()",
    "@app.route('/at')\ndef atview():\n    os.system(At(request.args['n']).n)",
    "PAT = r'\\A[a-z]+\\Z'",
    "PAT = r'[a-z]+'",
    "class Rf(forms.Form):\n    n = forms.RegexField(regex=PAT)",
    "def rfview(request):\n    f = Rf(request.POST)\n    if f.is_valid():\n        os.system(f.cleaned_data['n'])",
    # a module's library object whose field a function sets to a library's
    # object (or to nothing)
    "CL = requests.Session()",
    "def clsetup():\n    CL.inner = requests.Session()",
    "def clsetup():\n    CL.inner = None",
    "@app.route('/cl')\ndef clview():\n    CL.inner.get(request.args['u'])",
    # a check of a dict's key by a helper that raises (or only prints); a
    # function of the module kept by an object (escaping, or not)
    "def ckt(u):\n    if not u.isalnum():\n        raise ValueError(u)",
    "def ckt(u):\n    print(u)",
    "@app.route('/ck')\ndef ckview():\n    c = {'u': request.args['u']}\n    ckt(c['u'])\n    os.system(c['u'])",
    "def fmt(t):\n    return shlex.quote(t)",
    "def fmt(t):\n    return t",
    "class Bn:\n    def __init__(self, f):\n        self.f = f\n    def go(self, m):\n        os.system('echo ' + self.f(m))",
    "BN = Bn(fmt)",
    "@app.route('/bn')\ndef bnview():\n    BN.go(request.args['m'])",
    # a view's inherited handler calling a base method that calls a hook a
    # subclass overrides (with the request's data, or not)
    "class Bv(View):\n    def get(self, request):\n        os.system(self.mid(request))\n    def mid(self, r):\n        return self.hook(r)\n    def hook(self, r):\n        return 'x'",
    "class Sv(Bv):\n    def hook(self, r):\n        return r.GET['c']",
    "class Sv(Bv):\n    def hook(self, r):\n        return 'y'",
    # a partial (RUNK above) handed to a helper or kept by an object
    "class Kp:\n    def __init__(self, r):\n        self.r = r\n    def go(self, c):\n        self.r('tar ' + c)",
    "class Kp:\n    def __init__(self, r):\n        self.r = r\n    def go(self, c):\n        self.r(['tar', c])",
    "@app.route('/kp')\ndef kpview():\n    Kp(RUNK).go(request.args['c'])",
    # a factory returning a function that captured its argument (or not)
    "def fetcher(base):\n    def fetch(p):\n        return requests.get(base + p)\n    return fetch",
    "def fetcher(base):\n    def fetch(p):\n        return requests.get('https://x.example' + p)\n    return fetch",
    "@app.route('/fe')\ndef feview():\n    fetcher(request.args['u'])('/health')",
    # a check that skips the rest of a loop's round (or only logs), a value
    # found and kept by a `break`
    "@app.route('/bc')\ndef bcview():\n    for x in request.args.getlist('h'):\n        if not x.isalnum():\n            continue\n        os.system(x)",
    "@app.route('/bc')\ndef bcview():\n    for x in request.args.getlist('h'):\n        if not x.isalnum():\n            print(x)\n        os.system(x)",
    "@app.route('/fb')\ndef fbview():\n    found = 'x'\n    for x in request.args.getlist('h'):\n        found = x\n        break\n    os.system(found)",
    # a click option declared a number (or not); a template marking a value `|safe`
    "@click.command()\n@click.option('--n', type=int)\ndef cl(n):\n    os.system('x %s' % n)",
    "@click.command()\n@click.option('--n')\ndef cl(n):\n    os.system('x %s' % n)",
    "@app.route('/rt')\ndef rtview():\n    return render_template_string('{{ n|safe }}', n=request.args['n'])",
    "@app.route('/rt')\ndef rtview():\n    return render_template_string('{{ n }}', n=request.args['n'])",
    # a DRF serializer's field declared a choice (or text), a path checked by
    # `relative_to` in a `try`, a value equal to one the code made
    "class S(serializers.Serializer):\n    c = serializers.ChoiceField(choices=['a'])",
    "class S(serializers.Serializer):\n    c = serializers.CharField()",
    "@app.route('/sr')\ndef srview():\n    s = S(data=request.data)\n    os.system(s.validated_data['c'])",
    "@app.route('/rl')\ndef rlview():\n    t = os.path.realpath(request.args['p'])\n    try:\n        Path(t).relative_to('/srv')\n    except ValueError:\n        return 'no'\n    return open(t).read()",
    "@app.route('/eq')\ndef eqview():\n    t = request.args['p']\n    if t == HOST:\n        os.system(t)",
    # a management command's options (a command built from one counts, a file
    # named by one is the operator's), a regex search in a comprehension's test
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        os.system(options['h'])\n        open(options['o'])",
    "@app.route('/cs')\ndef csview():\n    return str([n for n in ['a'] if re.search(request.args['p'], n)])",
    # a form view's hook: the form its `form_class` names (a field typed or not,
    # the class here or imported)
    "class FV(FormView):\n    form_class = F\n    def form_valid(self, form):\n        os.system(form.cleaned_data['n'])",
    # a serializer's `validate_<field>` and a Pydantic field validator that check
    # (or only trim) the field
    "class S(serializers.Serializer):\n    c = serializers.CharField()\n    def validate_c(self, v):\n        if not v.isalnum():\n            raise ValueError(v)\n        return v",
    "class S(serializers.Serializer):\n    c = serializers.CharField()\n    def validate_c(self, v):\n        return v.strip()",
    "class M(BaseModel):\n    n: str\n    @field_validator('n')\n    @classmethod\n    def chk(cls, v):\n        if not v.isalnum():\n            raise ValueError(v)\n        return v",
    # a Django route of this module converting a view's capture (or not)
    "urlpatterns = [path('r/<int:x>/', view2)]",
    "urlpatterns = [path('r/<x>/', view2)]",
    # a parser a helper (here or imported) or a constructor makes with external
    # entities on, or off; a service handed to a handler whose method is the one
    # of that name in the module
    "def mkp():\n    return etree.XMLParser(resolve_entities=True)",
    "def mkp():\n    return etree.XMLParser(resolve_entities=False)",
    "@app.route('/xp')\ndef xpview():\n    return str(etree.fromstring(request.data, mkp()))",
    "class Imp:\n    def __init__(self):\n        self.p = mkp()\n    def load(self, raw):\n        etree.fromstring(raw, self.p)",
    "@app.route('/xi')\ndef xiview():\n    Imp().load(request.data)",
    "class Svc:\n    def lookup(self, h):\n        os.system(h)",
    "class Svc:\n    def lookup(self, h):\n        os.system('x')",
    "class H(RequestHandler):\n    def initialize(self, s):\n        self.s = s\n    def get(self, h):\n        self.s.lookup(h)",
    # a JSON round trip, an in-memory text file, a dict's present key
    "@app.route('/js')\ndef jsview():\n    os.system(json.loads(json.dumps({'a': request.args['a'], 'b': 'c'}))['b'])",
    "@app.route('/sio')\ndef sioview():\n    b = io.StringIO()\n    b.write(request.args['a'])\n    os.system(b.getvalue())",
    "@app.route('/dg')\ndef dgview():\n    os.system({'k': 'v'}.get('k', request.args['a']))",
    # a Django request handed to a helper (which reads it, or not) or kept by an object
    "def dview(request):\n    return HttpResponse(rhelper(request))",
    "def rhelper(req):\n    return req.GET['x']",
    "def rhelper(req):\n    return 'fixed'",
    "class Flow:\n    def __init__(self, r):\n        self.r = r\n    def page(self):\n        return HttpResponse(self.r.GET['x'])",
    "def fview(request):\n    return Flow(request).page()",
    # a method chosen by a constant name; a URL whose scheme alone the code wrote
    "class Calc:\n    def run(self, t):\n        eval(t)\n    def stop(self, t):\n        pass",
    "@app.route('/ga')\ndef gaview():\n    getattr(Calc(), 'run')(request.args['a'])",
    "@app.route('/sc')\ndef scview():\n    requests.get(f'{v}://{request.args[\"h\"]}/x')",
    # match: an allow-list of literals, a capture
    "@app.route('/mt')\ndef mtview():\n    match request.args['m']:\n        case 'a' | 'b' as k:\n            os.system(k)\n        case other:\n            os.system(other)",
    "@app.route('/mt')\ndef mtview():\n    m = request.args['m']\n    match m:\n        case 'a' | 'b':\n            os.system(m)",
    # a base's constructor through super(), an object called through __call__
    "class Sup(A):\n    def __init__(self, r):\n        super().__init__(r.strip())",
    "class A:\n    def __init__(self, k):\n        self.k = k\n    def run(self):\n        os.system(self.k)",
    "@app.route('/su')\ndef suview():\n    Sup(request.args['k']).run()",
    "class Namer:\n    def __call__(self, n):\n        return os.path.basename(n)",
    "class Namer:\n    def __call__(self, n):\n        return n",
    "@app.route('/cl')\ndef clview():\n    open(Namer()(request.args['n']))",
    # a property's setter that quotes (or only trims); an Enum made from the request
    "class Pr:\n    @property\n    def h(self):\n        return self._h\n    @h.setter\n    def h(self, v):\n        self._h = shlex.quote(v)",
    "class Pr:\n    @property\n    def h(self):\n        return self._h\n    @h.setter\n    def h(self, v):\n        self._h = v.strip()",
    "@app.route('/pr')\ndef prview():\n    p = Pr()\n    p.h = request.args['h']\n    os.system(p.h)",
    "class Co(Enum):\n    A = 'a'",
    "class Co(B):\n    A = 'a'",
    "@app.route('/en')\ndef enview():\n    os.system(Co(request.args['c']).value)",
    # a helper's literal default decides (left out, or given)
    "def esc(t, q=True):\n    return shlex.quote(t) if q else t",
    "def esc(t, q=False):\n    return shlex.quote(t) if q else t",
    "@app.route('/df')\ndef dfview():\n    os.system(esc(request.args['t']))",
    # a class attribute naming the class a method instantiates (here or imported)
    "class Hv:\n    runner_class = A\n    def go(self):\n        self.runner_class(request.args['k']).run()",
    "@app.route('/hv')\ndef hvview():\n    Hv().go()",
    # a dataclass's __post_init__ that cleans a field (or only trims it)
    "@dataclass\nclass Dl:\n    n: str\n    def __post_init__(self):\n        self.n = os.path.basename(self.n)",
    "@dataclass\nclass Dl:\n    n: str\n    def __post_init__(self):\n        self.n = self.n.strip()",
    "@app.route('/dl')\ndef dlview():\n    open(Dl(request.args['n']).n)",
    # a function mapped over the request's words that quotes (or not); keys that
    # are one of two constants (a loop's, a comprehension's); `x or ''` checked;
    # `enumerate` of uploads; keywords of `dict(...)` handed on as `**opts`
    "def chip(t):\n    return shlex.quote(t)",
    "def chip(t):\n    return t",
    "@app.route('/mp')\ndef mpview():\n    os.system(' '.join(map(chip, request.args['q'].split())))",
    "@app.route('/ml')\ndef mlview():\n    os.system(' '.join(map(lambda t: shlex.quote(t), request.args['q'].split())))",
    "@app.route('/ck')\ndef ckview():\n    q = {}\n    for k in ('a', 'b'):\n        q[k] = request.args['t']\n    os.system(q['a'])",
    "@app.route('/ck')\ndef ckview():\n    q = {}\n    for k in ('b', 'c'):\n        q[k] = request.args['t']\n    os.system(q['a'])",
    "@app.route('/dc')\ndef dcview():\n    q = {k: request.args['t'] for k in ('a', 'b')}\n    os.system(q['a'])",
    "@app.route('/ov')\ndef ovview():\n    s = request.args['s']\n    if not re.fullmatch('[a-z]+', s or ''):\n        return ''\n    os.system(s)",
    "@app.route('/ov')\ndef ovview():\n    s = request.args['s']\n    if not re.fullmatch('[a-z;]+', s or ''):\n        return ''\n    os.system(s)",
    # what a lambda handed to `map` returns flows into the call (or a constant does)
    "os.system(''.join(map(lambda _: v, range(2))))",
    "os.system(''.join(map(lambda _: 'x', range(2))))",
    # what a Tornado handler's `prepare` stores (a checked value, or not)
    "from tornado.web import RequestHandler",
    "class PH(RequestHandler):\n    def prepare(self):\n        self.h = self.get_argument('h')\n        if not self.h.isalnum():\n            self.h = 'x'\n    def get(self):\n        os.system(self.h)",
    "class PH(RequestHandler):\n    def prepare(self):\n        self.h = self.get_argument('h')\n    def get(self):\n        os.system(self.h)",
    # `getattr` with a constant name kept and called later (a sink or not)
    "@app.route('/ga')\ndef gaview():\n    run = getattr(os, 'system')\n    run(request.args['q'])",
    "@app.route('/ga')\ndef gaview():\n    run = getattr(os, 'getcwd')\n    run(request.args['q'])",
    # a Flask-WTF form's text field (or number field) in a command
    "from flask_wtf import FlaskForm\nfrom wtforms import IntegerField, StringField",
    "class WF(FlaskForm):\n    n = StringField('n')",
    "class WF(FlaskForm):\n    n = IntegerField('n')",
    "@app.route('/wf', methods=['POST'])\ndef wfview():\n    os.system('x ' + str(WF().n.data))",
    # a FastAPI parameter declared a str Enum (or a str); a lookahead keeping the
    # second character from a slash (or none)
    "from enum import Enum\nclass Svc(str, Enum):\n    a = 'a'",
    "@api.get('/sv')\ndef svview(s: Svc):\n    os.system(s.value)",
    "@api.get('/sv')\ndef svview(s: str):\n    os.system(s)",
    "@app.route('/la')\ndef laview():\n    n = request.args['n']\n    if not re.fullmatch(r'/(?!/)[a-z/]*', n):\n        n = '/'\n    return redirect(n)",
    "@app.route('/la')\ndef laview():\n    n = request.args['n']\n    if not re.fullmatch(r'/[a-z/]*', n):\n        n = '/'\n    return redirect(n)",
    # tornado.escape's escapes (or none) in a handler's HTML; a URL rebuilt from a
    # fixed scheme and an allow-listed host (or the request's host)
    "import tornado.escape\nimport tornado.web\nfrom urllib.parse import urlsplit, urlunsplit",
    "class TE(tornado.web.RequestHandler):\n    def get(self, s):\n        self.write('<p>%s</p>' % tornado.escape.xhtml_escape(s))",
    "class TE(tornado.web.RequestHandler):\n    def get(self, s):\n        self.write('<p>%s</p>' % tornado.escape.url_escape(s))",
    "class TE(tornado.web.RequestHandler):\n    def get(self, s):\n        self.write('<p>%s</p>' % s)",
    "@app.route('/us')\ndef usview():\n    p = urlsplit(request.args['u'])\n    h = p.hostname\n    if h not in ('a.example', 'b.example'):\n        return ''\n    return requests.get(urlunsplit(('https', h, p.path, '', ''))).text",
    "@app.route('/us')\ndef usview():\n    p = urlsplit(request.args['u'])\n    return requests.get(urlunsplit(('https', p.netloc, p.path, '', ''))).text",
    # loops whose rounds are known: a literal list's items in order (the last
    # wins), a constant range or a test true on entry (the value before is gone)
    "@app.route('/lo')\ndef loview():\n    b = '/'\n    for c in [request.args['n'], '/home']:\n        b = c\n    return redirect(b)",
    "@app.route('/lo')\ndef loview():\n    b = '/'\n    for c in ['/home', request.args['n']]:\n        b = c\n    return redirect(b)",
    "@app.route('/lr')\ndef lrview():\n    b = request.args['c']\n    for _ in range(2):\n        b = 'ls'\n    os.system(b)",
    "@app.route('/lr')\ndef lrview():\n    b = request.args['c']\n    n = 0\n    while n < 3:\n        b = 'ls'\n        n += 1\n    os.system(b)",
    # a marshmallow schema's integer (or string) field loaded from the request
    "from marshmallow import Schema, fields",
    "class MS(Schema):\n    n = fields.Int()",
    "class MS(Schema):\n    n = fields.Str()",
    "@app.route('/ms', methods=['POST'])\ndef msview():\n    os.system('x %s' % MS().load(request.get_json())['n'])",
    # psycopg's composed identifier (or the text itself) in a query
    "from psycopg2 import sql",
    "@app.route('/pg')\ndef pgview():\n    cur.execute(sql.SQL('SELECT 1 ORDER BY {}').format(sql.Identifier(request.args['s'])))",
    "@app.route('/pg')\ndef pgview():\n    cur.execute(sql.SQL('SELECT 1 ORDER BY ' + request.args['s']))",
    # an escape written as a chain of replacements (whole, or one of them)
    "def esc(s):\n    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('\"', '&quot;').replace(\"'\", '&#39;')",
    "def esc(s):\n    return s.replace('<', '&lt;')",
    "@app.route('/es')\ndef esview():\n    return '<p>' + esc(request.args['q'])",
    # a decorator of the module between a view and its route that checks its
    # argument (or only logs it), above the route (registering the bare view)
    "from flask import abort",
    "def only_slug(view):\n    def inner(name):\n        if not re.fullmatch('[a-z]+', name):\n            abort(400)\n        return view(name)\n    return inner",
    "def only_slug(view):\n    def inner(name):\n        print(name)\n        return view(name)\n    return inner",
    "@app.route('/dw/<name>')\n@only_slug\ndef dwview(name):\n    os.system(name)",
    "@only_slug\n@app.route('/dw/<name>')\ndef dwview(name):\n    os.system(name)",
    # a pattern whose whole matches are paths of this site, or not (`//host` passes)
    "from flask import redirect",
    "@app.route('/lp')\ndef lpview():\n    n = request.args['n']\n    if not re.fullmatch(r'/(?:[a-z_-][a-z_/-]*)?', n):\n        n = '/'\n    return redirect(n)",
    "@app.route('/lp')\ndef lpview():\n    n = request.args['n']\n    if not re.fullmatch(r'/[a-z_/-]*', n):\n        n = '/'\n    return redirect(n)",
    "@app.route('/eu')\ndef euview():\n    for i, f in enumerate(request.files.getlist('d')):\n        f.save('/srv/' + f.filename)",
    "@app.route('/dk')\ndef dkview():\n    requests.request(**dict({'method': 'GET'}, url=request.args['u']))",
    "@app.route('/dk')\ndef dkview():\n    requests.request(**dict({'url': 'https://a.example'}, method=request.args['u']))",
    # a body declared an object (or text values); a query's result handed on
    "from fastapi import Body, FastAPI\nfrom pymongo import MongoClient\napi = FastAPI()\ncoll = MongoClient()['d']['c']",
    "@api.post('/co')\ndef coview(p: dict = Body(...)):\n    coll.find_one({'c': p.get('c')})",
    "@api.post('/co')\ndef coview(p: dict[str, str] = Body(...)):\n    coll.find_one({'c': p.get('c')})",
    "@app.route('/fo')\ndef foview():\n    d = coll.find_one({'c': str(request.get_json().get('c'))})\n    coll.update_one({'_id': d['_id']}, {})",
    # a constructor that makes the library object its method fetches with (or not)
    "class Pv:\n    def __init__(self):\n        self.s = requests.Session()\n    def fetch(self, u):\n        return self.s.get(u)",
    "class Pv:\n    def __init__(self):\n        self.s = dict()\n    def fetch(self, u):\n        return self.s.get(u)",
    "@app.route('/pv')\ndef pvview():\n    Pv().fetch(request.args['u'])",
    # a library's module handed to a constructor (or a dict), and an object
    # keeping the request's session, written into by its method (or not)
    "class Fw:\n    def __init__(self, http):\n        self.http = http\n    def go(self, u):\n        return self.http.get(u)",
    "fw = Fw(requests)",
    "fw = Fw({})",
    "@app.route('/fw')\ndef fwview():\n    fw.go(request.args['u'])",
    "class Ss:\n    def __init__(self, r):\n        self.s = r.session\n    def keep(self, v):\n        self.s['k'] = v",
    "class Ss:\n    def __init__(self, r):\n        self.s = r.session\n    def keep(self, v):\n        self.s['k'] = 'x'",
    "def ssview(request):\n    Ss(request).keep(request.POST['v'])",
    # a parameter declared a library's class and handed what is not known
    # (an application's mapping), or declared a Literal of constants
    "def fetch_h(s: aiohttp.ClientSession, u):\n    return s.get(u)",
    "def fetch_h(s: dict, u):\n    return s.get(u)",
    "@app.route('/th')\ndef thview():\n    fetch_h(app.config['H'], request.args['u'])",
    "from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\nlapi = FastAPI()",
    "@lapi.get('/lt')\ndef ltview(c: Literal['a', 'b'] = 'a'):\n    return HTMLResponse(c)",
    "@lapi.get('/lt')\ndef ltview(c: str = 'a'):\n    return HTMLResponse(c)",
    # a dependency declared in the annotation, its parameter a Literal (or text)
    "def dord(s: Literal['a', 'b'] = 'a'):\n    return s",
    "def dord(s: str = 'a'):\n    return s",
    "@lapi.get('/ad')\ndef adview(o: Annotated[str, Depends(dord)]):\n    os.system(o)",
    # an aiohttp route table's handler (its request is no data), and a Tornado
    # handler whose base is a class of the workspace (here, or imported)
    "routes = web.RouteTableDef()",
    "@routes.get('/ah')\nasync def ahview(request):\n    return web.json_response(request.app['x'])",
    "class Hb(RequestHandler):\n    pass",
    "class Hp(Hb):\n    def get(self):\n        os.system(self.get_argument('c'))",
    # a JSON body's value as it came handed to a helper's filter (or made a
    # string), and a Tornado argument (a string) in a filter
    "def lk(c):\n    return users.find_one(c)",
    "@lapi.post('/lk')\ndef lkview(q: dict):\n    return lk({'n': q.get('n')})",
    "@lapi.post('/lk')\ndef lkview(q: dict):\n    return lk({'n': str(q.get('n'))})",
    "class Ta(RequestHandler):\n    def get(self):\n        users.find_one({'k': self.get_argument('k')})",
    # a model's field checked by a helper that raises (or not checked), then
    # that field or another one sent
    "class Hk(BaseModel):\n    u: str\n    v: str",
    "def chk(u):\n    if urlparse(u).netloc not in ('a.com',):\n        raise ValueError(u)",
    "def chk(u):\n    pass",
    "@lapi.post('/hk')\ndef hkview(b: Hk):\n    chk(b.u)\n    requests.get(b.u)",
    "@lapi.post('/hk')\ndef hkview(b: Hk):\n    chk(b.u)\n    requests.get(b.v)",
    # a Location header set by hand (a constant, or the request's)
    "@app.route('/lo')\ndef loview():\n    r = Response()\n    r.headers['Location'] = request.args['n']\n    return r",
    "@app.route('/lo')\ndef loview():\n    r = Response()\n    r.headers['Location'] = '/'\n    return r",
    # a lookup by keywords (a row) or a call given the value (carrying it)
    "class Kd:\n    def get_object(self, **kw):\n        return self.m()._base_manager.get(**kw)",
    "class Kd:\n    def get_object(self, **kw):\n        return self.m()._base_manager.get(kw['pk'])",
    "@app.route('/kd')\ndef kdview():\n    os.system(Kd().get_object(pk=request.args['k']).name)",
    # the class of a request's value (code), or the value
    "@app.route('/ty')\ndef tyview():\n    os.system(type(request.args['k']).__name__)",
    "@app.route('/ty')\ndef tyview():\n    os.system(request.args['k'].__name__)",
    # a service handed to a Tornado handler through the route table, whose
    # method has a builtin's name (its class made here, or not; quoting or not)
    "class Rp:\n    def search(self, a):\n        os.system(a)",
    "class Rp:\n    def search(self, a):\n        os.system(shlex.quote(a))",
    "class Hd(RequestHandler):\n    def initialize(self, repo):\n        self.repo = repo\n    def get(self):\n        self.repo.search(self.get_argument('a'))",
    "from tornado.web import Application\nroutes = Application([(r'/a', Hd, {'repo': Rp()})])",
    # a dict of classes a Tornado route hands `initialize`, one picked by the
    # request and called (running a shell or not)
    "class Tq:\n    def run(self, t):\n        os.system('ping ' + t)",
    "class Tq:\n    def run(self, t):\n        subprocess.run(['ping', t])",
    "class Hq(RequestHandler):\n    def initialize(self, probes):\n        self.probes = probes\n    def get(self, k):\n        self.probes.get(k)().run(self.get_argument('t'))",
    "from tornado.web import Application\nqroutes = Application([(r'/q', Hq, {'probes': {'p': Tq}})])",
    # a table of classes a constructor keeps, one picked and made by a method
    "class Bn:\n    def render(self, n):\n        os.system('figlet ' + n)",
    "class Bn:\n    def render(self, n):\n        subprocess.run(['figlet', n])",
    "class Bs:\n    def __init__(self, rs):\n        self.rs = rs\n    def go(self, k, n):\n        self.rs.get(k)().render(n)",
    "bsvc = Bs({'b': Bn})\n@app.route('/bs')\ndef bsview():\n    bsvc.go(request.args['k'], request.args['n'])",
    # a service an aiohttp startup hook stores in the application, its method
    # fetching the URL it is given (or a fixed one)
    "class Sv2:\n    def go(self, u):\n        requests.get(u)",
    "class Sv2:\n    def go(self, u):\n        requests.get('https://x.example', params={'u': u})",
    "async def asvc(app):\n    app['svc'] = Sv2()",
    "from aiohttp import web as aw\naroutes = aw.RouteTableDef()\n@aroutes.get('/as')\nasync def asview(request):\n    request.app['svc'].go(request.query.get('u'))",
    # data a request hook keeps in Flask's `g` (or a constant), read by a helper;
    # a generator yielding tuples; a class as a FastAPI dependency
    "@app.before_request\ndef gload():\n    g.cmd = request.args['c']",
    "@app.before_request\ndef gload():\n    g.cmd = 'ls'",
    "def grun():\n    os.system(g.cmd)",
    "def gen2(v):\n    yield 'k', v",
    "def gen2(v):\n    yield v, 'k'",
    "@app.route('/gy')\ndef gyview():\n    for _k, c in gen2(request.args['c']):\n        os.system(c)",
    "class Dc:\n    def __init__(self, q: str = ''):\n        self.q = q",
    "class Dc:\n    def __init__(self, q: int = 0):\n        self.q = q",
    "@app.get('/dc')\ndef dcview(d: Dc = Depends()):\n    os.system(d.q)",
    "@app.get('/da')\ndef daview(d: Annotated[Dc, Depends()]):\n    os.system(d.q)",
    # a base's handler calling what a subclass of the file overrides (with the
    # request's data, or not); a `str.translate` table that escapes (or not)
    "class Pb(View):\n    def part(self):\n        return 'x'\n    def get(self, request):\n        os.system(self.part())",
    "class Ps(Pb):\n    def part(self):\n        return self.request.GET['c']",
    "class Ps(Pb):\n    def part(self):\n        return 'y'",
    "TR = str.maketrans({'<': '&lt;', '>': '&gt;', '&': '&amp;', '\"': '&quot;', \"'\": '&#39;'})",
    "TR = str.maketrans({'<': '&lt;'})",
    "@app.route('/tr')\ndef trview():\n    return '<b>' + request.args['c'].translate(TR) + '</b>'",
    # an option argparse converts (or not), a route parameter of a scalar alias
    "P = argparse.ArgumentParser()\nP.add_argument('--n', type=int)",
    "P = argparse.ArgumentParser()\nP.add_argument('--n')",
    "def cli():\n    os.system('ls ' + str(P.parse_args().n))",
    "Rg = Literal['a', 'b']",
    "Rg = str",
    "@app.get('/rg/{r}')\ndef rgview(r: Rg):\n    os.system(r)",
    # an `isinstance` check of a body's value (a number, a text, a class of the
    # program's); an object a `with` binds through its class's `__enter__`
    "@app.route('/it')\ndef itview():\n    k = request.get_json()['k']\n    if not isinstance(k, int):\n        return ''\n    os.system('ls ' + str(k))",
    "@app.route('/it')\ndef itview():\n    k = request.get_json()['k']\n    if not isinstance(k, (str, Dc)):\n        return ''\n    os.system('ls ' + str(k))",
    "class Cm:\n    def __init__(self):\n        self.parts = []\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return False\n    def add(self, t):\n        self.parts.append(t)",
    "class Cm:\n    def __init__(self):\n        self.parts = []\n    def __enter__(self):\n        return 'x'\n    def __exit__(self, *a):\n        return False\n    def add(self, t):\n        self.parts.append(t)",
    "@app.route('/cm')\ndef cmview():\n    with Cm() as c:\n        c.add(request.args['c'])\n    os.system(''.join(c.parts))",
    # a pattern whose literal start fixes a URL's host (or not) before a request
    "@app.route('/rx')\ndef rxview():\n    u = request.args['u']\n    if re.fullmatch(r'https://api\\.example\\.com/[a-z]+', u):\n        requests.get(u)",
    "@app.route('/rx')\ndef rxview():\n    u = request.args['u']\n    if re.fullmatch(r'https://api\\.example\\.com[a-z/]+', u):\n        requests.get(u)",
    # a check function handed a whole body, checking a field two levels down
    # through a copy (or rebinding it first)
    "class Ho(BaseModel):\n    o: Hk",
    "def okref(b):\n    r = b.o.u\n    return r.isdigit()",
    "def okref(b):\n    r = b.o.u\n    if len(r) > 9:\n        r = '0'\n    return r.isdigit()",
    "@lapi.post('/or')\ndef orview(b: Ho):\n    if okref(b):\n        os.system(b.o.u)",
    # a JSON body's key checked by a helper that raises (or the wrong key), and
    # inline through `str(...)`
    "def chkp(p):\n    if urlparse(str(p['u'])).netloc not in ('a.com',):\n        raise ValueError(p)",
    "def chkp(p):\n    if urlparse(p['w']).netloc not in ('a.com',):\n        raise ValueError(p)",
    "@app.route('/cp')\ndef cpview():\n    p = request.get_json()\n    chkp(p)\n    requests.get(p['u'])",
    "@app.route('/cq')\ndef cqview():\n    p = request.get_json()\n    if urlparse(p['u']).netloc != 'a.com':\n        return ''\n    requests.get(p['u'])",
    # Flask's request read with `.get` where it is checked and again where it is used
    "@app.route('/gn')\ndef gnview():\n    if not request.args.get('n', '/').startswith('/') or request.args.get('n', '/').startswith('//'):\n        return ''\n    return redirect(request.args.get('n', '/'))",
    "@app.route('/gn')\ndef gnview():\n    if not request.args.get('n', '/').startswith('/'):\n        return ''\n    return redirect(request.args.get('n', '/'))",
    # a table of lambdas read at the request's key (one runs a command, or quotes
    # it), and a library function a thread runs with the request's data
    "T2 = {'a': lambda v: v, 'b': lambda v: os.system(v)}",
    "T2 = {'a': lambda v: v, 'b': lambda v: os.system(shlex.quote(v))}",
    "@app.route('/t2/<op>')\ndef t2view(op):\n    return {'r': T2[op](request.args['v'])}",
    "import threading",
    "@app.route('/th2')\ndef th2view():\n    threading.Thread(target=os.system, args=(request.args['c'],)).start()",
    # a wrapper a factory makes around a function of the module (which runs a
    # command, or quotes it), its arguments passed on with `*args`
    "def wrapped(fn):\n    def inner(*args):\n        return fn(*args)\n    return inner",
    "def runc(c):\n    os.system(c)",
    "def runc(c):\n    os.system(shlex.quote(c))",
    "runw = wrapped(runc)",
    "@app.route('/rw')\ndef rwview():\n    runw(request.args['c'])",
    # what a match found (a pattern of words, or of anything), a list of rules
    # whose pattern field is clean (or not), an object held on `self`
    "JB = re.compile(r'([a-z]+)')",
    "JB = re.compile(r'(.*)')",
    "@app.route('/jb')\ndef jbview():\n    m = JB.match(request.args['j'])\n    os.system(m.group(1))",
    "def chr_(rs):\n    for r in rs:\n        re.compile(r['p'])",
    "def chr_(rs):\n    for r in rs:\n        re.compile(r['n'])",
    "@app.route('/cr')\ndef crview():\n    chr_([{'n': request.args['n'], 'p': 'x'}])",
    "class Rp:\n    def __init__(self, f):\n        self.f = f\n    def go(self):\n        os.system(self.f['s'])",
    "class Rp:\n    def __init__(self, f):\n        self.f = f\n    def go(self):\n        os.system(self.f['t'])",
    "@app.route('/rp')\ndef rpview():\n    Rp({'t': request.args['t'], 's': 'x'}).go()",
    # a class body's constant read through `self` (a subclass's joins it), a
    # dict's keys iterated, a base view's `dispatch`, a module chosen between two
    "import hashlib",
    "class Lh:\n    algorithm = 'md5'\n    def enc(self, p):\n        return hashlib.new(self.algorithm, p)",
    "class Lh:\n    algorithm = 'sha256'\n    def enc(self, p):\n        return hashlib.new(self.algorithm, p)",
    "class Lh2(Lh):\n    algorithm = 'sha1'",
    "@app.route('/dk')\ndef dkview():\n    d = {'a': request.args['a']}\n    os.system(' '.join(k for k in d))",
    "@app.route('/dk')\ndef dkview():\n    d = {'a': request.args['a']}\n    os.system(' '.join(v for k, v in d.items()))",
    "from django.views import View",
    "class Nm(View):\n    def dispatch(self, request):\n        self.nu = request.GET['n']",
    "class Nm(View):\n    def dispatch(self, request):\n        self.nu = 'ls'",
    "class Al(Nm):\n    def get(self, request):\n        os.system(self.nu)",
    "import requests\nimport httpx",
    "@app.route('/el')\ndef elview():\n    c = requests if request.args.get('s') else httpx\n    c.get(request.args['u'])",
    # a class attribute naming a library's object, a path split at its slashes
    # whose `..` pieces are refused (or not), a filter whose test is a check
    # function (or a mere truth test)
    "import yaml",
    "class Yl:\n    loader = yaml.SafeLoader\n    def load(self, t):\n        return yaml.load(t, Loader=self.loader)",
    "class Yl:\n    loader = yaml.Loader\n    def load(self, t):\n        return yaml.load(t, Loader=self.loader)",
    "@app.route('/yl')\ndef ylview():\n    Yl().load(request.args['y'])",
    "def segs(d):\n    out = []\n    for s in d.split('/'):\n        if s == '..':\n            continue\n        out.append(s)\n    return out",
    "def segs(d):\n    out = []\n    for s in d.split('/'):\n        if s == '.':\n            continue\n        out.append(s)\n    return out",
    "@app.route('/sg')\ndef sgview():\n    open(os.path.join('/srv', *segs(request.args['d'])))",
    "def okname(s):\n    return re.fullmatch('[a-z]+', s) is not None",
    "def okname(s):\n    return bool(s)",
    "@app.route('/fl')\ndef flview():\n    os.system(' '.join(filter(okname, request.args.getlist('f'))))",
    # a service a framework hands a handler, whose constructor (taking arguments
    # not seen) makes a library's client (or does not)
    "class Dr:\n    def __init__(self, url):\n        self.http = requests.Session()\n    def fetchit(self, u):\n        self.http.get(u)",
    "class Dr:\n    def __init__(self, url):\n        self.http = url\n    def fetchit(self, u):\n        self.http.get(u)",
    "class Hd2(RequestHandler):\n    def initialize(self, dr):\n        self.dr = dr\n    def get(self):\n        self.dr.fetchit(self.get_argument('u'))",
    # rows of tuples kept on `self`, read column by column in another method
    "class Ro:\n    def __init__(self):\n        self.t = []\n    def by(self, c):\n        self.t.append((c, 'ASC'))\n        return self\n    def cols(self):\n        return ' '.join(d for _, d in self.t)",
    "class Ro:\n    def __init__(self):\n        self.t = []\n    def by(self, c):\n        self.t.append((c, 'ASC'))\n        return self\n    def cols(self):\n        return ' '.join(c for c, _ in self.t)",
    "@app.route('/ro')\ndef roview():\n    os.system('ls ' + Ro().by(request.args.get('c')).cols())",
    # a module's table of constants (and an edit that changes it), aiohttp handlers
    # by their route table or registration, a URL joined after a fixed host, and
    # the uploads of `request.files.items()`
    "import hashlib\nDG = {'legacy': 'md5', 'now': 'sha256'}\ndef fpr(k):\n    return hashlib.new(DG['legacy'], k)",
    "def upg():\n    DG['legacy'] = 'sha256'",
    "from aiohttp import web\nroutes = web.RouteTableDef()\n@routes.get('/ar')\nasync def arun(r):\n    os.system('ls ' + r.query['a'])",
    "async def areg(req):\n    os.system('ls ' + req.query['a'])",
    "aapp = web.Application()\naapp.router.add_get('/x', areg)",
    "DROOT = 'https://docs.example.com'",
    "DROOT = ''",
    "from flask import redirect\n@app.route('/dj')\ndef djview():\n    return redirect('/'.join([DROOT, request.args['p']]))",
    "@app.route('/fi')\ndef fiview():\n    for _, s in request.files.items():\n        s.save(os.path.join('/srv', s.filename))",
    # a helper returning a constant (a sink's setting), and a constructor getting a
    # configured parser from a module function
    "def tlsx():\n    return False",
    "def tlsx():\n    return '/etc/ca.pem'",
    "def mkc(u):\n    return requests.get(u, verify=tlsx())",
    "from lxml import etree\ndef mkp2():\n    return etree.XMLParser(resolve_entities=True)",
    "from lxml import etree\ndef mkp2():\n    return etree.XMLParser(resolve_entities=False)",
    "class Imx:\n    def __init__(self):\n        self.p = mkp2()\n    def parse(self, raw):\n        return etree.fromstring(raw, parser=self.p)",
    "@app.route('/imx')\ndef imxview():\n    Imx().parse(request.data)",
    # a parser a class body makes with a literal argument, read as `self.p`
    "from lxml import etree\nclass Imc:\n    p = etree.XMLParser(resolve_entities=True)\n    def parse(self, raw):\n        return etree.fromstring(raw, self.p)",
    "from lxml import etree\nclass Imc:\n    p = etree.XMLParser(resolve_entities=False)\n    def parse(self, raw):\n        return etree.fromstring(raw, self.p)",
    "@app.route('/imc')\ndef imcview():\n    Imc().parse(request.data)",
    # parser options a helper returns, a class's literal flag, an object
    # keeping Flask's session
    "def xopts():\n    return {'resolve_entities': True}",
    "def xopts():\n    return {'resolve_entities': False}",
    "@app.route('/xq')\ndef xqview():\n    etree.fromstring(request.data, etree.XMLParser(**xopts()))",
    "class Cx:\n    rs = True\n    def go(self, raw):\n        return etree.fromstring(raw, etree.XMLParser(resolve_entities=self.rs))",
    "class Cx:\n    rs = False\n    def go(self, raw):\n        return etree.fromstring(raw, etree.XMLParser(resolve_entities=self.rs))",
    "@app.route('/cx')\ndef cxview():\n    Cx().go(request.data)",
    "class Pf:\n    def __init__(self, s):\n        self.s = s\n    def put(self, v):\n        self.s['k'] = v",
    "@app.route('/pf')\ndef pfview():\n    Pf(session).put(request.args['v'])",
    "class Wc:\n    def __init__(self, h):\n        self.h = h\n    def send(self, u):\n        return self.h.get(u)",
    "class Wc:\n    def __init__(self, h):\n        self.h = h\n    def send(self, u):\n        return self.h.get('https://x.example/')",
    "class Wt:\n    def __init__(self, c):\n        self.c = c\n    def go(self, u):\n        return self.c.send(u)",
    "@app.route('/wt')\ndef wtview():\n    Wt(Wc(requests.Session())).go(request.args['u'])",
    # a query value read with a default list, then checked for emptiness
    "from urllib.parse import parse_qs\ndef wapp(environ, start_response):\n    u = parse_qs(environ['QUERY_STRING']).get('u', [''])[0]\n    if not u:\n        return []\n    os.system('ls ' + u)",
    "from urllib.parse import parse_qs\ndef wapp(environ, start_response):\n    u = parse_qs(environ['QUERY_STRING']).get('u', [''])[0]\n    if u:\n        return []\n    os.system('ls ' + u)",
    # a cookie loaded once its HMAC matches (or a digest with no key), and a link
    # pattern whose host ends where a path may start
    "import hmac\ndef sgn(b):\n    return hmac.new(b'k', b, 'sha256').hexdigest()",
    "import hashlib\ndef sgn(b):\n    return hashlib.sha256(b).hexdigest()",
    "import hmac, pickle\n@app.route('/sg2')\ndef sg2view():\n    b = request.cookies['c'].encode()\n    if not hmac.compare_digest(sgn(b), request.cookies['s']):\n        return ''\n    return str(pickle.loads(b))",
    "DOCSRX = re.compile(r'https://docs\\.example\\.com(?:/[a-z/]*)?')",
    "DOCSRX = re.compile(r'https://docs\\.example\\.com[a-z./]*')",
    "from flask import redirect\n@app.route('/dx')\ndef dxview():\n    t = request.args['t']\n    if not DOCSRX.fullmatch(t):\n        return ''\n    return redirect(t)",
    # a value stored under a secret's key, a parameter's default, a method run in a
    # thread, a host pattern with a choice, an escape made before a helper places it
    "import random\n@app.route('/sk')\ndef skview():\n    c = random.randint(0, 9)\n    session['otp'] = c",
    "import random\n@app.route('/sk')\ndef skview():\n    c = random.randint(0, 9)\n    session['theme'] = c",
    "import random\ndef pdf(n=8, rng=random.Random()):\n    return rng.choice('ab')",
    "@app.route('/pd')\ndef pdview():\n    reset_token = pdf()\n    return reset_token",
    "import asyncio\nclass Thr:\n    def go(self, c):\n        os.system(c)",
    "import asyncio\nclass Thr:\n    def go(self, c):\n        os.system(shlex.quote(c))",
    "@app.route('/th')\nasync def thview():\n    await asyncio.to_thread(Thr().go, request.args['c'])",
    "HRX = re.compile(r'https://(?:www|blog)\\.example\\.com(?:/[a-z/]*)?')",
    "HRX = re.compile(r'https://(?:www|blog)\\.example\\.com.*')",
    "from flask import redirect\n@app.route('/hx')\ndef hxview():\n    t = request.args['t']\n    if not HRX.fullmatch(t):\n        return ''\n    return redirect(t)",
    "def frg(v):\n    return f'<p>{v}</p>'",
    "def frg(v):\n    return f'<p title=\"{v}\">x</p>'",
    "@app.route('/fr')\ndef frview():\n    return frg(request.args['v'].replace('<', '&lt;'))",
    # a field whose declaration makes it match a pattern (anchored, or not)
    "from pydantic import BaseModel, Field\nclass Pm(BaseModel):\n    n: str = Field(pattern=r'^[a-z]+$')",
    "from pydantic import BaseModel, Field\nclass Pm(BaseModel):\n    n: str = Field(pattern=r'[a-z]+')",
    "from fastapi import FastAPI\nfapi = FastAPI()\n@fapi.post('/pm')\ndef pmview(m: Pm):\n    os.system('ls ' + m.n)",
    # a module's list of steps run in order by a loop
    "def st1(v):\n    if not re.fullmatch('[a-z]+', v):\n        raise ValueError(v)\n    return v",
    "def st1(v):\n    return v.strip()",
    "STEPS = [st1]",
    "@app.route('/st')\ndef stview():\n    v = request.args['v']\n    for s in STEPS:\n        v = s(v)\n    os.system(v)",
    # a service keeping a database client's collection (or something else)
    "from pymongo import MongoClient\nclass Oc:\n    def __init__(self):\n        self.c = MongoClient('m').shop.orders\n    def q(self, v):\n        return self.c.find({'n': v})",
    "from pymongo import MongoClient\nclass Oc:\n    def __init__(self):\n        self.c = MongoClient('m')['shop']['orders']\n    def q(self, v):\n        return self.c.find({'n': v})",
    "class Oc:\n    def __init__(self):\n        self.c = []\n    def q(self, v):\n        return self.c.find({'n': v})",
    "ocs = Oc()\n@app.route('/oc')\ndef ocview():\n    return str(ocs.q(request.json['n']))",
    # a lambda writing into a list around it
    "@app.route('/lw')\ndef lwview():\n    xs = []\n    add = lambda v: xs.append(v)\n    add(request.args['v'])\n    os.system(' '.join(xs))",
    "@app.route('/lw')\ndef lwview():\n    xs = []\n    add = lambda v: xs.append(len(v))\n    add(request.args['v'])\n    os.system(' '.join(xs))",
    # a path rejected when a piece between its slashes (or its commas) is `..`
    "@app.route('/pp')\ndef ppview():\n    n = request.args['n']\n    if '..' in n.split('/'):\n        abort(400)\n    return open(os.path.join('/r', n)).read()",
    "@app.route('/pp')\ndef ppview():\n    n = request.args['n']\n    if '..' in n.split(','):\n        abort(400)\n    return open(os.path.join('/r', n)).read()",
    # a parameter assigned the request's value anew (or a constant)
    "@app.route('/pr')\ndef prview(n='x'):\n    n = request.args['n']\n    os.system(n)",
    "@app.route('/pr')\ndef prview(n='x'):\n    n = 'ls'\n    os.system(n)",
    # a service keeping an object whose class body makes its parser (resolving
    # entities or not), made at the module's top level
    "from lxml import etree\nclass Ep:\n    parser = etree.XMLParser(resolve_entities=True)\n    def parse(self, d):\n        return etree.fromstring(d, self.parser)",
    "from lxml import etree\nclass Ep:\n    parser = etree.XMLParser(resolve_entities=False)\n    def parse(self, d):\n        return etree.fromstring(d, self.parser)",
    "class Fs:\n    def __init__(self, p):\n        self.p = p\n    def imp(self, raw):\n        return len(self.p.parse(raw))\nfs = Fs(Ep())\n@app.route('/fs', methods=['POST'])\ndef fsview():\n    return str(fs.imp(request.get_data()))",
    # a FastAPI dependency of another module (text, or a number) handed to that
    # module's file read
    "from fastapi import Query\ndef dp(p: str = Query('')):\n    return p\ndef rd(x):\n    return open(x).read()",
    "from fastapi import Query\ndef dp(p: int = Query(1)):\n    return p\ndef rd(x):\n    return open(x).read()",
    "from fastapi import APIRouter, Depends\nfrom .m0 import dp, rd\nrtr = APIRouter()\n@rtr.get('/dp')\ndef dpview(x: str = Depends(dp)):\n    return rd(x)",
    # objects of a class (holding the request's text or a number) kept in a list
    # another object keeps, whose method runs each one's
    "class Rl:\n    def __init__(self, c):\n        self.c = c\n    def run(self):\n        return eval(self.c)\n"
    "class Sm:\n    def __init__(self, rs):\n        self.rs = rs\n    def go(self):\n        for r in self.rs:\n            r.run()",
    "@app.route('/sm')\ndef smview():\n    Sm([Rl(c) for c in request.args.getlist('c')]).go()\n    return ''",
    "@app.route('/sm')\ndef smview():\n    Sm([Rl(int(c)) for c in request.args.getlist('c')]).go()\n    return ''",
    # a tuple of steps (escaping or not) handed to a helper that runs each in turn
    "PST = (str.strip, html.escape)",
    "PST = (str.strip, str.lower)",
    "def pst(v, steps):\n    return functools.reduce(lambda a, s: s(a), steps, v)\n"
    "@app.route('/pst')\ndef pstview():\n    return pst(request.args['p'], PST)",
    # a method of the library object a helper returns, kept in a name and called
    # (on the request's URL, or on a path of a fixed host)
    "def rss():\n    return requests.Session()",
    "@app.route('/rss')\ndef rssview():\n    s = rss()\n    g2 = s.get\n    g2(request.args['u'])\n    return ''",
    "@app.route('/rss')\ndef rssview():\n    s = rss()\n    g2 = s.get\n    g2('https://a.example.com/' + request.args['u'])\n    return ''",
    # text with `<` taken out (quotes left) as the whole page, or inside a tag
    "def esc6(s):\n    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')",
    "@app.route('/es6')\ndef es6view():\n    return esc6(request.args['q'])",
    "@app.route('/es6')\ndef es6view():\n    return '<b title=' + esc6(request.args['q']) + '>x</b>'",
    # another module's composition of steps (escaping, or title-casing), made once
    "def cmp3(*steps):\n    def composed3(v):\n        return functools.reduce(lambda a, s: s(a), steps, v)\n    return composed3",
    "from .m0 import cmp3\nrnd3 = cmp3(str.strip, html.escape)\n@app.route('/cmp3')\ndef cmp3view():\n    return rnd3(request.args['c'])",
    "from .m0 import cmp3\nrnd3 = cmp3(str.strip, str.title)\n@app.route('/cmp3')\ndef cmp3view():\n    return rnd3(request.args['c'])",
    # a service holding a runner it was handed (running the text, or quoting it);
    # both classes name their method alike
    "class Pr2:\n    def go(self, h):\n        os.system('ping ' + h)",
    "class Pr2:\n    def go(self, h):\n        os.system('ping ' + shlex.quote(h))",
    "class Ds2:\n    def __init__(self, r):\n        self.r = r\n    def go(self, h):\n        return self.r.go(h)\n"
    "@app.route('/ds2')\ndef ds2view():\n    Ds2(Pr2()).go(request.args['h'])\n    return ''",
    # a path checked once made normal (under the directory with its separator, or
    # a prefix of its text), then used as it was
    "@app.route('/rpq', methods=['POST'])\ndef rpqview():\n    t = os.path.join('/srv', request.form['f'])\n"
    "    if not os.path.realpath(t).startswith('/srv' + os.sep):\n        abort(404)\n    os.remove(t)\n    return ''",
    "@app.route('/rpq', methods=['POST'])\ndef rpqview():\n    t = os.path.join('/srv', request.form['f'])\n"
    "    if not os.path.realpath(t).startswith('/srv'):\n        abort(404)\n    os.remove(t)\n    return ''",
    # a condition `x and False` decided by its constant side (or not: `or`)
    "@app.route('/sct')\ndef sctview():\n    if request.args.get('e') == 'x' and False:\n        os.system(request.args['c'])\n    return ''",
    "@app.route('/sct')\ndef sctview():\n    if request.args.get('e') == 'x' or False:\n        os.system(request.args['c'])\n    return ''",
    # a model's fields dumped by name (a Literal, or free text)
    "class Rf3(BaseModel):\n    r: Literal['a', 'b']\n    h: str",
    "import sqlite3\n@app.route('/rf3', methods=['POST'])\ndef rf3view():\n    d = Rf3.model_validate(request.get_json()).model_dump(include={'r'})\n    sqlite3.connect('x').execute(f\"SELECT * FROM t_{d['r']}\")\n    return ''",
    "import sqlite3\n@app.route('/rf3', methods=['POST'])\ndef rf3view():\n    d = Rf3.model_validate(request.get_json()).model_dump(include={'h'})\n    sqlite3.connect('x').execute(f\"SELECT '{d['h']}'\")\n    return ''",
    # a table of a workspace function and a library's (unpickling, or stripping)
    "import pickle\ndef jd4(b):\n    return json.loads(b)\nCDX4 = {'j': jd4, 'p': pickle.loads}",
    "import pickle\ndef jd4(b):\n    return json.loads(b)\nCDX4 = {'j': jd4, 'p': bytes.strip}",
    "@app.route('/cdx4', methods=['POST'])\ndef cdx4view():\n    return str(len(CDX4.get(request.headers.get('c'))(request.get_data())))",
    # the third class of a table of strategies (building SQL of the text, or not)
    "import sqlite3\nclass Sa5:\n    def q(self, t):\n        return 'SELECT 1'\nclass Sb5:\n    def q(self, t):\n        return 'SELECT 2'\nclass Sc5:\n    def q(self, t):\n        return \"SELECT '\" + t + \"'\"\nSTR5 = {'a': Sa5(), 'b': Sb5(), 'c': Sc5()}",
    "import sqlite3\nclass Sa5:\n    def q(self, t):\n        return 'SELECT 1'\nclass Sb5:\n    def q(self, t):\n        return 'SELECT 2'\nclass Sc5:\n    def q(self, t):\n        return 'SELECT 3'\nSTR5 = {'a': Sa5(), 'b': Sb5(), 'c': Sc5()}",
    "@app.route('/str5')\ndef str5view():\n    s = STR5.get(request.args.get('v'), STR5['a'])\n    sqlite3.connect('x').execute(s.q(request.args['q']))\n    return ''",
    # a relative path pattern with separators and no dot (or one allowing dots)
    "@app.route('/rlp')\ndef rlpview():\n    p = request.args['p']\n    if not re.fullmatch(r'[a-z0-9]+(?:/[a-z0-9]+)*', p):\n        abort(404)\n    return open('/srv/' + p).read()",
    "@app.route('/rlp')\ndef rlpview():\n    p = request.args['p']\n    if not re.fullmatch(r'[a-z0-9./]+', p):\n        abort(404)\n    return open('/srv/' + p).read()",
    # a queue a worker thread drains (the request's text put, or its length)
    "import queue\nQQ9 = queue.Queue()\ndef qw9():\n    e = QQ9.get()\n    os.system('ping ' + e)",
    "@app.route('/qq9', methods=['POST'])\ndef qq9view():\n    QQ9.put(request.form['h'])\n    return ''",
    "@app.route('/qq9', methods=['POST'])\ndef qq9view():\n    QQ9.put(str(len(request.form['h'])))\n    return ''",
    # a bound Celery task (`self` first): the URL its first argument, or its second
    "from celery import shared_task\n@shared_task(bind=True)\ndef bt9(self, url, n):\n    requests.get(url)",
    "from celery import shared_task\n@shared_task(bind=True)\ndef bt9(self, n, url):\n    requests.get(url)",
    "@app.route('/bt9', methods=['POST'])\ndef bt9view():\n    bt9.delay(request.form['u'], 'x')\n    return ''",
    # a Pyramid redirect to the request's URL, or to a route's URL carrying it
    "from pyramid.httpexceptions import HTTPFound\ndef pyr9view(request):\n    return HTTPFound(location=request.params['next'])",
    "from pyramid.httpexceptions import HTTPFound\ndef pyr9view(request):\n    return HTTPFound(location=request.route_url('home', _query={'next': request.params['next']}))",
    # lxml.objectify's parser made to resolve entities, or not
    "from lxml import objectify\nOBJ9 = objectify.makeparser(resolve_entities=True)\n@app.route('/obj9', methods=['POST'])\ndef obj9view():\n    return str(objectify.fromstring(request.get_data(), OBJ9).Total)",
    "from lxml import objectify\nOBJ9 = objectify.makeparser(resolve_entities=False)\n@app.route('/obj9', methods=['POST'])\ndef obj9view():\n    return str(objectify.fromstring(request.get_data(), OBJ9).Total)",
    # a ContextVar a hook sets to the request's text (or a number) and a view gets
    "import contextvars\nCV9 = contextvars.ContextVar('cv9', default='id')\n@app.before_request\ndef cv9hook():\n    CV9.set(request.args.get('s', 'id'))",
    "import contextvars\nCV9 = contextvars.ContextVar('cv9', default='id')\n@app.before_request\ndef cv9hook():\n    CV9.set(str(int(request.args.get('s', '1'))))",
    "@app.route('/cv9')\ndef cv9view():\n    os.system('ls ' + CV9.get())\n    return ''",
    # a Graphene resolver's argument run, or only counted
    "import graphene\nclass Gr9(graphene.ObjectType):\n    def resolve_gr9(root, info, layout):\n        os.system('dot -K' + layout)",
    "import graphene\nclass Gr9(graphene.ObjectType):\n    def resolve_gr9(root, info, layout):\n        os.system('dot -K%d' % len(layout))",
    # a Lambda handler returning a redirect to the event's URL, or to a constant
    "def lr9(event, context):\n    return {'statusCode': 302, 'headers': {'Location': event['next']}}",
    "def lr9(event, context):\n    return {'statusCode': 302, 'headers': {'Location': '/home'}, 'body': event['next']}",
    # a walrus checked against an allow-list (or only for None)
    "@app.route('/wr9')\ndef wr9view():\n    if (d := request.args['o']) not in ('a', 'b'):\n        d = 'a'\n    os.system('ls ' + d)\n    return ''",
    "@app.route('/wr9')\ndef wr9view():\n    if (d := request.args['o']) is None:\n        d = 'a'\n    os.system('ls ' + d)\n    return ''",
    # a shell's single quotes around a value with each ' escaped (or put in double quotes)
    "@app.route('/shq9')\ndef shq9view():\n    os.system(\"ls '\" + request.args['d'].replace(\"'\", \"'\\\\''\") + \"'\")\n    return ''",
    "@app.route('/shq9')\ndef shq9view():\n    os.system('ls \"' + request.args['d'].replace(\"'\", \"'\\\\''\") + '\"')\n    return ''",
    # a request parser's argument declared a number, or text
    "from flask_restful import reqparse\nRP9 = reqparse.RequestParser()\nRP9.add_argument('n', type=int)\n@app.route('/rp9')\ndef rp9view():\n    os.system('ping -c %s h' % RP9.parse_args()['n'])\n    return ''",
    "from flask_restful import reqparse\nRP9 = reqparse.RequestParser()\nRP9.add_argument('n')\n@app.route('/rp9')\ndef rp9view():\n    os.system('ping -c %s h' % RP9.parse_args()['n'])\n    return ''",
    # a Streamlit widget's text run, or only counted
    "import streamlit as st\nSTL9 = st.text_input('host')\nos.system('ping ' + STL9)",
    "import streamlit as st\nSTL9 = st.text_input('host')\nos.system('ping -c %d h' % len(STL9))",
    # what a WebSocket route receives, run or only counted
    "from fastapi import WebSocket\n@app.websocket('/wsk9')\nasync def wsk9(websocket: WebSocket):\n    os.system(await websocket.receive_text())",
    "from fastapi import WebSocket\n@app.websocket('/wsk9')\nasync def wsk9(websocket: WebSocket):\n    os.system('echo %d' % len(await websocket.receive_text()))",
    # a Counter's keys (the data) or its counts (numbers) in a command
    "from collections import Counter\n@app.route('/ct33')\ndef ct33view():\n    c = Counter(request.args.getlist('t'))\n    os.system('echo ' + ' '.join(k for k, _ in c.most_common()))\n    return ''",
    "from collections import Counter\n@app.route('/ct33')\ndef ct33view():\n    c = Counter(request.args.getlist('t'))\n    os.system('echo ' + ' '.join(str(n) for _, n in c.most_common()))\n    return ''",
    # a namedtuple's field given the request's data, or a constant
    "from collections import namedtuple\nNT33 = namedtuple('NT33', ['who', 'cmd'])\n@app.route('/nt33')\ndef nt33view():\n    os.system(NT33(who=request.args['w'], cmd=request.args['c']).cmd)\n    return ''",
    "from collections import namedtuple\nNT33 = namedtuple('NT33', ['who', 'cmd'])\n@app.route('/nt33')\ndef nt33view():\n    os.system(NT33(who=request.args['w'], cmd='uptime').cmd)\n    return ''",
    # a message built of the request's fields and checked against its HMAC (or not)
    "import hmac\n@app.route('/hm33')\ndef hm33view():\n    a = request.args['a']\n    m = f'{a}|x'.encode()\n    if not hmac.compare_digest(hmac.new(b'k', m, 'sha256').hexdigest(), request.args['s']):\n        return ''\n    os.system('echo ' + a)\n    return ''",
    "import hmac\n@app.route('/hm33')\ndef hm33view():\n    a = request.args['a']\n    m = f'{a}|x'.encode()\n    if not hmac.compare_digest(hmac.new(b'k', m, 'sha256').hexdigest(), 'x'):\n        return ''\n    os.system('echo ' + request.args['b'])\n    return ''",
    # a CherryPy method exposed (its parameters are the request's), or not
    "import cherrypy\nclass Cp33:\n    @cherrypy.expose\n    def cp33(self, host=''):\n        os.system('ping ' + host)",
    "import cherrypy\nclass Cp33:\n    def cp33(self, host=''):\n        os.system('ping ' + host)",
    # a @contextmanager's yield used as a filter (its keys constant), or the request's body
    "from contextlib import contextmanager\nfrom pymongo import MongoClient\nCL33 = MongoClient()['d']['c']\n@contextmanager\ndef cm33(p):\n    yield {'t': str(p.get('t'))}\n@app.route('/cm33')\ndef cm33view():\n    with cm33(request.get_json()) as f:\n        return str(CL33.find(f))",
    "from contextlib import contextmanager\nfrom pymongo import MongoClient\nCL33 = MongoClient()['d']['c']\n@contextmanager\ndef cm33(p):\n    yield p\n@app.route('/cm33')\ndef cm33view():\n    with cm33(request.get_json()) as f:\n        return str(CL33.find(f))",
    # HTML rendered to PDF with WeasyPrint's own fetcher, or with the code's
    "from weasyprint import HTML\n@app.route('/wp33')\ndef wp33view():\n    HTML(string='<p>' + request.args['h'] + '</p>').write_pdf()\n    return ''",
    "from weasyprint import HTML\ndef wpf33(url):\n    return {}\n@app.route('/wp33')\ndef wp33view():\n    HTML(string='<p>' + request.args['h'] + '</p>', url_fetcher=wpf33).write_pdf()\n    return ''",
    # a URL value preprocessor storing the URL's value on g (or a plain function)
    "@app.url_value_preprocessor\ndef uv34(endpoint, values):\n    g.uv34 = values.pop('t')\n@app.route('/uv34')\ndef uv34view():\n    os.system('echo ' + g.uv34)\n    return ''",
    "def uv34(endpoint, values):\n    g.uv34 = values.pop('t')\n@app.route('/uv34')\ndef uv34view():\n    os.system('echo ' + g.uv34)\n    return ''",
    # a replacement function writing the request's value (or a constant) into a command
    "@app.route('/rs34')\ndef rs34view():\n    n = request.args['n']\n    os.system(re.sub('X', lambda m: n, 'echo X'))\n    return ''",
    "@app.route('/rs34')\ndef rs34view():\n    n = request.args['n']\n    os.system(re.sub('X', lambda m: 'y', 'echo X'))\n    return ''",
    # a middleware storing the request's value (or a constant) on request.state
    "from starlette.requests import Request\nfrom starlette.responses import HTMLResponse\nclass Rq34:\n    async def dispatch(self, request: Request, call_next):\n        request.state.rq34 = request.query_params.get('t')\n        return await call_next(request)\nasync def rq34view(request: Request):\n    return HTMLResponse('<b>' + request.state.rq34 + '</b>')",
    "from starlette.requests import Request\nfrom starlette.responses import HTMLResponse\nclass Rq34:\n    async def dispatch(self, request: Request, call_next):\n        request.state.rq34 = 'x'\n        return await call_next(request)\nasync def rq34view(request: Request):\n    return HTMLResponse('<b>' + request.state.rq34 + '</b>')",
    # a pool mapping a sink over the request's items (or over constants)
    "from concurrent.futures import ThreadPoolExecutor\ndef pm34(h):\n    os.system('ping ' + h)\n@app.route('/pm34')\ndef pm34view():\n    with ThreadPoolExecutor() as ex:\n        list(ex.map(pm34, request.args.getlist('h')))\n    return ''",
    "from concurrent.futures import ThreadPoolExecutor\ndef pm34(h):\n    os.system('ping ' + h)\n@app.route('/pm34')\ndef pm34view():\n    with ThreadPoolExecutor() as ex:\n        list(ex.map(pm34, ['localhost']))\n    return ''",
    # a number formatted into a command (or the request's text padded)
    "@app.route('/fs34')\ndef fs34view():\n    os.system(f\"echo {int(request.args['n']):04d}\")\n    return ''",
    "@app.route('/fs34')\ndef fs34view():\n    os.system(f\"echo {request.args['n']:>4}\")\n    return ''",
    # a check whose failure calls a helper that exits (or one that returns)
    "import sys\ndef ex34(m):\n    sys.exit(m)\n@app.route('/ex34')\ndef ex34view():\n    h = request.args['h']\n    if not h.isalnum():\n        ex34('bad')\n    os.system('ping ' + h)\n    return ''",
    "import sys\ndef ex34(m):\n    print(m)\n@app.route('/ex34')\ndef ex34view():\n    h = request.args['h']\n    if not h.isalnum():\n        ex34('bad')\n    os.system('ping ' + h)\n    return ''",
    # an allow-list checked through lower() (or the other way round)
    "@app.route('/lc34')\ndef lc34view():\n    f = request.args['f']\n    if f.lower() not in ('csv', 'json'):\n        return ''\n    os.system('export ' + f)\n    return ''",
    "@app.route('/lc34')\ndef lc34view():\n    f = request.args['f']\n    if f.lower() in ('csv', 'json'):\n        return ''\n    os.system('export ' + f)\n    return ''",
    # a base64 text checked by its alphabet, then decoded (or not)
    "import base64\n@app.route('/bd34')\ndef bd34view():\n    b = request.args['b']\n    if not re.fullmatch('[A-Za-z0-9]+', b):\n        return ''\n    os.system(base64.b64decode(b).decode())\n    return ''",
    "import base64\n@app.route('/bd34')\ndef bd34view():\n    b = request.args['b']\n    if not re.fullmatch('[A-Za-z0-9]+', b):\n        return ''\n    os.system('echo ' + b)\n    return ''",
    # an escaped value in an unquoted attribute (or a quoted one)
    "import html\n@app.route('/ua34')\ndef ua34view():\n    return '<div data-t=' + html.escape(request.args['t']) + '>x</div>'",
    "import html\n@app.route('/ua34')\ndef ua34view():\n    return '<div data-t=\"' + html.escape(request.args['t']) + '\">x</div>'",
    # a shell-quoted word inside the command's quotes (or standing alone)
    "import shlex\n@app.route('/sq34')\ndef sq34view():\n    os.system('tar -czf \"' + shlex.quote(request.args['n']) + '.tgz\" .')\n    return ''",
    "import shlex\n@app.route('/sq34')\ndef sq34view():\n    os.system('tar -czf ' + shlex.quote(request.args['n'] + '.tgz') + ' .')\n    return ''",
    # a pattern without a quote, its value inside a quoted XPath literal (or not)
    "import elementpath\n@app.route('/xp35')\ndef xp35view():\n    e = request.args['e']\n    if not re.fullmatch(r'https://[a-z.]+(/[a-z]*)*', e):\n        return ''\n    return str(elementpath.select(None, \"//x[@id='\" + e + \"']\"))",
    "import elementpath\n@app.route('/xp35')\ndef xp35view():\n    e = request.args['e']\n    if not re.fullmatch(r'https://[a-z.]+(/[a-z]*)*', e):\n        return ''\n    return str(elementpath.select(None, '//x[@id=' + e + ']'))",
    # a store's client made from the environment (or the data itself)
    "import pickle, redis\nrc35 = redis.Redis.from_url(os.environ['R'])\n@app.route('/rc35')\ndef rc35view():\n    return str(pickle.loads(rc35.get('k')))",
    "import pickle, redis\nrc35 = redis.Redis.from_url(os.environ['R'])\n@app.route('/rc35')\ndef rc35view():\n    return str(pickle.loads(os.environ['R'].encode()))",
    # a model field declared with a constrained alias (whose pattern lets `;` through, or not)
    "from typing import Annotated\nfrom pydantic import BaseModel, StringConstraints\nfrom fastapi import FastAPI\nal35api = FastAPI()\nAl35Name = Annotated[str, StringConstraints(pattern=r'^[a-z]+$')]\nclass Al35(BaseModel):\n    n: Al35Name\n@al35api.post('/al35')\ndef al35view(body: Al35):\n    os.system('ls ' + body.n)",
    "from typing import Annotated\nfrom pydantic import BaseModel, StringConstraints\nfrom fastapi import FastAPI\nal35api = FastAPI()\nAl35Name = Annotated[str, StringConstraints(pattern=r'^[a-z; ]+$')]\nclass Al35(BaseModel):\n    n: Al35Name\n@al35api.post('/al35')\ndef al35view(body: Al35):\n    os.system('ls ' + body.n)",
    # a name captured from a sequence inside a mapping pattern (or a wildcard)
    "@app.route('/ms35')\ndef ms35view():\n    match request.get_json():\n        case {'args': [s]}:\n            os.system('ls ' + s)\n    return ''",
    "@app.route('/ms35')\ndef ms35view():\n    match request.get_json():\n        case {'args': [_]}:\n            os.system('ls')\n    return ''",
    # a model's HttpUrl field whose host is checked (or only its scheme)
    "import requests\nfrom pydantic import BaseModel, HttpUrl\nfrom fastapi import FastAPI\nhu35api = FastAPI()\nclass Hu35(BaseModel):\n    url: HttpUrl\n@hu35api.post('/hu35')\ndef hu35view(body: Hu35):\n    if body.url.host != 'hooks.example.com':\n        return {}\n    return requests.get(str(body.url)).text",
    "import requests\nfrom pydantic import BaseModel, HttpUrl\nfrom fastapi import FastAPI\nhu35api = FastAPI()\nclass Hu35(BaseModel):\n    url: HttpUrl\n@hu35api.post('/hu35')\ndef hu35view(body: Hu35):\n    if body.url.scheme != 'https':\n        return {}\n    return requests.get(str(body.url)).text",
    # a Graphene field's argument declared a number (or a string)
    "import sqlite3\nimport graphene\nclass Gp36(graphene.ObjectType):\n    rows = graphene.List(graphene.Int, first=graphene.Int())\n    def resolve_rows(root, info, first):\n        return sqlite3.connect('x').execute(f'SELECT 1 LIMIT {first}')",
    "import sqlite3\nimport graphene\nclass Gp36(graphene.ObjectType):\n    rows = graphene.List(graphene.Int, first=graphene.String())\n    def resolve_rows(root, info, first):\n        return sqlite3.connect('x').execute(f'SELECT 1 LIMIT {first}')",
    # a URL started by one of a table's origins and a slash (or no slash)
    "import requests\nUS36 = {'a': 'http://a.internal:80', 'b': 'http://b.internal:80'}\n@app.get('/us36/<s>')\ndef us36view(s):\n    base = US36.get(s)\n    if base is None:\n        return ''\n    return requests.get(f'{base}/{request.args[\"p\"]}').text",
    "import requests\nUS36 = {'a': 'http://a.internal:80', 'b': 'http://b.internal:80'}\n@app.get('/us36/<s>')\ndef us36view(s):\n    base = US36.get(s)\n    if base is None:\n        return ''\n    return requests.get(f'{base}{request.args[\"p\"]}').text",
    # a Django view and the routes of it elsewhere: a converted capture or not
    "import os\nfrom django.http import HttpResponse\ndef dj37(request, pk):\n    os.system('echo ' + pk)\n    return HttpResponse('')",
    "from django.urls import path\nimport pkg.m0 as m0\nurlpatterns = [path('o/<int:pk>/', m0.dj37)]",
    "from django.urls import path\nimport pkg.m0 as m0\nurlpatterns = [path('o/<str:pk>/', m0.dj37)]",
    # a URL's host read into a name and checked (or another URL's host)
    "import requests\nfrom urllib.parse import urlsplit\nHR38 = {'a.example'}\n@app.get('/hr38')\ndef hr38view():\n    u = request.args['u']\n    host = (urlsplit(u).hostname or '').lower()\n    if host not in HR38:\n        return ''\n    return requests.get(u).text",
    "import requests\nfrom urllib.parse import urlsplit\nHR38 = {'a.example'}\n@app.get('/hr38')\ndef hr38view():\n    u = request.args['u']\n    host = (urlsplit(request.args['r']).hostname or '').lower()\n    if host not in HR38:\n        return ''\n    return requests.get(u).text",
    # a character check before the parsed host's (or the URL assigned anew)
    "from urllib.parse import urlparse\nNP38 = {'a.example'}\n@app.get('/np38')\ndef np38view():\n    u = request.args['u']\n    parts = urlparse(u)\n    if '\\\\' not in u and parts.netloc in NP38:\n        return redirect(u)\n    return ''",
    "from urllib.parse import urlparse\nNP38 = {'a.example'}\n@app.get('/np38')\ndef np38view():\n    u = request.args['u']\n    parts = urlparse(u)\n    u = request.args['v']\n    if '\\\\' not in u and parts.netloc in NP38:\n        return redirect(u)\n    return ''",
    # a Pydantic model that forbids (or allows) extra fields, here or imported, dumped
    "from pydantic import BaseModel, ConfigDict\nclass Fx38(BaseModel):\n    model_config = ConfigDict(extra='forbid')\n    beta: bool = False",
    "from pydantic import BaseModel, ConfigDict\nclass Fx38(BaseModel):\n    model_config = ConfigDict(extra='allow')\n    beta: bool = False",
    "from pkg.m0 import Fx38",
    "import sqlite3\nfrom fastapi import FastAPI\nfx38api = FastAPI()\n@fx38api.patch('/fx38')\ndef fx38view(body: Fx38):\n    for c in body.model_dump():\n        sqlite3.connect('x').execute(f'UPDATE t SET {c} = 1')",
    # a Jinja environment a class body makes, escaping by name (or not), here or imported
    "from jinja2 import Environment, select_autoescape\nclass Je39:\n    env = Environment(autoescape=select_autoescape(['html']))",
    "from jinja2 import Environment\nclass Je39:\n    env = Environment()",
    "from pkg.m0 import Je39",
    "@app.route('/je39')\ndef je39view():\n    return Je39().env.get_template('p.html').render(n=request.args['n'])",
    # a helper returning a database client (or a dict), here or imported; its items queried
    "from pymongo import MongoClient\ndef cl39():\n    return MongoClient('mongodb://x')",
    "def cl39():\n    return {'shop': {'orders': []}}",
    "from pkg.m0 import cl39",
    "@app.post('/cl39')\ndef cl39view():\n    return str(cl39()['shop']['orders'].find({'e': request.json.get('e')}))",
    # a name checked for `..` (and for a leading slash, or not), here or imported, joined
    "import os\ndef dd39(n):\n    if '..' in n or n.startswith('/'):\n        raise ValueError(n)\n    return os.path.join('/srv', n)",
    "import os\ndef dd39(n):\n    if '..' in n:\n        raise ValueError(n)\n    return os.path.join('/srv', n)",
    "from pkg.m0 import dd39",
    "@app.route('/dd39')\ndef dd39view():\n    return open(dd39(request.args['n'])).read()",
    # a file in a folder the environment names (or one the command line names), unpickled
    "import pickle\nimport os\ndef ev39():\n    with open(os.path.join(os.environ['CACHE'], 's.pkl'), 'rb') as fh:\n        return pickle.load(fh)",
    "import pickle\nimport sys\ndef ev39():\n    with open(sys.argv[1], 'rb') as fh:\n        return pickle.load(fh)",
    # a session item one view stores (checked or not) and another redirects to
    "from flask import request, session\n@app.route('/ss40a')\ndef ss40a():\n    session['ss40'] = request.args['n']\n    return ''",
    "from flask import request, session\n@app.route('/ss40a')\ndef ss40a():\n    n = request.args['n']\n    session['ss40'] = n if n in ('/a', '/b') else '/'\n    return ''",
    "from flask import redirect, session\n@app.route('/ss40b')\ndef ss40b():\n    return redirect(session.get('ss40', '/'))",
    # a cache key of one prefix one view stores and another reads
    "from django.core.cache import cache\ndef ca40a(request):\n    cache.set(f'ca40:{request.user.pk}', request.GET['h'])",
    "import os\nfrom django.core.cache import cache\ndef ca40b(request):\n    os.system('ping ' + str(cache.get(f'ca40:{request.user.pk}')))",
    # an Annotated validator (a pattern check, or not), here or imported, on a model's field
    "import re\nfrom typing import Annotated\nfrom pydantic import AfterValidator\ndef av40(v):\n    if not re.fullmatch('[a-z]+', v):\n        raise ValueError(v)\n    return v\nAv40 = Annotated[str, AfterValidator(av40)]",
    "from typing import Annotated\nfrom pydantic import AfterValidator\ndef av40(v):\n    return v.strip()\nAv40 = Annotated[str, AfterValidator(av40)]",
    "from pkg.m0 import Av40",
    "import os\nfrom fastapi import FastAPI\nfrom pydantic import BaseModel\nav40api = FastAPI()\nclass Av40Body(BaseModel):\n    name: Av40\n@av40api.post('/av40')\ndef av40view(body: Av40Body):\n    os.system('id ' + body.name)",
    # a default object a service makes for itself (or none), here or imported
    "import os\nclass Rp40:\n    def run(self, c):\n        os.system(c)",
    "class Rp40:\n    def run(self, c):\n        return c",
    "from pkg.m0 import Rp40",
    "class Sv40:\n    def __init__(self, rp=None):\n        self.rp = rp or Rp40()\n    def go(self, c):\n        return self.rp.run(c)\nSV40 = Sv40()\n@app.route('/sv40')\ndef sv40view():\n    return SV40.go(request.args['c'])",
    # a check (of the host, or only of the scheme), here or imported, that every URL of a list passed
    "from urllib.parse import urlsplit\ndef ok41(u):\n    return urlsplit(u).hostname in {'a.example'}",
    "def ok41(u):\n    return u.startswith('https://')",
    "from pkg.m0 import ok41",
    "import requests\n@app.route('/ek41')\ndef ek41():\n    urls = request.json['urls']\n    if not all(ok41(u) for u in urls):\n        return ''\n    return [requests.get(u).text for u in urls]",
    # a library's object a helper (here or imported) makes, handed to a function
    # that reads the terminal and queries it
    "import pandas as pd\ndef lf42(p):\n    return pd.read_csv(p)",
    "def lf42(p):\n    return [p]",
    "from pkg.m0 import lf42",
    "import sys\ndef qx42(frame):\n    return frame.query(input())\nqx42(lf42(sys.argv[1]))",
    # a class attribute template written over lines, a value in one of its
    # attributes (or between tags) with `<` taken out
    "class Tb42:\n    template = ('<a '\n        'title=\"{x}\">')\n@app.route('/tb42')\ndef tb42():\n    return Tb42.template.format(x=request.args['x'].replace('<', ''))",
    "class Tb42:\n    template = ('<p>'\n        '{x}</p>')\n@app.route('/tb42')\ndef tb42():\n    return Tb42.template.format(x=request.args['x'].replace('<', ''))",
    # a value a helper stores in a cache (as it came, or escaped) that another view reads
    "from flask_caching import Cache\nCK42 = Cache()\ndef ck42(v):\n    CK42.set('ck42', v)\n@app.post('/ck42a')\ndef ck42a():\n    ck42(request.form['v'])\n    return ''\n@app.get('/ck42b')\ndef ck42b():\n    return f\"<p>{CK42.get('ck42')}</p>\"",
    "import html\nfrom flask_caching import Cache\nCK42 = Cache()\ndef ck42(v):\n    CK42.set('ck42', html.escape(v))\n@app.post('/ck42a')\ndef ck42a():\n    ck42(request.form['v'])\n    return ''\n@app.get('/ck42b')\ndef ck42b():\n    return f\"<p>{CK42.get('ck42')}</p>\"",
    # a Pydantic URL a helper (here or imported) checks by its host (or its scheme only)
    "from fastapi import HTTPException\ndef hu42(u):\n    if u.host not in {'a.example'}:\n        raise HTTPException(422)",
    "from fastapi import HTTPException\ndef hu42(u):\n    if u.scheme != 'https':\n        raise HTTPException(422)",
    "from pkg.m0 import hu42",
    "import httpx\nfrom fastapi import FastAPI\nfrom pydantic import BaseModel, HttpUrl\nhu42api = FastAPI()\nclass Hu42(BaseModel):\n    url: HttpUrl\n@hu42api.post('/hu42')\ndef hu42view(b: Hu42):\n    hu42(b.url)\n    return httpx.get(str(b.url)).text",
    # a function (here or imported) querying with the text (or a number) a queue
    # runs with the request's value
    "import sqlite3\ndef rq42(r):\n    return sqlite3.connect('d').execute('SELECT ' + r).fetchall()",
    "import sqlite3\ndef rq42(r):\n    return sqlite3.connect('d').execute('SELECT ?', (r,)).fetchall()",
    "from pkg.m0 import rq42",
    "from redis import Redis\nfrom rq import Queue\nRQ42 = Queue(connection=Redis())\n@app.route('/rq42')\ndef rq42view():\n    RQ42.enqueue(rq42, request.args['r'])\n    return ''",  # a helper a decorator of its module wraps (handing it a connection first,
    # or converting what it is handed), called by a view
    "import sqlite3\ndef dw43(fn):\n    def inner(*a):\n        return fn(sqlite3.connect('d'), *a)\n    return inner",
    "def dw43(fn):\n    def inner(v):\n        return fn(None, int(v))\n    return inner",
    "@dw43\ndef dq43(c, v):\n    return c.execute('SELECT ' + v).fetchall()\n@app.route('/dq43')\ndef dq43view():\n    return dq43(request.args['v'])",
    # a class attribute allow-list (or not one) a subclass here or elsewhere checks
    "class Ca43:\n    MODES = ('a', 'b')",
    "import os\nclass Ca43:\n    MODES = os.environ['M43'].split()",
    "from pkg.m0 import Ca43",
    "import os\nclass Cb43(Ca43):\n    def run(self, m):\n        if m not in self.MODES:\n            return ''\n        return os.system('x ' + m)\n@app.route('/cb43')\ndef cb43view():\n    return Cb43().run(request.args['m'])",
    # a client class (here or imported) keeping a base URL as given (or with a
    # slash after it), made with a scheme and host only
    "import requests\nclass Bu43:\n    def __init__(self, b):\n        self.b = b\n    def get(self, r):\n        return requests.get(self.b + r).text",
    "import requests\nclass Bu43:\n    def __init__(self, b):\n        self.b = b + '/'\n    def get(self, r):\n        return requests.get(self.b + r).text",
    "from pkg.m0 import Bu43",
    "BU43 = Bu43('https://a.example')\n@app.route('/bu43')\ndef bu43view():\n    return BU43.get(request.args['r'])",
    # what a before_request hook keeps on g, read by a helper of a view; a
    # host deny-list on a field
    "from flask import g\nfrom pymongo import MongoClient\n@app.before_request\ndef gb43():\n    g.b43 = request.get_json()\ndef gh43():\n    return g.b43.get('e')\n@app.route('/gv43')\ndef gv43():\n    return str(MongoClient().d.c.find_one({'e': gh43()}))",
    "from urllib.parse import urlparse\nimport requests\n@app.post('/dl43')\ndef dl43():\n    d = request.get_json()\n    if urlparse(d['u']).hostname in {'localhost'}:\n        return ''\n    return requests.get(d['u']).text",
    # Flask's request handed to a helper (here or imported) that reads it (and
    # runs a command with what it read, or a number of it)
    "import os\ndef rh43(req):\n    os.system('x ' + req.args.get('c'))",
    "import os\ndef rh43(req):\n    os.system('x %d' % int(req.args.get('c')))",
    "from pkg.m0 import rh43",
    "@app.route('/rh43')\ndef rh43view():\n    rh43(request)\n    return ''",
    # a helper (here or imported) writing its parameter into an unquoted (or a
    # quoted) attribute, handed an escaped value
    "def ua43(c):\n    return f'<input value={c}>'",
    "def ua43(c):\n    return f'<input value=\"{c}\">'",
    "from pkg.m0 import ua43",
    "import html\n@app.route('/ua43')\ndef ua43view():\n    return ua43(html.escape(request.args['c']))",
    # a WSGI wrapper a decorator makes, a configuration parser's text, an
    # http.server handler's Location header
    "import functools\nimport sqlite3\ndef ws43(f):\n    @functools.wraps(f)\n    def w(environ, start_response):\n        start_response('200 OK', [])\n        return [f(environ)]\n    return w\n@ws43\ndef ws43app(environ):\n    return sqlite3.connect('d').execute('SELECT ' + environ['QUERY_STRING']).fetchall()",
    "import configparser\nimport os\n@app.post('/cp43')\ndef cp43():\n    c = configparser.ConfigParser()\n    c.read_string(request.get_data(as_text=True))\n    os.system(c['a'].get('b'))\n    return ''",
    "from http.server import BaseHTTPRequestHandler\nclass Hs43(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(302)\n        self.send_header('Location', self.path[1:])\n        self.end_headers()",
    # a Tornado handler whose URL spec's group holds a file name
    "import tornado.web\nclass Tw43(tornado.web.RequestHandler):\n    def get(self, n):\n        self.write(open('/srv/' + n).read())\nTW43 = tornado.web.Application([(r'/tw43/([a-z]+)', Tw43)])",
    # a Django view behind a decorator factory of its module that reads the request
    "from functools import wraps\nfrom django.http import HttpResponse\ndef df43(field):\n    def d(view):\n        @wraps(view)\n        def w(request, *a):\n            return view(request, request.GET.get(field, ''), *a)\n        return w\n    return d\n@df43('g')\ndef df43view(request, g):\n    return HttpResponse('<h1>' + g + '</h1>')",
    # a class (here or imported) whose property a template reads (marking the
    # object's data safe, or not)
    "from django.utils.safestring import mark_safe\nclass Pc43:\n    def __init__(self, n):\n        self.n = n\n    @property\n    def h(self):\n        return mark_safe(self.n)",
    "class Pc43:\n    def __init__(self, n):\n        self.n = n\n    @property\n    def h(self):\n        return self.n",
    "from pkg.m0 import Pc43",
    "from django.shortcuts import render\ndef pc43view(request):\n    return render(request, 't.html', {'c': Pc43(request.GET['n'])})",
    # a check function (here or imported) returning a list of problems that grows
    # where a pattern fails (or whatever the text), the view refusing a non-empty one
    "import re\ndef pl44(n):\n    e = []\n    if not re.fullmatch('[a-z]+', n):\n        e.append('bad')\n    return e",
    "def pl44(n):\n    e = []\n    if len(n) > 9:\n        e.append('long')\n    return e",
    "from pkg.m0 import pl44",
    "import os\nfrom flask import abort\n@app.route('/pl44')\ndef pl44view():\n    n = request.args['n']\n    if pl44(n):\n        abort(400)\n    return os.system('x ' + n)",
    # a route keyword checked directly at a key a factory's parameter names
    "import os\nimport re\nfrom functools import wraps\nfrom flask import abort\ndef fk44(p):\n    def d(v):\n        @wraps(v)\n        def w(**kw):\n            if not re.fullmatch('[a-z]+', kw.get(p, '')):\n                abort(400)\n            return v(**kw)\n        return w\n    return d\n@app.get('/fk44/<n>')\n@fk44('n')\ndef fk44view(n):\n    return open(os.path.join('/srv', n)).read()",
    # SQL text AWS runs for a boto3 client
    "import boto3\ndef aw44(event, context):\n    return boto3.client('dynamodb').execute_statement(Statement=\"SELECT * FROM t WHERE k = '\" + event['queryStringParameters']['k'] + \"'\")",
    # a host checked (here or imported) to end with a dot and a domain (or without the dot)
    "def hs44(h):\n    return h.endswith('.a.example')",
    "def hs44(h):\n    return h.endswith('a.example')",
    "from pkg.m0 import hs44",
    "import requests\nfrom urllib.parse import urlparse\n@app.post('/hs44')\ndef hs44view():\n    u = request.form['u']\n    if not hs44(urlparse(u).hostname or ''):\n        return ''\n    return requests.get(u).text",
    # a copy of a field checked in a decorator factory's wrapper, then the view's keyword
    "import os\nimport re\nfrom functools import wraps\nfrom flask import abort\ndef fc44(p):\n    def d(v):\n        @wraps(v)\n        def w(**kw):\n            x = kw.get(p)\n            if not re.fullmatch('[a-z]+', x):\n                abort(400)\n            return v(**kw)\n        return w\n    return d\n@app.get('/fc44/<n>')\n@fc44('n')\ndef fc44view(n):\n    return open(os.path.join('/srv', n)).read()",
    # a number presented before request data in a page WeasyPrint renders (or with
    # a fetcher of the code's)
    "from weasyprint import HTML\n@app.post('/np45/<int:n>')\ndef np45view(n):\n    HTML(string='<p>{n:d}</p>{c}'.format(n=n, c=request.form['c'])).write_pdf()\n    return ''",
    "from weasyprint import HTML\n@app.post('/np45/<int:n>')\ndef np45view(n):\n    HTML(string='<p>{n:d}</p>{c}'.format(n=n, c=request.form['c']), url_fetcher=lambda u: {}).write_pdf()\n    return ''",
    # an aiohttp multipart part's file name as a path (or its base name)
    "import os\nfrom aiohttp import web\nasync def mp45(request):\n    part = await (await request.multipart()).next()\n    open(os.path.join('/srv', part.filename), 'wb')\n    return web.json_response({})\nweb.Application().router.add_post('/mp45', mp45)",
    "import os\nfrom aiohttp import web\nasync def mp45(request):\n    part = await (await request.multipart()).next()\n    open(os.path.join('/srv', os.path.basename(part.filename)), 'wb')\n    return web.json_response({})\nweb.Application().router.add_post('/mp45', mp45)",
    # a method of a class (here or imported) run in an executor through partial
    "import subprocess\nclass Ex45:\n    def run(self, h):\n        subprocess.run('ping ' + h, shell=True)",
    "import subprocess\nclass Ex45:\n    def run(self, h):\n        subprocess.run(['ping', h])",
    "from pkg.m0 import Ex45",
    "import asyncio\nimport functools\n@app.route('/ex45')\nasync def ex45view():\n    await asyncio.get_running_loop().run_in_executor(None, functools.partial(Ex45().run, request.args['h']))\n    return ''",
    # the Host header (Flask's `request.host`) in a query's text, or bound
    "import sqlite3\n@app.route('/hh45')\ndef hh45view():\n    return str(sqlite3.connect('d').execute(\"SELECT 1 WHERE h = '%s'\" % request.host).fetchone())",
    "import sqlite3\n@app.route('/hh45')\ndef hh45view():\n    return str(sqlite3.connect('d').execute('SELECT 1 WHERE h = ?', (request.host,)).fetchone())",
    # a check function (here or imported) handed a parsed URL's host: a list of hosts
    # through a change of case (or a suffix without its dot)
    "def oh46(host):\n    h = (host or '').lower()\n    return h in ('a.example', 'b.example')",
    "def oh46(host):\n    h = (host or '').lower()\n    return h.endswith('example')",
    "from pkg.m0 import oh46",
    "import requests\nfrom urllib.parse import urlparse\n@app.post('/oh46')\ndef oh46view():\n    u = request.form['u']\n    if not oh46(urlparse(u).hostname):\n        return ''\n    return requests.get(u).text",
    # a check's result logged where it fails, then returned (or True returned)
    "import logging\ndef ok46(c):\n    ok = c in ('a', 'b')\n    if not ok:\n        logging.warning(c)\n    return ok",
    "import logging\ndef ok46(c):\n    ok = c in ('a', 'b')\n    if not ok:\n        logging.warning(c)\n    return True",
    "from pkg.m0 import ok46",
    "import sqlite3\n@app.route('/ok46')\ndef ok46view():\n    s = request.args['s']\n    if not ok46(s):\n        return ''\n    return str(sqlite3.connect('d').execute(f'SELECT 1 ORDER BY {s}').fetchone())",
    # a GraphQL schema's execute of the request's document (or an SQL query's)
    "import graphene\nclass Q46(graphene.ObjectType):\n    x = graphene.String()\nGQ46 = graphene.Schema(query=Q46)\n@app.post('/gq46')\ndef gq46view():\n    return str(GQ46.execute(request.form['q']).data)",
    "import sqlite3\n@app.post('/gq46')\ndef gq46view():\n    return str(sqlite3.connect('d').execute(request.form['q']).fetchone())",
    # a Bottle app's route returning request data as HTML (or after setting text/plain)
    "from bottle import Bottle, request as brequest, response\nBT46 = Bottle()\n@BT46.get('/bt46')\ndef bt46view():\n    response.content_type = 'text/plain'\n    return brequest.query.q",
    "from bottle import Bottle, request as brequest, response\nBT46 = Bottle()\n@BT46.get('/bt46')\ndef bt46view():\n    return brequest.query.q",
    # a URL tested for a backslash or a host out of a list in one condition (or inverted)
    "import requests\nfrom urllib.parse import urlparse\n@app.post('/on46')\ndef on46view():\n    u = request.form['u']\n    if '\\\\' in u or urlparse(u).hostname not in ('a.example',):\n        return ''\n    return requests.get(u).text",
    "import requests\nfrom urllib.parse import urlparse\n@app.post('/on46')\ndef on46view():\n    u = request.form['u']\n    if '\\\\' in u or urlparse(u).hostname in ('a.example',):\n        return ''\n    return requests.get(u).text",
    # a Starlette Response of request data, JSON (or of no media type); a parameter
    # named request declared an HTTP client's request (or not declared)
    "from starlette.responses import Response as SR46\nasync def sr46(request):\n    return SR46(request.query_params.get('q', ''), media_type='application/json')",
    "from starlette.responses import Response as SR46\nasync def sr46(request):\n    return SR46(request.query_params.get('q', ''))",
    "from requests.models import PreparedRequest\nclass Pr46:\n    def send(self, request: PreparedRequest):\n        return open(request.url[7:], 'rb')",
    "class Pr46:\n    def send(self, request):\n        return open(request.url[7:], 'rb')",
    # the piece of a text's constant start (or after it); a size compared with -1 (or
    # 0); a list's position after remove() of what was appended (or of another item)
    "def ts47(q):\n    return ('safe!' + q).split('!')[0]",
    "def ts47(q):\n    return ('safe!' + q).split('!')[1]",
    "def ln47(q):\n    return 'x' if len(q) > -1 else q",
    "def ln47(q):\n    return 'x' if len(q) > 0 else q",
    "def rm47(q):\n    items = ['a']\n    items.append(q)\n    items.append('b')\n    items.remove(q)\n    return items[1]",
    "def rm47(q):\n    items = ['a']\n    items.append(q)\n    items.append('b')\n    items.remove('a')\n    return items[0]",
    # a handler after a try body that cannot raise (or can)
    "def tq47(q):\n    bar = 'x'\n    try:\n        n = int('12')\n    except ValueError:\n        bar = q\n    return bar",
    "def tq47(q):\n    bar = 'x'\n    try:\n        n = int('twelve')\n    except ValueError:\n        bar = q\n    return bar",
    # a search for a character out of a class that found none (or of a wider class);
    # the place of zip's tuples (the other place)
    "import re\ndef dn47(q):\n    if re.search(r'[^a-z0-9.-]', q):\n        return ''\n    return q",
    "import re\ndef dn47(q):\n    if re.search(r'[^a-z0-9 ;.-]', q):\n        return ''\n    return q",
    "def zp47(values):\n    for field, value in zip(('a', 'b'), values):\n        return field",
    "def zp47(values):\n    for field, value in zip(('a', 'b'), values):\n        return value",
    # a module table a handler writes, read back by a helper at that key (or another)
    "from flask import Flask, request\nMT47APP = Flask(__name__)\n_T47 = {}\ndef mt47(k):\n    return _T47.get(k, 'x')\n@MT47APP.route('/mt47')\ndef mt47view():\n    _T47['a'] = request.args['q']\n    return '<b>' + mt47('a') + '</b>'",
    "from flask import Flask, request\nMT47APP = Flask(__name__)\n_T47 = {}\ndef mt47(k):\n    return _T47.get(k, 'x')\n@MT47APP.route('/mt47')\ndef mt47view():\n    _T47['a'] = request.args['q']\n    return '<b>' + mt47('b') + '</b>'",
    "from pkg.m0 import ts47, ln47, rm47, tq47, dn47, zp47",
    "import os\n@app.route('/ts47')\ndef ts47view():\n    q = request.args['q']\n    os.system('echo ' + ts47(q) + ln47(q) + rm47(q) + tq47(q) + dn47(q) + zp47([q, q]))\n    return ''",
    # a class's table a classmethod called at the top level fills (the other key)
    "class Rg48:\n    _t = {}\n    @classmethod\n    def register(cls, k, f):\n        cls._t[k] = f\nRg48.register('a', lambda v: v)\nRg48.register('b', lambda v: int(v))\ndef rg48(q):\n    return Rg48._t['a'](q)",
    "class Rg48:\n    _t = {}\n    @classmethod\n    def register(cls, k, f):\n        cls._t[k] = f\nRg48.register('a', lambda v: v)\nRg48.register('b', lambda v: int(v))\ndef rg48(q):\n    return Rg48._t['b'](q)",
    # a dataclass field left to its default, handed on by asdict (or set False)
    "from dataclasses import dataclass, asdict\nfrom lxml import etree\n@dataclass\nclass Po48:\n    resolve_entities: bool = True\nPO48 = Po48()\ndef po48(data):\n    return etree.fromstring(data, etree.XMLParser(**asdict(PO48)))",
    "from dataclasses import dataclass, asdict\nfrom lxml import etree\n@dataclass\nclass Po48:\n    resolve_entities: bool = True\nPO48 = Po48(False)\ndef po48(data):\n    return etree.fromstring(data, etree.XMLParser(**asdict(PO48)))",
    # yield from a generator of records: the record's clean field (or its data)
    "from collections import namedtuple\nCr48 = namedtuple('Cr48', ['column', 'value'])\ndef cr48(q):\n    yield Cr48('name', q)\ndef yf48(q):\n    yield from cr48(q)\ndef wh48(cs):\n    return ' AND '.join(c.column for c in cs)",
    "from collections import namedtuple\nCr48 = namedtuple('Cr48', ['column', 'value'])\ndef cr48(q):\n    yield Cr48('name', q)\ndef yf48(q):\n    yield from cr48(q)\ndef wh48(cs):\n    return ' AND '.join(c.value for c in cs)",
    # a FastAPI parameter declared a list of numbers (or of texts)
    "from typing import List\nfrom fastapi import FastAPI, Query\nfrom fastapi.responses import HTMLResponse\nFA48 = FastAPI()\n@FA48.get('/li48', response_class=HTMLResponse)\ndef li48(xs: List[int] = Query([])):\n    return '<p>' + ','.join(str(x) for x in xs)",
    "from typing import List\nfrom fastapi import FastAPI, Query\nfrom fastapi.responses import HTMLResponse\nFA48 = FastAPI()\n@FA48.get('/li48', response_class=HTMLResponse)\ndef li48(xs: List[str] = Query([])):\n    return '<p>' + ','.join(str(x) for x in xs)",
    "from pkg.m0 import rg48, po48, yf48, wh48",
    "import os\n@app.route('/rg48')\ndef rg48view():\n    q = request.args['q']\n    os.system('echo ' + str(rg48(q)) + wh48(yf48(q)))\n    po48(request.get_data())\n    return ''",
    # a Flask-WTF file field's upload saved under its own name (or a number field)
    "from flask_wtf import FlaskForm\nfrom flask_wtf.file import FileField\nfrom wtforms import IntegerField\nclass Ff48(FlaskForm):\n    f = FileField('f')\n@app.post('/ff48')\ndef ff48():\n    up = Ff48().f.data\n    up.save('/x/' + up.filename)\n    return ''",
    "from flask_wtf import FlaskForm\nfrom flask_wtf.file import FileField\nfrom wtforms import IntegerField\nclass Ff48(FlaskForm):\n    f = IntegerField('f')\n@app.post('/ff48')\ndef ff48():\n    up = Ff48().f.data\n    up.save('/x/' + up.filename)\n    return ''",
    # a loop that leaves at an element failing a check (or only prints it); a
    # recursive helper converting each element (or not)
    "import re\ndef lg48(*hs):\n    for h in hs:\n        if not re.fullmatch(r'[a-z]+', h):\n            raise ValueError(h)\n    return ' '.join(hs)",
    "import re\ndef lg48(*hs):\n    for h in hs:\n        if not re.fullmatch(r'[a-z]+', h):\n            print(h)\n    return ' '.join(hs)",
    "def rc48(xs, i=0):\n    if i >= len(xs):\n        return ''\n    return str(int(xs[i])) + rc48(xs, i + 1)",
    "def rc48(xs, i=0):\n    if i >= len(xs):\n        return ''\n    return str(xs[i]) + rc48(xs, i + 1)",
    "from pkg.m0 import lg48, rc48",
    "import os\n@app.route('/lg48')\ndef lg48view():\n    q = request.args['q']\n    os.system('echo ' + lg48(q, q) + rc48(q.split(',')))\n    return ''",
    # a hash function bound to a name and called through it (a strong one); a
    # Tornado handler whose base is imported under another name (or a plain class)
    "import hashlib\ndef wh49(q):\n    digest = hashlib.md5\n    return digest(q.encode()).hexdigest()",
    "import hashlib\ndef wh49(q):\n    digest = hashlib.sha256\n    return digest(q.encode()).hexdigest()",
    "import os\nfrom tornado.web import RequestHandler as Rh49\nclass Tb49(Rh49):\n    def get(self):\n        os.system('echo ' + self.get_argument('q'))",
    "import os\nfrom tornado.web import RequestHandler as Rh49\nclass Tb49:\n    def get(self):\n        os.system('echo ' + self.get_argument('q'))",
    "from pkg.m0 import wh49",
    "@app.route('/wh49')\ndef wh49view():\n    return wh49(request.args['q'])",
    # a decorator factory handing the view the body's fields it names (as text; checked)
    "import functools\nfrom pymongo import MongoClient as Mc49\ndef jf49(*names):\n    def deco(view):\n        @functools.wraps(view)\n        def wrapper(*a, **kw):\n            body = request.get_json() or {}\n            for n in names:\n                kw[n] = body[n]\n            return view(*a, **kw)\n        return wrapper\n    return deco\n@app.post('/jf49')\n@jf49('code')\ndef jf49view(code):\n    return str(Mc49()['d']['c'].find_one({'code': code}))",
    "import functools\nfrom pymongo import MongoClient as Mc49\ndef jf49(*names):\n    def deco(view):\n        @functools.wraps(view)\n        def wrapper(*a, **kw):\n            body = request.get_json() or {}\n            for n in names:\n                kw[n] = str(body[n])\n            return view(*a, **kw)\n        return wrapper\n    return deco\n@app.post('/jf49')\n@jf49('code')\ndef jf49view(code):\n    return str(Mc49()['d']['c'].find_one({'code': code}))",
    "import functools\nfrom pymongo import MongoClient as Mc49\ndef jf49(*names):\n    def deco(view):\n        @functools.wraps(view)\n        def wrapper(*a, **kw):\n            body = request.get_json() or {}\n            for n in names:\n                if not isinstance(body.get(n), str):\n                    return ''\n                kw[n] = body[n]\n            return view(*a, **kw)\n        return wrapper\n    return deco\n@app.post('/jf49')\n@jf49('code')\ndef jf49view(code):\n    return str(Mc49()['d']['c'].find_one({'code': code}))",
    # a unit of work whose __enter__ makes the repository (or only opens it); a path's
    # parts and absoluteness checked (or its parts alone); cookie options a helper
    # returns with a module constant; a token decoded with its signature (or without)
    "from sqlalchemy import text as tx49\nclass Rp49:\n    def run(self, n):\n        return tx49(f\"SELECT '{n}'\")\nclass Uw49:\n    def __enter__(self):\n        self.repo = Rp49()\n        return self\n    def __exit__(self, *e):\n        pass\n@app.post('/uw49')\ndef uw49():\n    with Uw49() as uow:\n        return str(uow.repo.run(request.form['n']))",
    "from sqlalchemy import text as tx49\nclass Rp49:\n    def run(self, n):\n        return tx49(\"SELECT :n\").bindparams(n=n)\nclass Uw49:\n    def __enter__(self):\n        self.repo = Rp49()\n        return self\n    def __exit__(self, *e):\n        pass\n@app.post('/uw49')\ndef uw49():\n    with Uw49() as uow:\n        return str(uow.repo.run(request.form['n']))",
    "from pathlib import PurePosixPath as Pp49, Path as Pa49\n@app.get('/pp49')\ndef pp49():\n    c = Pp49(request.args['p'])\n    if c.is_absolute() or '..' in c.parts:\n        return ''\n    return (Pa49('/srv') / c).read_text()",
    "from pathlib import PurePosixPath as Pp49, Path as Pa49\n@app.get('/pp49')\ndef pp49():\n    c = Pp49(request.args['p'])\n    if '..' in c.parts:\n        return ''\n    return (Pa49('/srv') / c).read_text()",
    "from flask import make_response as mr49\nAGE49 = 3600\ndef co49():\n    return {'max_age': AGE49, 'secure': False}\n@app.post('/co49')\ndef co49view():\n    r = mr49('x')\n    r.set_cookie('a', 'b', **co49())\n    return r",
    "from flask import make_response as mr49\nAGE49 = 3600\ndef co49():\n    return {'max_age': AGE49, 'secure': True, 'httponly': True}\n@app.post('/co49')\ndef co49view():\n    r = mr49('x')\n    r.set_cookie('a', 'b', **co49())\n    return r",
    "import jwt as jw49\nfrom flask import session as ss49\n@app.post('/jw49')\ndef jw49():\n    ss49['u'] = jw49.decode(request.form['t'], 'k', algorithms=['HS256'])['sub']\n    return ''",
    "import jwt as jw49\nfrom flask import session as ss49\n@app.post('/jw49')\ndef jw49():\n    ss49['u'] = jw49.decode(request.form['t'], options={'verify_signature': False})['sub']\n    return ''",
    # a Falcon middleware's req.context read in a responder's SQL (bound); a match
    # statement's guard failing into `case _: return` (or no such case)
    "import sqlite3 as sq49\nclass Mw49:\n    def process_request(self, req, resp):\n        req.context.t = req.get_header('T')\nclass Rs49:\n    def on_get(self, req, resp):\n        sq49.connect('d').execute(f\"SELECT '{req.context.t}'\")",
    "import sqlite3 as sq49\nclass Mw49:\n    def process_request(self, req, resp):\n        req.context.t = req.get_header('T')\nclass Rs49:\n    def on_get(self, req, resp):\n        sq49.connect('d').execute('SELECT ?', (req.context.t,))",
    "import re\nfrom flask import session as ss49m\n@app.post('/mt49')\ndef mt49():\n    match request.get_json():\n        case {'s': str(s)} if re.fullmatch(r'[A-Z]{3}', s):\n            pass\n        case _:\n            return ''\n    ss49m['s'] = s\n    return ''",
    "import re\nfrom flask import session as ss49m\n@app.post('/mt49')\ndef mt49():\n    match request.get_json():\n        case {'s': str(s)} if re.fullmatch(r'[A-Z]{3}', s):\n            pass\n    ss49m['s'] = s\n    return ''",
    # a route publishing to Kafka and the module's consumer running a shell (a list)
    "import json\nimport subprocess\nfrom aiokafka import AIOKafkaConsumer as Kc49\nPR49 = {}\n@app.post('/kc49')\nasync def kc49():\n    await PR49['p'].send_and_wait('t', json.dumps(request.get_json()).encode())\n    return ''\nasync def kc49run():\n    async for r in Kc49('t'):\n        subprocess.run('x ' + json.loads(r.value)['n'], shell=True)",
    "import json\nimport subprocess\nfrom aiokafka import AIOKafkaConsumer as Kc49\nPR49 = {}\n@app.post('/kc49')\nasync def kc49():\n    await PR49['p'].send_and_wait('t', json.dumps(request.get_json()).encode())\n    return ''\nasync def kc49run():\n    async for r in Kc49('t'):\n        subprocess.run(['x', str(json.loads(r.value)['n'])])",
    # a lambda a factory returns, keeping the request's body it read, in a reduce (raw against text)
    "from functools import reduce as rd50\nfrom pymongo import MongoClient as Mc50\nSR50 = ('a', 'b')\ndef ho50(body):\n    return lambda acc, f: {**acc, f: body[f]}\n@app.post('/ho50')\ndef ho50view():\n    body = request.get_json()\n    return str(Mc50()['d']['c'].find(rd50(ho50(body), filter(lambda f: f in body, SR50), {})))",
    "from functools import reduce as rd50\nfrom pymongo import MongoClient as Mc50\nSR50 = ('a', 'b')\ndef ho50(body):\n    return lambda acc, f: {**acc, f: str(body[f])}\n@app.post('/ho50')\ndef ho50view():\n    body = request.get_json()\n    return str(Mc50()['d']['c'].find(rd50(ho50(body), filter(lambda f: f in body, SR50), {})))",
    # a pipeline of library functions a lambda captured (pickle against json)
    "import pickle, json\nfrom functools import reduce as rd50p\ndef pl50(*steps):\n    return lambda d: rd50p(lambda a, s: s(a), steps, d)\nDC50 = pl50(str.encode, pickle.loads)\n@app.get('/pl50')\ndef pl50view():\n    return str(DC50(request.cookies['c']))",
    "import pickle, json\nfrom functools import reduce as rd50p\ndef pl50(*steps):\n    return lambda d: rd50p(lambda a, s: s(a), steps, d)\nDC50 = pl50(str.encode, json.loads)\n@app.get('/pl50')\ndef pl50view():\n    return str(DC50(request.cookies['c']))",
    # a lambda reading the request handed to a helper's *getters (against a constant)
    "from flask import redirect as rr50\ndef ft50(*getters, default):\n    return next(filter(None, (g() for g in getters)), default)\n@app.post('/ft50')\ndef ft50view():\n    return rr50(ft50(lambda: request.form.get('n'), default='/'))",
    "from flask import redirect as rr50\ndef ft50(*getters, default):\n    return next(filter(None, (g() for g in getters)), default)\n@app.post('/ft50')\ndef ft50view():\n    return rr50(ft50(lambda: '/home', default='/'))",
    # a table of coercers holding a factory's lambda (one keeps text, against numbers only)
    "from flask import session as ss50\ndef cl50(lo, hi):\n    return lambda raw: max(lo, min(hi, int(raw)))\ndef tr50(raw):\n    return raw.strip()\nTB50 = {'a': cl50(1, 9), 'b': tr50}\n@app.post('/tb50')\ndef tb50():\n    for k, c in TB50.items():\n        ss50[k] = c(request.form[k])\n    return ''",
    "from flask import session as ss50\ndef cl50(lo, hi):\n    return lambda raw: max(lo, min(hi, int(raw)))\ndef tr50(raw):\n    return raw.strip()\nTB50 = {'a': cl50(1, 9), 'b': cl50(2, 8)}\n@app.post('/tb50')\ndef tb50():\n    for k, c in TB50.items():\n        ss50[k] = c(request.form[k])\n    return ''",
    # a dict comprehension's keys, and a Counter's in pairs (raw against escaped)
    "@app.get('/dc50')\ndef dc50():\n    return ''.join(f'<i>{t}</i>' for t in {t: 1 for t in request.args['t'].split(',')})",
    "import html\n@app.get('/dc50')\ndef dc50():\n    return ''.join(f'<i>{t}</i>' for t in {html.escape(t): 1 for t in request.args['t'].split(',')})",
    "from collections import Counter as Ct50\nfrom itertools import islice as is50\n@app.get('/cn50')\ndef cn50():\n    return ''.join(f'<i>{t}{n}</i>' for t, n in is50(sorted(Ct50(request.args['t'].split(',')).items()), 9))",
    "import html\nfrom collections import Counter as Ct50\nfrom itertools import islice as is50\n@app.get('/cn50')\ndef cn50():\n    return ''.join(f'<i>{html.escape(t)}{n}</i>' for t, n in is50(sorted(Ct50(request.args['t'].split(',')).items()), 9))",
    # a list of functions made here handed to a helper calling them in turn (declared fields against a raw body)
    "from pydantic import BaseModel as Bm50\nfrom pymongo import MongoClient as Mc50l\nclass Fl50(Bm50):\n    a: str = ''\ndef sc50(t):\n    return lambda q: {**q, 't': t}\ndef la50(q, fs):\n    for f in fs:\n        q = f(q)\n    return q\n@app.post('/la50')\ndef la50view():\n    q = la50(Fl50(**request.get_json()).model_dump(), [sc50('x')])\n    return str(Mc50l()['d']['c'].find(q))",
    "from pydantic import BaseModel as Bm50\nfrom pymongo import MongoClient as Mc50l\nclass Fl50(Bm50):\n    a: str = ''\ndef sc50(t):\n    return lambda q: {**q, 't': t}\ndef la50(q, fs):\n    for f in fs:\n        q = f(q)\n    return q\n@app.post('/la50')\ndef la50view():\n    q = la50(request.get_json(), [sc50('x')])\n    return str(Mc50l()['d']['c'].find(q))",
    # a class attribute made by a library call and read through attributes (raw against text)
    "from pymongo import MongoClient as Mc50c\nclass Cv50:\n    coll = Mc50c('u').d.t\n    def post(self):\n        return str(self.coll.find({'a': request.get_json().get('a')}))\n@app.post('/cv50')\ndef cv50():\n    return Cv50().post()",
    "from pymongo import MongoClient as Mc50c\nclass Cv50:\n    coll = Mc50c('u').d.t\n    def post(self):\n        return str(self.coll.find({'a': str(request.get_json().get('a'))}))\n@app.post('/cv50')\ndef cv50():\n    return Cv50().post()",
    # a classmethod called on a table's class (a shell against an argument list)
    "import subprocess as sp50\nclass Pb50:\n    def __init__(self, t):\n        self.t = t\n    @classmethod\n    def make(cls, p):\n        return cls(p.get('t'))\n    def run(self):\n        return sp50.run(self.cmd(), shell=True)\nclass Pg50(Pb50):\n    def cmd(self):\n        return 'ping ' + self.t\nclass Tr50(Pb50):\n    def cmd(self):\n        return 'tr ' + self.t\nPT50 = {'p': Pg50, 't': Tr50}\n@app.post('/pt50/<k>')\ndef pt50(k):\n    return str(PT50.get(k).make(request.get_json()).run())",
    "import subprocess as sp50\nclass Pb50:\n    def __init__(self, t):\n        self.t = t\n    @classmethod\n    def make(cls, p):\n        return cls(p.get('t'))\n    def run(self):\n        return sp50.run(['x', self.cmd()])\nclass Pg50(Pb50):\n    def cmd(self):\n        return 'ping ' + self.t\nclass Tr50(Pb50):\n    def cmd(self):\n        return 'tr ' + self.t\nPT50 = {'p': Pg50, 't': Tr50}\n@app.post('/pt50/<k>')\ndef pt50(k):\n    return str(PT50.get(k).make(request.get_json()).run())",
    # a relpath check written inline (against one that checks nothing), a match group's part (an operator against anything)
    "import os\nfrom flask import send_file as sf50\nRT50 = os.path.realpath('/srv')\n@app.get('/rp50')\ndef rp50():\n    c = os.path.realpath(os.path.join(RT50, request.args['f']))\n    if os.path.relpath(c, RT50).startswith('..'):\n        return ''\n    return sf50(c)",
    "import os\nfrom flask import send_file as sf50\nRT50 = os.path.realpath('/srv')\n@app.get('/rp50')\ndef rp50():\n    c = os.path.realpath(os.path.join(RT50, request.args['f']))\n    if os.path.relpath(c, RT50).startswith('/'):\n        return ''\n    return sf50(c)",
    "import re\nimport pandas as pd50\n@app.get('/mg50')\ndef mg50():\n    m = re.fullmatch(r'(<|>|==)(\\d+)', request.args['w'])\n    if m is None:\n        return ''\n    return str(len(pd50.DataFrame().query('a ' + m.group(1) + ' 1')))",
    "import re\nimport pandas as pd50\n@app.get('/mg50')\ndef mg50():\n    m = re.fullmatch(r'(.+)(\\d+)', request.args['w'])\n    if m is None:\n        return ''\n    return str(len(pd50.DataFrame().query('a ' + m.group(1) + ' 1')))",
    # a base class gaining a setter (a shell) and losing it, the subclass's store in its module or another
    "import os\nclass Bs50:\n    @property\n    def v(self):\n        return ''\n    @v.setter\n    def v(self, x):\n        os.system(x)",
    "class Bs50:\n    v = ''",
    "from pkg.m0 import Bs50\nclass Sb50(Bs50):\n    pass\n@app.post('/sb50')\ndef sb50():\n    o = Sb50()\n    o.v = request.form['v']\n    return ''",
    "class Sc50(Bs50):\n    pass\n@app.post('/sc50')\ndef sc50():\n    o = Sc50()\n    o.v = request.form['v']\n    return ''",
    # a host check rebinding its parameter to lower case (a subdomain's suffix against any suffix)
    "from urllib.parse import urlparse as up51\nfrom flask import redirect as rd51\ndef hc51(h):\n    if not h:\n        return False\n    h = h.lower()\n    return h == 'example.com' or h.endswith('.example.com')\n@app.get('/hc51')\ndef hc51v():\n    u = request.args['u']\n    p = up51(u)\n    if p.scheme != 'https' or not hc51(p.hostname):\n        u = '/'\n    return rd51(u)",
    "from urllib.parse import urlparse as up51\nfrom flask import redirect as rd51\ndef hc51(h):\n    if not h:\n        return False\n    h = h.lower()\n    return h.endswith('example.com')\n@app.get('/hc51')\ndef hc51v():\n    u = request.args['u']\n    p = up51(u)\n    if p.scheme != 'https' or not hc51(p.hostname):\n        u = '/'\n    return rd51(u)",
    # a loop aborting on an element that fails a check (a pattern without quotes against one with them)
    "import re\nfrom flask import abort as ab51\nfrom lxml import etree as et51\n@app.get('/lp51')\ndef lp51():\n    w = request.args.getlist('e')\n    for e51 in w:\n        if not re.fullmatch(r'[a-z0-9]+', e51):\n            ab51(400)\n    return str(et51.parse('x').xpath(f\"//e[@id='{w[0]}']\"))",
    "import re\nfrom flask import abort as ab51\nfrom lxml import etree as et51\n@app.get('/lp51')\ndef lp51():\n    w = request.args.getlist('e')\n    for e51 in w:\n        if not re.fullmatch(r'[^<>]+', e51):\n            ab51(400)\n    return str(et51.parse('x').xpath(f\"//e[@id='{w[0]}']\"))",
    # a subclass hook filing classes in a table (against one filing nothing), a contextmanager yielding a Session (against a plain object)
    "import subprocess as sp51\nclass Rg51:\n    reg = {}\n    def __init_subclass__(cls, fmt=None, **kw):\n        Rg51.reg[fmt] = cls\n    def __init__(self, s):\n        self.s = s\n    def run(self):\n        return sp51.run('convert ' + self.s, shell=True)\nclass Pn51(Rg51, fmt='png'):\n    pass\n@app.post('/rg51/<f>')\ndef rg51(f):\n    k = Rg51.reg.get(f)\n    return str(k(request.form['s']).run()) if k else ''",
    "import subprocess as sp51\nclass Rg51:\n    reg = {}\n    def __init_subclass__(cls, fmt=None, **kw):\n        pass\n    def __init__(self, s):\n        self.s = s\n    def run(self):\n        return sp51.run('convert ' + self.s, shell=True)\nclass Pn51(Rg51, fmt='png'):\n    pass\n@app.post('/rg51/<f>')\ndef rg51(f):\n    k = Rg51.reg.get(f)\n    return str(k(request.form['s']).run()) if k else ''",
    "import contextlib\nimport requests as rq51\n@contextlib.contextmanager\ndef cm51():\n    s = rq51.Session()\n    try:\n        yield s\n    finally:\n        s.close()\n@app.post('/cm51')\ndef cm51v():\n    with cm51() as s:\n        s.head(request.form['u'])\n    return ''",
    "import contextlib\nclass Nl51:\n    def head(self, u):\n        return u\n@contextlib.contextmanager\ndef cm51():\n    s = Nl51()\n    try:\n        yield s\n    finally:\n        pass\n@app.post('/cm51')\ndef cm51v():\n    with cm51() as s:\n        s.head(request.form['u'])\n    return ''",
    # a helper handing back a method picked by getattr (a shell's against an argument list's), a view's dispatch storing before it returns (raw against a number)
    "import subprocess as sp51\nclass Ac51:\n    def __init__(self, h):\n        self.h = h\n    def act_ping(self):\n        return sp51.run('ping ' + self.h, shell=True)\ndef pick51(a, n):\n    if n not in ('ping',):\n        return None\n    return getattr(a, f'act_{n}')\n@app.post('/ac51/<n>')\ndef ac51(n):\n    return str(pick51(Ac51(request.form['h']), n)())",
    "import subprocess as sp51\nclass Ac51:\n    def __init__(self, h):\n        self.h = h\n    def act_ping(self):\n        return sp51.run(['ping', self.h])\ndef pick51(a, n):\n    if n not in ('ping',):\n        return None\n    return getattr(a, f'act_{n}')\n@app.post('/ac51/<n>')\ndef ac51(n):\n    return str(pick51(Ac51(request.form['h']), n)())",
    "from django.http import JsonResponse as Jr51\nfrom django.views import View as Vw51\nclass Ts51(Vw51):\n    def dispatch(self, request, *a, **k):\n        t = request.POST.get('t')\n        if not t:\n            return Jr51({})\n        self.t = t\n        return super().dispatch(request, *a, **k)\n    def post(self, request, *a, **k):\n        request.session['t'] = self.t\n        return Jr51({})",
    "from django.http import JsonResponse as Jr51\nfrom django.views import View as Vw51\nclass Ts51(Vw51):\n    def dispatch(self, request, *a, **k):\n        t = request.POST.get('t')\n        if not t:\n            return Jr51({})\n        self.t = int(t)\n        return super().dispatch(request, *a, **k)\n    def post(self, request, *a, **k):\n        request.session['t'] = self.t\n        return Jr51({})",
    # a TypedDict built by keywords (the request's key against a constant one in a style)
    "from typing import TypedDict as Td51\nclass Bd51(Td51):\n    name: str\n    role: str\n@app.get('/bd51')\ndef bd51():\n    c = Bd51(name=request.args['n'], role='m')\n    return f'<p style=\"{c[\"name\"]}\">x</p>'",
    "from typing import TypedDict as Td51\nclass Bd51(Td51):\n    name: str\n    role: str\n@app.get('/bd51')\ndef bd51():\n    c = Bd51(name=request.args['n'], role='m')\n    return f'<p style=\"{c[\"role\"]}\">x</p>'",
    # values placed between quotes in a helper, checked in the caller (no quote against any character)
    "import re\nfrom lxml import etree as et51\ndef al51(vs):\n    return ' or '.join(f\"@id='{v}'\" for v in vs)\n@app.get('/al51')\ndef al51v():\n    w = request.args.getlist('e')\n    for e in w:\n        if not re.fullmatch(r'[a-z/.]+', e):\n            return ''\n    return str(et51.parse('x').xpath(f'//e[{al51(w)}]'))",
    "import re\nfrom lxml import etree as et51\ndef al51(vs):\n    return ' or '.join(f\"@id='{v}'\" for v in vs)\n@app.get('/al51')\ndef al51v():\n    w = request.args.getlist('e')\n    for e in w:\n        if not re.fullmatch(r'[^<]+', e):\n            return ''\n    return str(et51.parse('x').xpath(f'//e[{al51(w)}]'))",
    # a ContextVar a hook sets, read in a helper (the request's value against a constant)
    "import re\nfrom contextvars import ContextVar as Cv51\ncq51 = Cv51('q', default='')\n@app.before_request\ndef bq51():\n    cq51.set(request.args.get('q', ''))\ndef pq51():\n    return re.compile(cq51.get())\n@app.get('/cq51')\ndef cq51v():\n    return str(bool(pq51().search('x')))",
    "import re\nfrom contextvars import ContextVar as Cv51\ncq51 = Cv51('q', default='')\n@app.before_request\ndef bq51():\n    cq51.set('news')\ndef pq51():\n    return re.compile(cq51.get())\n@app.get('/cq51')\ndef cq51v():\n    return str(bool(pq51().search('x')))",
    # A pathlib path made in one branch (`with_suffix`) and kept in the other;
    # Motor's Tornado client's collections; an object a helper makes holding a
    # library's connection.
    "from pathlib import Path as Pp52\n@app.get('/pp52')\ndef pp52():\n    c = Pp52('/srv') / request.args['n']\n    if c.suffix != '.md':\n        c = c.with_suffix('.md')\n    return c.read_text()",
    "from pathlib import Path as Pp52\n@app.get('/pp52')\ndef pp52():\n    c = Pp52('/srv') / request.args['n']\n    if c.suffix != '.md':\n        c = c.with_suffix('.md')\n    return c.name",
    "from motor.motor_tornado import MotorClient as Mt52\nmt52 = Mt52().shop.items\n@app.get('/mt52')\nasync def mt52v():\n    return str(await mt52.find({'$where': request.args['w']}).to_list(5))",
    "from motor.motor_tornado import MotorClient as Mt52\nmt52 = Mt52().shop.items\n@app.get('/mt52')\nasync def mt52v():\n    return str(await mt52.find({'w': str(request.args['w'])}).to_list(5))",
    "import sqlite3 as sq52\nclass Rp52:\n    def __init__(self, conn):\n        self.conn = conn\n    def find(self, n):\n        return self.conn.execute(f\"SELECT 1 WHERE n = '{n}'\")\ndef mk52():\n    return Rp52(sq52.connect('x.db'))\n@app.get('/rp52')\ndef rp52():\n    return str(mk52().find(request.args['n']))",
    "import sqlite3 as sq52\nclass Rp52:\n    def __init__(self, conn):\n        self.conn = conn\n    def find(self, n):\n        return self.conn.execute('SELECT 1 WHERE n = ?', (n,))\ndef mk52():\n    return Rp52(sq52.connect('x.db'))\n@app.get('/rp52')\ndef rp52():\n    return str(mk52().find(request.args['n']))",
    # An APScheduler job's arguments; a Celery signature after the first of a chain.
    "import os as os52\nfrom apscheduler.schedulers.background import BackgroundScheduler as Bs52\nbs52 = Bs52()\ndef pj52(h):\n    os52.system('ping ' + h)\n@app.get('/bs52')\ndef bs52v():\n    bs52.add_job(pj52, 'interval', args=[request.args['h']])\n    return ''",
    "import os as os52\nfrom apscheduler.schedulers.background import BackgroundScheduler as Bs52\nbs52 = Bs52()\ndef pj52(h):\n    os52.system('ping ' + h)\n@app.get('/bs52')\ndef bs52v():\n    bs52.add_job(pj52, 'interval', args=['localhost'])\n    return ''",
    "import requests as rq52\nfrom celery import Celery as Cy52, chain as ch52\ncy52 = Cy52('x')\n@cy52.task\ndef b52(i):\n    return {'i': i}\n@cy52.task\ndef d52(p, u):\n    rq52.post(u, json=p)\n@app.get('/cy52')\ndef cy52v():\n    ch52(b52.s(1), d52.s(request.args['u'])).apply_async()\n    return ''",
    "import requests as rq52\nfrom celery import Celery as Cy52, chain as ch52\ncy52 = Cy52('x')\n@cy52.task\ndef b52(i):\n    return {'i': i}\n@cy52.task\ndef d52(p, u):\n    rq52.post('https://h.example.com/x', json={'u': u})\n@app.get('/cy52')\ndef cy52v():\n    ch52(b52.s(1), d52.s(request.args['u'])).apply_async()\n    return ''",
    # A helper's join starting again at an absolute piece the caller only proved
    # climbs no directory; a punq container's object of a class.
    "import os as oj52\nfrom flask import send_file as sf52\ndef aj52(n):\n    return oj52.path.join('/srv', n)\n@app.get('/aj52')\ndef aj52v():\n    n = request.args['n']\n    if '..' in n:\n        return ''\n    return sf52(aj52(n))",
    "import os as oj52\nfrom flask import send_file as sf52\ndef aj52(n):\n    return oj52.path.join('/srv', n)\n@app.get('/aj52')\ndef aj52v():\n    n = request.args['n']\n    if '..' in n or n.startswith('/'):\n        return ''\n    return sf52(aj52(n))",
    "import punq as pq52\nimport os as op52\nclass Rs52:\n    def show(self, n):\n        return f'<b>{n}</b>'\npc52 = pq52.Container()\n@app.get('/pq52')\ndef pq52v():\n    return pc52.resolve(Rs52).show(request.args['n'])",
    "import punq as pq52\nimport os as op52\nclass Rs52:\n    def show(self, n):\n        return f'<b>{len(n)}</b>'\npc52 = pq52.Container()\n@app.get('/pq52')\ndef pq52v():\n    return pc52.resolve(Rs52).show(request.args['n'])",
    # A host proven made of a host name's characters and under the code's domain;
    # a class letting `/` through proves no host.
    "import re as re53\nimport requests as rq53\ndef hk53(h):\n    if not re53.fullmatch(r'[a-z0-9.-]+', h):\n        return False\n    return h.endswith('.corp.example.com')\n@app.get('/hk53')\ndef hk53v():\n    h = request.args['h']\n    if not hk53(h):\n        return ''\n    return rq53.get(f'https://{h}/x').text",
    "import re as re53\nimport requests as rq53\ndef hk53(h):\n    if not re53.fullmatch(r'[a-z0-9./-]+', h):\n        return False\n    return h.endswith('.corp.example.com')\n@app.get('/hk53')\ndef hk53v():\n    h = request.args['h']\n    if not hk53(h):\n        return ''\n    return rq53.get(f'https://{h}/x').text",
    # A builder's list of clauses, returned inside the filter by another method.
    "from pymongo import MongoClient as Mc53\nco53 = Mc53()['d']['c']\nclass Of53:\n    def __init__(self):\n        self.cl = [{'m': 1}]\n    def where(self, v):\n        self.cl.append({'s': v})\n        return self\n    def build(self):\n        return {'$and': self.cl}\n@app.post('/of53')\ndef of53v():\n    return str(co53.find(Of53().where((request.get_json() or {}).get('s')).build()))",
    "from pymongo import MongoClient as Mc53\nco53 = Mc53()['d']['c']\nclass Of53:\n    def __init__(self):\n        self.cl = [{'m': 1}]\n    def where(self, v):\n        self.cl.append({'s': v})\n        return self\n    def build(self):\n        return {'$and': self.cl}\n@app.post('/of53')\ndef of53v():\n    return str(co53.find(Of53().where(str((request.get_json() or {}).get('s'))).build()))",
    # A class handed to an object as a value, or as a parameter's default.
    "import sqlite3 as sq53\nclass Rp53:\n    def __init__(self):\n        self.c = sq53.connect('x')\n    def find(self, s):\n        return self.c.execute(f\"SELECT 1 WHERE s = '{s}'\")\nclass Sv53:\n    def __init__(self, factory=Rp53):\n        self.factory = factory\n    def run(self, s):\n        return self.factory().find(s)\nsv53 = Sv53()\n@app.get('/sv53')\ndef sv53v():\n    return str(len(list(sv53.run(request.args['s']))))",
    "import sqlite3 as sq53\nclass Rp53:\n    def __init__(self):\n        self.c = sq53.connect('x')\n    def find(self, s):\n        return self.c.execute('SELECT 1 WHERE s = ?', (s,))\nclass Sv53:\n    def __init__(self, factory=Rp53):\n        self.factory = factory\n    def run(self, s):\n        return self.factory().find(s)\nsv53 = Sv53()\n@app.get('/sv53')\ndef sv53v():\n    return str(len(list(sv53.run(request.args['s']))))",
    "import sqlite3 as sq53\nclass Rp53:\n    def __init__(self):\n        self.c = sq53.connect('x')\n    def find(self, s):\n        return self.c.execute(f\"SELECT 1 WHERE s = '{s}'\")\nclass Sv53:\n    def __init__(self, factory):\n        self.factory = factory\n    def run(self, s):\n        return self.factory().find(s)\nsv53 = Sv53(Rp53)\n@app.get('/sv53')\ndef sv53v():\n    return str(len(list(sv53.run(request.args['s']))))",
    # A list of a nested model's objects; a path's parts tested where it is split.
    "from typing import List, Literal\nfrom pydantic import BaseModel as Bm53\nfrom fastapi import FastAPI as Fa53\nimport pandas as pd53\nfa53 = Fa53()\nclass Nm53(Bm53):\n    name: Literal['a', 'b']\nclass Rq53(Bm53):\n    ms: List[Nm53]\n@fa53.post('/nm53')\ndef nm53v(req: Rq53):\n    for m in req.ms:\n        pd53.DataFrame().eval(m.name)\n    return {}",
    "from typing import List, Literal\nfrom pydantic import BaseModel as Bm53\nfrom fastapi import FastAPI as Fa53\nimport pandas as pd53\nfa53 = Fa53()\nclass Nm53(Bm53):\n    name: str\nclass Rq53(Bm53):\n    ms: List[Nm53]\n@fa53.post('/nm53')\ndef nm53v(req: Rq53):\n    for m in req.ms:\n        pd53.DataFrame().eval(m.name)\n    return {}",
    "import os as op53\nfrom pathlib import PurePosixPath as Pp53\nfrom flask import send_file as sf53p\n@app.get('/pp53')\ndef pp53v():\n    p = request.args['p']\n    if not p.endswith('.html'):\n        p += '.html'\n    if p.startswith('/') or '..' in Pp53(p).parts:\n        return ''\n    return sf53p(op53.path.join('/srv', p))",
    "import os as op53\nfrom pathlib import PurePosixPath as Pp53\nfrom flask import send_file as sf53p\n@app.get('/pp53')\ndef pp53v():\n    p = request.args['p']\n    q = p\n    if not p.endswith('.html'):\n        p += '.html'\n    if q.startswith('/') or '..' in Pp53(q).parts:\n        return ''\n    return sf53p(op53.path.join('/srv', p))",
    # A cache or a class's table read through a helper or a classmethod; a Falcon
    # resource's constructor; a folder handed to a helper checking members against it.
    "from flask_caching import Cache as Ca53\nca53 = Ca53(app)\n@app.post('/ca53')\ndef ca53s():\n    ca53.set('b53', request.form['m'])\n    return ''\ndef ca53h():\n    return f\"<i>{ca53.get('b53')}</i>\"\n@app.get('/ca53')\ndef ca53v():\n    return '<p>' + ca53h()",
    "from flask_caching import Cache as Ca53\nca53 = Ca53(app)\n@app.post('/ca53')\ndef ca53s():\n    ca53.set('b53', request.form['m'])\n    return ''\ndef ca53h():\n    return f\"<i>{len(ca53.get('b53') or '')}</i>\"\n@app.get('/ca53')\ndef ca53v():\n    return '<p>' + ca53h()",
    "import os as oc53\nfrom flask import send_file as sc53\nclass Tr53:\n    active = {}\n    @classmethod\n    def css(cls, k):\n        return cls.active.get(k, 'a.css')\n@app.put('/tr53/<int:k>')\ndef tr53s(k):\n    Tr53.active[k] = request.form['n']\n    return ''\n@app.get('/tr53/<int:k>')\ndef tr53v(k):\n    return sc53(oc53.path.join('/srv', Tr53.css(k)))",
    "import os as oc53\nfrom flask import send_file as sc53\nclass Tr53:\n    active = {}\n    @classmethod\n    def css(cls, k):\n        return cls.active.get(k, 'a.css')\n@app.put('/tr53/<int:k>')\ndef tr53s(k):\n    Tr53.active[k] = request.form['n']\n    return ''\n@app.get('/tr53/<int:k>')\ndef tr53v(k):\n    return sc53(oc53.path.join('/srv', oc53.path.basename(Tr53.css(k))))",
    "import falcon as fl53\nfrom pymongo import MongoClient as Mc53r\nclass Rs53:\n    def __init__(self, url):\n        self.t = Mc53r(url).d.t\n    def on_post(self, req, resp):\n        resp.media = list(self.t.find({'a': (req.get_media() or {}).get('a')}))\nfl53.App().add_route('/rs53', Rs53('m'))",
    "import falcon as fl53\nfrom pymongo import MongoClient as Mc53r\nclass Rs53:\n    def __init__(self, url):\n        self.t = Mc53r(url).d.t\n    def on_post(self, req, resp):\n        resp.media = list(self.t.find({'a': str((req.get_media() or {}).get('a'))}))\nfl53.App().add_route('/rs53', Rs53('m'))",
    "import os as oz53\ndef ez53(names, dest):\n    root = oz53.path.realpath(dest)\n    for n in names:\n        t = oz53.path.realpath(oz53.path.join(root, n))\n        if not t.startswith(root + oz53.sep):\n            raise ValueError(n)\n        open(t, 'wb').close()\n@app.post('/ez53')\ndef ez53v():\n    ez53(request.form.getlist('n'), oz53.environ.get('ROOT', '/srv'))\n    return ''",
    "import os as oz53\ndef ez53(names, dest):\n    root = oz53.path.realpath(dest)\n    for n in names:\n        t = oz53.path.realpath(oz53.path.join(root, n))\n        if not t.startswith(root + oz53.sep):\n            raise ValueError(n)\n        open(t, 'wb').close()\n@app.post('/ez53')\ndef ez53v():\n    ez53(request.form.getlist('n'), request.form['d'])\n    return ''",
    "from typing import Any, Dict\nfrom fastapi import Body as By54, FastAPI as Fa54\nfrom pymongo import MongoClient as Mc54\nfa54 = Fa54()\nco54 = Mc54()['d']['c']\nclass Fb54:\n    F = ('a', 'b')\n    def __init__(self):\n        self.cr = {}\n    def add(self, f, v):\n        if v is None:\n            return self\n        self.cr[f] = v\n        return self\n@fa54.post('/fb54')\ndef fb54v(body: Dict[str, Any] = By54(...)):\n    b = Fb54()\n    for f in Fb54.F:\n        b.add(f, body.get(f))\n    return str(co54.find_one(dict(b.cr)))",
    "from typing import Any, Dict\nfrom fastapi import Body as By54, FastAPI as Fa54\nfrom pymongo import MongoClient as Mc54\nfa54 = Fa54()\nco54 = Mc54()['d']['c']\nclass Fb54:\n    F = ('a', 'b')\n    def __init__(self):\n        self.cr = {}\n    def add(self, f, v):\n        if v is None:\n            return self\n        self.cr[f] = v\n        return self\n@fa54.post('/fb54')\ndef fb54v(body: Dict[str, Any] = By54(...)):\n    b = Fb54()\n    for f in Fb54.F:\n        b.add(f, str(body.get(f)))\n    return str(co54.find_one(dict(b.cr)))",
    "from flask import session as ss54\ndef tg54(r):\n    return 'web:' + r\n@app.get('/tg54')\ndef tg54v():\n    ss54['c'] = tg54(request.args['r']).partition(':')[0]\n    return ''",
    "from flask import session as ss54\ndef tg54(r):\n    return 'web:' + r\n@app.get('/tg54')\ndef tg54v():\n    ss54['c'] = tg54(request.args['r']).partition(':')[2]\n    return ''",
    "FL54 = 'off'\n@app.get('/fl54')\ndef fl54v():\n    e = '1 + 1'\n    c = request.args.get('e')\n    if c and FL54 == 'on':\n        e = c\n    return str(eval(e))",
    "FL54 = 'on'\n@app.get('/fl54')\ndef fl54v():\n    e = '1 + 1'\n    c = request.args.get('e')\n    if c and FL54 == 'on':\n        e = c\n    return str(eval(e))",
    "from http.server import BaseHTTPRequestHandler as Bh54\nfrom urllib.parse import parse_qs as pq54, urlparse as up54\nimport requests as rq54\nclass Ah54(Bh54):\n    def do_GET(self):\n        if not self.path.startswith('/avatar'):\n            return\n        rq54.get(pq54(up54(self.path).query)['s'][0])",
    "from http.server import BaseHTTPRequestHandler as Bh54\nfrom urllib.parse import parse_qs as pq54, urlparse as up54\nimport requests as rq54\nclass Ah54(Bh54):\n    def do_GET(self):\n        if not self.path.startswith('/avatar'):\n            return\n        rq54.get('https://cdn.example.com/' + pq54(up54(self.path).query)['s'][0])",
    "import os as ok54\ndef mk54(b):\n    def st():\n        return f'git log {b}'\n    return st\ndef ra54(steps):\n    for s in steps:\n        ok54.system(s())\n@app.get('/mk54')\ndef mk54v():\n    steps = [mk54(request.args['b'])]\n    if request.args.get('x'):\n        steps.append(mk54('main'))\n    ra54(steps)\n    return ''",
    "import os as ok54\ndef mk54(b):\n    def st():\n        return f'git log {b}'\n    return st\ndef ra54(steps):\n    for s in steps:\n        ok54.system(s())\n@app.get('/mk54')\ndef mk54v():\n    steps = [mk54('main')]\n    if request.args.get('x'):\n        steps.append(mk54('dev'))\n    ra54(steps)\n    return ''",
    "import os as ot54\nimport threading as th54\nclass Rn54:\n    def go(self, n):\n        ot54.system('convert ' + n)\nrn54 = Rn54()\n@app.post('/rn54')\ndef rn54v():\n    th54.Thread(target=rn54.go, args=(request.form['n'],)).start()\n    return ''",
    "import os as ot54\nimport threading as th54\nclass Rn54:\n    def go(self, n):\n        ot54.system('convert in.png')\nrn54 = Rn54()\n@app.post('/rn54')\ndef rn54v():\n    th54.Thread(target=rn54.go, args=(request.form['n'],)).start()\n    return ''",
    "from flask import Response as Rs54\nclass Us54(Exception):\n    def __init__(self, s):\n        super().__init__('x')\n        self.s = s\n@app.errorhandler(Us54)\ndef us54h(err):\n    return Rs54(f'<p>{err.s}</p>', mimetype='text/html')\n@app.get('/us54')\ndef us54v():\n    raise Us54(request.args.get('s', ''))",
    "from flask import Response as Rs54\nfrom markupsafe import escape as es54\nclass Us54(Exception):\n    def __init__(self, s):\n        super().__init__('x')\n        self.s = s\n@app.errorhandler(Us54)\ndef us54h(err):\n    return Rs54(f'<p>{es54(err.s)}</p>', mimetype='text/html')\n@app.get('/us54')\ndef us54v():\n    raise Us54(request.args.get('s', ''))",
    "from django.http import HttpResponse as Hr54\nfrom django.views.generic.edit import UpdateView as Uv54\nclass Pk54(Uv54):\n    def form_valid(self, form):\n        c = form.save(commit=False)\n        return Hr54(f'<a id=\"c-{c.pk}\"></a>')",
    "from django.http import HttpResponse as Hr54\nfrom django.views.generic.edit import UpdateView as Uv54\nclass Pk54(Uv54):\n    def form_valid(self, form):\n        c = form.save(commit=False)\n        return Hr54(f'<a>{c.body}</a>')",
]


@st.composite
def py_module(draw: st.DrawFn, init: bool = False) -> str:
    lines = list(draw(st.lists(st.sampled_from(PY_IMPORTS), max_size=3)))
    if init:
        lines += draw(
            st.lists(st.sampled_from(["__all__ = ['f', 'A']", "def g():\n    pass"]), max_size=1)
        )
        return "\n".join(lines) + "\n"
    for name in draw(st.lists(st.sampled_from(PY_NAMES), max_size=3, unique=True)):
        if name.islower():
            params = draw(st.sampled_from(PY_PARAMS))
            returns = draw(st.sampled_from(PY_RETURNS))
            body = draw(st.lists(st.sampled_from(PY_STMTS), min_size=1, max_size=3))
            if params and draw(st.booleans()):
                # A helper: its parameter reaches its return, or a sink.
                body.insert(0, draw(st.sampled_from(["v = a", "os.system(a)", "return a"])))
            lines.append(f"def {name}({params}){returns}:")
            lines += ["    " + s for s in body]
            if draw(st.booleans()):
                lines += ["    def inner():", "        f()", "    inner()"]
        else:
            base = draw(st.sampled_from(PY_BASES))
            lines.append(f"class {name}({base}):" if base else f"class {name}:")
            field = draw(st.sampled_from(PY_FIELDS))
            if field:
                lines.append(field)
            for meth in draw(
                st.lists(
                    st.sampled_from(["run", "stop", "__init__"]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            ):
                body = draw(st.lists(st.sampled_from(PY_METHOD_STMTS), min_size=1, max_size=3))
                lines.append(f"    def {meth}(self):")
                lines += ["        " + s for s in body]
    lines += draw(
        st.lists(
            st.sampled_from(["f()", "obj = A()", "obj.run()", "v = 'constant'", "eval(v)"]),
            max_size=2,
        )
    )
    return "\n".join(lines) + "\n"


# --- TypeScript projects --------------------------------------------------------------

TS_MODS = ["m0", "m1", "m2"]
TS_IMPORTS = (
    [f"import {{ {n} }} from './{m}';" for m in TS_MODS for n in ("f", "g", "A", "B", "I")]
    + [f"import * as {m} from './{m}';" for m in TS_MODS]
    + [f"import D from './{m}';" for m in TS_MODS]
    + [f"export * from './{m}';" for m in TS_MODS]
    + [f"export {{ f as g }} from './{m}';" for m in TS_MODS]
    + ["import { f } from './index';", "import { A } from './missing';", "import fs from 'fs';"]
    + ["const m9 = require('./m0');", "import { h } from './m1';"]
    + ["import session from 'express-session';", "const _ = require('lodash');"]
    + ["import { find } from './m0';", "import { Repo } from './m1';"]
)
TS_STMTS = [
    "f();",
    "g();",
    "new A();",
    "new B().run();",
    "const x = new A();",
    "x.run();",
    "m0.f();",
    "new m1.A();",
    "D();",
    "a.run();",
    "f().stop();",
    "const y: B = g(); y.run();",
    "h();",
    "m0.obj.run();",
    "g(A);",
    # DOM taint across files: the page's URL into a helper, out of one, into HTML.
    "document.body.innerHTML = a;",
    "f(location.hash);",
    "document.write(g());",
    "return location.search;",
    "const mp = new Map(); mp.set('k', a); document.write(mp.get('k'));",
]
TS_METHOD_STMTS = [
    *TS_STMTS,
    "this.run();",
    "this.stop();",
    "super.run();",
    "this.dep.run();",
    "this.typed.stop();",
    "this.typed.dep.run();",
]
#: Declared types: parameters (classes and an interface), JSDoc and annotated returns,
#: class fields, and the interface's bases and members.
TS_PARAMS = ["", "a", "a, b", "a: A", "a: B | null", "a: I", "a: m0.A"]
TS_RETURNS = ["", ": A", ": B", "/** @returns {A} */ ", "/** @returns {B} */ "]
TS_FIELDS = ["", "typed: A;", "typed: I;", "/** @type {B} */ typed;", "typed?: m1.B;"]
TS_INTERFACES = [
    "interface I { run(): void; dep: A; }",
    "interface I extends A { stop(): void; }",
    "interface I extends B { dep: B; }",
]
#: One top-level statement inserted into a module (see PY_BLOCKS).
TS_BLOCKS = [
    "export function h() { f(); }",
    "function f() { g(); }",
    "export class C extends A { run() { this.stop(); } }",
    "export * from './m1';",
    "export * from './m2';",
    "export { f } from './m0';",
    "export { A as B } from './m1';",
    "export { h as g } from './index';",
    "export default g;",
    "export const obj = new B();",
    "import { h } from './m0';",
    # an Express request destructured (a source), or not followed by `res` (none)
    "export const route = ({ query }, res) => { document.write(query.q); };",
    "export const other = ({ query }, out) => { document.write(query.q); };",
    "export function handle(req, res) { const { query } = req; f(query.q); }",
    # a NestJS DTO whose field is (or is not) validated as a number, here or
    # imported, and a route reading it; a pipe that converts a parameter
    "export class M { @IsInt() n: number; }",
    "export class M { n: number; }",
    "import { M } from './m0';",
    "export class P { @Post('s') s(@Body() dto: M) { document.write(dto.n); } }",
    "export class Q { @Get(':n') q(@Param('n', ParseIntPipe) n: number) { eval(n); } }",
    # a pipe of the workspace that checks a parameter (or only trims it), here or imported
    "export class Sp38 { transform(v: string) { if (!/^[a-z]+$/.test(v)) { throw new Error('x'); } return v; } }",
    "export class Sp38 { transform(v: string) { return String(v).trim(); } }",
    "import { Sp38 } from './m0';",
    "export class Sr38 { @Get(':s') s(@Param('s', Sp38) s: string) { eval(s); } }",
    # a controller's method handed to a route by reference, on the module's one object
    # of its class, whose repository (here or imported) builds a query (or binds it)
    "export class Rp39 { q(s) { return db.query(`SELECT ${s}`); } }",
    "export class Rp39 { q(s) { return db.query('SELECT $1', [s]); } }",
    "import { Rp39 } from './m0';",
    "class Ct39 { constructor(r) { this.r = r; } find(req, res) { res.json(this.r.q(req.query.s)); } }\nconst ct39 = new Ct39(new Rp39());\napp.get('/ct39', ct39.find);",
    # a session item one handler stores (checked or not) and another redirects to
    "app.get('/ss40a', (req: any, res: any) => { req.session.ss40 = req.query.r; res.end(); });",
    "app.get('/ss40a', (req: any, res: any) => { req.session.ss40 = ['/a'].includes(req.query.r) ? req.query.r : '/'; res.end(); });",
    "app.get('/ss40b', (req: any, res: any) => { res.redirect(req.session.ss40 || '/'); });",
    # a service making its repository when none is passed, here or imported
    "class Sv40 { constructor(r) { this.r = r ?? new Rp39(); } go(s) { return this.r.q(s); } }\nconst sv40 = new Sv40();\napp.get('/sv40', (req: any, res: any) => res.json(sv40.go(req.query.s)));",
    # URI-encoded text in a script's string (single or double quotes)
    "app.get('/ue40', (req: any, res: any) => res.send(`<script>var u = '${encodeURIComponent(String(req.query.q))}';</script>`));",
    "app.get('/ue40', (req: any, res: any) => res.send(`<script>var u = \"${encodeURIComponent(String(req.query.q))}\";</script>`));",
    # a factory (here or imported) returning functions that capture the client it is
    # handed, querying with the text (or a parameter)
    "export function mk41(db) { return { find(s) { return db.query(`SELECT ${s}`); } }; }",
    "export function mk41(db) { return { find(s) { return db.query('SELECT $1', [s]); } }; }",
    "import { mk41 } from './m0';",
    "const sv41 = mk41(db);\napp.get('/mk41', async (req: any, res: any) => res.json(await sv41.find(req.query.s)));",
    # a DTO (here or imported) whose field a validator makes text (or none does),
    # handed to a helper that builds a NoSQL filter of it
    "export class Dt42 { @IsEmail() e!: string; }",
    "export class Dt42 { e!: string; }",
    "import { Dt42 } from './m0';",
    "import { model } from 'mongoose';\nconst Md42 = model('d', {});\nexport class Ct42 { q(d: Dt42) { return Md42.find({ e: d.e }); } @Post('dt42') go(@Body(new ValidationPipe()) d: Dt42) { return this.q(d); } }",
    # an ES5 constructor function (here or imported) keeping a library's client,
    # its prototype's method searching with the text (or a number)
    "const ldap = require('ldapjs');\nexport function Pd42(u) { this.c = ldap.createClient({ url: u }); }\nPd42.prototype.f = function (n) { this.c.search('o', { filter: `(cn=${n})` }); };",
    "const ldap = require('ldapjs');\nexport function Pd42(u) { this.c = ldap.createClient({ url: u }); }\nPd42.prototype.f = function (n) { this.c.search('o', { filter: `(cn=${Number(n)})` }); };",
    "import { Pd42 } from './m0';",
    "const pd42 = new Pd42('x');\napp.get('/pd42', (req: any, res: any) => { pd42.f(req.query.n); res.end(); });",
    # React state an effect sets (to the page's URL, or a constant), rendered as HTML
    "import { useEffect, useState } from 'react';\nexport function Fl42() { const [f, setF] = useState(''); useEffect(() => { setF(location.hash); }, []); return <div dangerouslySetInnerHTML={{ __html: f }} />; }",
    "import { useEffect, useState } from 'react';\nexport function Fl42() { const [f, setF] = useState(''); useEffect(() => { setF('x'); }, []); return <div dangerouslySetInnerHTML={{ __html: f }} />; }",
    # a tRPC procedure whose zod schema (here or imported) makes a field an enum (or text)
    "export const Tr42 = z.object({ f: z.enum(['zip', 'tar']) });",
    "export const Tr42 = z.object({ f: z.string() });",
    "import { Tr42 } from './m0';",
    "import { initTRPC } from '@trpc/server';\nconst tr42 = initTRPC.create();\nexport const tr42r = tr42.router({ a: tr42.procedure.input(Tr42).mutation(({ input }) => { exec(`tar -${input.f}`); }) });",
    # a parser class (here or imported) keeping its options, held by a service
    # the module makes with a parser resolving entities
    "import libxmljs from 'libxmljs';\nexport class Np43 { constructor(private o: any) {} parse(x: string) { return libxmljs.parseXml(x, this.o); } }",
    "import libxmljs from 'libxmljs';\nexport class Np43 { constructor(private o: any) {} parse(x: string) { return libxmljs.parseXml(x, {}); } }",
    "import { Np43 } from './m0';",
    "class Ns43 { constructor(private p: any) {} go(x: string) { return this.p.parse(x); } }\nconst NS43 = new Ns43(new Np43({ noent: true }));\napp.post('/ns43', (req: any, res: any) => { res.json(NS43.go(req.body)); });",
    # a part of what qs parsed in a NoSQL filter; p-map running a function on
    # each file name a request sent
    "import qs from 'qs';\nimport { MongoClient } from 'mongodb';\nconst qs43 = new MongoClient('m').db('d').collection('c');\napp.get('/qs43', async (req: any, res: any) => { const p = qs.parse(String(req.query.s)); res.json(await qs43.findOne({ t: p.t })); });",
    "import pMap from 'p-map';\nimport fs from 'fs';\napp.post('/pm43', async (req: any, res: any) => { await pMap(req.body.f, (n: string) => fs.promises.readFile('/srv/' + n)); res.end(); });",
    # a Vue component whose template binds state a hook set from the page's URL
    # with v-html (or shows it as text)
    "import { createApp } from 'vue';\ncreateApp({ data() { return { vb43: '' }; }, created() { this.vb43 = location.hash; }, template: '<div v-html=\"vb43\"></div>' });",
    "import { createApp } from 'vue';\ncreateApp({ data() { return { vb43: '' }; }, created() { this.vb43 = location.hash; }, template: '<div>{{ vb43 }}</div>' });",
    # a chat message in a command; a table's get proving its key
    "import { Client } from 'discord.js';\nconst dc43 = new Client({ intents: [] });\ndc43.on('messageCreate', (m: any) => { exec('ping ' + m.content); });",
    "import fs from 'fs';\nconst MG43 = new Map([['a', 'x'], ['b', 'y']]);\napp.get('/mg43', (req: any, res: any) => { const t = MG43.get(req.query.f); if (!t) return res.end(); res.send(fs.readFileSync('/srv/' + req.query.f)); });",
    # a base class (here or imported) whose field initializer makes an HTTP
    # client (or not), a subclass's constructor calling super()
    "import axios from 'axios';\nexport class Bh43 { http = axios.create(); go(u: string) { return this.http.get(u); } }",
    "export class Bh43 { http = { get: (u: string) => u }; go(u: string) { return this.http.get(u); } }",
    "import { Bh43 } from './m0';",
    "class Sh43 extends Bh43 { constructor() { super(); } }\napp.get('/sh43', (req: any, res: any) => { new Sh43().go(String(req.query.u)); res.end(); });",
    # a name refused unless equal to its base name
    "import { basename } from 'path';\nimport fs from 'fs';\napp.get('/eq43', (req: any, res: any) => { const n = String(req.query.f); if (basename(n) !== n) return res.end(); res.send(fs.readFileSync('/srv/' + n)); });",
    # a check function (here or imported) pushing to the list it is handed where a
    # pattern fails (or whatever the text); the route refusing a non-empty one
    "export function pl44(n: string, p: string[]) { if (!/^[a-z]+$/.test(n)) p.push('bad'); return p; }",
    "export function pl44(n: string, p: string[]) { if (n.length > 9) p.push('long'); return p; }",
    "import { pl44 } from './m0';",
    "import { exec } from 'child_process';\napp.post('/pl44', (req: any, res: any) => { const n = String(req.body.n); if (pl44(n, []).length > 0) return res.end(); exec('x ' + n); res.end(); });",
    # an allow-list checked on a value's text; a bound ES5 prototype method; a Remix redirect
    "const TX44 = new Set(['a', 'b']);\napp.get('/tx44', (req: any, res: any) => { const c = req.query.c; res.send(`<b class=\"${TX44.has(String(c)) ? String(c) : 'a'}\">x</b>`); });",
    "import sqlite3 from 'sqlite3';\nfunction Bp44(this: any, d: any) { this.d = d; }\nBp44.prototype.q = function (t: string) { return this.d.all('SELECT ' + t); };\nconst BP44 = new (Bp44 as any)(new sqlite3.Database('x'));\nconst bq44 = BP44.q.bind(BP44);\napp.get('/bp44', (req: any, res: any) => { res.json(bq44(String(req.query.t))); });",
    "import { redirect } from '@remix-run/node';\nexport async function loader({ request }: any) { return redirect(new URL(request.url).searchParams.get('to') || '/'); }",
    # a replace callback evaluating what a group captured (any text, or a word)
    "app.post('/rc44', (req: any, res: any) => { res.json(String(req.body.t).replace(/\\{([^}]+)\\}/g, (m: string, e: string) => String(eval(e)))); });",
    "app.post('/rc44', (req: any, res: any) => { res.json(String(req.body.t).replace(/\\{(\\w+)\\}/g, (m: string, e: string) => String(eval(e)))); });",
    # a directory made to end with its separator (or not) as a containment prefix
    "import path from 'path';\nimport fs from 'fs';\nexport function ts44(root: string) { const r = root.endsWith(path.sep) ? root : root + path.sep; return (req: any, res: any) => { const f = path.resolve(root, String(req.query.p)); if (!f.startsWith(r)) return res.end(); res.send(fs.readFileSync(f)); }; }\napp.get('/ts44', ts44(path.resolve('/srv/help')));",
    "import path from 'path';\nimport fs from 'fs';\nexport function ts44(root: string) { const r = root; return (req: any, res: any) => { const f = path.resolve(root, String(req.query.p)); if (!f.startsWith(r)) return res.end(); res.send(fs.readFileSync(f)); }; }\napp.get('/ts44', ts44(path.resolve('/srv/help')));",
    # objects whose field went through an allow-list, handed to an imported renderer
    "export function ec44(items: any[]) { return items.map((b) => `<b class=\"${b.c}\">x</b>`).join(''); }",
    "export function ec44(items: any[]) { return items.map((b) => `<b>${b.l}</b>`).join(''); }",
    "import { ec44 } from './m0';",
    "const EC44 = new Set(['a', 'b']);\napp.post('/ec44', (req: any, res: any) => { res.send(ec44(req.body.items.map((i: any) => ({ l: String(i.l), c: EC44.has(String(i.c)) ? String(i.c) : 'a' })))); });",
    # a busboy upload's file name written to disk (or its base name)
    "import busboy from 'busboy';\nimport fs from 'fs';\napp.post('/bb44', (req: any, res: any) => { const bb = busboy({ headers: req.headers }); bb.on('file', (f: any, s: any, i: any) => { fs.writeFileSync('/srv/' + i.filename, ''); }); req.pipe(bb); });",
    "import busboy from 'busboy';\nimport fs from 'fs';\nimport path from 'path';\napp.post('/bb44', (req: any, res: any) => { const bb = busboy({ headers: req.headers }); bb.on('file', (f: any, s: any, i: any) => { fs.writeFileSync('/srv/' + path.basename(i.filename), ''); }); req.pipe(bb); });",
    # a host checked (here or imported) to end with a dot and a domain (or without the dot)
    "export const HS44 = ['a.example', 'b.example'];",
    "export const HS44 = ['a.example', 'example'];",
    "import { HS44 } from './m0';",
    "app.post('/hs44', async (req: any, res: any) => { const u = new URL(String(req.body.u)); const h = u.hostname; if (!HS44.some((d) => h === d || h.endsWith(`.${d}`))) return res.end(); await fetch(u.toString()); res.end(); });",
    # a check function (here or imported) handed a URL's host: a subdomain test through
    # a change of case (or a suffix without its dot)
    "export function oh46(host: string) { const h = host.toLowerCase(); return ['a.example'].some((d) => h === d || h.endsWith(`.${d}`)); }",
    "export function oh46(host: string) { return host.endsWith('example'); }",
    "import { oh46 } from './m0';",
    "app.get('/oh46', async (req: any, res: any) => { const u = new URL(String(req.query.u)); if (!oh46(u.hostname)) return res.end(); await fetch(u.toString()); res.end(); });",
    # a check's result logged where it fails, then returned (or true returned)
    "export function ok46(c: string) { const ok = ['a', 'b'].includes(c); if (!ok) console.warn(c); return ok; }",
    "export function ok46(c: string) { const ok = ['a', 'b'].includes(c); if (!ok) console.warn(c); return true; }",
    "import { ok46 } from './m0';",
    "import { Pool } from 'pg';\nconst OK46 = new Pool();\napp.get('/ok46', async (req: any, res: any) => { const s = String(req.query.s); if (!ok46(s)) return res.end(); await OK46.query(`SELECT 1 ORDER BY ${s}`); res.end(); });",
    # Hono's html template (or raw text in it); Deno's standard path module's containment
    "import { html, raw } from 'hono/html';\nimport { Hono } from 'hono';\nconst HH46 = new Hono();\nHH46.get('/hh46', (c: any) => c.html(html`<b>${c.req.query('t')}</b>`));",
    "import { html, raw } from 'hono/html';\nimport { Hono } from 'hono';\nconst HH46 = new Hono();\nHH46.get('/hh46', (c: any) => c.html(html`<b>${raw(c.req.query('t'))}</b>`));",
    "import { resolve, SEPARATOR } from 'jsr:@std/path';\nconst DP46 = resolve('/srv');\nDeno.serve(async (req: Request) => { const p = resolve(DP46, new URL(req.url).searchParams.get('p') ?? ''); if (!p.startsWith(DP46 + SEPARATOR)) return new Response('', { status: 400 }); return new Response(await Deno.readFile(p)); });",
    "import { resolve, SEPARATOR } from 'jsr:@std/path';\nconst DP46 = resolve('/srv');\nDeno.serve(async (req: Request) => { const p = resolve(DP46, new URL(req.url).searchParams.get('p') ?? ''); if (!p.startsWith(DP46)) return new Response('', { status: 400 }); return new Response(await Deno.readFile(p)); });",
    # esbuild's preamble (the file is a bundle by its text: no data flow); a Hono
    # app's D1 query of request data (or bound)
    "var __defProp = Object.defineProperty;",
    "import { Hono } from 'hono';\nconst D146 = new Hono();\nD146.get('/d146', async (c: any) => c.json(await c.env.DB.prepare(`SELECT 1 WHERE k = '${c.req.query('k')}'`).all()));",
    "import { Hono } from 'hono';\nconst D146 = new Hono();\nD146.get('/d146', async (c: any) => c.json(await c.env.DB.prepare('SELECT 1 WHERE k = ?').bind(c.req.query('k')).all()));",
    # a NestJS gateway's message in a shell command (or an argument list)
    "import { MessageBody, SubscribeMessage } from '@nestjs/websockets';\nimport { exec, execFile } from 'child_process';\nexport class Gw45 { @SubscribeMessage('p') p(@MessageBody() b: any) { exec('ping ' + b.h); } }",
    "import { MessageBody, SubscribeMessage } from '@nestjs/websockets';\nimport { exec, execFile } from 'child_process';\nexport class Gw45 { @SubscribeMessage('p') p(@MessageBody() b: any) { execFile('ping', [String(b.h)]); } }",
    # pg-format filling a schema-qualified identifier (`%I.%I`) or text as it is (`%s`)
    "import format from 'pg-format';\nimport { Pool } from 'pg';\nconst PF45 = new Pool();\napp.get('/pf45', async (req: any, res: any) => { await PF45.query(format('SELECT 1 FROM %I.%I', 's', `u_${req.query.g}`)); res.end(); });",
    "import format from 'pg-format';\nimport { Pool } from 'pg';\nconst PF45 = new Pool();\napp.get('/pf45', async (req: any, res: any) => { await PF45.query(format('SELECT 1 FROM %I.%s', 's', `u_${req.query.g}`)); res.end(); });",
    # the Host header (`req.hostname`) naming a schema
    "import { Pool } from 'pg';\nconst HN45 = new Pool();\napp.get('/hn45', async (req: any, res: any) => { await HN45.query(`SET search_path TO ${req.hostname}`); res.end(); });",
    # a URL's host destructured and allow-listed through a change of case (here or
    # imported), or only checked to end with a word
    "export const DH45 = new Set(['api.a.example']);\nexport function dh45(b: string) { const { hostname } = new URL(b); return DH45.has(hostname.toLowerCase()); }",
    "export function dh45(b: string) { const { hostname } = new URL(b); return hostname.endsWith('example'); }",
    "import { dh45 } from './m0';",
    "app.post('/dh45', async (req: any, res: any) => { const b = String(req.body.b); if (!dh45(b)) return res.end(); await fetch(`${b}/x`); res.end(); });",
    # a URL's host read into a name and checked with a set's has (or a string's includes)
    "const HH38 = new Set(['a.example']);\napp.get('/hh38', async (req: any, res: any) => { const t = String(req.query.u || ''); const host = new URL(t).hostname; if (!HH38.has(host)) return res.end(); await fetch(t); res.end(); });",
    "const HH38 = 'a.example,b.example';\napp.get('/hh38', async (req: any, res: any) => { const t = String(req.query.u || ''); const host = new URL(t).hostname; if (!HH38.includes(host)) return res.end(); await fetch(t); res.end(); });",
    # handlers a module exports (run as entry points), a Lambda event
    "exports.route2 = (req, res) => { document.write(req.query.q); };",
    "export default (req, res) => { eval(f(req.query.q)); };",
    "exports.handler = async (event) => { eval(event.body); };",
    # options in nested object literals (const_args `0.cookie.secure`), a
    # WebSocket message (a callback source), Object.assign's key order, and JSX
    # (in the .tsx module: `dangerouslySetInnerHTML` is a store with a place)
    "app.use(session({ cookie: { secure: false } }));",
    "app.use(session({ cookie: { secure: true } }));",
    "io.on('connection', (socket) => { socket.on('m', (x) => eval(x)); });",
    "export const r4 = (req, res) => { eval(Object.assign({}, req.query).x); };",
    "export function Page() { return <div dangerouslySetInnerHTML={{ __html: location.hash }} />; }",
    # a middleware's store on the request, a helper calling its callback
    "app.use((req, res, next) => { req.x = req.query.q; next(); });",
    "app.get('/x', (req, res) => { eval(req.x); });",
    "export function each(a, cb) { cb(a); }",
    "export const r3 = (req, res) => { each(req.query.q, (x) => eval(x)); };",
    # a GraphQL resolver map handed to a server (nested objects' functions)
    "new S({ resolvers: { Query: { u: (parent, args) => eval(f(args.id)) } } });",
    # a lodash template whose every tag escapes (or one that writes raw text)
    "const T = _.template('<%- n %>');",
    "const T = _.template('<%= n %>');",
    "app.get('/t', (req, res) => { res.send(T({ n: req.query.n })); });",
    # a function defined in a handler and called by name (capturing the
    # request's data, or not), Object.assign filling its first argument, a
    # helper calling its callback from a callback of its own, a getter
    "app.get('/c', (req, res) => { const d = req.query.d; const run = () => eval(d); run(); });",
    "app.get('/c2', (req, res) => { const run = () => eval('1'); run(); });",
    "app.get('/o', (req, res) => { const o = {}; Object.assign(o, req.query); eval(o.x); });",
    "export function later(a, cb) { setImmediate(() => cb(a)); }",
    "export const r5 = (req, res) => { later(req.query.q, (x) => eval(x)); };",
    "export class G { constructor(v) { this.v = v; } get code() { return this.v; } }",
    # a class field holding a library object (no constructor written, or one),
    # or a constant, and a route calling the method that uses it
    "export class K { cp = require('child_process'); go(q) { this.cp.exec(q); } }",
    "export class K { cp = require('child_process'); constructor() { this.t = 1; } "
    "go(q) { this.cp.exec(q); } }",
    "export class K { cp = { exec: (q) => q }; go(q) { this.cp.exec(q); } }",
    "export const r7 = (req, res) => { new K().go(req.query.q); };",
    # a small object literal's method calling another through `this` (which
    # checks, or passes the value on), an axios instance, a raw-body reader
    "const st = { res(n) { if (!/^\\w+$/.test(n)) throw new Error('x'); return n; }, "
    "rd(n) { eval(this.res(n)); } };",
    "const st = { res(n) { return n; }, rd(n) { eval(this.res(n)); } };",
    "app.get('/st', (req, res) => { st.rd(req.query.q); });",
    "const ax = require('axios').create({ timeout: 1 });",
    "app.post('/ax', async (req, res) => { await ax.post(String(req.query.u)); });",
    "const getRawBody = require('raw-body');",
    "app.post('/rb', async (req, res) => { eval(await getRawBody(req)); });",
    # a Next.js route handler: the body read as JSON (or as a form) in a
    # filter, a Response typed HTML (or text), a test run by `filter`
    "export async function POST(request) { await users.findOne({ t: (await request.json()).t }); }",
    "export async function POST(request) { await users.findOne({ t: (await request.formData()).get('t') }); }",
    "export async function GET(request) { return new Response(request.nextUrl.search, "
    "{ headers: { 'Content-Type': 'text/html' } }); }",
    "export async function GET(request) { return new Response(request.nextUrl.search, "
    "{ headers: { 'Content-Type': 'text/plain' } }); }",
    "app.get('/fl', (req, res) => { res.json(['a'].filter((a) => new RegExp(req.query.q).test(a))); });",
    "app.get('/fl', (req, res) => { res.json(['a'].filter((a) => new RegExp('x').test(a))); });",
    # the same object injected into a NestJS controller (its making not seen)
    "export class Ctl { constructor(private readonly k: K) {} "
    "@Get('g') g(@Query('q') q: string) { this.k.go(q); } }",
    "export const r6 = (req, res) => { eval(new G(req.query.q).code); };",
    # a middleware of the module in a route's chain, storing on the request
    "function load(req, res, next) { req.y = req.query.q; next(); }",
    "function load(req, res, next) { req.y = 'fixed'; next(); }",
    "app.post('/m', load, (req, res) => { eval(req.y); });",
    # a helper exported as an arrow (another module's handler calls it)
    "exports.pass = (a) => a;",
    "exports.pass = (a) => 'k';",
    "export const r7 = (req, res) => { eval(require('./m0').pass(req.query.q)); };",
    # a closure writing a handler's variable, a handler writing a module's
    "app.get('/cw', (req, res) => { let t = 'x'; const pick = () => { t = req.query.q; }; pick(); eval(t); });",
    "let kept = 'x';",
    "app.post('/k1', (req, res) => { kept = req.body.k; });",
    "app.post('/k2', (req, res) => { eval(kept); });",
    # a reduce to a number (or to text), a filter by a test
    "app.get('/rd', (req, res) => { eval(String(req.query.p).split(',').reduce((a, s) => a + s.length, 0)); });",
    "app.get('/fl', (req, res) => { eval(String(req.query.p).split(',').filter((s) => /^[0-9]+$/.test(s)).join()); });",
    # a switch whose case falls through (or breaks)
    "app.get('/sw', (req, res) => { let c = 'x'; switch (req.query.m) { case 'a': c = req.query.q; case 'b': c = 'y'; } eval(c); });",
    "app.get('/sw', (req, res) => { let c = 'x'; switch (req.query.m) { case 'a': c = req.query.q; break; case 'b': c = 'y'; } eval(c); });",
    # another module's middleware storing on the request (data, or a constant),
    # registered by this one before its handler; a controller's method bound
    # to its object as a handler (or not bound: then no object)
    "export function mw(req, res, next) { req.z = req.query.q; next(); }",
    "export function mw(req, res, next) { req.z = 'k'; next(); }",
    "import { mw } from './m0';",
    "app.use(mw);",
    "app.get('/z', (req, res) => { eval(req.z); });",
    "export class T { constructor(cp) { this.cp = cp; } list(req, res) { this.cp.exec(req.query.q); } }",
    "const tc = new T(require('child_process'));",
    "app.get('/b', tc.list.bind(tc));",
    "app.get('/b', tc.list);",
    # middlewares handed to a route as a list (storing data, or a constant)
    "function mw2(req, res, next) { req.w = req.query.q; next(); }",
    "function mw2(req, res, next) { req.w = 'k'; next(); }",
    "app.get('/hl', [mw2], (req, res) => { eval(req.w); });",
    # a zod schema kept in another module, exported by name (an enum, or any
    # text), and a route validating with it
    "const { z } = require('zod');",
    "const SQ = z.object({ s: z.enum(['a', 'b']) });",
    "const SQ = z.object({ s: z.string() });",
    "module.exports = { SQ };",
    "const { SQ } = require('./m0');",
    "app.get('/sq', (req, res) => { const p = SQ.safeParse(req.query); if (p.success) eval(p.data.s); });",
    # an object keeping a function a factory made of its constructor's arrow
    # function (reading a parameter of the constructor), a method calling it
    "function retry3(fn) { return (...a) => fn(...a); }",
    "class Wr { constructor(p) { this.f = retry3((u) => eval(p + u)); } go(u) { return this.f(u); } }",
    "class Wr { constructor(p) { this.f = retry3((u) => p + u); } go(u) { return this.f(u); } }",
    "const wr = new Wr('x');",
    # a module filing a function in its own object's list (evaluating, or
    # not), and a route calling them through the object's method
    "class Rg { constructor() { this.fs = []; } add(f) { this.fs.push(f); } fire(e) { return this.fs.map((f) => f(e)); } }",
    "const rg = new Rg();",
    "rg.add((e) => eval(e.q));",
    "rg.add((e) => e.q);",
    "app.get('/rg', (req, res) => { rg.fire(req.query); res.send('ok'); });",
    # a helper checking a URL's host against the list its caller hands it (the
    # deployment's, or the request's)
    "const ALLOW = process.env.ALLOW.split(',');",
    "function okUrl(raw, allowed) { const u = new URL(raw); return allowed.includes(u.hostname) ? u : null; }",
    "app.post('/al', (req, res) => { const u = okUrl(req.body.u, ALLOW); if (u) require('axios').get(u.href); res.send('ok'); });",
    "app.post('/al', (req, res) => { const u = okUrl(req.body.u, req.body.allow); if (u) require('axios').get(u.href); res.send('ok'); });",
    # options the request can override (or defaults that win over it)
    "const SD = { root: '/srv/assets' };",
    "app.get('/ro/:n', (req, res) => { res.sendFile(req.params.n, { ...SD, ...req.query }); });",
    "app.get('/ro/:n', (req, res) => { res.sendFile(req.params.n, { ...req.query, ...SD }); });",
    # a BullMQ job queued by a route and the module's worker (evaluating, or not)
    "const { Queue, Worker } = require('bullmq');\nconst jq = new Queue('jq');",
    "new Worker('jq', async (job) => eval(job.data.c));",
    "new Worker('jq', async (job) => job.data.c);",
    "app.get('/jq', async (req, res) => { await jq.add('x', { c: req.query.c }); res.send('ok'); });",
    "app.get('/wr', (req, res) => { wr.go(req.query.q); res.send('ok'); });",
    # a Koa body whose content type a table's renderer chose (HTML escaped, or
    # not; text as it came), or the code set
    "const KR = new Map([['t', (m) => ({ type: 'text/plain', body: m })], ['h', (m) => ({ type: 'text/html', body: require('escape-html')(m) })]]);",
    "const KR = new Map([['t', (m) => ({ type: 'text/plain', body: m })], ['h', (m) => ({ type: 'text/html', body: m })]]);",
    "ka.use(async (ctx) => { const r = KR.get(ctx.query.f); const o = r(ctx.query.m); ctx.type = o.type; ctx.body = o.body; });",
    "ka.use(async (ctx) => { ctx.type = 'text/plain'; ctx.body = ctx.query.m; });",
    # React elements: a component's text (escaped) or its raw HTML
    "const React = require('react');",
    "const Rc = (p) => React.createElement('div', { dangerouslySetInnerHTML: { __html: p.b } });",
    "const Rc = (p) => React.createElement('div', null, p.b);",
    "app.get('/rc', (req, res) => { res.send(require('react-dom/server').renderToString(React.createElement(Rc, { b: req.query.b }))); });",
    # an EventEmitter subclass running its own listener (evaluating, or not)
    "const { EventEmitter } = require('events');",
    "class Bq extends EventEmitter { constructor() { super(); this.on('go', (j) => this.run(j)); } add(j) { this.emit('go', j); } run(j) { eval(j.b); } }",
    "class Bq extends EventEmitter { constructor() { super(); this.on('go', (j) => this.run(j)); } add(j) { this.emit('go', j); } run(j) { return j.b; } }",
    "app.post('/bq2', (req, res) => { new Bq().add({ b: req.body.b }); res.send('ok'); });",
    # a class's static escape taken as a value (escaping, or not)
    # a containment check written with `".." + path.sep` (or none)
    "app.get('/rl', (req, res) => { const f = require('path').resolve('/srv', String(req.query.n)); const r = require('path').relative('/srv', f); if (r.startsWith('..' + require('path').sep)) { return res.end(); } res.send(require('fs').readFileSync(f)); });",
    "app.get('/rl', (req, res) => { const f = require('path').resolve('/srv', String(req.query.n)); res.send(require('fs').readFileSync(f)); });",
    # an XPath literal quoted with the character the value was checked not to hold
    # (or the other one)
    "function xq(v) { if (!v.includes(\"'\")) return `'${v}'`; return null; }",
    "function xq(v) { if (!v.includes('\"')) return `'${v}'`; return null; }",
    "app.get('/xq', (req, res) => { res.json(require('xpath').select(`//i[@k=${xq(String(req.query.k))}]`, null)); });",
    # an SVG response (runs its scripts) or a text one; js-yaml's full schema or
    # its default
    "app.get('/svg', (req, res) => { res.type('image/svg+xml').send('<svg>' + req.query.t + '</svg>'); });",
    "app.get('/svg', (req, res) => { res.type('text/plain').send('<svg>' + req.query.t + '</svg>'); });",
    "app.post('/jy', (req, res) => { require('js-yaml').load(req.body.y, { schema: require('js-yaml').DEFAULT_FULL_SCHEMA }); res.end(); });",
    "app.post('/jy', (req, res) => { require('js-yaml').load(req.body.y); res.end(); });",
    # a lodash template written as a list of lines, escaping (or not); a Nunjucks
    # environment told not to escape (or escaping)
    "const LT = require('lodash').template(['<p><%- h %></p>', '<i><%- n %></i>'].join(''));",
    "const LT = require('lodash').template(['<p><%= h %></p>', '<i><%- n %></i>'].join(''));",
    "app.get('/lt', (req, res) => { res.send(LT({ h: req.query.h, n: '' })); });",
    "const NJ = new (require('nunjucks').Environment)(null, { autoescape: false });",
    "const NJ = new (require('nunjucks').Environment)(null, { autoescape: true });",
    "app.get('/nj', (req, res) => { res.send(NJ.renderString('<b>{{ t }}</b>', { t: req.query.t })); });",
    "class Hv { static esc(v) { return require('escape-html')(v); } }",
    "class Hv { static esc(v) { return String(v); } }",
    "app.get('/hv', (req, res) => { const e = Hv.esc; res.send('<p>' + e(req.query.n) + '</p>'); });",
    # a Map whose keys the request wrote, its keys rendered (or its values)
    "app.get('/mkey', (req, res) => { const m = new Map(); m.set(req.query.k, 1); res.send([...m.keys()].join()); });",
    "app.get('/mkey', (req, res) => { const m = new Map(); m.set(req.query.k, 1); res.send([...m.values()].join()); });",
    # a regular expression kept in a constant checks (or not)
    "const RE = /^[a-z]+$/;",
    "const RE = /[a-z]/;",
    "app.get('/re', (req, res) => { const q = req.query.q; if (RE.test(q)) eval(q); });",
    # an allow-list another module exports (constant, or not)
    "exports.OK = ['/a', '/b'];",
    "exports.OK = [location.hash];",
    "const { OK } = require('./m0');",
    "app.get('/ok', (req, res) => { const n = req.query.n; res.redirect(OK.includes(n) ? n : '/'); });",
    # what a helper throws with its argument (or without), caught by a handler
    "export function find(a) { throw new Error('no ' + a); }",
    "export function find(a) { throw new Error('no'); }",
    "app.get('/th', (req, res) => { try { find(req.query.q); } catch (e) { eval(String(e)); } });",
    # a checked property of an object, destructured command-line arguments
    "app.get('/pp', (req, res) => { const o = { r: String(req.query.r) }; if (!RE.test(o.r)) return; eval(o.r); });",
    "const [, , who] = process.argv;",
    "eval(who);",
    # a callback where an options object may be (`sendFile(p, cb)`)
    "app.get('/sf', (req, res) => { res.sendFile(req.query.p, (err) => {}); });",
    # an object literal's method reading `this`, a test kept in a name, an
    # Error subclass's message
    "const svc = { p: 'ls ', run(a) { eval(this.p + a); } };",
    "const svc = { p: 'ls ', run(a) { eval(this.p); } };",
    "app.get('/sv', (req, res) => { svc.run(req.query.q); });",
    "app.get('/st', (req, res) => { const r = req.query.n; const ok = r.startsWith('/') && !r.startsWith('//'); res.redirect(ok ? r : '/'); });",
    "export class NE extends Error { constructor(s) { super('no ' + s); } }",
    "export class NE extends Error { constructor(s) { super('no'); this.s = s; } }",
    "app.get('/ne', (req, res) => { try { throw new NE(req.query.q); } catch (e) { res.send(e.message); } });",
    # a factory returning a function expression that captured its argument (or not)
    "function client(base) { return function get(p) { return axios.get(base + p); }; }",
    "function client(base) { return function get(p) { return axios.get('https://x.example' + p); }; }",
    "app.get('/cl', (req, res) => { client(req.query.u)('/health'); });",
    # a check that skips the rest of a loop's round; a value kept by a `break`
    "app.get('/co', (req, res) => { for (const h of String(req.query.h).split(',')) { if (!/^[a-z]+$/.test(h)) continue; eval(h); } });",
    "app.get('/br', (req, res) => { let f = 'x'; for (const h of String(req.query.h).split(',')) { f = h; break; } eval(f); });",
    # a NestJS body's value in a NoSQL filter (an object as it came, or validated text)
    "export class N2 { @Post('n') n(@Body() dto: M) { users.findOne({ n: dto.n }); } }",
    "export class M { @IsString() n: string; }",
    # multer's stored path (the server's) and a client's name as a destination
    "app.post('/up', (req, res) => { fs.renameSync(req.file.path, '/srv/' + req.file.originalname); });",
    "app.post('/up', (req, res) => { fs.renameSync(req.file.path, '/srv/fixed'); });",
    # an own-key check of an object the code wrote
    "const KINDS = { a: 1, b: 2 };",
    "app.get('/ok2', (req, res) => { const k = req.query.k; if (Object.hasOwn(KINDS, k)) eval(k); });",
    # express-validator chains in a route (escaping or not; a checked field read
    # through matchedData, or one the chain does not check)
    "const { body, matchedData } = require('express-validator');",
    "app.post('/ev', body('t').escape(), (req, res) => { res.send(req.body.t); });",
    "app.post('/ev', body('t').trim(), (req, res) => { res.send(req.body.t); });",
    "app.post('/ev2', body('n').isInt(), (req, res) => { eval(matchedData(req).n); });",
    "app.post('/ev2', body('n').isInt(), (req, res) => { eval(matchedData(req).m); });",
    # a Promise executor resolving with the data (or not); a generator's yields
    "app.get('/pr', async (req, res) => { eval(await new Promise((ok) => ok(req.query.q))); });",
    "app.get('/pr', async (req, res) => { eval(await new Promise((ok) => ok('1'))); });",
    "export function* gen(a) { yield '1'; yield a; }",
    "export function* gen(a) { yield '1'; }",
    "app.get('/gn', (req, res) => { for (const x of gen(req.query.q)) eval(x); });",
    # splice, a constant string's charAt, a constant default of a raw value, a
    # factory's closure returning a captured constant (or its argument)
    "app.get('/sp', (req, res) => { const l = ['a', req.query.q, 'b']; l.splice(0, 1); eval(l[1]); });",
    "app.get('/ca', (req, res) => { let b = req.query.q; if ('AB'.charAt(1) === 'B') b = 'x'; eval(b); });",
    "app.get('/nd', (req, res) => { users.findOne({ n: req.query.n ?? 'anon' }); });",
    "function fmt(c) { return function (v) { return c; }; }",
    "function fmt(c) { return function (v) { return v; }; }",
    "app.get('/fm', (req, res) => { eval(fmt('k')(req.query.q)); });",
    "app.get('/nx', (req, res) => { const it = gen(req.query.q); eval(it.next().value); });",
    "export function keep(t, strip = true) { return strip ? Number(t) : t; }",
    "export function keep(t, strip = false) { return strip ? Number(t) : t; }",
    "app.get('/kd', (req, res) => { eval(keep(req.query.q)); });",
    # a repository given its client (a library object) in its constructor, here
    # or imported; a filter of the request's value as it came, or made text
    "const { MongoClient } = require('mongodb');",
    "export class Repo { constructor(c) { this.c = c; } find(f) { return this.c.db('a').collection('u').findOne(f); } }",
    "export class Repo { constructor(c) { this.c = c; } find(f) { return this.c.db('a').collection('u').findOne({ n: String(f.n) }); } }",
    "const repo = new Repo(new MongoClient('m'));",
    "app.post('/rp', (req, res) => { repo.find({ n: req.body.n }); });",
    # what a callback handed to a call returns flows into it (a Math.random session id)
    "app.post('/sn', (req, res) => { const sessionId = [1, 2].map(() => Math.random().toString(16)).join(''); res.cookie('sid', sessionId, { secure: true, httpOnly: true }); });",
    "app.post('/sn', (req, res) => { const sessionId = [1, 2].map(() => 'ab').join(''); res.cookie('sid', sessionId, { secure: true, httpOnly: true }); });",
    # a replacement callback looking matches up in a table of references (or
    # one that puts `<` back); `f.call`/`f.apply`; a key picked by a random index
    "const ENT = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '\"': '&quot;', \"'\": '&#39;' };",
    "const ENT = { '<': '<', '>': '&gt;' };",
    "app.get('/en', (req, res) => { res.send(String(req.query.q).replace(/[<>&\"']/g, (c) => ENT[c])); });",
    "function rt(c) { eval(c); }",
    "app.get('/ca', (req, res) => { rt.call(null, req.query.q); rt.apply(null, [req.query.r]); });",
    "app.post('/ix', (req, res) => { const apiKey = 'abc'[Math.floor(Math.random() * 3)]; res.json({ apiKey }); });",
    "app.get('/bd', (req, res) => { const run = rt.bind(null, req.query.q); run(); });",
    # a Fastify route whose schema types its query field as an integer (or a string)
    "import Fastify from 'fastify';\nconst fy = Fastify();",
    "fy.get('/fs', { schema: { querystring: { properties: { n: { type: 'integer' } } } } }, async (request) => { eval(request.query.n); });",
    "fy.get('/fs', { schema: { querystring: { properties: { n: { type: 'string' } } } } }, async (request) => { eval(request.query.n); });",
    # a schema bound to a name (integer or string field) handed to a route by name
    "const FS1 = { querystring: { properties: { n: { type: 'integer' } } } };",
    "const FS1 = { querystring: { properties: { n: { type: 'string' } } } };",
    "fy.get('/fn', { schema: FS1 }, async (request) => { eval(request.query.n); });",
    # `typeof` checks: a number (none of any class's data), a string (no NoSQL
    # object), in a `||` whose failure returns; Koa's `ctx.throw` ends a branch;
    # a local-path lookahead written with a class
    "app.get('/ty', (req, res) => { const n = req.query.n; if (typeof n !== 'number') return; eval(n); });",
    "app.get('/ty', (req, res) => { const n = req.query.n; if (typeof n !== 'string' || typeof req.query.m !== 'string') return; users.findOne({ n }); eval(n); });",
    "import Koa from 'koa';\nconst ka = new Koa();",
    "ka.use(async (ctx) => { if (!/^[a-z]+$/.test(ctx.query.n)) { ctx.throw(400); } eval(ctx.query.n); });",
    "ka.use(async (ctx) => { if (!/^[a-z]+$/.test(ctx.query.n)) { ctx.status = 400; } eval(ctx.query.n); });",
    # loops over a literal array (last item wins) or counted from a constant;
    # an array reversed in place, sliced at constant positions
    "app.get('/fo', (req, res) => { let b = '/'; for (const c of [req.query.n, '/h']) { b = c; } res.redirect(b); });",
    "app.get('/fo', (req, res) => { let b = req.query.n; for (let i = 0; i < 2; i++) { b = 'x'; } eval(b); });",
    "app.get('/rv', (req, res) => { eval(['x', req.query.n].reverse()[0]); eval(['x', req.query.n].slice(0, 1).join('')); });",
    # a class's static method named `apply` (or a function's `apply`)
    "class NZ { static apply(v) { return v.trim(); } }",
    "function NZ(v) { return 'x'; }",
    "app.get('/nz', (req, res) => { eval(NZ.apply(req.query.n)); eval(NZ.apply(null, [req.query.m])); });",
    "app.get('/lk', (req, res) => { const r = req.query.n; if (/^\\/(?![\\/\\\\])[\\w\\-\\/]*$/.test(r)) res.redirect(r); });",
    # a joi schema whose field lists its values (or only says string) validating the body
    "import Joi from 'joi';",
    "const JS1 = Joi.object({ f: Joi.string().valid('a', 'b') });",
    "const JS1 = Joi.object({ f: Joi.string() });",
    "app.post('/jv', (req, res) => { const { value } = JS1.validate(req.body); eval(value.f); });",
    # a TypeScript parameter property holding TypeORM's data source (or a plain
    # parameter, not stored); serialize-javascript's output in a script
    "import { DataSource } from 'typeorm';",
    "class TR { constructor(private readonly ds: DataSource) {} f(e: string) { return this.ds.query('SELECT ' + e); } }",
    "class TR { constructor(ds: DataSource) {} f(e: string) { return this.ds.query('SELECT ' + e); } }",
    "const tr = new TR(new DataSource({}));",
    "app.get('/tr', (req, res) => { tr.f(req.query.e); });",
    "import serialize from 'serialize-javascript';",
    "app.get('/sj', (req, res) => { res.send('<script>' + serialize({ q: req.query.q }) + '</script>'); });",
    # a socket.io payload's value as it came (an object) or made text; a pattern
    # anchored at the start with a slash (or not) and no second slash
    "io.on('connection', (socket) => { socket.on('f', (p) => new MongoClient('m').db('a').collection('u').findOne({ n: p.n })); });",
    "io.on('connection', (socket) => { socket.on('f', (p) => new MongoClient('m').db('a').collection('u').findOne({ n: String(p.n) })); });",
    "app.get('/lp', (req, res) => { const r = req.query.n; if (/^\\/[a-z\\/]*$/.test(r) && !r.startsWith('//')) res.redirect(r); });",
    "app.get('/lp', (req, res) => { const r = req.query.n; if (/\\/[a-z\\/]*$/.test(r) && !r.startsWith('//')) res.redirect(r); });",
    # a replacement callback writing each special character as its code (or as itself)
    "app.get('/ec', (req, res) => { res.send(String(req.query.q).replace(/[<>\"'&]/g, (c) => '&#' + c.charCodeAt(0) + ';')); });",
    "app.get('/ec', (req, res) => { res.send(String(req.query.q).replace(/[<>\"'&]/g, (c) => c)); });",
    # a header read with `req.get`, or `??` of it and a query value; a tagged
    # template whose tag removes markup (or not); a middleware given to `app.use`
    # by name that stores the request's value (or a constant)
    "app.get('/hk', (req, res) => { users.findOne({ k: req.get('k') }); });",
    "app.get('/hk', (req, res) => { users.findOne({ k: req.query.k ?? req.get('k') }); });",
    "const th = (s, ...v) => s.reduce((o, c, i) => o + c + (i < v.length ? v[i] : ''), '');",
    "const th = (s, ...v) => s.reduce((o, c, i) => o + c + (i < v.length ? String(v[i]).replace(/[<>&'\"]/g, '') : ''), '');",
    "app.get('/tg', (req, res) => { res.send(th`<p>${req.query.n}</p>`); });",
    "function tm(req, res, next) { req.tn = req.query.t; next(); }",
    "function tm(req, res, next) { req.tn = 'x'; next(); }",
    "app.use(tm);",
    "app.get('/tn', (req, res) => { eval(req.tn); });",
    # a response typed as text before its status is set (or not)
    "app.get('/st', (req, res) => { res.type('text/plain'); res.status(404).send(req.query.n); });",
    "app.get('/st', (req, res) => { res.status(404).send(req.query.n); });",
    # resolvers registered by a startup function the module calls (or not called)
    "const rv = { Query: { q: (parent, args) => { eval(args.q); } } };",
    "function boot() { return new ApolloServer({ resolvers: rv }); }",
    "boot();",
    # layers wired by constructors at the top level: a repository holding a pool,
    # a service handed the module's one repository, a route calling the service
    "const pg = require('pg');",
    "export class Rq { constructor(db) { this.db = db; } by(n) { return this.db.query('SELECT ' + n); } }",
    "export class Rq { constructor(db) { this.db = db; } by(n) { return this.db.query('SELECT $1', [n]); } }",
    "const rq = new Rq(new pg.Pool());",
    "export class Sv { constructor(r) { this.r = r; } find(n) { return this.r.by(n); } }",
    "const sv = new Sv(rq);",
    "app.get('/sv', (req, res) => { sv.find(req.query.n); });",
    # a factory's handler (the function it returns) calling a service every call
    # of the factory hands it; an array mapped with a builtin
    "class Cs { by(a) { eval(a); } }",
    "class Cs { by(a) { eval(JSON.stringify(Number(a))); } }",
    "const mkh = (s) => (req, res) => { s.by(req.query.a); };",
    "app.get('/mk', mkh(new Cs()));",
    "app.get('/mp', (req, res) => { [req.query.a].map(String).forEach((x) => eval(x)); });",
    "app.get('/mp', (req, res) => { [req.query.a].map(Number).forEach((x) => eval(x)); });",
    # a helper's check of a request's field (or one that checks nothing), an
    # enum's values as an allow-list, a check made before decoding
    "function okKey(v) { return ['a', 'b'].includes(v); }",
    "function okKey(v) { return typeof v === 'string'; }",
    "app.get('/ok', (req, res) => { eval(okKey(req.query.k) ? req.query.k : 'a'); });",
    "enum En { A = 'a', B = 'b' }",
    "enum En { A = 'a', B = 'b', C = 'c' }",
    "app.get('/en', (req, res) => { const n = String(req.query.n); "
    "if (Object.values(En).includes(n)) { eval(n); } });",
    "app.get('/dd', (req, res) => { const n = String(req.query.n); "
    "if (!/^[a-z]+$/.test(n)) { return; } eval(decodeURIComponent(n)); });",
    # a message from a checked origin (or any), a page's data a function reads,
    # a record a repository looks up
    "addEventListener('message', (e) => { if (e.origin !== 'https://w.example.com') return; eval(e.data); });",
    "addEventListener('message', (e) => { if (e.origin.length < 3) return; eval(e.data); });",
    "const hook = new URLSearchParams(location.search).get('h');",
    "const hook = 'noop';",
    "function fin() { setTimeout(hook + '()', 0); }",
    "app.post('/lg', async (req, res) => { req.session.u = (await users.findByEmail(req.body.e)).id; });",
    "app.post('/lg', async (req, res) => { req.session.u = (await users.normalize(req.body.e)).id; });",
    # a check function handed the whole request, checking a field two levels
    # down through a copy (or another field); a later test only mentioning it
    "export function isNum(r) { const id = r.params.id; return /^[0-9]+$/.test(id); }",
    "export function isNum(r) { const id = r.params.other; return /^[0-9]+$/.test(id); }",
    "app.get('/in', (req, res) => { if (!isNum(req)) return; eval(req.params.id); });",
    "app.get('/mt', (req, res) => { if (!/^[0-9]+$/.test(req.query.id)) return; if (req.query.id === '0') return; eval(req.query.id); });",
    # a parameter declared a driver's class (the `sqlite` promise wrapper's)
    "import { open, Database } from 'sqlite';",
    "export function byc(db: Database, c) { return db.all('SELECT ' + c); }",
    "export function byc(db: Database, c) { return db.all('SELECT ?', c); }",
    "app.get('/bc', async (req, res) => { res.json(await byc(await open({}), req.query.c)); });",
    # listeners of the module's EventEmitter (running the data, or not) and a
    # table of arrow functions read at the request's key
    "import { EventEmitter } from 'events';\nconst em = new EventEmitter();",
    "em.on('j', (j) => { eval(j.c); });",
    "em.on('j', (j) => { eval(String(Number(j.c))); });",
    "app.post('/em', (req, res) => { em.emit('j', { c: req.body.c }); res.end(); });",
    "const TB = { a: () => 'x', b: (q) => eval(q) };",
    "const TB = { a: () => 'x', b: (q) => eval(Number(q)) };",
    "app.get('/tb', (req, res) => { const k = String(req.query.k); if (!Object.hasOwn(TB, k)) return; TB[k](req.query.q); });",
    # a wrapper a factory makes around a function of the module, called with `call`
    "function wrapped(fn) { return function (...a) { return fn.apply(this, a); }; }",
    "function runq(q) { eval(q); }",
    "function runq(q) { eval(Number(q)); }",
    "const runw = wrapped(runq);",
    "app.get('/rw', (req, res) => { runw.call(null, req.query.q); });",
    # what a match found, a one-value schema, a lookahead in a checked pattern,
    # vm's context object, a Map's keys, clean fields of a list's elements and
    # of an object held on `this`
    "const JX = /^([a-z]+)$/;",
    "const JX = /^(.+)$/;",
    "app.get('/jx', (req, res) => { const m = JX.exec(String(req.query.j)); if (m) eval(m[1]); });",
    "import { z } from 'zod';\nconst ZS = z.string().regex(/^[a-z]+$/);",
    "import { z } from 'zod';\nconst ZS = z.string();",
    "app.get('/zs', (req, res) => { const p = ZS.safeParse(req.query.z); if (p.success) eval(p.data); });",
    "const LA = /^(?=.{1,9}$)[a-z]+$/;",
    "const LA = /^(?=[a-z])[^\\n]+$/;",
    "app.get('/la', (req, res) => { const h = String(req.query.h); if (LA.test(h)) eval(h); });",
    "import vm from 'vm';",
    "app.get('/vm', (req, res) => { vm.runInNewContext('1', { q: req.query.q }); });",
    "const PM = new Map([['a', 1], ['b', 2]]);",
    "const PM = new Map();",
    "app.get('/pm', (req, res) => { const k = req.query.k; if (PM.has(k)) eval(k); });",
    "function rch(rs) { for (const r of rs) { eval(r.p); } }",
    "function rch(rs) { for (const r of rs) { eval(r.n); } }",
    "app.get('/rc', (req, res) => { const rs = []; rs.push({ n: String(req.query.n), p: 'x' }); rch(rs); });",
    "class Rq { constructor(f) { this.f = f; } go() { const { s } = this.f; eval(s); } }",
    "class Rq { constructor(f) { this.f = f; } go() { eval(this.f.t); } }",
    "app.get('/rq', (req, res) => { new Rq({ t: String(req.query.t), s: 'x' }).go(); });",
    "class Rw { constructor() { this.e = []; } add(n) { this.e.push([n, '-l']); return this; } go() { for (const [, f] of this.e) eval(f); } }",
    "class Rw { constructor() { this.e = []; } add(n) { this.e.push([n, '-l']); return this; } go() { for (const [f] of this.e) eval(f); } }",
    "app.get('/rw2', (req, res) => { new Rw().add(req.query.n).go(); });",
    "const crypto = require('crypto');\nconst DG = { legacy: 'md5' };\nfunction fpr(k) { return crypto.createHash(DG.legacy).update(k); }",
    "function upg() { DG.legacy = 'sha256'; }",
    "app.get('/dj', (req, res) => { res.redirect([JROOT, req.query.p].join('/')); });",
    "const JROOT = 'https://docs.example.com';",
    "const JROOT = '';",
    "class Bs { algorithm = 'md5'; keyFor(d) { return crypto.createHash(this.algorithm).update(d); } }",
    "class Bs2 extends Bs { algorithm = 'sha256'; }",
    "function dn() { return 'md5'; }",
    "function dn() { return 'sha256'; }",
    "const crypto = require('crypto');\nfunction cks(d) { return crypto.createHash(dn()).update(d); }",
    "import libxmljs from 'libxmljs';\nfunction popts() { return { noent: true }; }",
    "function popts() { return { noent: false }; }",
    "app.post('/px', (req, res) => { libxmljs.parseXml(String(req.body), popts()); });",
    # a library function handed to a service, a body checked field by field then
    # handed whole, a host pattern with an optional scheme letter
    "class Dg { constructor(r) { this.r = r; } ping(h) { return this.r('ping ' + h); } }",
    "const dg = new Dg(require('child_process').exec);",
    "const dg = new Dg(String);",
    "app.post('/dg', (req, res) => { dg.ping(req.body.h); });",
    "function evalit(o) { eval(o.u); }",
    "function evalit(o) { eval(o.v); }",
    "app.post('/nb', (req, res) => { const b = req.body; if (!/^[a-z]+$/.test(b.u)) return; evalit(b); });",
    "const SH = /^https?:\\/\\/a\\.example\\/[a-z]+$/;",
    "const SH = /^https?:\\/\\/a\\.example/;",
    "app.get('/sh', (req, res) => { if (!SH.test(req.query.u)) return; res.redirect(req.query.u); });",
    "exports.onQueue = async (event) => { for (const r of event.Records) { await fetch(JSON.parse(r.body).u); } };",
    "const AR = /^\\/(dashboard|settings)(\\/[a-z]+)*$/;",
    "const AR = /(dashboard|settings)/;",
    "app.get('/ar', (req, res) => { if (!AR.test(req.query.n)) return; res.redirect(req.query.n); });",
    "function txt(v) { return String(v).replace(/</g, '&lt;'); }",
    "function txt(v) { return String(v).replace(/'/g, '&#39;'); }",
    "app.get('/tx', (req, res) => { res.send(`<p>${txt(req.query.t)}</p>`); });",
    # options an object keeps for itself, read by its method (a sink's condition)
    "import libxmljs from 'libxmljs';",
    "class Xo { constructor(x) { this.x = x; this.o = { noent: true }; } doc() { return libxmljs.parseXml(this.x, this.o); } }",
    "class Xo { constructor(x) { this.x = x; this.o = { noent: false }; } doc() { return libxmljs.parseXml(this.x, this.o); } }",
    "app.post('/xo', (req, res) => { new Xo(req.body).doc(); });",
    # the same options kept by an object made with nothing from the request
    "class Xf { o = { noent: true }; doc(x) { return libxmljs.parseXml(x, this.o); } }",
    "class Xf { o = { noent: false }; doc(x) { return libxmljs.parseXml(x, this.o); } }",
    "app.post('/xf', (req, res) => { new Xf().doc(req.body); });",
    # cookie options a helper of the file returns as a literal
    "function copts() { return { secure: false }; }",
    "function copts() { return { secure: true, httpOnly: true }; }",
    "app.get('/ck', (req, res) => { res.cookie('k', 'v', copts()); });",
    "const CO = { secure: false };",
    "const CO = { secure: true, httpOnly: true };",
    "app.get('/cq', (req, res) => { res.cookie('k', 'v', { ...CO, maxAge: 1 }); });",
    # a factory's function that captured nothing, run by the caller
    "function mkr(p) { return (c) => eval(c); }",
    "function mkr(p) { return (c) => eval(Number(c)); }",
    "app.get('/mk', (req, res) => { mkr(1)(req.query.c); });",
    # an object of the workspace keeping a library's object, kept by another
    "class Fc { constructor(h) { this.h = h; } pv(u) { return this.h.get(u); } }",
    "class Fc { constructor(h) { this.h = h; } pv(u) { return this.h.get('https://x.example/'); } }",
    "class Pw { constructor(f) { this.f = f; } show(u) { return this.f.pv(u); } }",
    "app.get('/pw', (req, res) => { new Pw(new Fc(require('axios').create())).show(req.query.u); });",
    # a module constant in an object literal's method, an object whose property a
    # check narrowed handed to a helper, a module chosen between two
    "import crypto from 'crypto';",
    "const CI = 'des';",
    "const CI = 'aes-256-gcm';",
    "const vt = { s(k) { return crypto.createCipheriv(CI, k, null); } };",
    "const SL = /^[a-z]+$/;",
    "function dl(h) { eval(h.u); }",
    "function dl(h) { eval(h.v); }",
    "app.post('/sl', (req, res) => { const h = { ...req.body, u: String(req.body.u) }; if (!SL.test(h.u)) return; dl(h); });",
    "import http from 'http';\nimport https from 'https';",
    "app.get('/eh', (req, res) => { const c = req.query.s ? https : http; c.get(String(req.query.u)); });",
    # a filter whose test is a check function of the module (or a mere truth test)
    "function okt(t) { return /^[a-z]+$/.test(t); }",
    "function okt(t) { return t.length > 0; }",
    "app.get('/ft', (req, res) => { eval([].concat(req.query.t).filter(okt).join('')); });",
    # a body read from the request stream (`+=` in callbacks), a class field's
    # pattern, JSON placed in a script, a value stored under a secret's name
    "function rb(req, cb) { let raw = ''; req.on('data', (c) => (raw += c)); req.on('end', () => cb(raw)); }",
    "function rb(req, cb) { let raw = ''; req.on('data', (c) => { let raw = c; }); req.on('end', () => cb(raw)); }",
    "app.post('/rb', (req, res) => { rb(req, (b) => { eval(b); }); });",
    "class Fp { p = /^[a-z]+$/; run(x) { if (!this.p.test(x)) return; eval(x); } }",
    "class Fp { p = /^[a-z;()]+$/; run(x) { if (!this.p.test(x)) return; eval(x); } }",
    "app.get('/fp', (req, res) => { new Fp().run(req.query.x); });",
    "function js1(o) { return JSON.stringify(o).replace(/</g, '\\u003c'); }",
    "function js1(o) { return JSON.stringify(o); }",
    "app.get('/js', (req, res) => { res.send(`<script>window.C = ${js1({ g: req.query.g })};</script>`); });",
    "app.post('/ot', (req, res) => { const c = Math.random(); req.session.otp = c; });",
    "app.post('/ot', (req, res) => { const c = Math.random(); req.session.hue = c; });",
    # a field initializer of a class that implements an interface (or extends a base)
    "import { exec } from 'child_process';",
    "class Im implements I { run = exec; go(c) { this.run(c); } }",
    "class Im extends A { run = exec; go(c) { this.run(c); } }",
    "app.get('/im', (req, res) => { new Im().go(req.query.c); });",
    # rules kept in a module list, a static field's options, an IIFE's closure
    "const { body: vb, matchedData } = require('express-validator');",
    "const vr = [vb('n').escape()];",
    "const vr = [vb('n').trim()];",
    "app.post('/vr', vr, (req, res) => { res.send(`<b>${matchedData(req).n}</b>`); });",
    "import https from 'https';\nclass St { static a = new https.Agent({ rejectUnauthorized: false }); }",
    "import https from 'https';\nclass St { static a = new https.Agent({ rejectUnauthorized: true }); }",
    "app.get('/ii', (req, res) => { const r = ((v) => () => eval(v))(req.query.v); r(); });",
    "const rsteps = [(o) => ({ n: String(o.n) }), (o) => { if (!/^[a-z]+$/.test(o.n)) throw 1; return o; }];",
    "const rsteps = [(o) => ({ n: String(o.n) })];",
    "app.get('/rs', (req, res) => { eval(rsteps.reduce((a, f) => f(a), { n: req.query.n }).n); });",
    # a base's method, called with `super`, running a subclass's override
    "class Sb { pick(q) { return 'x'; } run(q) { eval(this.pick(q)); } }",
    "class Sd extends Sb { pick(q) { return q.v; } run(q) { return super.run(q); } }",
    "class Sd extends Sb { pick(q) { return String(Number(q.v)); } run(q) { return super.run(q); } }",
    "app.get('/sd', (req, res) => { new Sd().run(req.query); });",
    # an object keeping a request's session, written by two calls (or one)
    "class Kp { constructor(s) { this.s = s; } set theme(v) { this.s.theme = v; } setLocale(v) { this.s.locale = v; } }",
    "class Kp { constructor(s) { this.s = s; } set theme(v) { this.s.theme = 'x'; } setLocale(v) { this.s.locale = v; } }",
    "ka.use(async (ctx) => { const p = new Kp(ctx.session); p.theme = ctx.query.t; p.setLocale(ctx.query.l); });",
    # a match array's groups (a group of letters, or of anything)
    "const GRX = /^([a-z]+)-(\\d+)$/;",
    "const GRX = /^([a-z]+)-(.+)$/;",
    "app.get('/gx', (req, res) => { const m = GRX.exec(String(req.query.v)); if (m) { const [, a, b] = m; eval(a + b); } });",
    # branches decided by tests of constants, keys removed before a read, an
    # index from a length, a loop over a slice of a module's array
    "const DEP = 'prod';",
    "const DEP = 'dev';",
    "app.get('/dp', (req, res) => { let f = 'x'; if (['dev', 'st'].includes(DEP)) { f = req.query.f; } eval(f); });",
    "const MD = ['s'];",
    "const MD = [];",
    "app.get('/ml', (req, res) => { const b = MD.length > 0 ? '1' : req.query.e; eval(b); });",
    "app.get('/dl', (req, res) => { const o = { e: req.query.e, f: '1' }; delete o.e; eval(o.e ?? o.f); });",
    "app.get('/cl', (req, res) => { const c = [req.query.t, 'l']; eval(c[c.length - 1]); });",
    "const HS = ['a', 'b'];",
    "const HS = ['a'];",
    "app.get('/hs', (req, res) => { let t = req.query.t; for (const h of HS.slice(1)) { t = h; } eval(t); });",
    # objects of several shapes chosen by the request, a table a registering
    # function fills with lambdas
    "const ENG = new Map(); ENG.set('a', { ev: (s) => JSON.parse(s) }); ENG.set('b', { ev: (s) => eval(s) });",
    "const ENG = new Map(); ENG.set('a', { ev: (s) => JSON.parse(s) }); ENG.set('b', { ev: (s) => Number(s) });",
    "app.get('/en', (req, res) => { const e = ENG.get(req.query.e) || ENG.get('a'); e.ev(String(req.query.s)); });",
    "const FND = {}; function reg(n, fn) { FND[n] = fn; }",
    "reg('t', (t) => eval(t));",
    "reg('t', (t) => Number(t));",
    "app.get('/fd', (req, res) => { FND[req.query.by](req.query.q); });",
    # a function a constructor keeps in a field (dangerous or not)
    "class Du { constructor() { this.r = (d) => eval(d); } m(p) { this.r(p); } }",
    "class Du { constructor() { this.r = (d) => Number(d); } m(p) { this.r(p); } }",
    "app.get('/du', (req, res) => { new Du().m(req.query.p); });",
    # a method bound to its object
    "class Bs { run(c) { eval(c); } show(c) { return Number(c); } }",
    "const bsr = new Bs().run.bind(new Bs());",
    "const bsr = new Bs().show.bind(new Bs());",
    "app.get('/bs', (req, res) => { bsr(req.query.c); });",
    # switch (true): an earlier case's check holds in the later ones
    "function swr(n) { switch (true) { case !/^\\w+$/.test(n): return ''; default: return n; } }",
    "function swr(n) { switch (true) { case n.length > 9: return ''; default: return n; } }",
    "app.get('/st', (req, res) => { eval(swr(String(req.query.n))); });",
    # a route's handler wrapped by a factory that calls it (or not); pairs of
    # `Object.entries` filtered by their key (or not)
    "const ahw = (fn) => (req, res, next) => fn(req, res).catch(next);",
    "const ahw = (fn) => (req, res, next) => next();",
    "app.post('/ah', ahw(async (req, res) => { eval(req.body.c); }));",
    "const OKK = ['a', 'b'];",
    "app.get('/oe', (req, res) => { Object.entries(req.query).filter(([k]) => OKK.includes(k)).map(([k]) => eval(k)); });",
    "app.get('/oe', (req, res) => { Object.entries(req.query).filter(([k]) => k.length > 1).map(([k]) => eval(k)); });",
    # a function hung on the instance by `decorate` (dangerous or not); a
    # callback a queue keeps and runs later
    "fy.decorate('rn', function (c) { return eval(c); });",
    "fy.decorate('rn', function (c) { return Number(c); });",
    "fy.post('/dc', async (request) => fy.rn(request.body.c));",
    "const QJ = { ts: [], push(t) { this.ts.push(t); } };",
    "app.post('/qj', (req, res) => { const c = String(req.body.c); QJ.push(async () => eval(c)); });",
    # a route whose handler tests express-validator's errors (or goes on
    # anyway); a library method bound to its object
    "const { query: vq, validationResult } = require('express-validator');",
    "app.get('/vr', vq('n').isInt(), (req, res) => { if (!validationResult(req).isEmpty()) return; eval(req.query.n); });",
    "app.get('/vr', vq('n').isInt(), (req, res) => { validationResult(req); eval(req.query.n); });",
    "const dbb = new (require('sqlite3').Database)('a.db');\nconst rows = dbb.all.bind(dbb);",
    "app.get('/bd', (req, res) => { rows('SELECT ' + req.query.c); });",
    # a request body read by iterating the stream (or only measured); the
    # request's list as it came or nothing
    "const http = require('http');\nhttp.createServer(async (req, res) => { let b = ''; for await (const c of req) b += c; eval(b); });",
    "const http = require('http');\nhttp.createServer(async (req, res) => { let b = 0; for await (const c of req) b += c.length; eval(b); });",
    "app.post('/ia', (req, res) => { const xs = Array.isArray(req.body.x) ? req.body.x : []; for (const x of xs) new MongoClient('m').db('a').collection('u').findOne({ n: x.n }); });",
    # an Ajv validator compiled from a schema typing the field (or not); a
    # GraphQL argument the module's schema types a number (or text)
    "const Ajv = require('ajv');\nconst ajc = new Ajv().compile({ type: 'object', properties: { n: { type: 'integer' } } });",
    "const Ajv = require('ajv');\nconst ajc = new Ajv().compile({ type: 'object', properties: { n: { type: 'string' } } });",
    "app.post('/aj', (req, res) => { if (ajc(req.body)) eval(req.body.n); });",
    "const GQ = `type Query { q(n: Int): String }`;",
    "const GQ = `type Query { q(n: String): String }`;",
    "export const gqr = { Query: { q: (parent, args) => eval(args.n) } };",
    # a route's validation holding in a handler a wrapper makes (a sanitizer,
    # or only a trim)
    "const wrap = (h) => (...a) => h(...a);",
    "const wrap = (fn) => (...a) => fn(...a);",
    "app.get('/wv', vq('n').toInt(), wrap((req, res) => { eval(req.query.n); }));",
    "app.get('/wv', vq('n').trim(), wrap((req, res) => { eval(req.query.n); }));",
    # a request body collected by one callback, read by another
    "const http = require('http');\nhttp.createServer((req, res) => { const cs = []; req.on('data', (c) => cs.push(c)); req.on('end', () => eval(cs.join(''))); });",
    "const http = require('http');\nhttp.createServer((req, res) => { const cs = []; req.on('data', (c) => cs.push(c.length)); req.on('end', () => eval(cs.join(''))); });",
    # a class picked from a module's table by the request and made (its method
    # returning the request's value, or a constant)
    "class Rt { target(req: any) { return req.query.next; } }",
    "class Rt { target(req: any) { return '/home'; } }",
    "const rts = new Map([['a', Rt]]);\napp.get('/rt', (req: any, res: any) => { const S = rts.get(req.query.k); res.redirect(new S().target(req)); });",
    # an ES5 constructor function whose prototype method runs the value (or not)
    "function Pq(this: any) {}\nPq.prototype.run = function (h: string) { eval(h); };",
    "function Pq(this: any) {}\nPq.prototype.run = function (h: string) { eval('1' + h.length); };",
    "app.get('/pq', (req: any, res: any) => { const p = new Pq(); p.run(req.query.h); });",
    # callbacks handed in a list to a function of the workspace (reading the
    # value they captured, or only its length)
    "function wf(ts: any[]) { const t = ts[0]; t.apply(null, []); }",
    "app.get('/wf', (req: any, res: any) => { const p = req.query.p; wf([() => { eval(p); }]); });",
    "app.get('/wf', (req: any, res: any) => { const p = req.query.p; wf([() => { eval('1' + p.length); }]); });",
    # a hand-written `pipe(...fns)` whose last step keeps only letters (or trims)
    "const pp = (...fns: any[]) => (x: any) => fns.reduce((v: any, f: any) => f(v), x);",
    "const clean = (s: string) => s.replace(/[^a-z]/g, '');",
    "const clean = (s: string) => s.trim();",
    "app.get('/pp', (req: any, res: any) => { eval(pp(String, clean)(req.query.c)); });",
    # a mixin object's method put on a class's prototype (running the value or not)
    "const Mx = { go(c: string) { eval(c); } };",
    "const Mx = { go(c: string) { eval('1' + c.length); } };",
    "class Tm {}\nObject.assign(Tm.prototype, Mx);\napp.get('/tm', (req: any, res: any) => { const t: any = new Tm(); t.go(req.query.c); });",
    # a method picked by a name built on a constant prefix (running the value or not)
    "class Nd { go(a: string, h: string) { const me: any = this; return me['do' + a](h); } doX(h: string) { eval(h); } }",
    "class Nd { go(a: string, h: string) { const me: any = this; return me['do' + a](h); } doX(h: string) { eval('1' + h.length); } }",
    "app.get('/nd', (req: any, res: any) => { new Nd().go(req.query.a, req.query.h); });",
    # a helper's prefix check under a directory built from a checked slug (or not)
    "import * as cpath from 'path';\nimport * as cfs from 'fs';\nfunction inside(root: string, n: string) { const t = cpath.resolve(root, n); if (!t.startsWith(root + cpath.sep)) { throw new Error('x'); } return t; }",
    "app.get('/ci', (req: any, res: any) => { if (!/^[a-z]+$/.test(req.query.s)) return; cfs.readFileSync(inside('/r/' + req.query.s, req.query.n)); });",
    "app.get('/ci', (req: any, res: any) => { cfs.readFileSync(inside('/r/' + req.query.s, req.query.n)); });",
    # an ES5 constructor function keeping its method on `this` (running the
    # value or not), made with `new` in another module; one keeping a handler
    "export function Dq(this: any) { this.run = (h: string) => { eval(h); }; }",
    "export function Dq(this: any) { this.run = (h: string) => { eval('1' + h.length); }; }",
    "import { Dq } from './m0';\napp.get('/dq', (req: any, res: any) => { const d: any = new Dq(); d.run(req.query.h); });",
    "function Hq(this: any) { this.go = (req: any, res: any) => { eval(req.query.g); }; }",
    "function Hq(this: any) { this.go = (req: any, res: any) => { eval('1' + req.query.g.length); }; }",
    # a module whose `module.exports` is an object of its class (running the
    # value or not), required whole
    "class Os { run(c: string) { eval(c); } }\nmodule.exports = new Os();",
    "class Os { run(c: string) { eval('1' + c.length); } }\nmodule.exports = new Os();",
    "const os2 = require('./m0');\napp.get('/os', (req: any, res: any) => { os2.run(req.query.c); });",
    # a module's exported functions (running the value or not) handed to a
    # service an ES5 constructor function makes, exported whole
    "function dec(t: string) { eval(t); }\nmodule.exports = { dec };",
    "function dec(t: string) { eval('1' + t.length); }\nmodule.exports = { dec };",
    "const cdc = require('./m0');\nfunction Sv(this: any, c: any) { this.go = (t: string) => c.dec(t); }\nmodule.exports = new Sv(cdc);",
    "const sv = require('./m1');\napp.post('/sv', (req: any, res: any) => { sv.go(req.body.t); });",
    # a module's default export an object it makes (running the value or not)
    "class Dp { go(c: string) { eval(c); } }\nexport default new Dp();",
    "class Dp { go(c: string) { eval('1' + c.length); } }\nexport default new Dp();",
    "import dp0 from './m0';\napp.get('/dp0', (req: any, res: any) => { dp0.go(req.query.c); });",
    # objects of a class (holding the request's text or a number) made by a map
    # and kept by another object, whose method runs each one's
    "class RlJ { c: any; constructor(c: any) { this.c = c; } run() { return eval(this.c); } }\n"
    "class SmJ { rs: any; constructor(rs: any) { this.rs = rs; } go() { return this.rs.filter((r: any) => r.run()); } }",
    "app.post('/smj', (req: any, res: any) => { new SmJ(req.body.cs.map((c: any) => new RlJ(c))).go(); });",
    "app.post('/smj', (req: any, res: any) => { new SmJ(req.body.cs.map((c: any) => new RlJ(Number(c)))).go(); });",
    # a table of EJS templates (every tag escaping, or one raw), one picked by the request
    "const ejs2 = require('ejs');\nconst TPJ = new Map([['a', '<p><%= n %></p>'], ['b', '<b><%= n %></b>']]);",
    "const ejs2 = require('ejs');\nconst TPJ = new Map([['a', '<p><%= n %></p>'], ['b', '<b><%- n %></b>']]);",
    "app.get('/tpj', (req: any, res: any) => { const t = TPJ.get(req.query.t); if (!t) return; res.send(ejs2.render(t, { n: req.query.n })); });",
    # a queue whose first item is a constant, the request's name pushed after it
    # (the first taken, or the last)
    "const fsq = require('fs');\napp.get('/shq', (req: any, res: any) => { const q = ['d.png']; if (req.query.n) q.push(req.query.n); res.send(fsq.readFileSync('/a/' + q.shift())); });",
    "const fsq = require('fs');\napp.get('/shq', (req: any, res: any) => { const q = ['d.png']; if (req.query.n) q.push(req.query.n); res.send(fsq.readFileSync('/a/' + q.pop())); });",
    # text with `<` taken out (quotes left) between tags, or inside a tag
    "const esc5 = (s: any) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');",
    "app.get('/es5', (req: any, res: any) => { res.send('<p>' + esc5(req.query.q) + '</p>'); });",
    "app.get('/es5', (req: any, res: any) => { res.send('<p title=' + esc5(req.query.q) + '>x</p>'); });",
    # a check whose regular expression is handed in (letters only, or anything)
    "function ckr(p: any, v: any) { if (!p.test(v)) throw new Error('x'); return v; }",
    "app.get('/ckr', (req: any, res: any) => { res.send('<p>' + ckr(/^[a-z]+$/, req.query.c) + '</p>'); });",
    "app.get('/ckr', (req: any, res: any) => { res.send('<p>' + ckr(/^.+$/, req.query.c) + '</p>'); });",
    # another module's composition of steps (escaping, or trimming only), made once
    "export function pp2(...steps: any[]) { return (input: any) => steps.reduce((v: any, s: any) => s(v), input); }",
    "import { pp2 } from './m0';\nconst esc2 = (s: any) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\"/g, '&quot;');\n"
    "const rp2 = pp2(esc2);\napp.get('/pp2', (req: any, res: any) => { res.send(rp2(req.query.c)); });",
    "import { pp2 } from './m0';\nconst rp2 = pp2((s: any) => String(s).trim());\napp.get('/pp2', (req: any, res: any) => { res.send(rp2(req.query.c)); });",
    # a factory's function mapping an object's values with the function handed
    # (taking `<` out, or trimming), called at once
    "function mvq(fn: any) { return (r: any) => Object.fromEntries(Object.entries(r).map(([k, v]: any) => [k, fn(v)])); }",
    "app.post('/mvq', (req: any, res: any) => { const c: any = mvq((s: any) => String(s).replace(/</g, '&lt;'))({ n: req.body.n }); res.send('<p>' + c.n + '</p>'); });",
    "app.post('/mvq', (req: any, res: any) => { const c: any = mvq((s: any) => String(s).trim())({ n: req.body.n }); res.send('<p>' + c.n + '</p>'); });",
    # a service holding a runner it was handed (running the value, or its length)
    "class Pr3 { go(h: any) { eval(h); } }",
    "class Pr3 { go(h: any) { eval('1' + h.length); } }",
    "class Ds3 { r: any; constructor(r: any) { this.r = r; } go(h: any) { return this.r.go(h); } }\n"
    "app.get('/ds3', (req: any, res: any) => { new Ds3(new Pr3()).go(req.query.h); });",
    # an arbitrary-precision number's text, or the request's
    "const Dec4 = require('decimal.js');\napp.get('/dc4', (req: any, res: any) => { res.send('<p>' + new Dec4(req.query.a).toFixed(2) + '</p>'); });",
    "const Dec4 = require('decimal.js');\napp.get('/dc4', (req: any, res: any) => { res.send('<p>' + req.query.a + '</p>'); });",
    # the callback of `Array.from` making markup of a name it captured (text, or a number)
    "app.get('/afr', (req: any, res: any) => { const t = String(req.query.t); res.send(Array.from({ length: 2 }, (_: any, i: number) => '<p>' + t + i + '</p>').join('')); });",
    "app.get('/afr', (req: any, res: any) => { const t = Number(req.query.t); res.send(Array.from({ length: 2 }, (_: any, i: number) => '<p>' + t + i + '</p>').join('')); });",
    # a joi schema keeping the keys it does not name (or not)
    "const Joi5 = require('joi');\nconst RS5 = Joi5.object({ c: Joi5.string().guid() }).unknown(true);",
    "const Joi5 = require('joi');\nconst RS5 = Joi5.object({ c: Joi5.string().guid() });",
    "app.get('/rs5', (req: any, res: any) => { const { error, value } = RS5.validate(req.query); if (error) return; res.send('<p>' + value.g + '</p>'); });",
    # a helper returning one of a table's function expressions (each on a fixed host, or not)
    "const PRV6: any = { a: (r: string) => 'https://a.example.com/' + encodeURIComponent(r), b: (r: string) => 'https://b.example.com/' + encodeURIComponent(r) };",
    "const PRV6: any = { a: (r: string) => 'https://a.example.com/' + encodeURIComponent(r), b: (r: string) => r };",
    "function prv6(n: string) { return Object.hasOwn(PRV6, n) ? PRV6[n] : PRV6.a; }\napp.get('/prv6/:p', async (req: any, res: any) => { await fetch(prv6(req.params.p)(String(req.query.r))); res.end(); });",
    # ldapjs's options: the attributes asked for (or the filter) of the request's
    "const ld7 = require('ldapjs').createClient({ url: 'ldap://x' });\napp.get('/ld7', (req: any, res: any) => { ld7.search('dc=x', { filter: '(a=b)', attributes: [req.query.a] }, () => res.end()); });",
    "const ld7 = require('ldapjs').createClient({ url: 'ldap://x' });\napp.get('/ld7', (req: any, res: any) => { ld7.search('dc=x', { filter: '(a=' + req.query.a + ')' }, () => res.end()); });",
    # a helper pushing a job onto the module's queue that a named function drains (code, or a number)
    "const JQ9: any[] = [];\nfunction dr9() { while (JQ9.length) { const j = JQ9.shift(); eval(j.code); } }\nfunction sch9(job: any) { JQ9.push(job); setImmediate(dr9); }",
    "app.post('/sch9', (req: any, res: any) => { sch9({ code: req.body.code }); res.end(); });",
    "app.post('/sch9', (req: any, res: any) => { sch9({ code: String(Number(req.body.code)) }); res.end(); });",
    # a table's entry at the request's key, checked truthy (or falling back to the request's)
    "const UP8: any = { a: 'https://a.example.com/', b: 'https://b.example.com/' };\napp.get('/up8', async (req: any, res: any) => { const b = UP8[req.query.k]; if (!b) return res.end(); await fetch(b + req.query.p); res.end(); });",
    "const UP8: any = { a: 'https://a.example.com/', b: 'https://b.example.com/' };\napp.get('/up8', async (req: any, res: any) => { const b = UP8[req.query.k] || req.query.o; if (!b) return res.end(); await fetch(b + req.query.p); res.end(); });",
    # a decoded token's header property checked, the header handed on whole
    # a DOM element's append adds text, jQuery's parses HTML
    "const dap9 = document.createElement('p');\ndap9.append(location.hash.slice(1));",
    "const dap9 = $('#x');\ndap9.append(location.hash.slice(1));",
    # a message listener given by name, or only checked in its own body
    "function nl9(e: any) { document.body.innerHTML = e.data; }\nwindow.addEventListener('message', nl9);",
    "function nl9(e: any) { document.body.innerHTML = String(Number(e.data)); }\nwindow.addEventListener('message', nl9);",
    # a Lambda's HTML response with the event's text, or a JSON one
    "export const lj9 = async (event: any) => ({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: `<p>${event.body}</p>` });",
    "export const lj9 = async (event: any) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: `<p>${event.body}</p>` });",
    # a factory's returned function reads the factory's name, not the caller's
    "function mk9(m: any) { return (i: any) => require('child_process').exec('run ' + m + i); }\napp.post('/mk9', (req: any, res: any) => { const m = req.body.m; mk9(m === 'a' ? 'a' : 'b')(1); res.end(); });",
    "function mk9(m: any) { return (i: any) => require('child_process').exec('run ' + m + i); }\napp.post('/mk9', (req: any, res: any) => { const m = req.body.m; mk9(m)(1); res.end(); });",
    # an h3 event handler's query run, or only counted
    "export const h39 = require('h3').defineEventHandler((event: any) => { require('child_process').exec('ping ' + require('h3').getQuery(event).host); });",
    "export const h39 = require('h3').defineEventHandler((event: any) => { require('child_process').exec('ping ' + String(require('h3').getQuery(event).host).length); });",
    # a Hono handler's query run, or only counted
    "const hn9 = new (require('hono').Hono)();\nhn9.get('/hn9', (c: any) => { require('child_process').exec('ping ' + c.req.query('h')); return c.text('ok'); });",
    "const hn9 = new (require('hono').Hono)();\nhn9.get('/hn9', (c: any) => { require('child_process').exec('ping ' + String(c.req.query('h')).length); return c.text('ok'); });",
    # Express sends an object as JSON, text as HTML
    "app.get('/rso9', (req: any, res: any) => { res.send({ q: req.query.q }); });",
    "app.get('/rso9', (req: any, res: any) => { res.send(`<p>${req.query.q}</p>`); });",
    "const JW9 = ['https://a.example.com/k'];\nasync function kf9(h: any) { await require('axios').get(h.jku); }\napp.post('/jw9', async (req: any, res: any) => { const d: any = require('jsonwebtoken').decode(req.body.t, { complete: true }); if (!JW9.includes(d.header.jku)) return res.end(); await kf9(d.header); res.end(); });",
    "const JW9 = ['https://a.example.com/k'];\nasync function kf9(h: any) { await require('axios').get(h.jku); }\napp.post('/jw9', async (req: any, res: any) => { const d: any = require('jsonwebtoken').decode(req.body.t, { complete: true }); if (!d.header.kid) return res.end(); await kf9(d.header); res.end(); });",
    # the page's own origin in a redirect, or its hash
    "const org33 = new URL('/home', window.location.origin);\nwindow.location.replace(org33.href);",
    "const org33 = new URL(location.hash.slice(1), window.location.origin);\nwindow.location.replace(org33.href);",
    # React state started from the page's URL (or from a constant) shown as HTML
    "import { useState } from 'react';\nfunction rd33() { return location.hash; }\nexport function St33() { const [v] = useState(rd33); rd33(); document.body.innerHTML = v; }",
    "import { useState } from 'react';\nfunction rd33() { return location.hash; }\nexport function St33() { const [v] = useState('x'); rd33(); document.body.innerHTML = v; }",
    # a template rendered into a callback: one that writes a value raw, or escapes it
    "const nj33 = require('nunjucks');\napp.get('/nj33', (req: any, res: any) => { nj33.renderString('<b>{{ h | safe }}</b>', { h: req.query.h }, (e: any, html: any) => res.send(html)); });",
    "const nj33 = require('nunjucks');\napp.get('/nj33', (req: any, res: any) => { nj33.renderString('<b>{{ h }}</b>', { h: req.query.h }, (e: any, html: any) => res.send(html)); });",
    # the language a client accepts (one offered) or what it sent, in a page
    "app.get('/al33', (req: any, res: any) => { res.send('<html lang=\"' + (req.acceptsLanguages('en', 'de') || 'en') + '\"></html>'); });",
    "app.get('/al33', (req: any, res: any) => { res.send('<html lang=\"' + (req.get('accept-language') || 'en') + '\"></html>'); });",
    # a replacement function writing the request's value (or a constant) into a page
    "app.get('/rp34', (req: any, res: any) => { const q = String(req.query.q); res.send('<b>X</b>'.replace('X', () => q)); });",
    "app.get('/rp34', (req: any, res: any) => { const q = String(req.query.q); res.send('<b>X</b>'.replace('X', () => (q ? 'y' : 'n'))); });",
    # a route's middleware proving a field's pattern before next() (or only its type)
    "function mw34(req: any, res: any, next: any) { const q = req.query.q; if (typeof q !== 'string' || !/^[a-z]+$/.test(q)) { return res.status(400).end(); } next(); }\napp.get('/mw34', mw34, (req: any, res: any) => { res.send('<b>' + req.query.q + '</b>'); });",
    "function mw34(req: any, res: any, next: any) { const q = req.query.q; if (typeof q !== 'string') { return res.status(400).end(); } next(); }\napp.get('/mw34', mw34, (req: any, res: any) => { res.send('<b>' + req.query.q + '</b>'); });",
    # hosts allowed through toLowerCase() (or a suffix without a dot)
    "const HOSTS34 = new Set(['a.example.com']);\napp.get('/hc34', async (req: any, res: any) => { const u = new URL(String(req.query.u)); if (!HOSTS34.has(u.hostname.toLowerCase())) { return res.end(); } res.json(await fetch(u)); });",
    "const HOSTS34 = new Set(['a.example.com']);\napp.get('/hc34', async (req: any, res: any) => { const u = new URL(String(req.query.u)); if (!u.hostname.toLowerCase().endsWith('example.com')) { return res.end(); } res.json(await fetch(u)); });",
    # an escaped value in an unquoted attribute (or a quoted one)
    "const esc34 = require('escape-html');\napp.get('/hr34', (req: any, res: any) => { res.send('<b data-x=' + esc34(String(req.query.u)) + '>x</b>'); });",
    "const esc34 = require('escape-html');\napp.get('/hr34', (req: any, res: any) => { res.send('<b data-x=\"' + esc34(String(req.query.u)) + '\">x</b>'); });",
    # libxmljs's find takes XPath (or the value is checked to hold no quote)
    "const lx35 = require('libxmljs');\nconst lx35doc = lx35.parseXml('<a/>');\napp.get('/lx35', (req: any, res: any) => { res.json(lx35doc.find('//b[@n=\"' + req.query.n + '\"]').length); });",
    "const lx35 = require('libxmljs');\nconst lx35doc = lx35.parseXml('<a/>');\napp.get('/lx35', (req: any, res: any) => { const n = String(req.query.n); if (!/^[a-z]+$/.test(n)) { return res.end(); } res.json(lx35doc.find('//b[@n=\"' + n + '\"]').length); });",
    # a Hono route's zod validator constrains the field (or only types it a string)
    "const { Hono } = require('hono');\nconst { zValidator } = require('@hono/zod-validator');\nconst { z } = require('zod');\nconst { execSync: hz36exec } = require('child_process');\nconst hz36 = new Hono();\nconst Hz36 = z.object({ f: z.enum(['png', 'gif']) });\nhz36.post('/hz36', zValidator('query', Hz36), (c: any) => { hz36exec('convert x.' + c.req.valid('query').f); return c.text('ok'); });",
    "const { Hono } = require('hono');\nconst { zValidator } = require('@hono/zod-validator');\nconst { z } = require('zod');\nconst { execSync: hz36exec } = require('child_process');\nconst hz36 = new Hono();\nconst Hz36 = z.object({ f: z.string() });\nhz36.post('/hz36', zValidator('query', Hz36), (c: any) => { hz36exec('convert x.' + c.req.valid('query').f); return c.text('ok'); });",
    # a URL started by one of a Map's origins and a slash (or no slash)
    "const ut36 = require('axios');\nconst UT36 = new Map([['a', 'http://a.internal:80'], ['b', 'http://b.internal:80']]);\napp.get('/ut36/:s', async (req: any, res: any) => { const base = UT36.get(req.params.s); if (!base) { return res.end(); } res.json((await ut36.get(`${base}/${req.query.p}`)).data); });",
    "const ut36 = require('axios');\nconst UT36 = new Map([['a', 'http://a.internal:80'], ['b', 'http://b.internal:80']]);\napp.get('/ut36/:s', async (req: any, res: any) => { const base = UT36.get(req.params.s); if (!base) { return res.end(); } res.json((await ut36.get(`${base}${req.query.p}`)).data); });",
    # the piece of a text's constant start a split gives (or the piece after it)
    "export function ts47(q: string) { const [k, rest] = `job:${q}`.split(':'); return k; }",
    "export function ts47(q: string) { const [k, rest] = `job:${q}`.split(':'); return rest; }",
    # an array's find with a test that validates (or only types); a search for a
    # character out of a class (with g: from where the last one stopped); a table's
    # own key (or `in`, which lets `constructor` through)
    "const NAME47 = /^[a-z]+$/;\nexport function fd47(a: any, b: any) { return [a, b].find((v) => typeof v === 'string' && NAME47.test(v)); }",
    "const NAME47 = /^[a-z]+$/;\nexport function fd47(a: any, b: any) { return [a, b].find((v) => typeof v === 'string'); }",
    "const BAD47 = /[^a-z0-9.-]/;\nexport function dy47(q: string) { if (BAD47.test(q)) { return ''; } return q; }",
    "const BAD47 = /[^a-z0-9.-]/g;\nexport function dy47(q: string) { if (BAD47.test(q)) { return ''; } return q; }",
    "const CASTS47: any = { int: (v: any) => parseInt(v, 10) };\nexport function ik47(k: string, v: any) { if (!Object.hasOwn(CASTS47, k)) { return 0; } return CASTS47[k](v); }",
    "const CASTS47: any = { int: (v: any) => parseInt(v, 10) };\nexport function ik47(k: string, v: any) { if (!(k in CASTS47)) { return 0; } return CASTS47[k](v); }",
    "import { ts47, fd47, dy47, ik47 } from './m0';",
    # callbacks whose bodies span lines: a comment typed in one carries the analysis
    # over; in a callback inside a call's callee (`.then(cb).catch`) it is analysed again
    "app.get('/cb47', (req: any, res: any) => {\n  const q = String(req.query.q);\n  res.send(q.length);\n});",
    "fetch('/cb47').then((r: any) => {\n  return r.json();\n}).catch((e: any) => e);",
    "import { exec as ts47exec } from 'child_process';\napp.get('/ts47', (req: any, res: any) => { ts47exec('run ' + ts47(String(req.query.q)) + fd47(req.query.a, req.query.b) + dy47(String(req.query.q)) + ik47(String(req.query.k), req.query.v)); res.end(); });",
    # a class's static table, filled by a static method at the top level (the other key)
    "class Sr48 { static t: any = {}; static reg(k: string, f: any) { Sr48.t[k] = f; } }\nSr48.reg('a', (v: any) => v);\nSr48.reg('b', (v: any) => Number(v));\nexport function sr48(q: string) { return Sr48.t.a(q); }",
    "class Sr48 { static t: any = {}; static reg(k: string, f: any) { this.t[k] = f; } }\nSr48.reg('a', (v: any) => v);\nSr48.reg('b', (v: any) => Number(v));\nexport function sr48(q: string) { return Sr48.t.b(q); }",
    # a type guard checking a cast copy of its parameter (another field)
    "export function gd48(v: unknown): boolean { const c = v as any; return typeof c?.a === 'string'; }",
    "export function gd48(v: unknown): boolean { const c = v as any; return typeof c?.b === 'string'; }",
    # a body read by iterating the request (or a constant list)
    "export async function fa48(req: any) { let raw = ''; for await (const c of req) { raw += c; } return raw; }",
    "export async function fa48(req: any) { let raw = ''; for await (const c of ['x']) { raw += c; } return raw; }",
    "import { sr48, gd48, fa48 } from './m0';",
    # an error handed to next(), which the error middleware writes (or not)
    "app.get('/em48', (req: any, res: any, next: any) => next(new Error(String(req.query.q))));\napp.use((err: any, req: any, res: any, next: any) => res.send(err.message));",
    "app.get('/em48', (req: any, res: any, next: any) => next(new Error(String(req.query.q))));\napp.use((err: any, req: any, res: any, next: any) => res.send('failed'));",
    "import { exec as sr48exec } from 'child_process';\napp.post('/sr48', async (req: any, res: any) => { if (gd48(req.body)) { sr48exec('run ' + sr48(String(req.query.q)) + req.body.a + (await fa48(req))); } res.end(); });",
    # a module name upgraded under a constant condition (or kept), and cookie options
    # frozen with a constant that folds
    "import * as cr48 from 'crypto';\nlet dg48 = 'md5';\nif (7 * 3 > 20) { dg48 = 'sha256'; }\nexport function hs48(t: string) { return cr48.createHash(dg48).update(t).digest('hex'); }",
    "import * as cr48 from 'crypto';\nlet dg48 = 'md5';\nif (7 * 3 < 20) { dg48 = 'sha256'; }\nexport function hs48(t: string) { return cr48.createHash(dg48).update(t).digest('hex'); }",
    "const TLS48 = 7 * 3 > 20;\nconst CK48 = Object.freeze({ httpOnly: true, secure: TLS48 });\napp.get('/ck48', (req: any, res: any) => { res.cookie('a', 'b', { ...CK48 }); res.end(); });",
    "const TLS48 = 7 * 3 < 20;\nconst CK48 = Object.freeze({ httpOnly: true, secure: TLS48 });\napp.get('/ck48', (req: any, res: any) => { res.cookie('a', 'b', { ...CK48 }); res.end(); });",
    # an EventEmitter subclass's object: its own listener runs on emit (or another's)
    "import { EventEmitter } from 'events';\nimport { exec as ex48 } from 'child_process';\nclass Em48 extends EventEmitter { constructor() { super(); this.on('go', (c: any) => ex48(c)); } }\nconst EM48 = new Em48();\napp.get('/em48b', (req: any, res: any) => { EM48.emit('go', req.query.c); res.end(); });",
    "import { EventEmitter } from 'events';\nimport { exec as ex48 } from 'child_process';\nclass Em48 extends EventEmitter { constructor() { super(); this.on('go', (c: any) => ex48('ls')); } }\nconst EM48 = new Em48();\napp.get('/em48b', (req: any, res: any) => { EM48.emit('go', req.query.c); res.end(); });",
    # the same with EventEmitter imported under another name (its listener of
    # another event); a hash function bound to a name (a strong one)
    "import { EventEmitter as Ee49 } from 'events';\nimport { exec as ex49 } from 'child_process';\nclass Em49 extends Ee49 { constructor() { super(); this.on('go', (c: any) => ex49(c)); } }\nconst EM49 = new Em49();\napp.get('/em49', (req: any, res: any) => { EM49.emit('go', req.query.c); res.end(); });",
    "import { EventEmitter as Ee49 } from 'events';\nimport { exec as ex49 } from 'child_process';\nclass Em49 extends Ee49 { constructor() { super(); this.on('stop', (c: any) => ex49(c)); } }\nconst EM49 = new Em49();\napp.get('/em49', (req: any, res: any) => { EM49.emit('go', req.query.c); res.end(); });",
    "import * as cr49 from 'crypto';\nexport function hs49(t: string) { const make = cr49.createHash; return make('md5').update(t).digest('hex'); }",
    "import * as cr49 from 'crypto';\nexport function hs49(t: string) { const make = cr49.createHash; return make('sha256').update(t).digest('hex'); }",
    # a GraphQL server's context made from a header (or a constant), read by a resolver
    "import { startStandaloneServer as ss49 } from '@apollo/server/standalone';\nexport const R49 = { Query: { c: async (_parent: any, { sku }: any, ctx: any) => fetch(`${ctx.base}/i/${sku}`) } };\nss49({} as any, { context: async ({ req }: any) => ({ base: String(req.headers['x-base']), fixed: 'https://a.example' }) });",
    "import { startStandaloneServer as ss49 } from '@apollo/server/standalone';\nexport const R49 = { Query: { c: async (_parent: any, { sku }: any, ctx: any) => fetch(`${ctx.fixed}/i/${sku}`) } };\nss49({} as any, { context: async ({ req }: any) => ({ base: String(req.headers['x-base']), fixed: 'https://a.example' }) });",
    # a DataLoader's batch function building its SQL from the keys (or binding them)
    "import DataLoader from 'dataloader';\nimport { Pool as Pl49 } from 'pg';\nconst PL49 = new Pl49();\nasync function bt49(keys: any) { return (await PL49.query(`SELECT * FROM t WHERE id IN (${keys.join(',')})`)).rows; }\nconst DL49 = new DataLoader(bt49);\nexport const R49b = { Query: { b: (_parent: any, { id }: any) => DL49.load(id) } };",
    "import DataLoader from 'dataloader';\nimport { Pool as Pl49 } from 'pg';\nconst PL49 = new Pl49();\nasync function bt49(keys: any) { return (await PL49.query('SELECT * FROM t WHERE id = ANY($1)', [keys])).rows; }\nconst DL49 = new DataLoader(bt49);\nexport const R49b = { Query: { b: (_parent: any, { id }: any) => DL49.load(id) } };",
    # an allow-list checked with indexOf (inverted); each label of a host checked in a
    # loop that leaves (or logs); a text's start cut inside its prefix (or past it)
    "const EXT49 = ['.png', '.jpg'];\napp.post('/ix49', (req: any, res: any) => { const e = String(req.body.e); if (EXT49.indexOf(e) === -1) { return res.end(); } res.send('<p>' + e); });",
    "const EXT49 = ['.png', '.jpg'];\napp.post('/ix49', (req: any, res: any) => { const e = String(req.body.e); if (EXT49.indexOf(e) !== -1) { return res.end(); } res.send('<p>' + e); });",
    "import { exec as ex49b } from 'child_process';\nconst LB49 = /^[a-z0-9-]+$/;\napp.post('/sp49', (req: any, res: any) => { const h = String(req.body.h); for (const l of h.split('.')) { if (!LB49.test(l)) { return res.end(); } } ex49b('ping ' + h); res.end(); });",
    "import { exec as ex49b } from 'child_process';\nconst LB49 = /^[a-z0-9-]+$/;\napp.post('/sp49', (req: any, res: any) => { const h = String(req.body.h); for (const l of h.split('.')) { if (!LB49.test(l)) { console.log(l); } } ex49b('ping ' + h); res.end(); });",
    "const PF49 = 'exports/';\napp.get('/ss49', (req: any, res: any) => { const f = PF49 + String(req.query.r); res.send('<p>' + f.substring(0, PF49.length - 1)); });",
    "const PF49 = 'exports/';\napp.get('/ss49', (req: any, res: any) => { const f = PF49 + String(req.query.r); res.send('<p>' + f.substring(0, PF49.length + 4)); });",
    # formidable's upload name (or its stored path); an uploaded zip's members; a
    # path's pieces checked together (or not); passport-local's form; items pushed
    # several at a time into a template's source (constants only)
    "import formidable from 'formidable';\nimport * as fs49 from 'fs';\napp.post('/fm49', (req: any, res: any) => { formidable({}).parse(req, (e: any, f: any, files: any) => { fs49.renameSync(files.a.filepath, '/srv/' + files.a.originalFilename); res.end(); }); });",
    "import formidable from 'formidable';\nimport * as fs49 from 'fs';\napp.post('/fm49', (req: any, res: any) => { formidable({}).parse(req, (e: any, f: any, files: any) => { fs49.renameSync(files.a.filepath, '/srv/' + Date.now()); res.end(); }); });",
    "import AdmZip from 'adm-zip';\nimport multer from 'multer';\nimport * as fs49z from 'fs';\napp.post('/az49', multer({ dest: '/t' }).single('b'), (req: any, res: any) => { for (const e of new AdmZip(req.file.path).getEntries()) { fs49z.writeFileSync('/srv/' + e.entryName, e.getData()); } res.end(); });",
    "import AdmZip from 'adm-zip';\nimport multer from 'multer';\nimport * as fs49z from 'fs';\napp.post('/az49', multer({ dest: '/t' }).single('b'), (req: any, res: any) => { for (const e of new AdmZip(req.file.path).getEntries()) { fs49z.writeFileSync('/srv/' + Date.now(), e.getData()); } res.end(); });",
    "import * as path49 from 'path';\nimport * as fs49p from 'fs';\napp.post('/pc49', (req: any, res: any) => { const s = String(req.body.p).split('/'); const bad = s.some((x: string) => x === '' || x === '..'); if (bad || s.length > 9) { return res.end(); } fs49p.writeFileSync(path49.join('/srv', ...s), 'x'); res.end(); });",
    "import * as path49 from 'path';\nimport * as fs49p from 'fs';\napp.post('/pc49', (req: any, res: any) => { const s = String(req.body.p).split('/'); const bad = s.some((x: string) => x === ''); if (bad || s.length > 9) { return res.end(); } fs49p.writeFileSync(path49.join('/srv', ...s), 'x'); res.end(); });",
    "import { Strategy as Ls49 } from 'passport-local';\nimport { createPool as cp49 } from 'mysql2/promise';\nconst P49 = cp49({});\nexport const LS49 = new Ls49(async (u: string, p: string, done: any) => { done(null, await P49.query(`SELECT * FROM u WHERE e = '${u}'`)); });",
    "import { Strategy as Ls49 } from 'passport-local';\nimport { createPool as cp49 } from 'mysql2/promise';\nconst P49 = cp49({});\nexport const LS49 = new Ls49(async (u: string, p: string, done: any) => { done(null, await P49.query('SELECT * FROM u WHERE e = ?', [u])); });",
    "import * as ld49 from 'lodash';\napp.post('/pu49', (req: any, res: any) => { const l = ['a']; l.push('', String(req.body.n), ''); res.send(ld49.template(l.join('\\n'))({})); });",
    "import * as ld49 from 'lodash';\napp.post('/pu49', (req: any, res: any) => { const l = ['a']; l.push('', 'b', ''); res.send(ld49.template(l.join('\\n'))({ n: String(req.body.n) })); });",
    # a route publishing to Kafka and the module's consumer building SQL from it (bound)
    "import { Kafka as Kf49 } from 'kafkajs';\nimport { Pool as Pq49 } from 'pg';\nconst K49 = new Kf49({ brokers: [] });\nconst PR49 = K49.producer();\nconst CO49 = K49.consumer({ groupId: 'g' });\nconst DB49 = new Pq49();\napp.post('/kf49', async (req: any, res: any) => { await PR49.send({ topic: 't', messages: [{ value: JSON.stringify(req.body) }] }); res.end(); });\nCO49.run({ eachMessage: async ({ message }: any) => { const e = JSON.parse(message.value.toString()); await DB49.query(`SELECT '${e.a}'`); } });",
    "import { Kafka as Kf49 } from 'kafkajs';\nimport { Pool as Pq49 } from 'pg';\nconst K49 = new Kf49({ brokers: [] });\nconst PR49 = K49.producer();\nconst CO49 = K49.consumer({ groupId: 'g' });\nconst DB49 = new Pq49();\napp.post('/kf49', async (req: any, res: any) => { await PR49.send({ topic: 't', messages: [{ value: JSON.stringify(req.body) }] }); res.end(); });\nCO49.run({ eachMessage: async ({ message }: any) => { const e = JSON.parse(message.value.toString()); await DB49.query('SELECT $1', [e.a]); } });",
    # an ES5 constructor's object handed to a router factory (built against bound SQL)
    "import * as my50 from 'mysql';\nfunction Dao50(this: any, pool: any) { this.pool = pool; }\nDao50.prototype.lookup = function (this: any, n: string) { this.pool.query(\"SELECT '\" + n + \"'\"); };\nfunction rt50(dao: any) { app.get('/es50', (req: any, res: any) => { dao.lookup(req.query.n); res.end(); }); }\nrt50(new Dao50(my50.createPool({})));",
    "import * as my50 from 'mysql';\nfunction Dao50(this: any, pool: any) { this.pool = pool; }\nDao50.prototype.lookup = function (this: any, n: string) { this.pool.query('SELECT ?', [n]); };\nfunction rt50(dao: any) { app.get('/es50', (req: any, res: any) => { dao.lookup(req.query.n); res.end(); }); }\nrt50(new Dao50(my50.createPool({})));",
    # an ES5 object made with options (noent on against off), and a prototype method bound as a handler
    "import * as lx50 from 'libxmljs';\nfunction Im50(this: any, o: any) { this.o = o; }\nIm50.prototype.parse = function (this: any, x: string) { return lx50.parseXml(x, this.o); };\nconst IM50 = new Im50({ noent: true });\napp.post('/im50', (req: any, res: any) => { IM50.parse(req.body); res.end(); });",
    "import * as lx50 from 'libxmljs';\nfunction Im50(this: any, o: any) { this.o = o; }\nIm50.prototype.parse = function (this: any, x: string) { return lx50.parseXml(x, this.o); };\nconst IM50 = new Im50({ noent: false });\napp.post('/im50', (req: any, res: any) => { IM50.parse(req.body); res.end(); });",
    "function Pc50(this: any) { this.d = 1; }\nPc50.prototype.up = function (req: any, res: any) { req.session.t = req.body.t; res.end(); };\nconst PC50 = new Pc50();\napp.post('/pc50', PC50.up.bind(PC50));",
    "function Pc50(this: any) { this.d = 1; }\nPc50.prototype.up = function (req: any, res: any) { req.session.t = 'light'; res.end(); };\nconst PC50 = new Pc50();\napp.post('/pc50', PC50.up.bind(PC50));",
    # TypeScript's import-require of a library (its sink, against a constant base)
    "import ld50 = require('ldapjs');\nconst LC50 = ld50.createClient({ url: 'ldap://x' });\napp.get('/ld50', (req: any, res: any) => { LC50.search('ou=' + req.query.o, {}, () => res.end()); });",
    "import ld50 = require('ldapjs');\nconst LC50 = ld50.createClient({ url: 'ldap://x' });\napp.get('/ld50', (req: any, res: any) => { LC50.search('ou=people', {}, () => res.end(req.query.o ? '1' : '0')); });",
    # flatMap's records (an escaped field against a raw one), a reduceRight composition (raw against text)
    "const LB50: any = { a: 'A' };\nconst es50 = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\"/g, '&quot;').replace(/'/g, '&#39;');\napp.post('/fm50', (req: any, res: any) => { const r = Object.keys(LB50).flatMap((k) => typeof req.body[k] === 'string' ? [{ l: LB50[k], v: req.body[k] }] : []); res.send(r.map(({ l, v }: any) => `${l}${es50(v)}`).join('')); });",
    "const LB50: any = { a: 'A' };\nconst es50 = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\"/g, '&quot;').replace(/'/g, '&#39;');\napp.post('/fm50', (req: any, res: any) => { const r = Object.keys(LB50).flatMap((k) => typeof req.body[k] === 'string' ? [{ l: LB50[k], v: req.body[k] }] : []); res.send(r.map(({ l, v }: any) => `${l}${v}`).join('')); });",
    "import { MongoClient as Mg50 } from 'mongodb';\nconst CO50 = new Mg50('x').db('d').collection('c');\nconst cp50 = (...fs: any[]) => (x: any) => fs.reduceRight((a: any, f: any) => f(a), x);\nconst by50 = (who: any) => (q: any) => ({ ...q, who });\nconst na50 = (q: any) => ({ ...q, a: false });\napp.post('/rr50', async (req: any, res: any) => { res.json(await CO50.find(cp50(na50, by50(req.body.w))({})).toArray()); });",
    "import { MongoClient as Mg50 } from 'mongodb';\nconst CO50 = new Mg50('x').db('d').collection('c');\nconst cp50 = (...fs: any[]) => (x: any) => fs.reduceRight((a: any, f: any) => f(a), x);\nconst by50 = (who: any) => (q: any) => ({ ...q, who });\nconst na50 = (q: any) => ({ ...q, a: false });\napp.post('/rr50', async (req: any, res: any) => { res.json(await CO50.find(cp50(na50, by50(String(req.body.w)))({})).toArray()); });",
    # a break inside an if of a case (leaving the switch, against falling through to a constant)
    "import { Pool as Pg50 } from 'pg';\nconst PG50 = new Pg50();\napp.get('/sw50', async (req: any, res: any) => { let w = 'TRUE'; switch (req.query.v) { case 's': if (req.query.q) { w = `s = '${req.query.q}'`; break; } default: w = 'a IS NULL'; } await PG50.query(`SELECT 1 WHERE ${w}`); res.end(); });",
    "import { Pool as Pg50 } from 'pg';\nconst PG50 = new Pg50();\napp.get('/sw50', async (req: any, res: any) => { let w = 'TRUE'; switch (req.query.v) { case 's': if (req.query.q) { w = `s = '${req.query.q}'`; } default: w = 'a IS NULL'; } await PG50.query(`SELECT 1 WHERE ${w}`); res.end(); });",
    # a mixin object's method on a class's prototype, called from a controller's method of that name (built against bound)
    "import * as sq50 from 'sqlite3';\nconst Sr50 = { search(t: string) { (this as any).db.all(`SELECT '${t}'`); } };\nclass Rp50 { db: any; constructor(db: any) { this.db = db; } }\nObject.assign(Rp50.prototype, Sr50);\nclass Ct50 { repo: any; constructor(r: any) { this.repo = r; this.search = this.search.bind(this); } search(req: any, res: any) { this.repo.search(req.query.q); res.end(); } }\nconst CT50 = new Ct50(new Rp50(new sq50.Database('d')));\napp.get('/ct50', CT50.search);",
    "import * as sq50 from 'sqlite3';\nconst Sr50 = { search(t: string) { (this as any).db.all('SELECT ?', [t]); } };\nclass Rp50 { db: any; constructor(db: any) { this.db = db; } }\nObject.assign(Rp50.prototype, Sr50);\nclass Ct50 { repo: any; constructor(r: any) { this.repo = r; this.search = this.search.bind(this); } search(req: any, res: any) { this.repo.search(req.query.q); res.end(); } }\nconst CT50 = new Ct50(new Rp50(new sq50.Database('d')));\napp.get('/ct50', CT50.search);",
    # a base class's setter assigned on a subclass's object (text against a number)
    "class Ru50 { #e = 'b'; set e(s: string) { this.#e = s; } run() { return new Function('b', `return ${this.#e};`); } }\nclass Tu50 extends Ru50 {}\napp.post('/ru50', (req: any, res: any) => { const r = new Tu50(); r.e = req.body.f; res.json(r.run()(1)); });",
    "class Ru50 { #e = 'b'; set e(s: string) { this.#e = String(Number(s)); } run() { return new Function('b', `return ${this.#e};`); } }\nclass Tu50 extends Ru50 {}\napp.post('/ru50', (req: any, res: any) => { const r = new Tu50(); r.e = req.body.f; res.json(r.run()(1)); });",
    # a controller made where its route is registered, its service's mixin fetching (the request's URL against a CDN's)
    "const Rm50 = { async get(u: string) { return fetch(u); } };\nclass Sv50 { d: string; constructor(d: string) { this.d = d; } }\nObject.assign(Sv50.prototype, Rm50);\nclass Cn50 { s: any; constructor(s: any) { this.s = s; this.imp = this.imp.bind(this); } async imp(req: any, res: any) { await this.s.get(req.body.u); res.end(); } }\napp.post('/cn50', new Cn50(new Sv50('/x')).imp);",
    "const Rm50 = { async get(u: string) { return fetch('https://cdn.example.com/' + encodeURIComponent(u)); } };\nclass Sv50 { d: string; constructor(d: string) { this.d = d; } }\nObject.assign(Sv50.prototype, Rm50);\nclass Cn50 { s: any; constructor(s: any) { this.s = s; this.imp = this.imp.bind(this); } async imp(req: any, res: any) { await this.s.get(req.body.u); res.end(); } }\napp.post('/cn50', new Cn50(new Sv50('/x')).imp);",
    # a host check rebinding its parameter to lower case (a subdomain's suffix against any suffix)
    "function hc51(h: string) { if (!h) return false; h = h.toLowerCase(); return h === 'example.com' || h.endsWith('.example.com'); }\napp.get('/hc51', (req: any, res: any) => { let u = String(req.query.u); const p = new URL(u); if (p.protocol !== 'https:' || !hc51(p.hostname)) { u = '/'; } res.redirect(u); });",
    "function hc51(h: string) { if (!h) return false; h = h.toLowerCase(); return h.endsWith('example.com'); }\napp.get('/hc51', (req: any, res: any) => { let u = String(req.query.u); const p = new URL(u); if (p.protocol !== 'https:' || !hc51(p.hostname)) { u = '/'; } res.redirect(u); });",
    # a mixin (a function returning a class expression) with and without a method, or returning its base; a class extending it applied to a base, in the mixin's module or another
    "export const Mx51 = (B: any) => class extends B { q51(s: string) { return new RegExp(s); } };",
    "export const Mx51 = (B: any) => class extends B { q51(s: string) { return s; } };",
    "export function Mx51(B: any) { return B; }",
    "import { Mx51 } from './m0';\nclass Bq51 { w51(s: string) { return new RegExp(s); } }\nclass Uq51 extends Mx51(Bq51) {}\napp.get('/q51', (req: any, res: any) => { const u = new Uq51(); res.json([u.q51(String(req.query.q)), u.w51(String(req.query.w))]); });",
    "class Vq51 extends Mx51(Object) {}\napp.get('/v51', (req: any, res: any) => { res.json(new Vq51().q51(String(req.query.q))); });",
    # a Proxy's get trap making filters (raw values against text), a factory's proxy, Reflect.get of a parsed state
    "import { MongoClient as Mc51 } from 'mongodb';\nconst wh51 = new Proxy({}, { get(_t: any, f: any) { return (v: any) => ({ [f]: v }); } });\nfunction and51(...ps: any[]) { return Object.assign({}, ...ps); }\napp.post('/px51', async (req: any, res: any) => { res.json(await new Mc51('m').db('d').collection('c').findOne(and51(wh51.email(req.body.e), wh51.code(req.body.c)))); });",
    "import { MongoClient as Mc51 } from 'mongodb';\nconst wh51 = new Proxy({}, { get(_t: any, f: any) { return (v: any) => ({ [f]: v }); } });\nfunction and51(...ps: any[]) { return Object.assign({}, ...ps); }\napp.post('/px51', async (req: any, res: any) => { res.json(await new Mc51('m').db('d').collection('c').findOne(and51(wh51.email(String(req.body.e)), wh51.code(String(req.body.c))))); });",
    "import { exec as ex51 } from 'child_process';\nfunction rp51(t: string) { return new Proxy({}, { get(_t: any, p: any) { return (v: string) => ex51(`grep ${v} ${t}`); } }); }\nconst r51 = rp51('f');\napp.get('/rp51', (req: any, res: any) => { r51['by' + req.query.b](String(req.query.v)); res.end(); });",
    "import { execFile as ex51 } from 'child_process';\nfunction rp51(t: string) { return new Proxy({}, { get(_t: any, p: any) { return (v: string) => ex51('grep', [v, t]); } }); }\nconst r51 = rp51('f');\napp.get('/rp51', (req: any, res: any) => { r51['by' + req.query.b](String(req.query.v)); res.end(); });",
    "app.get('/rf51', (req: any, res: any) => { res.redirect(Reflect.get(JSON.parse(String(req.query.s)), 'to')); });",
    "app.get('/rf51', (req: any, res: any) => { res.redirect(Reflect.get({ to: '/home' }, 'to')); });",
    # an IIFE's table of entities read by a helper's replacement callback (every character against two)
    "const Bc51 = (function () { const EN51: any = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\"': '&quot;', \"'\": '&#39;' }; function esc51(t: string) { return String(t).replace(/[&<>\"']/g, (c) => EN51[c]); } function cur51(l: string) { return `<i title=\"${esc51(l)}\">x</i>`; } function ren51(s: string) { return `<nav>${cur51(s)}</nav>`; } return Object.freeze({ ren51 }); })();\napp.get('/bc51', (req: any, res: any) => { res.send(Bc51.ren51(String(req.query.s))); });",
    "const Bc51 = (function () { const EN51: any = { '<': '&lt;', '>': '&gt;' }; function esc51(t: string) { return String(t).replace(/[&<>\"']/g, (c) => EN51[c] || c); } function cur51(l: string) { return `<i title=\"${esc51(l)}\">x</i>`; } function ren51(s: string) { return `<nav>${cur51(s)}</nav>`; } return Object.freeze({ ren51 }); })();\napp.get('/bc51', (req: any, res: any) => { res.send(Bc51.ren51(String(req.query.s))); });",
    # an HMAC over the field a check narrowed, compared in constant time (that field against another)
    "import crypto from 'crypto';\nimport { unserialize as un51 } from 'node-serialize';\napp.post('/sg51', (req: any, res: any) => { const b = req.body; if (typeof b.s !== 'string') return res.end(); const m = crypto.createHmac('sha256', 'k').update(b.s).digest(); if (!crypto.timingSafeEqual(m, Buffer.from(String(b.g), 'hex'))) return res.end(); res.json(un51(b.s)); });",
    "import crypto from 'crypto';\nimport { unserialize as un51 } from 'node-serialize';\napp.post('/sg51', (req: any, res: any) => { const b = req.body; if (typeof b.s !== 'string') return res.end(); const m = crypto.createHmac('sha256', 'k').update(String(b.i)).digest(); if (!crypto.timingSafeEqual(m, Buffer.from(String(b.g), 'hex'))) return res.end(); res.json(un51(b.s)); });",
    # res.locals handed on whole (a middleware's request value against its constant), an AsyncLocalStorage's store (the tenant against a constant)
    "function lv51(req: any, res: any, next: any) { res.locals.dn = String(req.query.n); res.locals.th = 'light'; next(); }\nfunction rn51({ dn }: any) { return `<b>${dn}</b>`; }\napp.get('/lv51', lv51, (req: any, res: any) => { res.type('html').send(rn51(res.locals)); });",
    "function lv51(req: any, res: any, next: any) { res.locals.dn = String(req.query.n); res.locals.th = 'light'; next(); }\nfunction rn51({ th }: any) { return `<b>${th}</b>`; }\napp.get('/lv51', lv51, (req: any, res: any) => { res.type('html').send(rn51(res.locals)); });",
    "import { AsyncLocalStorage as Al51 } from 'node:async_hooks';\nimport mysql51 from 'npm:mysql2@3/promise';\nconst ctx51 = new Al51<any>();\napp.use((req: any, res: any, next: any) => { ctx51.run({ t: req.get('x-t'), r: 'eu' }, next); });\napp.get('/al51', async (req: any, res: any) => { res.json(await mysql51.createPool({}).query(`SELECT * FROM t_${ctx51.getStore().t}.i`)); });",
    "import { AsyncLocalStorage as Al51 } from 'node:async_hooks';\nimport mysql51 from 'npm:mysql2@3/promise';\nconst ctx51 = new Al51<any>();\napp.use((req: any, res: any, next: any) => { ctx51.run({ t: req.get('x-t'), r: 'eu' }, next); });\napp.get('/al51', async (req: any, res: any) => { res.json(await mysql51.createPool({}).query(`SELECT * FROM t_${ctx51.getStore().r}.i`)); });",
    # a Promise a library's callback settles, three calls down (a client's search with the request's filter against a constant one)
    "import ldap51 from 'ldapjs';\nfunction cn51(): Promise<any> { const c = ldap51.createClient({ url: 'ldap://x' }); return new Promise((ok) => { c.bind('d', 'p', () => ok(c)); }); }\nclass Rp51 { async find(f: string) { const c = await cn51(); c.search('o=x', { filter: f }, () => 0); } }\nclass Sv51 { constructor(private r: Rp51) {} by(n: string) { return this.r.find(`(cn=${n})`); } }\nconst sv51 = new Sv51(new Rp51());\napp.get('/lp51', async (req: any, res: any) => { await sv51.by(String(req.query.n)); res.end(); });",
    "import ldap51 from 'ldapjs';\nfunction cn51(): Promise<any> { const c = ldap51.createClient({ url: 'ldap://x' }); return new Promise((ok) => { c.bind('d', 'p', () => ok(c)); }); }\nclass Rp51 { async find(f: string) { const c = await cn51(); c.search('o=x', { filter: '(cn=x)' }, () => f); } }\nclass Sv51 { constructor(private r: Rp51) {} by(n: string) { return this.r.find(`(cn=${n})`); } }\nconst sv51 = new Sv51(new Rp51());\napp.get('/lp51', async (req: any, res: any) => { await sv51.by(String(req.query.n)); res.end(); });",
    # a GraphQL field's config object (a pattern of the argument against an escaped one), a listener's store seen by its next run (a restore against a parse)
    "import { makeExecutableSchema as mk51 } from '@graphql-tools/schema';\nexport const sc51 = mk51({ typeDefs: 'type Query { a: Int }', resolvers: { Subscription: { ad51: { subscribe: (_parent: any, args: any) => new RegExp(args.k) } } } });",
    "import { makeExecutableSchema as mk51 } from '@graphql-tools/schema';\nexport const sc51 = mk51({ typeDefs: 'type Query { a: Int }', resolvers: { Subscription: { ad51: { subscribe: (_parent: any, args: any) => new RegExp(String(args.k).replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')) } } } });",
    "import { WebSocketServer as Ws51 } from 'ws';\nimport sz51 from 'node-serialize';\nnew Ws51({ port: 1 }).on('connection', (ws: any) => { ws.b51 = null; ws.on('message', (d: any) => { const m = JSON.parse(d.toString()); if (m.t === 'j') { ws.b51 = String(m.b); return; } if (!ws.b51) return; sz51.unserialize(m.s); }); });",
    "import { WebSocketServer as Ws51 } from 'ws';\nimport sz51 from 'node-serialize';\nnew Ws51({ port: 1 }).on('connection', (ws: any) => { ws.b51 = null; ws.on('message', (d: any) => { const m = JSON.parse(d.toString()); if (m.t === 'j') { ws.b51 = String(m.b); return; } if (!ws.b51) return; JSON.parse(m.s); }); });",
    # an AsyncLocalStorage's store read in a helper (the request's field against a constant one)
    "import { AsyncLocalStorage as Ah51 } from 'node:async_hooks';\nimport { exec as ea51 } from 'child_process';\nconst cx51 = new Ah51<any>();\nfunction t51() { return cx51.getStore().t; }\napp.use((req: any, res: any, next: any) => { cx51.run({ t: req.get('x-t'), r: 'eu' }, next); });\napp.get('/ah51', (req: any, res: any) => { ea51(`ls ${t51()}`); res.end(); });",
    "import { AsyncLocalStorage as Ah51 } from 'node:async_hooks';\nimport { exec as ea51 } from 'child_process';\nconst cx51 = new Ah51<any>();\nfunction t51() { return cx51.getStore().r; }\napp.use((req: any, res: any, next: any) => { cx51.run({ t: req.get('x-t'), r: 'eu' }, next); });\napp.get('/ah51', (req: any, res: any) => { ea51(`ls ${t51()}`); res.end(); });",
    # A module beginning with "use server" (the block inserted first) exports
    # server actions; a function whose own body begins with it is one; without
    # the directive, neither. An isolated Handlebars environment's compile.
    "'use server';\nimport { exec as es52 } from 'child_process';\nexport async function sm52(v: any) { es52(`ls ${v}`); }",
    "import { exec as ef52 } from 'child_process';\nexport async function sf52(fd: any) { 'use server'; ef52(String(fd.get('d'))); }",
    "import { exec as ef52 } from 'child_process';\nexport async function sf52(fd: any) { ef52(String(fd.get('d'))); }",
    "import Hb52 from 'handlebars';\nconst hc52 = Hb52.create();\napp.post('/hb52', (req: any, res: any) => { res.json({ h: hc52.compile(req.body.s)({}) }); });",
    "import Hb52 from 'handlebars';\nconst hc52 = Hb52.create();\napp.post('/hb52', (req: any, res: any) => { res.json({ h: hc52.compile('<p>{{s}}</p>')({ s: req.body.s }) }); });",
    # SvelteKit's form actions (the module imports the framework).
    "import { fail as fk52 } from '@sveltejs/kit';\nimport { exec as ek52 } from 'child_process';\nexport const actions = { go: async ({ request }: any) => { const d = await request.formData(); ek52(`ls ${d.get('p')}`); return fk52(400); } };",
    "import { fail as fk52 } from '@sveltejs/kit';\nimport { exec as ek52 } from 'child_process';\nexport const actions = { go: async ({ request }: any) => { const d = await request.formData(); ek52('ls'); return fk52(400, { p: d.get('p') }); } };",
    # A text cut after the start a check proved; a Vue method clearing a field a
    # hook's listener fills; an object a helper makes holding sql.js's database.
    "app.get('/sl52', (req: any, res: any) => { const h = String(req.query.h); if (!h.startsWith('#/')) return res.end(); res.redirect(h.slice(2)); });",
    "app.get('/sl52', (req: any, res: any) => { const h = String(req.query.h); if (!h.startsWith('#/')) return res.end(); res.redirect(h.slice(0)); });",
    "import { createApp as Ca52 } from 'vue';\nCa52({ data() { return { h52: '' }; }, mounted() { window.addEventListener('message', (e: any) => { this.h52 = e.data.html; }); }, methods: { r52() { this.h52 = ''; } }, template: '<div v-html=\"h52\"></div>' }).mount('#a');",
    "import { createApp as Ca52 } from 'vue';\nCa52({ data() { return { h52: '' }; }, mounted() { window.addEventListener('message', (e: any) => { this.h52 = String(e.data.html).length; }); }, methods: { r52() { this.h52 = ''; } }, template: '<div v-html=\"h52\"></div>' }).mount('#a');",
    "import initSqlJs52 from 'sql.js';\nclass Cs52 { db: any; constructor(db: any) { this.db = db; } find(t: string) { return this.db.exec(`SELECT 1 WHERE t = '${t}'`); } }\nasync function oc52() { const S = await initSqlJs52({}); return new Cs52(new S.Database()); }\napp.get('/cs52', async (req: any, res: any) => { res.json((await oc52()).find(String(req.query.t))); });",
    "import initSqlJs52 from 'sql.js';\nclass Cs52 { db: any; constructor(db: any) { this.db = db; } find(t: string) { return this.db.exec('SELECT 1 WHERE t = ?', [t]); } }\nasync function oc52() { const S = await initSqlJs52({}); return new Cs52(new S.Database()); }\napp.get('/cs52', async (req: any, res: any) => { res.json((await oc52()).find(String(req.query.t))); });",
    # A DI container's object of a class; a require's member bound to a name; a
    # Kafka handler given by name; ioredis shared between handlers.
    "import { Container as Dc52 } from 'typedi';\nclass Rd52 { show(n: string) { return `<b>${n}</b>`; } }\napp.get('/rd52', (req: any, res: any) => { res.type('html').send(Dc52.get(Rd52).show(String(req.query.n))); });",
    "import { Container as Dc52 } from 'typedi';\nclass Rd52 { show(n: string) { return `<b>${n.length}</b>`; } }\napp.get('/rd52', (req: any, res: any) => { res.type('html').send(Dc52.get(Rd52).show(String(req.query.n))); });",
    "const Ls52 = require('passport-local').Strategy;\nconst { exec: ex52 } = require('child_process');\nnew Ls52((u: any, p: any, done: any) => { ex52(`id ${u}`); done(null, false); });",
    "const Ls52 = require('passport-local').Strategy;\nconst { exec: ex52 } = require('child_process');\nnew Ls52((u: any, p: any, done: any) => { ex52('id'); done(null, u); });",
    "import { Kafka as Kf52 } from 'kafkajs';\nimport { exec as ek52b } from 'child_process';\nconst kf52 = new Kf52({ brokers: ['k:1'] });\nconst kp52 = kf52.producer();\nconst kc52 = kf52.consumer({ groupId: 'g' });\napp.post('/kf52', async (req: any, res: any) => { await kp52.send({ topic: 't', messages: [{ value: JSON.stringify({ c: req.body.c }) }] }); res.end(); });\nasync function kh52({ message }: any) { ek52b(JSON.parse(message.value.toString()).c); }\nasync function ks52() { await kc52.run({ eachMessage: kh52 }); }\nks52();",
    "import { Kafka as Kf52 } from 'kafkajs';\nimport { exec as ek52b } from 'child_process';\nconst kf52 = new Kf52({ brokers: ['k:1'] });\nconst kp52 = kf52.producer();\nconst kc52 = kf52.consumer({ groupId: 'g' });\napp.post('/kf52', async (req: any, res: any) => { await kp52.send({ topic: 't', messages: [{ value: JSON.stringify({ c: 'uptime' }) }] }); res.end(); });\nasync function kh52({ message }: any) { ek52b(JSON.parse(message.value.toString()).c); }\nasync function ks52() { await kc52.run({ eachMessage: kh52 }); }\nks52();",
    "import Rs52 from 'ioredis';\nimport { exec as er52 } from 'child_process';\nconst rs52 = new Rs52();\napp.put('/rs52', async (req: any, res: any) => { await rs52.set('job:1', req.body.c); res.end(); });\napp.get('/rs52', async (req: any, res: any) => { er52(String(await rs52.get('job:1'))); res.end(); });",
    "import Rs52 from 'ioredis';\nimport { exec as er52 } from 'child_process';\nconst rs52 = new Rs52();\napp.put('/rs52', async (req: any, res: any) => { await rs52.set('job:1', 'uptime'); res.end(); });\napp.get('/rs52', async (req: any, res: any) => { er52(String(await rs52.get('job:1'))); res.end(); });",
    # A resolver of the module's schema, its parent named after its type.
    "import { ApolloServer as Ap52 } from '@apollo/server';\nimport { readFileSync as rf52 } from 'fs';\nconst td52 = `type Pr52 { file(path52: String!): String }`;\nnew Ap52({ typeDefs: td52, resolvers: { Pr52: { file: (project: any, { path52 }: any) => rf52(`/srv/${path52}`) } } });",
    "import { ApolloServer as Ap52 } from '@apollo/server';\nimport { readFileSync as rf52 } from 'fs';\nconst td52 = `type Pr52 { file(other52: String!): String }`;\nnew Ap52({ typeDefs: td52, resolvers: { Pr52: { file: (project: any, { path52 }: any) => rf52(`/srv/${path52}`) } } });",
    # An object handed the module's one emitter emits on it in its methods.
    "import { EventEmitter as Ee52 } from 'events';\nimport { exec as ee52x } from 'child_process';\nconst eb52 = new Ee52();\nclass Es52 { ev: any; constructor(ev: any) { this.ev = ev; } go(c: string) { this.ev.emit('run52', c); } }\neb52.on('run52', (c: string) => { ee52x(c); });\nconst es52 = new Es52(eb52);\napp.post('/es52', (req: any, res: any) => { es52.go(String(req.body.c)); res.end(); });",
    "import { EventEmitter as Ee52 } from 'events';\nimport { exec as ee52x } from 'child_process';\nconst eb52 = new Ee52();\nclass Es52 { ev: any; constructor(ev: any) { this.ev = ev; } go(c: string) { this.ev.emit('run52', c); } }\neb52.on('run52', (c: string) => { ee52x('uptime'); });\nconst es52 = new Es52(eb52);\napp.post('/es52', (req: any, res: any) => { es52.go(String(req.body.c)); res.end(); });",
    # An object of one of a few classes handed to another object's method.
    "class Sm52 { static from(m: string): any { return m === 'p' ? new Sp52() : new Sc52(); } }\nclass Sp52 extends Sm52 { compile(t: string) { return new RegExp('^' + t); } }\nclass Sc52 extends Sm52 { compile(t: string) { return new RegExp(t); } }\nclass Sr52 { run(s: any, t: string) { return s.compile(t); } }\nconst sr52 = new Sr52();\napp.get('/sm52', (req: any, res: any) => { sr52.run(Sm52.from(String(req.query.m)), String(req.query.q)); res.end(); });",
    "class Sm52 { static from(m: string): any { return m === 'p' ? new Sp52() : new Sc52(); } }\nclass Sp52 extends Sm52 { compile(t: string) { return new RegExp('^' + t.length); } }\nclass Sc52 extends Sm52 { compile(t: string) { return new RegExp(String(t.length)); } }\nclass Sr52 { run(s: any, t: string) { return s.compile(t); } }\nconst sr52 = new Sr52();\napp.get('/sm52', (req: any, res: any) => { sr52.run(Sm52.from(String(req.query.m)), String(req.query.q)); res.end(); });",
    # A request's object's values as they came; pairs of the code's keys made an object.
    "import { MongoClient as Mc53 } from 'mongodb';\nconst co53 = new Mc53('m').db('d').collection('c');\napp.post('/ov53', async (req: any, res: any) => { for (const v53 of Object.values(req.body)) { await co53.findOne({ e: v53 }); } res.end(); });",
    "import { MongoClient as Mc53 } from 'mongodb';\nconst co53 = new Mc53('m').db('d').collection('c');\napp.post('/ov53', async (req: any, res: any) => { for (const v53 of Object.values(req.body)) { await co53.findOne({ e: String(v53) }); } res.end(); });",
    "import { MongoClient as Mc53f } from 'mongodb';\nconst cf53 = new Mc53f('m').db('d').collection('c');\napp.post('/fe53', async (req: any, res: any) => { const { s53, a53 } = req.body; res.json(await cf53.find(Object.fromEntries(Object.entries({ s53, a53 }).filter(([, v]) => v !== undefined))).toArray()); });",
    "import { MongoClient as Mc53f } from 'mongodb';\nconst cf53 = new Mc53f('m').db('d').collection('c');\napp.post('/fe53', async (req: any, res: any) => { const { s53, a53 } = req.body; res.json(await cf53.find(Object.fromEntries(Object.entries({ s53, a53 }).map(([k, v]) => [k, String(v)]))).toArray()); });",
    # NestJS in JavaScript's style: a class's @Dependencies, a method's @Bind.
    "import { Controller, Post, Bind, Body, Dependencies } from '@nestjs/common';\nimport { writeFileSync as wf53 } from 'fs';\nclass St53 { save(n: any) { wf53('/srv/' + n, ''); } }\n@Controller('d53')\n@Dependencies(St53)\nclass Dc53 { constructor(st) { this.st = st; } @Post('up') @Bind(Body()) up(body) { this.st.save(body.n); } }",
    "import { Controller, Post, Bind, Body, Dependencies } from '@nestjs/common';\nimport { writeFileSync as wf53 } from 'fs';\nclass St53 { save(n: any) { wf53('/srv/' + n, ''); } }\n@Controller('d53')\nclass Dc53 { constructor(st) { this.st = st; } @Post('up') @Bind(Body()) up(body) { this.st.save(body.n); } }",
    # A service made of a static factory's object, handed to the function registering a route.
    "import { exec as ex53 } from 'child_process';\ninterface Rz53 { go(h: string): void; }\nclass Dr53 implements Rz53 { private constructor(private s: string) {} static at(s: string): Dr53 { return new Dr53(s); } go(h: string) { ex53(`dig @${this.s} ${h}`); } }\nclass Ps53 { constructor(private r: Rz53) {} probe(h: string) { this.r.go(h); } }\nfunction ba53(svc: Ps53) { app.get('/ps53', (req: any, res: any) => { svc.probe(String(req.query.h)); res.end(); }); }\nba53(new Ps53(Dr53.at('10.0.0.2')));",
    "import { exec as ex53 } from 'child_process';\ninterface Rz53 { go(h: string): void; }\nclass Dr53 implements Rz53 { private constructor(private s: string) {} static at(s: string): Dr53 { return new Dr53(s); } go(h: string) { ex53(`dig @${this.s} example.com`); } }\nclass Ps53 { constructor(private r: Rz53) {} probe(h: string) { this.r.go(h); } }\nfunction ba53(svc: Ps53) { app.get('/ps53', (req: any, res: any) => { svc.probe(String(req.query.h)); res.end(); }); }\nba53(new Ps53(Dr53.at('10.0.0.2')));",
    # A message posted to a worker of the file; a Bee-Queue job; an action's url; a computed read by another.
    "import { fork as fk53, exec as fx53 } from 'child_process';\nconst ch53 = fk53(__filename);\nprocess.on('message', (m: any) => { fx53(`reindex ${m.t}`); });\napp.post('/fk53', (req: any, res: any) => { ch53.send({ t: req.body.t }); res.end(); });",
    "import { fork as fk53, exec as fx53 } from 'child_process';\nconst ch53 = fk53(__filename);\nprocess.on('message', (m: any) => { fx53(`reindex ${Number(m.t)}`); });\napp.post('/fk53', (req: any, res: any) => { ch53.send({ t: req.body.t }); res.end(); });",
    "import Bq53 from 'bee-queue';\nimport { readFileSync as rb53 } from 'fs';\nconst bq53 = new Bq53('b');\nbq53.process(async (job: any) => rb53(`/var/log/${job.data.s}.log`));\napp.post('/bq53', async (req: any, res: any) => { await bq53.createJob({ s: req.body.s }).save(); res.end(); });",
    "import Bq53 from 'bee-queue';\nimport { readFileSync as rb53 } from 'fs';\nconst bq53 = new Bq53('b');\nbq53.process(async (job: any) => rb53(`/var/log/${job.data.s}.log`));\napp.post('/bq53', async (req: any, res: any) => { await bq53.createJob({ s: 'api' }).save(); res.end(); });",
    "import { redirect as kr53 } from '@sveltejs/kit';\nexport const actions = { go53: async ({ url }: any) => { throw kr53(303, url.searchParams.get('n') || '/'); } };",
    "import { redirect as kr53 } from '@sveltejs/kit';\nexport const actions = { go53: async ({ url }: any) => { throw kr53(303, url.pathname.length ? '/' : '/home'); } };",
    "import { defineComponent as dc53 } from 'vue';\nexport const Vc53 = dc53({ template: `<div v-html=\"b53\"></div>`, computed: { p53(): string { return new URLSearchParams(window.location.search).get('p') ?? ''; }, b53(): string { return `<b>${(this as any).p53}</b>`; } } });",
    "import { defineComponent as dc53 } from 'vue';\nexport const Vc53 = dc53({ template: `<div v-html=\"b53\"></div>`, computed: { p53(): string { return new URLSearchParams(window.location.search).get('p') ?? ''; }, b53(): string { return `<b>${(this as any).p53.length}</b>`; } } });",
    "import https54 from 'https';\nimport url54 from 'url';\napp.get('/u54', (req: any, res: any) => { if (!req.url.startsWith('/u54')) { res.end(); return; } const { query } = url54.parse(req.url, true); https54.get(String(query.s), () => res.end()); });",
    "import https54 from 'https';\nimport url54 from 'url';\napp.get('/u54', (req: any, res: any) => { if (!req.url.startsWith('/u54')) { res.end(); return; } const { query } = url54.parse(req.url, true); https54.get('https://cdn.example.com/' + encodeURIComponent(String(query.s)), () => res.end()); });",
    "class Ss54 { constructor(private s: any) {} put(k: string, v: any) { this.s[k] = v; } }\nclass Pf54 { constructor(private st: Ss54) {} theme(v: any) { this.st.put('theme', v); } }\napp.post('/pf54', (req: any, res: any) => { new Pf54(new Ss54(req.session)).theme(req.body.t); res.end(); });",
    "class Ss54 { constructor(private s: any) {} put(k: string, v: any) { this.s[k] = v; } }\nclass Pf54 { constructor(private st: Ss54) {} theme(v: any) { this.st.put('theme', 'dark'); } }\napp.post('/pf54', (req: any, res: any) => { new Pf54(new Ss54(req.session)).theme(req.body.t); res.end(); });",
    "function mp54(ref: string) { return new RegExp(ref.substring(0, 3) + '-\\\\d+'); }\napp.get('/mp54/:n', (req: any, res: any) => { res.json(String(mp54(`OPS-${req.params.n}`))); });",
    "function mp54(ref: string) { return new RegExp(ref.substring(0, 6) + '-\\\\d+'); }\napp.get('/mp54/:n', (req: any, res: any) => { res.json(String(mp54(`OPS-${req.params.n}`))); });",
    "import { readFileSync as rf54 } from 'fs';\nimport { container, inject, injectable } from 'tsyringe';\nabstract class Fs54 { abstract load(n: string): any; }\n@injectable()\nclass Lf54 extends Fs54 { load(n: string) { return rf54('/srv/' + n); } }\n@injectable()\nclass As54 { constructor(@inject(Lf54) private readonly st: Fs54) {} get(n: string) { return this.st.load(n); } }\napp.get('/as54', (req: any, res: any) => { res.send(container.resolve(As54).get(String(req.query.f))); });",
    "import { readFileSync as rf54 } from 'fs';\nimport { container, inject, injectable } from 'tsyringe';\nabstract class Fs54 { abstract load(n: string): any; }\n@injectable()\nclass Lf54 extends Fs54 { load(n: string) { return rf54('/srv/a.txt'); } }\n@injectable()\nclass As54 { constructor(@inject(Lf54) private readonly st: Fs54) {} get(n: string) { return this.st.load(n); } }\napp.get('/as54', (req: any, res: any) => { res.send(container.resolve(As54).get(String(req.query.f))); });",
    "import { Client as Lc54 } from 'ldapjs';\nimport { container as cl54 } from 'tsyringe';\nclass Dr54 { constructor(private readonly client: Lc54) {} find(n: string) { this.client.search('dc=x', { filter: `(cn=${n})` }, () => undefined); } }\napp.get('/dr54', (req: any, res: any) => { cl54.resolve(Dr54).find(String(req.query.n)); res.end(); });",
    "import { Client as Lc54 } from 'ldapjs';\nimport { container as cl54 } from 'tsyringe';\nclass Dr54 { constructor(private readonly client: Lc54) {} find(n: string) { this.client.search('dc=x', { filter: '(cn=admins)' }, () => undefined); } }\napp.get('/dr54', (req: any, res: any) => { cl54.resolve(Dr54).find(String(req.query.n)); res.end(); });",
    "abstract class Pb54 { abstract check(u: string): any; }\nclass Hp54 extends Pb54 { check(u: string) { return fetch(u); } }\nclass Dp54 extends Pb54 { check(u: string) { return true; } }\nclass Ss54b { constructor(private readonly probe: Pb54) {} go(u: string) { return this.probe.check(u); } }\nconst sv54 = new Ss54b(process.env.OFF ? new Dp54() : new Hp54());\napp.get('/sv54', (req: any, res: any) => { res.json(sv54.go(String(req.query.u))); });",
    "abstract class Pb54 { abstract check(u: string): any; }\nclass Hp54 extends Pb54 { check(u: string) { return fetch('https://status.example.com/?u=' + encodeURIComponent(u)); } }\nclass Dp54 extends Pb54 { check(u: string) { return true; } }\nclass Ss54b { constructor(private readonly probe: Pb54) {} go(u: string) { return this.probe.check(u); } }\nconst sv54 = new Ss54b(process.env.OFF ? new Dp54() : new Hp54());\napp.get('/sv54', (req: any, res: any) => { res.json(sv54.go(String(req.query.u))); });",
    "import { body, matchedData, validationResult } from 'express-validator';\nfunction rd54({ c }: any) { return `<p>${c}</p>`; }\napp.post('/rd54', body('c').escape(), (req: any, res: any) => { if (!validationResult(req).isEmpty()) { res.end(); return; } res.send(rd54(matchedData(req))); });",
    "import { body, matchedData, validationResult } from 'express-validator';\nfunction rd54({ c }: any) { return `<p>${c}</p>`; }\napp.post('/rd54', body('c').trim(), (req: any, res: any) => { if (!validationResult(req).isEmpty()) { res.end(); return; } res.send(rd54(matchedData(req))); });",
    "import { exec as ec54 } from 'child_process';\nconst cp54 = (...fs: any[]) => (x: any) => fs.reduceRight((a: any, f: any) => f(a), x);\nconst wa54 = (a: any) => (args: string[]) => [...args, `--author=${a}`];\napp.get('/cp54', (req: any, res: any) => { ec54(cp54(wa54(req.query.a))(['git', 'log']).join(' '), () => res.end()); });",
    "import { exec as ec54 } from 'child_process';\nconst cp54 = (...fs: any[]) => (x: any) => fs.reduceRight((a: any, f: any) => f(a), x);\nconst wa54 = (a: any) => (args: string[]) => [...args, `--author=${a}`];\napp.get('/cp54', (req: any, res: any) => { ec54(cp54(wa54('me'))(['git', 'log']).join(' '), () => res.end()); });",
    "function oh54(request: any) { window.open(request.url); }\nwindow.addEventListener('message', (event: any) => { const u = String(event.data.url || ''); if (!/^https:\\/\\/help\\.example\\.com\\//.test(u)) { return; } oh54({ url: u }); });",
    "function oh54(request: any) { window.open(request.url); }\nwindow.addEventListener('message', (event: any) => { const u = String(event.data.url || ''); oh54({ url: u }); });",
    "import { Parser as Ps54 } from 'expr-eval';\nwindow.addEventListener('message', (event: any) => { console.log(new Ps54().parse('a * b').evaluate(event.data.vars)); });",
    "import { Parser as Ps54 } from 'expr-eval';\nwindow.addEventListener('message', (event: any) => { console.log(document.evaluate(`//li[@id='${event.data.id}']`, document, null, 0, null)); });",
]


@st.composite
def ts_module(draw: st.DrawFn) -> str:
    lines = list(draw(st.lists(st.sampled_from(TS_IMPORTS), max_size=3, unique=True)))
    for name in draw(st.lists(st.sampled_from(["f", "g", "A", "B"]), max_size=3, unique=True)):
        export = draw(st.sampled_from(["export ", "export ", ""]))
        if name.islower():
            params = draw(st.sampled_from(TS_PARAMS))
            returns = draw(st.sampled_from(TS_RETURNS))
            doc, annotation = (returns, "") if returns.startswith("/**") else ("", returns)
            body = " ".join(draw(st.lists(st.sampled_from(TS_STMTS), min_size=1, max_size=3)))
            lines.append(f"{doc}{export}function {name}({params}){annotation} {{ {body} }}")
        else:
            base = draw(st.sampled_from(["", " extends A", " extends B", " extends m0.A"]))
            members = []
            if draw(st.booleans()):
                members.append("dep = new B();")
            field = draw(st.sampled_from(TS_FIELDS))
            if field:
                members.append(field)
            for meth in draw(
                st.lists(st.sampled_from(["run", "stop"]), min_size=1, max_size=2, unique=True)
            ):
                body = " ".join(
                    draw(st.lists(st.sampled_from(TS_METHOD_STMTS), min_size=1, max_size=3))
                )
                members.append(f"{meth}() {{ {body} }}")
            lines.append(f"{export}class {name}{base} {{ {' '.join(members)} }}")
    if draw(st.booleans()):
        lines.append("export " + draw(st.sampled_from(TS_INTERFACES)))
    lines += draw(
        st.lists(
            st.sampled_from(["export default f;", "f();", "module.exports = { g };"]), max_size=1
        )
    )
    return "\n".join(lines) + "\n"


# --- small edits ------------------------------------------------------------------------


def top_level_blocks(text: str) -> list[str]:
    """A module's top-level statements, each with its indented lines."""
    blocks: list[str] = []
    for line in text.splitlines():
        if blocks and line.startswith((" ", "\t")):
            blocks[-1] += "\n" + line
        elif line:
            blocks.append(line)
    return blocks


@st.composite
def block_edit(draw: st.DrawFn, text: str, pool: list[str]) -> str:
    """`text` with one top-level block inserted (from `pool`) or removed."""
    blocks = top_level_blocks(text)
    if blocks and draw(st.integers(0, 2)) == 0:
        del blocks[draw(st.integers(0, len(blocks) - 1))]
    else:
        blocks.insert(draw(st.integers(0, len(blocks))), draw(st.sampled_from(pool)))
    return "\n".join(blocks) + "\n"


@st.composite
def line_end_edit(draw: st.DrawFn, text: str, endings: list[str]) -> str:
    """`text` with one of `endings` (a comment, a suppression, spaces) at the end of
    one line, or a line's comment edited or removed: mostly an edit that changes no
    fact of the file (early cutoff), and that the in-process front end carries the
    last analysis over for (languages/comment_edit.py)."""
    lines = text.split("\n")
    marker = endings[0].split()[0]
    commented = [j for j, line in enumerate(lines) if f"{marker} " in line]
    mode = draw(st.integers(0, 2))
    if commented and mode:
        j = draw(st.sampled_from(commented))
        if mode == 1:
            lines[j] += " more"
        else:
            lines[j] = lines[j][: lines[j].index(marker)].rstrip()
    else:
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] += draw(st.sampled_from(endings))
    return "\n".join(lines)


PY_LINE_ENDS = ["  # a note", "   ", "  # graphwarden: ignore[import-cycle]"]
TS_LINE_ENDS = ["  // a note", "   ", "  // graphwarden-ignore import-cycle"]


# --- harness ---------------------------------------------------------------------------


#: Guarantees checked on both sides: contracts of every type (with an ignore
#: list), the import-cycle built-in, and Datalog rules of each shape the
#: checker treats differently (node-local, negation, a helper, recursion, path,
#: value domains, flows, taint).
Rules = dict[str, Any]

DATALOG_RULES = [
    ("calls-run", 'violation(X) :- node(X, "CALL"), attr(X, "name", "run").'),
    ("uncalled", 'violation(F) :- node(F, "FUNCTION"), \\+ edge(_, F, "CALLS").'),
    (
        "g-unused",
        'used(F) :- edge(_, F, "CALLS").\n'
        'used(F) :- edge(_, F, "IMPORTS_FROM").\n'
        'violation(F, "g is never used") :- node(F, "FUNCTION"), attr(F, "name", "g"), '
        "\\+ used(F).",
    ),
    (
        "module-cycle",
        'reach(X, Y) :- edge(X, Y, "IMPORTS"), node(Y, "MODULE").\n'
        'reach(X, Z) :- reach(X, Y), edge(Y, Z, "IMPORTS").\n'
        'violation(X) :- node(X, "MODULE"), reach(X, X).',
    ),
    ("extends-a", 'violation(X) :- node(X, "CLASS"), path(X, Y, "EXTENDS"), attr(Y, "name", "A").'),
    # Value domains, data flow and taint findings: facts an edit can change
    # without touching the nodes a rule names (a constant, a step in between).
    ("constant-arg", 'violation(C) :- node(C, "CALL"), value(C, "0", "constant").'),
    ("other-var", 'violation(X) :- node(X, "VARIABLE"), value(X, "other").'),
    (
        "flows-to-system",
        'violation(X) :- node(X, "VARIABLE"), flows(X, C), node(C, "CALL"), '
        'attr(C, "name", "system").',
    ),
    ("tainted-sink", 'violation(S) :- taint(_, S, "command-injection").'),
    (
        "nested-option",
        'violation(C) :- node(C, "CALL"), attr(C, "name", "session"), '
        'value(C, "0.cookie.secure", "false").',
    ),
    (
        "keyword-not-constant",
        'violation(C) :- node(C, "CALL"), arg(C, "secure"), \\+ value(C, "secure", "constant").',
    ),
]


def _rules(contracts: list[dict[str, Any]]) -> Rules:
    return {
        "contracts": contracts,
        "guarantees": [{"name": n, "rule": r} for n, r in DATALOG_RULES],
        "builtin_rules": {"import-cycle": True},
    }


PY_RULES = _rules(
    [
        {
            "name": "f",
            "type": "forbidden",
            "source_modules": ["pkg.m0"],
            "forbidden_modules": ["pkg.m2"],
        },
        {
            "name": "f-direct",
            "type": "forbidden",
            "source_modules": ["pkg.m1"],
            "forbidden_modules": ["pkg.m0"],
            "allow_indirect_imports": True,
        },
        {
            "name": "l",
            "type": "layers",
            "containers": ["pkg"],
            "layers": ["m2", "m1", "m0"],
            "ignore_imports": ["pkg.m1 -> pkg.m0"],
        },
        {"name": "i", "type": "independence", "modules": ["pkg.m0", "pkg.m1", "pkg"]},
        {"name": "a", "type": "acyclic", "packages": ["pkg"]},
        # The graph a contract searches, narrowed (contracts/incremental.py
        # keeps each narrowing up to date per importer).
        {
            "name": "f-roots",
            "type": "forbidden",
            "source_modules": ["pkg.m0", "pkg.m1"],
            "forbidden_modules": ["pkg.m2", "os", "flask"],
            "root_packages": ["pkg"],
            "exclude_type_checking_imports": True,
        },
        {
            "name": "i-no-externals",
            "type": "independence",
            "modules": ["pkg.m0", "pkg.m1", "pkg.m2"],
            "include_external_packages": False,
            "ignore_imports": ["pkg.m2 -> pkg.m0", "pkg.* -> os"],
            "unmatched_ignore_imports_alerting": "error",
        },
        {
            "name": "l-closed",
            "type": "layers",
            "containers": ["pkg"],
            "layers": ["m0", "m1", "m2"],
            "closed_layers": ["m1"],
            "exhaustive": True,
        },
    ]
)
TS_RULES = _rules(
    [
        {
            "name": "f",
            "type": "forbidden",
            "source_modules": ["src/m0.ts"],
            "forbidden_modules": ["src/m2.ts"],
        },
        {
            "name": "l",
            "type": "layers",
            "layers": ["src/index.ts", "src/m1.ts", "src/m0.ts"],
            "ignore_imports": ["src/m0.ts -> src/index.ts"],
        },
        {"name": "i", "type": "independence", "modules": ["src/m0.ts", "src/m1.ts"]},
        {"name": "a", "type": "acyclic", "packages": ["src/**"]},
    ]
)


def _settings(root: Path, rules: Rules | None) -> Settings:
    settings = Settings(root=root)
    if rules is not None:
        settings.contracts = rules["contracts"]
        settings.guarantees = rules["guarantees"]
        settings.builtin_rules = rules["builtin_rules"]
    return settings


def guarantee_lines(checker: GuaranteeChecker) -> list[str]:
    """Every result of a check as JSON lines (chains and locations included), sorted."""
    assert not checker.load_errors, checker.load_errors
    return sorted(
        "violation " + json.dumps(v.to_json(), sort_keys=True) for v in checker.violations
    )


def _fresh_dump_here(files: dict[str, str], rules: Rules | None = None) -> list[str]:
    root = Path(tempfile.mkdtemp(prefix="gw-fresh-"))
    try:
        settings = _settings(root, rules)
        orch = Orchestrator(root, settings, workers=1, store_path=root / ".store")
        checker = GuaranteeChecker(settings) if rules is not None else None
        orch.guarantee_hook = checker
        try:
            orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
            dump = graph_dump(orch)
            return dump + guarantee_lines(checker) if checker is not None else dump
        finally:
            orch.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


_REFERENCE: ProcessPoolExecutor | None = None


def fresh_dump(files: dict[str, str], rules: Rules | None = None) -> list[str]:
    """A from-scratch index (and check, with `rules`) of `files`, made in another process.

    The reference must not share a process (caches, a parser's state, the
    order files were seen in) with the incremental side: a record that
    depends on anything but its file would then look equal on both sides.
    One long-lived spawned interpreter serves every example.
    """
    global _REFERENCE
    if _REFERENCE is None:
        _REFERENCE = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        atexit.register(_REFERENCE.shutdown, cancel_futures=True)
    return _REFERENCE.submit(_fresh_dump_here, files, rules).result()


Step = tuple[str, str, str | None]


def run_steps(
    initial: dict[str, str],
    steps: list[Step] | list[list[Step]],
    workers: int = 1,
    rules: Rules | None = None,
) -> None:
    """Apply each step (or each group of steps, as one cycle) and compare with a fresh index.

    With `rules`, a checker follows the cycles too, and its results must
    equal a from-scratch check of the same files.
    """
    root = Path(tempfile.mkdtemp(prefix="gw-incr-"))
    try:
        settings = _settings(root, rules)
        orch = Orchestrator(root, settings, workers=workers, store_path=root / ".store")
        checker = GuaranteeChecker(settings) if rules is not None else None
        orch.guarantee_hook = checker
        # As the language server runs its cycles: the edited files' results
        # first, the callers' data flow and the global passes after them.
        orch.results_hook = lambda stats: None

        def dump() -> list[str]:
            lines = graph_dump(orch)
            return lines + guarantee_lines(checker) if checker is not None else lines

        try:
            files = dict(initial)
            orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
            assert dump() == fresh_dump(files, rules)
            for i, group in enumerate(steps):
                cycle: list[Step] = group if isinstance(group, list) else [group]
                changes = []
                for op, path, content in cycle:
                    if op == "delete":
                        if path in files:
                            del files[path]
                            changes.append(FileChange(path, deleted=True))
                    else:
                        assert content is not None
                        files[path] = content
                        changes.append(FileChange(path, content.encode()))
                if not changes:
                    continue
                stats = orch.apply_changes(changes)
                assert not stats.enricher_errors, stats.enricher_errors
                op, path = cycle[0][0], cycle[0][1]
                got, want = dump(), fresh_dump(files, rules)
                if got != want:
                    extra = sorted(set(got) - set(want))
                    missing = sorted(set(want) - set(got))
                    pytest.fail(
                        f"step {i} ({op} {path}) diverged from a fresh index\n"
                        f"files: {files}\nonly incremental: {extra[:10]}\nonly fresh: {missing[:10]}"
                    )
        finally:
            orch.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _grouped(data: st.DataObject, steps: list[Step]) -> list[list[Step]]:
    """The steps as cycles: some edits of different files land in one cycle (a
    save of several buffers, a change on disk during an edit), where one file's
    change can reach another file the same cycle edits."""
    cycles: list[list[Step]] = []
    for step in steps:
        joins = bool(cycles) and all(p != step[1] for _, p, _ in cycles[-1])
        if joins and data.draw(st.integers(0, 2)) == 0:
            cycles[-1].append(step)
        else:
            cycles.append([step])
    return cycles


#: The property tests run hundreds of generated histories each (300 in CI):
#: pytest's 300 s per test is a hang guard, and a machine at several times
#: its core count can take longer than that without anything hanging.
PROPERTY_TIMEOUT = pytest.mark.timeout(1800)

SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow(seconds=250)
@PROPERTY_TIMEOUT
@SETTINGS
@given(st.data())
def test_python_incremental_equals_fresh(data: st.DataObject) -> None:
    initial = {"pkg/__init__.py": data.draw(py_module(init=True))}
    for m in data.draw(st.lists(st.sampled_from(PY_MODS), min_size=1, unique=True)):
        initial[f"pkg/{m}.py"] = data.draw(py_module())
    steps: list[Step] = []
    current = dict(initial)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(["pkg/__init__.py", *(f"pkg/{m}.py" for m in PY_MODS)]))
        kind = data.draw(st.integers(0, 10))
        if path != "pkg/__init__.py" and kind == 0:
            steps.append(("delete", path, None))
            current.pop(path, None)
            continue
        earlier = [c for op, p, c in steps if op == "write" and p == path and c is not None]
        if path in initial:
            earlier.insert(0, initial[path])
        if kind == 10 and earlier:
            # An undo: back to a content the file had (the cycle may reuse the
            # nodes it decoded then: analysis_commit._RECENT_NODES).
            content = data.draw(st.sampled_from(earlier))
        elif kind <= 5 and path in current:
            content = data.draw(block_edit(current[path], PY_BLOCKS))
        elif kind == 6 and path in current:
            content = data.draw(line_end_edit(current[path], PY_LINE_ENDS))
        else:
            content = data.draw(py_module(init=path.endswith("__init__.py")))
        steps.append(("write", path, content))
        current[path] = content
    run_steps(initial, _grouped(data, steps), rules=PY_RULES)


@pytest.mark.slow(seconds=90)
@PROPERTY_TIMEOUT
@settings(
    max_examples=max(10, MAX_EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_parallel_cycles_equal_fresh(data: st.DataObject) -> None:
    """Cycles that go to the worker processes (analysis and enrichment) match a fresh index.

    The thresholds are lowered so that every cycle, incremental ones with
    cross-file propagation included, runs in the two-worker pool, while the
    reference index runs in-process in another interpreter.
    """
    initial = {"pkg/__init__.py": data.draw(py_module(init=True))}
    for m in data.draw(st.lists(st.sampled_from(PY_MODS), min_size=1, unique=True)):
        initial[f"pkg/{m}.py"] = data.draw(py_module())
    groups: list[list[Step]] = []
    for _ in range(data.draw(st.integers(1, 3))):
        group: list[Step] = []
        # Several files in one cycle, like a branch switch.
        for m in data.draw(st.lists(st.sampled_from(PY_MODS), min_size=1, unique=True)):
            path = f"pkg/{m}.py"
            if data.draw(st.integers(0, 4)) == 0:
                group.append(("delete", path, None))
            else:
                group.append(("write", path, data.draw(py_module())))
        groups.append(group)
    with (
        mock.patch.object(indexer, "PARALLEL_THRESHOLD", 1),
        mock.patch.object(cycle_enrichment, "PARALLEL_ENRICH_THRESHOLD", 1),
    ):
        run_steps(initial, groups, workers=2, rules=PY_RULES)


def _ts_file(module: str) -> str:
    """A generated module's file: `ui` is TSX (JSX parses there), the rest TypeScript."""
    return f"src/{module}.tsx" if module == "ui" else f"src/{module}.ts"


@pytest.mark.slow(seconds=300)
@PROPERTY_TIMEOUT
@SETTINGS
@given(st.data())
def test_typescript_incremental_equals_fresh(data: st.DataObject) -> None:
    initial = {}
    for m in data.draw(
        st.lists(st.sampled_from([*TS_MODS, "index", "ui"]), min_size=1, unique=True)
    ):
        initial[_ts_file(m)] = data.draw(ts_module())
    steps: list[Step] = []
    current = dict(initial)
    for _ in range(data.draw(st.integers(1, 4))):
        path = _ts_file(data.draw(st.sampled_from([*TS_MODS, "index", "ui"])))
        kind = data.draw(st.integers(0, 9))
        if kind == 0:
            steps.append(("delete", path, None))
            current.pop(path, None)
            continue
        if kind <= 5 and path in current:
            content = data.draw(block_edit(current[path], TS_BLOCKS))
        elif kind == 6 and path in current:
            content = data.draw(line_end_edit(current[path], TS_LINE_ENDS))
        else:
            content = data.draw(ts_module())
        steps.append(("write", path, content))
        current[path] = content
    run_steps(initial, _grouped(data, steps), rules=TS_RULES)


# --- contracts, edit after edit ---------------------------------------------------------

#: Modules that import each other and nothing else: every edit rewrites one
#: module's imports (the module map stays, so contracts update their
#: searches from the graph's change instead of searching again), or now and
#: then adds or deletes a module (the graph is rebuilt).
IMPORT_MODULES = [
    "app/__init__.py",
    "app/a/__init__.py",
    "app/a/x.py",
    "app/a/y.py",
    "app/b/__init__.py",
    "app/b/x.py",
    "app/b/_y.py",
    "app/c/__init__.py",
    "app/c/x.py",
    "app/d.py",
    "lib/__init__.py",
    "lib/z.py",
]
IMPORT_TARGETS = ["app.a.x", "app.a.y", "app.b.x", "app.b._y", "app.c.x", "app.d", "lib.z"]
IMPORT_LINES = (
    [f"import {m}" for m in IMPORT_TARGETS]
    + ["from app.b import x", "from app.c import x as cx", "from app import d", "from . import x"]
    + ["import os", "import json", "from app.a import missing"]
    + [f"if TYPE_CHECKING:\n    import {m}" for m in ("app.a.x", "app.c.x", "lib.z")]
)
CONTRACT_RULES: list[dict[str, Any]] = [
    {"name": "f", "type": "forbidden", "source_modules": ["app.a"], "forbidden_modules": ["app.c"]},
    {
        "name": "f-wide",
        "type": "forbidden",
        "source_modules": ["app.*"],
        "forbidden_modules": ["lib", "app.c.x", "json"],
        "ignore_imports": ["app.b.** -> app.c.x", "app.d -> os", "app.a -> nowhere"],
    },
    {
        "name": "f-direct",
        "type": "forbidden",
        "source_modules": ["app.a", "app.b"],
        "forbidden_modules": ["app.c", "app.d"],
        "allow_indirect_imports": True,
    },
    {
        "name": "l",
        "type": "layers",
        "containers": ["app"],
        "layers": ["a", "b | (zz)", "c : d"],
        "ignore_imports": ["app.b -> app.a.*"],
    },
    {
        "name": "l-closed",
        "type": "layers",
        "containers": ["app"],
        "layers": ["d", "c", "b", "a"],
        "closed_layers": ["b"],
        "exhaustive": True,
    },
    {"name": "i", "type": "independence", "modules": ["app.a", "app.b", "app.c", "lib"]},
    {"name": "ac", "type": "acyclic", "packages": ["app.a", "app.b", "app.c", "app.d"]},
    {
        "name": "f-roots",
        "type": "forbidden",
        "source_modules": ["app.a", "app.b"],
        "forbidden_modules": ["app.c", "os", "lib"],
        "root_packages": ["app"],
        "exclude_type_checking_imports": True,
    },
    {
        "name": "l-roots",
        "type": "layers",
        "layers": ["app.a", "app.b", "app.c : app.d"],
        "root_packages": ["app", "lib"],
        "include_external_packages": False,
    },
    {
        "name": "i-typing",
        "type": "independence",
        "modules": ["app.a", "app.c", "lib"],
        "exclude_type_checking_imports": True,
        "unmatched_ignore_imports_alerting": "error",
        "ignore_imports": ["app.a.y -> lib.z"],
    },
    {
        "name": "f-no-externals",
        "type": "forbidden",
        "source_modules": ["app.d", "lib"],
        "forbidden_modules": ["app.a", "os"],
        "include_external_packages": False,
    },
    # Searched in full on every change (contracts/__init__.py): here to show
    # that the others' states do not disturb them.
    {
        "name": "p",
        "type": "protected",
        "protected_modules": ["app.c"],
        "allowed_importers": ["app.d"],
    },
    {"name": "pm", "type": "private_modules"},
]


@st.composite
def import_module(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(IMPORT_LINES), max_size=4, unique=True))
    return "from typing import TYPE_CHECKING\n" + "\n".join(lines) + "\n"


@pytest.mark.slow(seconds=40)
@PROPERTY_TIMEOUT
@settings(
    max_examples=max(10, MAX_EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_contracts_updated_edit_by_edit_equal_a_check_from_scratch(data: st.DataObject) -> None:
    """After each cycle every contract's results (order, chains and locations included)
    equal those of a new checker that builds the graph and searches from scratch; with
    the language server's hook, what the contracts said before enrichment equals them."""
    files = {path: data.draw(import_module()) for path in IMPORT_MODULES}
    names = {rule["name"] for rule in CONTRACT_RULES}
    early: list[list[Violation]] = []
    root = Path(tempfile.mkdtemp(prefix="gw-contracts-"))
    try:
        settings_ = Settings(root=root)
        settings_.contracts = CONTRACT_RULES
        orch = Orchestrator(root, settings_, workers=1, store_path=root / ".store")
        checker = GuaranteeChecker(settings_)
        assert not checker.load_errors, checker.load_errors
        orch.guarantee_hook = checker
        if data.draw(st.booleans()):
            orch.import_rules_hook = lambda _stats: early.append(
                [v for v in checker.violations if v.rule in names]
            )
        try:
            orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
            for _ in range(data.draw(st.integers(1, 6))):
                path = data.draw(st.sampled_from([*IMPORT_MODULES, "app/e.py"]))
                if (
                    path in files
                    and path != "app/__init__.py"
                    and data.draw(st.integers(0, 9)) == 0
                ):
                    del files[path]
                    change = FileChange(path, deleted=True)
                else:
                    files[path] = data.draw(import_module())
                    change = FileChange(path, files[path].encode())
                orch.apply_changes([change])
                fresh = GuaranteeChecker(settings_)
                with orch.snapshot() as snap:
                    fresh.check(snap, None)
                for rule in CONTRACT_RULES:
                    name = rule["name"]
                    got, want = checker._results.get(name), fresh._results.get(name)
                    assert got == want, f"{name} after {path}: {got} != {want}"
                final = [v for v in checker.violations if v.rule in names]
                assert all(shown == final for shown in early), f"before enrichment, {path}"
                early.clear()
        finally:
            orch.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_edits_that_change_only_value_domains_equal_fresh() -> None:
    """A constant edited in place changes no node a rule names, only value facts
    (a variable's domain, a call's constant argument): the generated edits reach
    this rarely, so it is spelled out (it once kept a stale violation)."""
    run_steps(
        {"pkg/__init__.py": "", "pkg/m0.py": "v = 'constant'\neval(v)\n"},
        [
            ("write", "pkg/m0.py", "v = 'other'\neval(v)\n"),
            ("write", "pkg/m0.py", "def f():\n    v = 'constant'\n    eval(v)\n"),
            ("write", "pkg/m0.py", "def f():\n    v = 'other'\n    eval(v)\n"),
            ("write", "pkg/m0.py", "def f():\n    v = 'constant'\n    eval(v)\n"),
            # A keyword's value turns from a constant into one that is not (`arg/2`).
            ("write", "pkg/m0.py", "v = 'constant'\nresp.set_cookie('k', secure=v)\n"),
            ("write", "pkg/m0.py", "v = g()\nresp.set_cookie('k', secure=v)\n"),
            ("write", "pkg/m0.py", "v = 'constant'\nresp.set_cookie('k', secure=v)\n"),
            # Only `arg/2` changes: the same call, its second argument passed by keyword.
            ("write", "pkg/m0.py", "v = g()\nresp.set_cookie('k', v)\n"),
            ("write", "pkg/m0.py", "v = g()\nresp.set_cookie('k', secure=v)\n"),
            ("write", "pkg/m0.py", "v = g()\nresp.set_cookie('k', v)\n"),
        ],
        rules=PY_RULES,
    )


def test_a_typed_receiver_resolves_once_its_imported_class_appears() -> None:
    """`a: A` then `a.run()`, with `A` imported from a module that does not define
    it yet: when the module gains `A`, the call resolves through the declared
    type (found by the TypeScript property test: the calls enricher did not
    count a receiver's declared type among the names it looks up)."""
    run_steps(
        {
            "src/m2.ts": "\n",
            "src/index.ts": "import { A } from './m2';\nexport function f(a: A) { a.run(); }\n",
        },
        [("write", "src/m2.ts", "export class A { run() { } }\n")],
        rules=TS_RULES,
    )
    run_steps(
        {
            "pkg/__init__.py": "",
            "pkg/m2.py": "\n",
            "pkg/m0.py": "from pkg.m2 import A\n\ndef f(a: A):\n    a.run()\n",
        },
        [("write", "pkg/m2.py", "class A:\n    def run(self):\n        pass\n")],
        rules=PY_RULES,
    )


def _contracts_workspace(tmp_path: Path) -> tuple[Orchestrator, GuaranteeChecker]:
    """An empty workspace with `CONTRACT_RULES`, its orchestrator checking them."""
    root = tmp_path / "ws"
    root.mkdir()
    settings_ = Settings(root=root)
    settings_.contracts = CONTRACT_RULES
    orch = Orchestrator(root, settings_, workers=1, store_path=tmp_path / "store")
    checker = GuaranteeChecker(settings_)
    orch.guarantee_hook = checker
    return orch, checker


def test_contract_states_are_kept_across_import_edits(tmp_path: Path) -> None:
    """The property above runs the incremental path: an import edit keeps every state."""
    orch, checker = _contracts_workspace(tmp_path)
    try:
        files = {p: "from typing import TYPE_CHECKING\nimport os\n" for p in IMPORT_MODULES}
        orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
        incremental = {
            r["name"] for r in CONTRACT_RULES if r["type"] not in ("protected", "private_modules")
        }
        names = {r["name"] for r in CONTRACT_RULES}
        assert set(checker._states) & names == incremental
        states = dict(checker._states)
        edit = files["app/a/x.py"] + "import app.c.x\nif TYPE_CHECKING:\n    import app.b.x\n"
        orch.apply_changes([FileChange("app/a/x.py", edit.encode())])
        assert names <= set(checker.last.per_rule_seconds)  # every contract evaluated
        assert {n for n in incremental if checker._states[n] is states[n]} == incremental
        assert [v.message for v in checker._results["f"]] == [
            "app.a must not import app.c: app.a.x -> app.c.x"
        ]
        assert [v.message for v in checker._results["p"]] == [
            "app.a.x must not import app.c.x: it is protected"
        ]
        # With root_packages = ["app"], an import of lib.z names a new external
        # package, "lib", in the graph f-roots searches: it starts again.
        orch.apply_changes(
            [FileChange("app/d.py", (files["app/d.py"] + "import lib.z\n").encode())]
        )
        assert {n for n in incremental if checker._states[n] is states[n]} == incremental - {
            "f-roots"
        }
    finally:
        orch.close()


def test_a_broken_contract_is_told_before_enrichment(tmp_path: Path) -> None:
    """With the language server's hook, an edit that breaks a contract shows it after
    the commit, before any enricher ran; the fix clears it the same way; a body edit
    (the graph as it was) tells nothing."""
    orch, checker = _contracts_workspace(tmp_path)
    told: list[tuple[list[str], list[str]]] = []
    orch.import_rules_hook = lambda stats: told.append(
        (list(stats.stages_completed), [v.message for v in checker.violations if v.rule == "f"])
    )
    try:
        files = {p: "import os\n" for p in IMPORT_MODULES}
        orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
        assert told == []  # the first check: nothing was shown before it
        broken = "import os\nimport app.c.x\n"
        orch.apply_changes([FileChange("app/a/x.py", broken.encode())])
        message = "app.a must not import app.c: app.a.x -> app.c.x"
        assert told == [(["analysis", "blast_radius", "commit", "import rules"], [message])]
        orch.apply_changes([FileChange("app/a/x.py", (broken + "x = 1\n").encode())])
        assert len(told) == 1
        orch.apply_changes([FileChange("app/a/x.py", b"import os\n")])
        assert told[1] == (["analysis", "blast_radius", "commit", "import rules"], [])
    finally:
        orch.close()


# --- targeted tests -----------------------------------------------------------------------


def _orch(tmp_path: Path, files: dict[str, str], enrichers=None) -> Orchestrator:
    root = tmp_path / "ws"
    root.mkdir(exist_ok=True)
    orch = Orchestrator(root, workers=1, store_path=tmp_path / "store", enrichers=enrichers)
    orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
    return orch


BASE = {
    "pkg/__init__.py": "",
    "pkg/core.py": "class Repo:\n    def save(self):\n        return 1\ndef helper(a):\n    return a\n",
    "pkg/user.py": "from pkg.core import Repo, helper\ndef go():\n    r = Repo()\n    r.save()\n    helper(1)\n",
    "pkg/other.py": "def alone():\n    pass\n",
}


def test_body_only_edit_reenriches_only_that_file(tmp_path: Path) -> None:
    orch = _orch(tmp_path, BASE)
    try:
        body = BASE["pkg/core.py"].replace("return 1", "return 2")
        stats = orch.apply_changes([FileChange("pkg/core.py", body.encode())])
        assert stats.blast_radius_files == 0
        assert stats.reenriched_files == 1
    finally:
        orch.close()


def test_comment_edit_reenriches_nothing_and_keeps_every_result(tmp_path: Path) -> None:
    """Early cutoff: an edit that leaves every fact of the file as stored (a comment
    at a line's end) re-enriches nothing, and the graph, taint findings included,
    is a fresh index's; a comment that is a suppression, or a line that moves
    what follows, is a change like any other."""
    orch = _orch(tmp_path, TAINT_BASE)
    try:
        views = TAINT_BASE["pkg/views.py"]
        findings = _taint_lines(orch)
        assert findings  # the two routes' command injections
        commented = views.replace("app = Flask(__name__)\n", "app = Flask(__name__)  # the app\n")
        stats = orch.apply_changes([FileChange("pkg/views.py", commented.encode())])
        assert (stats.reenriched_files, stats.blast_radius_files) == (0, 0)
        assert _taint_lines(orch) == findings
        assert graph_dump(orch) == fresh_dump({**TAINT_BASE, "pkg/views.py": commented})
        # The comment edited (the last analysis carried over: languages/comment_edit.py),
        # then one added after a route's last line: the function's node ends there now,
        # so its record moved (and is enriched again), as in a fresh index.
        for old, new, reenriched in (
            ("# the app", "# the application", 0),
            ("    return 'ok'\n@app.route('/b')", "    return 'ok'  # done\n@app.route('/b')", 1),
        ):
            commented = commented.replace(old, new)
            stats = orch.apply_changes([FileChange("pkg/views.py", commented.encode())])
            assert (stats.reenriched_files, stats.blast_radius_files) == (reenriched, 0)
            assert graph_dump(orch) == fresh_dump({**TAINT_BASE, "pkg/views.py": commented})
        assert _taint_lines(orch) == findings
        # A suppression is a fact of the file's record: the file is analysed anew.
        suppressed = commented.replace(
            "# the application", "# graphwarden: ignore[command-injection]"
        )
        stats = orch.apply_changes([FileChange("pkg/views.py", suppressed.encode())])
        assert stats.reenriched_files == 1
        # A line inserted above the routes moves them: their nodes change places.
        moved = "\n" + suppressed
        stats = orch.apply_changes([FileChange("pkg/views.py", moved.encode())])
        assert stats.reenriched_files == 1
        assert graph_dump(orch) == fresh_dump({**TAINT_BASE, "pkg/views.py": moved})
    finally:
        orch.close()


def test_signature_change_reenriches_exactly_its_dependents(tmp_path: Path) -> None:
    orch = _orch(tmp_path, BASE)
    try:
        changed = BASE["pkg/core.py"].replace("def helper(a)", "def helper(a, b)")
        stats = orch.apply_changes([FileChange("pkg/core.py", changed.encode())])
        assert stats.blast_radius_files == 1  # pkg/user.py, not pkg/other.py
        assert stats.reenriched_files == 2
    finally:
        orch.close()


TAINT_BASE = {
    "pkg/__init__.py": "",
    "pkg/core.py": (
        "import os\n"
        "def helper(a):\n    return a\n"
        "def plain(x):\n    return x\n"
        "class Runner:\n    pass\n"
    ),
    "pkg/views.py": (
        "import os\nfrom flask import Flask, request\nfrom pkg.core import Runner, helper\n"
        "app = Flask(__name__)\n"
        "@app.route('/a')\ndef a():\n    os.system(helper(request.args['c']))\n    return 'ok'\n"
        "@app.route('/b')\ndef b():\n    Runner().run(request.args['c'])\n    return 'ok'\n"
    ),
    # Only the data-flow interpreter sees which class this is (no CALLS edge).
    "pkg/registry.py": (
        "from flask import Flask, request\nfrom pkg.core import Runner\n"
        "app = Flask(__name__)\nRUNNERS = {'r': Runner()}\n"
        "@app.route('/c')\ndef c():\n    RUNNERS['r'].run(request.args['c'])\n    return 'ok'\n"
    ),
    "pkg/other.py": "from pkg.core import plain, Runner\ndef go():\n    return plain(1), Runner()\n",
}


def _taint_lines(orch: Orchestrator) -> list[str]:
    return [line for line in graph_dump(orch) if "TAINT" in line]


def _fresh_taint_lines(tmp_path: Path, files: dict[str, str]) -> list[str]:
    (tmp_path / "fresh").mkdir()
    fresh = _orch(tmp_path / "fresh", files)
    try:
        return _taint_lines(fresh)
    finally:
        fresh.close()


def _taint_follows_every_edit(
    tmp_path: Path,
    base: dict[str, str],
    steps: list[tuple[str, str | None, bool]],
    watched: str,
) -> None:
    """Index `base` (no finding), then apply each step (a file's new text, None to
    delete it) and check that `watched` is reported or not as the step says, and
    that the taint edges are what a fresh index of the same files makes."""
    orch = _orch(tmp_path, base)
    files = dict(base)
    try:
        assert not _taint_lines(orch)
        for i, (path, text, reported) in enumerate(steps):
            if text is None:
                del files[path]
                orch.apply_changes([FileChange(path, deleted=True)])
            else:
                files[path] = text
                orch.apply_changes([FileChange(path, text.encode())])
            lines = _taint_lines(orch)
            assert any(watched in line for line in lines) == reported, (i, lines)
            (tmp_path / f"step{i}").mkdir()
            assert lines == _fresh_taint_lines(tmp_path / f"step{i}", files), i
    finally:
        orch.close()


def test_signature_change_reruns_data_flow_only_where_results_read_it(tmp_path: Path) -> None:
    """A signature change reaches every file pointing at the changed node for
    resolution, but data flow only where a result read the changed body."""
    orch = _orch(tmp_path, TAINT_BASE)
    try:
        assert any("pkg/views.py" in line for line in _taint_lines(orch))
        core = TAINT_BASE["pkg/core.py"]
        # `plain` is read by no result: data flow runs again for core.py alone.
        edited = core.replace("def plain(x):", "def plain(x, y=None):")
        stats = orch.apply_changes([FileChange("pkg/core.py", edited.encode())])
        # other.py's calls; core.py's summary rows are as they were (a
        # parameter is no row), so its calls stand.
        assert stats.reenriched_by_enricher["calls"] == 1
        assert stats.reenriched_by_enricher["dataflow"] == 1
        # `helper` is read by views.py's result: it runs again there, and the
        # finding goes when helper stops returning its argument.
        edited = edited.replace(
            "def helper(a):\n    return a", "def helper(a, b=1):\n    return 'ls'"
        )
        stats = orch.apply_changes([FileChange("pkg/core.py", edited.encode())])
        assert stats.reenriched_by_enricher["dataflow"] == 2
        files = {**TAINT_BASE, "pkg/core.py": edited}
        assert _taint_lines(orch) == _fresh_taint_lines(tmp_path, files)
    finally:
        orch.close()


def test_a_method_added_to_a_class_reaches_results_that_looked_for_it(tmp_path: Path) -> None:
    """`Runner().run(x)` found no method; once Runner has one that runs a shell
    command, views.py's result must change, though its body did not."""
    orch = _orch(tmp_path, TAINT_BASE)
    try:
        before = _taint_lines(orch)
        core = TAINT_BASE["pkg/core.py"].replace(
            "class Runner:\n    pass\n",
            "class Runner:\n    def run(self, c):\n        os.system(c)\n",
        )
        orch.apply_changes([FileChange("pkg/core.py", core.encode())])
        after = _taint_lines(orch)
        assert after != before
        assert any("pkg/registry.py" in line for line in after)
        assert after == _fresh_taint_lines(tmp_path, {**TAINT_BASE, "pkg/core.py": core})
    finally:
        orch.close()


MODEL_BASE = {
    "pkg/__init__.py": "",
    "pkg/models.py": "from pydantic import BaseModel\nclass Item(BaseModel):\n    n: int\n",
    "pkg/api.py": (
        "import os\nfrom fastapi import FastAPI\nfrom pkg.models import Item\n"
        "app = FastAPI()\n"
        "@app.post('/i')\ndef make(item: Item):\n    os.system('seq ' + item.n)\n"
    ),
}


def _edit_makes_a_finding_appear(
    tmp_path: Path, base: dict[str, str], path: str, old: str, new: str, where: str
) -> None:
    """`base` has no finding; replacing `old` by `new` in `path` (no signature
    changes) gives one in `where`, as a fresh index of the edited files does."""
    orch = _orch(tmp_path, base)
    try:
        assert not _taint_lines(orch)
        edited = base[path].replace(old, new)
        orch.apply_changes([FileChange(path, edited.encode())])
        after = _taint_lines(orch)
        assert any(where in line for line in after)
        assert after == _fresh_taint_lines(tmp_path, {**base, path: edited})
    finally:
        orch.close()


def test_a_model_field_retyped_reaches_the_routes_that_read_it(tmp_path: Path) -> None:
    """`n: int` to `n: str` in models.py changes no signature of the class, but
    api.py's route now receives text there: its finding must appear."""
    _edit_makes_a_finding_appear(
        tmp_path, MODEL_BASE, "pkg/models.py", "n: int", "n: str", "pkg/api.py"
    )


DTO_BASE = {
    "src/dto.ts": 'import { IsInt } from "class-validator";\nexport class Page {\n  @IsInt()\n  n: number;\n}\n',
    "src/api.ts": (
        'import { Body, Controller, Post } from "@nestjs/common";\n'
        'import { execSync } from "child_process";\nimport { Page } from "./dto";\n'
        '@Controller("p")\nexport class P {\n  @Post("s")\n'
        "  s(@Body() dto: Page) {\n    return execSync(`seq ${dto.n}`);\n  }\n}\n"
    ),
}


def test_a_dto_field_validator_removed_reaches_the_routes_that_read_it(tmp_path: Path) -> None:
    """Dropping `@IsInt()` from a DTO field changes no signature, but the NestJS
    route that reads the field now receives text: its finding must appear."""
    _edit_makes_a_finding_appear(tmp_path, DTO_BASE, "src/dto.ts", "  @IsInt()\n", "", "src/api.ts")


ROUTE_BASE = {
    "shop/__init__.py": "",
    "shop/views.py": (
        "import os\nfrom django.http import HttpResponse\n"
        "def order(request, pk):\n    os.system('echo ' + pk)\n    return HttpResponse('')\n"
    ),
    "shop/urls.py": (
        "from django.urls import path\nfrom . import views\n"
        "urlpatterns = [path('orders/<int:pk>/', views.order)]\n"
    ),
}


def test_a_views_routes_elsewhere_follow_every_edit(tmp_path: Path) -> None:
    """A Django view's capture is what the routes handing it over let through,
    whichever module they are in: a route's converter changed, a new route of
    another module, that module deleted, the view's only route moved to a new
    module; after each edit views.py's result is what a fresh index says, though
    views.py never changed."""
    urls = ROUTE_BASE["shop/urls.py"]
    other = "from django.urls import path\nfrom shop import views\nurlpatterns = [path('o/<{}:pk>/', views.order)]\n"
    steps: list[tuple[str, str | None, bool]] = [
        ("shop/urls.py", urls.replace("<int:pk>", "<str:pk>"), True),
        ("shop/urls.py", urls, False),
        ("shop/more_urls.py", other.format("path"), True),
        ("shop/more_urls.py", None, False),
        ("shop/urls.py", urls.replace("path('orders/<int:pk>/', views.order)", ""), True),
        ("shop/moved_urls.py", other.format("int"), False),
    ]
    _taint_follows_every_edit(tmp_path, ROUTE_BASE, steps, "shop/views.py")


def _helper_of(statements: int) -> str:
    return (
        "def helper(x):\n"
        + "".join(f"    x = x + '{i}'\n" for i in range(statements))
        + "    return x\n"
    )


#: Two routes calling one helper of lib.py (200 statements): `first` runs some 200
#: statements, `second` 60 of its own and the helper's. With a budget of 230,
#: `second` stops whether or not `first` ran the helper before it.
BUDGET_BASE = {
    "pyproject.toml": "[tool.graphwarden.taint]\nstatement_budget = 230\n",
    "lib.py": _helper_of(200),
    "a.py": (
        "from flask import Flask, request\nfrom lib import helper\napp = Flask(__name__)\n\n"
        "@app.route('/a')\ndef first():\n    return helper(request.args.get('q', ''))\n"
    ),
    "b.py": (
        "from flask import Flask, request\nfrom lib import helper\napp = Flask(__name__)\n\n"
        "@app.route('/b')\ndef second():\n    n = 0\n"
        + "".join(f"    n = n + {i}\n" for i in range(60))
        + "    return helper(request.args.get('q', ''))\n"
    ),
}


def _budget_orch(root: Path, files: dict[str, str]) -> Orchestrator:
    root.mkdir(parents=True)
    for path, text in files.items():
        (root / path).write_text(text)
    orch = Orchestrator(root, workers=1, store_path=root.parent / f"{root.name}-store")
    orch.index_repository()
    return orch


def _budget_lines(orch: Orchestrator) -> list[str]:
    return [line for line in graph_dump(orch) if "TAINT" in line or "ANALYSIS_STOPPED" in line]


def test_where_the_statement_budget_stops_an_entry_is_the_same_whatever_ran_before(
    tmp_path: Path,
) -> None:
    """An entry past its statement budget stops the same way in a fresh index, where
    another file's entry ran the helper it calls before it, and after an edit of
    its own file alone, where it runs the helper itself (a memoised summary counts
    what it cost); it runs again when what it read before it stopped changes."""
    files = dict(BUDGET_BASE)
    second = BUDGET_BASE["b.py"]
    steps: list[tuple[str, str, list[str]]] = [
        # Its own file edited: it stops again (the helper made afresh).
        (
            "b.py",
            second.replace("    n = n + 0\n", "    n = n + 0\n    n = n + 1\n"),
            ["b.py"],
        ),
        # The helper it read before it stopped, shortened: it finishes, and reports.
        ("lib.py", _helper_of(10), []),
        ("lib.py", _helper_of(200), ["b.py"]),
        # No helper call: it finishes.
        ("b.py", second.replace("return helper(", "return ("), []),
    ]
    orch = _budget_orch(tmp_path / "ws", files)
    try:
        assert [s.file for s in orch.stopped_analyses()] == ["b.py"]
        assert [s.body for s in orch.stopped_analyses()] == ["second"]
        for i, (path, text, stopped) in enumerate(steps):
            files[path] = text
            (orch.root / path).write_text(text)
            orch.apply_changes([FileChange(path, text.encode())])
            assert [s.file for s in orch.stopped_analyses()] == stopped, i
            lines = _budget_lines(orch)
            # A stopped entry finds nothing; one that finishes reports its XSS.
            reported = [
                line
                for line in lines
                if line.endswith(
                    '"src": "b.py->CALL->second->request.args.get#0", "type": "TAINT"}'
                )
            ]
            assert bool(reported) == (not stopped), i
            fresh = _budget_orch(tmp_path / f"fresh{i}", files)
            try:
                assert lines == _budget_lines(fresh), i
            finally:
                fresh.close()
    finally:
        orch.close()


PIPE_BASE = {
    "pipes.ts": (
        'import { BadRequestException, PipeTransform } from "@nestjs/common";\n'
        "const SLUG = /^[a-z0-9-]+$/;\n"
        "export class SlugPipe implements PipeTransform<string, string> {\n"
        "  transform(value: string): string {\n"
        '    if (!SLUG.test(value)) { throw new BadRequestException("slug"); }\n'
        "    return value;\n"
        "  }\n"
        "}\n"
    ),
    "articles.ts": (
        'import { Controller, Get, Param } from "@nestjs/common";\n'
        'import { readFileSync } from "fs";\n'
        'import { SlugPipe } from "./pipes";\n'
        '@Controller("a")\n'
        "export class Articles {\n"
        '  @Get(":slug")\n'
        '  show(@Param("slug", SlugPipe) slug: string): string {\n'
        '    return readFileSync("/srv/a/" + slug, "utf8");\n'
        "  }\n"
        "}\n"
    ),
}


def test_a_nest_pipe_edited_elsewhere_reruns_its_handlers(tmp_path: Path) -> None:
    """A NestJS parameter's pipe is a class of another module: its `transform`
    edited to check nothing, then back, then the pipe dropped from the decorator;
    after each edit the handler's findings are a fresh index's."""
    pipes, articles = PIPE_BASE["pipes.ts"], PIPE_BASE["articles.ts"]
    steps: list[tuple[str, str | None, bool]] = [
        ("pipes.ts", pipes.replace("if (!SLUG.test(value))", "if (!value)"), True),
        ("pipes.ts", pipes, False),
        ("articles.ts", articles.replace(", SlugPipe) slug", ") slug"), True),
    ]
    _taint_follows_every_edit(tmp_path, PIPE_BASE, steps, "articles.ts")


DUMP_BASE = {
    "models.py": (
        "from pydantic import BaseModel\n"
        "class Flags(BaseModel):\n"
        "    tenant_id: int\n"
        "    beta: bool | None = None\n"
    ),
    "views.py": (
        "import sqlite3\n"
        "from fastapi import FastAPI\n"
        "from models import Flags\n"
        "app = FastAPI()\n"
        "@app.patch('/flags')\n"
        "def update(flags: Flags) -> None:\n"
        "    for column in flags.model_dump():\n"
        "        sqlite3.connect('f.db').execute(f'UPDATE flags SET {column} = 1')\n"
    ),
}


def test_a_models_extra_fields_setting_elsewhere_follows_every_edit(tmp_path: Path) -> None:
    """What a Pydantic model dumps (its declared fields, or whatever the request
    sent when it allows extra fields) is decided by its class in another module:
    a configuration added, changed, taken away; after each edit the view's
    findings are a fresh index's, though views.py never changes."""
    models = DUMP_BASE["models.py"]
    allow = models.replace(
        "    tenant_id", '    model_config = ConfigDict(extra="allow")\n    tenant_id'
    )
    allow = allow.replace("import BaseModel", "import BaseModel, ConfigDict")
    steps: list[tuple[str, str | None, bool]] = [
        ("models.py", allow, True),
        ("models.py", allow.replace('"allow"', '"forbid"'), False),
        ("models.py", allow.replace('extra="allow"', "frozen=True"), True),
        ("models.py", models, False),
    ]
    _taint_follows_every_edit(tmp_path, DUMP_BASE, steps, "views.py")


def test_propagation_reruns_downstream_only_when_input_changed(tmp_path: Path) -> None:
    orch = _orch(tmp_path, BASE)
    try:
        # A body edit in user.py that changes a call's constant argument: no
        # summary row changes (only flow facts), so only data flow runs there,
        # and nothing is propagated.
        edit = BASE["pkg/user.py"].replace("helper(1)", "helper(2)")
        stats = orch.apply_changes([FileChange("pkg/user.py", edit.encode())])
        assert stats.reenriched_by_enricher["calls"] == 0
        assert stats.reenriched_by_enricher["dataflow"] == 1
        # A name passed instead is a call's row (its `arg_names`): calls runs.
        edit = BASE["pkg/user.py"].replace("helper(1)", "helper(helper)")
        stats = orch.apply_changes([FileChange("pkg/user.py", edit.encode())])
        assert stats.reenriched_by_enricher["calls"] == 1
        # Removing Repo changes other files' imports output: calls re-runs there.
        stats = orch.apply_changes([FileChange("pkg/core.py", b"def helper(a):\n    return a\n")])
        assert stats.reenriched_by_enricher["imports"] == 2
        assert stats.reenriched_by_enricher["calls"] == 2
    finally:
        orch.close()


class _Exploding(CallsEnricher):
    def process_file(self, file: str, snapshot, cancelled=None) -> EnricherFileResult:
        if file == "pkg/other.py" and "boom" in (
            snapshot.node("pkg/other.py->MODULE").attrs.get("doc") or ""
        ):
            raise RuntimeError("boom")
        return super().process_file(file, snapshot)


def test_enricher_error_leaves_shard_and_cycle_completes(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    from graphwarden.analysis.config import Settings

    settings = Settings(root=root)
    enrichers = [
        _Exploding(settings) if e.metadata.name == "calls" else e
        for e in default_enrichers(settings)
    ]
    orch = _orch(tmp_path, BASE, enrichers=enrichers)
    try:
        with orch.snapshot() as snap:
            before = snap.context_edges(enrichment_context("calls", "pkg/other.py"))
        stats = orch.apply_changes(
            [
                FileChange("pkg/other.py", b'"""boom"""\ndef alone():\n    alone()\n'),
                FileChange("pkg/user.py", (BASE["pkg/user.py"] + "go()\n").encode()),
            ]
        )
        assert len(stats.enricher_errors) == 1
        with orch.snapshot() as snap:
            assert snap.context_edges(enrichment_context("calls", "pkg/other.py")) == before
            assert any(
                e.dst == "pkg/user.py->FUNCTION->go"
                for e in snap.context_edges(enrichment_context("calls", "pkg/user.py"))
            )
    finally:
        orch.close()


class _CancelsOnce(CallsEnricher):
    """Requests a cancel (a newer edit arrived) while it runs, once."""

    request_cancel = None

    def process_file(self, file: str, snapshot, cancelled=None) -> EnricherFileResult:
        if self.request_cancel is not None:
            self.request_cancel()
            self.request_cancel = None
        return super().process_file(file, snapshot)


def test_cycle_cancelled_during_enrichment_hands_its_work_to_the_next(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    from graphwarden.analysis.config import Settings

    settings = Settings(root=root)
    calls = _CancelsOnce(settings)
    enrichers = [calls if e.metadata.name == "calls" else e for e in default_enrichers(settings)]
    files = {
        "pkg/__init__.py": "",
        "pkg/core.py": "def other():\n    pass\n",
        "pkg/user.py": "from pkg.core import helper\ndef go():\n    helper(1)\n",
    }
    orch = _orch(tmp_path, files, enrichers=enrichers)
    try:
        # helper appears: user.py (blast radius) now calls it, but the cycle is
        # cancelled after calls has run for core.py only.
        core = "def helper(a):\n    return a\n"
        calls.request_cancel = orch.request_cancel
        stats = orch.apply_changes([FileChange("pkg/core.py", core.encode())])
        assert stats.cancelled and "enrichment" not in stats.stages_completed
        # The next cycle (an unrelated edit) finishes the enrichment left over.
        stats = orch.apply_changes([FileChange("pkg/__init__.py", b"# package\n")])
        assert not stats.cancelled
        final = {**files, "pkg/core.py": core, "pkg/__init__.py": "# package\n"}
        assert graph_dump(orch) == fresh_dump(final)
    finally:
        orch.close()


def test_import_cycle_and_inheritance_cycle_terminate(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "from pkg.a import x\n",
        "pkg/a.py": "from pkg.b import x\nclass A(B2):\n    def m(self):\n        self.q()\n",
        "pkg/b.py": "from pkg.a import x\nfrom pkg.a import A as B2\nclass B(B):\n    def n(self):\n        self.z()\n",
        "pkg/c.py": "from pkg import x\nfrom pkg.a import *\nfrom pkg.b import *\n",
    }
    orch = _orch(tmp_path, files)
    try:
        assert not orch.last_stats.enricher_errors
        assert graph_dump(orch) == fresh_dump(files)
    finally:
        orch.close()


def test_two_hundred_files_in_one_cycle(tmp_path: Path) -> None:
    files = {"pkg/__init__.py": ""}
    for i in range(200):
        files[f"pkg/m{i}.py"] = (
            f"from pkg.m{(i + 1) % 200} import f{(i + 1) % 200}\ndef f{i}():\n    f{(i + 1) % 200}()\n"
        )
    orch = _orch(tmp_path, {"pkg/__init__.py": ""})
    try:
        stats = orch.apply_changes([FileChange(p, c.encode()) for p, c in files.items()])
        assert stats.changed_files == 201 and not stats.enricher_errors
        with orch.snapshot() as snap:
            assert sum(1 for _ in snap.edges("CALLS")) == 200
        assert graph_dump(orch) == fresh_dump(files)
    finally:
        orch.close()


# What each verdict of the unreferenced pass reads, changed one at a time: a
# cycle decides again only the candidates its delta can reach
# (`UnreferencedEnricher.process_global_changes`), so every input must show up.
_UNREFERENCED_FILES = {
    "pkg/__init__.py": "",
    "pkg/base.py": "class Base:\n    def keep(self):\n        pass\nclass Mid(Base):\n    pass\n",
    "pkg/impl.py": (
        "from pkg.base import Mid, Base\n"
        "class Impl(Mid):\n    def keep(self):\n        pass\n    def extra(self):\n        pass\n"
        "def lonely():\n    pass\n"
    ),
    "pkg/use.py": "from pkg.impl import Impl\ndef go():\n    return Impl()\n",
}
_UNREFERENCED_EDITS = [
    # a base gains a method of a subclass's name (override), then loses it
    (
        "pkg/base.py",
        _UNREFERENCED_FILES["pkg/base.py"].replace(
            "pass\nclass Mid", "pass\n    def extra(self):\n        pass\nclass Mid"
        ),
    ),
    ("pkg/base.py", _UNREFERENCED_FILES["pkg/base.py"]),
    # the middle class stops extending Base (the override below it goes)
    ("pkg/base.py", _UNREFERENCED_FILES["pkg/base.py"].replace("class Mid(Base)", "class Mid")),
    ("pkg/base.py", _UNREFERENCED_FILES["pkg/base.py"]),
    # a call of a method's name appears in another file, then goes
    ("pkg/use.py", "from pkg.impl import Impl\ndef go(x):\n    x.extra()\n    return Impl()\n"),
    ("pkg/use.py", _UNREFERENCED_FILES["pkg/use.py"]),
    # a function gets its first caller, then loses it
    (
        "pkg/use.py",
        "from pkg.impl import Impl, lonely\ndef go():\n    lonely()\n    return Impl()\n",
    ),
    ("pkg/use.py", _UNREFERENCED_FILES["pkg/use.py"]),
    # `__all__` lists it; a decorator marks it; its file is deleted
    ("pkg/impl.py", _UNREFERENCED_FILES["pkg/impl.py"] + "__all__ = ['lonely']\n"),
    (
        "pkg/impl.py",
        _UNREFERENCED_FILES["pkg/impl.py"].replace("def lonely", "@staticmethod\ndef lonely"),
    ),
    ("pkg/use.py", None),
    ("pkg/impl.py", _UNREFERENCED_FILES["pkg/impl.py"]),
]


def test_unreferenced_follows_every_input_of_its_verdicts(tmp_path: Path) -> None:
    orch = _orch(tmp_path, _UNREFERENCED_FILES)
    files = dict(_UNREFERENCED_FILES)
    seen: set[frozenset[str]] = set()
    try:
        for path, text in _UNREFERENCED_EDITS:
            if text is None:
                files.pop(path)
                orch.apply_changes([FileChange(path, deleted=True)])
            else:
                files[path] = text
                orch.apply_changes([FileChange(path, text.encode())])
            dump = graph_dump(orch)
            seen.add(frozenset(line for line in dump if "UNREFERENCED" in line))
            assert dump == fresh_dump(files), (path, text)
        # The edits did change the verdicts (the comparison above had something to see).
        assert len(seen) >= 5
    finally:
        orch.close()
