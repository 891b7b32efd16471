"""The organization page's follower and member figures, one indexed statement each.

CKAN's helpers get them through actions (`group_follower_count`, `member_list`): auth checks,
a schema with a group lookup, the whole member list loaded to be counted; 6-9 ms each on this
machine, a tenth of the page. These count the same rows: followers and members whose user is
not deleted (members: active), of an active group named by id or name, as CKAN's queries do.
None when there is no such group (the caller then asks CKAN, which says why).
"""
from __future__ import annotations

import sqlalchemy as sa

from ckan import model

_OF_GROUP = """
SELECT ({count}) FROM "group" g WHERE (g.id = :ref OR g.name = :ref) AND g.state = 'active'
"""

_FOLLOWERS = sa.text(_OF_GROUP.format(count="""
  SELECT count(*) FROM user_following_group f JOIN "user" u ON u.id = f.follower_id
  WHERE f.object_id = g.id AND u.state <> 'deleted'"""))

_USER_MEMBERS = sa.text(_OF_GROUP.format(count="""
  SELECT count(*) FROM member m JOIN "user" u ON u.id = m.table_id
  WHERE m.group_id = g.id AND m.table_name = 'user' AND m.state = 'active'
    AND u.state = 'active'"""))


def followers(ref: str) -> int | None:
    return model.Session.execute(_FOLLOWERS, {"ref": ref}).scalar()


def user_members(ref: str) -> int | None:
    return model.Session.execute(_USER_MEMBERS, {"ref": ref}).scalar()
