"""Creation rules: the admin offers only sensible children for every page type."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage
from hlp_site.core.models import HomePage, StandardPage
from news.models import ArticleIndexPage, ArticlePage, NewsIndexPage
from programmes.models import (
    PartnerIndexPage,
    PartnerOrganisationPage,
    ProgrammeIndexPage,
    ProgrammePage,
)
from publications.models import PublicationPage
from resources.models import ResourceIndexPage, ResourcePage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                ProgrammeIndexPage,
                PartnerIndexPage,
                NewsIndexPage,
                ResourceIndexPage,
                EventIndexPage,
            },
        )
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_singletons_cannot_be_created_twice(self):
        # The demo site already has one of each (max_count = 1).
        root, home = Page.objects.get(depth=1), HomePage.objects.get()
        self.assertFalse(HomePage.can_create_at(root))
        for singleton in (ProgrammeIndexPage, PartnerIndexPage, NewsIndexPage, ResourceIndexPage):
            self.assertCanCreateAt(HomePage, singleton)  # allowed type...
            self.assertFalse(singleton.can_create_at(home))  # ...but one exists already

    def test_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ProgrammeIndexPage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)

    def test_programmes_nest(self):
        self.assertAllowedSubpageTypes(ProgrammeIndexPage, {ProgrammePage})
        self.assertCanCreateAt(ProgrammeIndexPage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, ProgrammePage)
        self.assertCanNotCreateAt(HomePage, ProgrammePage)
        self.assertCanNotCreateAt(ProgrammePage, ArticlePage)

    def test_partners(self):
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerOrganisationPage})
        self.assertCanCreateAt(PartnerIndexPage, PartnerOrganisationPage)
        self.assertCanNotCreateAt(ProgrammePage, PartnerOrganisationPage)
        self.assertAllowedSubpageTypes(PartnerOrganisationPage, set())

    def test_posts_live_under_a_kind(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticleIndexPage})
        self.assertCanCreateAt(NewsIndexPage, ArticleIndexPage)
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_resources(self):
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage, PublicationPage})
        self.assertCanCreateAt(ResourceIndexPage, ResourcePage)
        self.assertCanNotCreateAt(ArticleIndexPage, ResourcePage)
        self.assertAllowedSubpageTypes(ResourcePage, set())
