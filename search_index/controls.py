"""Control characters: the one rule for keeping them out of text read from files.

A transcript, its front matter, an HTML character reference (`&#x1b;`), a YAML escape
(`"\\e"`) or a file name can all carry ESC and the other C0/C1 control characters. Printed
to a terminal they would drive it: change its title, write to the clipboard (OSC 52),
erase the screen. pressroom keeps only newline and tab. The models of `search_index`
apply `without_controls` to every string they are built with (see `models.FrozenModel`);
the parser, which builds turns and exchanges without validation for speed, applies it once
to the text it cuts them from (`parser.pipeline.parse_text`); errors apply it to their
message, and every place that shows a file name uses `shown_path`.
"""

from __future__ import annotations

import re
from os import PathLike

#: C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """`text` with every control character but newline and tab removed."""
    if CONTROL_CHARACTERS.search(text) is None:
        return text
    return CONTROL_CHARACTERS.sub("", text)


def shown_path(path: str | PathLike[str]) -> str:
    """A file or folder name as pressroom shows it: control characters removed.

    Only for showing: the path itself (to open the file) is kept as it is.
    """
    return without_controls(str(path))
