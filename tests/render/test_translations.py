"""Translations for rendering (publisher.render.translations): every message shown untranslated
is recorded, with its catalog line where known."""

from publisher.render.translations import TrackedTranslations


def test_missing_messages_are_recorded():
    translations = TrackedTranslations(None, "site", locale="az", display="x.po",
                                       lines={"Skip": 12})
    assert translations.gettext("Languages") == "Languages"
    assert translations.ugettext("Skip") == "Skip"
    assert translations.gettext("Languages") == "Languages"
    assert [(d.path, d.line, d.code, d.message) for d in translations.diagnostics()] == [
        ("x.po", None, "untranslated", "no translation, shown in the source language: 'Languages'"),
        ("x.po", 12, "untranslated", "no translation, shown in the source language: 'Skip'")]
