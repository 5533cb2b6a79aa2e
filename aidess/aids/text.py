"""French text → search terms, the way PostgreSQL's `french_unaccent` configuration does it.

Lower-case, accents removed, French stop words dropped, Snowball French stem: the same steps as
`unaccent` then `french_stem` (whose stop-word list, data/french.stop, is PostgreSQL's), so SQLite's
FTS5 index built from these terms finds what PostgreSQL finds. Pure Python: no Django import.
"""

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
DATA = Path(__file__).resolve().parent / "data"
STOP_WORDS = frozenset((DATA / "french.stop").read_text("utf-8").split())
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


# Synonyms (data/synonyms.json): a search word or expression found in a group stands for every
# expression of the group. A concept is what one part of a query asks for: a tuple of
# alternatives, each a tuple of (word, stem) that a text must all hold. Words are kept beside
# stems because PostgreSQL stems them itself (`to_tsquery`), SQLite's FTS5 receives the stems.
SYNONYMS = json.loads((DATA / "synonyms.json").read_text("utf-8"))
MAX_CONCEPTS = 6  # beyond, the last concept takes every remaining alternative


def words_and_stems(text):
    """(unaccented word, stem) of each meaningful word of `text`, in order."""
    words = WORD.findall(unaccent(text or ""))
    return tuple((word, _term(word)) for word in words if word not in STOP_WORDS)


def stems_of(alternative):
    return tuple(stem for _, stem in alternative)


def simplest(alternatives):
    """The alternatives without repeats (same stems) nor those that hold another one whole: a
    text holding "manque de trésorerie" holds "trésorerie"."""
    unique = list({stems_of(a): a for a in reversed(alternatives)}.values())[::-1]
    return tuple(
        a
        for a in unique
        if not any(b is not a and set(stems_of(b)) <= set(stems_of(a)) for b in unique)
    )


def _groups():
    groups, index = [], {}
    for position, group in enumerate(SYNONYMS["groups"]):
        expressions = [found for term in group["terms"] if (found := words_and_stems(term))]
        groups.append(simplest(expressions))
        for expression in expressions:
            index.setdefault(stems_of(expression), position)
    return tuple(groups), index


GROUPS, TERM_INDEX = _groups()
LONGEST_TERM = max(len(stems) for stems in TERM_INDEX)


def query_concepts(text, limit=MAX_CONCEPTS):
    """The concepts of a search, in order: the longest expression of a synonym group found at
    each place stands for the whole group, any other word for itself. Repeats are dropped."""
    pairs = words_and_stems(text)
    concepts, position = [], 0
    while position < len(pairs):
        for length in range(min(LONGEST_TERM, len(pairs) - position), 0, -1):
            stems = stems_of(pairs[position : position + length])
            if stems in TERM_INDEX:
                concept = GROUPS[TERM_INDEX[stems]]
                break
        else:
            length, concept = 1, (pairs[position : position + 1],)
        position += length
        if concept not in concepts:
            concepts.append(concept)
    if len(concepts) > limit:
        rest = (alternative for concept in concepts[limit - 1 :] for alternative in concept)
        concepts[limit - 1 :] = [simplest(list(rest))]
    return tuple(concepts)


def contains_expression(stems, expression):
    """Whether the stems of a text hold the stems of `expression` side by side."""
    size = len(expression)
    return any(tuple(stems[i : i + size]) == expression for i in range(len(stems) - size + 1))
