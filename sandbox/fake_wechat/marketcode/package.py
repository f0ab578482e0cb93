"""A batch range as WeChat's code package: one line per code, AES-128-CBC (PKCS#7, the key as its IV), base64.

The account's package key is what WeChat gives the brand owner with the feature; the fake derives
one per account so that a test can decrypt what it downloaded.
"""

import base64
import hashlib

from Crypto.Cipher import AES

BLOCK = 16


def package_key(app_id: str) -> bytes:
    return hashlib.sha256(f"marketcode:{app_id}".encode()).hexdigest()[:BLOCK].encode()


def code_of(application_id: int, index: int) -> str:
    """The nine-character raw code of a batch's ``index``-th code."""
    return f"{application_id % 1000:03d}{index:06d}"


def code_url(app_id: str, code: str) -> str:
    """The 28-character ordinary code the printed QR carries."""
    return hashlib.sha256(f"{app_id}:{code}".encode()).hexdigest()[:28]


def encrypt_package(lines: list[str], key: bytes) -> str:
    data = "\n".join(lines).encode()
    pad = BLOCK - len(data) % BLOCK
    cipher = AES.new(key, AES.MODE_CBC, iv=key)
    return base64.b64encode(cipher.encrypt(data + bytes([pad]) * pad)).decode()
