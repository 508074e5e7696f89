"""A small issue-triage agent in Python, the twin of apps/triage-agent.

GitHub sends an `issues` webhook → the agent asks an OpenAI model for labels, a priority and a
comment → it labels the issue, comments with the priority, and posts P0/P1 issues to Slack.
It reads its settings from the environment, so the same code runs against the real services or
against `understudy serve` (the pytest fixture sets these variables):

    OPENAI_BASE_URL, OPENAI_API_KEY    read as the openai SDK reads them
    GITHUB_API_URL, GITHUB_TOKEN       passed to PyGithub (which reads no variable itself)
    SLACK_API_URL, SLACK_BOT_TOKEN     passed to the Slack Web API call
    GITHUB_WEBHOOK_SECRET              verifies X-Hub-Signature-256

The model is called with httpx (Debian packages no `openai`); with the openai package it would be
`OpenAI().chat.completions.create(...)`, which reads the same two variables.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

import httpx
from github import Github

PRIORITIES = ["P0", "P1", "P2", "P3"]
LABELS = ["bug", "feature", "question", "documentation", "security", "performance"]
SCHEMA = {
    "type": "object",
    "properties": {
        "labels": {"type": "array", "items": {"type": "string", "enum": LABELS}},
        "priority": {"type": "string", "enum": PRIORITIES},
        "comment": {"type": "string"},
    },
    "required": ["labels", "priority", "comment"],
    "additionalProperties": False,
}
FALLBACK = {"labels": ["needs-triage"], "priority": "P2", "comment": "Thanks! A maintainer will look at this."}


@dataclass
class Triage:
    labels: List[str]
    priority: str
    comment: str
    notified: bool


def classify(title: str, body: str) -> Dict[str, Any]:
    """Labels, priority and comment from the model; a safe default if its answer is unusable."""
    response = httpx.post(
        f"{os.environ['OPENAI_BASE_URL'].rstrip('/')}/chat/completions",
        headers={"authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
        json={
            "model": "gpt-4o-mini",
            "messages": [
                {"role": "system", "content": f"Triage GitHub issues. Labels: {', '.join(LABELS)}."},
                {"role": "user", "content": f"{title}\n\n{body}"},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "triage", "strict": True, "schema": SCHEMA},
            },
        },
        timeout=30,
    )
    try:
        response.raise_for_status()
        answer = json.loads(response.json()["choices"][0]["message"]["content"])
        if answer["priority"] in PRIORITIES and isinstance(answer["labels"], list):
            return answer
    except (httpx.HTTPError, KeyError, ValueError, TypeError):
        pass
    return FALLBACK


def triage(owner: str, repo: str, number: int, title: str, body: str, channel: str = "#triage") -> Triage:
    """The agent's job for one opened issue."""
    answer = classify(title, body)
    labels = [*answer["labels"], answer["priority"]]
    github = Github(os.environ["GITHUB_TOKEN"], base_url=os.environ["GITHUB_API_URL"])
    issue = github.get_repo(f"{owner}/{repo}").get_issue(number)
    issue.add_to_labels(*labels)
    issue.create_comment(f"{answer['comment']}\n\nPriority: **{answer['priority']}**")
    notified = answer["priority"] in ("P0", "P1")
    if notified:
        slack = httpx.post(
            f"{os.environ['SLACK_API_URL'].rstrip('/')}/chat.postMessage",
            headers={"authorization": f"Bearer {os.environ['SLACK_BOT_TOKEN']}"},
            json={"channel": channel, "text": f"{answer['priority']}: {title} ({issue.html_url})"},
            timeout=30,
        )
        notified = slack.json().get("ok") is True
    return Triage(labels=labels, priority=answer["priority"], comment=answer["comment"], notified=notified)


class _WebhookHandler(BaseHTTPRequestHandler):
    secret = b""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        expected = "sha256=" + hmac.new(self.secret, raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.headers.get("x-hub-signature-256") or ""):
            return self._answer(401, {"error": "bad signature"})
        payload = json.loads(raw)
        if self.headers.get("x-github-event") != "issues" or payload.get("action") != "opened":
            return self._answer(202, {"ignored": True})
        issue, repository = payload["issue"], payload["repository"]
        # Triaging before answering means the webhook's delivery settles when the work is done.
        result = triage(
            repository["owner"]["login"], repository["name"], issue["number"], issue["title"], issue.get("body") or ""
        )
        self._answer(200, result.__dict__)

    def _answer(self, status: int, body: Dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class WebhookServer:
    """The agent's webhook receiver on 127.0.0.1 (port 0: a free one), in a background thread."""

    def __init__(self, secret: str, port: int = 0) -> None:
        handler = type("Handler", (_WebhookHandler,), {"secret": secret.encode()})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/webhooks/github"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "WebhookServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    with WebhookServer(os.environ["GITHUB_WEBHOOK_SECRET"], int(os.environ.get("PORT", "3000"))) as server:
        print(f"listening on {server.url}")
        server.thread.join()
