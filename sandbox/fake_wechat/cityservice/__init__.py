"""城市服务 (``/cityservice/``): the 微信就医助手 messages a hospital's account pushes."""
