"""The reference post: "Partners working together to improve health and care in 2018".

Its text is in review_2018.yaml, held faithfully to the published post (see there), and
loaded with the other posts. This module names the parts of it that tests check pages,
feeds, the API and the importer against.
"""

from hlp_site.demo import content

POST = content.read("review_2018")

TITLE = POST["title"]
SLUG = POST["slug"]
PARENT = POST["parent"]
DATE = POST["date"]
AUTHOR_NAME = POST["authors"][0]
AUTHOR_ROLE = content.read("site")["authors"][AUTHOR_NAME]
INTRO = POST["intro"]
TAGS = POST["tags"]  # slugs
TAG_NAMES = [content.read("tags")[slug] for slug in TAGS]
RELATED_PARTNERS = POST["related_partners"]

# The pull quote and the director's statement (three paragraphs, each opening with a
# quotation mark as printed; the closing mark comes only at the end of the last one).
PULL_QUOTE, STATEMENT = (
    block["value"]["quote"] for block in content.stream(POST["body"]) if block["type"] == "quote"
)
_VIDEO = next(block for block in POST["body"] if "video" in block)
HIGHLIGHTS_VIDEO_URL = _VIDEO["video"]
HIGHLIGHTS_VIDEO_TITLE = _VIDEO["title"]
