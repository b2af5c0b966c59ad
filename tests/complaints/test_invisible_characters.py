"""Bidi controls and zero-width characters (issue 16): every text a citizen or an officer types
is stored without them — complaint names and texts, status notes, roster names, names in
ingested lists — by the one rule, :func:`sibaso.core.text.strip_invisible`."""

import unicodedata

import pytest
from complaint_helpers import file_one
from hypothesis import given
from hypothesis import strategies as st

from sibaso.complaints import Actor
from sibaso.complaints._roster import parse_roster
from sibaso.core.text import has_invisible, invisible_characters, strip_invisible

HIDDEN = ["\u202e", "\u200f", "\u200e", "\u200b", "\u200d", "\u2066", "\u2067", "\u2068"]
FILLERS = "\u115f\u1160\u3164\uffa0\u2800"  # blank-rendering letters, not category Cf
HIDDEN += ["\u2069", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u061c", "\u00ad"]


def _salted(text: str) -> str:
    """``text`` with every hidden character inserted once, spread over it."""
    out = list(text)
    for i, ch in enumerate(HIDDEN):
        out.insert((i * 3) % (len(out) + 1), ch)
    return "".join(out)


def _visible(text: str) -> bool:
    return not any(unicodedata.category(c) == "Cf" or c in HIDDEN for c in text)


def test_every_format_character_and_bidi_control_is_known():
    chars = invisible_characters()
    assert all(c in chars for c in HIDDEN)
    assert all(unicodedata.category(c) == "Cf" for c in chars if c not in FILLERS)


@given(st.text())
def test_strip_leaves_no_invisible_character_and_is_idempotent(text):
    clean = strip_invisible(text)
    assert _visible(clean) and not has_invisible(clean)
    assert strip_invisible(clean) == clean
    assert [c for c in text if c not in invisible_characters()] == list(clean)


def test_complaint_name_and_text_are_stored_visible(registry):
    filed = file_one(
        registry,
        reporter_name=_salted("Siti Aminah"),
        text=_salted("Bantuan tahap 2 belum masuk."),
    )
    stored = registry.complaints.get(Actor.system(), filed.ticket)
    assert stored.reporter_name == "Siti Aminah"
    assert stored.text == "Bantuan tahap 2 belum masuk."
    assert filed.reporter_name == "Siti Aminah"


def test_a_name_of_only_invisible_characters_is_refused(registry):
    from sibaso.complaints import ComplaintValidationError

    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, reporter_name="\u200b\u202e\u2066")
    assert [e.field for e in caught.value.errors] == ["reporter_name"]


def test_status_note_is_stored_visible(registry):
    filed = file_one(registry)
    officer = registry.complaints.actor("tksk-stabat")
    view = registry.complaints.update(officer, filed.ticket, "diverifikasi", _salted("Dicek."))
    assert view.history[-1].note == "Dicek."


def test_roster_names_are_stored_visible():
    import io

    entries = parse_roster(
        io.StringIO(f"id,name,role,kecamatan\ntksk-x,{_salted('Budi Santoso')},TKSK,12.05.07\n")
    )
    assert entries[0].name == "Budi Santoso"


def test_names_in_ingested_lists_are_visible():
    from sibaso.adapters.records.cells import text_cell

    assert text_cell(_salted("RATNA SARI")) == "RATNA SARI"
    assert text_cell("\u202eANIS\u202c") == "ANIS"


def test_token_labels_are_stored_visible(registry):
    from sibaso.http import issue_token, list_tokens

    issued = issue_token(registry, "tksk-stabat", label=_salted("portal desa"))
    assert issued.label == "portal desa"
    assert [t["label"] for t in list_tokens(registry)] == ["portal desa"]


def test_an_officer_id_with_an_invisible_character_is_refused():
    import io

    from sibaso.complaints import RosterError

    with pytest.raises(RosterError):
        parse_roster(io.StringIO("id,name,role,kecamatan\ntksk\u200b-x,Budi,TKSK,12.05.07\n"))
