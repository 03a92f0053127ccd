"""graphwarden's command line: an adapter over the analysis library.

Everything a terminal needs lives here and nowhere in ``analysis/``: argument
parsing, printing, exit codes, the progress bar, the report formats and
baselines. The library only computes; this package decides how it is shown,
so the language server and the command line can never disagree about the
analysis itself. ``main.py`` wires the parser; ``commands/`` holds one module
per command.
"""
