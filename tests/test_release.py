"""What a team installs graphwarden through besides pip: the pre-commit hooks and the Action.

* `pre-commit try-repo` on this checkout runs both hooks of
  `.pre-commit-hooks.yaml` in a fixture repository made in the test: the
  `language: python` one installs graphwarden from the checkout into
  pre-commit's own virtualenv, the `language: system` one uses the
  graphwarden on PATH. Neither needs anything beyond pip's configured sources.
* `action.yml`'s steps are run as the runner would run them: the check
  step's script with the step's environment, its `${{ inputs.* }}` filled in.

(The wheel and sdist are built and smoke-tested by `.ci/release-smoke`.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import write_files

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONFIG = """
[[contracts]]
name = "data-below-ui"
type = "layers"
layers = ["shop.ui", "shop.data"]
description = "The data layer knows nothing of the UI."
"""
PROJECT = {
    "graphwarden.toml": CONFIG,
    "shop/__init__.py": "",
    "shop/ui/__init__.py": "",
    "shop/ui/views.py": "from shop.data import models\n",
    "shop/data/__init__.py": "",
    "shop/data/models.py": "from shop.ui import views\n",
}


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_files(root, PROJECT)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "fixture")
    return root


def try_repo(project: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # pre-commit's environments go to the test's directory, not ~/.cache.
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(REPO), hook, "--all-files", "--color", "never"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )


def test_hooks_are_valid_and_check_the_whole_project() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["graphwarden", "graphwarden-system"]
    assert [h["language"] for h in hooks] == ["python", "system"]
    for hook in hooks:
        # A contract spans files: the check is project-wide, never per file.
        assert hook["entry"] == "graphwarden check"
        assert hook["pass_filenames"] is False and hook["always_run"] is True


@pytest.mark.slow(seconds=65)
@pytest.mark.parametrize("hook", ["graphwarden-system", "graphwarden"])
def test_pre_commit_try_repo_runs_the_hook(project: Path, tmp_path: Path, hook: str) -> None:
    home = tmp_path / "pre-commit-home"
    broken = try_repo(project, hook, home)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "error [data-below-ui] shop.data must not import shop.ui" in broken.stdout
    assert "checked 5 files against 21 rules in " in broken.stdout
    (project / "shop/data/models.py").write_text("X = 1\n")
    git(project, "commit", "-qam", "fix")
    fixed = try_repo(project, hook, home)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert re.search(r"graphwarden check.*Passed", fixed.stdout)


# -- the GitHub Action --------------------------------------------------------------------


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text())
    return data


def expand(value: str, inputs: dict[str, str]) -> str:
    """The runner's `${{ inputs.name }}` substitution."""
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)


def run_check_step(
    project: Path, tmp_path: Path, **given: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run the Action's check step as the runner would; (process, the step's outputs)."""
    spec = action()
    inputs = {name: str(i.get("default", "")) for name, i in spec["inputs"].items()}
    inputs.update(given)
    [step] = [s for s in spec["runs"]["steps"] if s.get("id") == "check"]
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    env = {
        **os.environ,
        **{k: expand(v, inputs) for k, v in step["env"].items()},
        "GITHUB_ACTION_PATH": str(REPO),
        "GITHUB_OUTPUT": str(outputs),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    proc = subprocess.run(
        [step["shell"], "-c", step["run"]],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if line)
    return proc, values


def test_action_is_a_composite_running_the_check_script() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    steps = spec["runs"]["steps"]
    assert [s["name"] for s in steps] == [
        "Install graphwarden",
        "Check guarantees",
        "Upload SARIF to code scanning",
    ]
    assert steps[0]["run"] == 'python -m pip install "$GITHUB_ACTION_PATH"'
    assert steps[2]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps[2]["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert (REPO / "action" / "check.sh").stat().st_mode & 0o111


def test_action_writes_sarif_annotates_and_fails(project: Path, tmp_path: Path) -> None:
    proc, outputs = run_check_step(project, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outputs == {"sarif-file": "graphwarden.sarif", "exit-code": "1"}
    sarif = json.loads((project / "graphwarden.sarif").read_text())
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "data-below-ui"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "shop/data/models.py"
    )
    assert proc.stdout.startswith("::error file=shop/data/models.py,line=1,col=21,")
    assert "The data layer knows nothing of the UI." in proc.stdout.replace("%0A", "\n")


def test_action_inputs_reach_the_check(project: Path, tmp_path: Path) -> None:
    proc, outputs = run_check_step(
        project, tmp_path, **{"fail-on": "never", "sarif-file": "out/x.sarif"}
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert outputs == {"sarif-file": "out/x.sarif", "exit-code": "0"}
    assert json.loads((project / "out/x.sarif").read_text())["version"] == "2.1.0"
    (project / "graphwarden.toml").write_text("[[contracts]\n")
    proc, outputs = run_check_step(project, tmp_path)
    assert proc.returncode == 2
    assert outputs == {"exit-code": "2"}
    assert proc.stdout.startswith("::error title=graphwarden::graphwarden could not check .")
