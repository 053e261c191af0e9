"""In a real browser: a young person applies to a recruiting cohort without an account and
hears at once that she is eligible; the programme manager finds her in the review queue."""

import pytest

from amplify.applications.models import Application, Stage
from amplify.applications.tests.factories import recruiting_cohort
from amplify.conftest import World
from amplify.tests.browser import SHOTS, sign_in, totp_code

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_young_person_applies_and_the_manager_reviews(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    cohort = recruiting_cohort(live_world.programme)
    # Given the public application page, opened without an account
    page.goto(f"/applications/apply/{cohort.pk}/")
    # When she consents and answers every question
    page.get_by_label("I agree to Amplify holding").check()
    page.get_by_label("Full name").fill("Yasmin Young")
    page.get_by_label("Email", exact=True).fill("yasmin@example.com")
    page.get_by_label("Date of birth").fill("2005-03-14")
    page.get_by_label("Postcode or town").fill("E1 6AN")
    page.get_by_role("group", name="Do you have the right").get_by_label("Yes").check()
    page.get_by_label("Music production").check()
    page.get_by_label("The career you are aiming for").select_option("marketing")
    page.get_by_role("group", name="Languages you speak").get_by_label("English").check()
    page.get_by_label("Mon evening").check()
    page.get_by_label("How did you hear").select_option("social")
    page.get_by_label("What did the main earner").select_option("working_class")
    page.get_by_label("Which type of school").select_option("state_non_selective")
    page.get_by_label("Were you eligible for free school meals?").select_option("yes")
    page.get_by_label("Are you the first in your family").select_option("no")
    page.screenshot(path=str(SHOTS / "application-form.png"), full_page=True)
    page.get_by_role("button", name="Submit my application").click()
    # Then she is told at once that she meets the cohort's rules
    page.get_by_text("you meet the cohort's rules").wait_for()
    application = Application.objects.get(email="yasmin@example.com")
    assert application.stage == Stage.ELIGIBLE

    # Given the programme manager
    sign_in(page, "harriet@sony.example", code=totp_code())
    # When she opens the cohort's applications
    page.goto(f"/applications/cohort/{cohort.pk}/")
    # Then she sees the applicant eligible by criterion, not the answers behind it
    row = page.get_by_role("row", name="Yasmin Young")
    assert row.get_by_text("Eligible: yes, by parents in routine").is_visible()
    page.screenshot(path=str(SHOTS / "application-queue.png"), full_page=True)
