"""Shared fixtures: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_expected(shared_dir) -> dict:
    return json.loads((shared_dir / "corpus" / "tribune-ttp-daesh.expected.json").read_text(encoding="utf-8"))
