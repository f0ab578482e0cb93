"""WeChat's width of a text: an ASCII character counts one, any other (a Chinese character) two.

Nicknames (门店小程序), page titles and descriptions (摇一摇周边) are limited by this width.
"""


def width(text: str) -> int:
    """``text``'s width as WeChat counts it: 1 per ASCII character, 2 per any other."""
    return sum(1 if ord(char) < 0x80 else 2 for char in text)
