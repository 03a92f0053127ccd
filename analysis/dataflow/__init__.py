"""Data flow, value domains and taint.

* `ir`: the data-flow facts front ends record for each body (what the
  summaries carry);
* `models`: taint specifications (sources, sinks, sanitizers, propagators)
  as data: the built-in packs (`packs/*.toml`) and the user's
  ``[tool.graphwarden.taint]``, validated with file and line;
* `values`: abstract values (taint labels with their paths, constants,
  fields);
* `engine`: the interpreter of one body, with function summaries applied at
  resolved call sites (`summaries`);
* the enricher that runs it is `enrichers/dataflow.py`, the rules that
  report it `guarantees/rules/taint_rule.py`.
"""
