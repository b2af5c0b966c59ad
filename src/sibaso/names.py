"""Indonesian personal names: normalise and compare them as programme lists write them.

The same person appears as ``HJ. SITI AMINAH, S.Pd.`` on one list, ``St. Aminah`` on a second
and ``SITI AMINA`` on a third. :func:`normalize_name` removes what is not the name and spells
common variants one way; :func:`compare_names` says whether two names are the ``same``,
``similar`` (plausibly one person: initials, one name contained in the other, a shortened
name) or ``different`` (a conflict worth a look).

>>> normalize_name("HJ. SITI AMINAH, S.Pd.")
'siti aminah'
>>> normalize_name("Drs. H. Moch. Soekarno, M.Si")
'muhammad sukarno'
>>> normalize_name("M. YUSUF"), normalize_name("St. Noerhajati")
('muhammad yusuf', 'siti nurhayati')
>>> normalize_name("Djoko Tjahjo"), normalize_name("Achmad Sjahrir")
('joko cahyo', 'ahmad syahrir')
>>> normalize_name("Tiurma br. Sinaga"), normalize_name("Ibu Ratna")
('tiurma br sinaga', 'ratna')

>>> compare_names("MUHAMMAD YUSUF", "M. Yusuf")
NameComparison(score=100, verdict='same', reason='same name, abbreviation written out')
>>> compare_names("Rahmawaty", "RAHMAWATI").verdict
'same'
>>> compare_names("SITI A.", "SITI AMINAH")
NameComparison(score=82, verdict='similar', reason='initials agree with the full name')
>>> compare_names("BUDI", "BUDI SANTOSO")
NameComparison(score=71, verdict='similar', reason='one name is contained in the other')
>>> compare_names("BUDI SANTOSO", "BUDI SINAGA")
NameComparison(score=19, verdict='different', reason='names differ')
>>> compare_names("SITI AMINAH", "JOKO SUSILO").verdict
'different'

Scores fall in bands so that they sort with the verdict: ``same`` 90–100, ``similar`` 50–89,
``different`` 0–49. Within a band the score is the share of letters the two names have in
common after aligning their words. The decision itself is made on the words, not on a score
threshold:

1. the normalised names are equal, hold the same words in another order, or the same letters
   split differently (``NUR HAYATI`` / ``NURHAYATI``; rapidfuzz ratio of the names without
   spaces ≥ ``NameRules.spacing_same_at`` = 92) → ``same``;
2. otherwise the words are aligned one to one. Two words agree when equal, equal after a
   phonetic key (``dh``→``d``, ``kh``→``h``, ``sy``→``s``, doubled letters, ``y``→``i`` after
   the first letter, a final ``h`` after a vowel …), a typo apart (rapidfuzz ratio ≥
   ``token_variant_at`` = 85, both ≥ 5 letters), an initial of the other (``A`` /
   ``AMINAH``) or a shortened form (``NUR`` / ``NURHAYATI``, at least 3 letters);
3. every word aligned by equality, key, typo or a leading ``M.`` written out (``M. YUSUF`` /
   ``MUHAMMAD YUSUF``) → ``same``; with initials or shortened forms → ``similar``. ``M.`` is
   kept as an initial when comparing, so ``M. HIDAYAT`` is also similar to
   ``MELATI HIDAYAT``; two adjacent words the other name writes as one are joined first;
4. words left over on one side only (``BUDI`` / ``BUDI SANTOSO``) → ``similar``: many
   Indonesians have one name and lists add or drop the rest;
5. words left over on both sides → ``different`` (``BUDI SANTOSO`` / ``BUDI SINAGA``,
   ``SITI HIDAYAT`` / ``MUHAMMAD HIDAYAT``), unless the leftovers are a typo apart (ratio of
   the leftovers ≥ ``leftover_similar_at`` = 80, ``IWAN`` / ``IRWAN``) → ``similar``.

Connectors (``bin``, ``binti``, ``br``/``boru``) are ignored when comparing. Titles,
connectors, variants and thresholds are data in :class:`NameRules`; pass your own rules
where local usage differs.

A name with nothing left after normalisation cannot be compared:

>>> compare_names("Ibu", "SITI")
Traceback (most recent call last):
    ...
ValueError: Nothing to compare: 'Ibu' has no name left after removing titles.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

import attrs
from rapidfuzz import fuzz

__all__ = [
    "CONNECTORS",
    "DEFAULT_RULES",
    "DEGREES",
    "LEADING",
    "TITLES",
    "VARIANTS",
    "NameComparison",
    "NameRules",
    "Verdict",
    "compare_names",
    "has_name",
    "normalize_name",
    "one_letter_apart",
]

Verdict = Literal["same", "similar", "different"]

#: Honorific, religious and noble titles, dropped wherever they stand (compared without dots
#: and after spelling canonicalisation, so ``Hadji`` and ``Tjoet`` are caught too).
TITLES = frozenset(
    {
        "hj", "hjh", "haji", "hajjah", "hajah",
        "dr", "drg", "drs", "dra", "ir", "prof",
        "tgk", "teuku", "tengku", "cut", "raden", "rr",
        "ust", "ustd", "ustad", "ustadz", "ustaz", "ustadzah", "ustazah", "kh", "kyai", "kiai",
        "alm", "almh", "almarhum", "almarhumah",
        "bpk", "bapak", "ibu", "sdr", "sdri", "nn", "ny", "tn",
    }
)  # fmt: skip

#: Academic and professional degrees: dropped after the first word of the name, after a comma,
#: or anywhere when written with inner dots (``S.Pd``); at the start ``M.H.`` is initials.
DEGREES = frozenset(
    {
        "spd", "spdi", "spdsd", "se", "sei", "sh", "shi", "sth", "sthi", "skom", "st", "ssos",
        "sag", "skep", "sked", "skm", "ssi", "sip", "sp", "sak", "sfarm", "sikom", "ners", "ns",
        "amd", "ama", "amk", "amdkeb", "amdkep",
        "mpd", "mpdi", "msi", "mm", "mh", "mhum", "mag", "mkes", "mt", "mkom", "msc", "phd", "bsc",
        "lc",
    }
)  # fmt: skip

#: Abbreviations read only as the first word of a name: ``H.`` (Haji, dropped), ``M.``
#: (Muhammad) and ``St.`` (Siti). Elsewhere ``H`` and ``M`` stay initials and ``ST`` a degree.
LEADING: Mapping[str, str] = MappingProxyType({"h": "", "m": "muhammad", "st": "siti"})

#: Spelling variants written one way (keys are looked up before and after the ejaan-lama
#: rewrite oe→u, dj→j, tj→c, sj→sy, ch→kh).
VARIANTS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                "muhamad", "muhammed", "muhamed", "mohammad", "mohamad", "mohammed", "mohamed",
                "mokhammad", "mokhamad", "mukhammad", "mukhamad", "mohd", "muhd", "mokh", "moh",
                "muh", "mhd", "mukh",
            ),
            "muhammad",
        ),
        **dict.fromkeys(("sitti", "sity"), "siti"),
        **dict.fromkeys(("noor", "nor"), "nur"),
        **dict.fromkeys(("akhmad", "ahmat", "akhmat", "ahmed"), "ahmad"),
        "abd": "abdul",
    }
)  # fmt: skip

#: Words that join names (``bin``, ``binti``, Batak ``br``/``boru``): kept by
#: :func:`normalize_name`, ignored by :func:`compare_names`.
CONNECTORS = frozenset({"bin", "binti", "bt", "bte", "binte", "br", "boru"})


@attrs.frozen(kw_only=True, cache_hash=True)
class NameRules:
    """The data behind name normalisation and comparison; the defaults suit Indonesian lists."""

    titles: frozenset[str] = TITLES
    degrees: frozenset[str] = DEGREES
    leading: Mapping[str, str] = attrs.field(default=LEADING, hash=False)
    variants: Mapping[str, str] = attrs.field(default=VARIANTS, hash=False)
    connectors: frozenset[str] = CONNECTORS
    #: rapidfuzz ratio of two words (both ≥ 5 letters) to count as a typo of each other.
    token_variant_at: float = 85.0
    #: ratio of the whole names without spaces to count as the same letters split differently.
    spacing_same_at: float = 92.0
    #: ratio of the words left over on both sides to call the names similar, not different.
    leftover_similar_at: float = 80.0


DEFAULT_RULES = NameRules()


@attrs.frozen
class NameComparison:
    """The result of :func:`compare_names`: a 0–100 score, a verdict and a short reason."""

    score: int
    verdict: Verdict
    reason: str

    @property
    def agrees(self) -> bool:
        """True when the names can belong to one person (``same`` or ``similar``)."""
        return self.verdict != "different"


# --- normalisation ---------------------------------------------------------------------------

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼ"), None)
_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ")
_LONE_J = re.compile(r"(?<![dts])j")


def _fold(name: str) -> str:
    """Case-fold, drop accents and apostrophes; keep letters, dots and commas, else a space."""
    if _PLAIN.issuperset(name):
        return name.lower()
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(_APOSTROPHES)
    return "".join(c if c.isalpha() or c == "." else (" , " if c == "," else " ") for c in text)


@functools.lru_cache(maxsize=1 << 14)
def _canonical(word: str, rules: NameRules) -> str:
    """One spelling for a word: the variants table and the 1972 EYD rewrite of ejaan lama."""
    variants = rules.variants
    word = variants.get(word, word)
    if "oe" in word or "dj" in word or "tj" in word or "sj" in word:
        # A word in the old spelling writes y as j (Tjahjo = Cahyo): rewrite the lone j first.
        word = _LONE_J.sub("y", word)
        word = word.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("sj", "sy")
    if "ch" in word:
        word = word.replace("ch", "kh")
    if word.startswith("nj"):  # no modern word starts with nj: Njoman = Nyoman
        word = "ny" + word[2:]
    return variants.get(word, word)


@functools.lru_cache(maxsize=1 << 16)
def _tokens(name: str, rules: NameRules, compare: bool = False) -> tuple[str, ...]:
    """The words of a normalised name; ``compare`` keeps a leading ``M.`` as an initial."""
    out: list[str] = []
    after_comma = False
    titles, degrees, leading = rules.titles, rules.degrees, rules.leading
    for raw in _fold(name).split():
        if raw == ",":
            after_comma = True
            continue
        if "." in raw:
            parts = [p for p in raw.split(".") if p]
            if not parts:
                continue
            key = "".join(parts)
            initials = len(parts) > 1 and all(len(p) == 1 for p in parts)
            if _canonical(key, rules) in titles:
                continue
            if len(parts) > 1 and key in degrees and (out or after_comma or not initials):
                continue
            if after_comma and len(parts) > 1 and all(len(p) <= 4 for p in parts):
                continue  # an unknown degree after the name: S.Tr.Keb, M.Pd.I …
            words = parts
        else:
            words = [raw]
        for word in words:
            if not out and word in leading:
                if not leading[word]:
                    continue
                if not (compare and len(word) == 1):
                    word = leading[word]
            else:
                word = _canonical(word, rules)
                if word in titles:
                    continue
                if word in degrees and (out or after_comma):
                    continue
            out.append(word)
    return tuple(out)


def normalize_name(name: str | None, *, rules: NameRules = DEFAULT_RULES) -> str:
    """The name as compared: lower case, no titles or punctuation, one spelling per variant.

    Initials stay single letters; an empty string means there is no name.

    >>> normalize_name("  SUTRISNO,S.H.,M.Kn ")
    'sutrisno'
    >>> normalize_name("H.M. Thamrin"), normalize_name("Budi M."), normalize_name("-")
    ('muhammad thamrin', 'budi m', '')
    >>> normalize_name("Teuku Umar"), normalize_name("Cut Nyak Dhien"), normalize_name("Ma'ruf")
    ('umar', 'nyak dhien', 'maruf')
    """
    if not name:
        return ""
    return " ".join(_tokens(name, rules))


def has_name(name: str | None, *, rules: NameRules = DEFAULT_RULES) -> bool:
    """True when something is left to compare once titles and punctuation are removed.

    >>> has_name("Hj."), has_name(None), has_name("A.")
    (False, False, True)
    """
    return bool(name and _tokens(name, rules))


# --- comparison ------------------------------------------------------------------------------

_KEY_REWRITES = (("dh", "d"), ("th", "t"), ("kh", "h"), ("ph", "f"), ("dz", "z"), ("sy", "s"))
_KEY_LETTERS = str.maketrans("qv", "kf")
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    """A phonetic key for one word: spellings of the same sound get the same key."""
    key = word.translate(_KEY_LETTERS)
    for old, new in _KEY_REWRITES:
        key = key.replace(old, new)
    key = key[:1] + key[1:].replace("y", "i")
    key = _DOUBLE.sub(r"\1", key)
    if len(key) > 3 and key.endswith("h") and key[-2] in "aiueo":
        key = key[:-1]
    return key


_EXACT, _VARIANT, _INITIAL, _SHORT = "exact", "variant", "initial", "short"
_ABBREVIATION = "abbreviation"


def _pair(x: str, y: str, rules: NameRules) -> tuple[float, str | None]:
    """How well two words agree: similarity 0..1 and the kind of agreement."""
    if x == y:
        return 1.0, _EXACT
    kx, ky = _key(x), _key(y)
    if kx == ky:
        return 0.97, _VARIANT
    lx, ly = len(x), len(y)
    if rules.leading.get(x) == y or rules.leading.get(y) == x:
        return 0.97, _ABBREVIATION
    if lx == 1 or ly == 1:
        return (0.6, _INITIAL) if lx != ly and x[0] == y[0] else (0.0, None)
    if min(lx, ly) >= 5:
        ratio = fuzz.ratio(kx, ky)
        if ratio >= rules.token_variant_at:
            return ratio / 100, _VARIANT
    if min(lx, ly) >= 3 and abs(lx - ly) >= 2 and (x.startswith(y) or y.startswith(x)):
        return 0.7, _SHORT
    return 0.0, None


def _join_split(words: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """Join two adjacent words that the other name writes as one (``NUR HAYATI``)."""
    if len(words) < 2:
        return words
    longest = max(map(len, other))
    if min(map(len, words)) * 2 - 2 > longest:
        return words
    keys: set[str] | None = None
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and len(words[i]) + len(words[i + 1]) - 2 <= longest:
            if keys is None:
                keys = {_key(w) for w in other if len(w) > 3}
            if _key(words[i] + words[i + 1]) in keys:
                out.append(words[i] + words[i + 1])
                i += 2
                continue
        out.append(words[i])
        i += 1
    return tuple(out)


_BANDS: dict[str, tuple[int, int]] = {"same": (90, 100), "similar": (50, 89), "different": (0, 49)}


def _band(verdict: Verdict, overlap: float) -> int:
    low, high = _BANDS[verdict]
    return round(low + (high - low) * max(0.0, min(1.0, overlap)))


def _compare(a: tuple[str, ...], b: tuple[str, ...], rules: NameRules) -> NameComparison:
    if a == b:
        return NameComparison(100, "same", "same name after normalisation")
    words_a, words_b = _content(a, rules), _content(b, rules)
    if words_a == words_b:
        return NameComparison(100, "same", "same name apart from connectors")
    if len(words_a) == len(words_b) and sorted(words_a) == sorted(words_b):
        return NameComparison(100, "same", "same words in a different order")
    joined_a, joined_b = "".join(words_a), "".join(words_b)
    if joined_a == joined_b:
        return NameComparison(100, "same", "same letters, split differently")
    if len(words_a) != len(words_b):
        spacing = fuzz.ratio(_key(joined_a), _key(joined_b))
        if spacing >= rules.spacing_same_at:
            reason = "same letters, split differently"
            return NameComparison(_band("same", spacing / 100), "same", reason)
    words_a = _join_split(words_a, words_b)
    words_b = _join_split(words_b, words_a)

    scored = []
    for i, x in enumerate(words_a):
        for j, y in enumerate(words_b):
            sim, kind = _pair(x, y, rules)
            if kind is not None:
                scored.append((-sim, i, j, kind))
    used_a: set[int] = set()
    used_b: set[int] = set()
    kinds: set[str] = set()
    common = 0.0
    for neg_sim, i, j, kind in sorted(scored):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        kinds.add(kind)
        common += -neg_sim * (len(words_a[i]) + len(words_b[j]))
    overlap = common / (len(joined_a) + len(joined_b))
    left_a = [w for i, w in enumerate(words_a) if i not in used_a]
    left_b = [w for j, w in enumerate(words_b) if j not in used_b]

    if left_a and left_b:
        leftover = fuzz.ratio(
            _key("".join(left_a)), _key("".join(left_b)), score_cutoff=rules.leftover_similar_at
        )
        if leftover:
            return NameComparison(
                _band("similar", max(overlap, leftover / 100)), "similar", "spelling differs"
            )
        reason = "names differ" if used_a else "no word in common"
        return NameComparison(_band("different", overlap), "different", reason)
    if left_a or left_b:
        if kinds <= {_INITIAL}:
            return NameComparison(
                _band("similar", overlap), "similar", "initials agree with part of the name"
            )
        return NameComparison(
            _band("similar", overlap), "similar", "one name is contained in the other"
        )
    if _INITIAL in kinds:
        return NameComparison(
            _band("similar", overlap), "similar", "initials agree with the full name"
        )
    if _SHORT in kinds:
        return NameComparison(_band("similar", overlap), "similar", "one name is shortened")
    if _VARIANT in kinds:
        return NameComparison(_band("same", overlap), "same", "spelling variants")
    return NameComparison(_band("same", overlap), "same", "same name, abbreviation written out")


def _compare_or_none(
    a: str | None, b: str | None, rules: NameRules = DEFAULT_RULES
) -> NameComparison | None:
    """:func:`compare_names`, or None when either has no name to compare (for matching)."""
    ta = _tokens(a, rules, True) if a else ()
    tb = _tokens(b, rules, True) if b else ()
    if not (ta and tb):
        return None
    return _compare(ta, tb, rules) if ta <= tb else _compare(tb, ta, rules)


class _Screen(NamedTuple):
    """One name prepared for :func:`_may_agree`: what any agreeing word would have to hit."""

    words: frozenset[str]
    keys: frozenset[str]
    expansions: frozenset[str]
    firsts: frozenset[str]
    initials: frozenset[str]
    prefixes: frozenset[str]
    long_keys: tuple[str, ...]
    pair_keys: frozenset[str]
    merge_keys: frozenset[str]
    joined_key: str


def _content(tokens: tuple[str, ...], rules: NameRules) -> tuple[str, ...]:
    connectors = rules.connectors
    if connectors.isdisjoint(tokens):
        return tokens
    return tuple(w for w in tokens if w not in connectors) or tokens


@functools.lru_cache(maxsize=1 << 12)
def _screen(tokens: tuple[str, ...], rules: NameRules) -> _Screen:
    words = _content(tokens, rules)
    return _Screen(
        words=frozenset(words),
        keys=frozenset(map(_key, words)),
        expansions=frozenset(rules.leading.get(w, "") for w in words) - {""},
        firsts=frozenset(w[0] for w in words),
        initials=frozenset(w for w in words if len(w) == 1),
        prefixes=frozenset(w[:3] for w in words if len(w) >= 3),
        long_keys=tuple(_key(w) for w in words if len(w) >= 5),
        pair_keys=frozenset(_key(x + y) for x, y in itertools.pairwise(words)),
        merge_keys=frozenset(_key(w) for w in words if len(w) > 3),
        joined_key=_key("".join(words)),
    )


def _may_agree(screen: _Screen, tokens: tuple[str, ...], rules: NameRules) -> bool:
    """A quick test that is False only when :func:`_compare` would say ``different``.

    Agreement needs two words that align (by any rule of :func:`_pair`), two adjacent words
    that join into a word of the other name, or whole names a typo apart; each is checked
    here with set lookups instead of the full word-by-word alignment.
    """
    words = _content(tokens, rules)
    leading = rules.leading
    for y in words:
        ky = _key(y)
        if y in screen.words or ky in screen.keys or y in screen.expansions:
            return True
        if leading.get(y, "") in screen.words:
            return True
        if len(y) == 1:
            if y in screen.firsts:
                return True
        elif y[0] in screen.initials:
            return True
        if len(y) >= 3 and y[:3] in screen.prefixes:
            return True
        if len(y) > 3 and ky in screen.pair_keys:
            return True
        if len(y) >= 5:
            for kx in screen.long_keys:
                if fuzz.ratio(kx, ky, score_cutoff=rules.token_variant_at):
                    return True
    for x, y in itertools.pairwise(words):
        if _key(x + y) in screen.merge_keys:
            return True
    cutoff = min(rules.leftover_similar_at, rules.spacing_same_at)
    return bool(fuzz.ratio(screen.joined_key, _key("".join(words)), score_cutoff=cutoff))


def _agreeing(
    name: str | None, others: Iterable[str | None], rules: NameRules = DEFAULT_RULES
) -> list[tuple[int, NameComparison]]:
    """Which of ``others`` agree with ``name`` (position and comparison), for matching."""
    tokens = _tokens(name, rules, True) if name else ()
    if not tokens:
        return []
    screen = _screen(tokens, rules)
    found = []
    for position, other in enumerate(others):
        theirs = _tokens(other, rules, True) if other else ()
        if theirs and _may_agree(screen, theirs, rules):
            cmp = (
                _compare(tokens, theirs, rules)
                if tokens <= theirs
                else _compare(theirs, tokens, rules)
            )
            if cmp.agrees:
                found.append((position, cmp))
    return found


def compare_names(
    a: str | None, b: str | None, *, rules: NameRules = DEFAULT_RULES
) -> NameComparison:
    """Compare two names as written in lists; symmetric. See the module docs for the rules.

    Raise ``ValueError`` when either has no name left after normalisation (see
    :func:`has_name`).

    >>> compare_names("Nur Hayati", "NURHAYATI").reason
    'same letters, split differently'
    >>> compare_names("SITI NURHAYATI", "Nur Hayati").verdict
    'similar'
    >>> [compare_names("M. HIDAYAT", other).verdict for other in ("MELATI HIDAYAT", "SITI HIDAYAT")]
    ['similar', 'different']
    >>> compare_names("Sri Wahyuni", "SRI WAHYUNINGSIH").verdict
    'similar'
    """
    ta = _tokens(a, rules, True) if a else ()
    tb = _tokens(b, rules, True) if b else ()
    for raw, tokens in ((a, ta), (b, tb)):
        if not tokens:
            raise ValueError(f"Nothing to compare: {raw!r} has no name left after removing titles.")
    return _compare(ta, tb, rules) if ta <= tb else _compare(tb, ta, rules)


#: The longest word in which :func:`one_letter_apart` forgives one typo: from 5 letters up the
#: similarity of :attr:`NameRules.token_variant_at` already decides, from 6 it forgives them.
SHORT_WORD = 5


def _one_edit(x: str, y: str) -> bool:
    """True when ``x`` and ``y`` differ by one letter changed, added, dropped or two swapped."""
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and x[i] == y[i + 1] and x[i + 1] == y[i]
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def one_letter_apart(a: str | None, b: str | None, *, rules: NameRules = DEFAULT_RULES) -> bool:
    """True when two names differ only by one typo in one short word (at most 5 letters).

    The shorter of the two words has at most 5 letters; one letter is changed, added or
    dropped, or two adjacent letters swapped; every other word agrees exactly or as a spelling
    variant. :func:`compare_names` calls such names
    ``different`` (a short word has too few letters for a similarity score); matching forgives
    the typo only when the NIK is exact and the birth date or KK agrees (see
    :mod:`sibaso.matching`).

    >>> one_letter_apart("NRU HAYATI", "Nur Hayati"), one_letter_apart("NEWI", "DEWI")
    (True, True)
    >>> one_letter_apart("BUNI SANTOSO", "Budi Santoso"), one_letter_apart("RINA", "RIAN")
    (True, True)
    >>> one_letter_apart("BUNI SANTOSA", "BUDI SINAGA")  # two words differ
    False
    >>> one_letter_apart("NEWI", "DEDI"), one_letter_apart("BUDI", "BUDI")  # two letters; same
    (False, False)
    >>> one_letter_apart("SUPRIADI", "SUPRIAPI")  # long words: the similarity score decides
    False
    """
    ta = _content(_tokens(a, rules, True), rules) if a else ()
    tb = _content(_tokens(b, rules, True), rules) if b else ()
    if not ta or len(ta) != len(tb) or ta == tb:
        return False
    left_a = list(ta)
    left_b: list[str] = []
    for y in tb:
        for i, x in enumerate(left_a):
            if _pair(x, y, rules)[1] in (_EXACT, _VARIANT):
                del left_a[i]
                break
        else:
            left_b.append(y)
    if len(left_a) != 1 or len(left_b) != 1:
        return False
    x, y = left_a[0], left_b[0]
    return min(len(x), len(y)) <= SHORT_WORD and _one_edit(x, y)
