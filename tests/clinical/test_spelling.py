"""Misspellings, American spellings and dialect do not hide a red flag.

Keywords, protected words and the spelling map: bot/clinical/rules/spelling.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import RED_FLAG_KINDS
from bot.clinical.detector import make_speller
from bot.clinical.loader import load_rules
from bot.clinical.spelling import Speller, edit_distance, max_edits
from tests.clinical.support import kinds_of

MISSPELT_RED_FLAGS = [
    ("my bladdar control is gone", "bladder_bowel"),
    ("I cant control my blader", "bladder_bowel"),
    ("lost controll of my bowl movements", "bladder_bowel"),
    ("cant controll my bowls", "bladder_bowel"),
    ("incontinance since my back went", "bladder_bowel"),
    ("numbnes in my sadle area", "saddle_numbness"),
    ("my groyne is numm", "saddle_numbness"),
    ("numness between my leggs", "saddle_numbness"),
    ("sudden weekness in my leg", "leg_weakness"),
    ("my legs keep givin way", "leg_weakness"),
    ("I have sucidal thoughts", "self_harm"),
    ("feeling suicidel", "self_harm"),
    ("i wnat to kill my self", "self_harm"),
    ("thoughts of sucide", "self_harm"),
    ("chesst pain", "chest_pain"),
    ("cheast pain and cant breath", "chest_pain"),
    ("chest pian", "chest_pain"),
    ("high feaver and back pain", "fever"),
    ("high tempreture and my back hurts", "fever"),
    ("fell of a ladder cant move", "trauma"),
    ("I CAN'T FEEL MY LEGS", "leg_weakness"),
    ("I can’t control my bladder", "bladder_bowel"),
    ("my mum has lost control of her bowles", "bladder_bowel"),
    ("no feelin round his back pasage", "saddle_numbness"),
    ("my leg buckld under me today", "leg_weakness"),
    ("presure in my chset", "chest_pain"),
    ("fevor and back pain", "fever"),
    ("fevre of 38 and my neck is stiff", "fever"),
    ("having rigours and back pain", "fever"),
    ("fell from a hieght at work", "trauma"),
    ("he fell off a lader at work", "trauma"),
    ("I might take an overdoes tonight", "self_harm"),
    ("I want to kil myself", "self_harm"),
    ("I have sucidal feelings", "self_harm"),
    ("i've been stockpiling my tramadoll", "self_harm"),
    ("saving up my gabapentn", "self_harm"),
    ("my dad colapsed in the kitchen", "collapse"),
    ("her speech is slured and her face is droopy", "collapse"),
    ("mum is unconsious on the floor", "collapse"),
    ("lips swolen and cant breath after the injecton", "collapse"),
    ("me left leg's gone dead since last night", "leg_weakness"),
    ("since this mornin av got nae control of me bowels", "bladder_bowel"),
]


@pytest.mark.parametrize(("text", "kind"), MISSPELT_RED_FLAGS)
def test_misspelt_red_flag_found(text: str, kind: str) -> None:
    """Misspellings, missing apostrophes and capitals do not hide a red flag."""
    assert kind in kinds_of(text)


def test_misspellings_cover_every_kind() -> None:
    """At least a dozen misspelt cases, of every kind."""
    assert len(MISSPELT_RED_FLAGS) >= 12
    assert {kind for _, kind in MISSPELT_RED_FLAGS} == set(RED_FLAG_KINDS)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("bladdar", "bladder"),
        ("blader", "bladder"),
        ("incontinance", "incontinence"),
        ("numbnes", "numbness"),
        ("numm", "numb"),
        ("sadle", "saddle"),
        ("groyne", "groin"),
        ("weekness", "weakness"),
        ("sucidal", "suicidal"),
        ("suicidel", "suicidal"),
        ("chesst", "chest"),
        ("shockwve", "shockwave"),
        ("acupunture", "acupuncture"),
        ("paralyzed", "paralysed"),
        ("bowl", None),
        ("forever", None),
        ("week", None),
        ("chess", None),
        ("plates", None),
        ("infection", None),
        ("surgeon", None),
        ("leg", None),
        ("bladder", None),
        ("growing", None),
        ("falling", None),
        ("privates", None),
        ("pleasure", None),
        ("grin", None),
        ("wellness", None),
        ("bowell", "bowel"),
    ],
)
def test_speller(word: str, expected: str | None) -> None:
    """Misspellings map to keywords; real neighbouring words are left alone."""
    assert make_speller().correct(word) == expected


def test_speller_refuses_ties() -> None:
    """A word equally near two keywords is not guessed."""
    speller = Speller(["bladder", "bladdex"], {}, [])
    assert speller.correct("bladdez") is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("chest", "chesst", 1), ("weakness", "weekness", 1), ("form", "from", 1)],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    """Optimal string alignment distance, a swap counting as one edit."""
    assert edit_distance(a, b, 2) == distance


def test_max_edits_scale_with_length() -> None:
    """No edits under four letters, one up to six, two from seven."""
    assert [max_edits(n) for n in (3, 4, 6, 7, 12)] == [0, 1, 1, 2, 2]


def test_bowl_needs_context() -> None:
    """ "bowl" is read as "bowel" only beside bowel words."""
    assert kinds_of("I lost bowl control") == {"bladder_bowel"}
    assert kinds_of("I lost my bowl in the move") == set()


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("can't feel me bum", "my"),
        ("numb between me legs", "my"),
        ("me left leg's gone dead", "my"),
        ("call me back tomorrow", "me"),
        ("legs won't hold me", "me"),
        ("give me a ring", "me"),
        ("makes me wince", "me"),
    ],
)
def test_me_is_my_only_before_a_body_part(text: str, norm: str) -> None:
    """Regional "me" reads as "my" when a body part follows (spelling_before)."""
    from bot.clinical.detector import get_nlp

    doc = get_nlp()(text)
    assert [token.norm_ for token in doc if token.lower_ == "me"] == [norm]


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("got nae control of me bladder", "no"),
        ("nae real feeling doon there", "no"),
        ("nae bother", "nae"),
        ("there's nae numbness", "nae"),
    ],
)
def test_nae_is_no_only_before_what_a_body_has(text: str, norm: str) -> None:
    """Scots "nae" reads as "no" before control or feeling (spelling_before)."""
    from bot.clinical.detector import get_nlp

    doc = get_nlp()(text)
    assert [token.norm_ for token in doc if token.lower_ == "nae"] == [norm]


def test_spelling_map_targets_are_not_protected() -> None:
    """The spelling tables do not contradict each other."""
    rules = load_rules()
    assert not set(rules.spelling_map) & set(rules.fuzzy_keywords)
    assert not set(rules.fuzzy_keywords) & set(rules.protected_words)
