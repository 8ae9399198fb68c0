"""Crafted transcripts a hostile sender could mail: escape sequences and Rich markup.

Each is built from a real fixture briefing with a few strings injected, so that it still
parses as that briefing does. Terminal escapes reach the text by the routes the decoder
cannot see: HTML character references (`&#x1b;`), YAML escapes in front matter (`"\\e"`)
and file names. Markup is plain text in a `.txt` file.
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

#: OSC 52: put "Hacked" on the clipboard (what the issue's crafted transcript printed).
OSC52 = "\x1b]52;c;SGFja2Vk\x07"
#: OSC 0: set the terminal's title.
SET_TITLE = "\x1b]0;PWNED\x07"
#: CSI 2J: clear the screen.
CLEAR = "\x1b[2J"
#: CSI as one C1 character (8-bit terminals read it as ESC [).
C1_CSI = "\x9b"

#: A control character other than newline and tab; nothing pressroom prints may hold one.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: A file name that sets the terminal title when printed as it is.
HOSTILE_NAME = f"brief{SET_TITLE}ing.html"


def _references(text: str) -> str:
    """`text` with every control character written as an HTML character reference."""
    return CONTROL.sub(lambda m: f"&#x{ord(m.group(0)):x};", text)


def escaped_html() -> str:
    """The MFA briefing page with escapes in its title, a question, a label and an answer."""
    page = (DATA / "formats" / "mfa-briefing.html").read_text(encoding="utf-8")
    injections = (
        (
            "Regular Press Conference on May 2, 2024</h1>",
            f"Regular Press Conference{SET_TITLE} on May 2, 2024</h1>",
        ),
        ("Will the minister attend?", f"Will the minister attend?{OSC52}"),
        ("<strong>Bloomberg:</strong>", f"<strong>Bloom{CLEAR}berg:</strong>"),
        (
            "The minister will lead the delegation.",
            f"The minister will lead{OSC52} the delegation.",
        ),
    )
    for old, new in injections:
        assert old in page, old
        page = page.replace(old, _references(new), 1)
    return page


def escaped_markdown() -> str:
    """The ECB press conference with escapes in its front matter's title and place."""
    text = (DATA / "formats" / "ecb-press-conference.md").read_text(encoding="utf-8")
    injections = (
        (
            "title: Monetary policy press conference",
            'title: "Monetary policy \\e]0;PWNED\\a press conference \\e]52;c;SGFja2Vk\\a"',
        ),
        ("location: Frankfurt am Main", 'location: "Frankfurt\\x9b2J am Main\\x07"'),
    )
    for old, new in injections:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


#: Rich markup in a plain-text briefing: the tags must be shown as written, never applied.
LINK = "[link=https://evil.example]Can you give[/link]"


def markup_briefing() -> str:
    """The MFA regular briefing with Rich markup in its title, a role, a label and turns."""
    text = (DATA / "app" / "mfa-2023-03-14-regular.txt").read_text(encoding="utf-8")
    injections = (
        ("Foreign Ministry Spokesperson", "Foreign [/] Ministry Spokesperson"),
        ("spokesperson of the Ministry", "spokesperson [/] of the Ministry"),
        ("AFP:", "AFP [/]:"),
        ("Can you give", LINK),
        ("Bilateral trade with the region", "Bilateral trade [/] with the region [bold]"),
        ("port capacity has risen", "port [/] capacity has risen"),
    )
    for old, new in injections:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write_hostile_library(folder: Path) -> Path:
    """A folder holding the three crafted briefings, one under a name that sets the title."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / HOSTILE_NAME).write_text(escaped_html(), encoding="utf-8")
    (folder / "ecb-escaped.md").write_text(escaped_markdown(), encoding="utf-8")
    (folder / "mfa-markup.txt").write_text(markup_briefing(), encoding="utf-8")
    return folder


def controls_in(text: str) -> list[str]:
    """The control characters in `text` (newline and tab are not), each with its context."""
    return [repr(text[max(m.start() - 12, 0) : m.end() + 12]) for m in CONTROL.finditer(text)]


#: A Markdown body after a front-matter block: two speakers, one question.
BODY = "\n**PRESIDENT LAGARDE:** Good afternoon.\n\n**Anna Berg (Reuters):** Is it?\n"


def alias_bomb() -> str:
    """Nine levels of nine aliases: a few hundred bytes that expand to 9⁹ strings."""
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[level]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines += ["title: *i", "---", BODY]
    return "\n".join(lines)
