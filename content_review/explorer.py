"""Owner, team, last reviewed and next review due in the admin's page explorer.

How: Wagtail (7.4 and later) customises the page explorer through a `PageViewSet`
registered with the `register_admin_viewset` hook ("Customizing the default page
listings" in its docs); `ReviewPageViewSet` below is that viewset for every page type
(`model = Page`), with the review columns added to its documented `columns` and the two
listing views set through its documented `index_view_class` and
`content_type_use_view_class`. This is the least fragile public route:

- overriding the `wagtailadmin_explore` URL would bypass Wagtail's router (it picks the
  listing view from the parent page's type, so page-type viewsets would stop working) and
  would have to copy the URL patterns of the version installed;
- the `construct_explorer_page_queryset` hook runs after the listing has been ordered
  and has no say over columns, so it could neither add the columns nor sort by a date.

Queries: the explorer already loads each row as its specific page (one query per page
type on the screen, Wagtail's own), so the dates are on the reviewed rows already. The
owner and team of the rows on the screen are fetched together, like the report's
`decorate_rows`: one query for the people and one for the teams whatever the number of
rows (and one for ended programmes when programmes are listed). A listing with no reviewed
page (a blog's posts) runs none of these and shows no review columns. Sorting by a
review date adds one expression to the listing's own query (a join per reviewed page type
when pages of mixed types are listed).
"""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.viewsets.pages import PageViewSet

from content_review.dates import today
from content_review.models import (
    ArchiveMixin,
    ContentReviewMixin,
    reviewed_page_models,
    under_archived,
)
from content_review.review import review_status

# The sort key is named like the field, so ?ordering=next_review_due reads as in the report.
SORTABLE_FIELDS = ("next_review_due",)


class OwnerColumn(Column):
    """The owner's name with the owning team below it."""

    cell_template_name = "content_review/admin/owner_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["review"] = getattr(instance, "content_review", None)
        return context


class NextReviewColumn(Column):
    """The next review date (a date, "3 Mar 2027", not "in 11 months": reviews are planned
    by the day), tagged "Overdue" when it has passed (editors only: the public site never
    says a page is overdue), with the last review below it."""

    cell_template_name = "content_review/admin/next_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["review"] = getattr(instance, "content_review", None)
        return context


# Two columns, not four: Wagtail's own columns take 46% of the explorer's width, and with
# four more the title column shrank to a few letters a line at 1280 pixels.
REVIEW_COLUMNS = [
    OwnerColumn("review_owner", label="Owner", accessor="content_review.owner_name", width="12%"),
    NextReviewColumn(
        "next_review_due",
        label="Next review due",
        accessor="content_review.next_review_due",
        sort_key="next_review_due",
        width="14%",
    ),
]
REVIEW_COLUMN_NAMES = {column.name for column in REVIEW_COLUMNS}


def owner_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def archived_ids(pages):
    """Ids of the ended programmes among `pages`, and of pages below one (a query per
    archivable page type present, none when there is none)."""
    ids_by_model = {}
    for page in pages:
        if isinstance(page, ArchiveMixin):
            ids_by_model.setdefault(type(page), []).append(page.pk)
    found = set()
    for model, ids in ids_by_model.items():
        found.update(
            model.objects.filter(pk__in=ids)
            .filter(under_archived(model))
            .values_list("pk", flat=True)
        )
    return found


def decorate_reviewed(pages):
    """Give each reviewed page of `pages` a `content_review` with its owner's and team's
    names, its dates and its status: a query for the people and one for the teams, for any
    number of pages. Returns the reviewed pages."""
    reviewed = [page for page in pages if isinstance(page, ContentReviewMixin)]
    if not reviewed:
        return reviewed
    users = get_user_model().objects.in_bulk({page.content_owner_id for page in reviewed} - {None})
    teams = Group.objects.in_bulk({page.owning_team_id for page in reviewed} - {None})
    ended = archived_ids(reviewed)
    day = today()
    for page in reviewed:
        team = teams.get(page.owning_team_id)
        page.content_review = SimpleNamespace(
            owner_name=owner_name(users.get(page.content_owner_id)),
            team_name=team.name if team else "",
            last_reviewed=page.last_reviewed,
            next_review_due=page.next_review_due,
            # An ended programme is kept for reference, not reviewed: never "Overdue".
            status=None if page.pk in ended else review_status(page.next_review_due, on=day),
        )
    return reviewed


def review_field(model, name):
    """An expression for the review field `name` on a queryset of `model`: the field
    itself for a reviewed type; for `Page` (pages of mixed types), the value from whichever
    reviewed type's table has the row; None for a type that is not reviewed."""
    if issubclass(model, ContentReviewMixin):
        return F(name)
    lookups = []
    for reviewed in reviewed_page_models():
        link = reviewed._meta.parents.get(model)  # direct subclasses (all of ours)
        if link is not None:
            lookups.append(F(f"{link.related_query_name()}__{name}"))
    if not lookups:
        return Value(None, output_field=DateField())
    return lookups[0] if len(lookups) == 1 else Coalesce(*lookups, output_field=DateField())


class ReviewColumnsMixin:
    """For Wagtail's page listing views: fill the review columns of the rows on the screen,
    leave the columns out when none of them is reviewed, and sort by a review date."""

    def get_table(self, object_list):
        # Evaluates the page of results once; the table and Wagtail's own annotations of
        # the context's object_list (parent pages when searching) share these instances.
        reviewed = decorate_reviewed(list(object_list))
        table = super().get_table(object_list)
        if not reviewed:
            for name in REVIEW_COLUMN_NAMES:
                table.columns.pop(name, None)
        return table

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()
        if self.is_searching:
            # A search backend sorts only by indexed fields (as for Wagtail's "Type").
            orderings = [key for key in orderings if key.lstrip("-") not in SORTABLE_FIELDS]
        return orderings

    def order_queryset(self, queryset):
        ordering = self.ordering if isinstance(self.ordering, str) else ""
        name = ordering.lstrip("-")
        if name not in SORTABLE_FIELDS:
            return super().order_queryset(queryset)
        value = F("_review_sort")
        # Pages that are not reviewed (no date) go last either way; tree order breaks ties,
        # so pages with the same date keep one order across pages of results.
        value = (
            value.desc(nulls_last=True) if ordering.startswith("-") else value.asc(nulls_last=True)
        )
        return queryset.annotate(_review_sort=review_field(queryset.model, name)).order_by(
            value, "path"
        )


class ReviewExplorableIndexView(ReviewColumnsMixin, ExplorableIndexView):
    """The page explorer (/admin/pages/<id>/)."""


class ReviewContentTypeUseView(ReviewColumnsMixin, ContentTypeUseView):
    """Reports > Page types usage > the pages of one type: gets the viewset's columns too."""


class ReviewPageViewSet(PageViewSet):
    index_view_class = ReviewExplorableIndexView
    content_type_use_view_class = ReviewContentTypeUseView
    columns = [*PageViewSet.columns, *REVIEW_COLUMNS]


review_page_viewset = ReviewPageViewSet()
