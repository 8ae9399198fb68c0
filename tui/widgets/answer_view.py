"""The answer view: the question, then every answer turn under its speaker's name and role.

`v` starts choosing a range (a `RangeSelection`): `j`/`k` extend it a sentence or a
paragraph at a time, `s` switches between the two, `c` copies it with its citation (the
screen does the copying: the view posts `CopySelection`), `m` marks it, Esc leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from search_index.models import SpeakerKind
from tui import messages
from tui.view_model import Entry, FigureLike, Outline, RangeSelection, paragraph_of

#: How each kind of figure is styled in the text (and in the metrics sidebar).
FIGURE_STYLES: Mapping[str, str] = {
    "amount": "bold $text-success",
    "count": "bold $text-primary",
    "percent": "bold $text-warning",
    "rate": "bold $text-secondary",
    "duration": "bold $text-accent",
    "change": "bold italic $text-warning",
    "rank": "bold underline $text-secondary",
}
MATCH_STYLE = "$foreground on $warning-muted"
MARK_STYLE = "reverse"
SELECTION_STYLE = "$foreground on $accent-muted"


def figure_style(kind: str) -> str:
    """The style of a figure of `kind`."""
    return FIGURE_STYLES.get(kind, "bold")


@dataclass(frozen=True)
class ParagraphRef:
    """Where a shown paragraph comes from."""

    turn: int
    paragraph: int
    """Number of the paragraph in its turn, from 0."""
    start: int
    """Offset of the paragraph in the turn's text."""


class TurnHeading(Static):
    """A speaker's name and role above their turn."""

    DEFAULT_CSS = """
    TurnHeading {
        margin: 1 0 0 0;
        padding: 0 1;
        color: $text-primary;
    }
    TurnHeading.-question {
        color: $text-accent;
    }
    TurnHeading.-moderator {
        color: $text-secondary;
    }
    """


class Paragraph(Static):
    """One paragraph of a turn."""

    DEFAULT_CSS = """
    Paragraph {
        padding: 0 1;
        margin: 0 0 1 0;
        border-left: blank;
    }
    Paragraph.-question {
        text-style: italic;
    }
    Paragraph.-current {
        border-left: outer $foreground 30%;
    }
    Paragraph {
        border-right: blank;
    }
    Paragraph.-marked {
        border-right: tall $success;
    }
    """

    def __init__(self, ref: ParagraphRef, content: Content, *, classes: str = "") -> None:
        """A paragraph showing `content` (the text of `ref`, styled)."""
        super().__init__(content, classes=classes, markup=False)
        self.ref = ref


class AnswerView(VerticalScroll, can_focus=True):
    """Shows an entry of the question list: the question and every turn that answers it."""

    DEFAULT_CSS = """
    AnswerView {
        width: 1fr;
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0 1;
        scrollbar-gutter: stable;
    }
    AnswerView:focus {
        border: round $accent;
        border-title-color: $text-accent;
    }
    AnswerView .empty {
        color: $text-muted;
        padding: 1 1;
    }
    AnswerView:focus Paragraph.-current {
        border-left: outer $accent;
        background: $boost;
    }
    """

    HELP = """
## Answer view

The question, then each answer turn under its speaker's name and role. Figures are
coloured by kind (money, counts, percentages, rates, durations, changes, ranks) and
search terms are highlighted. The bar on the left marks the *current paragraph*.

- **j / k / ↓ / ↑** move to the next / previous paragraph
- **PgDn / PgUp** scroll a page; **Home / End** first / last paragraph
- **c** copies the current paragraph with its citation; **C** the whole answer
- **v** chooses a range: **j / k** extend it by sentence (**s**: by paragraph),
  **c** copies exactly that range with its citation, **m** marks it, **Esc** leaves
- **m** marks the current paragraph for the clip sheet (again: unmarks it); a green bar
  on the right shows what is marked
- **e** opens the transcript in your editor at this turn
- **n / N** next / previous search match
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "next_paragraph", "Next paragraph", show=False),
        Binding("up,k", "previous_paragraph", "Previous paragraph", show=False),
        Binding("home", "first_paragraph", "First paragraph", show=False),
        Binding("end", "last_paragraph", "Last paragraph", show=False),
        Binding(
            "v",
            "select",
            "Select",
            id="select-range",
            tooltip="Choose a range by sentence or paragraph, to copy or mark.",
        ),
        Binding(
            "c",
            "copy_selection",
            "Copy range",
            id="copy-range",
            tooltip="Copy exactly the range chosen, with its citation.",
        ),
        Binding(
            "s",
            "select_by('paragraph')",
            "By paragraph",
            id="select-by-paragraph",
            tooltip="Extend the range a paragraph at a time.",
        ),
        Binding(
            "s",
            "select_by('sentence')",
            "By sentence",
            id="select-by-sentence",
            tooltip="Extend the range a sentence at a time.",
        ),
        Binding("escape", "end_selection", "Done", id="end-selection"),
    ]

    current: var[int] = var(0, init=False)
    """Index (in reading order) of the current paragraph: the one `c` copies."""

    @dataclass
    class CurrentChanged(Message):
        """The current paragraph changed."""

        answer_view: AnswerView
        turn: int
        paragraph: int

        @property
        def control(self) -> AnswerView:
            """The answer view the message came from."""
            return self.answer_view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty answer view."""
        super().__init__(id=id, classes=classes)
        self.outline: Outline | None = None
        self.entry: Entry | None = None
        self._figures: Mapping[int, Sequence[FigureLike]] = {}
        self._spans: Mapping[int, Sequence[tuple[int, int]]] = {}
        self._mark: tuple[int, int, int] | None = None
        self._refs: list[ParagraphRef] = []
        self._paragraphs: list[Paragraph] = []
        self.selection: RangeSelection | None = None
        """The range being chosen (`v`), or None."""
        self._marked_spans: Callable[[str], Iterable[tuple[int, int, int]]] = lambda _: ()

    # --- what is shown -----------------------------------------------------------------

    @property
    def entry_key(self) -> str | None:
        """The key of the entry on show, or None."""
        return None if self.entry is None else self.entry.key

    @property
    def paragraph_refs(self) -> list[ParagraphRef]:
        """Every shown paragraph, in reading order."""
        return list(self._refs)

    @property
    def current_ref(self) -> ParagraphRef | None:
        """The current paragraph, or None when nothing is shown."""
        if not self._refs:
            return None
        return self._refs[min(self.current, len(self._refs) - 1)]

    @property
    def marked(self) -> tuple[int, int, int] | None:
        """The marked span (turn, start, end): a chosen figure or the current match."""
        return self._mark

    def show(
        self,
        outline: Outline,
        entry: Entry,
        figures: Mapping[int, Sequence[FigureLike]] | None = None,
        spans: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        """Show `entry` of `outline`, starting at the first answer paragraph."""
        self._drop_selection()
        self.outline = outline
        self.entry = entry
        self._figures = figures or {}
        self._spans = spans or {}
        self._mark = None
        self._refs = []
        self._paragraphs = []
        transcript = outline.transcript
        widgets: list[Static] = []
        first_answer: int | None = None
        for turn_index in entry.turns:
            turn = outline.turn(turn_index)
            speaker = transcript.speaker(turn.speaker)
            is_question = turn_index in entry.question_turns
            heading = Content.styled(turn.speaker, "bold")
            if is_question and entry.asker and entry.asker != turn.speaker:
                # An anonymous "Q" whom the moderator or the reporter named.
                heading = Content.styled(entry.asker, "bold").append(
                    Content.styled(f" ({turn.speaker})", "$text-muted")
                )
            if is_question:
                heading = heading.append(Content.styled("  asks", "$text-muted"))
            elif speaker is not None and speaker.role:
                heading = heading.append(Content.styled(f" — {speaker.role}", "$text-muted"))
            kind = speaker.kind if speaker is not None else SpeakerKind.OTHER
            classes = f"-{kind.value}" + (" -question" if is_question else "")
            widgets.append(TurnHeading(heading, classes=classes))
            offsets = turn.paragraph_offsets()
            for number in range(len(turn.paragraphs)):
                ref = ParagraphRef(turn_index, number, offsets[number][0])
                if first_answer is None and not is_question:
                    first_answer = len(self._refs)
                self._refs.append(ref)
                paragraph = Paragraph(
                    ref,
                    self._paragraph_content(ref),
                    classes="-question" if is_question else "",
                )
                self._paragraphs.append(paragraph)
                widgets.append(paragraph)
        if not widgets:
            widgets.append(Static("(this entry has no text)", classes="empty"))
        self.remove_children()
        self.mount_all(widgets)
        self.refresh_marked()
        self.scroll_home(animate=False)
        self.set_current(first_answer or 0, scroll=False)

    def show_nothing(self, message: str) -> None:
        """Clear the view and show `message` (e.g. while the library loads)."""
        self._drop_selection()
        self.outline = None
        self.entry = None
        self._refs = []
        self._paragraphs = []
        self._mark = None
        self.remove_children()
        self.mount(Static(message, classes="empty", markup=False))

    def set_figures(self, figures: Mapping[int, Sequence[FigureLike]]) -> None:
        """Highlight `figures` (by turn index) in the text on show."""
        self._figures = figures
        self._restyle()

    def set_spans(self, spans: Mapping[int, Sequence[tuple[int, int]]]) -> None:
        """Highlight search matches (offsets into each turn's text, by turn index)."""
        self._spans = spans
        self._restyle()

    def mark(self, turn: int, start: int, end: int, *, center: bool = True) -> None:
        """Mark a span (a figure or a match), make its paragraph current and scroll to it."""
        if self.outline is None:
            return
        touched = {turn} if self._mark is None else {turn, self._mark[0]}
        self._mark = (turn, start, end)
        number = paragraph_of(self.outline.turn(turn), start)
        self._restyle(touched)
        for position, ref in enumerate(self._refs):
            if ref.turn == turn and ref.paragraph == number:
                self.set_current(position, scroll=True, center=center)
                return

    def clear_mark(self) -> None:
        """Remove the mark."""
        if self._mark is not None:
            touched = {self._mark[0]}
            self._mark = None
            self._restyle(touched)

    # --- the current paragraph ----------------------------------------------------------

    def set_current(self, position: int, *, scroll: bool = True, center: bool = False) -> None:
        """Make the paragraph at `position` (reading order) current."""
        if not self._refs:
            return
        position = max(0, min(position, len(self._refs) - 1))
        if position == self.current:
            self._apply_current(scroll=scroll, center=center)
            self._announce()
        else:
            self._scroll_next = (scroll, center)
            self.current = position

    _scroll_next: tuple[bool, bool] = (True, False)

    def watch_current(self) -> None:
        """Move the current-paragraph bar and keep it in view."""
        scroll, center = self._scroll_next
        self._scroll_next = (True, False)
        self._apply_current(scroll=scroll, center=center)
        self._announce()

    def _apply_current(self, *, scroll: bool, center: bool) -> None:
        for position, paragraph in enumerate(self._paragraphs):
            paragraph.set_class(position == self.current, "-current")
        if scroll and 0 <= self.current < len(self._paragraphs):
            target = self._paragraphs[self.current]
            self.call_after_refresh(
                self.scroll_to_widget, target, animate=False, center=center, top=False
            )

    def go_to_turn(self, turn: int, *, center: bool = False) -> bool:
        """Make the first paragraph of `turn` current; False when it is not on show."""
        for position, ref in enumerate(self._refs):
            if ref.turn == turn:
                self.set_current(position, center=center)
                return True
        return False

    def _announce(self) -> None:
        ref = self.current_ref
        if ref is not None:
            self.post_message(self.CurrentChanged(self, ref.turn, ref.paragraph))

    def action_next_paragraph(self) -> None:
        """Make the next paragraph current (while choosing a range: extend it)."""
        if self.selection is not None:
            self._extend(1)
            return
        if self._refs and self.current >= len(self._refs) - 1:
            self.scroll_end(animate=False)
            return
        self.set_current(self.current + 1)

    def action_previous_paragraph(self) -> None:
        """Make the previous paragraph current (while choosing a range: extend it back)."""
        if self.selection is not None:
            self._extend(-1)
            return
        if self.current <= 0:
            self.scroll_home(animate=False)
            return
        self.set_current(self.current - 1)

    def action_first_paragraph(self) -> None:
        """Make the first paragraph (the question's) current."""
        self.set_current(0)
        self.scroll_home(animate=False)

    def action_last_paragraph(self) -> None:
        """Make the last paragraph current."""
        self.set_current(len(self._refs) - 1)

    # --- styling ---------------------------------------------------------------------------

    def _restyle(self, turns: set[int] | None = None) -> None:
        """Re-render the paragraphs (of `turns`, or all) whose styling changed."""
        for paragraph in self._paragraphs:
            if turns is not None and paragraph.ref.turn not in turns:
                continue
            content = self._paragraph_content(paragraph.ref)
            shown = paragraph.content
            if not (isinstance(shown, Content) and content.is_same(shown)):
                paragraph.update(content)

    def _paragraph_content(self, ref: ParagraphRef) -> Content:
        assert self.outline is not None
        text = self.outline.turn(ref.turn).paragraphs[ref.paragraph]
        low, high = ref.start, ref.start + len(text)
        content = Content(text)

        def stylize(content: Content, style: str, start: int, end: int) -> Content:
            start, end = max(start, low), min(end, high)
            if start >= end:
                return content
            return content.stylize(style, start - low, end - low)

        for figure in self._figures.get(ref.turn, ()):
            content = stylize(content, figure_style(figure.kind), figure.start, figure.end)
        for start, end in self._spans.get(ref.turn, ()):
            content = stylize(content, MATCH_STYLE, start, end)
        if self._mark is not None and self._mark[0] == ref.turn:
            content = stylize(content, MARK_STYLE, self._mark[1], self._mark[2])
        if self.selection is not None:
            for turn, start, end in self.selection.spans():
                if turn == ref.turn:
                    content = stylize(content, SELECTION_STYLE, start, end)
        return content

    # --- marked paragraphs ------------------------------------------------------------------

    def use_marks(self, spans_of: Callable[[str], Iterable[tuple[int, int, int]]]) -> None:
        """Show a bar beside the paragraphs `spans_of(transcript_id)` marks (turn, start, end)."""
        self._marked_spans = spans_of
        self.refresh_marked()

    def refresh_marked(self) -> None:
        """Show again which paragraphs on show are marked (after marking or unmarking)."""
        spans = [] if self.outline is None else list(self._marked_spans(self.outline.transcript.id))
        for paragraph in self._paragraphs:
            ref = paragraph.ref
            assert self.outline is not None
            end = ref.start + len(self.outline.turn(ref.turn).paragraphs[ref.paragraph])
            marked = any(t == ref.turn and s < end and e > ref.start for t, s, e in spans)
            paragraph.set_class(marked, "-marked")

    # --- choosing a range ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The range keys work only while a range is being chosen (`v` only when not)."""
        if action in ("copy_selection", "end_selection"):
            return self.selection is not None
        if action == "select_by":
            return self.selection is not None and self.selection.unit != parameters[0]
        if action == "select":
            return self.selection is None and bool(self._refs)
        return True

    def action_select(self) -> None:
        """Start choosing a range at the first sentence of the current paragraph."""
        ref = self.current_ref
        if self.outline is None or self.entry is None or ref is None:
            return
        selection = RangeSelection(self.outline, self.entry, ref.turn, ref.paragraph)
        if selection.is_empty:
            return
        self.selection = selection
        self.add_class("-selecting")
        self._selection_changed()
        self.refresh_bindings()

    def action_select_by(self, unit: str) -> None:
        """Extend the range by `unit` ("sentence" or "paragraph") from now on."""
        if self.selection is not None and self.selection.unit != unit:
            self.selection.switch_unit()
            self._selection_changed()
            self.refresh_bindings()

    def action_copy_selection(self) -> None:
        """Ask for the range to be copied with its citation (then stop choosing)."""
        if self.selection is not None:
            self.post_message(messages.CopySelection())

    def action_end_selection(self) -> None:
        """Stop choosing a range."""
        self.end_selection()

    def end_selection(self) -> None:
        """Stop choosing a range and show the text unselected."""
        if self.selection is None:
            return
        turns = {turn for turn, _, _ in self.selection.spans()}
        self._drop_selection()
        self._restyle(turns)
        self.refresh_bindings()

    def _drop_selection(self) -> None:
        self.selection = None
        self.remove_class("-selecting")
        self.border_subtitle = ""

    def _extend(self, step: int) -> None:
        assert self.selection is not None
        before = {turn for turn, _, _ in self.selection.spans()}
        self.selection.move(step)
        self._selection_changed(before)

    def _selection_changed(self, before: set[int] | None = None) -> None:
        """Restyle the turns the range touched or touches, keep its end in sight."""
        selection = self.selection
        assert selection is not None
        turns = {turn for turn, _, _ in selection.spans()} | (before or set())
        self._restyle(turns)
        other = "paragraph" if selection.unit == "sentence" else "sentence"
        self.border_subtitle = f"{selection.describe()} · s: by {other} · c: copy · Esc"
        unit = selection.cursor_unit
        if unit is None:
            return
        for position, ref in enumerate(self._refs):
            if ref.turn == unit.turn and ref.paragraph == unit.paragraph:
                self.set_current(position)
                return
