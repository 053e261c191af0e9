"""What the browser tests share: Chromium's launch, signing in, and axe-core's checks."""
