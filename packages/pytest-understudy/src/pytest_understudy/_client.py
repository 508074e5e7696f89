"""The `understudy` fixture's object: this test's partition and helpers over the admin API."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, Optional, Pattern, Union

from ._credentials import environment, new_credentials
from ._server import Server, UnderstudyError

PathMatcher = Union[str, Pattern[str], None]
Entry = Dict[str, Any]

_SNAKE = re.compile(r"_([a-z])")


def _camel(value: Any) -> Any:
    """Python keyword style (tool_calls, rate_limit) to the admin API's JSON (toolCalls, rateLimit)."""
    if isinstance(value, dict):
        return {_SNAKE.sub(lambda m: m.group(1).upper(), k): _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _path_matches(pattern: PathMatcher, path: str) -> bool:
    """`/repos/:owner/:repo/issues` and `*` match segments, as fail() paths do; a regex searches."""
    if pattern is None:
        return True
    if not isinstance(pattern, str):
        return pattern.search(path) is not None
    if pattern == path:
        return True
    want, have = pattern.strip("/").split("/"), path.strip("/").split("/")
    if want and want[-1] == "*":
        return len(have) >= len(want) - 1 and all(
            w.startswith(":") or w == h for w, h in zip(want[:-1], have)
        )
    return len(want) == len(have) and all(w == "*" or w.startswith(":") or w == h for w, h in zip(want, have))


class Understudy:
    """A running server seen through one test's partition: one credential per service.

    Every admin call for a service carries that service's credential, so it acts on this test's
    data only. Log entries are the admin API's dicts (`method`, `path` at the real host, `body`
    parsed, `status`, `responseBody`, ...).
    """

    def __init__(self, server: Server, credentials: Optional[Dict[str, str]] = None) -> None:
        self.server = server
        self.url: str = server.url
        self.services: List[str] = list(server.services)
        self.credentials: Dict[str, str] = credentials or new_credentials(self.services)
        self.env: Dict[str, str] = environment(self.url, self.credentials)

    # -- the admin API -------------------------------------------------------------------------

    def admin(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        service: Optional[str] = None,
        query: Optional[Dict[str, str]] = None,
    ) -> Any:
        """One admin API call, as `service`'s credential when given; errors raise UnderstudyError."""
        url = f"{self.url}/_understudy{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        headers = {"accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["content-type"] = "application/json"
        if service is not None:
            headers["authorization"] = f"Bearer {self._credential(service)}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            try:
                detail = json.loads(detail).get("error", detail)
            except ValueError:
                pass
            raise UnderstudyError(f"{method} /_understudy{path} answered {error.code}: {detail}") from None
        except urllib.error.URLError as error:
            raise UnderstudyError(
                f"The server at {self.url} does not answer ({error.reason}); its log:\n{self.server.log()}"
            ) from None
        return json.loads(text) if text else None

    def _credential(self, service: str) -> str:
        if service not in self.credentials:
            raise UnderstudyError(
                f'The server does not mount "{service}". Mounted: {", ".join(self.services) or "none"}.'
            )
        return self.credentials[service]

    # -- state and scripting ---------------------------------------------------------------------

    def seed(self, **services: Any) -> None:
        """Seed data per service, for this test's partition: `seed(github={"repos": [...]})`."""
        for service, data in services.items():
            self.admin("POST", "/seed", {service: data}, service=service)

    def reply(self, service: str = "openai", *replies: Dict[str, Any], **reply: Any) -> None:
        """Queue LLM replies: `reply("openai", content="...")`, `tool_calls=[...]`, `error={...}`,
        or several dicts at once: `reply("openai", {"content": "a"}, {"content": "b"})`."""
        queued = [*replies, *([reply] if reply else [])]
        if not queued:
            raise UnderstudyError('Give a reply, e.g. understudy.reply("openai", content="Hello").')
        self.admin("POST", f"/{service}/replies", _camel(queued), service=service)

    def fail(self, service: str, **fault: Any) -> None:
        """Make matching requests fail, for this test's partition: `fail("github", path="/repos/:owner/:repo/issues",
        status=500)`, `rate_limit=True`, `latency=200`, `drop=True`, `times="always"`, or a fixed reply
        `response={"status": 418, "headers": {...}, "body": {...}}`."""
        response = fault.pop("response", None)
        body = {"service": service, **_camel(fault)}
        if response is not None:
            # Headers and bodies are sent as given, not re-cased.
            body["response"] = response
        self.admin("POST", "/faults", body, service=service)

    def reset(self) -> None:
        """Forget every service's state, log, replies and faults (the fixture does it after each test)."""
        self.admin("POST", "/reset")

    # -- what happened ---------------------------------------------------------------------------

    def requests(self, service: Optional[str] = None) -> List[Entry]:
        """This test's request log, oldest first, across services or for one."""
        entries: List[Entry] = []
        for name in [service] if service else self.services:
            query = {"service": name, "partition": self._credential(name)}
            entries += self.admin("GET", "/requests", query=query)["requests"]
        return sorted(entries, key=lambda e: e.get("startedAt", 0)) if service is None else entries

    def calls(self, service: str, method: Optional[str] = None, path: PathMatcher = None) -> List[Entry]:
        """Log entries for `service` matching `method` and `path` (at the real host; `:name` and `*`
        match a segment, a compiled regex searches)."""
        return [
            entry
            for entry in self.requests(service)
            if (method is None or entry["method"].upper() == method.upper()) and _path_matches(path, entry["path"])
        ]

    def called(self, service: str, method: Optional[str] = None, path: PathMatcher = None) -> bool:
        """Whether any request matched."""
        return bool(self.calls(service, method, path))

    def webhooks(
        self, service: Optional[str] = None, event: Optional[str] = None, action: Optional[str] = None
    ) -> List[Entry]:
        """Webhook deliveries this test's activity caused, oldest first, with `payload` parsed from
        the body; `action` matches the payload's (GitHub's `opened`, `labeled`...)."""
        mine = set(self.credentials.values())
        deliveries = []
        for delivery in self.admin("GET", "/webhooks")["deliveries"]:
            if delivery.get("partition") not in mine:
                continue
            if service and delivery.get("service") != service:
                continue
            if event and delivery.get("event") != event:
                continue
            try:
                delivery["payload"] = json.loads(delivery.get("body") or "null")
            except ValueError:
                delivery["payload"] = delivery.get("body")
            if action and not (isinstance(delivery["payload"], dict) and delivery["payload"].get("action") == action):
                continue
            deliveries.append(delivery)
        return deliveries

    def wait_for_webhook(
        self,
        service: Optional[str] = None,
        event: Optional[str] = None,
        action: Optional[str] = None,
        timeout: float = 10.0,
    ) -> Entry:
        """Waits until a matching delivery has settled (delivered or failed) and returns it. The
        receiver's work is done by then when it answers the webhook after doing it."""
        return self._until(
            lambda: next((d for d in self.webhooks(service, event, action) if d.get("status") != "pending"), None),
            timeout,
            f"a settled webhook delivery (service={service}, event={event}, action={action})",
        )

    def wait_for(
        self, service: str, method: Optional[str] = None, path: PathMatcher = None, timeout: float = 10.0
    ) -> Entry:
        """Waits until a matching request arrives (an agent working in the background) and returns it."""
        return self._until(
            lambda: next(iter(self.calls(service, method, path)), None),
            timeout,
            f"{service} {method or ''} {path or ''}",
        )

    def _until(self, probe: Callable[[], Optional[Entry]], timeout: float, what: str) -> Entry:
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            found = probe()
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise UnderstudyError(f"Nothing matched within {timeout}s: {what}.")
            # Polling the admin API: the server pushes no per-partition signal a test could block on.
            time.sleep(delay)
            delay = min(delay * 2, 0.2)

    # -- one service at a time -------------------------------------------------------------------

    def service(self, name: str) -> "Service":
        """The helpers bound to one service: `understudy.service("github").last`."""
        self._credential(name)
        return Service(self, name)

    @property
    def github(self) -> "Service":
        return self.service("github")

    @property
    def slack(self) -> "Service":
        return self.service("slack")

    @property
    def stripe(self) -> "Service":
        return self.service("stripe")

    @property
    def openai(self) -> "Service":
        return self.service("openai")

    def __repr__(self) -> str:
        return f"<Understudy {self.url} services={self.services}>"


class Service:
    """`understudy.github` and friends: the helpers with the service filled in."""

    def __init__(self, understudy: Understudy, name: str) -> None:
        self.understudy = understudy
        self.name = name
        self.credential = understudy.credentials[name]
        self.env = {k: v for k, v in environment(understudy.url, {name: self.credential}).items()}

    def calls(self, method: Optional[str] = None, path: PathMatcher = None) -> List[Entry]:
        return self.understudy.calls(self.name, method, path)

    def called(self, method: Optional[str] = None, path: PathMatcher = None) -> bool:
        return self.understudy.called(self.name, method, path)

    @property
    def last(self) -> Optional[Entry]:
        """The latest request to this service in this test, or None."""
        entries = self.understudy.requests(self.name)
        return entries[-1] if entries else None

    def seed(self, data: Dict[str, Any]) -> None:
        self.understudy.seed(**{self.name: data})

    def fail(self, **fault: Any) -> None:
        self.understudy.fail(self.name, **fault)

    def reply(self, *replies: Dict[str, Any], **reply: Any) -> None:
        self.understudy.reply(self.name, *replies, **reply)

    def webhooks(self, event: Optional[str] = None, action: Optional[str] = None) -> List[Entry]:
        return self.understudy.webhooks(self.name, event, action)

    def wait_for_webhook(self, event: Optional[str] = None, action: Optional[str] = None, timeout: float = 10.0) -> Entry:
        return self.understudy.wait_for_webhook(self.name, event, action, timeout)

    def wait_for(self, method: Optional[str] = None, path: PathMatcher = None, timeout: float = 10.0) -> Entry:
        return self.understudy.wait_for(self.name, method, path, timeout)

    def __repr__(self) -> str:
        return f"<Understudy service {self.name}>"
