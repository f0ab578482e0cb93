"""The API coverage page (from the catalogue) and the command-line reference (from the commands' help),
in both languages. The English pages are exactly what ``make api-coverage`` and ``make docs-cli`` write
to ``docs/api-coverage.md`` and ``docs/cli.md``; the Chinese ones put a Chinese frame around the same
tables (WeChat's paths and the commands' ``--help`` stay as the code has them)."""

import typer.main

from shared.wechat import coverage
from shared.wechat.catalogue import default_catalogue
from wxmp_cli import docs as cli_docs
from wxmp_cli.errors import ExitCode
from wxmp_cli.main import app
from wxmp_cli.settings import ENVIRONMENT

COVERAGE_ZH = """\
# 微信接口覆盖

*本页在每次构建时由接口目录（`shared/wechat/catalogue/`）自动生成，请勿手工编辑；英文版与
`make api-coverage` 写出的 `docs/api-coverage.md` 相同。*

下表每个“支持”的接口都可以通过 API 代理调用：`/v1/apps/{{app_id}}/wechat/{{path}}`（见
[通过代理调用微信接口](../guide/tokens-and-api.md)）；已下线的接口返回 410 并指出替代接口；
`GET /v1/endpoints` 列出全部。“改变状态”表示这次调用会不会在微信那边改变什么：只有不改变状态的调用，
在微信返回 `-1` 或网络出错时才会自动重试。“每日上限”是微信文档（接口调用频次限制说明）给出的每个账号的默认值，
代理会在账号快用完时在本地拒绝（429）。

凭据接口与用 AppSecret 重置调用次数（{owned}）只归 Token 服务使用，不经代理转发
（重置即其 `POST /v1/apps/{{app_id}}/quota/clear`）。
"""

CLI_ZH = """\
# 命令行 `wxmp`

*本页在每次构建时由各命令自己的帮助信息自动生成，请勿手工编辑；英文版与 `make docs-cli` 写出的
`docs/cli.md` 相同。命令说明取自 `--help`，保持英文，与终端里看到的一致。*

`wxmp` 把运营同学平时在公众平台后台点来点去的事情搬到终端：菜单、二维码、粉丝、标签、素材、草稿与发布、
群发、模板消息、数据统计，以及部署后的自检。它只和平台打交道（API 代理、Token 服务、通知服务、分发器、网关），
从不直接调用微信，也从不持有 access_token 或 AppSecret。`make install` 把它装到 `.venv/bin/`，镜像里也有
（`kubectl exec deploy/proxy -- wxmp apps`）。

## 配置

优先级：命令行参数 > 环境变量 > `~/.config/wxmp/config.toml`（或 `WXMP_CONFIG` 指定的文件）。文件顶层的键是默认值，
`[profiles.NAME]` 表在 `--profile NAME`（或 `WXMP_PROFILE`）时覆盖它们：

```toml
proxy_url = "http://127.0.0.1:8084"
app = "wx1234"

[profiles.prod]
proxy_url = "https://wxmp-proxy.internal.example.com"
token_service_url = "https://wxmp-token.internal.example.com"
```

| 配置 | 环境变量 |
| --- | --- |
{settings}

内部密钥 `INTERNAL_API_KEY` 永远不会被打印，也没有对应的命令行参数（参数会出现在 `ps` 里）。
`callback send` 和 `check` 像网关一样，用 `WECHAT_APPS_FILE`（或 `WECHAT_APP_ID`、`WECHAT_TOKEN`、
`WECHAT_ENCODING_AES_KEY`）里的 Token 和 EncodingAESKey 签名、加密。

## 约定

- 每个命令都接受 `--app APP_ID`、`--profile`、`--json`（机器可读输出）和 `--debug`（出错时打印堆栈）。
- 结果写到 stdout（`--json` 时为 JSON），其余写到 stderr；进度条和确认提示只在终端里出现。
- 删除、发布、群发之类的命令会先确认，`--yes` 跳过确认；没有终端可问时直接拒绝，不会替你做决定。
- 出错时只打印一行 `wxmp: …`，说明哪里失败、下一步怎么做。

## 退出码

| 退出码 | 含义 |
| --- | --- |
{exits}

"""

EXIT_MEANINGS_ZH = {
    ExitCode.OK: "成功",
    ExitCode.FAILED: "微信或平台拒绝了操作、检查未通过、任务失败，或操作者回答了“否”",
    ExitCode.USAGE: "参数或输入有误（菜单、CSV、openid 文件不合法；没有终端时缺少 `--yes`）",
    ExitCode.PLATFORM: "按配置的地址连不上平台，或平台拒绝了密钥",
    ExitCode.INTERRUPTED: "被中断（Ctrl-C）；导出任务再次运行时从中断处继续",
}


CHINESE = coverage.Words(
    header=COVERAGE_ZH,
    owned_separator="、",
    group_title="## {group}（支持 {served} 个，已下线 {gone} 个）\n",
    columns="| 路径 | 方法 | 作用 | 改变状态 | 每日上限 | 状态 |",
    yes="是",
    no="否",
    replaced="已下线：改用 `{replacement}`（410）",
    shut_down="已下线，无替代：{note}（410）",
    supported="支持",
    supported_mp="支持（mp.weixin.qq.com，无需 token）",
)


def coverage_page(lang: str) -> str:
    return coverage.render(default_catalogue(), coverage.ENGLISH if lang == "en" else CHINESE)


def cli_page(lang: str) -> str:
    page = cli_docs.render()
    if lang == "en":
        return page
    settings = "\n".join(f"| `{name}` | `{variable}` |" for name, variable in ENVIRONMENT.items())
    exits = "\n".join(f"| {int(code)} | {meaning} |" for code, meaning in EXIT_MEANINGS_ZH.items())
    commands = page[page.index("## Commands\n") :].replace("## Commands\n", "## 命令\n", 1)
    return CLI_ZH.format(settings=settings, exits=exits) + commands


def command_paths() -> list[str]:
    """Every ``wxmp …`` command, as the reference lists them."""
    return [path for path, _ in cli_docs.commands(typer.main.get_command(app))]
