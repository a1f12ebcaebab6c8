"""publisher: multilingual press releases from gettext catalogs to localized HTML and PDF."""

__version__ = "0.1.0"
