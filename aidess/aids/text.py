"""French text → search terms, the way PostgreSQL's `french_unaccent` configuration does it.

Lower-case, accents removed, French stop words dropped, Snowball French stem: the same steps as
`unaccent` then `french_stem` (whose stop-word list, data/french.stop, is PostgreSQL's), so SQLite's
FTS5 index built from these terms finds what PostgreSQL finds. Pure Python: no Django import.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
STOP_WORDS = frozenset(
    (Path(__file__).resolve().parent / "data" / "french.stop").read_text("utf-8").split()
)
_stemmer = snowballstemmer.stemmer("french")


def unaccent(text):
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=50_000)
def _term(word):
    return _stemmer.stemWord(word)


def search_terms(text):
    """The list of stems of `text`, in order, without stop words."""
    words = WORD.findall(unaccent(text or ""))
    return [_term(word) for word in words if word not in STOP_WORDS]
