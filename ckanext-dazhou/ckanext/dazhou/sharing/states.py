"""States of a share application and who moves it where."""
from __future__ import annotations

SUBMITTED = "submitted"  # 待答复: the owner department answers within the deadline
APPROVED = "approved"    # 已同意: a grant exists
REFUSED = "refused"      # 已拒绝: with a reason; the applicant may escalate
ESCALATED = "escalated"  # 已提请协调: the bureau decides (Art. 23)

OPEN_STATES = (SUBMITTED, ESCALATED)
ALL = (SUBMITTED, APPROVED, REFUSED, ESCALATED)
