"""Renderers for check results: text (terminals), json, sarif (code scanning), github."""

from graphwarden.analysis.reporting.github import render_github
from graphwarden.analysis.reporting.json import render_json
from graphwarden.analysis.reporting.sarif import render_sarif
from graphwarden.analysis.reporting.text import render_text

FORMATS = ("text", "json", "sarif", "github")

__all__ = ["FORMATS", "render_github", "render_json", "render_sarif", "render_text"]
