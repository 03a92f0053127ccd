"""One module per command; each has `register(sub)` (its arguments) and `run(args)`.

`main.py` imports every one of them unconditionally: a command whose import
breaks must fail the whole command line loudly, never vanish from `--help`.
"""
