"""Indonesian name normalisation and comparison."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sibaso.names import (
    DEFAULT_RULES,
    TITLES,
    NameComparison,
    NameRules,
    _may_agree,
    _screen,
    _tokens,
    compare_names,
    has_name,
    normalize_name,
    one_letter_apart,
)
from sibaso.testing import name_pools as pool

# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SITI AMINAH", "siti aminah"),
        ("  siti   aminah ", "siti aminah"),
        ("HJ. SITI AMINAH, S.Pd.", "siti aminah"),
        ("Hj Siti Aminah", "siti aminah"),
        ("Hajjah Siti Aminah", "siti aminah"),
        ("H. Ahmad Dahlan", "ahmad dahlan"),
        ("Haji Ahmad Dahlan", "ahmad dahlan"),
        ("Drs. H. Moch. Soekarno, M.Si", "muhammad sukarno"),
        ("Dr. Ir. H. Budi, M.M.", "budi"),
        ("dr. Rina Wati, M.Kes", "rina wati"),
        ("Dra. Ratna Sari", "ratna sari"),
        ("Prof. Dr. H.M. Yusuf, S.H., M.H.", "muhammad yusuf"),
        ("Sutrisno, S.E.", "sutrisno"),
        ("SUTRISNO,S.H.,M.Kn", "sutrisno"),
        ("Rahmat Hidayat, S.Kom.", "rahmat hidayat"),
        ("Rahmat Hidayat S.T.", "rahmat hidayat"),
        ("RAHMAT HIDAYAT ST", "rahmat hidayat"),
        ("Dewi Lestari, S.Sos.", "dewi lestari"),
        ("Dewi Lestari, S.Ag", "dewi lestari"),
        ("Nurhayati, S.Kep., Ners", "nurhayati"),
        ("Nurhayati, Amd.Keb", "nurhayati"),
        ("Nurhayati, A.Md.", "nurhayati"),
        ("Iwan Setiawan, S.Pd.I", "iwan setiawan"),
        ("Iwan Setiawan, M.Pd.", "iwan setiawan"),
        ("Iwan Setiawan S.Pd", "iwan setiawan"),
        ("S.Pd. Budi", "budi"),
        ("BUDI SE", "budi"),
        ("Tgk. Abdullah", "abdullah"),
        ("Teuku Umar", "umar"),
        ("Teukoe Oemar", "umar"),
        ("Cut Nyak Dhien", "nyak dhien"),
        ("Tjoet Nja' Dhien", "nya dhien"),
        ("Ust. Abdul Somad, Lc.", "abdul somad"),
        ("Ustadz Abd. Somad", "abdul somad"),
        ("Alm. Slamet", "slamet"),
        ("Almarhum Bapak Joesoef", "yusuf"),
        ("Bpk. Sugeng", "sugeng"),
        ("Bapak Sugeng", "sugeng"),
        ("Ibu Ratna", "ratna"),
        ("IBU RATNA", "ratna"),
        ("Sdr. Andi", "andi"),
        ("Nn. Maya", "maya"),
        ("Ny. Rahmah", "rahmah"),
        ("Tn. Herman", "herman"),
        ("Raden Ajeng Kartini", "ajeng kartini"),
        # spelling variants
        ("Muhammad Yusuf", "muhammad yusuf"),
        ("Muhamad Yusuf", "muhammad yusuf"),
        ("Mohammad Yusuf", "muhammad yusuf"),
        ("Mohamad Yusuf", "muhammad yusuf"),
        ("Mochammad Yusuf", "muhammad yusuf"),
        ("Moch. Yusuf", "muhammad yusuf"),
        ("Moh. Yusuf", "muhammad yusuf"),
        ("Muh Yusuf", "muhammad yusuf"),
        ("Mhd. Yusuf", "muhammad yusuf"),
        ("M. Yusuf", "muhammad yusuf"),
        ("M Yusuf", "muhammad yusuf"),
        ("M.Yusuf", "muhammad yusuf"),
        ("St. Aminah", "siti aminah"),
        ("ST AMINAH", "siti aminah"),
        ("Sitti Aminah", "siti aminah"),
        ("Noor Aini", "nur aini"),
        ("Noer Aini", "nur aini"),
        ("Achmad Dahlan", "ahmad dahlan"),
        ("Akhmad Dahlan", "ahmad dahlan"),
        ("Abd. Rahman", "abdul rahman"),
        ("Abd Rahman", "abdul rahman"),
        ("Abdoel Rahman", "abdul rahman"),
        # ejaan lama
        ("Soekarno", "sukarno"),
        ("Djoko Widodo", "joko widodo"),
        ("Tjahjo Kumolo", "cahyo kumolo"),
        ("Sjahrir", "syahrir"),
        ("Chairul Tanjung", "khairul tanjung"),
        ("Soedjono", "sujono"),
        ("Widjaja", "wijaya"),
        ("Djamaloedin", "jamaludin"),
        # initials, punctuation, accents
        ("Budi M.", "budi m"),
        ("A. B. Nasution", "a b nasution"),
        ("A.B. Nasution", "a b nasution"),
        ("Ma'ruf Amin", "maruf amin"),
        ("Ma’ruf Amin", "maruf amin"),
        ("Siti-Aminah", "siti aminah"),
        ("SITI AMINAH (ALM)", "siti aminah"),
        ("Sálih", "salih"),
        ("Tiurma br. Sinaga", "tiurma br sinaga"),
        ("Ahmad bin Yusuf", "ahmad bin yusuf"),
        ("SIREGAR, BUDI", "siregar budi"),
        ("", ""),
        ("-", ""),
        ("Hj.", ""),
        ("12345", ""),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


def test_normalize_none():
    assert normalize_name(None) == ""


def test_real_name_tokens_are_kept():
    # Words that contain a title are not titles: only whole words are removed.
    assert normalize_name("Ibnu Hajar") == "ibnu hajar"
    assert normalize_name("Ibrahim Haris") == "ibrahim haris"
    assert normalize_name("Drajat Cutra") == "drajat cutra"
    # H and M are initials except as the first word.
    assert normalize_name("Ahmad H.") == "ahmad h"
    assert normalize_name("H.M. Thamrin") == "muhammad thamrin"


def test_has_name():
    assert has_name("Siti")
    assert has_name("A.")
    assert not has_name("")
    assert not has_name(None)
    assert not has_name("Hj.")
    assert not has_name(" - ")


def test_custom_rules():
    rules = NameRules(titles=TITLES | {"kak"})
    assert normalize_name("Kak Ros", rules=rules) == "ros"
    assert normalize_name("Kak Ros") == "kak ros"
    strict = NameRules(leftover_similar_at=101)
    assert compare_names("Iwan Siregar", "Irwan Siregar").verdict == "similar"
    assert compare_names("Iwan Siregar", "Irwan Siregar", rules=strict).verdict == "different"


# --- comparison ------------------------------------------------------------------------------

SAME = [
    ("SITI AMINAH", "Siti Aminah"),
    ("HJ. SITI AMINAH, S.Pd.", "SITI AMINAH"),
    ("MUHAMMAD YUSUF", "M. YUSUF"),
    ("MUHAMMAD YUSUF", "Moch. Yusuf"),
    ("M YUSUF", "MOHAMMAD YUSUF"),
    ("ST. AMINAH", "SITI AMINAH"),
    ("SOEKARNO", "SUKARNO"),
    ("DJOKO WIDODO", "JOKO WIDODO"),
    ("TJAHJO KUMOLO", "CAHYO KUMOLO"),
    ("ACHMAD DAHLAN", "AHMAD DAHLAN"),
    ("RAHMAWATY", "RAHMAWATI"),
    ("RUDY HARTONO", "RUDI HARTONO"),
    ("KHADIJAH", "HADIJAH"),
    ("FATIMAH", "FATIMA"),
    ("RAMADHAN", "RAMADAN"),
    ("SYAMSUL BAHRI", "SAMSUL BAHRI"),
    ("SLAMET RIYADI", "SELAMET RIADI"),
    ("SUTRISNO", "SUTRISNA"),
    ("NURHAYATI", "NUR HAYATI"),
    ("ABDUL RAHMAN", "ABDURRAHMAN"),
    ("ABD. RAHMAN", "ABDUL RAHMAN"),
    ("BUDI SANTOSO", "SANTOSO BUDI"),
    ("TIURMA BR SINAGA", "TIURMA SINAGA"),
    ("AMINNAH", "AMINAH"),
    ("FITRIYANI", "FITRIANI"),
]

SIMILAR = [
    ("SITI A.", "SITI AMINAH"),
    ("B. SANTOSO", "BUDI SANTOSO"),
    ("BUDI", "BUDI SANTOSO"),
    ("SITI", "SITI AMINAH"),
    ("YUSUF", "M. YUSUF"),
    ("M. HIDAYAT", "MELATI HIDAYAT"),
    ("SRI WAHYUNI", "WAHYUNI"),
    ("SRI WAHYUNI", "SRI WAHYUNINGSIH"),
    ("NUR SINAGA", "NURHAYATI SINAGA"),
    ("SITI NURHAYATI", "NUR HAYATI"),
    ("MUHAMMAD RIZKY", "RIZKI"),
    ("IWAN SIREGAR", "IRWAN SIREGAR"),
    ("YANTI", "JANTI"),
    ("HENDRA", "HENDRI"),
    ("SUHARTONO", "SUHARTANTO"),
    ("A", "AMINAH"),
    ("AHMAD YUSUF LUBIS", "AHMAD YUSUF"),
]

DIFFERENT = [
    ("SITI AMINAH", "JOKO SUSILO"),
    ("BUDI SANTOSO", "BUDI SINAGA"),
    ("BUDI SANTOSO", "BUDI SUSANTO"),
    ("SITI AMINAH", "AMINAH SIREGAR"),
    ("HOTMAIDA SIREGAR", "TIURMA SIREGAR"),
    ("M. HIDAYAT", "SITI HIDAYAT"),
    ("SITI HIDAYAT", "MUHAMMAD HIDAYAT"),
    ("DEWI LESTARI", "RINA LESTARI"),
    ("HASAN BASRI", "HUSEIN BASRI"),
    ("IBRAHIM", "IBNU"),
    ("SITI A.", "SITI BUDIARTI"),
    ("AGUS", "RINA"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same(a, b):
    result = compare_names(a, b)
    assert result.verdict == "same", result
    assert 90 <= result.score <= 100


@pytest.mark.parametrize(("a", "b"), SIMILAR)
def test_similar(a, b):
    result = compare_names(a, b)
    assert result.verdict == "similar", result
    assert 50 <= result.score <= 89
    assert result.agrees


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different(a, b):
    result = compare_names(a, b)
    assert result.verdict == "different", result
    assert 0 <= result.score <= 49
    assert not result.agrees


@pytest.mark.parametrize(("a", "b"), SAME + SIMILAR + DIFFERENT)
def test_screen_agrees_with_comparison(a, b):
    ta, tb = _tokens(a, DEFAULT_RULES, True), _tokens(b, DEFAULT_RULES, True)
    if compare_names(a, b).agrees:
        assert _may_agree(_screen(ta, DEFAULT_RULES), tb, DEFAULT_RULES)


def test_reasons():
    assert compare_names("Siti Aminah", "SITI AMINAH").reason == "same name after normalisation"
    assert compare_names("Budi", "Budi Santoso").reason == "one name is contained in the other"
    assert compare_names("Santoso Budi", "Budi Santoso").reason == "same words in a different order"
    assert compare_names("Dedy", "Dedi").reason == "spelling variants"
    assert compare_names("Budi Santoso", "Budi Sinaga").reason == "names differ"
    assert compare_names("Agus", "Rina").reason == "no word in common"


def test_comparison_is_frozen():
    result = compare_names("Budi", "Budi")
    assert isinstance(result, NameComparison)
    with pytest.raises(AttributeError):
        result.score = 0  # type: ignore[misc]


@pytest.mark.parametrize("empty", [None, "", " ", "-", "Hj.", "Ibu"])
def test_nothing_to_compare(empty):
    with pytest.raises(ValueError, match="Nothing to compare"):
        compare_names(empty, "Siti")
    with pytest.raises(ValueError, match="Nothing to compare"):
        compare_names("Siti", empty)


# --- properties ------------------------------------------------------------------------------

WORDS = [w.upper() for w in pool.MALE + pool.FEMALE + pool.FAMILY + pool.SECOND] + [
    "M.",
    "A.",
    "ST.",
    "NUR",
    "HAYATI",
    "NURHAYATI",
    "MUHAMMAD",
    "MOCH.",
    "DJOKO",
    "SOEKARNO",
    "TJAHJO",
    "BR",
    "BIN",
    "ABD.",
    "RAHMAN",
    "ABDURRAHMAN",
    "DEDY",
    "IRWAN",
    "KHADIJAH",
    "WAHYUNINGSIH",
]
PREFIXES = ["H.", "Hj.", "Haji", "Dr.", "Drs.", "Ir.", "Prof.", "Bpk.", "Ibu", "Alm.", "Ust."]
SUFFIXES = [", S.Pd.", ", S.E.", ", S.H., M.H.", ", A.Md.", ", M.Si", " S.Kom", ", S.Pd.I"]

names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
any_words = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text("abcdehijkmnorstuy", min_size=1, max_size=8)),
    min_size=1,
    max_size=4,
).map(" ".join)


@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(names)
def test_normalisation_is_idempotent_on_names(name):
    once = normalize_name(name)
    assert normalize_name(once) == once


@given(any_words, any_words)
def test_symmetric(a, b):
    if has_name(a) and has_name(b):
        assert compare_names(a, b) == compare_names(b, a)


@given(any_words)
def test_a_name_is_the_same_as_itself(name):
    if has_name(name):
        assert compare_names(name, name) == NameComparison(
            100, "same", "same name after normalisation"
        )
        assert compare_names(name, name.lower()).verdict == "same"


@given(names, st.lists(st.sampled_from(PREFIXES), max_size=3), st.sampled_from(["", *SUFFIXES]))
def test_titles_do_not_change_the_name(name, prefixes, suffix):
    titled = " ".join([*prefixes, name]) + suffix
    assert compare_names(name, titled).verdict == "same"


@given(any_words, any_words)
def test_screen_never_hides_an_agreement(a, b):
    ta, tb = _tokens(a, DEFAULT_RULES, True), _tokens(b, DEFAULT_RULES, True)
    if ta and tb and compare_names(a, b).agrees:
        assert _may_agree(_screen(ta, DEFAULT_RULES), tb, DEFAULT_RULES)
        assert _may_agree(_screen(tb, DEFAULT_RULES), ta, DEFAULT_RULES)


@given(any_words, any_words)
def test_score_bands_follow_the_verdict(a, b):
    if has_name(a) and has_name(b):
        result = compare_names(a, b)
        low, high = {"same": (90, 100), "similar": (50, 89), "different": (0, 49)}[result.verdict]
        assert low <= result.score <= high


# --- one typo in a short word (matching forgives it with an exact NIK) -----------------------


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("NRU", "NUR", True),  # two letters swapped
        ("NEWI", "DEWI", True),  # one changed
        ("BUNI SANTOSO", "Budi Santoso", True),
        ("SITI NURHAYATI", "SIT NURHAYATI", True),  # one dropped
        ("Hj. ANI LESTARI", "ANIS LESTARI", True),  # one added, title ignored
        ("BUDI", "BUDI", False),  # the same name is not a typo
        ("NEWI", "DEDI", False),  # two letters
        ("BUNI SANTOSA", "BUDI SINAGA", False),  # two words differ
        ("BUDI", "BUDI SANTOSO", False),  # a word missing is not a typo
        ("SUPRIADI", "SUPRIATI", False),  # long words: the similarity score decides
        ("SRIYANI", "SRIYANO", False),
        (None, "NUR", False),
    ],
)
def test_one_letter_apart(a, b, apart):
    assert one_letter_apart(a, b) is apart
    assert one_letter_apart(b, a) is apart


@given(
    st.sampled_from(["budi", "dewi", "nur", "ani", "agus", "rina", "eko", "yanti"]),
    st.integers(0, 4),
    st.sampled_from("bcdfgklmnprstwz"),
    st.sampled_from(["change", "swap", "drop", "add"]),
)
def test_any_one_edit_of_a_short_word_is_one_letter_apart(word, at, letter, how):
    at %= len(word)
    if how == "change":
        typo = word[:at] + letter + word[at + 1 :]
    elif how == "swap":
        at = min(at, len(word) - 2)
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif how == "drop":
        typo = word[:at] + word[at + 1 :]
    else:
        typo = word[:at] + letter + word[at:]
    if compare_names(f"{typo} lestari", f"{word} lestari").verdict == "different":
        assert one_letter_apart(f"{typo} LESTARI", f"{word} LESTARI")
