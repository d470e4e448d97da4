"""Names without cues (lexicon), @-mentions and labelled ids: the recognizers alone and in the Scrubber."""

from __future__ import annotations

from typing import Any

import pytest

from dataprotocol.deid.recognizers import LabelledIdRecognizer, MentionRecognizer, NameLexiconRecognizer


def _spans(recognizer: Any, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, [])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Travis to send the draft; McGovern to book the room.", ["Travis", "McGovern"]),
    ("Attendees: Priya Sharma, Oliver Byrne.", ["Priya Sharma", "Oliver Byrne"]),
    ("Subject Amy Carter withdrew consent.", ["Amy Carter"]),  # an occupational surname joins the first name
    ("Thanks for riding, Holly!", ["Holly"]),  # an ordinary word, but set off like a name
    ("hi im priya, call me later", ["priya"]),  # lower-case only after a cue
])
def test_lexicon_finds_uncued_names(text: str, expected: list[str]) -> None:
    assert _spans(NameLexiconRecognizer(), text) == expected


@pytest.mark.parametrize("text", [
    "Will you come in May? Hope to see the Green team at the Park.",
    "Terrible service. Action: send the total to the Finance desk.",
    "i'm sure it will be fine, tell everyone",
    "Available in Black, White.",
    "Mail jason@example.com or see example.org/Jason",
])
def test_lexicon_leaves_ordinary_words(text: str) -> None:
    assert _spans(NameLexiconRecognizer(), text) == []


def test_mentions_are_handles_not_emails() -> None:
    assert _spans(MentionRecognizer(), "@Kim can you check? cc @j_doe") == ["Kim", "j_doe"]
    assert _spans(MentionRecognizer(), "mail kim@example.com, ping @here") == []


def test_labelled_ids_need_a_label() -> None:
    assert _spans(LabelledIdRecognizer(), "Parcel #122324925 for you") == ["122324925"]
    assert _spans(LabelledIdRecognizer(), "Policy no. 88123456; order number AB-1234567") == \
        ["88123456", "AB-1234567"]
    assert _spans(LabelledIdRecognizer(), "We paid 1234567 dollars in 2024 for #1 spot") == []


def test_scrubber_removes_uncued_names_and_ids(scrubber: Any) -> None:
    text = "Action: Travis to send the draft by Friday; McGovern to book the room. Parcel #122324925."
    out = scrubber.scrub(text).text
    assert "Travis" not in out and "McGovern" not in out and "122324925" not in out
    assert "Action:" in out and "Friday" in out
