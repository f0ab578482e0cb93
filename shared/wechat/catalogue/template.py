"""The template-message library (模板消息): the account's industries and the templates it picked.

Sending is ``cgi-bin/message/template/send`` in the message group. Two industries of WeChat's 41,
changed at most once a month (templates of the old industries go with them); at most 25 templates
at once; since 2023 a template is picked from the category library by number *and* the keywords it
keeps (``keyword_name_list``; 40246 otherwise) — the old ``TM…``/``OPENTM…`` library answers 40247.
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "template"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/template/api_set_industry", "POST", GROUP, "Set the account's two industries (once a month)",
        changes=True, body=Body.JSON, example={"industry_id1": "1", "industry_id2": "4"},
    ),
    Endpoint("cgi-bin/template/get_industry", "GET", GROUP, "The account's two industries", changes=False),
    Endpoint(
        "cgi-bin/template/api_add_template", "POST", GROUP, "Pick a library template and its keywords (≤ 25)",
        changes=True, body=Body.JSON,
        example={"template_id_short": "47123", "keyword_name_list": ["时间", "地点", "金额"]},
    ),
    Endpoint(
        "cgi-bin/template/get_all_private_template", "GET", GROUP, "The account's templates with their fields",
        changes=False,
    ),
    Endpoint(
        "cgi-bin/template/del_private_template", "POST", GROUP, "Remove a template from the account",
        changes=True, body=Body.JSON, example={"template_id": "TEMPLATE_ID"},
    ),
    Endpoint(
        "wxa/sec/queryblocktmplmsg", "POST", GROUP, "Template messages WeChat intercepted (one a query, ≤ 100)",
        changes=False, body=Body.JSON,
        example={"tmpl_msg_id": "f9KbMio42Ks3kzLwPP1aDkl2k98avIFbPtdLJ_yY7QY", "largest_id": 0, "limit": 100},
    ),
)  # fmt: skip
