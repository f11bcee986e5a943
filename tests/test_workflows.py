"""The CI templates in workflows/ and the pre-commit hooks run as shipped, in a user's repository.

The tests take the commands out of the shipped YAML and run them unchanged, in the order and
under the conditions the CI service would, against a fixture translation repository: a good
pull request passes, one with a term error fails and leaves its report where the template says.

The templates install sppterm with pip from its git repository at a pinned commit
(``sppterm @ git+$SPPTERM_GIT@$SPPTERM_REF``); pre-commit clones a hook repository at a pinned
``rev``. Here that repository is a snapshot of this work tree committed to a throw-away git
repository (so what is tested is the code as it is now, committed or not) and the URL is a
``file://`` one: the same pip and pre-commit mechanism (clone, check out the pin, build, install)
with only the URL replaced.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from sppterm.ids import id_problem
from sppterm.units.po import po_text, read_po

from .conftest import ROOT, in_ci

GITHUB = ROOT / "workflows/github/sppterm.yml"
GITLAB = ROOT / "workflows/gitlab/sppterm.gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"

UNIT = "亚太地区低碳公共采购研究"  # 2022-04: terms 亚太地区 and 低碳公共采购
GOOD = "A study of low-carbon public procurement in the Asia-Pacific region"
BAD = "Research on green buying in Asia and the Pacific"  # neither term translated as the glossary says


def need(module: str) -> None:
    """Skip (fail under CI) when a test tool of the [test] extra is not installed."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed: pip install -e '.[test]'"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


def _empty_git_config() -> Path:
    """An empty file for GIT_CONFIG_GLOBAL. Not os.devnull: on some CI machines /dev/null is a
    regular file that other tools' output (``msgfmt -o /dev/null``) has filled, and git then
    fails with "bad config line 1 in file /dev/null"."""
    path = Path(tempfile.gettempdir()) / f"sppterm-tests-{os.getuid()}-empty.gitconfig"
    if not path.is_file() or path.stat().st_size:
        path.write_text("", "utf-8")
    return path


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would leak into a CI job: the CI service's
    variables, git's (a test run from a git hook has GIT_DIR set), the Python path (the job
    must import the sppterm it installed) and the user's git configuration."""
    drop = ("GIT_", "GITHUB_", "GITLAB_", "CI_", "PRE_COMMIT", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop) and k != "CI"}
    env.update(
        GIT_CONFIG_GLOBAL=str(_empty_git_config()),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    r = subprocess.run(["git", *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"git {' '.join(args)}: {r.stdout}{r.stderr}"
    return r.stdout.strip()


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sppterm_git(tmp_path_factory) -> tuple[str, str]:
    """(SPPTERM_GIT, SPPTERM_REF) of this work tree: its files (tracked and untracked, as
    .gitignore leaves them) committed to a throw-away repository, which is what a tag of
    sppterm's repository is to a user. The URL has a host (file://localhost/…) because the URL
    parser of pip 23 refuses ``git+file:///…``; git reads both."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of sppterm")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    snap = tmp_path_factory.mktemp("sppterm-git")
    for name in sorted(set(listed.split("\0")) - {""}):
        src = ROOT / name
        if src.is_file() or src.is_symlink():  # a tracked file deleted in the work tree is left out
            (snap / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / name, follow_symlinks=False)
    git(snap, "init", "-q", "-b", "main")
    git(snap, "add", "-A")
    git(snap, "commit", "-qm", "sppterm snapshot")
    return snap.as_uri().replace("file://", "file://localhost", 1), git(snap, "rev-parse", "HEAD")


@pytest.fixture
def translation_repo(tmp_path) -> tuple[Path, str]:
    """A user's translation repository laid out like sppterm's, with the series as translated
    in this repository (it passes sppterm check), committed once: (path, base commit)."""
    repo = tmp_path / "translations"
    for d in ("glossary", "source_zh", "target_en/po"):
        shutil.copytree(ROOT / d, repo / d)
    (repo / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo, git(repo, "rev-parse", "HEAD")


@pytest.fixture
def venv(tmp_path) -> Path:
    """A fresh environment for a job's ``python``. It sees the packages already installed here
    (--system-site-packages: pip itself, and sppterm's dependencies, which pip need not download
    again); sppterm itself is installed into it by the job. Whether the dependencies declared
    are complete is the pre-commit test's job: pre-commit installs the hook repository into an
    empty virtualenv."""
    d = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(d)],
        check=True,
        timeout=300,
    )
    return d


def job_env(venv: Path, **extra: str) -> dict[str, str]:
    env = clean_env(CI="true", **extra)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def translate(repo: Path, text: str, message: str) -> None:
    """Commit a new translation of UNIT, as a translator's pull request does."""
    po_file = repo / "target_en/po/2022-04.po"
    po = read_po(po_file)
    entry = next(e for e in po if e.msgid == UNIT)
    entry.msgstr = text
    po_file.write_text(po_text(po), "utf-8")
    git(repo, "commit", "-qam", message)


def assert_installed_in(venv: Path, env: dict[str, str]) -> None:
    """The job's ``sppterm`` is the one its install step installed, not this checkout."""
    assert shutil.which("sppterm", path=env["PATH"]) == str(venv / "bin" / "sppterm")
    where = subprocess.run(
        ["python", "-c", "import sppterm; print(sppterm.__file__)"], env=env, capture_output=True, text=True
    ).stdout
    assert where.startswith(str(venv)), where


# -- GitHub Actions --------------------------------------------------------------------------
def github_env(job: dict, values: dict[str, str]) -> dict[str, str]:
    """The job's ``env:`` with its ``${{ … }}`` expressions evaluated from ``values``."""
    out = {}
    for name, value in job["env"].items():
        value = str(value)
        for expr in re.findall(r"\$\{\{\s*(.*?)\s*\}\}", value):
            assert expr in values, f"env {name}: no value for ${{{{ {expr} }}}} in this test"
            value = re.sub(r"\$\{\{\s*" + re.escape(expr) + r"\s*\}\}", values[expr], value)
        out[name] = value
    return out


def run_github_job(job: dict, cwd: Path, env: dict[str, str]) -> dict[str, tuple[int, str]]:
    """The ``run:`` steps, as the runner runs them: each a script for ``bash -e`` (GitHub's
    default shell), skipped after a failure unless ``if: always()``. Returns name → (exit, output)
    for the steps that ran; the ``uses:`` steps are what the test sets up (checkout: the fixture
    repository with its history; setup-python: the venv) or checks (upload-sarif: its file)."""
    results: dict[str, tuple[int, str]] = {}
    failed = False
    for n, step in enumerate(job["steps"]):
        if "run" not in step or (failed and step.get("if") != "always()"):
            continue
        script = cwd.parent / f"step-{n}.sh"
        script.write_text(step["run"], "utf-8")
        r = subprocess.run(
            ["bash", "-e", str(script)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
        results[step.get("name", step["run"])] = (r.returncode, r.stdout + r.stderr)
        failed = failed or r.returncode != 0
    return results


def sarif_results(path: Path) -> list[dict]:
    return [res for run in json.loads(path.read_text("utf-8"))["runs"] for res in run["results"]]


def test_github_workflow_as_shipped_says_what_to_set(tmp_path):
    """Copied without setting the pin, the install step stops with a message naming it."""
    job = load(GITHUB)["jobs"]["terminology"]
    install = next(s for s in job["steps"] if s.get("name") == "Install sppterm")
    assert job["env"]["SPPTERM_GIT"] == job["env"]["SPPTERM_REF"] == ""
    script = tmp_path / "install.sh"
    script.write_text(install["run"], "utf-8")
    env = clean_env(**{k: str(v) for k, v in job["env"].items()})
    r = subprocess.run(["bash", "-e", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "set SPPTERM_GIT to the git repository of sppterm" in r.stderr
    env["SPPTERM_GIT"] = "https://example.org/sppterm"
    r = subprocess.run(["bash", "-e", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "set SPPTERM_REF to a tag or commit sha of sppterm" in r.stderr


@pytest.mark.slow  # pip installs sppterm from git, twice
def test_github_workflow(translation_repo, sppterm_git, venv, tmp_path):
    repo, base = translation_repo
    wf = load(GITHUB)
    job = wf["jobs"]["terminology"]
    assert wf[True]["pull_request"]["paths"]  # 'on' parses as True in YAML 1.1
    uses = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0  # the base commit is there
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    upload = uses["github/codeql-action/upload-sarif"]
    assert upload["if"] == "always()"
    sarif = repo / upload["with"]["sarif_file"]
    summary = tmp_path / "summary.md"
    env = job_env(venv, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    git_url, ref = sppterm_git
    env.update(github_env(job, {"github.event.pull_request.base.sha": base}))
    env.update(SPPTERM_GIT=git_url, SPPTERM_REF=ref)  # the two lines a user sets

    translate(repo, GOOD, "a good translation")
    results = run_github_job(job, repo, env)
    assert {name: code for name, (code, _) in results.items()} == {
        "Install sppterm": 0,
        "Lint the glossary": 0,
        "Impact of glossary changes": 0,
        "Full report as SARIF": 0,
        "Check the changed units": 0,
    }, results
    assert_installed_in(venv, env)
    assert sarif.is_file() and not [r for r in sarif_results(sarif) if r["level"] == "error"]

    translate(repo, BAD, "a translation that misses the glossary terms")
    results = run_github_job(job, repo, env)
    code, out = results["Check the changed units"]
    assert code == 1, out  # the pull request's check fails
    assert [c for c, _ in results.values()] == [0, 0, 0, 0, 1]
    annotations = [line for line in out.splitlines() if line.startswith("::error")]
    assert annotations and all(
        a.startswith("::error file=target_en/po/2022-04.po,line=") and "title=term-missing::" in a
        for a in annotations
    )
    assert "低碳公共采购" in out
    errors = [r for r in sarif_results(sarif) if r["level"] == "error"]
    assert {r["ruleId"] for r in errors} == {"term-missing"}
    assert len(errors) == len(annotations)  # the full report has this pull request's errors only
    assert all(
        loc["physicalLocation"]["artifactLocation"]["uri"] == "target_en/po/2022-04.po"
        for r in errors
        for loc in r["locations"]
    )
    assert "term-missing" in summary.read_text("utf-8")


# -- GitLab CI -------------------------------------------------------------------------------
def run_gitlab_script(job: dict, cwd: Path, env: dict[str, str]) -> list[tuple[str, int, str]]:
    """The ``script:`` lines in order, each under ``set -eo pipefail`` as the runner's bash
    does, stopping at the first that fails."""
    results = []
    for line in job["script"]:
        r = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", line],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        results.append((line, r.returncode, r.stdout + r.stderr))
        if r.returncode:
            break
    return results


def junit_failures(path: Path) -> list[ElementTree.Element]:
    return list(ElementTree.parse(path).getroot().iter("failure"))


def test_gitlab_job_as_shipped_says_what_to_set(tmp_path):
    job = load(GITLAB)["sppterm"]
    assert job["variables"]["SPPTERM_GIT"] == job["variables"]["SPPTERM_REF"] == ""
    guards = {**job, "script": job["script"][:2]}  # the lines before the install
    (_, code, out), *rest = run_gitlab_script(guards, tmp_path, clean_env(**job["variables"]))
    assert code != 0 and not rest and "set SPPTERM_GIT to the git repository of sppterm" in out
    *_, (_, code, out) = run_gitlab_script(
        guards, tmp_path, clean_env(**{**job["variables"], "SPPTERM_GIT": "x"})
    )
    assert code != 0 and "set SPPTERM_REF to a tag or commit sha of sppterm" in out


@pytest.mark.slow  # pip installs sppterm from git, twice
def test_gitlab_job(translation_repo, sppterm_git, venv):
    repo, base = translation_repo
    job = load(GITLAB)["sppterm"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["variables"]["GIT_DEPTH"] == "0"  # the runner clones the whole history
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always" and artifacts["reports"]["junit"] in artifacts["paths"]
    junit = repo / artifacts["reports"]["junit"]
    git_url, ref = sppterm_git
    env = job_env(venv, GITLAB_CI="true", CI_MERGE_REQUEST_DIFF_BASE_SHA=base, **job["variables"])
    env.update(SPPTERM_GIT=git_url, SPPTERM_REF=ref)

    translate(repo, GOOD, "a good translation")
    results = run_gitlab_script(job, repo, env)
    assert [code for _, code, _ in results] == [0] * len(job["script"]), results
    assert_installed_in(venv, env)
    assert junit.is_file() and not junit_failures(junit)

    translate(repo, BAD, "a translation that misses the glossary terms")
    results = run_gitlab_script(job, repo, env)
    assert len(results) == len(job["script"])
    cmd, code, out = results[-1]
    assert "--format junit" in cmd and code == 1, out  # the merge request's job fails
    failures = junit_failures(junit)  # and the report GitLab shows is there
    assert failures and all(f.get("type") == "error" for f in failures)
    assert all("term-missing" in (f.get("message", "") + (f.text or "")) for f in failures)


# -- pre-commit ------------------------------------------------------------------------------
def hook(hook_id: str) -> dict:
    return next(h for h in load(HOOKS) if h["id"] == hook_id)


@pytest.mark.parametrize(
    ("path", "check", "lint"),
    [
        ("target_en/po/2022-04.po", True, False),
        ("source_zh/2022-04.md", True, False),
        ("source_zh/2023.md", True, False),
        ("source_zh/2024-02-special.md", True, False),
        ("source_zh/README.md", False, False),  # no front matter: sppterm check exits 2 on it
        ("source_zh/2023.hints.yaml", False, False),
        ("source_zh/notes/2023.md", False, False),
        ("target_en/2022-04.md", False, False),  # an English edition, built
        ("target_en/xliff/2022-04.2.1.xlf", True, False),
        ("review/2022-04.xliff", True, False),
        ("glossary/concepts.yaml", False, True),
        ("glossary/places.yml", False, True),
        ("glossary/README.md", False, False),
        ("pyproject.toml", False, False),
    ],
)
def test_hook_file_patterns(path, check, lint):
    assert bool(re.search(hook("sppterm-check")["files"], path)) is check
    assert bool(re.search(hook("sppterm-glossary-lint")["files"], path)) is lint


@pytest.mark.parametrize(
    "name",
    ["2022-04", "2023", "2024-02-special", "2022-4", "2022-", "2022-04-", "README", "22-04", "2022_04"],
)
def test_hook_takes_the_sources_whose_name_is_a_bulletin_id(name):
    """The pattern is ids.ID_RULE (and no trailing hyphen) for the files under source_zh/."""
    taken = bool(re.search(hook("sppterm-check")["files"], f"source_zh/{name}.md"))
    assert taken is (id_problem(name) is None)


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def commit(repo: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    """``git commit``, which runs the installed pre-commit hook: (exit status, what it printed;
    git sends a hook's output to stderr)."""
    r = subprocess.run(
        ["git", "commit", "-qm", message], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )
    return r.returncode, r.stdout + r.stderr


@pytest.mark.slow  # pre-commit installs sppterm and its dependencies into a new virtualenv
def test_pre_commit_hooks_in_a_translation_repository(translation_repo, sppterm_git, tmp_path):
    need("pre_commit")
    repo, _ = translation_repo
    git_url, rev = sppterm_git
    hook_repo = git_url.replace("file://localhost", "", 1)  # pre-commit clones a path as well
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    config = {
        "repos": [
            {
                "repo": hook_repo,
                "rev": rev,
                "hooks": [{"id": "sppterm-check"}, {"id": "sppterm-glossary-lint"}],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    assert pre_commit(repo, env, "validate-config", ".pre-commit-config.yaml").returncode == 0
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-qm", "pre-commit", "--no-verify")
    r = pre_commit(repo, env, "install")
    assert r.returncode == 0, r.stdout + r.stderr

    # Only the sources' README: sppterm check is not given it (it used to be, and exit 2).
    readme = repo / "source_zh/README.md"
    readme.write_text(readme.read_text("utf-8") + "\nOne more note for editors.\n", "utf-8")
    git(repo, "add", "source_zh/README.md")
    code, out = commit(repo, env, "README only")
    assert code == 0, out
    assert re.search(r"sppterm check\.+\(no files to check\)Skipped", out), out

    # A good translation and a glossary edit: both hooks run and pass.
    po_file = repo / "target_en/po/2022-04.po"
    po = read_po(po_file)
    next(e for e in po if e.msgid == UNIT).msgstr = GOOD
    po_file.write_text(po_text(po), "utf-8")
    concepts = repo / "glossary/concepts.yaml"
    concepts.write_text(concepts.read_text("utf-8") + "# reviewed\n", "utf-8")
    git(repo, "add", "-A")
    code, out = commit(repo, env, "a good translation")
    assert code == 0, out
    assert re.search(r"sppterm check\.+Passed", out) and re.search(r"sppterm glossary lint\.+Passed", out), (
        out
    )

    # A term error in a PO file: the commit is refused with the checker's message.
    head = git(repo, "rev-parse", "HEAD")
    next(e for e in po if e.msgid == UNIT).msgstr = BAD
    po_file.write_text(po_text(po), "utf-8")
    git(repo, "add", "target_en/po/2022-04.po")
    code, out = commit(repo, env, "a translation that misses the glossary terms")
    assert code == 1, out
    assert re.search(r"sppterm check\.+Failed", out) and "exit code: 1" in out, out
    assert re.search(r"target_en/po/2022-04\.po:\d+:\d+: error term-missing .*低碳公共采购", out), out
    assert git(repo, "rev-parse", "HEAD") == head


# -- the files themselves --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "schemas"),
    [
        (GITHUB, ["vendor.github-workflows", "custom.github-workflows-require-timeout"]),
        (GITLAB, ["vendor.gitlab-ci"]),
    ],
    ids=["github", "gitlab"],
)
def test_ci_templates_match_their_schemas(path, schemas):
    """check-jsonschema's vendored copies of the GitHub workflow and GitLab CI schemas (SchemaStore's)."""
    need("check_jsonschema")
    for schema in schemas:
        r = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, f"{schema}: {r.stdout}{r.stderr}"


def test_pre_commit_manifest_is_valid():
    """check-jsonschema vendors no schema for .pre-commit-hooks.yaml: pre-commit's own check."""
    need("pre_commit")
    r = pre_commit(ROOT, clean_env(), "validate-manifest", str(HOOKS))
    assert r.returncode == 0, r.stdout + r.stderr
    assert {h["id"] for h in load(HOOKS)} == {"sppterm-check", "sppterm-glossary-lint"}


def test_workflows_readme_names_every_template():
    text = (ROOT / "workflows/README.md").read_text("utf-8")
    for path in ("github/sppterm.yml", "gitlab/sppterm.gitlab-ci.yml", ".pre-commit-hooks.yaml"):
        assert path in text
