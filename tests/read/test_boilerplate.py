"""Boilerplate lines are found by general rules and blanked without moving offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.read import blank_boilerplate, boilerplate_spans, is_boilerplate, load_rules
from kgraph.read.boilerplate import default_rules_path, parse_rules

BOILERPLATE = [
    # calls to action aimed at a platform, in many wordings
    "Follow tovima.com on Google News to keep up with the latest stories",
    "Follow The Kyiv Independent on Telegram",
    "Follow us on X",
    "Follow Reuters on X for breaking news",
    "Like us on Facebook",
    "Join us on Telegram",
    "Join our WhatsApp channel for updates",
    "Get breaking news alerts on your phone",
    "Download our app for the latest headlines",
    "Stay updated with the latest news on Telegram",
    "Share this article",
    "Share this story:",
    "Share on Facebook",
    "Share on Twitter",
    "Share on WhatsApp",
    "Facebook Twitter WhatsApp Email Copy link",
    "Subscribe to our newsletter",
    "Subscribe now",
    "Sign up for our daily briefing",
    "Sign up for Reuters Daily Briefing",
    "Sign up to receive our newsletter in your inbox",
    "Click here to read the full report",
    "Tap here to subscribe",
    "Support our journalism",
    "Don’t miss our top stories",
    '"Follow Olena Marchenko on Twitter @omarchenko."',  # a whole line in quotation marks
    "\u201cJoin us on Telegram\u201d",
    # cross-links
    "Read more: Russia launches biggest drone attack of the war",
    "READ MORE",
    "Related: EU agrees new sanctions package",
    "RELATED STORIES",
    "Also read: Kremlin denies talks",
    "See also — Who is fighting in Kursk?",
    "Tags: Ukraine, Russia, Kursk",
    "Continue reading",
    # layout furniture
    "Advertisement",
    "ADVERTISEMENT - Scroll to continue",
    "Story continues below advertisement",
    "Sponsored content",
    "Exit mobile version",
    "View desktop version",
    "Skip to main content",
    "Back to top",
    # credits and legal
    "Copyright 2024 Reuters. All rights reserved.",
    "Copyright © Kyiv Post",
    "© 2024 The Kyiv Independent",
    "Material may not be published. All Rights Reserved.",
    "Photo: Reuters/Gleb Garanich",
    "(Photo: EPA)",
    "Photograph: Alamy",
    "Image source, Getty Images",
    "Image credit: AFP",
    "Photo by Anatolii Stepanov/AFP",
    # cookie and consent notices
    "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
    "This website uses cookies. Read our privacy policy to find out more.",
    "Accept all cookies",
    "By subscribing you agree to our Terms of Use and Privacy Policy",
]

REAL_SENTENCES = [
    "Russia will follow up with more strikes, officials said.",
    "Follow-up talks are planned in Istanbul next week, the ministry said.",
    "Follow the money, investigators told Reuters.",
    "Share prices on the Moscow exchange fell 5% after the announcement.",
    "Press freedom groups condemned the arrest of the journalist.",
    "Tap water supplies were cut in Kharkiv after the strike.",
    "Related talks in Geneva collapsed on Tuesday.",
    "The advertisement campaign was funded by the Kremlin, investigators said.",
    "Copyright disputes were not at issue, the court said.",
    "Photos released by the army showed damaged buildings in Pokrovsk.",
    "Join the army or face prison, the new law tells conscripts.",
    "Support for the war has fallen, a poll by the Levada Center found.",
    "Subscribers to Telegram channels linked to Wagner shared the video widely.",
    "Zelenskiy said he would sign up to the framework only if Russia withdrew.",
    "Watch the skies, residents were told after the drone alerts.",
    "Visit the site of the massacre and you will see the graves, he said.",
    "He urged allies to share intelligence via secure channels, not on Telegram.",
    "Officials urged residents to sign up for evacuation buses.",
    "Russian soldiers were told to delete Telegram and WhatsApp from their phones.",
    "Download speeds fell sharply after the attack on the Kyivstar network.",
    "Like many residents, she fled to Poland on a bus.",
    "Image analysis by the group suggests the missile was a North Korean KN-23.",
    "Read the full statement, the spokesman told reporters, and judge for yourself.",
    "Russia has neither confirmed nor denied the use of North Korean troops.",
    '"Follow us on Telegram," the governor urged residents after the strike.',  # a quotation, attributed
    "\u201cShare what you know,\u201d the police said on Telegram.",
    # long enough to be prose even though it starts like a call to action
    "Follow the line of trenches south from Pokrovsk and you reach the villages that "
    "Russian units, backed by artillery and glide bombs, have been assaulting on Telegram "
    "videos every day since August.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_found(line: str) -> None:
    assert is_boilerplate(line)
    assert is_boilerplate(f"   {line}  ")  # surrounding whitespace does not matter


@pytest.mark.parametrize("line", REAL_SENTENCES)
def test_real_sentences_survive(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line", ["", "   ", "\t"])
def test_blank_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_blanking_keeps_length_newlines_and_prose() -> None:
    prose = REAL_SENTENCES[:8]
    lines = [x for pair in zip(prose, BOILERPLATE) for x in pair] + ["", BOILERPLATE[-1]]
    text = "\n".join(lines) + "\n"
    blanked = blank_boilerplate(text)
    assert len(blanked) == len(text)
    assert [i for i, ch in enumerate(text) if ch == "\n"] == [i for i, ch in enumerate(blanked) if ch == "\n"]
    out_lines = blanked.split("\n")
    for original, out in zip(lines, out_lines):
        if original in prose or not original:
            assert out == original
        else:
            assert out == " " * len(original)


def test_crlf_line_keeps_its_carriage_return() -> None:
    text = "Body.\r\nShare this article\r\nMore.\r\n"
    assert blank_boilerplate(text) == "Body.\r\n" + " " * 18 + "\r\nMore.\r\n"


def test_spans_point_at_the_lines() -> None:
    text = "Title\nAdvertisement\nBody.\nExit mobile version"
    spans = boilerplate_spans(text)
    assert [text[s:e] for s, e in spans] == ["Advertisement", "Exit mobile version"]


def test_rules_file_is_data_and_loads() -> None:
    path = default_rules_path()
    assert path.name == "boilerplate.txt" and path.is_file()
    rules = load_rules()
    assert rules is load_rules()  # cached
    assert len(rules.rules) >= 20


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        ("VERB = ping | pong\n{VERB} now", "Pong now", True),
        ("VERB = ping | pong\n{VERB} now", "ping later", False),
        ("max_words: 2\nbuy.*", "buy this", True),
        ("max_words: 2\nbuy.*", "buy this now", False),
        ("max_words: 2\n<=5 buy.*", "buy this right now", True),
        ("# only a comment\n\n", "anything", False),
    ],
)
def test_parse_rules_format(source: str, line: str, expected: bool) -> None:
    assert parse_rules(source).is_boilerplate(line) is expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{NOPE} x", "<rules>:1: undefined word list {NOPE}"),
        ("# c\n(unclosed", "<rules>:2: not a valid regex"),
    ],
)
def test_parse_rules_errors(source: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("{", r"\{").replace("}", r"\}")):
        parse_rules(source)


def test_load_rules_from_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read boilerplate rules"):
        load_rules(tmp_path / "missing.txt")


# A page flattened to one line keeps its widgets inside the prose: inline rules blank
# them and nothing around them.
INLINE = [
    (
        "Police said two were hurt. Send Facebook google+ Whatsapp Tumblr linkedin Digg reddit "
        "Permalink https://example.org/p/33s2s The blast hit a bakery.",
        "Send Facebook google+ Whatsapp Tumblr linkedin Digg reddit Permalink https://example.org/p/33s2s",
    ),
    (
        "Britain PM May: 'Enough is Enough' Share this video 0:00:30 ▶ 0:00:00 /0:00:30 ▶ ▶ Direct link "
        "270p | 1.5MB 360p | 1.8MB Among the measures",
        "Share this video 0:00:30 ▶ 0:00:00 /0:00:30 ▶ ▶ Direct link 270p | 1.5MB 360p | 1.8MB ",
    ),
    (
        "a man wanted in connection with the explosion. Photograph: Police National/Handout/EPA The suspect left",
        "Photograph: Police National/Handout/EPA",
    ),
]

PROSE = [
    "He posted the video on Facebook, Twitter, Instagram and Reddit before his arrest.",
    "At 10:30 the strike hit the depot; a second came at 11:05.",
    "The photo showed the damage, officials said, and the road was closed.",
    "Photo opportunities and/or speeches were cancelled.",
]


@pytest.mark.parametrize("text,furniture", INLINE)
def test_inline_furniture_blanked_in_place(text, furniture):
    blanked = blank_boilerplate(text)
    assert len(blanked) == len(text)
    start = text.index(furniture)
    assert blanked[start : start + len(furniture)].strip() == ""
    assert blanked[:start] == text[:start]
    rest = text[start + len(furniture) :]
    assert blanked[start + len(furniture) :] == rest


@pytest.mark.parametrize("text", PROSE)
def test_inline_rules_leave_prose(text):
    assert blank_boilerplate(text) == text


def test_inline_rule_keeps_newlines():
    rules = parse_rules("inline: widget\\s+bar\\s+baz")
    assert rules.blank("a widget\nbar baz b") == "a       \n        b"
