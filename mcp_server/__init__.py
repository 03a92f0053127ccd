"""`graphwarden mcp`: the agent interface, a Model Context Protocol server over stdio.

A thin adapter over `graphwarden.analysis.agent.AgentWorkspace`: `tools.py`
declares each tool (name, description, JSON schema) and which method answers
it; `server.py` runs the official `mcp` SDK's low-level server on stdio,
validates arguments against the schemas, runs every call on one worker
thread, and turns a bad request into a one-line tool error.
"""
