"""Stage 4: which candidates are labels, decided over the whole document.

The document's own habits decide: label styles are counted over the whole file (label-only
lines "Name:", inline "Name: text", ALL-CAPS "NAME." lines, "Q"), labels that recur or are
listed in a roster are *known*, and a candidate is accepted when its style is one the
document uses or its name is known. Some candidates are never speakers: a role word followed
by a list of names heads a roster; document fields ("Subject:", "Photo Caption:") are
metadata; a line that continues an unfinished sentence, or a dotted abbreviation ("U.N.")
that no label line uses, is text. Mid-line labels are split where a known label (or, in OCR
text, a run of capitalised words after a sentence end) stands before a colon.

The analysis of a label's text is done once per distinct label, not once per line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from search_index.models import DocumentField, SpeakerKind
from search_index.parser.candidates import Candidate, Candidates, could_be_label
from search_index.parser.label_text import (
    LabelParts,
    has_office_word,
    is_caps,
    is_dotted_abbreviation,
    is_field,
    is_honorific,
    is_moderator_word,
    is_name_like,
    is_press_word,
    label_key,
    label_parts,
    looks_like_outlet,
    normalise_label,
    one_edit_apart,
    roster_heading_kind,
)
from search_index.parser.lines import TERMINAL, Line, unfinished
from search_index.parser.roster import RosterEntry, add_person, roster_entry

_STOP_WORDS = frozenset({"OK", "OKAY", "YES", "NO", "END", "THANK YOU", "THANKS", "NOTE", "PS"})
#: How often a label must start a line, after finished sentences, before it may also start
#: one that continues a sentence.
_ESTABLISHED = 3


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """What one distinct label's text says (computed once per label)."""

    key: str
    parts: LabelParts
    caps: bool
    name_like: bool
    name_like_with_commas: bool
    dotted: bool
    field: bool
    roster_kind: str | None
    speaker_word: bool
    """A word for a questioner or a chair ("Q", "JOURNALIST", "MODERATOR")."""
    honorific_only: bool
    """ "Mr", "Dr": the start of "Mr. President, …", not a label."""


@dataclass(frozen=True, slots=True)
class Split:
    """A label inside a line: the label from `start`, its text from `rest`."""

    start: int
    rest: int
    label: str


@dataclass
class Decisions:
    """The labels accepted, the roster and fields found, and where the turns begin."""

    #: Line index → (label, text after it) for every line a turn starts on.
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Line index → labels found inside that line, in order.
    splits: dict[int, list[Split]] = field(default_factory=dict)
    roster: list[RosterEntry] = field(default_factory=list)
    #: Lines that are roster headings or entries, or document fields and their values.
    metadata_lines: set[int] = field(default_factory=set)
    fields: list[DocumentField] = field(default_factory=list)
    first_turn: int = 0
    #: The start of the first turn's line when the first label stands inside it: header text.
    header_tail: Line | None = None
    #: Decisions taken on weak evidence, for the transcript's warnings.
    warnings: list[str] = field(default_factory=list)
    #: Label styles counted over the document ("colon", "label-only", "stop", "q").
    styles: Counter[str] = field(default_factory=Counter)
    #: Garbled label → the label it garbles ("PMK" → "PM"): that label's speaker.
    garbled: dict[str, str] = field(default_factory=dict)


class _Analyser:
    def __init__(self) -> None:
        self._cache: dict[str, LabelInfo] = {}

    def __call__(self, label: str) -> LabelInfo:
        info = self._cache.get(label)
        if info is None:
            parts = label_parts(label)
            name = normalise_label(parts.name)
            info = LabelInfo(
                key=label_key(parts.name),
                parts=parts,
                caps=is_caps(name),
                name_like=is_name_like(label),
                name_like_with_commas=could_be_label(label),
                dotted=is_dotted_abbreviation(name),
                field=is_field(label),
                roster_kind=roster_heading_kind(label),
                speaker_word=is_press_word(name) or is_moderator_word(name),
                honorific_only=is_honorific(name),
            )
            self._cache[label] = info
        return info


def decide_labels(lines: list[Line], candidates: Candidates) -> Decisions:
    """Accept the candidates the document's styles support (see the module doc)."""
    analyse = _Analyser()
    decisions = Decisions()
    by_line = {candidate.index: candidate for candidate in candidates.at_start}
    _read_metadata(lines, candidates.at_start, analyse, decisions)
    starts: Counter[str] = Counter()
    #: Line starts per label and style: a style must recur on its own to be trusted.
    styled: Counter[tuple[str, str]] = Counter()
    label_only: Counter[str] = Counter()
    # Counted per distinct (label, form, label alone on its line), in the order each first
    # appears (the counters keep that order), then analysed once per such group.
    groups: Counter[tuple[str, str, bool]] = Counter(
        (candidate.label, candidate.form, not candidate.rest)
        for candidate in candidates.at_start
        if candidate.index not in decisions.metadata_lines
    )
    for (label, form, alone), count in groups.items():
        if not _plausible_label(label, form, analyse):
            continue
        key = analyse(label).key
        starts[key] += count
        styled[key, _style(label, form, analyse)] += count
        decisions.styles[form] += count
        if form == "colon" and alone:
            label_only[key] += count
            decisions.styles["label-only"] += count
    roster_keys = {label_key(entry.name) for entry in decisions.roster}
    known = roster_keys | set(label_only) | {key for key, n in starts.items() if n >= 2}
    # A dotted abbreviation ("U.N.") is a label only where a label line names it so.
    named_as_label = (
        roster_keys
        | set(label_only)
        | {
            analyse(label).key
            for label in {c.label for c in candidates.at_start if c.form == "colon"}
        }
    )
    inline_style = decisions.styles["label-only"] < 2
    stop_style = decisions.styles["stop"] >= 3
    ordinary = _ordinary_words(lines, candidates, analyse, roster_keys, decisions.metadata_lines)

    first_turn: int | None = None
    inside: dict[str, list[Candidate]] = {}
    used: Counter[str] = Counter()
    #: Whether a candidate of a (label, form, continues, rest) kind is accepted (everything
    #: else it depends on is settled by now), and its label's key: decided once per kind.
    verdicts: dict[tuple[str, str, bool, bool], tuple[bool, str]] = {}
    for candidate in candidates.at_start:
        if candidate.index in decisions.metadata_lines:
            continue
        if candidate.form == "bare":
            info = analyse(candidate.label)
            if first_turn is None or not _bare_accepted(candidate, info, known):
                continue
            key = info.key
        else:
            kind = (candidate.label, candidate.form, candidate.continues, not candidate.rest)
            verdict = verdicts.get(kind)
            if verdict is None:
                info = analyse(candidate.label)
                verdict = verdicts[kind] = (
                    not (
                        info.key in ordinary
                        or (info.dotted and info.key not in named_as_label)
                        or not _accepted(
                            candidate,
                            info,
                            known,
                            styled[info.key, _style(candidate.label, candidate.form, analyse)],
                            inline_style,
                            stop_style,
                        )
                    ),
                    info.key,
                )
            accepted, key = verdict
            if not accepted:
                continue
        if not candidate.rest and not _body_follows(lines, candidate.index, by_line, analyse):
            continue
        if (
            first_turn is not None
            # (text after the label that does not start in lower case never continues one)
            and (not candidate.rest or candidate.rest[0].islower())
            and _inside_a_sentence(lines, candidate)
        ):
            inside.setdefault(key, []).append(candidate)
        used[key] += 1
        decisions.labels[candidate.index] = (candidate.label, candidate.rest)
        if first_turn is None:
            first_turn = candidate.index
    decisions.first_turn = len(lines) if first_turn is None else first_turn
    for key, strays in inside.items():
        # A label the document otherwise uses between sentences, standing once or twice
        # between the halves of one (a PDF's stray label), is kept as text. Where a label
        # always stands so, that is how the document is written.
        if len(strays) * 5 > used[key]:
            continue
        for candidate in strays:
            del decisions.labels[candidate.index]
            decisions.warnings.append(
                f"line {lines[candidate.index].number}: label {candidate.label!r} stands inside "
                "a sentence (the text before it runs on into the text after it): kept, with "
                "the label, in the turn before"
            )
    _read_garbled_labels(lines, decisions, used)
    _find_headings(lines, decisions)
    accepted_keys = known | {
        analyse(label).key for label in {label for label, _ in decisions.labels.values()}
    }
    _split_mid_line(lines, candidates, decisions, analyse, accepted_keys)
    return decisions


def _plausible(candidate: Candidate, analyse: _Analyser) -> bool:
    """A candidate that could be a speaker label at all (counted towards the styles)."""
    return _plausible_label(candidate.label, candidate.form, analyse)


def _plausible_label(label: str, form: str, analyse: _Analyser) -> bool:
    if form == "q":
        return True
    if form in {"bare", "dash"}:
        return False
    info = analyse(label)
    if info.field or not info.name_like_with_commas:
        return False
    return form != "stop" or (label not in _STOP_WORDS and info.name_like)


def _ordinary_words(
    lines: list[Line],
    candidates: Candidates,
    analyse: _Analyser,
    roster_keys: set[str],
    decisions_metadata: set[int],
) -> set[str]:
    """One-word labels in capitalised case that the document also writes in lower case as
    a word of its sentences ("Second: I did not throw anybody out" beside "… the second
    …"): an enumeration, not a speaker. Words for a questioner or a chair, offices and
    outlets are labels all the same ("Question:", "Moderator:", "Reuters:")."""
    suspects = set()
    for label in dict.fromkeys(
        candidate.label
        for candidate in candidates.at_start
        if candidate.form in {"colon", "dash"} and candidate.index not in decisions_metadata
    ):
        info = analyse(label)
        word = info.key
        if (
            " " in word
            or info.caps
            or info.field
            or info.roster_kind
            or info.speaker_word
            or word in roster_keys
            or has_office_word(label)
            or looks_like_outlet(label)
        ):
            continue
        suspects.add(word)
    if not suspects:
        return set()
    in_lower_case = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(suspects))) + r")\b")
    found: set[str] = set()
    for line in lines:
        for match in in_lower_case.finditer(line.text):
            found.add(match.group(0))
        if found == suspects:
            break
    return found


def _style(label: str, form: str, analyse: _Analyser) -> str:
    """A candidate's style: its form, and for a full-stop label whether it is in capitals."""
    if form == "stop" and not analyse(label).caps:
        return "stop-title"
    return form


def _accepted(
    candidate: Candidate,
    info: LabelInfo,
    known: set[str],
    same_style: int,
    inline_style: bool,
    stop_style: bool,
) -> bool:
    """`same_style`: how often this label starts a line in this candidate's style."""
    if info.field:
        return False
    if info.dotted and info.key not in known:
        return False  # "U.N. last week" is text unless "U.N.:" is a label elsewhere
    if candidate.continues and same_style < _ESTABLISHED:
        return False  # the line continues an unfinished sentence
    if candidate.form == "q":
        return True
    if candidate.form == "dash":
        return info.key in known and info.name_like
    if candidate.form == "stop":
        if candidate.label in _STOP_WORDS or not info.name_like or info.honorific_only:
            return False
        if not info.caps:  # "The President." must recur before it is a label
            return same_style >= _ESTABLISHED
        if info.key in known:
            return True
        return stop_style and (len(info.key.split()) >= 2 or (info.caps and same_style >= 2))
    # "TIM WATTS, MEMBER FOR GELLIBRAND:" on first use; a label in mixed case with a comma
    # ("Official Spokesperson, Shri Arindam Bagchi:") once it recurs.
    comma_label = info.name_like_with_commas and (same_style >= 2 or info.caps)
    if not info.name_like and not comma_label:
        return False
    if not candidate.rest:
        return True
    return (
        inline_style or info.key in known or info.caps or bool(info.parts.note) or info.speaker_word
    )


def _inside_a_sentence(lines: list[Line], candidate: Candidate) -> bool:
    """A label between two halves of one sentence ("…felt in Queensland and Western
    Australia" / "JOURNALIST:" / "in particular, but it always…"): a stray label of a PDF."""
    body = candidate.rest
    position = candidate.index + 1
    while not body and position < len(lines):
        body = lines[position].text
        position += 1
    if not body[:1].islower():
        return False
    before = candidate.index - 1
    while before >= 0 and not lines[before].text:
        before -= 1
    return before >= 0 and unfinished(lines[before].text)


def _bare_accepted(candidate: Candidate, info: LabelInfo, known: set[str]) -> bool:
    """A line holding only a name: a known speaker or an outlet, after a blank line."""
    if not candidate.after_blank or info.field or info.roster_kind or info.dotted:
        return False
    return info.key in known or (
        looks_like_outlet(candidate.label) and len(candidate.label.split()) <= 6
    )


def _body_follows(
    lines: list[Line], index: int, by_line: dict[int, Candidate], analyse: _Analyser
) -> bool:
    """True when the next text line is speech, not another label line."""
    for position in range(index + 1, min(index + 40, len(lines))):
        if not lines[position].text:
            continue
        following = by_line.get(position)
        if following is None or following.form == "bare" or not _plausible(following, analyse):
            return True
        return following.form == "stop" and not analyse(following.label).caps
    return False


# --- Garbled labels (OCR) ------------------------------------------------------------------

#: How often a label must start a turn before a garbled form of it is read as it.
_DOMINANT = 12
# "PMK Well, …", "PM ' Well, …", "PM and he hopes …", "0. just on …", "-UQ." (alone): a
# short word of capitals or digits at a line start, a stray mark after it, then prose.
_GARBLED = re.compile(
    r"^[-–]?(?P<word>[A-Z0-9][A-Za-z0-9]{0,3})(?P<mark>\s*[.:;,'’]{1,2})?"
    r"(?:\s+(?P<rest>[A-Za-z“\"‘'(].*))?$"
)


def _read_garbled_labels(lines: list[Line], decisions: Decisions, used: Counter[str]) -> None:
    """Labels the OCR garbled: a line that starts with a near miss of a short label the
    document uses dozens of times ("PMK", "PM '" or "PM" with no colon for "PM:", "0." or
    "-UQ." for "Q."), after a finished sentence, where that label's speaker would speak
    next (the turn so far is someone else's). The near miss is one letter off or the label
    without its punctuation, and it is no word of the document's running text ("I" is one
    letter off "Q"). Read as that label, with a warning."""
    dominant: dict[str, str] = {}
    for label in dict.fromkeys(label for label, _ in decisions.labels.values()):
        key = label_key(label)
        if used[key] >= _DOMINANT and " " not in key and len(key) <= 4:
            dominant.setdefault(key, normalise_label(label).rstrip("."))
    if not dominant:
        return
    found: list[tuple[int, str, str, str]] = []  # (line, word, rest, the label it garbles)
    current: str | None = None
    previous = ""
    for index in range(decisions.first_turn, len(lines)):
        text = lines[index].text
        if not text:
            continue
        if index in decisions.labels:
            current = label_key(decisions.labels[index][0])
        elif index not in decisions.metadata_lines and not unfinished(previous):
            match = _GARBLED.match(text)
            if match is not None:
                word = match.group("word")
                rest = match.group("rest") or ""
                garbles = _garbles(word, bool(match.group("mark")) or not rest, dominant)
                if garbles is not None and garbles != current and (rest or index + 1 < len(lines)):
                    found.append((index, word, rest, garbles))
                    current = garbles
        previous = text
    if not found:
        return
    words = {word for _, word, _, _ in found}
    in_text = re.compile(r"(?<=\S)\s+(" + "|".join(map(re.escape, sorted(words))) + r")\b")
    running = {match.group(1) for line in lines for match in in_text.finditer(line.text)}
    for index, word, rest, garbles in found:
        if word in running:
            continue
        decisions.labels[index] = (word, rest)
        decisions.garbled[word] = dominant[garbles]
        text = lines[index].text
        decisions.warnings.append(
            f"line {lines[index].number}: {text[: len(text) - len(rest)].strip()!r} read as the "
            f"label {dominant[garbles]!r}, which the document uses {used[garbles]} times "
            "(garbled)"
        )


def _garbles(word: str, marked: bool, dominant: dict[str, str]) -> str | None:
    """The dominant label `word` is a near miss of: one letter off in capitals or digits, or
    the label itself without its punctuation (`marked`: a stray mark follows, or nothing)."""
    key = word.lower()
    if key in dominant:
        return key  # "PM and he hopes", "PM '": the label, its colon lost
    if not (word.isupper() or word.isdigit()) or (not marked and len(word) < 3):
        return None
    near = [label for label in dominant if one_edit_apart(key, label)]
    return near[0] if len(near) == 1 else None


# --- Rosters and document fields ---------------------------------------------------------


def _read_metadata(
    lines: list[Line], at_start: list[Candidate], analyse: _Analyser, decisions: Decisions
) -> None:
    """Rosters (only in the header, before the first speaker label) and document fields."""
    in_header = True
    #: Labels that head a roster or name a field (past the header, only they matter here).
    special = {
        label
        for label in {candidate.label for candidate in at_start}
        if analyse(label).field or analyse(label).roster_kind
    }
    for candidate in at_start:
        if candidate.index in decisions.metadata_lines:
            continue
        if not in_header and candidate.label not in special:
            continue
        info = analyse(candidate.label)
        if candidate.form in {"colon", "bare"} and info.field:
            _read_field(lines, candidate, decisions)
        elif candidate.form in {"colon", "bare"} and info.roster_kind:
            _read_roster(lines, candidate, info.roster_kind, decisions, in_header)
            in_header = in_header and candidate.index in decisions.metadata_lines
        elif in_header and _plausible(candidate, analyse):
            in_header = False


def _read_roster(
    lines: list[Line], heading: Candidate, kind: str, decisions: Decisions, in_header: bool
) -> None:
    """Names listed after a roster heading; none when prose follows (then it is a turn).

    After the first turn a roster must be unmistakable (several names, or a role of more
    than one word): "CHAIR: Ambassador Lee, please." is the chair speaking.
    """
    entries: list[tuple[int, str, str | None]] = []
    if heading.rest:
        for part in heading.rest.split(";"):
            entry = roster_entry(part)
            if entry is None:
                return
            entries.append((heading.index, *entry))
    else:
        position = heading.index + 1
        while position < len(lines):
            text = lines[position].text
            if text:
                entry = roster_entry(text)
                if entry is None:
                    break
                entries.append((position, *entry))
            position += 1
    if not entries:
        return
    if not in_header and len(entries) < 2 and len((entries[0][2] or "").split()) < 2:
        return
    decisions.metadata_lines.add(heading.index)
    for position, name, role in entries:
        decisions.metadata_lines.add(position)
        add_person(decisions.roster, name, role, SpeakerKind(kind))


#: Fields whose value may stand on the next line when the field word stands alone ("Date").
_VALUE_BELOW = frozenset({"date", "time", "venue", "location", "place", "subject", "topic"})


def _read_field(lines: list[Line], heading: Candidate, decisions: Decisions) -> None:
    """A field's value: the rest of its line, or the next line (and its wrapped lines)."""
    name = normalise_label(heading.label)
    decisions.metadata_lines.add(heading.index)
    number = lines[heading.index].number
    if heading.rest or (heading.form == "bare" and name.lower() not in _VALUE_BELOW):
        decisions.fields.append(DocumentField(name=name, value=heading.rest, line=number))
        return
    value: list[str] = []
    position = heading.index + 1
    while position < len(lines) and not lines[position].text:
        position += 1
    while position < len(lines) and lines[position].text:
        text = lines[position].text
        if value and not (unfinished(value[-1]) and text[:1].islower()):
            break
        if text.endswith((":", "：")):
            break
        value.append(text)
        decisions.metadata_lines.add(position)
        position += 1
    decisions.fields.append(DocumentField(name=name, value=" ".join(value), line=number))


def _find_headings(lines: list[Line], decisions: Decisions) -> None:
    """Topic headings an editor put between turns ("Environmental Issues"): a short line of
    capitalised words between the end of one turn and the next label. One such line might
    be speech; two or more are the document's convention."""
    found: list[int] = []
    previous = ""
    for index in range(decisions.first_turn, len(lines)):
        text = lines[index].text
        if not text or index in decisions.labels or index in decisions.metadata_lines:
            previous = text or previous
            continue
        following = index + 1
        while following < len(lines) and not lines[following].text:
            following += 1
        if (
            following in decisions.labels
            and len(text) <= 80
            and not text.endswith(TERMINAL)
            and previous.endswith(TERMINAL)
            and is_name_like(text, commas=True)
        ):
            found.append(index)
        previous = text
    if len(found) >= 2:
        for index in found:
            decisions.metadata_lines.add(index)
            decisions.fields.append(
                DocumentField(name="Heading", value=lines[index].text, line=lines[index].number)
            )


# --- Labels inside lines -----------------------------------------------------------------


def _split_mid_line(
    lines: list[Line],
    candidates: Candidates,
    decisions: Decisions,
    analyse: _Analyser,
    known: set[str],
) -> None:
    first_turn = decisions.first_turn
    for colon in candidates.mid_line:
        if colon.index in decisions.metadata_lines:
            continue
        in_header = colon.index < first_turn
        if in_header and colon.index < first_turn - 8:
            continue  # only the header's last lines may hold the first label
        text = lines[colon.index].text
        chosen: int | None = None
        for start in colon.starts:  # nearest first: the longest match wins
            label = text[start : colon.colon]
            info = analyse(label)
            if (info.key in known and not info.field) or (
                chosen is None and not in_header and _ocr_label(text, start, label, info)
            ):
                chosen = start
        if chosen is None:
            continue
        rest = colon.colon + 1
        while rest < len(text) and text[rest] in " -–—":
            rest += 1
        split = Split(start=chosen, rest=rest, label=text[chosen : colon.colon].strip())
        decisions.splits.setdefault(colon.index, []).append(split)
        if in_header and colon.index < decisions.first_turn:
            # "Doorstop interview - Parliament House, Canberra  JOURNALIST: This…": the
            # first turn starts inside the header's last line.
            decisions.first_turn = colon.index
            decisions.header_tail = Line(lines[colon.index].number, text[:chosen].rstrip())


def _ocr_label(text: str, start: int, label: str, info: LabelInfo) -> bool:
    """An ALL-CAPS label of two or more words after a sentence end ("…funding. THE CHAIR:")."""
    if not info.caps or not info.name_like or info.dotted or len(label.split()) < 2:
        return False
    before = text[:start].rstrip()
    return before.endswith(TERMINAL) and not before.endswith(":")
