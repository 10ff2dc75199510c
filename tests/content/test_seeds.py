"""seeds/*.yaml, the metadata beside each article text, is checked like every record, and an
article text that no source names is reported."""

from __future__ import annotations

from conftest import SOURCE_ID, write

from generator.content.catalog import check_content, load_catalog

META = f"""\
file: x.txt
captured_from: "An AFP wire page"
articles:
  - outlet: AFP
    author: Jane Doe
    published: 2020-09-01
    title: Rocket kills two near Green Zone
    url: null
    source_id: {SOURCE_ID}
note: >-
  Page furniture ignored.
"""


def _problems(project) -> list[str]:
    return [str(p) for p in check_content(project)[1]]


def test_valid_metadata(project):
    write(project, "seeds/x.yaml", META)
    assert _problems(project) == []


def test_broken_yaml_is_reported_with_its_line(project):
    write(project, "seeds/x.yaml", META + "bogus: [\n")
    assert _problems(project) == [
        "seeds/x.yaml:13:1: invalid YAML: did not find expected node content (while parsing "
        "a flow node)",
    ]


def test_unknown_fields_and_wrong_types(project):
    meta = META.replace("outlet: AFP", "outlett: AFP").replace("url: null", "url: example.com")
    write(project, "seeds/x.yaml", meta)
    assert _problems(project) == [
        "seeds/x.yaml:4:5: articles[0].outlet: required field is missing",
        "seeds/x.yaml:4:5: articles[0].outlett: unknown field (did you mean 'outlet'?); "
        "allowed here: outlet, author, dateline, published, title, url, archive_url, source_id",
        "seeds/x.yaml:8:10: articles[0].url: 'example.com' is not a web address; it must start "
        "with http:// or https://",
    ]


def test_the_text_file_must_be_beside_it(project):
    write(project, "seeds/y.yaml", META.replace("file: x.txt", "file: y.txt"))
    assert _problems(project) == [
        "seeds/y.yaml:1:7: file: seeds/y.txt not found; add the article's text there",
        f"seeds/y.yaml:9:16: articles[0].source_id: source '{SOURCE_ID}' (content/sources/"
        f"{SOURCE_ID}.yaml) has seed: x.txt, not this article; set seed: y.txt there, or fix "
        "the id here",
    ]
    write(project, "seeds/y.yaml", META)
    assert _problems(project)[0] == (
        "seeds/y.yaml:1:7: file: must be y.txt, the article text beside this file"
    )


def test_source_id_must_name_a_source(project):
    write(project, "seeds/x.yaml", META.replace(f"source_id: {SOURCE_ID}", "source_id: afp-2020"))
    assert _problems(project) == [
        "seeds/x.yaml:9:16: articles[0].source_id: unknown source 'afp-2020'; add "
        "content/sources/afp-2020.yaml or fix the id",
    ]


def test_an_article_no_source_names_is_a_warning(project):
    write(project, "seeds/orphan.txt", "Baghdad (AFP) - Words nobody cites.\n")
    assert _problems(project) == [
        "seeds/orphan.txt: warning: no source names this article (seed: orphan.txt); describe "
        "it in content/sources/ with seed: orphan.txt, fix the name in the source that should, "
        "or delete the file",
    ]
    assert [p.path for p in load_catalog(project).warnings] == ["seeds/orphan.txt"]
