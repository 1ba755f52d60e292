"""MkDocs hooks for Huibian: each event hands over to `huibian.mkdocs_glue`.

Listed in mkdocs.yml under `hooks:`. Settings come from the environment:
HUIBIAN_AUDIENCE (internal|public) and HUIBIAN_PDF (1|0).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from huibian import mkdocs_glue as glue


def on_startup(command: str, dirty: bool) -> None:
    glue.on_startup(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return glue.on_config(config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    glue.on_env(env)
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return glue.on_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return glue.on_page_markdown(markdown, page, config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return glue.on_page_content(html, page)


def on_post_build(config: MkDocsConfig) -> None:
    glue.on_post_build(config)


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
    return glue.on_serve(server)


def on_build_error(error: Exception) -> None:
    glue.on_build_error()


def on_shutdown() -> None:
    glue.wait_for_finish()
