"""What `m` marks on the main screen: the figure, the answer or the paragraph, by focus.

In the metrics sidebar `m` marks the selected figure (quoted with its sentence), in the
question list the whole answer, in the answer view the current paragraph — or the range
being chosen (`v`). Marking a passage marked already unmarks it. The marks are the App's
(`PressroomShell.marks`), saved at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from search_index.errors import PressroomError
from search_index.marks import MarkKind, Span, make_mark
from tui.messages import MarkTarget
from tui.protocols import PressroomShell
from tui.view_model import answer_target, figure_target, paragraph_target
from tui.widgets import MetricsSidebar

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

#: How a mark of each kind is named in the notification.
WHAT = {"paragraph": "paragraph", "answer": "answer", "figure": "figure", "range": "range"}


def focused_target(screen: MainScreen) -> MarkTarget:
    """What `m` marks given the focus: the figure, the answer or the paragraph."""
    focused = screen.focused
    if focused is not None and any(isinstance(n, MetricsSidebar) for n in focused.ancestors):
        return "figure"
    if focused is screen.question_list:
        return "answer"
    return "paragraph"


def toggle_mark(screen: MainScreen, target: MarkTarget | None = None) -> None:
    """Mark (or unmark) `target` (None: what the focused pane shows) and say so."""
    view = screen.answer_view
    outline, entry = view.outline, view.entry
    if outline is None or entry is None:
        screen.notify("Nothing to mark: no answer is open.", severity="warning")
        return
    target = target or focused_target(screen)
    kind: MarkKind
    figure: Span | None = None
    if target == "figure":
        selected = screen.sidebar.selected
        if selected is None:
            screen.notify("Nothing to mark: there is no figure selected.", severity="warning")
            return
        sentence, figure = figure_target(outline, selected)
        kind, spans = "figure", [sentence]
    elif target == "answer":
        kind, spans = "answer", answer_target(outline, entry)
    elif view.selection is not None:
        kind, spans = "range", view.selection.spans()
    else:
        ref = view.current_ref
        if ref is None:
            screen.notify("Nothing to mark: the answer has no text.", severity="warning")
            return
        kind, spans = "paragraph", paragraph_target(outline, ref.turn, ref.paragraph)
    try:
        mark = make_mark(outline.transcript, kind, spans, figure)
    except PressroomError as error:
        screen.notify(f"Nothing to mark: {error}", severity="warning", markup=False)
        return
    shell = cast(PressroomShell, screen.app)
    marked = shell.marks.toggle(mark)
    view.end_selection()
    view.refresh_marked()
    if not shell.save_marks():
        return
    count = len(shell.marks)
    noun = "mark" if count == 1 else "marks"
    if marked:
        screen.notify(f"Marked the {WHAT[kind]} ({count} {noun}; M lists them).")
    else:
        screen.notify(f"Unmarked the {WHAT[kind]} ({count} {noun} left).")
