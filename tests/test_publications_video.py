"""The video block: click-to-load embeds, transcripts and checked captions required to
publish or submit (not to save a draft), allowed hosts, self-hosted files with WebVTT."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text

from hlp_site.core.blocks import CAPTIONS_UNCHECKED, TRANSCRIPT_REQUIRED
from hlp_site.demo.content import review_2018
from hlp_site.security.uploads import check_document_content
from news.models import ArticlePage
from tests.editing import draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=HLPdemo2018"
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello, London.\n"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("video-admin", "v@example.com", "pw")
    client.force_login(user)
    return client


def document(title, filename, content):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file = ContentFile(content, name=filename)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def video(url="", title="Our year", transcript="", checked=False, video_file=None, captions=()):
    """The video block's form data, as the page editor posts it."""
    value = {
        "url": url,
        "video_file": str(video_file.pk) if video_file else "",
        "title": title,
        "transcript": rich_text(transcript) if transcript else rich_text(""),
        "captions": {
            "count": len(captions),
            **{
                str(n): {
                    "value": {"file": str(doc.pk), "language": "en", "label": "English"},
                    "deleted": "",
                    "order": n,
                    "id": "",
                }
                for n, doc in enumerate(captions)
            },
        },
    }
    if checked:
        value["captions_checked"] = "on"
    return ("video", value)


def post_with(client, page, block, action):
    data = set_body(edit_form(client, page), [("paragraph", "<p>Watch this.</p>"), block])
    return post_edit(client, page, data, action=action)


def errors_of(response):
    return response.content.decode()


@pytest.fixture
def post(admin_client):
    return draft_post(owner=None)


def test_publish_needs_a_transcript(admin_client, post):
    response = post_with(admin_client, post, video(YOUTUBE, checked=True), "publish")
    assert response.status_code == 200
    assert TRANSCRIPT_REQUIRED in errors_of(response)
    assert not ArticlePage.objects.get(pk=post.pk).live


def test_publish_needs_captions_checked_by_a_person(admin_client, post):
    block = video(YOUTUBE, transcript="<p>Hello, London.</p>")
    response = post_with(admin_client, post, block, "publish")
    assert response.status_code == 200
    # Block errors reach the editor as JSON for the StreamField editor.
    assert CAPTIONS_UNCHECKED.rsplit(";", 1)[1].strip() in errors_of(response)
    assert not ArticlePage.objects.get(pk=post.pk).live


def test_submit_for_review_needs_them_too(admin_client, post):
    response = post_with(admin_client, post, video(YOUTUBE), "submit")
    assert response.status_code == 200
    assert TRANSCRIPT_REQUIRED in errors_of(response)
    post.refresh_from_db()
    assert post.current_workflow_state is None


def test_a_draft_may_be_saved_without_them(admin_client, post):
    response = post_with(admin_client, post, video(YOUTUBE), "save")
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=post.pk).get_latest_revision_as_object()
    (saved,) = [b.value for b in draft.body if b.block_type == "video"]
    assert saved["url"] == YOUTUBE and not saved["captions_checked"]


def test_publish_with_transcript_and_checked_captions(admin_client, client, post):
    block = video(YOUTUBE, transcript="<p>Hello, London.</p>", checked=True)
    response = post_with(admin_client, post, block, "publish")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=post.pk).live


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video.mp4",
        "https://www.youtube.evil.example/watch?v=abcdefghijk",
        "javascript:alert(1)",
    ],
)
def test_only_allowed_video_hosts_even_in_a_draft(admin_client, post, url):
    revisions = post.revisions.count()
    response = post_with(admin_client, post, video(url), "save")
    assert response.status_code == 200
    html = errors_of(response)
    assert "Enter a YouTube or Vimeo video link" in html or "Enter a valid URL" in html
    assert post.revisions.count() == revisions  # nothing saved


def test_self_hosted_video_with_webvtt_captions(admin_client, client, post):
    mp4 = document("Our year (video)", "our-year.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    captions = document("Our year (captions)", "our-year.vtt", VTT)
    block = video(
        video_file=mp4, transcript="<p>Hello, London.</p>", checked=True, captions=[captions]
    )
    response = post_with(admin_client, post, block, "publish")
    assert response.status_code == 302, errors_of(response)[:2000]
    html = client.get(ArticlePage.objects.get(pk=post.pk).url).content.decode()
    assert f'<source src="{mp4.url}" type="video/mp4">' in html
    assert (
        f'<track kind="captions" src="{captions.url}" srclang="en" label="English" default>' in html
    )


def test_caption_file_that_is_not_webvtt_is_refused(admin_client, post):
    mp4 = document("Clip", "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    not_vtt = document("Not captions", "notes.txt", b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n")
    block = video(video_file=mp4, transcript="<p>Hi.</p>", checked=True, captions=[not_vtt])
    response = post_with(admin_client, post, block, "save")  # even a draft
    assert response.status_code == 200
    assert "is not a WebVTT caption file" in errors_of(response)


def test_self_hosted_video_needs_captions_to_publish(admin_client, post):
    mp4 = document("Clip", "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    block = video(video_file=mp4, transcript="<p>Hi.</p>", checked=True)
    response = post_with(admin_client, post, block, "publish")
    assert response.status_code == 200
    assert "Add the video&#x27;s captions as a WebVTT file." in errors_of(response)


def test_link_and_file_together_are_refused(admin_client, post):
    mp4 = document("Clip", "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    response = post_with(admin_client, post, video(YOUTUBE, video_file=mp4), "save")
    assert response.status_code == 200
    assert "Give a link or a video file, not both." in errors_of(response)


def test_uploads_check_video_and_caption_files():
    check_document_content(SimpleUploadedFile("captions.vtt", VTT))
    check_document_content(
        SimpleUploadedFile("clip.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 8)
    )
    for name, content in [
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nSRT, not WebVTT\n"),
        ("clip.mp4", b"<html>not a video</html>"),
        ("clip.webm", b"RIFF....WEBP"),
    ]:
        with pytest.raises(ValidationError):
            check_document_content(SimpleUploadedFile(name, content))


# Click-to-load ------------------------------------------------------------------------------


def test_embed_waits_for_a_click(client):
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    html = client.get(review.url).content.decode()
    assert "<iframe" not in html  # nothing loads from the video host with the page
    placeholder = re.search(r'<div class="hlp-video__frame hlp-video__placeholder"[^>]*>', html)[0]
    assert (
        'data-hlp-video-embed="https://www.youtube-nocookie.com/embed/HLPdemo2018?autoplay=1"'
        in placeholder
    )
    assert review_2018.HIGHLIGHTS_VIDEO_TITLE in html
    # Without JavaScript: a link to the video on its host, and the transcript.
    assert f'<a href="{review_2018.HIGHLIGHTS_VIDEO_URL}">Watch' in html
    assert "data-hlp-video-play hidden" in html  # the play button appears with the script
    assert re.search(r'href="#(video-[0-9a-f]{8})-transcript"', html)
    video_id = re.search(r'href="#(video-[0-9a-f]{8})-transcript"', html)[1]
    assert f'<details class="nhsuk-details" id="{video_id}-transcript">' in html
    assert "Thank you, and here’s to 2019." in html
    assert '<script type="module" src="/static/js/video.js"></script>' in html


def test_review_2018_video_has_its_transcript_and_checked_captions():
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    (value,) = [b.value for b in review.body if b.block_type == "video"]
    assert value["url"] == review_2018.HIGHLIGHTS_VIDEO_URL
    assert "None of this would be possible" in value["transcript"].source
    assert value["captions_checked"]
