"""Bulletins: the raw-text importer, the Markdown format and the Bulletin model."""
