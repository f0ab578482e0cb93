"""SHA-1 signatures over sorted string parts, compared in constant time."""

import hashlib
import hmac

from shared.crypto.errors import CryptoError, CryptoErrorCode


def sign(*parts: str) -> str:
    """``sha1("".join(sorted(parts)))`` as lower-case hex, the way WeChat signs.

    The parts sort as strings (a timestamp is compared as text, not as a number).
    """
    # SHA-1 is what WeChat signs with; the protocol leaves no choice.
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()  # noqa: S324


def verify_signature(signature: str, *parts: str) -> None:
    """Raise ``CryptoError(VALIDATE_SIGNATURE)`` unless ``signature`` signs ``parts``."""
    expected = sign(*parts)
    if not hmac.compare_digest(expected.encode("ascii"), signature.lower().encode("utf-8", "replace")):
        raise CryptoError(CryptoErrorCode.VALIDATE_SIGNATURE, "signature mismatch")
