"""The single-file binary serving Python clients with no Node on PATH: the agent example, end to end.

Needs `pnpm --filter @understudy/cli build:binary` first (it is not part of the default build: it
copies a 100 MB Node); skipped with that hint otherwise. UNDERSTUDY_SEA_BINARY names another build.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent
ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), platform.machine())
DEFAULT = HERE.parent / "cli" / "bin" / f"understudy-{sys.platform.replace('win32', 'win')}-{ARCH}"
BINARY = Path(os.environ.get("UNDERSTUDY_SEA_BINARY") or DEFAULT)


@pytest.mark.skipif(not BINARY.is_file(), reason=f"{BINARY} is missing: pnpm --filter @understudy/cli build:binary")
def test_the_agent_flow_passes_with_only_python_and_the_binary(tmp_path):
    # A PATH with python and nothing else: no node, no npx, no understudy.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    (tmp_path / "test_no_node.py").write_text(
        "import os, shutil\n"
        "def test_the_server_is_the_binary(understudy):\n"
        "    assert shutil.which('node') is None and shutil.which('npx') is None\n"
        "    if os.path.isdir('/proc'):\n"
        "        assert os.path.realpath(f'/proc/{understudy.server.pid}/exe') == os.environ['UNDERSTUDY_BIN']\n"
    )
    env = {
        "PATH": str(bin_dir),
        "HOME": str(tmp_path),
        "UNDERSTUDY_BIN": str(BINARY.resolve()),
        "PYTHONPATH": str(HERE / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        ["python3", "-m", "pytest", "-p", "no:understudy", "-p", "pytest_understudy.plugin", "-p", "no:cacheprovider",
         "-q", str(HERE / "examples"), str(tmp_path / "test_no_node.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
    assert shutil.which("node", path=env["PATH"]) is None


@pytest.mark.skipif(not BINARY.is_file(), reason=f"{BINARY} is missing: pnpm --filter @understudy/cli build:binary")
def test_env_record_and_cassettes_run_from_the_binary_without_node(understudy, tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "NO_COLOR": "1"}
    binary = str(BINARY.resolve())

    printed = subprocess.run([binary, "env", "--shell", "dotenv", "--url", understudy.url], env=env, capture_output=True, text=True, check=True)
    assert f"OPENAI_BASE_URL={understudy.url}/openai/v1" in printed.stdout.splitlines()

    # A recording proxy in front of the stand-in GitHub, driven by PyGithub, saved on SIGTERM.
    understudy.seed(github={"repos": [{"full_name": "octo/hello"}]})
    recorder = subprocess.Popen(
        [binary, "record", "--target", f"{understudy.url}/github", "--port", "0", "--json", "--cassette", "gh"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        proxy = json.loads(recorder.stdout.readline())["url"]
        from github import Github

        assert Github(understudy.credentials["github"], base_url=proxy).get_repo("octo/hello").full_name == "octo/hello"
    finally:
        recorder.terminate()
        recorder.wait(timeout=30)
    assert recorder.returncode == 0, recorder.stderr.read()
    listed = subprocess.run([binary, "cassettes", "list", "--json"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    cassettes = json.loads(listed.stdout)["cassettes"]
    assert [c["name"] for c in cassettes] == ["gh"] and cassettes[0]["interactions"] == 1
