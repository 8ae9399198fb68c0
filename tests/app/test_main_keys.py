"""Which of the main screen's keys the footer shows, dims or hides (`key_states`)."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding

from tui.screens.main_keys import (
    GIVE_WAY,
    MAIN_KEYS,
    action_name,
    fit_footer,
    footer_width,
    key_states,
)


def test_nothing_open_dims_the_copy_keys_and_hides_n_and_x() -> None:
    states = key_states(
        has_answer=False, has_figure=False, searching=False, has_briefings=False, filtered=False
    )
    assert states == {
        "copy_paragraph": None,
        "copy_answer": None,
        "copy_figure": None,
        "next_match": False,
        "previous_match": False,
        "open_insight": None,
        "clear_filters": False,
        "mark": None,
        "open_source": None,
    }


def test_an_answer_a_figure_a_search_and_a_filter_show_their_keys() -> None:
    states = key_states(
        has_answer=True, has_figure=True, searching=True, has_briefings=True, filtered=True
    )
    assert set(states.values()) == {True}


def test_every_key_state_names_an_action_of_the_key_table() -> None:
    actions = {binding.action.split("(")[0] for binding in MAIN_KEYS}  # type: ignore[union-attr]
    states = key_states(
        has_answer=True, has_figure=True, searching=True, has_briefings=True, filtered=True
    )
    assert set(states) <= actions


def _active() -> dict[str, ActiveBinding]:
    active: dict[str, ActiveBinding] = {}
    for binding in MAIN_KEYS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            active.setdefault(key, ActiveBinding(None, replace(binding, key=key), True, ""))  # type: ignore[arg-type]
    return active


def _shown(active: dict[str, ActiveBinding]) -> list[str]:
    return list(dict.fromkeys(e.binding.action for e in active.values() if e.binding.show))


def test_the_footer_entries_give_way_in_order_and_help_and_quit_never() -> None:
    def display(binding: Binding) -> str:
        return {"slash": "/", "question_mark": "?", "f1": "f1"}.get(binding.key, binding.key)

    active = _active()
    full = footer_width(active, display)
    assert fit_footer(active, full, display) is active  # it fits: nothing hidden
    narrower = _shown(fit_footer(active, full - 1, display))
    assert "toggle_figures" not in narrower and "mark" in narrower
    narrowest = _shown(fit_footer(active, 10, display))
    hidden = set(_shown(active)) - set(narrowest)
    # Every entry that may give way (v is the answer view's, not the screen's).
    assert {action_name(a) for a in hidden} == set().union(*GIVE_WAY) - {"select"}
    assert {"help", "quit", "copy_paragraph", "clear_filters"} <= set(narrowest)
    # Hidden from the footer, not unbound.
    assert set(fit_footer(active, 10, display)) == set(active)


def test_an_action_name_drops_its_parameters_and_namespace() -> None:
    assert action_name("open_insight('kwic')") == "open_insight"
    assert action_name("app.quit") == "quit"
    assert action_name("help") == "help"
