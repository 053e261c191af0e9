"""What the browser tests share: Chromium's launch, signing in, and axe-core's checks."""

from amplify.tests.browser.chromium import (
    ARGS,
    CHROMIUM,
    SHOTS,
    resize,
    settled,
    sign_in,
    totp_code,
)

__all__ = ["ARGS", "CHROMIUM", "SHOTS", "resize", "settled", "sign_in", "totp_code"]
