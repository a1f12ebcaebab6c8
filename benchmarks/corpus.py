"""A deterministic catalog pair for benchmarks: an Azerbaijani catalog and its next template.

``make_corpus(size, seed)`` builds an old ``az`` catalog of ``size`` translated messages
(short UI strings, sentences, paragraphs of two to four sentences, as a press office's
catalogs hold) and a new template in which a share of the messages were edited, some removed
and some added, as happens between two versions of a release. The English and the
Azerbaijani-like translation are rendered from one sentence structure (subject, verb, object,
adverbial; Azerbaijani puts the verb last), so an edit of the English leaves the old
translation a plausible fuzzy proposal. The same ``size`` and ``seed`` give the same bytes.

Used by benchmarks/catalogs.py; importable by any other benchmark:

    from corpus import make_corpus, write_corpus
    corpus = make_corpus(20_000, seed=2024)
    po, pot = write_corpus(corpus, folder)
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from publisher.po.catalog import template_metadata  # noqa: E402
from publisher.po.format import format_catalog  # noqa: E402

# English word -> Azerbaijani-like word (nouns are given in the form the sentence needs).
NOUNS = {
    "the government": "hökumət", "the ministry": "nazirlik", "the delegation": "nümayəndə heyəti",
    "the mission": "nümayəndəlik", "the council": "şura", "the parliament": "parlament",
    "the committee": "komitə", "the president": "prezident", "the minister": "nazir",
    "the ambassador": "səfir", "the republic": "respublika", "the region": "region",
    "the city": "şəhər", "the village": "kənd", "the community": "icma", "the people": "xalq",
    "the army": "ordu", "the agency": "agentlik", "the embassy": "səfirlik",
    "the organization": "təşkilat", "the secretariat": "katiblik", "the office": "ofis",
    "the university": "universitet", "the museum": "muzey", "the school": "məktəb",
    "the hospital": "xəstəxana", "the press service": "mətbuat xidməti", "the team": "komanda",
    "the board": "idarə heyəti", "the assembly": "məclis",
}
OBJECTS = {
    "the agreement": "sazişi", "the declaration": "bəyannaməni", "the report": "hesabatı",
    "the resolution": "qətnaməni", "the programme": "proqramı", "the strategy": "strategiyanı",
    "the road": "yolu", "the bridge": "körpünü", "the airport": "hava limanını",
    "the railway": "dəmir yolunu", "the monument": "abidəni", "the mosque": "məscidi",
    "the schools": "məktəbləri", "the houses": "evləri", "the border": "sərhədi",
    "the talks": "danışıqları", "the negotiations": "müzakirələri", "the plan": "planı",
    "the proposal": "təklifi", "the treaty": "müqaviləni", "the exhibition": "sərgini",
    "the conference": "konfransı", "the ceremony": "mərasimi", "the statement": "bəyanatı",
    "the letter": "məktubu", "the budget": "büdcəni", "the law": "qanunu",
    "the principles": "prinsipləri", "the corridor": "dəhlizi", "the archive": "arxivi",
}
ADJECTIVES = {
    "new": "yeni", "national": "milli", "regional": "regional", "international": "beynəlxalq",
    "historic": "tarixi", "important": "mühüm", "final": "yekun", "annual": "illik",
    "joint": "birgə", "official": "rəsmi", "cultural": "mədəni", "economic": "iqtisadi",
    "humanitarian": "humanitar", "strategic": "strateji", "public": "ictimai",
    "peaceful": "dinc", "modern": "müasir", "ancient": "qədim", "large": "böyük",
    "second": "ikinci", "first": "birinci", "detailed": "ətraflı", "special": "xüsusi",
}
VERBS = {
    "approved": "təsdiq etdi", "signed": "imzaladı", "presented": "təqdim etdi",
    "welcomed": "alqışladı", "discussed": "müzakirə etdi", "rebuilt": "yenidən qurdu",
    "opened": "açdı", "restored": "bərpa etdi", "supported": "dəstəklədi",
    "published": "dərc etdi", "reviewed": "nəzərdən keçirdi", "adopted": "qəbul etdi",
    "prepared": "hazırladı", "announced": "elan etdi", "completed": "başa çatdırdı",
    "visited": "ziyarət etdi", "received": "qəbul etdi", "confirmed": "təsdiqlədi",
    "funded": "maliyyələşdirdi", "protected": "qorudu",
}
PLACES = {
    "Shusha": "Şuşada", "Baku": "Bakıda", "Ganja": "Gəncədə", "Aghdam": "Ağdamda",
    "Fuzuli": "Füzulidə", "Lachin": "Laçında", "Kalbajar": "Kəlbəcərdə", "Zangilan": "Zəngilanda",
    "Jabrayil": "Cəbrayılda", "Gubadli": "Qubadlıda", "Khojaly": "Xocalıda", "Nakhchivan": "Naxçıvanda",
    "New York": "Nyu-Yorkda", "Geneva": "Cenevrədə", "Vienna": "Vyanada", "Brussels": "Brüsseldə",
}
MONTHS = {
    "January": "yanvar", "February": "fevral", "March": "mart", "April": "aprel", "May": "may",
    "June": "iyun", "July": "iyul", "August": "avqust", "September": "sentyabr",
    "October": "oktyabr", "November": "noyabr", "December": "dekabr",
}
MANNERS = {
    "without delay": "ləngimədən", "in full": "tam şəkildə", "once again": "bir daha",
    "for the first time": "ilk dəfə", "together with its partners": "tərəfdaşları ilə birlikdə",
    "after long preparations": "uzun hazırlıqdan sonra", "as promised": "vəd edildiyi kimi",
    "with great care": "böyük diqqətlə",
}
UI_VERBS = {
    "Download": "Yüklə", "Open": "Aç", "Print": "Çap et", "Share": "Paylaş", "Show": "Göstər",
    "Hide": "Gizlət", "Read": "Oxu", "Save": "Saxla", "Search": "Axtar", "Close": "Bağla",
}


@dataclass(frozen=True)
class Clause:
    subject: str
    verb: str
    adjective: str
    obj: str
    place: str
    day: int
    month: str
    year: int
    manner: str
    frame: int = 0

    def english(self) -> str:
        obj = self.obj.replace("the ", f"the {self.adjective} ", 1)
        date = f"{self.day} {self.month} {self.year}"
        text = [f"{self.subject} {self.verb} {obj} in {self.place} on {date} {self.manner}",
                f"on {date}, {self.subject} {self.verb} {obj} {self.manner}",
                f"in {self.place}, {obj} was {self.verb} by {self.subject} in {self.year}",
                f"{self.manner}, {self.subject} of {self.place} {self.verb} {obj}"][self.frame]
        return text[0].upper() + text[1:] + "."

    def azerbaijani(self) -> str:
        subject, obj = NOUNS[self.subject], f"{ADJECTIVES[self.adjective]} {OBJECTS[self.obj]}"
        date = f"{self.year}-ci il {self.day} {MONTHS[self.month]} tarixində"
        place, manner, verb = PLACES[self.place], MANNERS[self.manner], VERBS[self.verb]
        text = [f"{subject} {date} {place} {manner} {obj} {verb}",
                f"{date} {subject} {manner} {obj} {verb}",
                f"{place} {self.year}-ci ildə {subject} {obj} {verb}",
                f"{manner} {place.removesuffix('da').removesuffix('də')} {subject}i {obj} {verb}"
                ][self.frame]
        return upper_first(text) + "."


def upper_first(text: str) -> str:
    """Azerbaijani's capital first letter: i -> İ, ı -> I (str.upper knows no Turkic casing)."""
    first = {"i": "İ", "ı": "I"}.get(text[0], text[0].upper())
    return first + text[1:]


FIELDS = {"subject": NOUNS, "verb": VERBS, "adjective": ADJECTIVES, "obj": OBJECTS,
          "place": PLACES, "month": MONTHS, "manner": MANNERS}


def _pick(rng: random.Random, table: dict[str, str]) -> str:
    return rng.choice(list(table))


def random_clause(rng: random.Random) -> Clause:
    return Clause(subject=_pick(rng, NOUNS), verb=_pick(rng, VERBS),
                  adjective=_pick(rng, ADJECTIVES), obj=_pick(rng, OBJECTS),
                  place=_pick(rng, PLACES), day=rng.randint(1, 28), month=_pick(rng, MONTHS),
                  year=rng.randint(1991, 2025), manner=_pick(rng, MANNERS),
                  frame=rng.randrange(4))


def edit_clause(rng: random.Random, clause: Clause) -> Clause:
    """A copy-editor's change: one or two fields replaced."""
    fields = dict(clause.__dict__)
    for name in rng.sample(["subject", "verb", "adjective", "obj", "place", "manner", "year"],
                           rng.choice([1, 1, 2])):
        if name == "year":
            fields[name] = clause.year + rng.choice([-1, 1])
        else:
            fields[name] = _pick(rng, FIELDS[name])
    return Clause(**fields)


@dataclass(frozen=True)
class Message:
    """One message as structure: clauses of a paragraph, or a UI string (``ui`` set)."""
    clauses: tuple[Clause, ...] = ()
    ui: tuple[str, str] | None = None     # (english, azerbaijani)

    def english(self) -> str:
        return self.ui[0] if self.ui else " ".join(c.english() for c in self.clauses)

    def azerbaijani(self) -> str:
        return self.ui[1] if self.ui else " ".join(c.azerbaijani() for c in self.clauses)


def random_message(rng: random.Random) -> Message:
    roll = rng.random()
    if roll < 0.1:
        verb, noun, adjective = _pick(rng, UI_VERBS), _pick(rng, OBJECTS), _pick(rng, ADJECTIVES)
        english = f"{verb} {noun.replace('the ', f'the {adjective} ', 1)}"
        azerbaijani = f"{upper_first(ADJECTIVES[adjective])} {OBJECTS[noun]} {UI_VERBS[verb].lower()}"
        return Message(ui=(english, azerbaijani))
    count = 1 if roll < 0.7 else rng.randint(2, 4)
    return Message(clauses=tuple(random_clause(rng) for _ in range(count)))


def edit_message(rng: random.Random, message: Message) -> Message:
    """The English edited: UI strings get another verb; paragraphs one clause edited, and
    now and then one clause rewritten altogether (msgmerge may then find no match)."""
    if message.ui:
        english = message.ui[0].split(" ", 1)
        return Message(ui=(f"{_pick(rng, UI_VERBS)} {english[1]} now", message.ui[1]))
    clauses = list(message.clauses)
    index = rng.randrange(len(clauses))
    clauses[index] = random_clause(rng) if rng.random() < 0.08 else edit_clause(rng, clauses[index])
    return Message(clauses=tuple(clauses))


def _references(index: int) -> list[tuple[str, str]]:
    return [(f"content/release-{index // 250:03d}.md", str(3 + 2 * (index % 250)))]


@dataclass(frozen=True)
class Corpus:
    old: polib.POFile            # the translated catalog before the change
    template: polib.POFile       # the new .pot
    edited: dict[str, str]       # new msgid -> the old msgid it was edited from
    removed: tuple[str, ...]
    added: tuple[str, ...]


def _catalog(header: str, metadata: dict[str, str]) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = header
    catalog.metadata = metadata
    return catalog


METADATA = {
    "Project-Id-Version": "Benchmark releases",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2024-11-01 09:00+0000",
    "PO-Revision-Date": "2024-11-02 10:00+0000",
    "Last-Translator": "Aygün Məmmədova <aygun@example.org>",
    "Language-Team": "Azerbaijani",
    "Language": "az",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def _unique(rng: random.Random, make, seen: set[str]) -> Message:
    while True:
        message = make()
        if message.english() not in seen:
            seen.add(message.english())
            return message


def make_corpus(size: int = 20_000, seed: int = 2024, *, edited: int | None = None,
                removed: int | None = None, added: int | None = None) -> Corpus:
    """``size`` old messages; by default 5 % edited, 2 % removed and 3 % added (at 20,000:
    1,000 edited, 400 removed, 600 new)."""
    edited = size * 5 // 100 if edited is None else edited
    removed = size * 2 // 100 if removed is None else removed
    added = size * 3 // 100 if added is None else added
    rng = random.Random(seed)
    seen: set[str] = set()
    messages = [_unique(rng, lambda: random_message(rng), seen) for _ in range(size)]
    chosen = rng.sample(range(size), edited + removed)
    edit_at, remove_at = set(chosen[:edited]), set(chosen[edited:])

    old = _catalog("az translations for the benchmark releases.", dict(METADATA))
    for index, message in enumerate(messages):
        old.append(polib.POEntry(msgid=message.english(), msgstr=message.azerbaijani(),
                                 occurrences=_references(index),
                                 comment="paragraph" if message.clauses else "template string"))

    # the header publisher's own extraction writes
    template = _catalog("Translations template for the benchmark releases.",
                        template_metadata(METADATA["Project-Id-Version"], "",
                                          "2024-12-01 09:00+0000"))
    new_messages: list[tuple[Message, str | None]] = []    # (message, old msgid if edited)
    for index, message in enumerate(messages):
        if index in remove_at:
            continue
        if index in edit_at:
            changed = _unique(rng, lambda old=message: edit_message(rng, old), seen)
            new_messages.append((changed, message.english()))
        else:
            new_messages.append((message, None))
    fresh = []
    for _ in range(added):
        message = _unique(rng, lambda: random_message(rng), seen)
        new_messages.insert(rng.randrange(len(new_messages) + 1), (message, None))
        fresh.append(message.english())
    for index, (message, _) in enumerate(new_messages):
        template.append(polib.POEntry(msgid=message.english(), msgstr="",
                                      occurrences=_references(index),
                                      comment="paragraph" if message.clauses else "template string"))
    return Corpus(old=old, template=template,
                  edited={m.english(): source for m, source in new_messages if source},
                  removed=tuple(messages[i].english() for i in sorted(remove_at)),
                  added=tuple(fresh))


def write_corpus(corpus: Corpus, folder: Path) -> tuple[Path, Path]:
    """Write ``az.po`` and ``new.pot`` (GNU layout) into folder; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    po, pot = folder / "az.po", folder / "new.pot"
    po.write_text(format_catalog(corpus.old), encoding="utf-8")
    pot.write_text(format_catalog(corpus.template), encoding="utf-8")
    return po, pot


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the benchmark catalog pair.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    for path in write_corpus(make_corpus(args.size, args.seed), args.folder):
        print(path)
