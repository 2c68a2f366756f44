"""Running the site: backup and restore, what a visitor sees when it fails, static files.

Owns `backup.py` with the `backup_site` and `restore_site` commands (a database dump and
the media in one archive), `faults.py` (the 500 page, and the 503 with Retry-After while
the database is down) and `storage.py` (compressed, fingerprinted static files). It
imports no other app of the project: it works on the database and files as a whole.
"""
