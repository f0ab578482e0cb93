"""微信门店 in the fake: the 门店管理 stores an account already has, its 门店小程序 and Tencent Maps' points."""
