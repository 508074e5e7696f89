"""pytest-understudy: Understudy's stand-in GitHub, Slack, Stripe and OpenAI APIs in pytest.

The `understudy` fixture (registered by the pytest11 entry point) gives each test its own
partition of one `understudy serve` per session. See the README for the API.
"""

from ._client import Service, Understudy
from ._server import Server, UnderstudyError, server_command, start_server

__all__ = ["Server", "Service", "Understudy", "UnderstudyError", "server_command", "start_server"]
