"""The events beyond the basic ones through the real gateway, RabbitMQ and Redis: routed under
their lower-cased Event, and their lists JSON lists on the broker also when WeChat sent one item."""

import json
from typing import Any

from aio_pika.abc import AbstractQueue

from shared.crypto import MessageCipher
from shared.events import event_from_xml_fields
from shared.simulator import sign_callback
from shared.xml import parse_xml
from tests.conftest import TOKEN
from tests.integration.conftest import GatewayFactory, queued
from tests.integration.helpers import post
from tests.unit.callback_samples import MORE_EXPECTED, MORE_SAMPLES

# A broadcast of one article: WeChat's documented MASSSENDJOBFINISH with one checked article.
MASS_SEND_ONE_ARTICLE = b"""<xml>
<ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName>
<FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>
<CreateTime>1481013459</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[MASSSENDJOBFINISH]]></Event>
<MsgID>1000001625</MsgID>
<Status><![CDATA[send success]]></Status>
<TotalCount>100</TotalCount>
<FilterCount>80</FilterCount>
<SentCount>75</SentCount>
<ErrorCount>5</ErrorCount>
<CopyrightCheckResult>
<Count>1</Count>
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
</xml>"""

# A follower answered a popup offering one template.
POPUP_ONE_TEMPLATE = b"""<xml>
<ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
<FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
<CreateTime>1610969440</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[subscribe_msg_popup_event]]></Event>
<SubscribeMsgPopupEvent>
<List>
<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
<PopupScene>2</PopupScene>
</List>
</SubscribeMsgPopupEvent>
</xml>"""


async def _publish(make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, *documents: bytes) -> None:
    gateway = await make_gateway(reply_deadline_seconds=0.2, reply_grace_seconds=0)  # no replier here
    for xml in documents:
        response = await post(gateway, app_id, sign_callback(xml, token=TOKEN, cipher=cipher))
        assert response.status == 200, await response.text()


async def test_one_copyright_check_and_one_popup_choice_are_json_lists_on_the_broker(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    await _publish(make_gateway, app_id, cipher, MASS_SEND_ONE_ARTICLE, POPUP_ONE_TEMPLATE)
    mass, popup = await queued(events)

    assert mass.routing_key == f"{app_id}.event.masssendjobfinish"
    body = json.loads(mass.body)
    assert (body["msg_id"], body["status"], body["total_count"], body["sent_count"]) == (
        1000001625,
        "send success",
        100,
        75,
    )
    assert body["copyright_check_result"] == {
        "count": 1,
        "result_list": [
            {
                "article_idx": 1,
                "user_declare_state": 0,
                "audit_state": 2,
                "original_article_url": "Url_1",
                "original_article_type": 1,
                "can_reprint": 1,
                "need_replace_content": 1,
                "need_show_reprint_source": 1,
            }
        ],
        "check_state": 2,
    }
    assert body["article_url_result"] == {"count": 1, "result_list": [{"article_idx": 1, "article_url": "Url"}]}

    assert popup.routing_key == f"{app_id}.event.subscribe_msg_popup_event"
    assert json.loads(popup.body)["subscribe_msg_popup_event"] == {
        "list": [
            {
                "template_id": "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc",
                "subscribe_status_string": "accept",
                "popup_scene": 2,
            }
        ]
    }


async def test_every_documented_example_is_published_under_its_own_routing_key(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    await _publish(make_gateway, app_id, cipher, *MORE_SAMPLES.values())
    messages = await queued(events)
    published: dict[str, Any] = {}
    for message in messages:
        body = json.loads(message.body)
        published[body["id"]] = (message.routing_key, body)
    assert len(published) == len(MORE_SAMPLES)
    for name, xml in MORE_SAMPLES.items():
        expected = json.loads(event_from_xml_fields(app_id, parse_xml(xml)).model_dump_json())
        routing_key = MORE_EXPECTED[name][1].replace("wx1.", f"{app_id}.", 1)
        assert published[expected["id"]] == (routing_key, expected), name
