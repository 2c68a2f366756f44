"""Demo pictures drawn with Pillow at run time: no network, no binary files in the repo.

Hero images are soft two-colour gradients with a few circles and a caption; partner logos
are plain wordmarks. They are placeholders an editor replaces, not real artwork or logos.
"""

import io
from functools import cache

from PIL import Image, ImageChops, ImageDraw, ImageFont

# NHS identity colours (https://www.england.nhs.uk/nhsidentity/identity-guidelines/colours/)
NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_BRIGHT_BLUE = "#0072ce"
NHS_LIGHT_BLUE = "#41b6e6"
NHS_AQUA_GREEN = "#00a499"
NHS_GREEN = "#009639"
NHS_PURPLE = "#330072"
NHS_DARK_PINK = "#7c2855"
NHS_ORANGE = "#ed8b00"
NHS_WARM_YELLOW = "#ffb81c"
NHS_DARK_GREY = "#425563"
WHITE = "#ffffff"

# The colours by the names the data files use ("NHS blue").
COLOURS = {
    "NHS blue": NHS_BLUE,
    "NHS dark blue": NHS_DARK_BLUE,
    "NHS bright blue": NHS_BRIGHT_BLUE,
    "NHS light blue": NHS_LIGHT_BLUE,
    "NHS aqua green": NHS_AQUA_GREEN,
    "NHS green": NHS_GREEN,
    "NHS purple": NHS_PURPLE,
    "NHS dark pink": NHS_DARK_PINK,
    "NHS orange": NHS_ORANGE,
    "NHS warm yellow": NHS_WARM_YELLOW,
    "NHS dark grey": NHS_DARK_GREY,
}

HERO_SIZE = (1200, 675)
LOGO_SIZE = (480, 240)

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSans-Bold.ttf",
)


@cache
def font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _fit(draw, text, max_width, size):
    """The largest font (from `size` down) at which `text` fits in `max_width`."""
    while size > 12:
        if draw.textlength(text, font=font(size)) <= max_width:
            break
        size -= 2
    return font(size)


def hero_jpeg(caption, start, end):
    """A diagonal gradient from `start` to `end`, three translucent circles and a caption."""
    width, height = HERO_SIZE
    gradient = Image.linear_gradient("L")
    mask = ImageChops.add(
        gradient.resize(HERO_SIZE), gradient.rotate(90).resize(HERO_SIZE), scale=2
    )
    picture = Image.composite(
        Image.new("RGB", HERO_SIZE, _rgb(end)), Image.new("RGB", HERO_SIZE, _rgb(start)), mask
    )
    overlay = Image.new("RGBA", HERO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for cx, cy, radius, alpha in ((960, 140, 260, 46), (1080, 560, 180, 38), (180, 620, 220, 30)):
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255, alpha)
        )
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(picture)
    text_font = _fit(draw, caption, width - 160, 72)
    draw.text((80, height - 150), caption, font=text_font, fill=WHITE, anchor="ls")
    draw.rectangle((80, height - 120, 240, height - 108), fill=WHITE)
    return _encode(picture.convert("RGB"), "JPEG", quality=85)


def logo_png(name, colour):
    """A wordmark: the organisation's name in white on a coloured block."""
    picture = Image.new("RGB", LOGO_SIZE, _rgb(colour))
    draw = ImageDraw.Draw(picture)
    width, height = LOGO_SIZE
    lines = _wrap(draw, name, width - 48, 40)
    text_font = font(40 if len(lines) == 1 else 34)
    line_height = text_font.size + 8
    top = (height - line_height * len(lines)) // 2 + text_font.size
    for number, line in enumerate(lines):
        draw.text((24, top + number * line_height), line, font=text_font, fill=WHITE, anchor="ls")
    return _encode(picture, "PNG")


def _wrap(draw, text, max_width, size):
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font(size)) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines[:3]


def _encode(picture, image_format, **options):
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()
