"""publisher: multilingual press releases from gettext catalogs to localized HTML and PDF.

Data flows one way, from the project's files to the outputs::

    config -> sources -> po -> checks / render -> build -> cli

==========================  ==================================================================
module                      concern
==========================  ==================================================================
``errors``                  Diagnostic (path, line, code, level, message) and the exceptions
``limits``                  size limits on untrusted input
``fileio``                  reads confined to their folder, sized before they are read, that
                            fail with ``path:line``; atomic writes; folder locks
``tomlutil``                TOML with the line of every key
``lang``                    language facts: Turkic casing; ``lang.az``: Azerbaijani letters
``po/``                     the gettext engine (see its docstring): parse, format, catalog,
                            merging, memory, mo, entries, placeholders, markup
``config``                  ``publisher.toml`` as a table of setting specs -> Project
``images``, ``links``       a source's images (found in content/, measured) and links between
                            publications (resolved per language)
``sources``                 ``content/*.md`` -> Source: front matter and Markdown segments
``extraction``              sources and templates -> ``.pot`` templates
``stats``                   translation progress, counted as pocount counts
``checks/``                 what a reviewer looks for (see its docstring)
``render/``                 outputs in memory: ``translations`` (catalogs for Jinja2),
                            ``localize`` (a publication in a language), ``templates``,
                            ``site`` (paths, links), ``webmeta`` (head, JSON-LD), ``feeds``,
                            ``handouts`` (print HTML), ``hyphenation``, ``pseudo``, ``pdf``
``build/``                  ``plan`` (phase 1: gather in memory), ``__init__`` (phase 2:
                            write), ``incremental``, ``parallel``, ``lock``
``commands``                extract, init, update, compile, check over a whole project
``serve``                   the development server
``cli``                     the ``publisher`` command: parses, calls the library, prints
==========================  ==================================================================

A lower module never imports a higher one; ``make test`` checks it (import-linter).
"""

__version__ = "0.1.0"

# What publisher build writes (here, so the CLI names them without importing the build):
# pdf-bilingual is the source language beside each target language (publisher.render.handouts).
FORMATS = ("html", "pdf", "pdf-bilingual")
