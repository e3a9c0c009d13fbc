"""robots.txt rules of one site, read with the standard library's ``urllib.robotparser``.

As RFC 9309 says: a robots.txt that does not exist (4xx) allows everything; one that cannot be read (5xx,
no connection) disallows everything for this run. A ``Crawl-delay`` for our agent raises the per-host delay.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: ``helpers-fetch`` of ``helpers-fetch/0.1 (…)``."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


@dataclass
class RobotsRules:
    """Whether URLs of one site may be fetched, and why not."""

    source: str
    agent: str
    reason: str
    _parser: RobotFileParser

    @classmethod
    def parse(cls, source: str, user_agent: str, text: str) -> RobotsRules:
        """The rules of a robots.txt's text."""
        parser = RobotFileParser(source)
        parser.parse(text.splitlines())
        return cls(source, agent_token(user_agent), "a Disallow rule matches", parser)

    @classmethod
    def allow_all(cls, source: str, user_agent: str, reason: str) -> RobotsRules:
        """Rules that allow everything (no robots.txt)."""
        parser = RobotFileParser(source)
        parser.allow_all = True
        return cls(source, agent_token(user_agent), reason, parser)

    @classmethod
    def disallow_all(cls, source: str, user_agent: str, reason: str) -> RobotsRules:
        """Rules that allow nothing (robots.txt unreadable)."""
        parser = RobotFileParser(source)
        parser.disallow_all = True
        return cls(source, agent_token(user_agent), reason, parser)

    def allowed(self, url: str) -> bool:
        """Whether our agent may fetch ``url``."""
        return self._parser.can_fetch(self.agent, url)

    @property
    def crawl_delay(self) -> float | None:
        """The Crawl-delay robots.txt sets for our agent (or for all), in seconds."""
        try:
            delay = self._parser.crawl_delay(self.agent)
        except AttributeError:  # no rules were read
            return None
        return float(delay) if delay is not None else None
