"""The AES envelope of WeChat's safe and compatible modes.

key = base64decode(EncodingAESKey + "="), AES-256-CBC with iv = key[:16];
plaintext = 16 random bytes + 4-byte big-endian length + message + AppId,
PKCS#7-padded to a 32-byte block. Decryption checks the pad and the length
field before it trusts them, and the AppId against the account's.
"""

import base64
import binascii
import os
import struct
from dataclasses import dataclass

from Crypto.Cipher import AES

from shared.crypto.errors import CryptoError, CryptoErrorCode

BLOCK_SIZE = 32
_PREFIX = 16
_LENGTH = struct.Struct(">I")


def pkcs7_pad(data: bytes) -> bytes:
    pad = BLOCK_SIZE - len(data) % BLOCK_SIZE
    return data + bytes([pad]) * pad


def pkcs7_unpad(data: bytes) -> bytes:
    """Strip a PKCS#7 pad of 1..32 equal bytes, or raise ILLEGAL_BUFFER."""
    if not data or len(data) % 16:
        raise CryptoError(CryptoErrorCode.ILLEGAL_BUFFER, "decrypted length is not a whole number of blocks")
    pad = data[-1]
    if not 1 <= pad <= BLOCK_SIZE or pad > len(data) or data[-pad:] != bytes([pad]) * pad:
        raise CryptoError(CryptoErrorCode.ILLEGAL_BUFFER, "bad PKCS#7 padding")
    return data[:-pad]


def decode_aes_key(encoding_aes_key: str) -> bytes:
    """The 32-byte AES key behind a 43-character EncodingAESKey, or ILLEGAL_AES_KEY."""
    if len(encoding_aes_key) != 43:
        raise CryptoError(CryptoErrorCode.ILLEGAL_AES_KEY, "EncodingAESKey must be 43 characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except (binascii.Error, ValueError):
        raise CryptoError(CryptoErrorCode.ILLEGAL_AES_KEY, "EncodingAESKey is not base64") from None
    if len(key) != 32:
        raise CryptoError(CryptoErrorCode.ILLEGAL_AES_KEY, "EncodingAESKey must decode to 32 bytes")
    return key


@dataclass(frozen=True, repr=False)
class MessageCipher:
    """Encrypts and decrypts message envelopes for one AppId with one key."""

    key: bytes
    app_id: str

    @classmethod
    def from_encoding_aes_key(cls, encoding_aes_key: str, app_id: str) -> "MessageCipher":
        return cls(decode_aes_key(encoding_aes_key), app_id)

    def __repr__(self) -> str:  # the key never reaches a log or a traceback
        return f"MessageCipher(app_id={self.app_id!r})"

    def encrypt(self, message: bytes, random_prefix: bytes | None = None) -> str:
        prefix = os.urandom(_PREFIX) if random_prefix is None else random_prefix
        if len(prefix) != _PREFIX:
            raise CryptoError(CryptoErrorCode.ENCRYPT_AES, "random prefix must be 16 bytes")
        plain = pkcs7_pad(prefix + _LENGTH.pack(len(message)) + message + self.app_id.encode("utf-8"))
        try:
            encrypted = AES.new(self.key, AES.MODE_CBC, self.key[:16]).encrypt(plain)
        except ValueError as exc:
            raise CryptoError(CryptoErrorCode.ENCRYPT_AES, str(exc)) from None
        return base64.b64encode(encrypted).decode("ascii")

    def decrypt(self, encrypted: str) -> bytes:
        try:
            raw = base64.b64decode(encrypted, validate=True)
        except (binascii.Error, ValueError):
            raise CryptoError(CryptoErrorCode.DECODE_BASE64, "Encrypt is not base64") from None
        if not raw or len(raw) % 16:
            raise CryptoError(CryptoErrorCode.DECRYPT_AES, "ciphertext is not a whole number of AES blocks")
        plain = pkcs7_unpad(AES.new(self.key, AES.MODE_CBC, self.key[:16]).decrypt(raw))
        if len(plain) < _PREFIX + _LENGTH.size:
            raise CryptoError(CryptoErrorCode.ILLEGAL_BUFFER, "decrypted buffer too short")
        (length,) = _LENGTH.unpack_from(plain, _PREFIX)
        start = _PREFIX + _LENGTH.size
        if length > len(plain) - start:
            raise CryptoError(CryptoErrorCode.ILLEGAL_BUFFER, "length field exceeds the buffer")
        if plain[start + length :] != self.app_id.encode("utf-8"):
            raise CryptoError(CryptoErrorCode.VALIDATE_APPID, "AppId inside the message does not match")
        return plain[start : start + length]


@dataclass(frozen=True, repr=False)
class AccountCipher:
    """The current cipher of an account and, during a key change, the previous one.

    WeChat keeps encrypting with the old EncodingAESKey for a while after it is
    changed, so decryption tries the current key, then the previous one, and
    reports which one worked so the reply can be sealed with the same key.
    """

    current: MessageCipher
    previous: MessageCipher | None = None

    def __repr__(self) -> str:
        return f"AccountCipher(app_id={self.current.app_id!r}, rotating={self.previous is not None})"

    def decrypt(self, encrypted: str) -> tuple[bytes, MessageCipher]:
        try:
            return self.current.decrypt(encrypted), self.current
        except CryptoError as first:
            if self.previous is None or first.code == CryptoErrorCode.DECODE_BASE64:
                raise
            try:
                return self.previous.decrypt(encrypted), self.previous
            except CryptoError:
                raise first from None
