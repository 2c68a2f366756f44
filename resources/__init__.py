"""Resources: the library at /resources/ of case studies, publications, toolkits and guidance.

Owns ResourceIndexPage and ResourcePage (`models.py`), their tags and downloads, the
admin's Resources listing (`admin_listings.py`) and the privacy of resources' documents
(`document_privacy.py`: a download only on hidden resources is hidden too). Which resources
belong to a programme is the news app's `TaggedPageQuerySet.for_programme`, shared with
posts. It may import core, openweb's building blocks, content_review's mixin, programmes
and news (the tagged-page rule and the admin's shared filters); publications, openweb's
API, publishing and the demo import it. The models lived in the news app (label "blog")
until migration `resources.0001`, which moved their tables, content types, revisions and
tags here; the API still accepts `type=blog.ResourcePage`.
"""
