import re
from django.urls import reverse
from tests.test_workflow import *  # noqa

def test_probe(client, editor, moderator):
    page = draft_post(owner=editor, title="Probe post")
    ec = client_for(type(client), editor)
    state = submit(ec, page)
    act(client_for(type(client), moderator), page, state, "reject", "Fix the figures")
    html = ec.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    open("/tmp/so/edit.html", "w").write(html)
    html = ec.get(reverse("wagtailadmin_home")).content.decode()
    open("/tmp/so/home.html", "w").write(html)
