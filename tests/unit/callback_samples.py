"""WeChat's documented example callbacks for the events and messages beyond the basic ones.

Each is the example XML of WeChat's documentation page named above it (values as documented;
the layout normalized to what WeChat sends: no blanks around CDATA, one element per line).
Where the page's example is broken or a template, the comment says what was fixed or filled in.
Shared by test_events_more, test_events_lenient (the property tests) and test_schema.
"""

from shared.events.base import WeChatEvent
from shared.events.cards import (
    CardNotPassCheckEvent,
    CardPassCheckEvent,
    CardPayOrderEvent,
    CardSkuRemindEvent,
    SubmitMemberCardUserInfoEvent,
    UpdateMemberCardEvent,
    UserConsumeCardEvent,
    UserDelCardEvent,
    UserEnterSessionFromCardEvent,
    UserGetCardEvent,
    UserGiftingCardEvent,
    UserPayFromPayCellEvent,
    UserViewCardEvent,
)
from shared.events.customer_service import KfCloseSessionEvent, KfCreateSessionEvent, KfSwitchSessionEvent
from shared.events.devices import DeviceEventMessage, DeviceTextMessage
from shared.events.invoices import SubmitInvoiceTitleEvent, UpdateInvoiceStatusEvent, UserAuthorizeInvoiceEvent
from shared.events.jobs import MassSendJobFinishEvent, PublishJobFinishEvent
from shared.events.messages import MiniProgramPageMessage
from shared.events.places import PoiCheckNotifyEvent, ShakearoundUserShakeEvent, WifiConnectedEvent
from shared.events.products import (
    UserScanProductAsyncEvent,
    UserScanProductEnterSessionEvent,
    UserScanProductEvent,
    UserScanProductVerifyActionEvent,
)
from shared.events.subscriptions import SubscribeMsgChangeEvent, SubscribeMsgPopupEvent, SubscribeMsgSentEvent
from shared.events.verification import (
    AnnualRenewEvent,
    NamingVerifyFailEvent,
    NamingVerifySuccessEvent,
    QualificationVerifyFailEvent,
    QualificationVerifySuccessEvent,
    VerifyExpiredEvent,
)
from tests.unit.test_events import wechat_event_xml, wechat_xml

# The envelope of WeChat's placeholder examples ("toUser", "FromUser", 123456789).
PLACEHOLDER = {"to_user": "toUser", "from_user": "FromUser", "create_time": 123456789}

MORE_SAMPLES: dict[str, bytes] = {
    # 发布能力 / 事件推送发布结果 (offiaccount/Publish/Callback_on_finish.html), success example
    # (the page breaks article_id over two lines; joined here).
    "publishjobfinish": wechat_event_xml(
        "PUBLISHJOBFINISH",
        """
<PublishEventInfo>
<publish_id>2247503051</publish_id>
<publish_status>0</publish_status>
<article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4]]></article_id>
<article_detail>
<count>1</count>
<item>
<idx>1</idx>
<article_url><![CDATA[ARTICLE_URL]]></article_url>
</item>
</article_detail>
</PublishEventInfo>
""",
        to_user="gh_4d00ed8d6399",
        from_user="oV5CrjpxgaGXNHIQigzNlgLTnwic",
        create_time=1481013459,
    ),
    # The same page, "原创审核不通过时示例": one fail_idx element per failed article.
    "publishjobfinish_failed": wechat_event_xml(
        "PUBLISHJOBFINISH",
        """
<PublishEventInfo>
<publish_id>2247503051</publish_id>
<publish_status>2</publish_status>
<fail_idx>1</fail_idx>
<fail_idx>2</fail_idx>
</PublishEventInfo>
""",
        to_user="gh_4d00ed8d6399",
        from_user="oV5CrjpxgaGXNHIQigzNlgLTnwic",
        create_time=1481013459,
    ),
    # 群发接口 / 事件推送群发结果 (offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html):
    # the example with the original-content check and the article URLs.
    "masssendjobfinish_copyright": wechat_event_xml(
        "MASSSENDJOBFINISH",
        """
<MsgID>1000001625</MsgID>
<Status><![CDATA[err(30003)]]></Status>
<TotalCount>0</TotalCount>
<FilterCount>0</FilterCount>
<SentCount>0</SentCount>
<ErrorCount>0</ErrorCount>
<CopyrightCheckResult>
<Count>2</Count>
<ResultList>
<item>
<ArticleIdx>1</ArticleIdx>
<UserDeclareState>0</UserDeclareState>
<AuditState>2</AuditState>
<OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl>
<OriginalArticleType>1</OriginalArticleType>
<CanReprint>1</CanReprint>
<NeedReplaceContent>1</NeedReplaceContent>
<NeedShowReprintSource>1</NeedShowReprintSource>
</item>
<item>
<ArticleIdx>2</ArticleIdx>
<UserDeclareState>0</UserDeclareState>
<AuditState>2</AuditState>
<OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl>
<OriginalArticleType>1</OriginalArticleType>
<CanReprint>1</CanReprint>
<NeedReplaceContent>1</NeedReplaceContent>
<NeedShowReprintSource>1</NeedShowReprintSource>
</item>
</ResultList>
<CheckState>2</CheckState>
</CopyrightCheckResult>
<ArticleUrlResult>
<Count>1</Count>
<ResultList>
<item>
<ArticleIdx>1</ArticleIdx>
<ArticleUrl><![CDATA[Url]]></ArticleUrl>
</item>
</ResultList>
</ArticleUrlResult>
""",
        to_user="gh_4d00ed8d6399",
        from_user="oV5CrjpxgaGXNHIQigzNlgLTnwic",
        create_time=1481013459,
    ),
    # 客服消息 / 会话控制: 会话状态通知事件 (接入、关闭、转接会话).
    "kf_create_session": wechat_event_xml(
        "kf_create_session",
        "<KfAccount><![CDATA[test1@test]]></KfAccount>",
        to_user="touser",
        from_user="fromuser",
        create_time=1399197672,
    ),
    "kf_close_session": wechat_event_xml(
        "kf_close_session",
        "<KfAccount><![CDATA[test1@test]]></KfAccount>",
        to_user="touser",
        from_user="fromuser",
        create_time=1399197672,
    ),
    "kf_switch_session": wechat_event_xml(
        "kf_switch_session",
        "<FromKfAccount><![CDATA[test1@test]]></FromKfAccount>\n<ToKfAccount><![CDATA[test2@test]]></ToKfAccount>",
        to_user="touser",
        from_user="fromuser",
        create_time=1399197672,
    ),
    # 订阅通知 / 事件推送 (offiaccount/Subscription_Messages/api.html): the popup example (two
    # templates), the change and the sent examples (one List each).
    "subscribe_msg_popup_event": wechat_event_xml(
        "subscribe_msg_popup_event",
        """
<SubscribeMsgPopupEvent>
<List>
<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
<PopupScene>2</PopupScene>
</List>
<List>
<TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
<PopupScene>2</PopupScene>
</List>
</SubscribeMsgPopupEvent>
""",
        to_user="gh_123456789abc",
        from_user="otFpruAK8D-E6EfStSYonYSBZ8_4",
        create_time=1610969440,
    ),
    "subscribe_msg_change_event": wechat_event_xml(
        "subscribe_msg_change_event",
        """
<SubscribeMsgChangeEvent>
<List>
<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
</List>
</SubscribeMsgChangeEvent>
""",
        to_user="gh_123456789abc",
        from_user="otFpruAK8D-E6EfStSYonYSBZ8_4",
        create_time=1610969440,
    ),
    "subscribe_msg_sent_event": wechat_event_xml(
        "subscribe_msg_sent_event",
        """
<SubscribeMsgSentEvent>
<List>
<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
<MsgID>1700827132819554304</MsgID>
<ErrorCode>0</ErrorCode>
<ErrorStatus><![CDATA[success]]></ErrorStatus>
</List>
</SubscribeMsgSentEvent>
""",
        to_user="gh_123456789abc",
        from_user="otFpruAK8D-E6EfStSYonYSBZ8_4",
        create_time=1610969468,
    ),
    # 卡券事件推送 (offiaccount/Cards_and_Offer/Coupons_Vouchers_and_Cards_Event_Push_Messages.html),
    # sections 2.1 to 2.13 in order.
    "card_pass_check": wechat_event_xml(
        "card_pass_check",
        "<CardId><![CDATA[cardid]]></CardId>\n<RefuseReason><![CDATA[非法代制]]></RefuseReason>",
        **PLACEHOLDER,
    ),
    "card_not_pass_check": wechat_event_xml(
        "card_not_pass_check",
        "<CardId><![CDATA[cardid]]></CardId>\n<RefuseReason><![CDATA[非法代制]]></RefuseReason>",
        **PLACEHOLDER,
    ),
    "user_get_card": wechat_event_xml(
        "user_get_card",
        """
<CardId><![CDATA[pZI8Fjwsy5fVPRBeD78J4RmqVvBc]]></CardId>
<IsGiveByFriend>0</IsGiveByFriend>
<UserCardCode><![CDATA[226009850808]]></UserCardCode>
<FriendUserName><![CDATA[]]></FriendUserName>
<OuterId>0</OuterId>
<OldUserCardCode><![CDATA[]]></OldUserCardCode>
<OuterStr><![CDATA[12b]]></OuterStr>
<IsRestoreMemberCard>0</IsRestoreMemberCard>
<IsRecommendByFriend>0</IsRecommendByFriend>
<UnionId>o6_bmasdasdsad6_2sgVt7hMZOPfL</UnionId>
""",
        to_user="gh_fc0a06a20993",
        from_user="oZI8Fj040-be6rlDohc6gkoPOQTQ",
        create_time=1472551036,
    ),
    "user_gifting_card": wechat_event_xml(
        "user_gifting_card",
        """
<CardId><![CDATA[pbLatjhU-3pik3d4PsbVzvBxZvJc]]></CardId>
<UserCardCode><![CDATA[297466945104]]></UserCardCode>
<IsReturnBack>0</IsReturnBack>
<FriendUserName><![CDATA[obLatjlNerkb62HtSdQUx66C4NTU]]></FriendUserName>
<IsChatRoom>0</IsChatRoom>
""",
        to_user="gh_3fcea188bf78",
        from_user="obLatjjwDolFjRRd3doGIdwNqRXw",
        create_time=1474181868,
    ),
    "user_del_card": wechat_event_xml(
        "user_del_card",
        "<CardId><![CDATA[cardid]]></CardId>\n<UserCardCode><![CDATA[12312312]]></UserCardCode>",
        **PLACEHOLDER,
    ),
    "user_consume_card": wechat_event_xml(
        "user_consume_card",
        """
<CardId><![CDATA[pZI8Fj8y-E8hpvho2d1ZvpGwQBvA]]></CardId>
<UserCardCode><![CDATA[452998530302]]></UserCardCode>
<ConsumeSource><![CDATA[FROM_API]]></ConsumeSource>
<LocationName><![CDATA[]]></LocationName>
<StaffOpenId><![CDATA[oZ********nJ3bPJu_Rtjkw4c]]></StaffOpenId>
<VerifyCode><![CDATA[]]></VerifyCode>
<RemarkAmount><![CDATA[]]></RemarkAmount>
<OuterStr><![CDATA[xxxxx]]></OuterStr>
""",
        to_user="gh_fc0a06a20993",
        from_user="oZI8Fj040-be6rlDohc6gkoPOQTQ",
        create_time=1472549042,
    ),
    "user_pay_from_pay_cell": wechat_event_xml(
        "user_pay_from_pay_cell",
        """
<CardId><![CDATA[po2VNuCuRo-8sxxxxxxxxxxx]]></CardId>
<UserCardCode><![CDATA[38050000000]]></UserCardCode>
<TransId><![CDATA[10022403432015000000000]]></TransId>
<LocationId>291710000</LocationId>
<Fee><![CDATA[10000]]></Fee>
<OriginalFee><![CDATA[10000]]></OriginalFee>
""",
        to_user="gh_e2243xxxxxxx",
        from_user="oo2VNuOUuZGMxxxxxxxx",
        create_time=1442390947,
    ),
    "user_view_card": wechat_event_xml(
        "user_view_card",
        """
<CardId><![CDATA[pZI8Fj2ezBbxxxxxT2UbiiWLb7Bg]]></CardId>
<UserCardCode><![CDATA[4xxxxxxxx8558]]></UserCardCode>
<OuterStr><![CDATA[12b]]></OuterStr>
""",
        to_user="gh_fcxxxx6a20993",
        from_user="oZI8Fj040-xxxxx6gkoPOQTQ",
        create_time=1467811138,
    ),
    "user_enter_session_from_card": wechat_event_xml(
        "user_enter_session_from_card",
        "<CardId><![CDATA[cardid]]></CardId>\n<UserCardCode><![CDATA[12312312]]></UserCardCode>",
        **PLACEHOLDER,
    ),
    "update_member_card": wechat_event_xml(
        "update_member_card",
        """
<CardId><![CDATA[pjZ8Ytx-nwvpCRyQneH3Ncmh6N94]]></CardId>
<UserCardCode><![CDATA[485027611252]]></UserCardCode>
<ModifyBonus>3</ModifyBonus>
<ModifyBalance>0</ModifyBalance>
""",
        to_user="gh_9e1765b5568e",
        from_user="ojZ8YtyVyr30HheH3CM73y7h4jJE",
        create_time=1445507140,
    ),
    "card_sku_remind": wechat_event_xml(
        "card_sku_remind",
        "<CardId><![CDATA[pa3LFuAh2P65**********]]></CardId>\n"
        "<Detail><![CDATA[the card's quantity is equal to 0]]></Detail>",
        to_user="gh_2d62d*****0",
        from_user="oa3LFuBvWb7*********",
        create_time=1443838506,
    ),
    "card_pay_order": wechat_event_xml(
        "card_pay_order",
        """
<OrderId><![CDATA[404091456]]></OrderId>
<Status><![CDATA[ORDER_STATUS_FINANCE_SUCC]]></Status>
<CreateOrderTime>1453295737</CreateOrderTime>
<PayFinishTime>0</PayFinishTime>
<Desc><![CDATA[]]></Desc>
<FreeCoinCount><![CDATA[200]]></FreeCoinCount>
<PayCoinCount><![CDATA[0]]></PayCoinCount>
<RefundFreeCoinCount><![CDATA[0]]></RefundFreeCoinCount>
<RefundPayCoinCount><![CDATA[0]]></RefundPayCoinCount>
<OrderType><![CDATA[ORDER_TYPE_SYS_ADD]]></OrderType>
<Memo><![CDATA[开通账户奖励]]></Memo>
<ReceiptInfo><![CDATA[]]></ReceiptInfo>
""",
        to_user="gh_7223c83d4be5",
        from_user="ob5E7s-HoN9tslQY3-0I4qmgluHk",
        create_time=1453295737,
    ),
    "submit_membercard_user_info": wechat_event_xml(
        "submit_membercard_user_info",
        "<CardId><![CDATA[pbLatjtZ7v1BG_ZnTjbW85GYc_E8]]></CardId>\n"
        "<UserCardCode><![CDATA[018255396048]]></UserCardCode>",
        to_user="gh_3fcea188bf78",
        from_user="obLatjlaNQKb8FqOvt1M1x1lIBFE",
        create_time=1432668700,
    ),
    # 门店管理 / 审核事件推送 (poi_check_notify).
    "poi_check_notify": wechat_event_xml(
        "poi_check_notify",
        """
<UniqId><![CDATA[123adb]]></UniqId>
<PoiId><![CDATA[123123]]></PoiId>
<Result><![CDATA[fail]]></Result>
<Msg><![CDATA[xxxxxx]]></Msg>
""",
        to_user="toUser",
        from_user="fromUser",
        create_time=1408622107,
    ),
    # 微信连Wi-Fi / 连网后下发消息 (offiaccount/WiFi_via_WeChat/Sending_messages_after_connection.html);
    # the page writes ``![CDATA[…]]`` without its angle brackets: fixed.
    "wificonnected": wechat_event_xml(
        "WifiConnected",
        """
<ConnectTime>0</ConnectTime>
<ExpireTime>0</ExpireTime>
<VendorId><![CDATA[3001224419]]></VendorId>
<ShopId><![CDATA[PlaceId]]></ShopId>
<DeviceNo><![CDATA[DeviceNo]]></DeviceNo>
""",
        **PLACEHOLDER,
    ),
    # 摇一摇周边 / 摇一摇事件通知 (ShakearoundUserShake): the chosen beacon and two around it.
    "shakearoundusershake": wechat_event_xml(
        "ShakearoundUserShake",
        """
<ChosenBeacon>
<Uuid><![CDATA[uuid]]></Uuid>
<Major>12345</Major>
<Minor>54321</Minor>
<Distance>0.057</Distance>
</ChosenBeacon>
<AroundBeacons>
<AroundBeacon>
<Uuid><![CDATA[uuid]]></Uuid>
<Major>12345</Major>
<Minor>54321</Minor>
<Distance>166.816</Distance>
</AroundBeacon>
<AroundBeacon>
<Uuid><![CDATA[uuid]]></Uuid>
<Major>12345</Major>
<Minor>54321</Minor>
<Distance>15.013</Distance>
</AroundBeacon>
</AroundBeacons>
""",
        to_user="toUser",
        from_user="fromUser",
        create_time=1433332012,
    ),
    # 扫一扫 / 事件推送 (打开商品主页、进入公众号、地理位置信息异步推送、商品审核结果).
    "user_scan_product": wechat_event_xml(
        "user_scan_product",
        """
<KeyStandard><![CDATA[ean13]]></KeyStandard>
<KeyStr><![CDATA[6901481811083]]></KeyStr>
<Country><![CDATA[中国]]></Country>
<Province><![CDATA[广东]]></Province>
<City><![CDATA[揭阳]]></City>
<Sex>1</Sex>
<Scene>2</Scene>
<ExtInfo><![CDATA[123]]></ExtInfo>
""",
        to_user="gh_4e47c9c9ecad",
        from_user="okkeXs1nI-xU4ql8-5BXkv1f0gDo",
        create_time=1438250110,
    ),
    "user_scan_product_enter_session": wechat_event_xml(
        "user_scan_product_enter_session",
        """
<KeyStandard><![CDATA[ena13]]></KeyStandard>
<KeyStr><![CDATA[6954767461373]]></KeyStr>
<ExtInfo><![CDATA[]]></ExtInfo>
""",
        to_user="gh_fbe8a958756e",
        from_user="otAzGjrS4AYCmeJM1GhEOcHXXTAo",
        create_time=1433259128,
    ),
    "user_scan_product_async": wechat_event_xml(
        "user_scan_product_async",
        """
<KeyStandard><![CDATA[qrcode]]></KeyStandard>
<KeyStr><![CDATA[lincolntest2]]></KeyStr>
<ExtInfo><![CDATA[123]]></ExtInfo>
<RegionCode><![CDATA[440105]]></RegionCode>
""",
        to_user="gh_fbe8a958756e",
        from_user="otAzGjrS4AYCmeJM1GhEOcHXXTAo",
        create_time=1434541327,
    ),
    "user_scan_product_verify_action": wechat_event_xml(
        "user_scan_product_verify_action",
        """
<KeyStandard><![CDATA[ean13]]></KeyStandard>
<KeyStr><![CDATA[6901481811083]]></KeyStr>
<Result><![CDATA[verify_ok]]></Result>
<ReasonMsg><![CDATA[]]></ReasonMsg>
""",
        to_user="gh_404e58ec528e",
        from_user="od_ikt8qi21-hVTtYgm8xSfTLH5w",
        create_time=1450429257,
    ),
    # 电子发票 / 授权完成状态推送, 发票状态更新事件推送, 用户提交抬头事件推送.
    "user_authorize_invoice": wechat_event_xml(
        "user_authorize_invoice",
        """
<SuccOrderId><![CDATA[1202933957956]]></SuccOrderId>
<FailOrderId><![CDATA[]]></FailOrderId>
<AuthorizeAppId><![CDATA[wx1234567887654321]]></AuthorizeAppId>
<Source><![CDATA[web]]></Source>
""",
        to_user="gh_fc0a06a20993",
        from_user="oZI8Fj040-be6rlDohc6gkoPOQTQ",
        create_time=1475134700,
    ),
    "update_invoice_status": wechat_event_xml(
        "update_invoice_status",
        """
<Status><![CDATA[INVOICE_REIMBURSE_INIT]]></Status>
<CardId><![CDATA[pjZ8Yt7Um2jYxzneP8GomnxoVFWo]]></CardId>
<Code><![CDATA[186921658591]]></Code>
""",
        to_user="gh_9e1765b5568e",
        from_user="ojZ8Ytz4lESgdWZ34L_R1TvB2Kds",
        create_time=1478068440,
    ),
    "submit_invoice_title": wechat_event_xml(
        "submit_invoice_title",
        """
<title><![CDATA[样例公司抬头]]></title>
<tax_no><![CDATA[1486715661]]></tax_no>
<addr><![CDATA[abc]]></addr>
<phone><![CDATA[13313331333]]></phone>
<bank_type><![CDATA[bt]]></bank_type>
<bank_no><![CDATA[bn]]></bank_no>
<attach><![CDATA[at]]></attach>
<title_type><![CDATA[InvoiceUserTitleBusinessType]]></title_type>
""",
        to_user="gh_fc0a06a20993",
        from_user="oZI8Fj040-be6rlDohc6gkoPOQTQ",
        create_time=1475134700,
    ),
    # 微信认证事件推送 (qualification, naming, annual renewal, expiry).
    "qualification_verify_success": wechat_event_xml(
        "qualification_verify_success",
        "<ExpiredTime>1442401156</ExpiredTime>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442401156,
    ),
    "qualification_verify_fail": wechat_event_xml(
        "qualification_verify_fail",
        "<FailTime>1442401122</FailTime>\n<FailReason><![CDATA[by time]]></FailReason>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442401156,
    ),
    "naming_verify_success": wechat_event_xml(
        "naming_verify_success",
        "<ExpiredTime>1442401093</ExpiredTime>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442401093,
    ),
    "naming_verify_fail": wechat_event_xml(
        "naming_verify_fail",
        "<FailTime>1442401061</FailTime>\n<FailReason><![CDATA[by time]]></FailReason>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442401061,
    ),
    "annual_renew": wechat_event_xml(
        "annual_renew",
        "<ExpiredTime>1442401004</ExpiredTime>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442401004,
    ),
    "verify_expired": wechat_event_xml(
        "verify_expired",
        "<ExpiredTime>1442400900</ExpiredTime>",
        to_user="toUser",
        from_user="fromUser",
        create_time=1442400900,
    ),
    # 微信硬件平台 / 设备通过微信发消息给第三方 and 绑定、解绑事件: the pages give templates
    # (``%s``, ``%lu``); filled in with the kinds of values their tables describe (DeviceType
    # the account's original id; Content base64).
    "device_text": wechat_xml(
        "device_text",
        """
<DeviceType><![CDATA[gh_e136c6e50636]]></DeviceType>
<DeviceID><![CDATA[dev1234]]></DeviceID>
<Content><![CDATA[aGVsbG8=]]></Content>
<SessionID>9394</SessionID>
<MsgID>66807316</MsgID>
<OpenID><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></OpenID>
""",
    ),
    "device_event": wechat_xml(
        "device_event",
        """
<Event><![CDATA[bind]]></Event>
<DeviceType><![CDATA[gh_e136c6e50636]]></DeviceType>
<DeviceID><![CDATA[dev1234]]></DeviceID>
<Content><![CDATA[]]></Content>
<SessionID>0</SessionID>
<OpenID><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></OpenID>
""",
    ),
    # 小程序客服消息 / 接收消息: the 小程序卡片消息 example.
    "miniprogrampage": wechat_xml(
        "miniprogrampage",
        """
<MsgId>1234567890123456</MsgId>
<AppId><![CDATA[appid]]></AppId>
<Title><![CDATA[Title]]></Title>
<PagePath><![CDATA[PagePath]]></PagePath>
<ThumbUrl><![CDATA[ThumbUrl]]></ThumbUrl>
<ThumbMediaId><![CDATA[ThumbMediaId]]></ThumbMediaId>
""",
        to_user="toUser",
        from_user="fromUser",
        create_time=1482048670,
    ),
}

# sample → (model, routing key, answerable)
MORE_EXPECTED: dict[str, tuple[type[WeChatEvent], str, bool]] = {
    "publishjobfinish": (PublishJobFinishEvent, "wx1.event.publishjobfinish", False),
    "publishjobfinish_failed": (PublishJobFinishEvent, "wx1.event.publishjobfinish", False),
    "masssendjobfinish_copyright": (MassSendJobFinishEvent, "wx1.event.masssendjobfinish", False),
    "kf_create_session": (KfCreateSessionEvent, "wx1.event.kf_create_session", False),
    "kf_close_session": (KfCloseSessionEvent, "wx1.event.kf_close_session", False),
    "kf_switch_session": (KfSwitchSessionEvent, "wx1.event.kf_switch_session", False),
    "subscribe_msg_popup_event": (SubscribeMsgPopupEvent, "wx1.event.subscribe_msg_popup_event", False),
    "subscribe_msg_change_event": (SubscribeMsgChangeEvent, "wx1.event.subscribe_msg_change_event", False),
    "subscribe_msg_sent_event": (SubscribeMsgSentEvent, "wx1.event.subscribe_msg_sent_event", False),
    "card_pass_check": (CardPassCheckEvent, "wx1.event.card_pass_check", False),
    "card_not_pass_check": (CardNotPassCheckEvent, "wx1.event.card_not_pass_check", False),
    "user_get_card": (UserGetCardEvent, "wx1.event.user_get_card", False),
    "user_gifting_card": (UserGiftingCardEvent, "wx1.event.user_gifting_card", False),
    "user_del_card": (UserDelCardEvent, "wx1.event.user_del_card", False),
    "user_consume_card": (UserConsumeCardEvent, "wx1.event.user_consume_card", False),
    "user_pay_from_pay_cell": (UserPayFromPayCellEvent, "wx1.event.user_pay_from_pay_cell", False),
    "user_view_card": (UserViewCardEvent, "wx1.event.user_view_card", False),
    "user_enter_session_from_card": (UserEnterSessionFromCardEvent, "wx1.event.user_enter_session_from_card", True),
    "update_member_card": (UpdateMemberCardEvent, "wx1.event.update_member_card", False),
    "card_sku_remind": (CardSkuRemindEvent, "wx1.event.card_sku_remind", False),
    "card_pay_order": (CardPayOrderEvent, "wx1.event.card_pay_order", False),
    "submit_membercard_user_info": (SubmitMemberCardUserInfoEvent, "wx1.event.submit_membercard_user_info", False),
    "poi_check_notify": (PoiCheckNotifyEvent, "wx1.event.poi_check_notify", False),
    "wificonnected": (WifiConnectedEvent, "wx1.event.wificonnected", False),
    "shakearoundusershake": (ShakearoundUserShakeEvent, "wx1.event.shakearoundusershake", False),
    "user_scan_product": (UserScanProductEvent, "wx1.event.user_scan_product", False),
    "user_scan_product_enter_session": (
        UserScanProductEnterSessionEvent,
        "wx1.event.user_scan_product_enter_session",
        True,
    ),
    "user_scan_product_async": (UserScanProductAsyncEvent, "wx1.event.user_scan_product_async", False),
    "user_scan_product_verify_action": (
        UserScanProductVerifyActionEvent,
        "wx1.event.user_scan_product_verify_action",
        False,
    ),
    "user_authorize_invoice": (UserAuthorizeInvoiceEvent, "wx1.event.user_authorize_invoice", False),
    "update_invoice_status": (UpdateInvoiceStatusEvent, "wx1.event.update_invoice_status", False),
    "submit_invoice_title": (SubmitInvoiceTitleEvent, "wx1.event.submit_invoice_title", False),
    "qualification_verify_success": (QualificationVerifySuccessEvent, "wx1.event.qualification_verify_success", False),
    "qualification_verify_fail": (QualificationVerifyFailEvent, "wx1.event.qualification_verify_fail", False),
    "naming_verify_success": (NamingVerifySuccessEvent, "wx1.event.naming_verify_success", False),
    "naming_verify_fail": (NamingVerifyFailEvent, "wx1.event.naming_verify_fail", False),
    "annual_renew": (AnnualRenewEvent, "wx1.event.annual_renew", False),
    "verify_expired": (VerifyExpiredEvent, "wx1.event.verify_expired", False),
    "device_text": (DeviceTextMessage, "wx1.message.device_text", False),
    "device_event": (DeviceEventMessage, "wx1.message.device_event", False),
    "miniprogrampage": (MiniProgramPageMessage, "wx1.message.miniprogrampage", True),
}
