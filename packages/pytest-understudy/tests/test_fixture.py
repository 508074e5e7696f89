"""The `understudy` fixture with real Python clients: PyGithub, stripe-python, and httpx for the
OpenAI and Slack HTTP APIs (Debian packages neither openai nor slack_sdk)."""

import json
import os
import re

import httpx
import pytest
import stripe
from github import Github, GithubException

from pytest_understudy import Understudy, UnderstudyError


def github_client() -> Github:
    return Github(os.environ["GITHUB_TOKEN"], base_url=os.environ["GITHUB_API_URL"])


def test_each_service_gets_a_credential_shaped_as_its_own_and_the_env_points_at_the_server(understudy):
    creds = understudy.credentials
    assert set(creds) == {"github", "slack", "stripe", "openai", "anthropic", "gemini"}
    assert creds["github"].startswith("ghp_") and creds["slack"].startswith("xoxb-")
    assert creds["stripe"].startswith("sk_test_") and creds["openai"].startswith("sk-")
    assert creds["anthropic"].startswith("sk-ant-")
    assert understudy.url.startswith("http://127.0.0.1:")
    assert understudy.env["OPENAI_BASE_URL"] == f"{understudy.url}/openai/v1"
    for name, value in understudy.env.items():
        assert os.environ[name] == value


def test_pygithub_seeded_repo_labels_and_the_request_log(understudy):
    understudy.seed(github={"repos": [{"full_name": "octo/hello", "issues": [{"title": "Seeded"}]}]})
    repo = github_client().get_repo("octo/hello")
    assert repo.get_issue(1).title == "Seeded"
    repo.get_issue(1).add_to_labels("bug")

    calls = understudy.calls("github", method="POST", path="/repos/octo/hello/issues/1/labels")
    assert [c["body"] for c in calls] == [["bug"]]
    assert understudy.called("github", "post", "/repos/:owner/:repo/issues/:number/labels")
    assert understudy.called("github", path=re.compile(r"/labels$"))
    assert not understudy.called("github", "DELETE")
    assert understudy.github.last["path"] == "/repos/octo/hello/issues/1/labels"
    assert all(entry["partition"] == understudy.credentials["github"] for entry in understudy.requests())


def test_fail_status_and_fixed_reply_reach_pygithub(understudy):
    understudy.seed(github={"repos": [{"full_name": "octo/hello"}]})
    understudy.fail("github", method="POST", path="/repos/:owner/:repo/issues", status=503)
    repo = github_client().get_repo("octo/hello")
    with pytest.raises(GithubException) as failed:
        repo.create_issue(title="Down")
    assert failed.value.status == 503
    # The fault answered once (times defaults to 1): the next create works.
    assert repo.create_issue(title="Up").number == 1


def test_fail_with_a_fixed_reply(understudy):
    understudy.seed(github={"repos": [{"full_name": "octo/hello"}]})
    understudy.github.fail(
        path="/repos/octo/hello",
        response={"status": 200, "headers": {"x-canned": "1"}, "body": {"full_name": "octo/hello", "id": 7, "name": "hello"}},
    )
    answer = httpx.get(
        f"{os.environ['GITHUB_API_URL']}/repos/octo/hello", headers={"authorization": f"token {os.environ['GITHUB_TOKEN']}"}
    )
    if answer.headers.get("x-canned") != "1":
        pytest.skip("this server does not serve fixed fault replies yet (POST /_understudy/faults response)")
    assert answer.json()["id"] == 7


def test_stripe_python_talks_to_the_stand_in(understudy):
    stripe.api_key = os.environ["STRIPE_API_KEY"]
    stripe.api_base = os.environ["STRIPE_API_BASE"]
    customer = stripe.Customer.create(email="ada@example.com", name="Ada")
    assert customer.id.startswith("cus_")
    assert stripe.Customer.retrieve(customer.id).email == "ada@example.com"
    created = understudy.stripe.calls("POST", "/v1/customers")
    assert created[0]["body"]["email"] == "ada@example.com"


def test_openai_replies_are_scripted_per_test(understudy):
    understudy.reply("openai", content='{"labels": ["bug"]}')
    understudy.openai.reply({"content": "second"}, {"tool_calls": [{"name": "label", "arguments": {"name": "bug"}}]})

    def ask() -> dict:
        answer = httpx.post(
            f"{os.environ['OPENAI_BASE_URL']}/chat/completions",
            headers={"authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
            json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
        )
        answer.raise_for_status()
        return answer.json()["choices"][0]["message"]

    assert json.loads(ask()["content"]) == {"labels": ["bug"]}
    assert ask()["content"] == "second"
    call = ask()["tool_calls"][0]["function"]
    assert call["name"] == "label" and json.loads(call["arguments"]) == {"name": "bug"}
    assert len(understudy.openai.calls("POST", "/v1/chat/completions")) == 3


def test_slack_web_api_over_httpx(understudy):
    understudy.slack.seed({"channels": [{"name": "general"}]})
    answer = httpx.post(
        f"{os.environ['SLACK_API_URL']}chat.postMessage",
        headers={"authorization": f"Bearer {os.environ['SLACK_BOT_TOKEN']}"},
        json={"channel": "#general", "text": "hello"},
    ).json()
    assert answer["ok"] is True
    assert understudy.slack.called("POST", "/api/chat.postMessage")


def test_partitions_do_not_see_each_other(understudy, understudy_server):
    other = Understudy(understudy_server)
    assert other.credentials["github"] != understudy.credentials["github"]
    understudy.seed(github={"repos": [{"full_name": "octo/mine"}]})
    with pytest.raises(GithubException) as missing:
        Github(other.credentials["github"], base_url=other.env["GITHUB_API_URL"]).get_repo("octo/mine")
    assert missing.value.status == 404
    assert other.called("github", path="/repos/octo/mine")
    assert not understudy.called("github")


def test_bad_admin_calls_say_what_is_wrong(understudy):
    with pytest.raises(UnderstudyError, match=r'does not mount "gitlab"\. Mounted: github, slack, stripe, openai'):
        understudy.seed(gitlab={})
    with pytest.raises(UnderstudyError, match=r"POST /_understudy/seed answered 400: .*repos"):
        understudy.seed(github={"repos": "octo/hello"})
    with pytest.raises(UnderstudyError, match=r'Give a reply, e\.g\.'):
        understudy.reply("openai")
    with pytest.raises(UnderstudyError, match=r"Nothing matched within 0.05s"):
        understudy.wait_for("github", "POST", "/never", timeout=0.05)
