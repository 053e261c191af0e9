"""The impact API: the indicator library, figures and their traces, snapshots, reports and
the organisation roll-up (each part in its own module)."""

from ninja import Router

from amplify.impact.library_api import router as library_router
from amplify.impact.report_api import router as report_router
from amplify.impact.rollup_api import router as rollup_router

router = Router()
router.add_router("/", library_router)
router.add_router("/", report_router)
router.add_router("/", rollup_router)
