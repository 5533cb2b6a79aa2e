"""Pages of pathways (filled by the pages that follow)."""
