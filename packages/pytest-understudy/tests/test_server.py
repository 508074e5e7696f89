"""Finding and starting the server, and the plugin seen from outside a test (pytester)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_understudy import UnderstudyError, server_command, start_server
from pytest_understudy._credentials import environment

pytest_plugins = ["pytester"]


def executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_server_comes_from_understudy_bin_then_path_then_npx(tmp_path):
    binary = executable(tmp_path / "understudy-linux-x64")
    assert server_command({"UNDERSTUDY_BIN": str(binary), "PATH": ""}) == [str(binary)]
    assert server_command({"UNDERSTUDY_BIN": "node '/opt/my cli/bin.js'", "PATH": ""}) == ["node", "/opt/my cli/bin.js"]
    on_path = tmp_path / "path"
    on_path.mkdir()
    executable(on_path / "npx")
    assert server_command({"PATH": str(on_path)}) == [str(on_path / "npx"), "--yes", "@understudy/cli"]
    executable(on_path / "understudy")
    assert server_command({"PATH": str(on_path)}) == [str(on_path / "understudy")]


def test_no_server_anywhere_says_how_to_get_one(tmp_path):
    with pytest.raises(UnderstudyError, match=r"UNDERSTUDY_BIN.*npm install -g @understudy/cli.*npx"):
        server_command({"PATH": str(tmp_path)})


def test_a_server_that_does_not_start_reports_its_stderr(tmp_path):
    broken = tmp_path / "understudy"
    broken.write_text("#!/bin/sh\necho 'cannot bind' >&2\nexit 3\n")
    broken.chmod(0o755)
    with pytest.raises(UnderstudyError, match=r"did not start \(exit code 3\): cannot bind"):
        start_server([str(broken)])


def test_the_variables_match_understudy_env(understudy):
    command = server_command()
    printed = subprocess.run(
        [*command, "env", "--json", "--url", understudy.url], capture_output=True, text=True, check=True
    )
    cli = json.loads(printed.stdout)
    assert cli["services"] == understudy.services
    # Same names, in the same order; only the credentials differ (the CLI prints shared placeholders).
    assert list(cli["env"]) == list(understudy.env)
    assert list(environment(understudy.url, {s: "x" for s in cli["services"]})) == list(cli["env"])


def test_env_is_restored_and_state_reset_after_each_test(pytester, monkeypatch):
    pytester.makepyfile(
        """
        import os

        seen = {}

        def test_first(understudy):
            seen["key"] = os.environ["OPENAI_API_KEY"]
            seen["url"] = understudy.url
            seen["github"] = understudy.credentials["github"]
            understudy.seed(github={"repos": [{"full_name": "octo/hello"}]})
            understudy.fail("github", path="/repos/:owner/:repo", status=500, times="always")
            assert understudy.admin("GET", "/state", query={"service": "github"})["state"]["github"]

        def test_second(understudy):
            assert os.environ["OPENAI_API_KEY"] != seen["key"]
            assert understudy.url == seen["url"]  # one server per session
            # Reset after the first test: its partition is gone from the server.
            assert seen["github"] not in understudy.admin("GET", "/state", query={"service": "github"})["state"]["github"]

        def test_after():
            assert "OPENAI_API_KEY" not in os.environ
        """
    )
    # The inner run inherits this process's environment: no SDK variables in it to begin with.
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "GITHUB_", "SLACK_", "STRIPE_")):
            monkeypatch.delenv(name)
    result = pytester.runpytest_subprocess("-p", "no:understudy", "-p", "pytest_understudy.plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
