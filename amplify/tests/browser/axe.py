"""axe-core in the browser tests: every page a test shows is checked against WCAG 2.2 AA.

axe-core is vendored from its npm package (`npm pack axe-core@4.14.1`) into `vendor/`, a
test-only folder that no static-files finder serves; it is never fetched from a CDN. Its
licence (MPL-2.0) sits beside it. To update: `npm pack axe-core@<version>`, copy
`package/axe.min.js` to `vendor/axe-core-<version>.min.js` and `package/LICENSE`, and change
AXE_VERSION.

How it reaches the page, under the page's real Content-Security-Policy: a `<script>` tag
with the source (`page.add_script_tag(content=...)`) is an inline script, which the policy
refuses; `bypass_csp=True` would switch the policy off for the whole test and hide what
`test_htmx_works_under_the_content_security_policy` looks for. So the source is installed
with `context.add_init_script`, which the browser runs in each new document through the
DevTools protocol, outside the page's policy; the page's own scripts are still held to it.

When: the script checks each page once it has loaded, again after each htmx swap and after
the viewport is resized, and reports to Python through a binding. Before the browser may
leave a page (a navigation) or swap part of it (an htmx request), the `Auditor` holds the
request until every check queued on the current page has reported: so every page and every
swapped state a test reaches is checked, whether the test navigates with `goto`, a click or
a form, and no test has to remember to ask. (A Playwright `evaluate` cannot do this: it
waits for the navigation that the held request is keeping from finishing.) A state already
checked (same address, width and markup) is not checked again.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_FILE = Path(__file__).resolve().parent / "vendor" / f"axe-core-{AXE_VERSION}.min.js"
# WCAG 2.2 AA: axe tags each success criterion with the version that introduced it.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
FAILING_IMPACTS = ("serious", "critical")
BINDING = "__amplifyAxeReport"
WAIT_SECONDS = 15  # for the checks of one page, on a loaded two-core machine

# Runs in every document, before the page's own scripts. `queue` checks the page after the
# previous check (axe runs one at a time) and reports {kind: "queued"} at once, so Python
# knows a check is pending before anything can navigate away.
_WATCH = """
(() => {
  if (window.top !== window || !/^https?:$/.test(location.protocol)) return;
  const report = window[BINDING];
  // When this document began (ms), which orders the reports of pages that follow each other.
  const doc = String(performance.timeOrigin) + "_" + Math.random().toString(36).slice(2);
  const seen = new Set();
  let count = 0, waiting = false;
  let chain = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", () => resolve(), {once: true});
  });
  function state() {
    // Without CSRF tokens, which Django masks afresh on every page: a page seen again is
    // the same state, and is not checked twice.
    const html = document.documentElement.outerHTML.replace(/[A-Za-z0-9]{64}/g, "");
    let hash = 0;
    for (let i = 0; i < html.length; i++) hash = (hash * 31 + html.charCodeAt(i)) | 0;
    return location.href + " " + window.innerWidth + " " + hash;
  }
  async function check(id) {
    // Let the page finish reacting first: htmx settles 20 ms after a swap, and the page's
    // own handlers (amplify/app.js) run after this script's.
    await new Promise((resolve) => setTimeout(resolve, 50));
    waiting = false;
    const key = state();
    if (seen.has(key)) return report({kind: "done", id});
    seen.add(key);
    const started = performance.now();
    const results = await window.axe.run(document, {
      runOnly: {type: "tag", values: TAGS}, resultTypes: ["violations"],
    });
    const where = location.pathname + location.search + " (" + window.innerWidth + "px)";
    const violations = [];
    for (const v of results.violations) {
      if (!IMPACTS.includes(v.impact)) continue;
      for (const node of v.nodes) {
        const why = [...node.any, ...node.all, ...node.none].map((c) => c.message).join(" ");
        violations.push({rule: v.id, impact: v.impact, help: v.help, help_url: v.helpUrl,
                         target: node.target.join(" "), detail: why, where});
      }
    }
    report({kind: "done", id, where, violations, ms: performance.now() - started});
  }
  function queue() {
    if (waiting) return;  // a check not yet started will see this change too
    waiting = true;
    const id = doc + "-" + (++count);
    report({kind: "queued", id});
    chain = chain.then(() => check(id))
      .catch((error) => report({kind: "done", id, error: String(error)}));
  }
  queue();
  document.addEventListener("htmx:afterSwap", queue);
  window.addEventListener("resize", queue);
})();
"""


@cache
def watch_script() -> str:
    watch = (
        _WATCH.replace("BINDING", json.dumps(BINDING))
        .replace("TAGS", json.dumps(list(WCAG_TAGS)))
        .replace("IMPACTS", json.dumps(list(FAILING_IMPACTS)))
    )
    return AXE_FILE.read_text(encoding="utf-8") + "\n" + watch


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    help_url: str
    target: str
    detail: str  # axe's reason, such as the contrast it measured
    where: str  # the page's address and the viewport's width


@dataclass
class Auditor:
    """Collects what axe finds on one browser context's pages, and holds each request that
    would replace a page until that page's checks are done."""

    page: Any = None
    document: str = ""  # the page on screen
    began: float = 0.0  # when it began, in the browser's clock
    pending: set[str] = field(default_factory=set)  # its checks not yet done
    checked: list[str] = field(default_factory=list)  # where each check ran
    violations: list[Violation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0  # spent in axe, for the report
    unfinished: int = 0  # checks given up on (see settle)

    def attach(self, context: Any) -> Any:
        context.expose_binding(BINDING, self._on_report)
        context.add_init_script(script=watch_script())
        self.page = context.new_page()
        # Not the static files: they replace nothing, and each held request costs a round
        # trip to Python (the pattern is matched in the browser's driver).
        self.page.route(re.compile(r"^(?!.*/static/)"), self._before_request)
        return self.page

    def settle(self) -> None:
        """Wait until every check queued so far has reported."""
        deadline = time.monotonic() + WAIT_SECONDS
        while self.pending and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)
        if self.pending:
            # Not a failure by itself (a page can be replaced mid-check in ways the browser
            # does not report), but said in the report; no check at all is a failure.
            self.unfinished += len(self.pending)
            self.pending.clear()

    def report(self) -> str:
        lines = [
            f"axe-core {AXE_VERSION} checked {len(self.checked)} page state(s) against WCAG "
            f"2.2 AA in {self.seconds:.1f} s and found {len(self.violations)} serious or "
            "critical violation(s):"
        ]
        rules: dict[tuple[str, str, str, str], list[Violation]] = {}
        for v in self.violations:
            rules.setdefault((v.rule, v.impact, v.help, v.help_url), []).append(v)
        for (rule, impact, help, url), found in rules.items():
            lines.append(f"  {rule} ({impact}): {help} — {url}")
            lines += [f"    - {v.where} {v.target}: {v.detail}" for v in found]
        lines += [f"  ! {e}" for e in self.errors]
        if self.unfinished:
            lines.append(f"  ({self.unfinished} check(s) given up after {WAIT_SECONDS} s)")
        return "\n".join(lines)

    def _on_report(self, source: Any, message: dict[str, Any]) -> None:
        if message["kind"] == "queued":
            document = message["id"].split("-")[0]
            began = float(document.split("_")[0])
            if began < self.began:
                return  # a late word from a page already replaced: its check will not run
            if document != self.document:
                # A new page replaced the last one before it had loaded (the test went on
                # without waiting for it): that page's check will never run.
                self.pending.clear()
                self.document, self.began = document, began
            self.pending.add(message["id"])
            return
        self.pending.discard(message["id"])
        if "error" in message:
            self.errors.append(f"axe failed: {message['error']}")
        if "where" in message:
            self.checked.append(message["where"])
            self.seconds += message["ms"] / 1000
        for item in message.get("violations", ()):
            violation = Violation(**item)
            if violation not in self.violations:
                self.violations.append(violation)

    def _before_request(self, route: Any) -> None:
        request = route.request
        if (
            request.is_navigation_request() and request.frame == self.page.main_frame
        ) or "hx-request" in request.headers:
            self.settle()
        route.continue_()
