"""Parse once: the parsed transcripts and figures kept in the index folder, and when they are
not to be trusted (another file, another version of pressroom, another layout, damage)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from search_index.figures import figures_of_transcript
from search_index.index import LibraryIndex, parsed_sections
from search_index.index import parsed as parsed_module
from search_index.index.folder import PARSED_NAME, is_own
from search_index.index.manifest import load_manifest, save_manifest
from search_index.index.parsed import ParsedLookup, ParsedStore
from search_index.library import load_library, load_one
from search_index.models import Transcript


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def lib(tmp_path: Path, sample_file: Path, data_dir: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    shutil.copy(sample_file, root / "sample.txt")
    shutil.copytree(data_dir / "insights_library", root / "more")
    return root


@pytest.fixture()
def index_dir(tmp_path: Path, lib: Path) -> Path:
    where = tmp_path / "index"
    with LibraryIndex.open(where) as index:
        index.update([lib])
    return where


def entry_files(index_dir: Path) -> list[str]:
    return sorted(os.listdir(index_dir / PARSED_NAME))


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse fail: what is loaded then came from the kept entries."""

    def no(path: Path) -> Transcript:
        raise AssertionError(f"parsed {path}")

    monkeypatch.setattr("search_index.library.load_one", no)


def test_indexing_keeps_each_file_parsed_with_its_figures_by_content_hash(
    index_dir: Path, lib: Path
) -> None:
    files = sorted(lib.rglob("*.txt"))
    assert entry_files(index_dir) == sorted(f"{sha256(f)}.parsed" for f in files)
    store = ParsedStore(index_dir)
    for file in files:
        kept = store.read(sha256(file), str(file), figures=True)
        assert kept is not None and kept.figures is not None
        fresh = load_one(file)
        assert kept.transcript == fresh
        assert list(kept.figures) == figures_of_transcript(fresh)


def test_the_library_loads_from_the_index_as_it_would_parse(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_library([lib], figures=True)
    refuse_parsing(monkeypatch)
    kept = load_library([lib], parsed=ParsedLookup.of_index(index_dir), figures=True)
    assert kept.transcripts == fresh.transcripts
    assert kept.figures == fresh.figures
    assert len(kept.transcripts) == 3


def test_a_relative_path_keeps_its_spelling_and_a_web_page_its_address(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (lib / "sample.txt.source.json").write_text(
        '{"url": "https://example.org/briefing"}', encoding="utf-8"
    )
    monkeypatch.chdir(lib)
    fresh = load_one(Path("sample.txt"))
    refuse_parsing(monkeypatch)
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    kept = lookup.load(Path("sample.txt")).transcript
    assert kept.source == "sample.txt"
    assert kept.source_url == "https://example.org/briefing"
    assert kept == fresh


def test_a_changed_file_is_parsed_again_and_its_old_entry_goes(index_dir: Path, lib: Path) -> None:
    sample = lib / "sample.txt"
    old = sha256(sample)
    sample.write_text(sample.read_text(encoding="utf-8").replace("Xing Huina", "Xing Huiна"))
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    loaded = lookup.load(sample).transcript
    assert loaded == load_one(sample)
    assert f"{sha256(sample)}.parsed" not in entry_files(index_dir)  # not indexed yet
    with LibraryIndex.open(index_dir) as index:
        index.update([lib])
    names = entry_files(index_dir)
    assert f"{old}.parsed" not in names
    assert f"{sha256(sample)}.parsed" in names


def test_another_version_of_pressroom_or_another_layout_parses_again(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = lib / "sample.txt"
    store = ParsedStore(index_dir)
    assert store.read(sha256(sample), str(sample)) is not None
    monkeypatch.setattr(parsed_module, "code_version", lambda: "9.9.9+0123456789abcdef")
    assert store.read(sha256(sample), str(sample)) is None
    monkeypatch.undo()
    assert store.read(sha256(sample), str(sample)) is not None
    monkeypatch.setattr(parsed_module, "FORMAT", parsed_module.FORMAT + 1)
    assert store.read(sha256(sample), str(sample)) is None


def test_the_code_version_names_pressrooms_version_and_changes_with_the_parser() -> None:
    from importlib.metadata import version

    found = parsed_module.code_version()
    own, _, digest = found.partition("+")
    assert own == version("pressroom")
    assert len(digest) == 16 and int(digest, 16) >= 0


def test_a_new_version_rewrites_the_entries_when_it_indexes(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = lib / "sample.txt"
    monkeypatch.setattr(parsed_module, "code_version", lambda: "9.9.9+0123456789abcdef")
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    assert lookup.load(sample).transcript == load_one(sample)  # parsed, then kept again
    header = ParsedStore(index_dir).path_of(sha256(sample)).read_bytes().split(b"\n", 1)[0]
    assert b'"version":"9.9.9+0123456789abcdef"' in header


@pytest.mark.parametrize("damage", ["garbled", "truncated", "empty", "header"])
def test_a_damaged_entry_is_parsed_again_never_trusted_and_written_anew(
    index_dir: Path, lib: Path, damage: str
) -> None:
    sample = lib / "sample.txt"
    entry = ParsedStore(index_dir).path_of(sha256(sample))
    data = entry.read_bytes()
    if damage == "garbled":  # still valid JSON of a transcript: only the checksum tells
        start, end = section_span(data, "transcript")
        assert data[start:end].count(b"Shen Changyu") > 1
        data = (
            data[:start] + data[start:end].replace(b"Shen Changyu", b"Shen Changyo", 1) + data[end:]
        )
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = b""
    else:
        data = b"{not json\n" + data.split(b"\n", 1)[1]
    entry.write_bytes(data)
    store = ParsedStore(index_dir)
    assert store.read(sha256(sample), str(sample)) is None
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    assert lookup.load(sample).transcript == load_one(sample)
    rewritten = store.read(sha256(sample), str(sample), figures=True)
    assert rewritten is not None and rewritten.transcript == load_one(sample)


def section_span(data: bytes, name: str) -> tuple[int, int]:
    """Where the section `name` of an entry's bytes is."""
    head, _rest = data.split(b"\n", 1)
    start = len(head) + 1
    for section, length, _crc in json.loads(head)["sections"]:
        if section == name:
            return start, start + length
        start += length
    raise KeyError(name)


def test_a_missing_entry_is_rebuilt_quietly(index_dir: Path, lib: Path) -> None:
    sample = lib / "sample.txt"
    entry = ParsedStore(index_dir).path_of(sha256(sample))
    entry.unlink()
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    kept = lookup.load(sample, figures=True)
    assert kept.figures == tuple(figures_of_transcript(load_one(sample)))
    assert entry.exists()


def test_a_copy_elsewhere_is_parsed_and_not_kept(
    index_dir: Path, lib: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(lib / "sample.txt", copy)
    before = entry_files(index_dir)
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    assert lookup.load(copy).transcript == load_one(copy)
    assert entry_files(index_dir) == before


def test_removed_files_take_their_entries_with_them(index_dir: Path, lib: Path) -> None:
    shutil.rmtree(lib / "more")
    with LibraryIndex.open(index_dir) as index:
        index.update([lib])
    assert entry_files(index_dir) == [f"{sha256(lib / 'sample.txt')}.parsed"]


def test_what_a_killed_update_left_goes_with_the_next_update(index_dir: Path, lib: Path) -> None:
    folder = index_dir / PARSED_NAME
    orphan = "0" * 64
    (folder / f"{orphan}.parsed").write_bytes(b"from an update that never committed")
    (folder / f".{orphan}.abc123.tmp").write_bytes(b"half")
    with LibraryIndex.open(index_dir) as index:
        assert not index.update([lib]).changed
    names = entry_files(index_dir)
    assert f"{orphan}.parsed" not in names and f".{orphan}.abc123.tmp" not in names
    assert len(names) == 3


def test_a_rebuild_reuses_the_kept_entries(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = entry_files(index_dir)
    turns = sum(len(t.turns) for t in load_library([lib]).transcripts)
    (index_dir / "damaged").write_text("damaged (found by a search)\n")
    monkeypatch.setattr(
        "search_index.parser.load_transcript",
        lambda path: (_ for _ in ()).throw(AssertionError(f"parsed {path}")),
    )
    with LibraryIndex.open(index_dir) as index:
        assert index.notice is not None
        assert index.turn_count == turns
        assert index.search("figure:cny").total > 0
    assert entry_files(index_dir) == before


def test_the_index_folder_with_entries_stays_pressroom_s_and_nothing_else_is_deleted(
    index_dir: Path, lib: Path
) -> None:
    stranger = index_dir / PARSED_NAME / "notes.txt"
    stranger.write_text("mine", encoding="utf-8")
    with LibraryIndex.open(index_dir) as index:
        index.update([lib])
    assert stranger.read_text(encoding="utf-8") == "mine"
    assert is_own(index_dir)


def test_a_folder_of_entries_alone_is_pressroom_s_but_not_with_a_stranger_s_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "index"
    (folder / PARSED_NAME).mkdir(parents=True)
    (folder / PARSED_NAME / f"{'a' * 64}.parsed").write_bytes(b"x")
    (folder / PARSED_NAME / f".{'a' * 64}.k2j3_x.tmp").write_bytes(b"x")
    assert is_own(folder)
    (folder / PARSED_NAME / "notes.txt").write_text("mine", encoding="utf-8")
    assert not is_own(folder)


def test_no_lookup_without_an_index(tmp_path: Path) -> None:
    assert ParsedLookup.of_index(tmp_path / "nothing") is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "parsed").mkdir()
    (tmp_path / "other" / "parsed" / "mine.txt").write_text("x", encoding="utf-8")
    assert ParsedLookup.of_index(tmp_path / "other") is None


def test_the_code_version_changes_with_the_schema_and_the_parser(tmp_path: Path) -> None:
    """An edit to the models (the schema), the parser or the figure extractor is a new code
    version: every entry written before is parsed again."""
    import search_index

    root = tmp_path / "search_index"
    shutil.copytree(Path(search_index.__file__).parent, root)
    before = parsed_module.code_version_of(root, "1.0")
    assert parsed_module.code_version_of(root, "1.0") == before
    assert parsed_module.code_version_of(root, "1.1") != before
    for part in ("models.py", "parser/pipeline.py", "figures/__init__.py"):
        edited = root / part
        original = edited.read_bytes()
        edited.write_bytes(original + b"\n# changed\n")
        assert parsed_module.code_version_of(root, "1.0") != before, part
        edited.write_bytes(original)
    (root / "marks.py").write_bytes(b"# not what an entry holds\n")
    assert parsed_module.code_version_of(root, "1.0") == before


def set_seen(index_dir: Path, path: Path, seen_ns: int) -> None:
    manifest = load_manifest(index_dir)
    assert manifest is not None
    entry = manifest.sources[str(path)]
    manifest.sources[str(path)] = entry.model_copy(update={"seen_ns": seen_ns})
    save_manifest(index_dir, manifest)


def rewrite_keeping_size_and_time(path: Path) -> None:
    """Same size, same modification time, other content: what a second write within the
    clock's tick of the first looks like to stat()."""
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Shen Changyu", "Shen Changyo"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def test_size_and_time_vouch_for_a_file_only_once_settled(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = lib / "sample.txt"
    mtime = sample.stat().st_mtime_ns
    set_seen(index_dir, sample, mtime + 10**9 * 5)  # seen well after its last write
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    monkeypatch.setattr(parsed_module, "file_digest", lambda path: pytest.fail("hashed"))
    assert lookup.digest_of(sample) == (str(sample), sha256(sample), True)  # stat alone
    monkeypatch.undo()
    # Seen within the clock's tick of its last write: a rewrite in that tick keeps size
    # and time, so the file is hashed and the rewrite found.
    set_seen(index_dir, sample, mtime + 1)
    old = sha256(sample)
    rewrite_keeping_size_and_time(sample)
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    assert lookup.digest_of(sample) == (str(sample), sha256(sample), False)
    loaded = lookup.load(sample).transcript
    assert loaded == load_one(sample) and "Shen Changyo" in {t.speaker for t in loaded.turns}
    with LibraryIndex.open(index_dir) as index:
        report = index.update([lib])
        assert [p.name for p in report.updated] == ["sample.txt"]
        assert index.search('"Shen Changyo"').total > 0
    assert f"{old}.parsed" not in entry_files(index_dir)
    entry = load_manifest(index_dir).sources[str(sample)]  # type: ignore[union-attr]
    assert entry.hash == sha256(sample) and entry.seen_ns > mtime


def test_an_index_from_before_seen_times_hashes_each_file_once_then_stats(
    index_dir: Path, lib: Path
) -> None:
    manifest = load_manifest(index_dir)
    assert manifest is not None
    for key, entry in manifest.sources.items():
        manifest.sources[key] = entry.model_copy(update={"seen_ns": 0})
    save_manifest(index_dir, manifest)
    with LibraryIndex.open(index_dir) as index:
        assert not index.update([lib]).changed
    renewed = load_manifest(index_dir)
    assert renewed is not None
    assert all(e.seen_ns > e.mtime_ns for e in renewed.sources.values())


def test_a_kept_transcript_is_not_cleaned_again_but_a_new_one_is(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pressroom kept was cleaned of control characters before it was written (and
    its checksum holds): reading it back skips the cleaning, the costliest part of it."""
    import search_index.models as models

    sample = lib / "sample.txt"
    expected = load_one(sample)

    def no(text: str) -> str:
        raise AssertionError("cleaned again")

    monkeypatch.setattr(models, "without_controls", no)
    kept = ParsedStore(index_dir).read(sha256(sample), str(sample), figures=True)
    assert kept is not None and kept.transcript == expected
    with pytest.raises(ValidationError, match="cleaned again"):
        Transcript.model_validate_json(expected.model_dump_json())
    monkeypatch.undo()
    dirty = expected.model_dump(mode="json")
    dirty["title"] = "a\x1b[31m title"
    title = Transcript.model_validate(dirty).title
    assert title is not None and "\x1b" not in title and title.endswith(" title")


def test_each_entry_keeps_its_transcripts_statistics_read_alone(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stats` reads the counts kept with the entry, not the transcript: the same facets
    as counting the parsed transcript, with the file named as the reader names it."""
    from search_index.insights.stats import transcript_stats

    files = sorted(lib.rglob("*.txt"))
    expected = {file: transcript_stats(load_one(file)) for file in files}
    refuse_parsing(monkeypatch)
    monkeypatch.setattr(parsed_module, "transcript_of", lambda body: pytest.fail("read"))
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    for file in files:
        assert lookup.stats(file) == expected[file]
    monkeypatch.chdir(lib)
    relative = lookup.stats(Path("sample.txt"))
    assert relative is not None and relative.source == "sample.txt"
    loaded = load_library([lib], parsed=lookup, kept=lookup.stats)
    assert loaded.transcripts == [] and loaded.skipped == []
    assert sorted(s.transcript_id for s in loaded.kept) == sorted(
        s.transcript_id for s in expected.values()
    )


def test_the_ledger_reads_each_entrys_figures_and_speakers_alone(
    index_dir: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ledger` reads the figures and the speakers of the turns kept with the entry, not
    the transcript, and makes the same ledger as from the parsed transcripts."""
    from search_index.insights.ledger import build_ledger

    fresh = load_library([lib], figures=True)
    expected = build_ledger(fresh.transcripts, lambda t: fresh.figures[t.id])
    refuse_parsing(monkeypatch)
    monkeypatch.setattr(parsed_module, "transcript_of", lambda body: pytest.fail("read"))
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None
    loaded = load_library([lib], parsed=lookup, figures=True, kept=lookup.figures)
    assert loaded.transcripts == [] and len(loaded.kept) == 3
    assert build_ledger([], kept=loaded.kept) == expected
    assert build_ledger([], kept=loaded.kept[::-1]) == expected
    assert len(expected) > 20


def rewrite_section(entry: Path, name: str, body: bytes) -> None:
    """Replace the section `name` of an entry, its length and checksum made to match:
    damage the checksum cannot tell."""
    data = entry.read_bytes()
    head, _rest = data.split(b"\n", 1)
    header = json.loads(head)
    bodies = []
    start = len(head) + 1
    for section in header["sections"]:
        old = data[start : start + section[1]]
        start += section[1]
        new = body if section[0] == name else old
        section[1:] = [len(new), zlib.crc32(new)]
        bodies.append(new)
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    entry.write_bytes(b"".join([head, b"\n", *bodies]))


@pytest.mark.parametrize(
    "damage",
    [
        "turns",
        "speaker twice",
        "answered not asked",
        "a count as text",
        "short",
        "not json",
        "a turn's speaker",
        "a turn twice",
    ],
)
def test_kept_statistics_that_disagree_are_not_trusted(
    index_dir: Path, lib: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counts whose checksum holds but that contradict themselves are a miss: the file is
    read (and counted) again, and the output is what a fresh count gives."""
    from search_index.insights.stats import transcript_stats
    from tui.cli import main

    sample = lib / "sample.txt"
    store = ParsedStore(index_dir)
    entry = store.path_of(sha256(sample))
    start, end = section_span(entry.read_bytes(), "stats")
    kept = json.loads(entry.read_bytes()[start:end])
    assert kept["turns"] == sum(speaker[2] for speaker in kept["speakers"]) > 1
    if damage == "turns":
        kept["turns"] += 1
    elif damage == "speaker twice":
        kept["speakers"][1][0] = kept["speakers"][0][0]
    elif damage == "answered not asked":
        kept["answered"][0][0] = "Nobody's Outlet"
    elif damage == "a count as text":
        kept["speakers"][0][3] = str(kept["speakers"][0][3])
    elif damage == "short":
        kept["speakers"][0] = kept["speakers"][0][:3]
    elif damage == "a turn's speaker":  # the counts hold, a turn's speaker does not
        first, second = kept["speakers"][0][0], kept["speakers"][1][0]
        turn = next(t for t in kept["turn_speakers"] if t[1] == first)
        turn[1] = second
    elif damage == "a turn twice":
        kept["turn_speakers"][1][0] = kept["turn_speakers"][0][0]
    body = b"{" if damage == "not json" else json.dumps(kept).encode("utf-8")
    rewrite_section(entry, "stats", body)
    assert store.read_stats(sha256(sample), str(sample)) is None
    assert store.read_figures(sha256(sample), str(sample)) is None
    lookup = ParsedLookup.of_index(index_dir)
    assert lookup is not None and lookup.stats(sample) is None and lookup.figures(sample) is None
    assert store.read(sha256(sample), str(sample)) is not None  # the rest still holds
    assert main(["stats", str(sample), "--json", "--index-dir", str(index_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    fresh = transcript_stats(load_one(sample))
    assert [row["words"] for row in out["tables"]["speakers"]] == [s.words for s in fresh.speakers]


def test_a_kept_model_is_what_model_construct_makes_of_it(index_dir: Path, lib: Path) -> None:
    """Entries are read back without validating (`parsed_sections.built`): each model
    holds what pydantic's `model_construct` would give (a new pydantic that builds models
    otherwise fails here), equals, hashes and writes as the parsed one does."""
    from search_index.figures.models import Figure
    from search_index.models import DocumentField, Exchange, Speaker, Turn

    sample = lib / "sample.txt"
    kept = ParsedStore(index_dir).read(sha256(sample), str(sample), figures=True)
    assert kept is not None and kept.figures
    fresh = load_one(sample)
    transcript = kept.transcript
    assert transcript.model_copy(update={"source": fresh.source}) == fresh
    assert (
        transcript.model_dump_json()
        == fresh.model_copy(update={"source": transcript.source}).model_dump_json()
    )
    assert hash(transcript.turns[0]) == hash(fresh.turns[0])
    models: list[tuple[type[Any], Any]] = [
        (Turn, transcript.turns[0]),
        (Speaker, transcript.speakers[0]),
        (Exchange, transcript.exchanges[0]),
        (DocumentField, transcript.fields[0]),
        (Figure, kept.figures[0]),
    ]
    for model, built in models:
        assert type(built) is model
        reference = model.model_construct(**dict(built.__dict__))
        for attribute in (
            "__dict__",
            "__pydantic_fields_set__",
            "__pydantic_extra__",
            "__pydantic_private__",
        ):
            assert getattr(built, attribute) == getattr(reference, attribute), (model, attribute)
        assert parsed_sections.plain(model)
