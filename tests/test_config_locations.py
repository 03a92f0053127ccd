"""The TOML locator: the line of every key and of every line of every string."""

from __future__ import annotations

from graphwarden.analysis.config_locations import locate

DOCUMENT = """\
# a comment
include = ["a", "b"]
enrichers = { calls = true, "import-cycle" = false }
builtin_rules.unresolved-import = true

[[guarantees]]
name = "first"
rule = '''
a(X) :- node(X, _).
violation(X) :- a(X).'''

[[guarantees]]
name = "second"
rule = "x(X) :- node(X, _).\\nviolation(X) :- x(X)."

[guarantees.extra]
k = 1979-05-27 07:32:00Z

[tool . "graph warden"]
contracts = [
  { name = "c", type = "acyclic" },
  [1, [2, 3]],
]
"""


def test_every_key_has_its_line() -> None:
    loc = locate(DOCUMENT)
    assert loc.keys == {
        ("include",): 2,
        ("include", 0): 2,
        ("include", 1): 2,
        ("enrichers",): 3,
        ("enrichers", "calls"): 3,
        ("enrichers", "import-cycle"): 3,
        ("builtin_rules",): 4,
        ("builtin_rules", "unresolved-import"): 4,
        ("guarantees",): 6,
        ("guarantees", 0): 6,
        ("guarantees", 0, "name"): 7,
        ("guarantees", 0, "rule"): 8,
        ("guarantees", 1): 12,
        ("guarantees", 1, "name"): 13,
        ("guarantees", 1, "rule"): 14,
        ("guarantees", 1, "extra"): 16,
        ("guarantees", 1, "extra", "k"): 17,
        ("tool",): 19,
        ("tool", "graph warden"): 19,
        ("tool", "graph warden", "contracts"): 20,
        ("tool", "graph warden", "contracts", 0): 21,
        ("tool", "graph warden", "contracts", 0, "name"): 21,
        ("tool", "graph warden", "contracts", 0, "type"): 21,
        ("tool", "graph warden", "contracts", 1): 22,
        ("tool", "graph warden", "contracts", 1, 0): 22,
        ("tool", "graph warden", "contracts", 1, 1): 22,
        ("tool", "graph warden", "contracts", 1, 1, 0): 22,
        ("tool", "graph warden", "contracts", 1, 1, 1): 22,
    }


def test_lines_of_strings() -> None:
    loc = locate(DOCUMENT)
    # The newline after ''' is dropped: the rule's first line is the file's 9th.
    assert loc.strings[("guarantees", 0, "rule")] == [9, 10]
    # An escaped newline makes a second line of the value on the same file line.
    assert loc.strings[("guarantees", 1, "rule")] == [14, 14]
    assert loc.string_line(("guarantees", 1, "rule"), 2) == 14
    assert loc.string_line(("guarantees", 0, "rule"), 99) == 10
    assert loc.line(("guarantees", 1, "rule", "missing")) == 14
    assert loc.line(("nowhere",)) == 0


def test_any_text_is_scanned_without_error() -> None:
    for text in ('x = """unterminated', "[[", "= = =", "a.'b", "{", "x = [1, {a = ", "\\"):
        locate(text)  # never raises, always ends
