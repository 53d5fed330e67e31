"""Seals on card data the bot must be able to trust when a button brings it back.

An Action.Execute invoke carries whatever data the client sends; a crafted invoke could claim any
object id for any member. Data that confers something (the roster matches of `medlemmer synk`)
is therefore sealed with an HMAC under the server's link secret, and refused unless the seal holds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

SEAL_KEY = "seal"


class CardSeal:
    def __init__(self, secret: bytes) -> None:
        # A key of its own, so a seal can never pass as a download link's signature.
        self._key = hmac.new(secret, b"hfbot card seal", hashlib.sha256).digest()

    def sign(self, data: dict[str, Any]) -> str:
        canonical = json.dumps(
            {key: value for key, value in data.items() if key != SEAL_KEY},
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hmac.new(self._key, canonical.encode(), hashlib.sha256).hexdigest()

    def sealed(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, SEAL_KEY: self.sign(data)}

    def holds(self, data: dict[str, Any]) -> bool:
        seal = data.get(SEAL_KEY)
        return isinstance(seal, str) and hmac.compare_digest(self.sign(data), seal)
