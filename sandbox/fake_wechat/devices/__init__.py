"""微信设备功能 in the fake: authorised devices, their QR tickets, bindings and pushed messages."""
