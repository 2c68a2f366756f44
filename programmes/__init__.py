"""Our work: programmes (nesting for sub-programmes) and the partner organisations on them.

Owns ProgrammeIndexPage, ProgrammePage (with its feeds and the partner embed),
PartnerIndexPage, PartnerOrganisationPage and the programme-partner relation. It may
import core and openweb's building blocks (feeds, API fields); it never imports news,
which imports it: posts are reached through `apps.get_model("blog", ...)`, and which
posts belong to a programme is asked of the news app's `TaggedPageQuerySet.for_programme`.
"""
