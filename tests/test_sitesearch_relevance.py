"""Relevance: real-looking queries over the demo content and the page each should find.

The expected page must be in the top three for at least 90% of them, on SQLite and on
PostgreSQL (CI). Each query is also a test of its own, so a regression names the query;
the few known to be hard are expected to fail without failing the run.
"""

import pytest

pytestmark = pytest.mark.django_db

QUERIES = [
    # Names of programmes, partners and posts
    ("Thrive LDN", "/our-work/mental-health/thrive-ldn/"),
    ("Good Thinking", "/our-work/mental-health/good-thinking/"),
    ("Great Weight Debate", "/our-work/prevention/great-weight-debate/"),
    ("NHS Go", "/our-work/children-and-young-people/nhs-go/"),
    ("Healthy High Streets", "/our-work/prevention/healthy-high-streets/"),
    ("Greater London Authority", "/partners/greater-london-authority/"),
    ("Transport for London", "/partners/transport-for-london/"),
    ("Zero Suicide Alliance", "/partners/zero-suicide-alliance/"),
    ("Maudsley", "/partners/south-london-and-maudsley-nhs-foundation-trust/"),
    ("London Ambulance Service", "/partners/london-ambulance-service-nhs-trust/"),
    ("UCLPartners", "/partners/uclpartners/"),
    ("Londoners Said", "/resources/londoners-said/"),
    ("Are we OK London", "/news/blog/are-we-ok-london/"),
    ("accessibility statement", "/accessibility-statement/"),
    # Topics
    ("asthma", "/our-work/children-and-young-people/asthma/"),
    ("asthma standards", "/resources/london-asthma-standards/"),
    ("social prescribing", "/our-work/prevention/social-prescribing/"),
    ("homeless health", "/our-work/health-inequalities/homeless-health/"),
    ("childhood obesity", "/our-work/prevention/great-weight-debate/"),
    ("junk food advertising", "/news/news/junk-food-advertising-restrictions-on-tfl/"),
    ("mental health in schools toolkit", "/resources/mental-health-in-schools-toolkit/"),
    ("online GP appointments", "/our-work/digital/online-gp-services/"),
    ("e-referral", "/our-work/digital/nhs-e-referral-service/"),
    ("place of safety", "/resources/section-136-place-of-safety-case-study/"),
    ("health inequalities", "/our-work/health-inequalities/"),
    ("World AIDS Day", "/news/blog/world-aids-day-london-fast-track-city/"),
    ("2018 highlights", "/news/videos/our-year-in-2018/"),
    ('"mental health in schools"', "/our-work/children-and-young-people/mental-health-in-schools/"),
    ('"primary care"', "/our-work/primary-care/"),
    # Typos
    ("asthama", "/our-work/children-and-young-people/asthma/"),
    ("homelessnes", "/our-work/health-inequalities/homeless-health/"),
    ("prescibing", "/our-work/prevention/social-prescribing/"),
    ("obesety", "/our-work/prevention/great-weight-debate/"),
    ("inequalites", "/our-work/health-inequalities/"),
    ("Maudsly", "/partners/south-london-and-maudsley-nhs-foundation-trust/"),
    # Abbreviations
    ("CYP", "/our-work/children-and-young-people/"),
    ("MH", "/our-work/mental-health/"),
    ("GP", "/our-work/primary-care/"),
    ("HIV", "/our-work/prevention/hiv-fast-track-city/"),
    ("A&E", "/our-work/mental-health/crisis-care/"),
    ("Thrive", "/our-work/mental-health/thrive-ldn/"),
    ("TfL", "/partners/transport-for-london/"),
    ("GLA", "/partners/greater-london-authority/"),
    ("CYP asthma", "/our-work/children-and-young-people/asthma/"),
]
QUERIES += [  # natural-language
    ("link worker", "/our-work/prevention/social-prescribing/"),
    ("mental health crisis police", "/our-work/mental-health/crisis-care/"),
    ("health advice app for young people", "/our-work/children-and-young-people/nhs-go/"),
    # The asthma standards' chapter on schools (publications) now answers it best.
    (
        "asthma in schools",
        "/resources/london-asthma-standards-for-children-and-young-people/schools/",
    ),
    ("fast track city", "/our-work/prevention/hiv-fast-track-city/"),
    (
        "director 2018 review",
        "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
    ),
]

# Queries the site does not answer well yet (a person's role, not a word on the page).
KNOWN_HARD = {"director 2018 review"}
TOP = 3
SHARE = 0.9


def top_urls(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [page.url for page in response.context["result_list"]][:TOP]


@pytest.mark.parametrize(
    ("query", "url"),
    [
        pytest.param(query, url, marks=pytest.mark.xfail(strict=False))
        if query in KNOWN_HARD
        else (query, url)
        for query, url in QUERIES
    ],
)
def test_expected_page_in_top_three(client, query, url):
    assert url in top_urls(client, query)


def test_at_least_ninety_percent_in_top_three(client):
    assert len(QUERIES) >= 30
    missed = [query for query, url in QUERIES if url not in top_urls(client, query)]
    share = 1 - len(missed) / len(QUERIES)
    assert share >= SHARE, f"{share:.0%} in the top {TOP}; missed: {missed}"
