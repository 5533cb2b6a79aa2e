"""The instruction pages, by concern: the inbox, the application page, follow/assign/label and downloads."""
