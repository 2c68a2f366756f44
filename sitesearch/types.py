"""The kinds of result search shows, filters by and counts.

To add a type (events, publications...), append a ResultType to RESULT_TYPES. A type is
a page model, optionally narrowed to pages under index pages of one kind (news, blog and
videos are all `blog.ArticlePage`, told apart by their parent ArticleIndexPage); its
`date` and `summary` are lookups from the base Page model to the type's own fields (a
DateField or DateTimeField; a text field), used for the year filter, recency and the
snippet. `boost` multiplies relevance: programmes, publications and resources outrank
news for the same words; `ages` says that the type loses weight as it gets old (news).
Types whose app is not installed are skipped, so an entry may come before its app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import TruncDate


@dataclass(frozen=True)
class ResultType:
    slug: str  # in the URL: ?type=<slug>
    label: str  # on each result
    plural: str  # in the filter
    model: str  # app_label.ModelName
    kind: str = ""  # for blog.ArticlePage: the ArticleIndexPage kind
    date: str = ""  # lookup from Page, e.g. "articlepage__date"
    summary: str = ""  # lookup from Page, e.g. "articlepage__intro"
    boost: float = 1.0
    ages: bool = False

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def content_type_id(self):
        # ContentType's own cache: one query per process, none per request.
        return ContentType.objects.get_for_model(self.model_class, for_concrete_model=False).pk


RESULT_TYPES = [
    ResultType(
        "programme", "Programme", "Programmes", "programmes.ProgrammePage",
        summary="programmepage__summary", boost=1.6,
    ),
    ResultType(
        "publication", "Publication", "Publications", "publications.PublicationPage",
        date="publicationpage__date", summary="publicationpage__summary", boost=1.4,
    ),
    ResultType(
        "chapter", "Publication chapter", "Publication chapters",
        "publications.PublicationChapterPage",
        summary="publicationchapterpage__summary", boost=1.4,
    ),
    ResultType(
        "resource", "Resource", "Resources", "resources.ResourcePage",
        date="resourcepage__date", summary="resourcepage__summary", boost=1.4,
    ),
    ResultType(
        "event", "Event", "Events", "events.EventPage",
        date="eventpage__start_at", summary="eventpage__summary", boost=1.2,
    ),
    ResultType(
        "partner", "Partner", "Partners", "programmes.PartnerOrganisationPage",
        summary="partnerorganisationpage__description",
    ),
    ResultType(
        "news", "News", "News", "blog.ArticlePage", kind="news",
        date="articlepage__date", summary="articlepage__intro", ages=True,
    ),
    ResultType(
        "blog", "Blog", "Blogs", "blog.ArticlePage", kind="blog",
        date="articlepage__date", summary="articlepage__intro", ages=True,
    ),
    ResultType(
        "video", "Video", "Videos", "blog.ArticlePage", kind="video",
        date="articlepage__date", summary="articlepage__intro", ages=True,
    ),
]  # fmt: skip

# Through models linking pages to taggit tags: a page carrying a programme's tags belongs
# to that programme (the rule programme pages use, ProgrammePage.tag_ids()). Add a new
# tagged type's through model here.
TAGGED_THROUGH_MODELS = ["blog.ArticlePageTag", "resources.ResourcePageTag"]

# Pages of any other model (the home page, standard pages, indexes).
OTHER = ResultType("page", "Page", "Other pages", "wagtailcore.Page")


def _field_exists(lookup):
    """Whether a Page lookup such as "eventpage__start" names a real field."""
    from wagtail.models import Page

    model = Page
    try:
        for part in lookup.split("__"):
            model_field = model._meta.get_field(part)
            model = model_field.related_model or model
    except Exception:
        return None
    return model_field


def installed_types():
    """RESULT_TYPES whose model exists (and whose lookups do)."""
    found = []
    for result_type in RESULT_TYPES:
        app_label, _ = result_type.model.split(".")
        if app_label not in apps.app_configs:
            continue
        try:
            result_type.model_class  # noqa: B018 - raises LookupError if missing
        except LookupError:
            continue
        if result_type.date and _field_exists(result_type.date) is None:
            continue
        if result_type.summary and _field_exists(result_type.summary) is None:
            continue
        found.append(result_type)
    return found


def by_slug():
    return {result_type.slug: result_type for result_type in installed_types()}


def date_expression(types):
    """One date per page from whichever dated type it is (None for undated pages)."""
    parts = []
    for result_type in types:
        if not result_type.date or any(part == result_type.date for part in parts):
            continue
        parts.append(result_type.date)
    expressions = []
    for lookup in parts:
        model_field = _field_exists(lookup)
        expression = models.F(lookup)
        if isinstance(model_field, models.DateTimeField):
            expression = TruncDate(lookup)
        expressions.append(expression)
    if not expressions:
        return models.Value(None, output_field=models.DateField())
    if len(expressions) == 1:
        return expressions[0]
    return models.functions.Coalesce(*expressions, output_field=models.DateField())


def summary_expression(types):
    lookups = []
    for result_type in types:
        if result_type.summary and result_type.summary not in lookups:
            lookups.append(result_type.summary)
    if not lookups:
        return models.Value("", output_field=models.TextField())
    return models.functions.Coalesce(
        *[models.F(lookup) for lookup in lookups],
        models.Value(""),
        output_field=models.TextField(),
    )


def tagged_through_models():
    found = []
    for label in TAGGED_THROUGH_MODELS:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found
