"""The enricher registry is the one list of enricher names."""

from __future__ import annotations

from pathlib import Path

from graphwarden.analysis import config
from graphwarden.analysis.enrichers import ENRICHER_NAMES, all_enricher_classes


def test_names_follow_the_classes() -> None:
    assert tuple(cls.metadata.name for cls in all_enricher_classes()) == ENRICHER_NAMES


def test_config_reads_the_registry() -> None:
    assert config.ENRICHER_NAMES is ENRICHER_NAMES
    assert set(config.Settings(root=Path(".")).enrichers) == set(ENRICHER_NAMES)
