"""publisher: multilingual press releases from gettext catalogs to localized HTML and PDF."""

__version__ = "0.1.0"

# What publisher build writes (here, so the CLI names them without importing the build):
# pdf-bilingual is the source language beside each target language (publisher.handouts).
FORMATS = ("html", "pdf", "pdf-bilingual")
