"""The example agent's full flow against understudy: webhook → mocked LLM → labels, comment, Slack."""

import json
import os

import pytest
from github import Github
from triage_agent import WebhookServer

SECRET = "whsec_test"


@pytest.fixture
def agent():
    with WebhookServer(SECRET) as server:
        yield server


def test_an_opened_issue_is_labelled_commented_and_announced(understudy, agent):
    understudy.seed(
        github={"repos": [{"full_name": "octo/hello", "hooks": [{"url": agent.url, "secret": SECRET, "events": ["issues"]}]}]},
        slack={"channels": [{"name": "triage"}]},
    )
    understudy.reply("openai", content=json.dumps({"labels": ["bug"], "priority": "P1", "comment": "Thanks for the report!"}))

    # A user opens an issue; the mock sends the signed `issues` webhook to the agent.
    reporter = Github(os.environ["GITHUB_TOKEN"], base_url=os.environ["GITHUB_API_URL"])
    reporter.get_repo("octo/hello").create_issue(title="Login page crashes", body="Since this morning.")
    delivery = understudy.github.wait_for_webhook("issues", action="opened")
    assert delivery["status"] == "delivered"
    assert delivery["payload"]["issue"]["title"] == "Login page crashes"

    prompt = understudy.openai.calls("POST", "/v1/chat/completions")[0]["body"]
    assert "Login page crashes" in prompt["messages"][1]["content"]
    assert understudy.calls("github", "POST", "/repos/octo/hello/issues/1/labels")[0]["body"] == ["bug", "P1"]
    comment = understudy.github.calls("POST", "/repos/:owner/:repo/issues/:number/comments")[0]
    assert "P1" in comment["body"]["body"]
    notice = understudy.slack.last
    assert notice["path"] == "/api/chat.postMessage"
    assert notice["body"]["channel"] == "#triage" and notice["body"]["text"].startswith("P1: Login page crashes")
    assert notice["responseBody"]["ok"] is True
    # The issue as GitHub now has it.
    issue = reporter.get_repo("octo/hello").get_issue(1)
    assert sorted(label.name for label in issue.labels) == ["P1", "bug"]


def test_a_p3_issue_is_not_announced_and_a_failing_model_falls_back(understudy, agent):
    understudy.seed(github={"repos": [{"full_name": "octo/hello", "hooks": [{"url": agent.url, "secret": SECRET, "events": ["issues"]}]}]})
    understudy.reply("openai", error={"status": 500, "message": "model overloaded"})

    Github(os.environ["GITHUB_TOKEN"], base_url=os.environ["GITHUB_API_URL"]).get_repo("octo/hello").create_issue(title="Typo")
    understudy.wait_for_webhook("github", "issues", action="opened")

    assert understudy.called("openai", "POST", "/v1/chat/completions")
    assert understudy.calls("github", "POST", "/repos/octo/hello/issues/1/labels")[0]["body"] == ["needs-triage", "P2"]
    assert not understudy.called("slack")
