"""Size limits on untrusted input, checked before parsing so that a hostile or broken file
gives a clear error in bounded time and memory instead of a hang.

Each limit is far above what a real press office produces (a long release is ~50 kB of
Markdown; a 20,000-message catalog ~6 MB) and far below what would exhaust a laptop.
markdown-it's inline parser costs ~15 us a character on pathological input (thousands of
unclosed brackets), so the block limit bounds one block to a second or two.
"""

from __future__ import annotations

MAX_SOURCE_BYTES = 1_000_000          # one content/*.md file
MAX_CONFIG_BYTES = 1_000_000          # publisher.toml
MAX_GLOSSARY_BYTES = 8_000_000        # locales/glossary.csv
MAX_GLOSSARY_CELL_CHARS = 1_000       # one term, its translations, or its note
MAX_BLOCK_CHARS = 100_000             # one paragraph, list or quotation (text between blank lines)
MAX_MESSAGE_CHARS = MAX_BLOCK_CHARS   # one msgctxt, msgid, msgid_plural or msgstr of a catalog
MAX_CATALOG_BYTES = 32_000_000        # one .po/.pot file
MAX_RESOURCE_BYTES = 20_000_000       # one stylesheet, font or image a handout loads
MAX_DATA_URL_BYTES = 256_000          # one data: URL in a template or stylesheet
MAX_IMAGE_PIXELS = 25_000_000         # width x height of one image in a handout


def megabytes(size: int) -> str:
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:.1f} GB"
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
