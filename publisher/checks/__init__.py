"""Checks of translations: what a reviewer would look for in a catalog, found mechanically.

============  ==================================================================================
module        concern
============  ==================================================================================
``rules``     the message checks every language gets (placeholders, numbers, markup, ...)
``language``  the checks of one language's own rules (Azerbaijani letters)
``glossary``  ``locales/glossary.csv`` and the check that translations follow it
``context``   what a check knows beyond the message (settings, compiled glossary)
``registry``  every check's code, level, explanation and scope (``publisher check --list``)
``run``       running them over an entry, a catalog, or a project's catalogs
============  ==================================================================================
"""
