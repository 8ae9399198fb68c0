"""The record kept beside a fetched page: read back into the transcript, ignored when bad."""

from __future__ import annotations

import shutil
from pathlib import Path

from search_index.library import load_one
from search_index.provenance import Provenance, read_provenance, sidecar_of, write_provenance
from tests.support.webserver import WEB


def test_the_address_beside_a_page_is_read_back(tmp_path: Path) -> None:
    page = tmp_path / "briefing.html"
    shutil.copy(WEB / "mfa-2023-03-14.html", page)
    assert load_one(page).source_url is None
    write_provenance(
        page,
        Provenance(url="https://example.gov/b?id=7", final_url="https://example.gov/b/7"),
    )
    assert sidecar_of(page) == tmp_path / "briefing.html.source.json"
    assert load_one(page).source_url == "https://example.gov/b/7"
    assert not list(tmp_path.glob(".part-*"))


def test_a_damaged_record_is_ignored(tmp_path: Path) -> None:
    page = tmp_path / "briefing.html"
    shutil.copy(WEB / "mfa-2023-03-14.html", page)
    for content in ("{not json", '{"etag": "x"}', "[1, 2]"):
        sidecar_of(page).write_text(content, encoding="utf-8")
        assert read_provenance(page) is None
        assert load_one(page).source_url is None
