"""The app on a real transcript of the corpus: the askers and answerers the parser now gets
right reach the question list, the answer headings and the citations.

The White House press call of 2023-08-28: reporters introduce themselves inside anonymous
"Q" turns, officials answer under one anonymous label spelled two ways, and a caller's
sound check ("Hi, can you hear me?") and the moderator's reply ask and answer nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.app import make_test_app, press, ready, screen_text
from tui.widgets.turn_view import TurnView

SIZE = (160, 48)
CALL = "realworld/whitehouse-2023-08-28-press-call-harris-yellen-worker-report.md"
OFFICIAL = "Senior Administration Official"


async def test_questions_answers_and_citations_name_the_right_people(
    tmp_path: Path, data_dir: Path
) -> None:
    source = data_dir / CALL
    app = make_test_app(tmp_path, tmp_path / "index", paths=[source])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        outline = screen.library.outlines[0] if screen.library is not None else None
        assert outline is not None
        questions = [entry for entry in outline.entries if entry.kind == "exchange"]
        assert [(entry.label, entry.speakers) for entry in questions] == [
            ("1 Q", (OFFICIAL,)),
            ("2 Stephen Cooper", (OFFICIAL,)),
            ("3 Toby Burns", (OFFICIAL,)),
            ("4 Ian Kullgren", (OFFICIAL,)),
            ("5 Michael Kanell", (OFFICIAL,)),
            ("6 Q", (OFFICIAL,)),
            ("7 Fatima", (OFFICIAL,)),
        ]
        shown = screen_text(app)
        for label in ("2 Stephen Cooper", "4 Ian Kullgren", "7 Fatima"):
            assert label in shown

        # Question 2: Stephen Cooper asks, the official asks him to repeat, he restates.
        await press(pilot, "j", "enter")  # from question 1 to question 2
        assert screen.answer_view.entry_key == questions[1].key
        headings = [turn.heading.plain for turn in screen.answer_view.query(TurnView)]
        entry = screen.answer_view.entry
        assert entry is not None
        labels = ["Stephen Cooper (Q)  asks", OFFICIAL, "Stephen Cooper (Q)  asks", OFFICIAL]
        # each heading ends with the turn's number, from 1 as citations count
        assert headings == [
            f"{label}  · turn {index + 1}" for label, index in zip(labels, entry.turns, strict=True)
        ]

        # The whole answer, copied with its citations, names the official every time.
        await press(pilot, "C")
        copied = app.clipboard
        assert copied.startswith('"This is \\[senior administration official\\]. So, on')
        assert copied.count(f'" — {OFFICIAL}, Press Call by Vice President Harris') == 2
        assert f'Could you repeat?" — {OFFICIAL}, ' in copied
        assert f"({source.name}, turn 14)\n\n" in copied
        assert copied.endswith(f"({source.name}, turn 16)")
        assert "Moderator" not in copied
