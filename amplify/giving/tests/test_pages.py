"""The ledger's pages: impact admins keep it, programme managers read their programmes'
lines, everyone else is refused."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.conftest import World
from amplify.giving import services
from amplify.giving.models import Fund, Gift, Recipient
from amplify.giving.tests.factories import fund, line, recipient
from amplify.home.concurrency import version_of


def _form(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "given_on": "2024-02-01",
        "fund": fund().pk,
        "amount": "150.00",
        "currency": "USD",
        "status": "paid",
        "input_type": "cash",
        "recipient": recipient().pk,
        "programme": world.programme.pk,
    }
    data.update(changes)
    return data


def test_an_impact_admin_adds_a_line(world: World, as_user) -> None:
    client = as_user(world.ina)
    response = client.post(reverse("giving:add"), _form(world))
    assert response.status_code == 302
    gift = Gift.objects.get()
    assert gift.recorded_by == world.ina
    assert client.get(reverse("giving:list")).status_code == 200


def test_it_shows_bad_input_on_the_form(world: World, as_user) -> None:
    response = as_user(world.ina).post(
        reverse("giving:add"),
        _form(world, amount="-4", currency="XXX", evidence_link="ftp://x"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"amount", "currency", "evidence_link"} <= set(errors)
    assert not Gift.objects.exists()


def test_it_attaches_evidence_and_refuses_a_wrong_file(world: World, as_user) -> None:
    client = as_user(world.ina)
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(reverse("giving:add"), {**_form(world), "evidence_file": bad})
    assert "evidence_file" in response.context["form"].errors
    pdf = SimpleUploadedFile("grant.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(reverse("giving:add"), {**_form(world), "evidence_file": pdf})
    gift = Gift.objects.get()
    response = client.get(reverse("giving:evidence", args=[gift.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_an_edit_over_someone_elses_change_shows_what_changed(world: World, as_user) -> None:
    # Given Ina opened the line's edit page
    gift = line(world)
    page = as_user(world.ina).get(reverse("giving:edit", args=[gift.pk]))
    seen = page.context["form"].initial["version"]
    # When Ada changes the amount, and then Ina saves her change
    services.gift_update(gift=gift, changed_by=world.ada, version=seen, amount="99")
    response = as_user(world.ina).post(
        reverse("giving:edit", args=[gift.pk]), _form(world, cause="Music", version=seen)
    )
    # Then Ina is shown Ada's change, nothing of hers is saved
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    gift.refresh_from_db()
    assert str(gift.amount) == "99.00"
    assert gift.cause == ""


def test_it_deletes_a_line(world: World, as_user) -> None:
    gift = line(world)
    version = version_of(gift, services.GIFT_FIELDS)
    response = as_user(world.ina).post(
        reverse("giving:delete", args=[gift.pk]), {"version": version}
    )
    assert response.status_code == 302
    assert not Gift.objects.exists()


def test_a_programme_manager_reads_only_her_programmes_lines(world: World, as_user) -> None:
    mine = line(world, cause="Mentoring bursaries")
    line(world, programme="leadership", cause="Leadership bursaries")
    client = as_user(world.harriet)
    page = client.get(reverse("giving:list")).content.decode()
    assert "Mentoring bursaries" in page
    assert "Leadership bursaries" not in page
    assert reverse("giving:add") not in page
    assert client.get(reverse("giving:edit", args=[mine.pk])).status_code == 403
    assert client.get(reverse("giving:summary")).status_code == 200


def test_it_filters_the_lines(world: World, as_user) -> None:
    line(world, cause="Cash line")
    line(world, cause="Time line", input_type="time", status="committed")
    client = as_user(world.ina)
    page = client.get(reverse("giving:list"), {"input_type": "time"}).content.decode()
    assert "Time line" in page
    assert "Cash line" not in page
    page = client.get(reverse("giving:list"), {"year": "1800"})
    assert page.status_code == 200


def test_the_summary_shows_totals_per_currency(world: World, as_user) -> None:
    line(world, amount="10.00", currency="USD")
    line(world, amount="20.00", currency="GBP")
    page = as_user(world.ina).get(reverse("giving:summary"), {"by": "country"})
    text = page.content.decode()
    assert "10.00" in text
    assert "20.00" in text
    assert "30.00" not in text  # never a total across currencies


def test_funds_and_recipients_are_kept_on_their_pages(world: World, as_user) -> None:
    client = as_user(world.ina)
    client.post(reverse("giving:funds"), {"name": "Education Fund", "illustrative": "on"})
    f = Fund.objects.get(name="Education Fund")
    assert f.illustrative
    response = client.post(reverse("giving:funds"), {"name": "education fund"})
    assert "name" in response.context["form"].errors
    client.post(reverse("giving:recipients"), {"name": "Youth Music", "charity_number": "1075032"})
    r = Recipient.objects.get()
    edit = client.get(reverse("giving:recipient-edit", args=[r.pk]))
    version = edit.context["form"].initial["version"]
    client.post(
        reverse("giving:recipient-edit", args=[r.pk]),
        {"name": "Youth Music", "charity_number": "SC1", "version": version},
    )
    r.refresh_from_db()
    assert r.charity_number == "SC1"


def test_the_import_page_lists_row_errors(world: World, as_user) -> None:
    fund("Social Justice Fund")
    content = (
        b"date,fund,amount,currency,status,input type,recipient\n"
        b"2023-01-01,Social Justice Fund,ten,USD,paid,cash,Youth Music\n"
    )
    upload = SimpleUploadedFile("ledger.csv", content, content_type="text/csv")
    response = as_user(world.ina).post(reverse("giving:import"), {"file": upload})
    text = response.content.decode()
    assert "Nothing was saved" in text
    assert "Row 2 (amount): The amount must be a number" in text


def test_others_are_refused(world: World, as_user) -> None:
    for who in (world.otto, world.alice, world.bea, world.pat):
        assert as_user(who).get(reverse("giving:list")).status_code == 403
