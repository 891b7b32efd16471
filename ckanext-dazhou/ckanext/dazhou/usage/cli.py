"""`ckan dazhou usage flush`: the periodic move of the use counts from Redis to the table."""
from __future__ import annotations

import click

__all__ = ["usage"]


@click.group(short_help="下载次数与接口调用次数")
def usage():
    pass


@usage.command("flush", short_help="把计数写入数据库并更新检索索引")
def flush_command():
    from ckanext.dazhou.usage import counts

    changed = counts.flush()
    click.echo(f"{len(changed)} datasets updated")
