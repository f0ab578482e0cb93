"""The account's administration in the fake: its mp.weixin.qq.com settings and its openid migration."""
