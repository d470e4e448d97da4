"""IP addresses inside Chinese text (服务器63.221.155.31已迁移, IP地址：2001:db8::1).

Presidio's ``IpRecognizer`` bounds an address with ``\\b``, and a Han character is a
word character to Python's ``re``: ``器63`` has no boundary, so an address written
against Chinese text is never found. Here the boundary is an ASCII one (no letter,
digit, dot or colon next to the address), and the address must parse
(:mod:`ipaddress`), so ``999.1.1.1`` and a version ``v1.2.3.4`` are not reported.
"""

from __future__ import annotations

import ipaddress

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseIpRecognizer"]

_V4 = r"(?<![0-9A-Za-z.:])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?![0-9A-Za-z]|\.\d)"
_V6 = r"(?<![0-9A-Za-z.:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?:/\d{1,3})?(?![0-9A-Za-z:])"


class ChineseIpRecognizer(RegexRecognizer):
    ENTITY = "IP_ADDRESS"
    LANGUAGE = "zh"
    CONTEXT = ("IP", "ip地址", "IP地址", "服务器", "主机", "登录", "网关", "地址")
    PATTERNS = (RegexPattern("ipv4", _V4, 0.6), RegexPattern("ipv6", _V6, 0.6))

    def validate(self, value: str) -> bool:
        address = value.split("/")[0]
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        # "a::b" parses too: an IPv6 address in a document has digits and some length
        return parsed.version == 4 or (address.count(":") >= 2 and len(address) >= 6 and
                                       any(c.isdigit() for c in address))
