"""sppterm: terminology-managed Chinese→English translation of the SPP Programme bulletins.

Layers, lowest first. A module imports only from its own layer or a lower one, and no two
packages import each other (directly or round a loop), so each layer can be read, tested and
changed knowing only what lies below it. ``python -m pytest tests/test_layers.py`` reads this
table, prints it and fails on any import that points upwards.

=====  ========  ================================================================
layer  name      modules (``sppterm.<name>``; a package counts as a whole)
=====  ========  ================================================================
1      base      __init__ errors patterns
2      text      textio cachedir ids yamlloc xmlsafe zh en numerals placeholders align lexicon
3      config    config
4      models    glossary bulletin
5      units     units
6      checks    checks
7      outputs   report publish score workflow search
8      cli       cli __main__
=====  ========  ================================================================

base: the error type and the text patterns (URL, e-mail, ``xml:lang``) that what is checked and
what is published share. text: language facts, file/XML/YAML utilities and where caches live,
no model. config: paths and options. models: the glossary and the bulletin. units: translation units and their
storage (PO, XLIFF, TMX, memory). checks: the rules over units. outputs: reports, editions,
scores, the project-level workflows that compose the layers, and the concordance (search).
cli: argument parsing only.
"""

__version__ = "0.1.0"
