"""The web service: OAuth2 web authorization and the JS-SDK config for H5 pages (port 8085, public)."""
