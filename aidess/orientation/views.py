"""Pages of orientation (filled by the pages that follow)."""
