"""What one turn does: asks, thanks, asks to hear a question again, calls on a reporter or an
outlet, hands over to a colleague, introduces its speaker, or reads out a question.

Names are matched case-sensitively ("Pia", "Tomas McAllister", "Mr. Lee"); a word the
document also uses in lower case ("said", "next") or a title word is never taken as a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from search_index.parser.label_text import TITLE_WORDS, has_office_word, looks_like_outlet

#: Entries kept by each cache of a text's acts (short turns recur: "Thank you.", "Yes.").
_CACHE = 1 << 15

#: One capitalised name word: "Pia", "McAllister", "O'Brien-Salas", "MacLeod".
_NAME_WORD = r"[A-Z][a-z]*(?:[A-Z'’][A-Za-z]+)?[a-z]+(?:-[A-Z][a-z]+)*"
_HONORIFIC = r"(?:Mr|Ms|Mrs|Dr|Prof|Professor|Sir|Madam)\.?"
_PERSON = rf"(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_OUTLET_WORD = r"[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*"
_OUTLET = rf"(?:the\s+)?{_OUTLET_WORD}(?:\s+(?:{_OUTLET_WORD}|of|for|and|&|de|du)){{0,5}}"

_ASK_PHRASE = re.compile(
    r"\b(?:my question|i(?:'d| would) like to (?:ask|know)|i want to (?:ask|know)|"
    r"i have to ask|i wonder|i was wondering|"
    r"can you (?:tell|say|explain|confirm|comment)|could you (?:tell|say|explain|confirm|comment)"
    r"|a question (?:for|to|on|about))\b",
    re.IGNORECASE,
)
#: Words of address that may follow thanks ("Thank you, Minister.").
_ADDRESS_WORDS = frozenset(
    {
        "minister",
        "secretary",
        "president",
        "governor",
        "treasurer",
        "chair",
        "chairman",
        "mayor",
        "premier",
        "prime",
        "mr",
        "ms",
        "mrs",
        "dr",
        "ambassador",
        "commissioner",
        "director",
        "senator",
        "spokesperson",
    }
)
_COURTESY_WORDS = frozenset(
    {
        "thank",
        "thanks",
        "you",
        "very",
        "much",
        "so",
        "a",
        "lot",
        "okay",
        "ok",
        "great",
        "all",
        "right",
        "sure",
        "got",
        "it",
        "appreciate",
        "cheers",
        "sir",
        "ma'am",
        "madam",
        "again",
        "that's",
        "helpful",
        "understood",
        "yes",
        "yeah",
        "good",
        "fine",
        "everybody",
        "everyone",
        "guys",
        "folks",
    }
)
_REPEAT = re.compile(
    r"\b(?:repeat (?:that|the question|your question|it)|say (?:that|it) again|"
    r"(?:didn't|did not|couldn't|could not|didn’t|couldn’t) (?:quite )?(?:catch|hear)|"
    r"pardon|come again|"
    r"what was (?:that|the question|your question)|what's the question|say again)\b"
    r"|^(?:sorry|pardon)\s*\?|\brepeat\s*\?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’]+")
_BROKEN_OFF = re.compile(r"(?:…[.…]*|\.{3,}|\.\.…|--+|[—–-])\s*$")
_BRACKETED = re.compile(r"^(?:[\[(][^\])]{1,40}[\])]\s*)+$")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=\S)")
_ABBREVIATION_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col)|\b[A-Z])\.$")

# "Our first question will go to Pia with the Coast Herald.", "Next we'll go to Ravi at Port
# Daily.", "The next question comes from Jane Smith of Bloomberg."
_GO_TO = re.compile(
    rf"\b(?:go(?:es)?|turn|come[s]?|is|be|move|going) (?:over )?(?:to|from)\s+"
    rf"(?P<who>{_PERSON}|{_OUTLET})"
    rf"(?:\s*,?\s+(?:with|at|from|of)\s+(?P<outlet>{_OUTLET}))?",
)
# "Go ahead, Peter." "Yes, Edie." "Okay, the Daily Ledger." "Mr. Lee, go ahead." "James?"
_LEAD = r"(?:(?i:yes|yeah|okay|ok|go ahead|please|sure|all right|next|over to you|and)\s*,?\s+)"
_VOCATIVE = (
    re.compile(rf"(?:^|(?<=[,;.]\s)){_LEAD}+(?P<who>{_PERSON}|{_OUTLET})\s*[.!?]?$"),
    re.compile(
        rf"^(?P<who>{_PERSON}|{_OUTLET})\s*,\s*(?i:go ahead|please|you're next|your question)"
        r"\s*[.!]?$"
    ),
    re.compile(rf"^(?P<who>{_PERSON})\s*\?$"),
    # "Seung Min, you just want to kick us off?"
    re.compile(
        rf"(?:^|,\s+)(?P<who>{_PERSON})\s*,\s*(?:(?:do|would|did|can)\s+)?you\b[^.?!,]{{0,60}}"
        r"[?.]$"
    ),
    # "Jordan Fabian of Bloomberg.", "Aurelia of AFP."
    re.compile(rf"^(?P<who>{_PERSON}),?\s+(?:of|with|from|at)\s+(?P<with>{_OUTLET})\s*[.?]$"),
    re.compile(rf"^(?P<outlet>{_OUTLET})\s*\.$"),
)
_UNNAMED_CALL = re.compile(
    r"^(?:(?:yes|yeah|okay|ok|sure|all right|please|go ahead|next question|next|and)[\s,]*)+"
    r"(?:(?:sir|ma'am|madam|in the back|in the front|there|please|go ahead)[\s,]*)*[.!?]?$",
    re.IGNORECASE,
)
_NAME_ALONE = re.compile(rf"^{_PERSON}\s*[.!]$")
_NAME_AT_END = re.compile(rf",\s*(?P<who>{_PERSON})\s*[.!?]$")
_CALL_AT_END = re.compile(
    r"(?:^|[,;:—–-]\s*)"
    r"(?i:(?:go ahead|next question|next one|last question|last one|yes, sir|yes, ma'am))"
    r"\s*[.!?]?$"
)
# "Yes, Helen [Helen Thomas, United Press International]?": an editor's identification.
_IDENTIFIED = re.compile(
    rf"\b[A-Z][a-z]+\s*\[(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
    r"(?:,\s*(?P<outlet>[^\]]{2,60}))?\]"
)
# "Hi, Tomas McAllister with Harbor Radio.", "Anna Berg, Reuters.", "This is Ann Lee from AP."
_SELF_INTRO = re.compile(
    r"^(?:(?i:hi|hello|yes|good (?:morning|afternoon|evening)|thank you|thanks)[^.!?]{0,40}?"
    r"[.!,]\s*)?"
    r"(?:(?:Mr|Ms|Mrs|Dr|Minister|Prime Minister|Premier|Senator|Sir)\.?(?:\s+[A-Z][a-z]+)?"
    r",?\s+)?(?:(?P<says>(?i:I'm|I’m|I am|this is|my name is|it's|it’s))\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
    r"(?:\s*,\s*|\s+(?:from|with|of|at)\s+|\.\s+(?i:I'm|I’m|I am)\s+(?:with|from|at)\s+)"
    rf"(?P<outlet>{_OUTLET})\s*[.,:;—–-]"
)
_SURNAME_OF = re.compile(
    r"^(?:(?i:hi|hello|yes|good (?:morning|afternoon|evening)|thank you|thanks)[^.!?]{0,40}?"
    rf"[.!,]\s*)?(?P<name>{_NAME_WORD})(?:\s+(?:of|from|with)|,)\s+(?P<outlet>{_OUTLET})\s*[.,:;]"
)
_STARTS_WITH_HONORIFIC = re.compile(rf"^{_HONORIFIC}\s")
_LEADING_BRACKETS = re.compile(r"^(?:[\[(][^\])]{1,40}[\])]\s*)+")
_HANDOFF_STATEMENT = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Madam|Madame|Dr|Professor|Prof|Minister|Director|Commissioner)\.?\s+)"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?:\s*,[^.?!]{0,120}?,)?"
    r"\s+(?:will|would|is going to|can|could)\s+(?:\w+\s+)?"
    r"(?:answer|respond|take|address|reply|field|handle|add|supplement|elaborate|brief)",
)
_HANDOFF_WORDS = re.compile(
    r"^(?:(?:okay|ok|so|and|well|now)\s*,?\s+)*(?:over to you|(?:i'll )?(?:hand|pass) (?:it )?"
    r"(?:over )?to|the floor is yours|would you like to add|do you want to add|anything to add|"
    r"please)\b",
    re.IGNORECASE,
)
_READ_FROM = re.compile(
    rf"\b(?:question|questions) (?:is |comes )?from\s+(?P<who>{_PERSON}|{_OUTLET})"
    rf"(?:\s*,?\s+(?:with|at|from|of)\s+(?P<outlet>{_OUTLET}))?"
    rf"|\b(?P<asker>{_PERSON}|{_OUTLET})(?:\s+(?:with|at|from|of)\s+(?P<outlet2>{_OUTLET}))?"
    r"\s+(?:asks|is asking|wants to know|would like to know)\b",
)
_AUDIENCE_QUESTION = re.compile(
    r"\b(?:any (?:more |other |further )?questions?|anyone|who(?:'s| is) next|anybody|"
    r"questions?, please|(?:like|want|anything) to add|like to (?:answer|take|respond)|"
    r"take (?:this|that)|can you hear|are you there)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    {
        "thank",
        "thanks",
        "okay",
        "ok",
        "yes",
        "please",
        "everyone",
        "everybody",
        "all",
        "sir",
        "madam",
        "there",
        "right",
        "sure",
        "again",
        "next",
        "here",
        "now",
        "the",
        "you",
        "that",
        "this",
        "anyone",
        "question",
        "questions",
        "go",
        "ahead",
        "hi",
        "hello",
        "well",
        "so",
        "and",
        "good",
        "great",
        "sorry",
        "no",
        "yeah",
        "oh",
        "ah",
        "eh",
        "um",
        "uh",
        "er",
        "look",
        "listen",
        "see",
        "alright",
    }
)


@dataclass(frozen=True, slots=True)
class Call:
    """Who a turn calls on: a reporter's name, an outlet, both, or someone unnamed."""

    name: str | None = None
    outlet: str | None = None

    @property
    def named(self) -> bool:
        """True when the call names someone (a person or an outlet)."""
        return self.name is not None or self.outlet is not None


@lru_cache(maxsize=_CACHE)
def words(text: str) -> tuple[str, ...]:
    """The words of a text (cached: the same short turns recur)."""
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=_CACHE)
def last_sentence(text: str, count: int = 1) -> str:
    """The last `count` sentences of a text ("Mr. Lee, go ahead." is one sentence)."""
    return " ".join(sentences(text.strip()[-400:])[-count:]).strip()


@lru_cache(maxsize=_CACHE)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a short text ("Mr. Lee, go ahead." stays one)."""
    parts: list[str] = []
    for part in _SENTENCES.split(text.strip()):
        if parts and _ABBREVIATION_END.search(parts[-1]):
            parts[-1] = parts[-1] + " " + part
        else:
            parts.append(part)
    return tuple(parts)


@lru_cache(maxsize=_CACHE)
def asks(text: str) -> bool:
    """True when a turn asks something: a question mark near its end, or "my question is…"."""
    if "?" in last_sentence(text, 2):
        return True
    return bool(_ASK_PHRASE.search(text[:400]))


@lru_cache(maxsize=_CACHE)
def is_courtesy(text: str) -> bool:
    """ "Thank you.", "Okay, great, thanks." — a press turn that asks nothing."""
    found = [word.lower() for word in words(text)]
    if not found or len(found) > 6 or "?" in text:
        return False
    return all(word in _COURTESY_WORDS or word in _ADDRESS_WORDS for word in found)


def is_wordless(text: str) -> bool:
    """ "..", "—": a turn with no words (an inaudible or cut-off interjection)."""
    return not (text[:1].isalnum() or any(ch.isalnum() for ch in text))


@lru_cache(maxsize=_CACHE)
def unheard(text: str) -> bool:
    """ "..", "(inaudible)": words the transcriber could not hear (a question all the same)."""
    stripped = text.strip().strip(".…?!,;: ")
    return is_wordless(stripped) or bool(_BRACKETED.match(stripped))


@lru_cache(maxsize=_CACHE)
def cut_off(text: str) -> bool:
    """True when a turn breaks off ("What did you think of the -- --", "But Minister…",
    "did anyone…..")."""
    return bool(_BROKEN_OFF.search(text))


_DASHED = re.compile(r"(?:--+|[—–-])\s*$")


@lru_cache(maxsize=_CACHE)
def interrupted(text: str) -> bool:
    """True when a turn breaks off in a dash ("the best option right now is for —"), not
    trailing off in an ellipsis."""
    return bool(_DASHED.search(text))


#: Openings that say a question goes on from the last one ("And…", "A follow-up: …").
_FOLLOW_UP = re.compile(
    r"^(?:(?:and|also)\b|(?:a |one )?(?:quick |brief )?follow[- ]?up|to follow|following up)",
    re.IGNORECASE,
)
#: Openings that may (a short question) react to the answer ("But…", "So…", "Well, …").
_REACTING = re.compile(
    r"^(?:(?:but|so|well|just|then|okay|ok)\b|what about|how about|on that\b|on the same)",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^(?P<words>(?:[\w.'’-]+\s+){0,3}[\w.'’-]+),")


@lru_cache(maxsize=_CACHE)
def addresses_official(text: str) -> bool:
    """True when a question opens by addressing the official ("Mr. President, …", "Sir,
    …", "Prime Minister, …"), as a reporter taking the floor does."""
    match = _SALUTATION.match(text.strip())
    if match is None:
        return False
    found = [word.lower().strip(".") for word in match.group("words").split()]
    return all(word in TITLE_WORDS or word in {"sir", "madam", "ma'am"} for word in found) or (
        has_office_word(match.group("words")) and len(found) <= 3
    )


_ADDRESSED = re.compile(
    r"\b(?:Mr\.?|Madam|Madame)\s+(?P<office>(?:Vice\s+)?President|Prime\s+Minister|"
    r"Secretary(?:-General)?|Minister|Chairman|Chair|Governor|Premier|Speaker|Ambassador|"
    r"Mayor|Chancellor)\b"
)


@lru_cache(maxsize=_CACHE)
def addressed_office(text: str) -> str | None:
    """The office a question opens by addressing ("Mr. Prime Minister, …" → "prime minister")."""
    match = _ADDRESSED.search(text[:80])
    return " ".join(match.group("office").lower().split()) if match else None


_ANNOUNCES_MORE = re.compile(
    r"\b(?:two|three|a couple of|a few|several|(?:my |a )?first) (?:topics|questions|things|"
    r"issues|quick ones|question)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHE)
def announces_more(text: str) -> bool:
    """ "Yeah, so two topics.", "My first question…": a question that says another follows."""
    return bool(_ANNOUNCES_MORE.search(text[:300]))


@lru_cache(maxsize=_CACHE)
def says_it_follows_up(text: str) -> bool:
    """ "And…", "A follow-up on the border.": a question that says it goes on from the last."""
    return bool(_FOLLOW_UP.match(text.strip()))


@lru_cache(maxsize=_CACHE)
def plausible_follow_up(text: str) -> bool:
    """True when a question reads as the previous reporter's follow-up: it says it goes on
    ("And…", "A follow-up: …"), or it is short and reacts to the answer ("But…", "Well, …")
    or at least does not open by addressing the official as a reporter taking the floor
    does."""
    count = len(words(text))
    if _FOLLOW_UP.match(text.strip()):
        return count <= 40
    if _REACTING.match(text.strip()):
        return count <= 16
    return not addresses_official(text) and count <= 12


_CLARIFY = re.compile(
    r"\b(?:(?:are|were) you (?:talking|asking) about|is (?:this|that) a question|"
    r"(?:do|did) you mean|what do you mean|you mean\b|which (?:one|part|question))",
    re.IGNORECASE,
)


def clarifies(text: str, question: str = "") -> bool:
    """ "Are you talking about the Budapest Memorandum?", "In the — in their spending?": an
    official asking what was meant (in so many words, or by echoing the question)."""
    if len(text) > 300 or not text.rstrip().endswith("?"):
        return False
    return bool(_CLARIFY.search(text)) or (asks_back(text) and bool(echoes(text, question)))


_STOPWORDS = TITLE_WORDS | frozenset(
    {
        "think",
        "want",
        "like",
        "going",
        "make",
        "take",
        "does",
        "done",
        "sure",
        "that",
        "this",
        "with",
        "what",
        "when",
        "where",
        "which",
        "have",
        "there",
        "their",
        "they",
        "about",
        "would",
        "could",
        "should",
        "from",
        "your",
        "just",
        "will",
        "then",
        "than",
        "been",
        "were",
        "said",
        "know",
    }
)


@lru_cache(maxsize=_CACHE)
def content_words(text: str) -> frozenset[str]:
    """The words of four letters or more that carry content."""
    return frozenset(w.lower() for w in _WORD.findall(text) if len(w) >= 4) - _STOPWORDS


def echoes(text: str, other: str) -> frozenset[str]:
    """The content words two turns share."""
    return content_words(text) & content_words(other) if other else frozenset()


@lru_cache(maxsize=_CACHE)
def is_banter(text: str) -> bool:
    """ "All-female crew and one man.", "He was not ruling it out.": a short press remark that
    asks nothing, is not cut off and is not an unheard question."""
    return (
        len(words(text)) <= 8
        and not asks(text)
        and not cut_off(text)
        and not stops_mid_sentence(text)
        and not unheard(text)
        and text.lstrip()[:1] not in "[("  # "(Inaudible)...put in detention afterwards."
    )


def stops_mid_sentence(text: str) -> bool:
    """ "Otherwise it could be a trip which": a turn that stops on a lower-case word, its
    sentence unfinished (a question cut off)."""
    last = text.rstrip().rsplit(None, 1)[-1] if text.strip() else ""
    return last.isalpha() and last.islower()


_REPLY_START = re.compile(r"^(?:yes|yeah|no|right|exactly|correct|sorry|well, no)\b", re.I)


@lru_cache(maxsize=_CACHE)
def replies(text: str) -> bool:
    """A reporter's reply to a question put back ("In — yes —", "Well, no, with — …"): short,
    broken off, picking up a sentence, or opening with yes or no."""
    return (
        len(words(text)) <= 8
        or cut_off(text)
        or continues_sentence(text)
        or bool(_REPLY_START.match(text.strip()))
    )


_YES_OR_NO = re.compile(r"^(?:yes|yeah|yep|no|nope|not yet|not really)\b(?!\s*\?)", re.IGNORECASE)
_BARE_YES_OR_NO = re.compile(
    r"^(?:yes|yeah|yep|no|nope|not yet|not really)(?:,?\s+(?:sir|ma'am|madam))?\s*[.!]?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHE)
def says_yes_or_no(text: str) -> bool:
    """ "Yes.", "No, no, no. The Government has…": a turn that opens by saying yes or no
    (which confirms or denies what was put to it)."""
    return bool(_YES_OR_NO.match(_LEADING_BRACKETS.sub("", text.strip())))


@lru_cache(maxsize=_CACHE)
def only_yes_or_no(text: str) -> bool:
    """ "Yes.", "No, sir.": a turn that says nothing but yes or no."""
    return bool(_BARE_YES_OR_NO.match(text.strip()))


_PRESSES = re.compile(
    r"^(?:no[,.]?\s+(?:just|but|i|i'm|i’m|what|my)\b|but i haven[’']t asked|i[’']m just asking|"
    r"i guess the point|the point i[’']m making|my question (?:is|was)|what i[’']m asking|"
    r"i was asking|that[’']s not what i)",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHE)
def presses(text: str) -> bool:
    """ "No just in terms of…", "But I haven't asked my question….": a reporter pressing the
    question he asked, not asking a new one."""
    return bool(_PRESSES.match(_LEADING_BRACKETS.sub("", text.strip())))


@lru_cache(maxsize=_CACHE)
def continues_sentence(text: str) -> bool:
    """ "— a short-term increase.", "and on the border…": a turn that picks up a sentence."""
    stripped = text.strip()
    if stripped[:1] in "[(":
        return False  # "[inaudible] ... a Brisbane hospital": the start was not heard
    return stripped[:1] in {"—", "–", "-", "…"} or stripped[:3] == "..." or stripped[:1].islower()


@lru_cache(maxsize=_CACHE)
def asks_back(text: str) -> bool:
    """A short question an official puts back ("Why doesn't everybody holler at once?"): not
    an answer (it asks what was meant, or manages the floor)."""
    return text.rstrip().endswith("?") and len(words(text)) <= 10


@lru_cache(maxsize=_CACHE)
def is_bid(text: str) -> bool:
    """ "Madam Secretary —", "Mr. President, do you think that -- --": a bid for the floor or
    a question broken off before it asks anything."""
    return cut_off(text) and (len(words(text)) <= 5 or not asks(text))


@lru_cache(maxsize=_CACHE)
def asks_to_repeat(text: str) -> bool:
    """ "Sorry, what was that again?", "… Could you repeat?": a request to hear the question
    again (a short turn, or the last words of an answer)."""
    tail = text if len(text) <= 200 else last_sentence(text, 2)
    return bool(_REPEAT.search(tail))


_LINE_CHECK = re.compile(
    r"\b(?:can you hear me|can (?:you|everyone|everybody) hear|am i on|is this on|"
    r"are you there|do you hear me)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHE)
def checks_the_line(text: str) -> bool:
    """ "Hi, can you hear me?": a caller checking the line, not asking a question."""
    return len(words(text)) <= 10 and bool(_LINE_CHECK.search(text))


class NameCheck:
    """Decides whether capitalised words can be a person's name in one document."""

    def __init__(self, ordinary: Callable[[str], bool]) -> None:
        self._ordinary = ordinary

    def person(self, text: str, introduced: bool = False) -> bool:
        """True for "Pia", "Mr. Lee", "Tomas McAllister"; False for "Fees", "Next", "Minister".

        `introduced`: the words follow "I'm" or "my name is", which makes a name of a word
        the document also uses in lower case ("Park").
        """
        found = text.split()
        honorific = bool(re.match(_HONORIFIC + r"$", found[0])) if found else False
        names = found[1:] if honorific else found
        if not names or len(names) > 3:
            return False
        for word in names:
            lower = word.lower().strip(".,")
            if lower in _NOT_NAMES or lower in TITLE_WORDS:
                return False
            if not honorific and not introduced and self._ordinary(lower):
                return False
        return True


def _outlet_text(text: str) -> str:
    text = text.strip().rstrip(".,;:")
    return text[4:] if text.startswith("the ") else text


def _as_call(who: str, outlet: str | None, names: NameCheck, known_outlets: set[str]) -> Call:
    who = who.strip().rstrip(".,;:")
    if who.startswith("the ") or looks_like_outlet(who) or _outlet_text(who) in known_outlets:
        return Call(outlet=_outlet_text(who))
    if names.person(who):
        return Call(name=who, outlet=_outlet_text(outlet) if outlet else None)
    return Call()


def call_in(
    text: str,
    names: NameCheck,
    known_outlets: set[str],
    chairing: bool,
    between: bool = False,
) -> Call | None:
    """The reporter or outlet a turn calls on at its end, or an unnamed call, or None.

    `chairing` allows the longer forms ("we'll go to Pia with the Coast Herald") that only a
    chair's short turn is trusted with; an answer's last words give only the short ones
    ("Go ahead, Peter."). `between` says the turn stands between an answer and the next
    question, where a name alone ("Alex.") calls a reporter (after a question, "Soon." is an
    answer).
    """
    tail = last_sentence(text)
    identified = _IDENTIFIED.search(tail)
    if identified is not None:
        outlet = identified.group("outlet")
        return Call(name=identified.group("name"), outlet=outlet.strip() if outlet else None)
    for pattern in _VOCATIVE:
        match = pattern.search(tail)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("outlet"):  # "Harbor Radio." names an outlet, never a person
            call = _as_call(groups["outlet"], None, names, known_outlets)
            if call.outlet:
                return call
            continue
        call = _as_call(groups["who"], groups.get("with"), names, known_outlets)
        if call.named:
            return call
    if between and _NAME_ALONE.match(tail):
        call = _as_call(tail.rstrip(".!"), None, names, known_outlets)
        if call.named:
            return call
    if _UNNAMED_CALL.match(tail) or _CALL_AT_END.search(tail):
        before = last_sentence(text, 2)[: -len(tail)].strip()
        named = _NAME_AT_END.search(before)
        if named is not None and names.person(named.group("who")):
            return Call(name=named.group("who"))  # "… call on you, Saleha. Go ahead."
        return Call()
    if chairing:
        for sentence in (tail, last_sentence(text, 2)):
            match = _GO_TO.search(sentence)
            if match:
                call = _as_call(match.group("who"), match.group("outlet"), names, known_outlets)
                if call.named:
                    return call
    return None


def self_introduction(text: str, names: NameCheck) -> tuple[str, str] | None:
    """(name, outlet) when a question opens with its asker's name ("Tomas McAllister with
    Harbor Radio", "Oksana Panarina, columnist for the Kuzbass newspaper", "My name is Dina
    Gazaliyeva, …"), in one of its first sentences; "Nakakuki of Kyodo News": one name is
    enough when the outlet is plainly one. The outlet is "" when none is given."""
    opening = _LEADING_BRACKETS.sub("", text.strip())[:600]
    said = [_LEADING_BRACKETS.sub("", part) for part in sentences(opening)[:4]]
    for position, sentence in enumerate(said):
        strict = _SELF_INTRO.match(sentence)  # "Mr Downer Geoff Thomson from ABC, sorry…"
        if (
            strict is not None
            and names.person(strict.group("name"), bool(strict.group("says")))
            and not _STARTS_WITH_HONORIFIC.match(strict.group("name"))
            and not _STARTS_WITH_HONORIFIC.match(strict.group("outlet"))
        ):
            return strict.group("name"), _outlet_text(strict.group("outlet"))
        if len(words(sentence)) > 18 or sentence.endswith("?"):
            continue
        match = _INTRODUCES.match(sentence)
        if match is None:
            continue
        name, says = match.group("name"), bool(match.group("says"))
        if _STARTS_WITH_HONORIFIC.match(name) or not names.person(name, says):
            continue
        outlet = _affiliation(match.group("tail") or "")
        if outlet is None and says and position + 1 < len(said):
            outlet = _affiliation(_WORKS_FOR.sub("", said[position + 1], count=1))
        if outlet is not None or says:
            return name, outlet or ""
    match = _SURNAME_OF.match(opening)
    if match is not None and names.person(match.group("name")):
        outlet = _outlet_text(match.group("outlet"))
        if looks_like_outlet(outlet):
            return match.group("name"), outlet
    return None


_INTRODUCES = re.compile(
    r"^(?:(?i:hi|hello|yes|yeah|fine|good (?:morning|afternoon|evening)|thank you|thanks)"
    r"[^.!?]{0,40}?[.!,]\s*)?"
    r"(?:(?:Mr|Ms|Mrs|Dr|Minister|Prime Minister|Premier|Senator|Sir|Madam)\.?"
    r"(?:\s+[A-Z][a-z]+)?,?\s+)?"
    r"(?:(?P<says>(?i:I'm|I’m|I am|this is|my name is|it's|it’s))\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
    r"(?P<tail>(?:\s*,\s*|\s+(?:from|with|of|at)\s+).*)?[.!]?$"
)
#: "I'm with Law360.", "I represent …": a sentence saying whom the speaker works for.
_WORKS_FOR = re.compile(r"^(?i:I'm|I’m|I am|I work|I represent|I write)\s*(?:with|from|at|for)?\s*")
_ROLE_WORDS = re.compile(
    r"^(?:(?i:from|with|of|at|for|and)\s+|(?i:the|a|an)\s+|(?i:columnist|correspondent|reporter|"
    r"editor|journalist|writer|producer|host|anchor|chief|senior|bureau|newspaper|magazine|"
    r"channel|radio|television|tv|agency|website|news agency)\w*\s+"
    r"(?:(?i:of|for|with|at|from)\s+)?)+"
)


def _affiliation(tail: str) -> str | None:
    """The outlet in the words after a name: ", columnist for the Kuzbass newspaper" →
    "Kuzbass newspaper"; None when no outlet is named there."""
    text = tail.strip().lstrip(",").strip().rstrip(".!,;:")
    text = _ROLE_WORDS.sub("", text).strip()
    if not text or not text[:1].isupper() or len(text.split()) > 8:
        return None
    if text.split()[0] in {"I", "We"}:
        return None
    return text


_ADDRESSED_REPORTER = re.compile(
    rf"(?:[.!?]\s+|[—–]\s*)(?P<who>{_NAME_WORD}),\s+(?:if you|as you|you\b|thank you|thanks)"
    rf"|\b(?:answering|answer to|question from)\s+(?P<answering>{_NAME_WORD})\b"
)
_OPENS_WITH_NAME = re.compile(
    rf"^(?P<who>{_NAME_WORD}),\s+(?:I|I'm|I’m|you|we|look|well|thanks|thank|yes|no|that's|that’s)\b"
)


def reporter_addressed(
    text: str, names: NameCheck, common_opener: Callable[[str], bool] = lambda word: False
) -> str | None:
    """The reporter an answer addresses by name ("Ian, I wouldn't…", "… — Fatima, if you've
    seen the report", "can I just finish answering Glenn"). `common_opener` tells a word
    that opens many turns, or a near miss of one ("Wlell," for "Well,"): never a name."""
    opening = _OPENS_WITH_NAME.match(_LEADING_BRACKETS.sub("", text.strip()))
    if opening is not None:
        who = opening.group("who")
        return who if names.person(who) and not common_opener(who) else None
    match = _ADDRESSED_REPORTER.search(text[:1500])
    if match is None:
        return None
    who = match.group("who") or match.group("answering")
    return who if names.person(who) else None


@lru_cache(maxsize=_CACHE)
def handoff_statement(text: str) -> str | None:
    """The colleague named in "Mr. Yu will answer this question.", or None."""
    match = _HANDOFF_STATEMENT.search(text)
    return match.group("name") if match else None


@lru_cache(maxsize=_CACHE)
def name_words(name: str) -> frozenset[str]:
    """The words of a speaker's name, lower case ("Dr. Oyelaran" → dr, oyelaran)."""
    return frozenset(word.lower() for word in words(name))


@lru_cache(maxsize=_CACHE)
def is_vocative_handoff(text: str, colleague: str) -> bool:
    """ "Dr. Oyelaran?", "Over to you, Minister." — a turn that only hands over to a colleague
    (the speaker named `colleague`; worked out once per text and colleague)."""
    found = [word.lower() for word in words(text)]
    if not found or len(found) > 8:
        return False
    if _HANDOFF_WORDS.match(text.strip()):
        return True
    rest = [w for w in found if w not in {"okay", "ok", "so", "and", "now", "please", "dr", "mr"}]
    rest = [w for w in rest if w not in {"ms", "mrs", "professor", "prof"}]
    return bool(rest) and text.rstrip().endswith("?") and set(rest) <= name_words(colleague)


@lru_cache(maxsize=_CACHE)
def read_question(text: str) -> bool:
    """True when a chair's turn reads out a question ("…asks: will rates rise?")."""
    for sentence in _SENTENCES.split(text.strip()):
        asked = sentence.endswith("?") and len(words(sentence)) >= 6
        if asked and not _AUDIENCE_QUESTION.search(sentence):
            return True
    return False


def read_question_asker(text: str, names: NameCheck, known_outlets: set[str]) -> Call:
    """Whom a read-out question comes from ("a question from Reuters"), if the chair says."""
    match = _READ_FROM.search(text)
    if match is None:
        return Call()
    who = match.group("who") or match.group("asker")
    outlet = match.group("outlet") or match.group("outlet2")
    return _as_call(who, outlet, names, known_outlets)
