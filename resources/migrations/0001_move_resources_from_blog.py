"""ResourceIndexPage, ResourcePage and their tags and downloads move here from the news app
(label "blog"), keeping every row.

The models are declared here (state only, on the tables they already have), blog's
0007 forgets them (state only), the tables are renamed to this app's names, and the four
content types are relabelled in place: pages, revisions, log entries, permissions and
the reference index point at content types by id, so they all follow without a row being
copied. Tags (resources_resourcepagetag) and downloads keep their ids; image and document
links are columns of the renamed tables.
"""

import django.core.validators
import django.db.models.deletion
import hlp_site.core.pages
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.fields
import wagtailnhsukfrontend.blocks
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ["resourceindexpage", "resourcepage", "resourcepagetag", "resourcedocument"]


def relabel_content_types(old_label, new_label):
    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED_MODELS:
            if ContentType.objects.filter(app_label=old_label, model=model).exists():
                # A content type made for the new label before this ran (nothing can use
                # it: the model had no table) would block the rename.
                ContentType.objects.filter(app_label=new_label, model=model).delete()
                ContentType.objects.filter(app_label=old_label, model=model).update(
                    app_label=new_label
                )
        ContentType.objects.clear_cache()

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0009_author_drafts_and_kind"),
        # Its data migration reads blog.ResourcePage: it must run before the move.
        ("content_review", "0002_review_roles_and_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ResourceIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "review_interval_months",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="How often this page is checked. Empty: the usual interval for this type.",
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(120),
                                ],
                                verbose_name="review every (months)",
                            ),
                        ),
                        ("last_reviewed", models.DateField(blank=True, null=True)),
                        (
                            "next_review_due",
                            models.DateField(
                                blank=True,
                                db_index=True,
                                help_text="Empty: worked out from the last review and the interval.",
                                null=True,
                            ),
                        ),
                        ("intro", models.TextField(blank=True, max_length=500)),
                        (
                            "content_owner",
                            models.ForeignKey(
                                blank=True,
                                help_text="The person who keeps this page true. Gets the review reminders.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="owner",
                            ),
                        ),
                        (
                            "owning_team",
                            models.ForeignKey(
                                blank=True,
                                help_text="The team's Moderators hear about this page when its review is late.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="auth.group",
                                verbose_name="owning team",
                            ),
                        ),
                        (
                            "share_image",
                            models.ForeignKey(
                                blank=True,
                                help_text="The picture shown when this page is shared on social media or in messaging apps; cropped to 1200 by 630. Leave empty to use the page's main image.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "blog_resourceindexpage",
                        "abstract": False,
                    },
                    bases=(
                        hlp_site.core.pages.OneQueryViewRestrictionsMixin,
                        "wagtailcore.page",
                        models.Model,
                    ),
                ),
                migrations.CreateModel(
                    name="ResourcePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "review_interval_months",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="How often this page is checked. Empty: the usual interval for this type.",
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(120),
                                ],
                                verbose_name="review every (months)",
                            ),
                        ),
                        ("last_reviewed", models.DateField(blank=True, null=True)),
                        (
                            "next_review_due",
                            models.DateField(
                                blank=True,
                                db_index=True,
                                help_text="Empty: worked out from the last review and the interval.",
                                null=True,
                            ),
                        ),
                        (
                            "resource_type",
                            models.CharField(
                                choices=[
                                    ("case-study", "Case study"),
                                    ("publication", "Publication"),
                                    ("toolkit", "Toolkit"),
                                    ("guidance", "Guidance"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("date", models.DateField(verbose_name="Publication date")),
                        ("summary", models.TextField(max_length=500)),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("quote", 7),
                                    ("image", 12),
                                    ("video", 23),
                                    ("call_to_action", 28),
                                    ("inset_text", 30),
                                    ("warning_callout", 33),
                                    ("action_link", 38),
                                    ("card_group", 54),
                                    ("details", 64),
                                    ("expander", 64),
                                ],
                                blank=True,
                                block_lookup={
                                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Level 2"),
                                                ("h3", "Level 3"),
                                                ("h4", "Level 4"),
                                            ],
                                            "help_text": "Start at level 2 and do not skip levels; the page title is level 1.",
                                        },
                                    ),
                                    2: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 0), ("level", 1)]],
                                        {},
                                    ),
                                    3: ("hlp_site.core.blocks.ParagraphBlock", (), {}),
                                    4: ("wagtail.blocks.TextBlock", (), {}),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Who said it.",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    6: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "For example: HLP director",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    7: (
                                        "wagtail.blocks.StructBlock",
                                        [[("quote", 4), ("attribution", 5), ("role", 6)]],
                                        {},
                                    ),
                                    8: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for people who cannot see it. Leave empty only if decorative.",
                                            "max_length": 250,
                                            "required": False,
                                        },
                                    ),
                                    10: (
                                        "wagtail.blocks.BooleanBlock",
                                        (),
                                        {
                                            "help_text": "Tick if the image adds nothing a reader needs (no alt text).",
                                            "required": False,
                                        },
                                    ),
                                    11: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"max_length": 250, "required": False},
                                    ),
                                    12: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("image", 8),
                                                ("alt_text", 9),
                                                ("decorative", 10),
                                                ("caption", 11),
                                            ]
                                        ],
                                        {},
                                    ),
                                    13: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {
                                            "help_text": "A YouTube or Vimeo link; or leave empty and choose a video file.",
                                            "required": False,
                                        },
                                    ),
                                    14: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {
                                            "help_text": "Or a video file (MP4 or WebM) uploaded to Documents.",
                                            "required": False,
                                        },
                                    ),
                                    15: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Names the video for screen readers.",
                                            "max_length": 200,
                                        },
                                    ),
                                    16: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "bold",
                                                "italic",
                                                "link",
                                                "document-link",
                                                "ol",
                                                "ul",
                                            ],
                                            "help_text": "Everything said and shown. Needed to publish.",
                                            "required": False,
                                        },
                                    ),
                                    17: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {
                                            "help_text": "A WebVTT caption file (.vtt) from Documents."
                                        },
                                    ),
                                    18: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "en",
                                            "help_text": "Its language code: en for English, cy for Welsh.",
                                            "max_length": 35,
                                        },
                                    ),
                                    19: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "English",
                                            "help_text": "What the player shows.",
                                            "max_length": 60,
                                        },
                                    ),
                                    20: (
                                        "wagtail.blocks.StructBlock",
                                        [[("file", 17), ("language", 18), ("label", 19)]],
                                        {},
                                    ),
                                    21: (
                                        "wagtail.blocks.ListBlock",
                                        (20,),
                                        {
                                            "default": [],
                                            "help_text": "For a video file: its captions, one WebVTT file per language.",
                                        },
                                    ),
                                    22: (
                                        "wagtail.blocks.BooleanBlock",
                                        (),
                                        {
                                            "help_text": "Needed to publish: a person has watched it with captions on and corrected them.",
                                            "label": "Captions checked by a person",
                                            "required": False,
                                        },
                                    ),
                                    23: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("url", 13),
                                                ("video_file", 14),
                                                ("title", 15),
                                                ("transcript", 16),
                                                ("captions", 21),
                                                ("captions_checked", 22),
                                            ]
                                        ],
                                        {},
                                    ),
                                    24: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Say where the link goes.",
                                            "max_length": 120,
                                        },
                                    ),
                                    25: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {"required": False},
                                    ),
                                    26: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {
                                            "help_text": "Only for other websites.",
                                            "required": False,
                                        },
                                    ),
                                    27: ("wagtail.blocks.TextBlock", (), {"required": False}),
                                    28: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("text", 24),
                                                ("page", 25),
                                                ("url", 26),
                                                ("description", 27),
                                            ]
                                        ],
                                        {},
                                    ),
                                    29: ("wagtail.blocks.RichTextBlock", (), {"required": True}),
                                    30: ("wagtail.blocks.StructBlock", [[("body", 29)]], {}),
                                    31: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"default": "Important", "required": True},
                                    ),
                                    32: (
                                        "wagtail.blocks.IntegerBlock",
                                        (),
                                        {
                                            "default": 3,
                                            "help_text": "The heading level affects users with screen readers. Default=3, Min=2, Max=6.",
                                            "max_value": 6,
                                            "min_value": 2,
                                            "required": True,
                                        },
                                    ),
                                    33: (
                                        "wagtail.blocks.StructBlock",
                                        [[("title", 31), ("heading_level", 32), ("body", 29)]],
                                        {},
                                    ),
                                    34: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Link text", "required": True},
                                    ),
                                    35: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {"label": "URL", "required": False},
                                    ),
                                    36: (
                                        "wagtail.blocks.BooleanBlock",
                                        (),
                                        {"label": "Open in new window", "required": False},
                                    ),
                                    37: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {"label": "Internal Page", "required": False},
                                    ),
                                    38: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("text", 34),
                                                ("external_url", 35),
                                                ("new_window", 36),
                                                ("internal_page", 37),
                                            ]
                                        ],
                                        {},
                                    ),
                                    39: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("", "Full-width"),
                                                ("one-half", "One-half"),
                                                ("one-third", "One-third"),
                                            ],
                                            "required": False,
                                        },
                                    ),
                                    40: ("wagtail.blocks.CharBlock", (), {"required": True}),
                                    41: (
                                        "wagtail.blocks.IntegerBlock",
                                        (),
                                        {
                                            "default": 3,
                                            "help_text": "The heading level affects users with screen readers. Ignore this if there is no label. Default=3, Min=2, Max=6.",
                                            "max_value": 6,
                                            "min_value": 2,
                                        },
                                    ),
                                    42: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("", "Default"),
                                                ("small", "Small"),
                                                ("medium", "Medium"),
                                                ("large", "Large"),
                                            ],
                                            "help_text": "The heading size affects the visual size, this follows the front-end library's sizing.",
                                            "required": False,
                                        },
                                    ),
                                    43: ("wagtail.blocks.RichTextBlock", (), {"required": False}),
                                    44: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("heading", 40),
                                                ("heading_level", 41),
                                                ("heading_size", 42),
                                                ("body", 43),
                                            ]
                                        ],
                                        {},
                                    ),
                                    45: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {
                                            "help_text": "Interal Page Link for the card",
                                            "label": "Internal Page",
                                            "required": False,
                                        },
                                    ),
                                    46: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {
                                            "help_text": "External Link for the card",
                                            "label": "URL",
                                            "required": False,
                                        },
                                    ),
                                    47: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("heading", 40),
                                                ("heading_level", 41),
                                                ("heading_size", 42),
                                                ("body", 43),
                                                ("internal_page", 45),
                                                ("url", 46),
                                            ]
                                        ],
                                        {},
                                    ),
                                    48: (
                                        "wagtail.images.blocks.ImageChooserBlock",
                                        (),
                                        {"label": "Image", "required": True},
                                    ),
                                    49: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {
                                            "help_text": "Optional, if there is a link the entire card will be clickable.",
                                            "label": "URL",
                                            "required": False,
                                        },
                                    ),
                                    50: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {
                                            "help_text": "Optional, if there is a link the entire card will be clickable.",
                                            "label": "Internal Page",
                                            "required": False,
                                        },
                                    ),
                                    51: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("heading", 40),
                                                ("heading_level", 41),
                                                ("heading_size", 42),
                                                ("body", 43),
                                                ("content_image", 48),
                                                ("alt_text", 40),
                                                ("url", 49),
                                                ("internal_page", 50),
                                            ]
                                        ],
                                        {},
                                    ),
                                    52: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("feature_heading", 40),
                                                ("heading_level", 41),
                                                ("heading_size", 42),
                                                ("body", 29),
                                            ]
                                        ],
                                        {},
                                    ),
                                    53: (
                                        "wagtail.blocks.StreamBlock",
                                        [
                                            [
                                                ("card_basic", 44),
                                                ("card_clickable", 47),
                                                ("card_image", 51),
                                                ("card_feature", 52),
                                            ]
                                        ],
                                        {"required": True},
                                    ),
                                    54: (
                                        "wagtail.blocks.StructBlock",
                                        [[("column", 39), ("body", 53)]],
                                        {},
                                    ),
                                    55: ("wagtail.blocks.RichTextBlock", (), {}),
                                    56: (
                                        "wagtail.images.blocks.ImageChooserBlock",
                                        (),
                                        {"required": True},
                                    ),
                                    57: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Only leave this blank if the image is decorative.",
                                            "required": False,
                                        },
                                    ),
                                    58: ("wagtail.blocks.CharBlock", (), {"required": False}),
                                    59: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("content_image", 56),
                                                ("alt_text", 57),
                                                ("caption", 58),
                                            ]
                                        ],
                                        {},
                                    ),
                                    60: (
                                        "wagtail.blocks.ListBlock",
                                        (wagtailnhsukfrontend.blocks.SummaryListRowBlock,),
                                        {},
                                    ),
                                    61: (
                                        "wagtail.blocks.BooleanBlock",
                                        (),
                                        {"default": False, "required": False},
                                    ),
                                    62: (
                                        "wagtail.blocks.StructBlock",
                                        [[("rows", 60), ("no_border", 61)]],
                                        {},
                                    ),
                                    63: (
                                        "wagtail.blocks.StreamBlock",
                                        [
                                            [
                                                ("richtext", 55),
                                                ("action_link", 38),
                                                ("inset_text", 30),
                                                ("image", 59),
                                                ("feature_card", 52),
                                                ("warning_callout", 33),
                                                ("summary_list", 62),
                                            ]
                                        ],
                                        {"required": True},
                                    ),
                                    64: (
                                        "wagtail.blocks.StructBlock",
                                        [[("title", 40), ("body", 63)]],
                                        {},
                                    ),
                                },
                            ),
                        ),
                        (
                            "content_owner",
                            models.ForeignKey(
                                blank=True,
                                help_text="The person who keeps this page true. Gets the review reminders.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="owner",
                            ),
                        ),
                        (
                            "owning_team",
                            models.ForeignKey(
                                blank=True,
                                help_text="The team's Moderators hear about this page when its review is late.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="auth.group",
                                verbose_name="owning team",
                            ),
                        ),
                        (
                            "share_image",
                            models.ForeignKey(
                                blank=True,
                                help_text="The picture shown when this page is shared on social media or in messaging apps; cropped to 1200 by 630. Leave empty to use the page's main image.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "blog_resourcepage",
                        "abstract": False,
                    },
                    bases=(
                        hlp_site.core.pages.OneQueryViewRestrictionsMixin,
                        "wagtailcore.page",
                        models.Model,
                    ),
                ),
                migrations.CreateModel(
                    name="ResourceDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "document",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtaildocs.document",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="resources.resourcepage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "blog_resourcedocument",
                        "ordering": ["sort_order"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="ResourcePageTag",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "content_object",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tagged_items",
                                to="resources.resourcepage",
                            ),
                        ),
                        (
                            "tag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="%(app_label)s_%(class)s_items",
                                to="taggit.tag",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "blog_resourcepagetag",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="resourcepage",
                    name="tags",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(
                        blank=True,
                        help_text="Tag the programmes this is about; it then appears on those programme pages.",
                        through="resources.ResourcePageTag",
                        to="taggit.Tag",
                        verbose_name="Tags",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="resourceindexpage", table=None),
        migrations.AlterModelTable(name="resourcepage", table=None),
        migrations.AlterModelTable(name="resourcedocument", table=None),
        migrations.AlterModelTable(name="resourcepagetag", table=None),
        migrations.RunPython(
            relabel_content_types("blog", "resources"),
            relabel_content_types("resources", "blog"),
        ),
    ]
