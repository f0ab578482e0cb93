"""The API proxy: WeChat's catalogued endpoints for internal callers in any language, the token
added on the way out and never shown, WeChat's answer passed back as it is."""
