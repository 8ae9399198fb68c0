"""A quote check's passage as Rich text, shared by `pressroom quote` and the quote screen.

The record's words are shown with the differences marked: words the quote leaves out
underlined, words it changes reversed with the quote's own words after them, words it adds
in brackets. The two callers differ only in colours and in the brackets they use.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from search_index.quotecheck import QuoteMatch, marked_passage


def marked_text(
    match: QuoteMatch, styles: Mapping[str, str], brackets: tuple[str, str] = ("{", "}")
) -> Text:
    """The passage with its differences marked (`styles` by kind: left out, changed, added)."""
    left, right = brackets
    text = Text()
    for number, span in enumerate(marked_passage(match)):
        if span.kind == "same":
            text.append(span.text)
        elif span.kind == "added":
            added = f"{left}+{span.quote}{right}"
            text.append(f"{added} " if number == 0 else f" {added}", style=styles["added"])
        else:
            text.append(span.text, style=styles[span.kind])
            if span.kind == "changed":
                text.append(f"{left}quote: {span.quote}{right}", style=styles["added"])
    return text
