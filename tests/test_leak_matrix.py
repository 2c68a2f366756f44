"""No hidden page reaches an anonymous visitor through any listing on the site itself
(the open-web channels, API, feeds, sitemap, search and permalinks, are covered the same
way in test_open_web_visibility), and private documents stay private."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.test_open_web_visibility import HIDDEN, TAG, make_post

pytestmark = pytest.mark.django_db


def make_login_restricted():
    post = make_post("Zanzibar staff-only post")
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    return post


EVERY_HIDDEN_KIND = {**HIDDEN, "login-restricted": make_login_restricted}

LISTINGS = [
    "/",
    "/news/",
    "/news/news/",
    "/news/?type=news",
    "/news/?programme=mental-health",
    f"/news/?tag={TAG}",
    "/news/?year=2030",
    f"/news/tags/{TAG}/",
    "/news/tags/mental-health/",
    "/our-work/mental-health/",
    "/our-work/mental-health/embed/",
]


@pytest.mark.parametrize("state", EVERY_HIDDEN_KIND)
@pytest.mark.parametrize("url", LISTINGS)
def test_hidden_posts_stay_out_of_every_listing(client, url, state):
    visible = make_post("Zanzibar public post")
    hidden = EVERY_HIDDEN_KIND[state]()
    html = client.get(url).content.decode()
    assert visible.url in html, url  # the newest post is shown here...
    assert hidden.url not in html, url  # ...and the hidden one, just as new, is not
    assert hidden.title not in html, url


@pytest.mark.parametrize("state", ["private", "login-restricted"])
def test_restricted_post_itself_asks_for_access(client, state):
    hidden = EVERY_HIDDEN_KIND[state]()
    response = client.get(hidden.url)
    assert response.status_code in (200, 302)
    assert "Body text." not in response.content.decode()  # the post's body never shows


@pytest.fixture
def private_document():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Partners only")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="partners-only",
    )
    document = get_document_model().objects.create(
        title="Zanzibar confidential minutes",
        collection=collection,
        file=ContentFile(b"%PDF-1.4 minutes", name="zanzibar-minutes.pdf"),
    )
    return document


def test_private_documents_are_not_listed_or_served(client, private_document):
    listed = client.get("/api/v2/documents/", {"limit": 100}).json()["items"]
    assert private_document.pk not in {item["id"] for item in listed}
    assert client.get(f"/api/v2/documents/{private_document.pk}/").status_code == 404
    response = client.get(private_document.url)
    assert b"%PDF" not in b"".join(response)  # the password form, not the file
    # One word: with several, search falls back to pages with any of them.
    results = client.get("/search/", {"q": "Zanzibar"}).context["results"]
    assert not list(results)


@pytest.mark.parametrize("state", ["draft", "private", "expired"])
def test_downloads_of_hidden_resources_stay_private(client, django_user_model, state):
    from resources.models import ResourceDocument, ResourcePage

    resource = ResourcePage.objects.live().first()
    document = get_document_model().objects.create(
        title="Zanzibar draft toolkit",
        file=ContentFile(b"%PDF-1.4 toolkit", name="zanzibar-toolkit.pdf"),
    )
    ResourceDocument.objects.create(page=resource, document=document)
    assert b"%PDF" in b"".join(client.get(document.url))  # public while its page is public

    if state == "draft":
        resource.unpublish()
    elif state == "private":
        PageViewRestriction.objects.create(
            page=resource, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    else:
        resource.expire_at = resource.first_published_at
        resource.save()
    assert client.get(document.url).status_code == 404
    listed = client.get("/api/v2/documents/", {"limit": 100}).json()["items"]
    assert document.pk not in {item["id"] for item in listed}
    editor = django_user_model.objects.create_superuser("docs-editor", "d@example.com", "pw")
    client.force_login(editor)
    assert b"%PDF" in b"".join(client.get(document.url))  # editors still can
