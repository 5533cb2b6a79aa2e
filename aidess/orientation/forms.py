"""Forms of orientation."""
