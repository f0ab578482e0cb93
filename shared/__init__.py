"""The library every wxmp-platform service uses: crypto, XML, events, settings, broker topology."""
