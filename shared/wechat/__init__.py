"""Talking to the WeChat API: the error tree, its one policy, the token provider and client base."""
