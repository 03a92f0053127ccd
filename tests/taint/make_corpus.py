"""Writes the generated half of the taint corpus (tests/fixtures/taint/): run it after editing.

Every case is one file. A true positive marks its sink line with
``# SINK: <class>`` (``// SINK: <class>`` in JS); a true negative marks the
line a pattern matcher would flag with ``# SAFE: <class>``. A case may
name the hops its path must pass through, in order: ``# PATH: a > b``
(variable, parameter or call names). test_corpus.py reads the markers.

The generated cases are flow shapes (direct, string building, overwritten,
containers with constant keys, list positions, constant conditions,
helpers in other files that return or sanitise, methods through resolved
receivers, class fields, closures, comprehensions, ...) crossed with every
vulnerability class, each with its safe twin. Hand-written cases (framework
specifics, sink conditions) live beside them in ``special/`` folders.

    python tests/taint/make_corpus.py
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "taint"

# -- Python ---------------------------------------------------------------------------------

#: class -> (imports, sink line using `bar`, sanitizer helper in helpers.utils for the safe twin)
PY_SINKS: dict[str, tuple[str, str, str]] = {
    "sql-injection": (
        "import sqlite3",
        "conn = sqlite3.connect(':memory:')\ncur = conn.cursor()\ncur.execute(\"SELECT * FROM users WHERE name = '\" + bar + \"'\")",
        "sql_quote",
    ),
    "command-injection": (
        "import subprocess",
        'subprocess.run("echo " + bar, shell=True, capture_output=True)',
        "shell_quote",
    ),
    "code-injection": ("", "result = eval(bar)", "as_number"),
    "path-traversal": (
        "import os\nimport helpers.utils",
        "with open(os.path.join(helpers.utils.TESTFILES_DIR, bar), 'rb') as fh:\n    data = fh.read()",
        "base_name",
    ),
    "xss": ("", "return '<p>' + bar + '</p>'", "escape_for_html"),
    "xpath-injection": (
        "from lxml import etree",
        "root = etree.fromstring('<users/>')\nfound = root.xpath(\"//user[@name='\" + bar + \"']\")",
        "xpath_literal",
    ),
    "ldap-injection": (
        "import ldap3",
        "conn = ldap3.Connection(ldap3.Server('ldap://localhost'))\nconn.search('dc=example,dc=org', '(uid=' + bar + ')')",
        "ldap_escape",
    ),
    "open-redirect": ("from flask import redirect", "return redirect(bar)", "local_url"),
    "ssrf": ("import requests", "resp = requests.get(bar, timeout=5)", "local_url"),
    "trust-boundary": ("from flask import session", "session['user'] = bar", "as_number"),
    "unsafe-deserialization": (
        "import pickle, base64",
        "obj = pickle.loads(base64.b64decode(bar))",
        "as_number",
    ),
    "xxe": (
        "from lxml import etree",
        "parser = etree.XMLParser(resolve_entities=True)\ndoc = etree.fromstring(bar, parser)",
        "as_number",
    ),
}

PY_SOURCES = [
    'request.args.get("q", "")',
    'request.form.get("name", "")',
    'request.headers.get("X-Value", "")',
    'request.cookies.get("token", "")',
    'request.values.get("v", "")',
    'request.args.getlist("items")[0]',
    "request.get_data(as_text=True)",
]

#: shape -> (TP lines, TN lines, other helper class names for "helper_sanitize" shapes)
#: `param` holds user data; both must leave `bar` set.
PY_SHAPES: dict[str, tuple[str, str]] = {
    "direct": ("bar = param", 'bar = "constant"'),
    "string_building": (
        'bar = "id=" + param\nbar = f"{bar};"\nbar = "%s" % bar\nbar = "{}".format(bar)',
        'bar = "id=" + str(len(param))\nbar = f"{bar};"',
    ),
    "overwritten": ("bar = param\nbar = bar.strip()", 'bar = param\nbar = "safe value"'),
    "dict_constant_key": (
        'm = {}\nm["keyA"] = "a-value"\nm["keyB"] = param\nbar = m["keyB"]',
        'm = {}\nm["keyA"] = "a-value"\nm["keyB"] = param\nbar = m["keyA"]',
    ),
    "list_positions": (
        'lst = []\nlst.append("safe")\nlst.append(param)\nlst.append("more")\nlst.pop(0)\nbar = lst[0]',
        'lst = []\nlst.append("safe")\nlst.append(param)\nlst.append("more")\nlst.pop(0)\nbar = lst[1]',
    ),
    "constant_condition": (
        'num = 106\nbar = "never" if (7 * 42) - num > 200 else param',
        'num = 106\nbar = "always" if (7 * 18) + num > 200 else param',
    ),
    "switch": (
        'target = "A"\nif target == "A":\n    bar = param\nelif target == "B":\n    bar = "bob"\nelse:\n    bar = "other"',
        'target = "B"\nif target == "A":\n    bar = param\nelif target == "B":\n    bar = "bob"\nelse:\n    bar = "other"',
    ),
    "helper_returns": (
        "bar = helpers.utils.passthru(param)",
        "bar = helpers.utils.constant_of(param)",
    ),
    "helper_sanitizes": (
        "bar = helpers.utils.{other}(param)",
        "bar = helpers.utils.{sanitizer}(param)",
    ),
    "method_receiver": (
        "thing = helpers.things.Thing()\nbar = thing.do_something(param)",
        "thing = helpers.things.Thing()\nbar = thing.do_nothing(param)",
    ),
    "class_field": (
        "holder = helpers.things.Holder(param)\nbar = holder.value",
        'holder = helpers.things.Holder("safe")\nother = helpers.things.Holder(param)\nbar = holder.value',
    ),
    "base64_roundtrip": (
        "tmp = base64.b64encode(param.encode('utf-8'))\nbar = base64.b64decode(tmp).decode('utf-8')",
        "tmp = base64.b64encode(param.encode('utf-8'))\nbar = str(len(base64.b64decode(tmp)))",
    ),
    "config_section": (
        "conf = configparser.ConfigParser()\nconf.add_section('section')\nconf.set('section', 'keyA', 'a-value')\nconf.set('section', 'keyB', param)\nbar = conf.get('section', 'keyB')",
        "conf = configparser.ConfigParser()\nconf.add_section('section')\nconf.set('section', 'keyA', 'a-value')\nconf.set('section', 'keyB', param)\nbar = conf.get('section', 'keyA')",
    ),
    "lambda": (
        'wrap = lambda x: "[" + x + "]"\nbar = wrap(param)',
        'wrap = lambda x: "[]"\nbar = wrap(param)',
    ),
    "nested_def": (
        "def inner(value):\n    return value.upper()\nbar = inner(param)",
        'def inner(value):\n    return "fixed"\nbar = inner(param)',
    ),
    "comprehension": (
        'bar = "".join([c for c in param if c != " "])',
        'bar = "".join([c for c in "abc" if param])',
    ),
    "walrus_loop": (
        'bar = ""\nfor ch in param:\n    bar += ch',
        'bar = ""\nfor ch in "abc":\n    if (n := len(param)) > 0:\n        bar += ch',
    ),
    "try_except": (
        'try:\n    bar = param.encode("utf-8").decode("utf-8")\nexcept ValueError:\n    bar = "invalid"',
        'try:\n    bar = str(int(param))\nexcept ValueError:\n    bar = "invalid"',
    ),
    "decorated_helper": (
        "bar = helpers.utils.cached_passthru(param)",
        "bar = helpers.utils.cached_constant(param)",
    ),
}

#: Shapes whose TP uses the "other class" helper: the class it does not protect against.
OTHER_SANITIZER = {
    "sql-injection": "escape_for_html",
    "xss": "shell_quote",
    "command-injection": "escape_for_html",
    "path-traversal": "escape_for_html",
    "xpath-injection": "shell_quote",
    "ldap-injection": "escape_for_html",
    "open-redirect": "escape_for_html",
    "ssrf": "escape_for_html",
    "code-injection": "escape_for_html",
    "trust-boundary": "escape_for_html",
    "unsafe-deserialization": "escape_for_html",
    "xxe": "escape_for_html",
}

PY_HEADER = """\
import base64
import configparser
from flask import request
import helpers.utils
import helpers.things
{imports}


def init(app):
    @app.route("/case/{name}", methods=["GET"])
    def {func}_get():
        return {func}_post()

    @app.route("/case/{name}", methods=["POST"])
    def {func}_post():
        param = {source}
        if not param:
            param = ""
"""

PY_HELPERS = {
    "helpers/__init__.py": "",
    "helpers/utils.py": '''\
"""Helpers the corpus cases call across files."""

import functools
import html
import shlex

TESTFILES_DIR = "/srv/files/"


def passthru(value):
    copy = value
    return copy


def constant_of(value):
    return "constant"


def escape_for_html(value):
    return html.escape(value)


def shell_quote(value):
    return shlex.quote(value)


def sql_quote(value):
    return str(int(value))


def base_name(value):
    import os

    return os.path.basename(value)


def xpath_literal(value):
    return str(int(value))


def ldap_escape(value):
    from ldap3.utils.conv import escape_filter_chars

    return escape_filter_chars(value)


def local_url(value):
    return "/home"


def as_number(value):
    return str(int(value))


def _memo(fn):
    return functools.lru_cache(maxsize=None)(fn)


@_memo
def cached_passthru(value):
    return value


@_memo
def cached_constant(value):
    return "fixed"
''',
    "helpers/things.py": '''\
"""Classes whose methods the corpus calls through resolved receivers."""


class Thing:
    def do_something(self, value):
        return self._wrap(value)

    def _wrap(self, value):
        return "<" + value + ">"

    def do_nothing(self, value):
        return "nothing"


class Holder:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value
''',
}


def py_case(cls: str, shape: str, tp: bool, n: int) -> str:
    imports, sink, sanitizer = PY_SINKS[cls]
    tp_code, tn_code = PY_SHAPES[shape]
    code = tp_code if tp else tn_code
    code = code.replace("{other}", OTHER_SANITIZER[cls]).replace("{sanitizer}", sanitizer)
    func = f"case_{cls.replace('-', '_')}_{shape}_{'tp' if tp else 'tn'}"
    text = PY_HEADER.format(
        imports=imports, name=func, func=func, source=PY_SOURCES[n % len(PY_SOURCES)]
    )
    body = [*code.split("\n"), *sink.split("\n")]
    marker = f"  # {'SINK' if tp else 'SAFE'}: {cls}"
    sink_lines = sink.split("\n")
    out_lines = []
    for i, line in enumerate(body):
        is_sink = i >= len(body) - len(sink_lines) and _is_sink_line(cls, line)
        out_lines.append("        " + line + (marker if is_sink else ""))
    if not sink.startswith("return"):
        out_lines.append('        return "done"')
    return text + "\n".join(out_lines) + "\n"


def _is_sink_line(cls: str, line: str) -> bool:
    keys = {
        "sql-injection": ".execute(",
        "command-injection": "subprocess.run(",
        "code-injection": "eval(",
        "path-traversal": "open(",
        "xss": "return",
        "xpath-injection": ".xpath(",
        "ldap-injection": ".search(",
        "open-redirect": "redirect(",
        "ssrf": "requests.get(",
        "trust-boundary": "session[",
        "unsafe-deserialization": "pickle.loads(",
        "xxe": "etree.fromstring(bar",
    }
    return keys[cls] in line


# -- JavaScript -----------------------------------------------------------------------------

JS_SINKS: dict[str, tuple[str, str, str]] = {
    "sql-injection": (
        'const mysql = require("mysql");\nconst connection = mysql.createConnection({ host: "localhost" });',
        'connection.query("SELECT * FROM users WHERE name = \'" + bar + "\'");',
        "sqlEscape",
    ),
    "command-injection": (
        'const { exec } = require("child_process");',
        'exec("ls " + bar, () => {});',
        "shellQuote",
    ),
    "code-injection": ("", "const out = eval(bar);", "asNumber"),
    "path-traversal": (
        'const fs = require("fs");',
        'fs.readFileSync("/srv/files/" + bar);',
        "baseName",
    ),
    "xss": ("", 'res.send("<p>" + bar + "</p>");', "escapeHtml"),
    "xpath-injection": (
        'const xpath = require("xpath");',
        'const nodes = xpath.select("//user[@name=\'" + bar + "\']", doc);',
        "asNumber",
    ),
    "ldap-injection": (
        'const ldap = require("ldapjs");',
        'const client = ldap.createClient({ url: "ldap://localhost" });\nclient.search("dc=example,dc=org", { filter: "(uid=" + bar + ")" }, () => {});',
        "ldapEscape",
    ),
    "open-redirect": ("", "res.redirect(bar);", "localUrl"),
    "ssrf": ('const axios = require("axios");', "axios.get(bar).then(() => {});", "localUrl"),
    "trust-boundary": ("", "req.session.user = bar;", "asNumber"),
    "unsafe-deserialization": (
        'const serialize = require("node-serialize");',
        "const obj = serialize.unserialize(bar);",
        "asNumber",
    ),
    "xxe": (
        'const libxmljs = require("libxmljs");',
        "const doc = libxmljs.parseXml(bar, { noent: true });",
        "asNumber",
    ),
}

JS_SOURCES = [
    "req.query.q",
    "req.body.name",
    "req.params.id",
    "req.cookies.token",
    'req.get("X-Value")',
    'req.headers["x-value"]',
]

JS_SHAPES: dict[str, tuple[str, str]] = {
    "direct": ("const bar = param;", 'const bar = "constant";'),
    "template_building": (
        'let bar = `id=${param}`;\nbar = bar + ";";',
        'let bar = `id=${param.length}`;\nbar = bar + ";";',
    ),
    "overwritten": ("let bar = param;\nbar = bar.trim();", 'let bar = param;\nbar = "safe value";'),
    "object_key": (
        'const m = {};\nm.keyA = "a-value";\nm["keyB"] = param;\nconst bar = m.keyB;',
        'const m = {};\nm.keyA = "a-value";\nm["keyB"] = param;\nconst bar = m.keyA;',
    ),
    "array_positions": (
        'const lst = ["safe"];\nlst.push(param);\nlst.push("more");\nlst.shift();\nconst bar = lst[0];',
        'const lst = ["safe"];\nlst.push(param);\nlst.push("more");\nlst.shift();\nconst bar = lst[1];',
    ),
    "constant_condition": (
        'const num = 106;\nconst bar = (7 * 42) - num > 200 ? "never" : param;',
        'const num = 106;\nconst bar = (7 * 18) + num > 200 ? "always" : param;',
    ),
    "switch": (
        'const target = "A";\nlet bar = "x";\nswitch (target) {\n  case "A":\n    bar = param;\n    break;\n  default:\n    bar = "other";\n}',
        'const target = "B";\nlet bar = "x";\nswitch (target) {\n  case "A":\n    bar = param;\n    break;\n  default:\n    bar = "other";\n}',
    ),
    "helper_returns": (
        "const bar = helpers.passthru(param);",
        "const bar = helpers.constantOf(param);",
    ),
    "helper_sanitizes": (
        "const bar = helpers.{other}(param);",
        "const bar = helpers.{sanitizer}(param);",
    ),
    "map_keys": (
        'const mp = new Map();\nmp.set("keyA", "a-value");\nmp.set("keyB", param);\nconst bar = mp.get("keyB");',
        'const mp = new Map();\nmp.set("keyA", "a-value");\nmp.set("keyB", param);\nconst bar = mp.get("keyA");',
    ),
    "destructuring": (
        "const { a: bar } = { a: param, b: 1 };",
        'const { b: bar } = { a: param, b: "fixed" };',
    ),
    "class_field": (
        "const holder = new helpers.Holder(param);\nconst bar = holder.value;",
        'const holder = new helpers.Holder("safe");\nconst other = new helpers.Holder(param);\nconst bar = holder.value;',
    ),
    "arrow_helper": (
        'const wrap = (x) => "[" + x + "]";\nconst bar = wrap(param);',
        'const wrap = (x) => "[]";\nconst bar = wrap(param);',
    ),
}

JS_OTHER = {k: ("escapeHtml" if k != "xss" else "shellQuote") for k in JS_SINKS}

JS_HELPERS = {
    "helpers/index.js": """\
const path = require("path");
const escapeHtmlLib = require("escape-html");
const shq = require("shell-quote");

function passthru(value) {
  const copy = value;
  return copy;
}
function constantOf(value) {
  return "constant";
}
function escapeHtml(value) {
  return escapeHtmlLib(value);
}
function shellQuote(value) {
  return shq.quote([value]);
}
function sqlEscape(value) {
  return String(parseInt(value, 10));
}
function baseName(value) {
  return path.basename(value);
}
function ldapEscape(value) {
  return encodeURIComponent(value);
}
function localUrl(value) {
  return "/home";
}
function asNumber(value) {
  return String(Number(value));
}
class Holder {
  constructor(value) {
    this.value = value;
  }
}
module.exports = { passthru, constantOf, escapeHtml, shellQuote, sqlEscape, baseName, ldapEscape, localUrl, asNumber, Holder };
""",
    "helpers/db.js": """\
const mysql = require("mysql");
const connection = mysql.createConnection({ host: "localhost" });
function query(sql, params) {
  return connection.query(sql, params);
}
module.exports = { query };
""",
}

JS_HEADER = """\
const express = require("express");
const helpers = require("./helpers");
{imports}
const router = express.Router();

router.get("/case/{name}", (req, res) => {{
  const param = {source} || "";
  const doc = null;
"""


def js_case(cls: str, shape: str, tp: bool, n: int) -> str:
    imports, sink, sanitizer = JS_SINKS[cls]
    tp_code, tn_code = JS_SHAPES[shape]
    code = (tp_code if tp else tn_code).replace("{other}", JS_OTHER[cls])
    code = code.replace("{sanitizer}", sanitizer)
    name = f"{cls}-{shape}-{'tp' if tp else 'tn'}"
    text = JS_HEADER.format(imports=imports, name=name, source=JS_SOURCES[n % len(JS_SOURCES)])
    lines = code.split("\n")
    sink_lines = sink.split("\n")
    marker = f"  // {'SINK' if tp else 'SAFE'}: {cls}"
    out = ["  " + line for line in lines]
    for i, line in enumerate(sink_lines):
        last = i == len(sink_lines) - 1
        out.append("  " + line + (marker if last else ""))
    if cls not in ("xss", "open-redirect"):
        out.append('  res.send("done");')
    return text + "\n".join(out) + "\n});\n\nmodule.exports = router;\n"


def main() -> None:
    for lang in ("python", "javascript"):
        gen = ROOT / lang / "generated"
        if gen.exists():
            shutil.rmtree(gen)
    py = ROOT / "python"
    for rel, text in PY_HELPERS.items():
        (py / rel).parent.mkdir(parents=True, exist_ok=True)
        (py / rel).write_text(text)
    n = 0
    for cls in PY_SINKS:
        for shape in PY_SHAPES:
            for tp in (True, False):
                path = (
                    py / "generated" / cls.replace("-", "_") / f"{shape}_{'tp' if tp else 'tn'}.py"
                )
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(py_case(cls, shape, tp, n))
                n += 1
    for d in (py / "generated").rglob("*"):
        if d.is_dir():
            (d / "__init__.py").write_text("")
    (py / "generated" / "__init__.py").write_text("")
    js = ROOT / "javascript"
    for rel, text in JS_HELPERS.items():
        (js / rel).parent.mkdir(parents=True, exist_ok=True)
        (js / rel).write_text(text)
    n = 0
    for cls in JS_SINKS:
        for shape in JS_SHAPES:
            for tp in (True, False):
                path = js / "generated" / cls / f"{shape}_{'tp' if tp else 'tn'}.js"
                path.parent.mkdir(parents=True, exist_ok=True)
                text = js_case(cls, shape, tp, n)
                path.write_text(
                    text.replace('require("./helpers")', 'require("../../helpers")').replace(
                        'require("./helpers/db")', 'require("../../helpers/db")'
                    )
                )
                n += 1


if __name__ == "__main__":
    main()
    print(textwrap.dedent(f"written under {ROOT}"))
