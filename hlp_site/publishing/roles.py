"""The comms team's roles (Editors, Moderators, Administrators) and the "Comms sign-off" workflow.

Everything here takes an `apps` registry, so the same code runs inside the data migration
(historical models) and at run time (`django.apps.apps`).

Page permissions come in two layers:
- site-wide ones, on the tree root, which exists in every database: Moderators and
  Administrators publish anywhere. The data migration grants them.
- section ones, on the section index pages (News, blogs & videos; Resources; Our work;
  Partners), which exist only once the site is built (by `load_demo_content` or by hand in
  the admin): Editors add and edit below them, and the first three get the "Comms sign-off"
  workflow. `grant_section_roles` grants them; the migration calls it for sections already in
  the database, and a post_save signal (see apps.py) calls it when a section is created.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Comms sign-off"
TASK_NAME = "Comms approval"

PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
MODERATOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
EDITOR_PAGE_PERMISSIONS = ["add", "change"]

# Section index models: (app label, model name) -> does the section go through sign-off?
SECTION_MODELS = {
    ("blog", "newsindexpage"): True,
    ("resources", "resourceindexpage"): True,
    ("programmes", "programmeindexpage"): True,
    ("events", "eventindexpage"): True,
    # Editors edit partner pages too; they use Wagtail's default workflow from the root
    # ("Moderators approval": the same single Moderators step).
    ("programmes", "partnerindexpage"): False,
}

# Model permissions (app label, model, actions).
EDITOR_MODEL_PERMISSIONS = [("blog", "author", ["add", "change", "view"])]
MODERATOR_MODEL_PERMISSIONS = [
    ("blog", "author", ["add", "change", "delete", "view", "publish", "lock", "unlock"]),
    ("taggit", "tag", ["add", "change", "delete", "view"]),
    ("core", "sitesettings", ["change"]),
    ("wagtailredirects", "redirect", ["add", "change", "delete", "view"]),
]
ADMINISTRATOR_MODEL_PERMISSIONS = [
    *MODERATOR_MODEL_PERMISSIONS,
    ("auth", "user", ["add", "change", "delete", "view"]),
    ("auth", "group", ["add", "change", "delete", "view"]),
    ("wagtailcore", "workflow", ["add", "change", "delete"]),
    ("wagtailcore", "task", ["add", "change", "delete"]),
    ("wagtailcore", "site", ["add", "change", "delete"]),
]


def _permission(apps, app_label, model, codename):
    # Permissions are normally made after migrating (post_migrate); make them now if needed.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def page_permission(apps, action):
    return _permission(apps, "wagtailcore", "page", f"{action}_page")


def _grant_page(apps, group, page_id, actions):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=page_permission(apps, action)
        )


def _grant_models(apps, group, specs):
    for app_label, model, actions in specs:
        group.permissions.add(
            *(_permission(apps, app_label, model, f"{action}_{model}") for action in actions)
        )


def comms_workflow(apps):
    """The "Comms sign-off" workflow (one Moderators approval step), made if missing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set([Group.objects.get(name=MODERATORS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


# Snippets whose changes go through the "Comms sign-off" workflow (app label, model name).
SIGNED_OFF_SNIPPETS = [("blog", "author")]


def assign_snippet_workflows(apps):
    """Give the signed-off snippets the "Comms sign-off" workflow, and Moderators and
    Administrators the right to publish, lock and unlock them; safe to run again."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=MODERATORS).exists():
        return  # roles not created yet: create_roles calls this again
    for name, specs in [
        (MODERATORS, MODERATOR_MODEL_PERMISSIONS),
        (ADMINISTRATORS, ADMINISTRATOR_MODEL_PERMISSIONS),
    ]:
        group = Group.objects.filter(name=name).first()
        if group is not None:
            _grant_models(apps, group, specs)
    for app_label, model in SIGNED_OFF_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": comms_workflow(apps)}
        )


def create_roles(apps):
    """Groups, their site-wide permissions and the workflow; safe to run again."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1).first()

    # Wagtail's own migration made Editors and Moderators with rights on the whole tree.
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    for group in (editors, moderators, administrators):
        group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin"))

    # Editors work only inside the sections (granted per section), never publish.
    GroupPagePermission.objects.filter(group=editors, page__depth__lte=2).delete()
    GroupPagePermission.objects.filter(
        group=editors, permission__codename__in=["publish_page", "bulk_delete_page"]
    ).delete()
    if root is not None:
        _grant_page(apps, moderators, root.pk, MODERATOR_PAGE_PERMISSIONS)
        _grant_page(apps, administrators, root.pk, PAGE_PERMISSIONS)
    _grant_models(apps, editors, EDITOR_MODEL_PERMISSIONS)
    _grant_models(apps, moderators, MODERATOR_MODEL_PERMISSIONS)
    _grant_models(apps, administrators, ADMINISTRATOR_MODEL_PERMISSIONS)

    # Images and documents: everyone can upload and choose (Wagtail gives Editors and
    # Moderators these on the root collection); Administrators get the same.
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for grant in GroupCollectionPermission.objects.filter(group=moderators):
        GroupCollectionPermission.objects.get_or_create(
            group=administrators, collection_id=grant.collection_id, permission=grant.permission
        )
    comms_workflow(apps)
    assign_snippet_workflows(apps)

    for (app_label, model_name), _ in SECTION_MODELS.items():
        if app_label not in apps.app_configs:  # a section app migrated after this runs
            continue
        for page in apps.get_model(app_label, model_name).objects.all():
            grant_section_roles(apps, page.pk, app_label, model_name)


def grant_section_roles(apps, page_id, app_label, model_name):
    """Editors' rights on one section index page, and its workflow; safe to run again."""
    signed_off = SECTION_MODELS.get((app_label, model_name.lower()))
    if signed_off is None:
        return
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:  # roles not created (a database migrated without this app)
        return
    _grant_page(apps, editors, page_id, EDITOR_PAGE_PERMISSIONS)
    if signed_off:
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
        WorkflowPage.objects.update_or_create(
            page_id=page_id, defaults={"workflow": comms_workflow(apps)}
        )
