"""A synthetic publisher project for benchmarks: N publications x L locales.

Deterministic from a seed: the same arguments write the same bytes. Paragraph lengths follow
the real releases (25 to 110 words, 6 to 14 blocks, a quotation or a list now and then), so a
handout is one or two pages. Target-locale catalogs are made with the project's own extract and
init code, then filled with Azerbaijani-like text (real Azerbaijani words, with ə ğ ı İ ş ç ö ü,
strung together at random: benchmark filler, never a translation anyone should read). The
templates are copied from the real project, and the ``site`` catalog of every target locale gets
the real Azerbaijani translations of the template strings.

Usage: .venv/bin/python -m benchmarks.sitecorpus DIR [--publications N] [--locales L] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
from pathlib import Path

import polib

from publisher.commands import init
from publisher.config import SITE_DOMAIN, load_project
from publisher.po.catalog import catalog_path, read_catalog
from publisher.po.format import format_catalog

REPO = Path(__file__).resolve().parents[1]
LOCALES = ("en", "az", "tr", "ru", "de", "fr", "es", "it", "nl", "pl")

ENGLISH = """the of and to in a is that for on as with by was at from this be are has have were
which an its their it or not been all also more other into than after over only new such these
Republic Azerbaijan United Nations Security Council General Assembly territorial integrity
sovereignty peace security region international law cooperation development resolution Mission
Permanent President Minister Foreign Affairs delegation statement session meeting conference
agreement negotiations process border communications transport corridor reconstruction return
displaced persons humanitarian demining landmines cities towns villages heritage culture
historic liberated occupation aggression victory anniversary commemorate citizens people nation
economic energy climate partnership dialogue mutual respect stability prosperity support
committee report adopted reaffirmed welcomed stressed underlined noted called implementation
obligations principles Charter justice rights freedoms future generations today years decades""".split()

AZERBAIJANI = """və bu ilə üçün da də bir olan olaraq həm isə artıq daha çox ən görə sonra qədər
Azərbaycan Respublikası Birləşmiş Millətlər Təşkilatının Təhlükəsizlik Şurası Baş Assambleya
ərazi bütövlüyü suverenliyi sülh təhlükəsizlik regionda beynəlxalq hüquq əməkdaşlıq inkişaf
qətnamələri Daimi Nümayəndəliyi Prezidenti İlham Əliyev Xarici İşlər Nazirliyi bəyanat sessiya
görüş konfrans saziş danışıqlar sərhəd kommunikasiyalar nəqliyyat Zəngəzur dəhlizi bərpa
qayıdış məcburi köçkünlər humanitar minatəmizləmə minalar şəhərlər qəsəbələr kəndlər irs
mədəniyyət tarixi azad edilmiş işğal təcavüz Zəfər Günü ildönümü Vətən müharibəsi Şuşa Qarabağ
vətəndaşlar xalq millət iqtisadi enerji iqlim tərəfdaşlıq dialoq qarşılıqlı hörmət sabitlik
rifah dəstək komitə hesabat qəbul etmişdir təsdiq vurğulamışdır qeyd çağırış öhdəliklər
prinsiplər Nizamnaməsi ədalət hüquqlar azadlıqlar gələcək nəsillər bu gün illər onilliklər
ığdır ağrı göz üzərində şəhid qürur ümid İnsanlar İctimaiyyət""".split()

NAMES_AZ = ("İlham Əliyev, Azərbaycan Respublikasının Prezidenti",
            "Ceyhun Bayramov, Xarici İşlər naziri")
NAMES_EN = ("Ilham Aliyev, President of the Republic of Azerbaijan",
            "Jeyhun Bayramov, Minister of Foreign Affairs")


def sentence(rng: random.Random, words: list[str], count: int) -> str:
    picked = [rng.choice(words) for _ in range(count)]
    text = " ".join(picked)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: list[str], length: int) -> str:
    sentences, left = [], length
    while left > 0:
        size = min(left, rng.randint(8, 24))
        sentences.append(sentence(rng, words, size))
        left -= size
    return " ".join(sentences)


def publication(rng: random.Random, number: int) -> tuple[str, str]:
    """(slug, Markdown source) of one synthetic press release."""
    date = dt.date(2024, 1, 1) + dt.timedelta(days=number % 366)
    slug = f"release-{number:04d}"
    title = sentence(rng, ENGLISH, rng.randint(3, 8)).rstrip(".")
    front = [
        "+++",
        f'title = "{title}"',
        f'label = "{rng.choice(["Press release", "Background", "Statement"])}"',
        f"date = {date.isoformat()}",
        'dateline = "New York"',
        'issuer = "Permanent Mission of the Republic of Azerbaijan to the United Nations"',
    ]
    if number % 3 == 0:
        front += ['letterhead = ["az", "en"]',
                  'address = "633 Third Avenue, Suite 3210, New York, N.Y. 10017"',
                  'telephone = "(212) 371-2559"']
    front.append("+++")
    body: list[str] = []
    for block in range(rng.randint(6, 14)):
        roll = rng.random()
        if roll < 0.08 and block:
            body.append("## " + sentence(rng, ENGLISH, rng.randint(3, 7)).rstrip("."))
        elif roll < 0.16:
            body.append("\n".join(f"- {sentence(rng, ENGLISH, rng.randint(5, 14))}"
                                  for _ in range(rng.randint(2, 5))))
        elif roll < 0.22:
            body.append(f"> {paragraph(rng, ENGLISH, rng.randint(30, 70))}\n>\n"
                        f"> — {rng.choice(NAMES_EN)}")
        else:
            text = paragraph(rng, ENGLISH, rng.randint(25, 110))
            if rng.random() < 0.2:   # inline Markdown a translator must keep
                words = text.split(" ")
                words[2] = f"*{words[2]}*"
                text = " ".join(words)
            body.append(text)
    return slug, "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def pseudo_translation(msgid: str, seed: int) -> str:
    """Azerbaijani-like filler about as long as the English, keeping its inline Markdown shape."""
    rng = random.Random(f"{seed}:{msgid}")
    count = max(1, round(len(msgid.split()) * 0.85))
    if msgid.startswith("— "):
        return "— " + rng.choice(NAMES_AZ)
    text = paragraph(rng, AZERBAIJANI, count) if count > 6 else sentence(rng, AZERBAIJANI, count)
    if "*" in msgid:
        words = text.split(" ")
        words[min(2, len(words) - 1)] = f"*{words[min(2, len(words) - 1)]}*"
        text = " ".join(words)
    return text


def real_site_translations() -> dict[str, str]:
    path = catalog_path(REPO / "locales", "az", SITE_DOMAIN)
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path))
            if entry.msgstr and not entry.fuzzy}


def write_corpus(root: Path, publications: int, locales: int, seed: int = 2024,
                 pdf: bool = True) -> Path:
    """Write a full project folder at ``root`` (which must not exist) and return it."""
    if not 1 <= locales <= len(LOCALES):
        raise ValueError(f"between 1 and {len(LOCALES)} locales")
    rng = random.Random(seed)
    codes = LOCALES[:locales]
    (root / "content").mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    listed = ", ".join(f'"{code}"' for code in codes)
    (root / "publisher.toml").write_text(
        "[project]\n"
        f'name = "Benchmark corpus ({publications} x {locales})"\n'
        'source_locale = "en"\n'
        f"locales = [{listed}]\n"
        'output_dir = "dist"\n'
        'page_size = "A4"\n\n'
        "[site]\n"
        'title = "Permanent Mission of the Republic of Azerbaijan to the United Nations"\n',
        encoding="utf-8")
    for number in range(publications):
        slug, text = publication(rng, number)
        (root / "content" / f"{slug}.md").write_text(text, encoding="utf-8")

    project = load_project(root)
    site = real_site_translations()
    # The catalogs' POT-Creation-Date and PO-Revision-Date: fixed, so the corpus is the same bytes.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2024, 11, 8, tzinfo=dt.UTC).timestamp()))
    try:
        fill_catalogs(project, root, codes, site, seed)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return root


def fill_catalogs(project, root: Path, codes: tuple[str, ...], site: dict[str, str], seed: int) -> None:
    for code in codes:
        init(project, code)
        if code == project.source_locale:
            continue
        for path in sorted((root / "locales" / code / "LC_MESSAGES").glob("*.po")):
            catalog = read_catalog(path, path.name)
            for entry in catalog:
                if path.stem == SITE_DOMAIN:
                    entry.msgstr = site.get(entry.msgid, "")
                else:
                    entry.msgstr = pseudo_translation(entry.msgid, seed)
            path.write_text(format_catalog(catalog), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--publications", type=int, default=100)
    parser.add_argument("--locales", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    write_corpus(args.root, args.publications, args.locales, args.seed)
    print(f"wrote {args.root}")


if __name__ == "__main__":
    main()
