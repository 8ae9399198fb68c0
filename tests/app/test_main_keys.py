"""Which of the main screen's keys the footer shows, dims or hides (`key_states`)."""

from __future__ import annotations

from tui.screens.main_keys import MAIN_KEYS, key_states


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
