"""The fake's 对话能力 (guide API): guides and their groups, the followers they serve, tags,
materials and mass-send jobs, kept per account (``state.guide``) and served under ``/cgi-bin/guide/``."""

from sandbox.fake_wechat.guide.book import GuideBook

__all__ = ["GuideBook"]
