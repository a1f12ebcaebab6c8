"""The Jinja2 environment of the templates folder: i18n through the catalogs' translations,
autoescaping, and the filters that put translators' text safely into CSS."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import jinja2
from babel.support import Translations
from jinja2.loaders import split_template_path
from markupsafe import Markup

from ..errors import TemplateError
from ..fileio import read_text
from ..limits import MAX_RESOURCE_BYTES


def css_string(value: str) -> Markup:
    """A quoted CSS string that no translator's text can break out of (for <style> blocks)."""
    out = []
    for char in str(value):
        safe = char.isalnum() or char in " .,:;!?-–—()/'’“”«»" or (
            ord(char) > 127 and unicodedata.category(char)[0] in "LNPZ")
        out.append(char if safe else f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


def page_counter(template: str) -> Markup:
    """CSS ``content`` for a localized "Page %(page)s of %(pages)s"."""
    parts: list[str] = []
    rest = str(template)
    while rest:
        positions = [(rest.find(token), token, counter) for token, counter in
                     (("%(page)s", "counter(page)"), ("%(pages)s", "counter(pages)")) if token in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, token, counter = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(counter)
        rest = rest[index + len(token):]
    return Markup(" ".join(parts))


class ProjectLoader(jinja2.BaseLoader):
    """Jinja2's FileSystemLoader for one folder, reading each template as every file of the
    project is read (fileio.read_text: no symlink out of templates/, sized, regular)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str):
        path = self.folder.joinpath(*split_template_path(template))   # refuses ".."
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        text = read_text(path, f"{self.folder.name}/{template}", TemplateError,
                         MAX_RESOURCE_BYTES, (self.folder,))
        mtime = path.stat().st_mtime_ns
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime_ns == mtime

    def list_templates(self) -> list[str]:
        return sorted(path.relative_to(self.folder).as_posix()
                      for path in self.folder.rglob("*") if path.is_file())


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=ProjectLoader(templates_dir),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["page_counter"] = page_counter
    return env


def render_template(env: jinja2.Environment, name: str, translations: Translations,
                    **context) -> str:
    env.install_gettext_translations(translations, newstyle=False)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found", f"templates/{exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            f"templates/{exc.name or name}", exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template error: {exc.message}", f"templates/{name}") from None
    except (KeyError, ValueError, TypeError) as exc:   # a %-format the catalog checks missed
        raise TemplateError(f"cannot fill in a translated string: {exc!r}", f"templates/{name}") from None
