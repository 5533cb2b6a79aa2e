"""Forms of pathways."""
