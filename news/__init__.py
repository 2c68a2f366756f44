"""Posts and resources: "News, blogs & videos" and the resources library.

Owns NewsIndexPage (with its tag pages), ArticleIndexPage (one per kind: news, blog,
videos), ArticlePage (a post), ResourceIndexPage and ResourcePage, their tags, the rule
for which posts and resources belong to a programme (`TaggedPageQuerySet.for_programme`
in `models.py`), the admin's Posts and Resources listings (`admin_listings.py`) and the
privacy of resources' documents (`document_privacy.py`). It may import core, openweb's
building blocks and programmes; only openweb's API, publishing and the demo import it.
Its app label is still "blog" (see `apps.py`): tables, content types and the API's
type names keep their names.
"""
