"""The outputs, made in memory: a publication in one language as a web page and as print HTML,
the pages and files around them, and the PDF (pure but for ``pdf``, which runs WeasyPrint).

================  ================================================================================
module            concern
================  ================================================================================
``translations``  each catalog of the store compiled for Jinja2 and Babel; what showed untranslated
``localize``      a publication in one language: front matter and body through the catalog
``templates``     the Jinja2 environment: i18n, autoescaping, translators' text put safely in CSS
``site``          which pages exist, where they go, how they link
``webmeta``       what a page says about itself in <head>: alternates, Open Graph, JSON-LD
``feeds``         sitemap.xml, the Atom feeds, robots.txt
``handouts``      the print HTML of the handouts, one language or two side by side
``hyphenation``   Azerbaijani soft hyphens
``pseudo``        the pseudo-locale ``qps``
``pdf``           PDF through WeasyPrint, the only module that imports it
================  ================================================================================
"""
