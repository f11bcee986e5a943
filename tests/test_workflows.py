"""The CI definitions in workflows/ run for real: their shell steps against a fixture repo."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sppterm.units.po import po_text, read_po

from .conftest import ROOT


@pytest.fixture(scope="module")
def venv_bin(tmp_path_factory):
    """A virtual environment where the workflows' install step installs sppterm from this repo."""
    d = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(d)], check=True)
    return d / "bin"


@pytest.fixture
def fixture_repo(project):
    """A repository with a base commit and a pull-request commit that plants a term error."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True
    ).stdout.strip()
    po_file = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_file)
    e = next(x for x in po if x.msgid == "亚太地区低碳公共采购研究")
    e.msgstr = "Research on green buying in Asia and the Pacific"  # 低碳公共采购 not translated as such
    po_file.write_text(po_text(po), "utf-8")
    subprocess.run([*git, "commit", "-qam", "translate"], cwd=project, check=True)
    return project, base


def _run_steps(commands, cwd, env):
    outputs = []
    for cmd in commands:
        r = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", cmd],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        outputs.append((cmd, r.returncode, r.stdout + r.stderr))
        if r.returncode != 0:
            break
    return outputs


def _env(venv_bin, extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
    env.update(PATH=f"{venv_bin}:{env['PATH']}", SPPTERM_SPEC=str(ROOT), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(extra)
    return env


def test_github_workflow(fixture_repo, venv_bin, tmp_path):
    repo, base = fixture_repo
    wf = yaml.safe_load((ROOT / "workflows/github/sppterm.yml").read_text("utf-8"))
    job = wf["jobs"]["terminology"]
    assert wf[True]["pull_request"]["paths"]  # 'on' parses as True in YAML 1.1
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in job["steps"])
    steps = [s["run"] for s in job["steps"] if "run" in s]
    summary = tmp_path / "summary.md"
    env = _env(venv_bin, {"BASE_SHA": base, "GITHUB_STEP_SUMMARY": str(summary)})
    results = _run_steps(steps, repo, env)
    assert [code for _, code, _ in results[:-1]] == [0] * (len(results) - 1)  # install, lint, SARIF pass
    cmd, code, out = results[-1]
    assert "--format github" in cmd and code == 1
    assert "::error file=target_en/po/2022-04.po,line=" in out and "title=term-missing::" in out
    assert "低碳公共采购" in out
    assert out.count("::error") == 1  # only the changed unit is annotated
    assert (repo / "sppterm.sarif").is_file() and "term-missing" in summary.read_text("utf-8")


def test_gitlab_job(fixture_repo, venv_bin):
    repo, base = fixture_repo
    job = yaml.safe_load((ROOT / "workflows/gitlab/sppterm.gitlab-ci.yml").read_text("utf-8"))["sppterm"]
    assert job["artifacts"]["reports"]["junit"] == "sppterm-junit.xml"
    env = _env(venv_bin, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    results = _run_steps(job["script"], repo, env)
    cmd, code, _ = results[-1]
    assert "--format junit" in cmd and code == 1
    junit = (repo / "sppterm-junit.xml").read_text("utf-8")
    assert '<failure type="error"' in junit and "term-missing" in junit


def test_pre_commit_hooks(fixture_repo, venv_bin):
    repo, _ = fixture_repo
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"sppterm-check", "sppterm-glossary-lint"}
    env = _env(venv_bin, {})
    if not (venv_bin / "sppterm").exists():
        subprocess.run(
            [str(venv_bin / "python"), "-m", "pip", "install", "--quiet", str(ROOT)], env=env, check=True
        )
    lint = subprocess.run(
        hooks["sppterm-glossary-lint"]["entry"].split(), cwd=repo, env=env, capture_output=True
    )
    assert lint.returncode == 0
    import re

    pattern = re.compile(hooks["sppterm-check"]["files"])
    changed = ["target_en/po/2022-04.po", "glossary/concepts.yaml"]
    files = [f for f in changed if pattern.search(f)]
    assert files == ["target_en/po/2022-04.po"]
    r = subprocess.run(
        [*hooks["sppterm-check"]["entry"].split(), *files, "--rule", "term-missing"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "term-missing" in r.stdout


def test_workflow_files_exist():
    assert shutil.which("bash")
    for p in (
        "workflows/github/sppterm.yml",
        "workflows/gitlab/sppterm.gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
    ):
        assert (ROOT / p).is_file()
        yaml.safe_load((ROOT / p).read_text("utf-8"))
    assert Path(ROOT / "workflows/README.md").is_file()
