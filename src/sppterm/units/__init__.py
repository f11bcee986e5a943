"""Translation units: extraction from bulletins, PO files, merging, memory, XLIFF and TMX."""
