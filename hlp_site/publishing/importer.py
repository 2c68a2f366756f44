"""Turn an existing article (plain text, or simple HTML) into ArticlePage content.

The result has the same shape as the hand-built demo content (see
hlp_site/demo/content/review_2018.yaml): the first paragraph becomes the intro, then one
StreamField block per heading, paragraph, bulleted list and quote. "Visit the X section of our website" (and
"the X section", "the 'X' menu") become Wagtail page links to the programme or section
of that name. Everything the importer could not map is reported, not silently dropped.
"""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hlp_site.publishing.stream_data import bullets, heading, paragraph, quote, text


class ImportProblem(Exception):
    """The input cannot be imported (empty, binary, not text)."""


BULLET = re.compile(r"^\s*[•·\-*–]\s+")
DATE_FORMATS = ["%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%B %d %Y"]
ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)\b")
SPEAKER = re.compile(r"^(?P<role>[^,“”\"]{2,60}), (?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3}), ")
LINK_PHRASE = re.compile(r"\bthe (?P<name>[^.,;:<>]+?) (?P<kind>section|menu)\b")
NAVIGATION = re.compile(r"^(«|‹|<<|back to\b)", re.IGNORECASE)
OPENING_QUOTES = '“"‘'
CLOSING_QUOTES = '”"’'
SENTENCE_END = '.:!?…;,”"’)'


@dataclass
class Element:
    kind: str  # title, date, heading, paragraph, bullets, quote, breadcrumb, navigation, gap
    text: str = ""
    items: list = field(default_factory=list)
    level: str = "h2"
    line: int = 0
    attribution: str = ""
    role: str = ""


@dataclass
class ImportResult:
    title: str = ""
    date: datetime.date | None = None
    intro: str = ""
    body: list = field(default_factory=list)
    linked_pages: list = field(default_factory=list)  # pages linked, in order
    unmapped: list = field(default_factory=list)  # messages for the editor


def decode(data):
    """The text of an uploaded file, or ImportProblem with the reason."""
    if not data.strip():
        raise ImportProblem("the file is empty")
    if b"\x00" in data:
        raise ImportProblem("the file is binary, not text (save it as plain text or HTML)")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem(
            f"the file is not UTF-8 text (byte {error.start} cannot be read)"
        ) from error
    if not content.strip():
        raise ImportProblem("the file is empty")
    return content.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value):
    cleaned = ORDINAL.sub(r"\1", value.strip().replace(",", ""))
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(cleaned, date_format).date()
        except ValueError:
            continue
    return None


def looks_like_heading(line):
    line = line.strip()
    return (
        0 < len(line) <= 80
        and line[-1] not in SENTENCE_END
        and line[0] not in OPENING_QUOTES
        and not BULLET.match(line)
    )


# Reading plain text ---------------------------------------------------------------------


def text_elements(content):
    """Blank-line separated chunks as Elements; a 'gap' marks two or more blank lines."""
    elements = []
    chunk, start, blank_run = [], 0, 0
    lines = content.split("\n")

    def flush():
        if chunk:
            elements.append(chunk_element(chunk, start))

    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not chunk:
                if blank_run >= 2 and elements:
                    elements.append(Element("gap", line=number))
                start = number
            chunk.append(line)
            blank_run = 0
        else:
            flush()
            chunk = []
            blank_run += 1
    flush()
    return elements


def chunk_element(lines, start):
    if all(BULLET.match(line) for line in lines):
        return Element(
            "bullets", items=[BULLET.sub("", line).strip() for line in lines], line=start
        )
    joined = " ".join(line.strip() for line in lines)
    if len(lines) == 1 and NAVIGATION.match(joined):
        return Element("navigation", joined, line=start)
    if len(lines) == 1 and " > " in joined:
        return Element("breadcrumb", joined, line=start)
    if joined[0] in OPENING_QUOTES[:2]:
        return Element("quote", joined, line=start)
    if len(lines) == 1 and looks_like_heading(joined):
        return Element("heading", joined, line=start)
    return Element("paragraph", joined, line=start)


# Reading HTML ------------------------------------------------------------------------------


class ArticleHTMLParser(HTMLParser):
    """Block-level HTML (h1-h4, p, ul/ol/li, blockquote, cite) as Elements."""

    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "cite", "time"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []
        self.buffer = []
        self.list_items = None
        self.quote = None
        self.link = None
        self.skip = 0
        self.datetime = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "nav", "header", "footer"}:
            self.skip += 1
        elif tag in {"ul", "ol"}:
            self.list_items = []
        elif tag == "blockquote":
            self.quote = Element("quote", line=self.getpos()[0])
        elif tag == "a" and attrs.get("href", "").startswith(("http://", "https://")):
            self.link = attrs["href"]
            self.buffer.append("\x01")
        elif tag in self.BLOCKS:
            self.buffer = []
            self.datetime = attrs.get("datetime") if tag == "time" else None
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "nav", "header", "footer"}:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.link:
            self.buffer.append(f"\x02{self.link}\x03")
            self.link = None
            return
        content = " ".join("".join(self.buffer).split())
        line = self.getpos()[0]
        if tag == "li" and self.list_items is not None:
            self.list_items.append(content)
        elif tag in {"ul", "ol"} and self.list_items is not None:
            self.elements.append(Element("bullets", items=self.list_items, line=line))
            self.list_items = None
        elif tag == "cite" and self.quote is not None:
            self.quote.attribution = content.lstrip("—–- ")
        elif tag == "blockquote" and self.quote is not None:
            self.elements.append(self.quote)
            self.quote = None
        elif tag == "p" and self.quote is not None:
            self.quote.text = "\n\n".join(filter(None, [self.quote.text, content]))
        elif tag == "h1" and content:
            self.elements.append(Element("title", content, line=line))
        elif tag in {"h2", "h3", "h4", "h5", "h6"} and content:
            level = {"h2": "h2", "h3": "h3"}.get(tag, "h4")
            self.elements.append(Element("heading", content, level=level, line=line))
        elif tag == "time" and (self.datetime or content):
            self.elements.append(Element("date", self.datetime or content, line=line))
        elif tag == "p" and content:
            self.elements.append(chunk_element([content], line))
        if tag in self.BLOCKS:
            self.buffer = []

    def handle_data(self, data):
        if not self.skip:
            self.buffer.append(data)


def html_elements(content):
    parser = ArticleHTMLParser()
    parser.feed(content)
    parser.close()
    return parser.elements


def is_html(content):
    return bool(re.search(r"<(p|h[1-6]|ul|ol|blockquote|article|body|html)\b", content, re.I))


# Building the article ---------------------------------------------------------------------


class LinkFinder:
    """Finds the page a phrase like "the Prevention section" means."""

    def __init__(self, programmes, sections):
        # Longest names first, so "mental health transformation" finds "Mental health"
        # rather than a shorter title that happens to be inside it.
        self.programmes = sorted(programmes, key=lambda page: (-len(page.title), page.depth))
        self.sections = sorted(sections, key=lambda page: -len(page.title))

    def find(self, name):
        wanted = normalise(name)
        for page in [*self.programmes, *self.sections]:
            title = normalise(page.title)
            if title and re.search(rf"\b{re.escape(title)}\b", wanted):
                return page
        return None


def normalise(value):
    return " ".join(re.sub(r"[‘’'“”\"]", "", value).lower().replace("&", "and").split())


def rich_text(plain, finder, result):
    """Escaped text with link phrases turned into page links (and HTML links kept)."""
    parts = []
    position = 0
    source = plain
    for match in LINK_PHRASE.finditer(source):
        if "\x01" in match.group(0):
            continue
        target = finder.find(match["name"])
        link_text = f"{match['name']} {match['kind']}"
        if target is None:
            result.unmapped.append(f"No page found for “the {link_text}”: left as plain text.")
            continue
        start = match.start("name")
        parts.append(html_text(source[position:start]))
        parts.append(f'<a linktype="page" id="{target.pk}">{text(link_text)}</a>')
        result.linked_pages.append(target)
        position = match.end()
    parts.append(html_text(source[position:]))
    return "".join(parts)


def html_text(value):
    """Escape text, turning \x01text\x02href\x03 (links kept from HTML input) into <a>."""
    out = []
    for match_or_text in re.split(r"(\x01.*?\x02.*?\x03)", value):
        link = re.fullmatch(r"\x01(.*?)\x02(.*?)\x03", match_or_text)
        if link:
            out.append(f'<a href="{text(link[2])}">{text(link[1])}</a>')
        else:
            out.append(text(match_or_text))
    return "".join(out)


def plain(value):
    """Text with HTML-input link markers removed (for quotes and headings)."""
    return re.sub(r"\x01|\x02.*?\x03", "", value)


def join_quotes(elements):
    """A quote over several paragraphs ("“A. / “B. / “C.”) becomes one quote element."""
    joined = []
    for element in elements:
        previous = joined[-1] if joined else None
        if (
            element.kind == "quote"
            and previous is not None
            and previous.kind == "quote"
            and previous.text
            and previous.text.rstrip()[-1] not in CLOSING_QUOTES
        ):
            previous.text += "\n\n" + element.text
            continue
        joined.append(element)
    return joined


def attribute_quotes(elements):
    """Give each quote the speaker named next to it ("HLP director, Shaun Danielli, says")."""
    for index, element in enumerate(elements):
        if element.kind != "quote" or element.attribution:
            continue
        neighbours = [elements[i] for i in (index - 1, index + 1) if 0 <= i < len(elements)]
        for neighbour in neighbours:
            match = SPEAKER.match(neighbour.text) if neighbour.kind == "paragraph" else None
            if match:
                element.attribution, element.role = match["name"], match["role"]
                break


def build(content, finder):
    """An ImportResult from the file's text; raises ImportProblem if nothing is usable."""
    result = ImportResult()
    elements = html_elements(content) if is_html(content) else text_elements(content)
    elements = join_quotes(elements)
    attribute_quotes(elements)

    body_elements = []
    for element in elements:
        if element.kind == "breadcrumb":
            result.unmapped.append(
                f"Line {element.line}: breadcrumb “{element.text}” not imported "
                "(the page's place in the tree makes its breadcrumb)."
            )
        elif element.kind == "navigation":
            result.unmapped.append(f"Line {element.line}: navigation “{element.text}” dropped.")
        elif not result.title and element.kind in {"title", "heading", "paragraph"}:
            result.title = plain(element.text)
        elif result.date is None and not result.intro and parse_date(element.text or ""):
            result.date = parse_date(element.text)
        elif element.kind == "date":
            result.unmapped.append(f"Line {element.line}: date “{element.text}” not understood.")
        elif not result.intro and element.kind == "paragraph":
            result.intro = plain(element.text)
        else:
            body_elements.append(element)

    if not result.title:
        raise ImportProblem("no title found (the first line should be the title)")
    if result.date is None:
        result.unmapped.append("No date found: the post is dated today; check it.")
        result.date = datetime.date.today()

    for index, element in enumerate(body_elements):
        if element.kind == "heading":
            result.body.append(heading(plain(element.text), element.level))
        elif element.kind == "paragraph":
            result.body.append(paragraph(rich_text(element.text, finder, result)))
        elif element.kind == "quote":
            result.body.append(quote(plain(element.text), element.attribution, element.role))
            if not element.attribution:
                result.unmapped.append(
                    f"Line {element.line}: no speaker found for the quote; add its attribution."
                )
        elif element.kind == "bullets":
            missing_heading = index > 0 and body_elements[index - 1].kind == "gap"
            if missing_heading:
                inferred = infer_heading(body_elements, index, finder)
                if inferred:
                    result.body.append(heading(inferred))
                    result.unmapped.append(
                        f"Line {element.line}: a section has no heading (an image in the "
                        f"original?); used “{inferred}” from the link that follows it."
                    )
                else:
                    result.unmapped.append(
                        f"Line {element.line}: a section has no heading (an image in the "
                        "original?); add one."
                    )
            items = [rich_text(item, finder, result) for item in element.items]
            result.body.append(bullets(*items))
    if not result.body and not result.intro:
        raise ImportProblem("no article text found")
    return result


def infer_heading(elements, index, finder):
    """The title of the programme linked by the paragraph right after a list, if any."""
    following = elements[index + 1] if index + 1 < len(elements) else None
    if following is None or following.kind != "paragraph":
        return None
    for match in LINK_PHRASE.finditer(following.text):
        target = finder.find(match["name"])
        if target is not None and normalise(target.title) == normalise(match["name"]):
            return target.title
    return None
