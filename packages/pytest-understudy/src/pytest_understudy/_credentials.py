"""Per-test credentials and the environment variables that point SDKs at the server.

The variable names are those `understudy env` prints (packages/cli/src/cli/environment.ts); a test
in this package checks that both agree.
"""

from __future__ import annotations

import uuid
from typing import Callable, Dict, List, Tuple

# Shaped as each service's own credential, so SDKs that check a prefix accept them.
_SHAPES: Dict[str, Callable[[str], str]] = {
    "github": lambda tag: f"ghp_{tag}",
    "slack": lambda tag: f"xoxb-{tag}",
    "stripe": lambda tag: f"sk_test_{tag}",
    "openai": lambda tag: f"sk-{tag}",
    "anthropic": lambda tag: f"sk-ant-{tag}",
    "gemini": lambda tag: f"understudy-{tag}",
}

_RECIPES: Dict[str, Callable[[str, str], List[Tuple[str, str]]]] = {
    "github": lambda url, c: [("GITHUB_API_URL", f"{url}/github"), ("GITHUB_TOKEN", c)],
    "slack": lambda url, c: [("SLACK_API_URL", f"{url}/slack/api/"), ("SLACK_BOT_TOKEN", c)],
    "stripe": lambda url, c: [("STRIPE_API_BASE", url), ("STRIPE_API_KEY", c)],
    "openai": lambda url, c: [("OPENAI_BASE_URL", f"{url}/openai/v1"), ("OPENAI_API_KEY", c)],
    "anthropic": lambda url, c: [("ANTHROPIC_BASE_URL", f"{url}/anthropic"), ("ANTHROPIC_API_KEY", c)],
    "gemini": lambda url, c: [("GOOGLE_GEMINI_BASE_URL", f"{url}/gemini"), ("GEMINI_API_KEY", c)],
}


def new_credentials(services: List[str]) -> Dict[str, str]:
    """One fresh credential per service: together they name this test's partition."""
    tag = uuid.uuid4().hex[:16]
    return {name: (_SHAPES[name](tag) if name in _SHAPES else f"understudy-{tag}") for name in services}


def environment(url: str, credentials: Dict[str, str]) -> Dict[str, str]:
    """The SDKs' variables for these services, in service order."""
    env: Dict[str, str] = {}
    for service, credential in credentials.items():
        recipe = _RECIPES.get(service)
        if recipe:
            env.update(recipe(url.rstrip("/"), credential))
    return env
