"""The offline bundle's whitespace squeeze (generator/build/squeeze.py): smaller pages that a
browser renders the same. Exact cases, then every page of a built offline site parsed as a
browser parses it (html5lib) before and after: the same elements and attributes, the same
text wherever whitespace is kept, the same text once collapsed everywhere else."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from conftest import make_project

from generator.build.site_build import build_site
from generator.build.squeeze import KEPT, squeeze_html, squeeze_site


def test_a_run_with_a_line_break_becomes_one_line_break() -> None:
    assert squeeze_html("<ul>\n    <li>a</li>\n\n    <li>b</li>\n  </ul>\n") == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    )
    assert squeeze_html("<p>Open data:\n    <a>JSON</a>\n    · <a>CSV</a></p>") == (
        "<p>Open data:\n<a>JSON</a>\n· <a>CSV</a></p>"
    )


def test_spaces_without_a_line_break_and_no_break_spaces_stay() -> None:
    assert squeeze_html("<p>a   b\u00a0\n\u00a0c</p>") == "<p>a   b\u00a0\n\u00a0c</p>"
    assert squeeze_html("<p>a \t\r\n \f b</p>") == "<p>a\nb</p>"


@pytest.mark.parametrize("name", KEPT)
def test_elements_that_keep_their_whitespace_are_untouched(name: str) -> None:
    element = f'<{name} class="x">\n  line one\n\n    line two\n</{name.upper()} >'
    assert squeeze_html(f"<div>\n  {element}\n  </div>") == f"<div>\n{element}\n</div>"


def test_code_inside_pre_and_the_csl_block_are_kept_exactly() -> None:
    csl = '<pre><code class="language-json">[\n  {\n    &quot;id&quot;: 1\n  }\n]</code></pre>'
    script = '<script>if (a <b) {\n    x("</p>\\n   ");\n}</script>'
    page = f"<details>\n  <summary>CSL</summary>\n  {csl}\n</details>\n  {script}\n"
    assert squeeze_html(page) == f"<details>\n<summary>CSL</summary>\n{csl}\n</details>\n{script}\n"


def test_tags_attributes_and_comments_are_left_as_written() -> None:
    tag = '<div title="a >\n   b" data-x=\'1\n   2\'\n     class="y">'
    comment = "<!-- keep\n   this -->"
    assert squeeze_html(f"{tag}\n  {comment}\n  text\n</div>") == f"{tag}\n{comment}\ntext\n</div>"
    # A '<' that starts no tag is text, and its whitespace squeezed like any other.
    assert squeeze_html("<p>1 < 2\n   and 3 <= 4</p>") == "<p>1 < 2\nand 3 <= 4</p>"


def test_the_site_is_squeezed_in_place(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_bytes("<p>\r\n    é\n</p>".encode())
    (tmp_path / "data.json").write_text('{\n    "x": 1\n}', encoding="utf-8")
    assert squeeze_site(tmp_path) == 5
    assert (tmp_path / "a" / "p.html").read_bytes() == "<p>\né\n</p>".encode()
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == '{\n    "x": 1\n}'


# --- on a real build --------------------------------------------------------------------------

WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def rendered(html: str) -> list[tuple[str, dict[str, str], str, str]]:
    """The page as a browser's parser builds it: per element in document order, its tag, its
    attributes, and its text and the text after it (tail), exact where whitespace is kept,
    else with every run of whitespace as one space."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    out = []

    def walk(element: Element, kept: bool) -> None:
        inside = kept or element.tag in KEPT
        text = element.text or ""
        out.append(
            (
                element.tag,
                dict(element.attrib),
                text if inside else WHITESPACE.sub(" ", text),
                # The tail lies in the parent, kept only if the parent keeps whitespace.
                (element.tail or "") if kept else WHITESPACE.sub(" ", element.tail or ""),
            )
        )
        for child in element:
            walk(child, inside)

    walk(tree, False)
    return out


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("squeeze") / "project")
    return build_site(root / "mkdocs.yml", root / "offline", offline=True)


def test_every_page_renders_the_same_and_is_smaller(offline_site: Path) -> None:
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 20
    before = after = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        squeezed = squeeze_html(html)
        assert rendered(squeezed) == rendered(html), path
        assert "<pre" not in html or re.findall(r"<pre.*?</pre>", html, re.S) == re.findall(
            r"<pre.*?</pre>", squeezed, re.S
        )
        before, after = before + len(html), after + len(squeezed)
    assert after < 0.95 * before
