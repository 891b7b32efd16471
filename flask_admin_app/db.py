"""Engine and session of the admin app's database."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import scoped_session, sessionmaker

from flask_admin_app import audit


def make_session(database_url: str) -> scoped_session:
    engine = sa.create_engine(database_url, pool_pre_ping=True, future=True)
    session = scoped_session(sessionmaker(bind=engine, expire_on_commit=False))
    audit.install(session)
    return session
