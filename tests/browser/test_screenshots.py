"""Screenshots of the site for the README, written on every run (see docs/screenshots/)."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from .conftest import IMAGES_IN_VIEW_LOADED, PROJECT_DIR, VIEWPORTS

pytestmark = pytest.mark.browser

SCREENSHOTS_DIR = Path(os.environ.get("HLP_SCREENSHOTS_DIR", PROJECT_DIR / "docs" / "screenshots"))
# Tall enough to show a page's opening, small enough to keep the repository light.
MAX_HEIGHT = {"desktop": 1200, "mobile": 1400}
PAGES = {
    "home": "/",
    "programme": "/our-work/mental-health/",
    "review-2018": "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
}


def save_png(png_bytes, path):
    """Write a compact palette PNG, leaving the file alone if its pixels are unchanged."""
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB").quantize(colors=256)
    if path.exists():
        with Image.open(path) as old:
            if (
                old.size == image.size
                and not ImageChops.difference(old.convert("RGB"), image.convert("RGB")).getbbox()
            ):
                return
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(open_page, name, viewport):
    page = open_page(viewport)
    page.goto(PAGES[name])
    page.wait_for_function(IMAGES_IN_VIEW_LOADED)
    width = VIEWPORTS[viewport]["width"]
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[viewport])

    png = page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)

    path = SCREENSHOTS_DIR / f"{name}-{viewport}.png"
    save_png(png, path)
    with Image.open(path) as saved:
        assert saved.size == (width, height)
