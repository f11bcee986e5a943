"""Publishing: assemble the English editions (Markdown, HTML, PDF) and the index."""
