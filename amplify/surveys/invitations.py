"""Inviting a wave's audience and reminding the people who have not answered.

(Shared base: `wave_launch` is implemented by the respondent-side work; the builder's
"Send invitations" button and API call it.)
"""

from __future__ import annotations

from typing import Any

from amplify.surveys.models import Wave


def wave_launch(*, wave: Wave, by: Any) -> int:
    """Create an invitation for every active member of the wave's audience, email each a
    signed link, mark the wave launched; the number invited. Locked and idempotent."""
    raise NotImplementedError
