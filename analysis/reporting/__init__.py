"""Renderers for check results: text (terminals), json, sarif (code scanning), github."""

from analysis.reporting.github import render_github
from analysis.reporting.json import render_json
from analysis.reporting.sarif import render_sarif
from analysis.reporting.text import render_text

FORMATS = ("text", "json", "sarif", "github")

__all__ = ["FORMATS", "render_github", "render_json", "render_sarif", "render_text"]
