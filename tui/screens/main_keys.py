"""The main screen's keys, in the order the footer shows them.

The footer shows the keys that apply (the screen's `check_action` says which); related
keys share one entry (`Binding.Group`): n/N, the copy keys, the views, the marks. Keys
that are not shown (e, p, b, o, Q, Esc) are listed in the help and the palette. When the
terminal is too narrow for every entry, some give way (`fit_footer`) so that Help and Quit
stay in sight.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from itertools import groupby

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding, BindingType

#: Keys the footer shows together, under one word.
MATCH_KEYS = Binding.Group("Match", compact=True)
COPY_KEYS = Binding.Group("Copy", compact=True)
VIEW_KEYS = Binding.Group("Views", compact=True)
MARK_KEYS = Binding.Group("Marks", compact=True)

# The footer shows the keys that apply, in this order; related keys share an entry.
MAIN_KEYS: list[BindingType] = [
    Binding(
        "slash",
        "focus_search",
        "Search",
        id="search",
        tooltip="Type to search every briefing; Enter goes to the first hit.",
        # Priority: the focus moves before the keys typed right after `/` are routed.
        priority=True,
    ),
    Binding(
        "n",
        "next_match",
        "Next match",
        id="next-match",
        tooltip="The next search match (N: the previous one).",
        group=MATCH_KEYS,
    ),
    Binding(
        "N",
        "previous_match",
        "Previous match",
        id="previous-match",
        tooltip="The previous search match.",
        group=MATCH_KEYS,
    ),
    Binding(
        "c",
        "copy_paragraph",
        "Copy",
        id="copy-paragraph",
        tooltip="c: the current paragraph with its citation.",
        group=COPY_KEYS,
    ),
    Binding(
        "C",
        "copy_answer",
        "Copy answer",
        id="copy-answer",
        tooltip="C: the whole answer with its citation.",
        group=COPY_KEYS,
    ),
    Binding(
        "y",
        "copy_figure",
        "Copy figure",
        id="copy-figure",
        tooltip="y: the selected figure with its sentence and citation.",
        group=COPY_KEYS,
    ),
    # When there is nothing to copy the keys above are off; these say why.
    Binding("c,C,y", "nothing_to_copy", show=False),
    Binding(
        "f",
        "toggle_figures",
        "Figures",
        id="toggle-figures",
        tooltip="Show or hide the figures sidebar.",
    ),
    Binding(
        "L",
        "open_insight('ledger')",
        "Ledger",
        id="ledger",
        tooltip="L: every figure across the library, grouped by measure.",
        group=VIEW_KEYS,
    ),
    Binding(
        "S",
        "open_insight('stats')",
        "Speakers",
        id="stats",
        tooltip="S: turns and words by speaker, questions by outlet, who answered whom.",
        group=VIEW_KEYS,
    ),
    Binding(
        "K",
        "open_insight('kwic')",
        "In context",
        id="kwic",
        tooltip="K: every occurrence of a word or a phrase with aligned context.",
        group=VIEW_KEYS,
    ),
    Binding(
        "m",
        "mark",
        "Mark",
        id="mark",
        tooltip="m: mark the paragraph, answer or figure for the clip sheet (again: unmark).",
        group=MARK_KEYS,
    ),
    Binding(
        "M",
        "open_marks",
        "Marks",
        id="marks",
        tooltip="M: every mark of the library with its citation: copy, export, remove.",
        group=MARK_KEYS,
    ),
    Binding(
        "e",
        "open_source",
        "Edit source",
        id="open-source",
        show=False,
        tooltip="Open the transcript in $VISUAL or $EDITOR at the current turn.",
    ),
    Binding(
        "p",
        "filter_person",
        "Person",
        id="filter-person",
        show=False,
        tooltip="List only the questions an official answered, an outlet or a reporter asked.",
    ),
    Binding(
        "b",
        "filter_briefings",
        "Briefings",
        id="briefings",
        show=False,
        tooltip="Find briefings by date (date:2021-04) or title; keep only those listed.",
    ),
    Binding(
        "o",
        "order_list",
        "Order",
        id="order-list",
        show=False,
        tooltip="Order the results best first, newest first or oldest first.",
    ),
    Binding(
        "Q",
        "check_quote",
        "Check quote",
        id="check-quote",
        show=False,
        tooltip="Paste a quote: where it came from and how it differs from the record.",
    ),
    Binding(
        "x",
        "clear_filters",
        "Clear filters",
        id="clear-filters",
        tooltip="List every question of every briefing again.",
    ),
    Binding(
        "question_mark,f1",
        "help",
        "Help",
        id="help",
        tooltip="Every key and the query syntax.",
    ),
    Binding("q", "quit", "Quit", id="quit", tooltip="Leave pressroom."),
    Binding("escape", "clear_search", "Clear search", id="clear-search", show=False),
]


def key_states(
    *, has_answer: bool, has_figure: bool, searching: bool, has_briefings: bool, filtered: bool
) -> dict[str, bool | None]:
    """Which of the main screen's keys apply, by action (`Screen.check_action`): True shown,
    None shown dimmed (nothing to act on yet), False hidden. Actions not listed apply.

    The copy, mark and edit keys need an answer (y a figure), the views a briefing; n/N
    are shown only while searching and x only while the list is filtered.
    """
    answer = True if has_answer else None
    return {
        "copy_paragraph": answer,
        "copy_answer": answer,
        "copy_figure": True if has_figure else None,
        "next_match": searching,
        "previous_match": searching,
        "open_insight": True if has_briefings else None,
        "clear_filters": filtered,
        "mark": answer,
        "open_source": answer,
    }


#: Footer entries that step back, in this order, when the footer is too narrow for all that
#: apply (their keys still work and stay in the help and the palette). Help, Quit, Copy, x
#: and the keys of a range being chosen are never among them.
GIVE_WAY: tuple[frozenset[str], ...] = (
    frozenset({"toggle_figures"}),
    frozenset({"mark", "open_marks"}),
    frozenset({"open_insight"}),
    frozenset({"select"}),
    frozenset({"next_match", "previous_match"}),
    frozenset({"focus_search"}),
)


def footer_width(active: Mapping[str, ActiveBinding], key_display: Callable[[Binding], str]) -> int:
    """The columns Textual's footer takes for `active` (without the palette key): an entry
    " k Description " per action, and " kKk Label " for consecutive keys of one compact group.
    A test holds this to the footer as drawn."""
    firsts: dict[str, Binding] = {}
    for _node, binding, _enabled, _tooltip in active.values():
        if binding.show:
            firsts.setdefault(binding.action, binding)
    width = 0
    for group, members in groupby(firsts.values(), key=lambda binding: binding.group):
        bindings = list(members)
        if group is not None and len(bindings) > 1:
            width += sum(cell_len(key_display(b)) for b in bindings)
            width += cell_len(group.description) + 3
        else:
            width += sum(entry_width(b, key_display) for b in bindings)
    return width


def entry_width(binding: Binding, key_display: Callable[[Binding], str]) -> int:
    """The columns of one footer entry, " k Description " (the palette key's border takes
    the place of its leading space)."""
    return cell_len(key_display(binding)) + cell_len(binding.description) + 3


def fit_footer(
    active: dict[str, ActiveBinding], columns: int, key_display: Callable[[Binding], str]
) -> dict[str, ActiveBinding]:
    """`active` with the `GIVE_WAY` entries hidden from the footer, in order, until the rest
    fit in `columns`; the bindings themselves stay active."""
    hidden: set[str] = set()
    for actions in GIVE_WAY:
        shown = {
            key: entry
            for key, entry in active.items()
            if action_name(entry.binding.action) not in hidden
        }
        if footer_width(shown, key_display) <= columns:
            break
        hidden |= actions
    if not hidden:
        return active
    return {
        key: entry._replace(binding=replace(entry.binding, show=False))
        if action_name(entry.binding.action) in hidden
        else entry
        for key, entry in active.items()
    }


def action_name(action: str) -> str:
    """An action string's name: "open_insight('kwic')" and "app.open_insight" are
    "open_insight"."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]
