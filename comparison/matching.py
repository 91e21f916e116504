"""Match prohibition items to the catalogue of prohibited acts, and say how the wording differs.

Lexical evidence (the entry's key terms, compared by Indonesian stem so that
"memasang" and "pasang" agree) and overall wording similarity (rapidfuzz) both
count, but only once the item carries the entry's distinguishing terms
(``requires``): phrases several acts share ("peserta kampanye", "partai
politik", "pertemuan") never decide a match alone.  A key term that is missing
but has a near-twin in the item with another stem ("mengarahkan", root arah,
for "mengerahkan", root kerah) is a change of meaning, not a typo; so is another
verb in the act's frame ("mengajak PNS lain" for "mengerahkan PNS lain").

A term of several words is found as those words in that order, a few words apart
at most: "calon anggota DPR … atribut partai" does not say "anggota partai".
An item may state several acts in one sentence ("ikut kampanye, menjadi peserta
kampanye dengan memakai atribut …, dan …"): each of its clauses is matched too,
so an act a clause states on its own terms counts even where a narrower act of
another clause would replace it in the sentence as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .actors import actors_in, updates
from .catalog import Catalog, Entry, load_abbreviations, load_qualifiers

#: A match needs this score (0-1) and at least one key term.
MATCH_THRESHOLD = 0.5
#: Words that turn a prohibition into a permission, an exception or mere advice ("boleh", "kecuali",
#: "sebaiknya"); a phrase is matched as consecutive words.
MODALITY = (
    "boleh",
    "diperbolehkan",
    "dibolehkan",
    "kecuali",
    "diizinkan",
    "dizinkan",
    "sebaiknya",
    "disarankan",
    "dianjurkan",
    "diharapkan",
    "tidak dilarang",
    "tidak wajib",
    "tidak harus",
)
_WORD = re.compile(r"[a-z0-9]+")
#: Words that may stand between two words of a key term ("ikut dalam kegiatan kampanye" says "ikut kampanye").
PHRASE_GAP = 3
#: Where an item's sentence divides into clauses: a comma, a semicolon, or "dan"/"serta" between two acts.
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:dan|serta)\b", re.I)
#: A clause states an act of its own when it opens with a verb: an active (me-) or intransitive (ber-) verb,
#: or one of the bare verbs and role words acts open with ("ikut kampanye", "sebagai peserta kampanye"). A piece
#: opening otherwise continues the clause before it: "…, dengan menggunakan fasilitas negara", a list of
#: nouns ("pertemuan, ajakan, imbauan"), "sebelum, selama, dan sesudah".
_VERB = re.compile(r"^(?:mem[bpf]|men[dtcjsz]|meng|meny|me[lrmnwy]|ber)[a-z]{2,}$")
CLAUSE_OPENERS = frozenset("ikut turut hadir terlibat sebagai".split())
#: Words shaped like verbs that are prepositions or conjunctions ("melalui media sosial", "bersama PNS lain").
NOT_VERBS = frozenset("melalui mengenai menjelang menurut meliputi bersama berupa berdasarkan beserta berikut".split())
#: Words by which a sentence goes on to another act before its verb ("ikut kampanye; tidak juga menjadi peserta
#: kampanye …", "… pula menghadiri …"): a piece opening with them opens a clause when a verb follows them.
GOING_ON = frozenset("tidak juga pula pun bahkan apalagi".split())
#: Function words that happen to be the stem of a term's word ("bagi", for, is the stem of "membagikan"):
#: they match that word only as themselves, never by stem.
FUNCTION_WORDS = frozenset(
    "bagi untuk dengan pada dari ke di oleh atas dalam yang dan atau serta kepada terhadap tentang sebagai "
    "karena agar supaya jika apabila maka akan telah sudah sedang masih juga hanya antara tanpa secara para "
    "setiap seluruh semua ini itu tersebut".split()
)
#: The prefix of an active transitive verb ("mengajak", "menggerakkan"): the word before an act's object that
#: can stand for its distinguishing verb.
_ACTIVE_VERB = re.compile(r"^me[a-z]{3,}$")


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def stem(word: str) -> str:
    return _stemmer().stem(word) if len(word) > 3 and word.isalpha() else word


@cache
def is_word(word: str) -> bool:
    """True when the word's stem is a root in Sastrawi's dictionary: a real word, not a typo."""
    return _stemmer().delegatedStemmer.dictionary.contains(stem(word))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Change:
    """One way an item's wording departs from the act; ``kind`` keys its severity in severity.json."""

    kind: str  # different_root | modality_changed | qualifier_dropped | other_actors | actors_updated
    text: str
    detail: str  # the words concerned, in the letter's language ("'mengarahkan' for 'mengerahkan'")


@dataclass
class Match:
    entry: Entry
    score: float
    reason: str
    changes: list[Change] = field(default_factory=list)


@cache
def _term_words(term: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, stem(w)) for w in words(term))


@dataclass(frozen=True)
class _Text:
    """An item's (or a clause's) words and their stems, in order and as sets."""

    words: list[str]
    stems: list[str]
    word_set: frozenset[str]
    stem_set: frozenset[str]
    #: The same words with abbreviations written out ("parpol" -> "partai politik"), when any is.
    full: _Text | None = None

    @classmethod
    def of(cls, ws: list[str]) -> _Text:
        full = written_out(ws)
        return cls._plain(ws, cls._plain(full) if full != ws else None)

    @classmethod
    def _plain(cls, ws: list[str], full: _Text | None = None) -> _Text:
        stems = ["" if w in FUNCTION_WORDS else stem(w) for w in ws]
        return cls(ws, stems, frozenset(ws), frozenset(stems), full)

    def at(self, i: int, w: str, s: str) -> bool:
        return self.words[i] == w or self.stems[i] == s

    def find(self, term: str) -> int | None:
        """Where the term's first word stands, the term's words in order and at most PHRASE_GAP words apart."""
        tw = _term_words(term)
        if not tw or not all(w in self.word_set or s in self.stem_set for w, s in tw):
            return None
        return next((i for i in range(len(self.words)) if self.at(i, *tw[0]) and self._follows(i, tw[1:])), None)

    def _follows(self, pos: int, rest: tuple[tuple[str, str], ...]) -> bool:
        """The words of ``rest`` come after ``pos`` in order, each at most PHRASE_GAP words after the one before."""
        for w, s in rest:
            after = range(pos + 1, min(len(self.words), pos + 2 + PHRASE_GAP))
            found = next((j for j in after if self.at(j, w, s)), None)
            if found is None:
                return False
            pos = found
        return True


def _term_hit(term: str, text: _Text) -> bool:
    """The term is in the text as written, or either has an abbreviation the other writes out ("APK" says
    "alat peraga kampanye", "Kartu Tanda Penduduk" says "KTP")."""
    if text.find(term) is not None or (text.full is not None and text.full.find(term) is not None):
        return True
    full = " ".join(written_out(words(term)))
    return full != " ".join(words(term)) and text.find(full) is not None


def _hits(terms: list[str], part: _Text) -> list[str]:
    """The terms the text says, a term and its abbreviation ("media sosial", "medsos") counted once."""
    said: dict[str, str] = {}
    for term in terms:
        key = " ".join(written_out(words(term)))
        if key not in said and _term_hit(term, part):
            said[key] = term
    return list(said.values())


def written_out(ws: list[str]) -> list[str]:
    """The words with abbreviations written out (``abbreviations.json``); only terms are looked up in them:
    actors and changes are read in the words as the letter wrote them."""
    full = load_abbreviations()
    return [x for w in ws for x in (full[w].split() if w in full else [w])]


def _near_twin(term: str, item_words: list[str], distance: int = 2) -> tuple[str, str] | None:
    """A word of the item one or two letters away from a one-word key term, with another stem."""
    if " " in term:
        return None
    for w in item_words:
        if w[:2] != term[:2]:
            continue
        if w != term and len(w) > 5 and Levenshtein.distance(w, term) <= distance and w[:2] == term[:2]:
            return w, term
    return None


@cache
def _entry_words(wording: str) -> tuple[str, frozenset[str]]:
    entry_words = written_out(words(wording))  # as items are compared: abbreviations written out
    return " ".join(entry_words), frozenset(entry_words)


def match_item(text: str, catalog: Catalog) -> list[Match]:
    """Catalogue entries this item states, best first (zero, one or several)."""
    item = _Text.of(words(text))
    candidates = {m.entry.id: m for m in _candidates(item, item, catalog)}
    chosen = _select(list(candidates.values()))
    clauses = _clauses(text)
    if len(clauses) > 1:
        # an act a clause states counts, however the narrower acts of the other clauses rank in the sentence;
        # the match (its score, its changes) stays the whole item's, so a qualifier in the next clause counts
        taken = {m.entry.id for m in chosen}
        for clause in clauses:
            for m in _select(_candidates(_Text.of(clause), item, catalog)):
                if m.entry.id not in taken and m.entry.id in candidates:
                    taken.add(m.entry.id)
                    chosen.append(candidates[m.entry.id])
    return sorted(chosen, key=lambda m: -m.score)


def acts(text: str, catalog: Catalog) -> list[str]:
    """The entry each clause of the item states best, in order and once each: the acts the item lists, where
    two entries that describe one clause's act ("mengunggah … di media sosial": posting, online promotion)
    count as one."""
    item = _Text.of(words(text))
    found: list[str] = []
    for clause in _clauses(text):
        best = _select(_candidates(_Text.of(clause), item, catalog))
        if best and best[0].entry.id not in found:
            found.append(best[0].entry.id)
    return found


def _candidates(part: _Text, item: _Text, catalog: Catalog) -> list[Match]:
    """Every entry ``part`` (the item, or one clause of it) states well enough; changes are read in ``item``."""
    norm = " ".join((part.full or part).words)  # wording compared with abbreviations written out
    found: list[Match] = []
    for entry in catalog.entries:
        twins: list[tuple[str, str]] = []
        framed: list[str] = []
        if not all(_group_hit(g, part) for g in entry.requires):
            frame = _frame_verb(entry, part)
            if frame is None:
                continue
            verb, own, framed = frame
            twins = [(verb, own)]
        hits = _hits(entry.terms, part) + [t for t in framed if t not in entry.terms]
        twins += [tw for t in entry.terms if t not in hits for tw in [_near_twin(t, part.words)] if tw]
        twins = list({word: (word, term) for word, term in reversed(twins)}.values())  # a word changes once
        if not hits and not twins:
            continue
        # key terms are alternatives ("posting, comment, share"): two of them make full evidence
        coverage = (len(hits) + 0.5 * len(twins)) / min(2, len(entry.terms))
        similarity = fuzz.token_set_ratio(norm, _entry_words(entry.wording)[0]) / 100
        score = round(0.55 * min(1.0, coverage * 1.5) + 0.45 * similarity, 3)
        if score < MATCH_THRESHOLD or not (hits or similarity > 0.8):
            continue
        reason = f"key terms {', '.join(hits) or '-'}; wording similarity {similarity:.2f}"
        found.append(Match(entry, score, reason, _changes(entry, item.words, _standing_in(entry, twins, hits))))
    return found


def _select(found: list[Match]) -> list[Match]:
    """The entries an item (or clause) states among those it matches."""
    # "ikut kampanye" gives way to "kampanye dengan fasilitas negara" however well its own words fit: the
    # general act scores high on any campaign item, so it goes before the best score is taken
    matched = {m.entry.id for m in found}
    found = sorted((m for m in found if not matched.intersection(m.entry.specialised_by)), key=lambda m: -m.score)
    if found:  # several entries only when they are about as good as the best
        best = found[0].score
        found = [m for m in found if m.score >= best - 0.12]
    return found


def _clauses(text: str) -> list[list[str]]:
    """The item's clauses as words: its sentence cut at commas, semicolons, "dan" and "serta", a piece that
    does not open with a verb joined to the one before."""
    out: list[list[str]] = []
    for piece in _CLAUSE_BREAK.split(text):
        ws = words(piece)
        if not ws:
            continue
        head = next((w for w in ws if w not in GOING_ON), "")
        if out and not (head in CLAUSE_OPENERS or (_VERB.match(head) and head not in NOT_VERBS)):
            out[-1].extend(ws)
        else:
            out.append(ws)
    return out


def _frame_verb(entry: Entry, part: _Text) -> tuple[str, str, list[str]] | None:
    """Another verb in the act's frame: the item has every group of the entry's ``frame`` (the act's setting
    and its object: "peserta kampanye" … "PNS lain") and an active verb right before the object that is not
    the act's own ("mengajak PNS lain" for "mengerahkan PNS lain"); returned as (verb, the act's verb, the
    frame's terms found)."""
    if not entry.frame or not entry.requires:
        return None
    *setting, objects = entry.frame
    found = [next((t for t in group if _term_hit(t, part)), None) for group in setting]
    if None in found:
        return None
    for term in objects:
        start = part.find(term)
        if start is None:
            continue
        verb = part.words[start - 1] if start > 0 else ""
        own = entry.requires[0]  # the act's verb is its first group of distinguishing terms
        if _ACTIVE_VERB.match(verb) and all(stem(verb) != stem(t) for t in own) and is_word(verb):
            return verb, own[0], [t for t in found if t] + [term]
    return None


def _standing_in(entry: Entry, twins: list[tuple[str, str]], hits: list[str]) -> list[tuple[str, str]]:
    """The twins that stand in for a distinguishing term the item does not otherwise carry.

    "mengarahkan" changes the mobilising act, whose only distinguishing words are "mengerahkan" and
    "pengerahan"; "memberikan" next to "mengomentari" changes nothing in the social-media act, whose
    alternatives the item already states, and a twin of a word no group requires is an incidental word.
    """
    found = set(hits)
    return [
        (word, term)
        for word, term in twins
        if any(term in group and not found.intersection(group) for group in entry.requires)
    ]


def _group_hit(group: list[str], part: _Text) -> bool:
    """One distinguishing term of the group is in the item, or its twin one letter away (a changed word still
    states the act, and is reported as changed: "mengarahkan" for "mengerahkan"; "pengenalan", two letters
    from "pengerahan", is another act)."""
    return any(_term_hit(t, part) or _near_twin(t, part.words, 1) for t in group)


def _changes(entry: Entry, item_words: list[str], twins: list[tuple[str, str]]) -> list[Change]:
    changes = []
    joined = " " + " ".join(item_words) + " "
    for found_word, term in twins:
        # another root that is a real word is another meaning; a non-word is a typo of the term
        if stem(found_word) != stem(term) and spelling(found_word) != spelling(term) and is_word(found_word):
            changes.append(
                Change(
                    "different_root",
                    f"different root word: {found_word!r} ({stem(found_word)}) for {term!r} ({stem(term)})",
                    f"'{found_word}' ({stem(found_word)}) / '{term}' ({stem(term)})",
                )
            )
    said = {a.name for a in actors_in(item_words)}
    named = set(entry.actors)
    if named and said and not said & named:
        lawful = all(any(updates(s, n) for n in named) for s in said)
        changes.append(
            Change(
                "actors_updated" if lawful else "other_actors",
                f"{'actors updated' if lawful else 'other actors'}: {', '.join(sorted(said))} "
                f"for {', '.join(sorted(named))}",
                f"{', '.join(sorted(said))} / {', '.join(sorted(named))}",
            )
        )
    missing = [q for q in entry.qualifier if not _says_qualifier(q, joined)]
    if missing:
        changes.append(
            Change(
                "qualifier_dropped",
                f"time qualifier dropped: no {', '.join(missing)} (masa kampanye)",
                ", ".join(missing),
            )
        )
    wording = _entry_words(entry.wording)[0]
    for marker in MODALITY:
        if f" {marker} " in joined and f" {marker} " not in f" {wording} ":
            changes.append(
                Change(
                    "modality_changed",
                    f"modality changed: {marker!r} (a prohibition becomes a permission, exception or advice)",
                    f"'{marker}'",
                )
            )
    return changes


def _says_qualifier(word: str, joined: str) -> bool:
    """Whether the item (its words joined, space-padded) says the qualifier's ``word`` in any of its wordings."""
    return any(f" {said} " in joined for said in (word, *load_qualifiers().get(word, ())))


def spelling(word: str) -> str:
    """Old and loan spellings folded together ("fotocopy" = "fotokopi", "himbauan" = "imbauan")."""
    word = word.replace("ph", "f").replace("dj", "j").replace("tj", "c").replace("sj", "sy")
    word = word.replace("c", "k").replace("y", "i").replace("q", "k").replace("v", "f")
    word = re.sub(r"(.)\1", r"\1", word)
    return word[1:] if word.startswith("h") else word
