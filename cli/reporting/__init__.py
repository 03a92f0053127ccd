"""Renderers for check results: text (terminals), json, sarif (code scanning), github."""

from graphwarden.cli.reporting.github import render_github
from graphwarden.cli.reporting.json import render_json
from graphwarden.cli.reporting.sarif import render_sarif
from graphwarden.cli.reporting.text import render_text

FORMATS = ("text", "json", "sarif", "github")

__all__ = ["FORMATS", "render_github", "render_json", "render_sarif", "render_text"]
