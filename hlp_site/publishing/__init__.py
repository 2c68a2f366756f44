"""How the comms team publishes: tools for editors, not pages.

Owns `stream_data.py` (builders of StreamField raw data, used by the article importer and
the demo content). It may import core and the content apps (programmes, blog); nothing but
the demo imports it.
"""
