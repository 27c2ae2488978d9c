"""Two people in a real browser, each in their own language: Minseo (Seoul, Korean) chooses
her e-mail settings and requests a meeting with a message; Emma (London, English) reads it in
the conversation and replies with htmx; Minseo's header counts the unread reply, and opening
the conversation reads it; Emma accepts; the meeting is scheduled and published; the
reminders 15 minutes before reach each of them (Django's file backend) in their language
and zone; Minseo asks to move
the meeting, Emma accepts, and both calendars (the subscription feed and the downloaded .ics)
carry the new time with a higher SEQUENCE. The organiser's webhook receiver gets every step,
signed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, translation
from icalendar import Calendar
from playwright.sync_api import expect

from dari.accounts.models import Role, User
from dari.core.names import zone_name
from dari.events.domain.schedule import publish_schedule, schedule_event
from dari.events.domain.setup import register_participant
from dari.events.models import Meeting, MeetingRequest, MoveRequest
from dari.messaging.domain.outbox import send_due
from dari.messaging.models import Message
from dari.webhooks.domain.endpoints import register_endpoint
from dari.webhooks.models import HookKind
from tests.browser.conftest import screenshot
from tests.events.factories import make_event
from tests.events.pages import IMMEDIATE
from tests.factories import OrganizationFactory, UserFactory
from tests.webhooks.receiver import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(moment, zone, language):
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(zone)), "DATETIME_FORMAT")


@pytest.fixture
def pair():
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    abl = OrganizationFactory(id="abl-bio", name="ABL Bio", name_ko="에이비엘바이오")
    gsk = OrganizationFactory(id="gsk", name="GSK", country="GB", kind="pharma")
    event = make_event(
        slug="seoul-london-2026",
        name="Korea–UK Virtual Partnering 2026",
        video_url_template="https://meet.example.org/{event}-{room}",
        organizer=kpbma,
    )
    people = {}
    for key, org, tz, first, last in [
        ("minseo", abl, "Asia/Seoul", "Minseo", "Park"),
        ("emma", gsk, "Europe/London", "Emma", "Clarke"),
    ]:
        user = UserFactory(
            username=key, first_name=first, last_name=last, organization=org, timezone=tz
        )
        people[key] = register_participant(
            event, user, tz, dt.time.fromisoformat("08:00"), dt.time.fromisoformat("20:00")
        )
    UserFactory(username="organiser", organization=kpbma, role=Role.ORGANISER)
    return event, people["minseo"], people["emma"]


@pytest.fixture
def receiver(settings):
    """The organiser's integration: a local HTTPS-less receiver (loopback allowed in tests),
    with the task queue delivering at once."""
    settings.DARI_WEBHOOKS_ALLOW_LOOPBACK = True
    settings.TASKS = IMMEDIATE
    with Receiver() as local:
        yield local


def _filed(folder):
    """The e-mails Django's file backend wrote in `folder` (each followed by a line of 79
    dashes), with their recipient, subject and plain-text body decoded."""
    mails = []
    for path in sorted(folder.iterdir()):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                body = msg.get_body(preferencelist=("plain",)).get_content()
                mails.append(
                    SimpleNamespace(
                        to=str(msg["To"]).strip(), subject=str(msg["Subject"]).strip(), body=body
                    )
                )
    return mails


def _calendar(response):
    """(SEQUENCE, DTSTART) of the one meeting in an .ics response."""
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    [vevent] = Calendar.from_ical(response.body()).walk("VEVENT")
    return int(vevent["SEQUENCE"]), vevent.decoded("DTSTART")


def test_message_reply_accept_schedule_reminders_and_move(
    open_as, live_server, pair, mailoutbox, settings, receiver, tmp_path
):
    event, minseo, emma = pair
    base = live_server.url
    settings.DARI_BASE_URL = base  # the links in e-mails lead back to this server
    organiser = User.objects.get(username="organiser")
    endpoint = register_endpoint(organiser, receiver.url, list(HookKind.values), event=event)
    receiver.secret = endpoint.secret

    # Minseo, in Korean, keeps the default 15-minute reminder and saves her e-mail settings.
    page = open_as(minseo.user, "ko")
    page.goto(f"{base}/messages/preferences")
    expect(page.locator("h1")).to_have_text("이메일 설정")
    page.get_by_label("이메일 언어").select_option("ko")
    screenshot(page, "messages-preferences-ko.png")
    page.get_by_role("button", name="저장").click()
    expect(page.locator(".message.success")).to_have_text("이메일 설정을 저장했습니다.")

    # She asks Emma for a meeting, with a message.
    page.goto(f"{base}/events/{event.slug}/request?participant={emma.pk}")
    page.locator("textarea[name=message]").fill("Our bispecific ABL111 fits your IO pipeline.")
    page.locator("form:has(textarea[name=message]) button[type=submit]").click()
    page.wait_for_url(f"{base}/events/{event.slug}/requests")
    request = MeetingRequest.objects.get()
    [received] = mailoutbox
    assert (received.to, received.subject) == (
        ["emma@example.org"],
        "[Dari] Meeting request from Minseo Park (ABL Bio)",
    )
    thread_link = re.search(r"http\S+/messages/\d+/", received.body).group(0)
    assert thread_link == f"{base}/messages/{request.pk}/"

    # Emma, in English, follows the e-mail's link to the conversation and replies (htmx, no
    # reload); her requests page links to it too.
    emma_page = open_as(emma.user, "en")
    emma_page.goto(f"{base}/events/{event.slug}/requests")
    conversation = emma_page.locator("li.request", has_text="Minseo Park").get_by_role(
        "link", name="Conversation"
    )
    assert conversation.get_attribute("href") == f"/messages/{request.pk}/"
    emma_page.goto(thread_link)
    expect(emma_page.locator(".message").first).to_contain_text("Our bispecific ABL111")
    emma_page.get_by_label("Your message").fill("Happy to meet. Could we cover CMC as well?")
    emma_page.get_by_role("button", name="Send").click()
    expect(emma_page.locator(".message.mine")).to_contain_text("Could we cover CMC")
    assert emma_page.url == f"{base}/messages/{request.pk}/"
    # Times in the reader's zone (London), not the server's.
    created = Message.objects.get().created.astimezone(ZoneInfo("Europe/London"))
    reply_time = created.strftime("%Y-%m-%d %H:%M ") + created.tzname()
    expect(emma_page.locator(".message.mine .small")).to_contain_text(reply_time)
    screenshot(emma_page, "messages-thread-en.png")
    assert [m.subject for m in mailoutbox[1:]] == ["[Dari] Emma Clarke (GSK) 님의 새 메시지"]

    # Minseo's header counts one unread message; opening the conversation reads it.
    page.goto(f"{base}/messages/")
    expect(page.locator("#unread-count")).to_have_text("1")
    screenshot(page, "messages-inbox-ko.png")
    with page.expect_response(lambda r: r.url.endswith(f"/messages/{request.pk}/read")) as read:
        page.get_by_role("link", name="Emma Clarke (GSK)").click()
    assert read.value.status == 204
    expect(page.locator(".message").nth(1)).to_contain_text("Could we cover CMC")
    screenshot(page, "messages-thread-ko.png")
    page.goto(f"{base}/messages/")
    expect(page.locator(".thread-row")).to_have_count(1)
    expect(page.locator("#unread-count")).to_have_count(0)

    # Emma accepts; the optimiser places the meeting and the organiser publishes it.
    emma_page.goto(f"{base}/events/{event.slug}/requests")
    emma_page.locator("li.request", has_text="Minseo Park").get_by_role(
        "button", name="Accept"
    ).click()
    emma_page.wait_for_url(f"{base}/events/{event.slug}/requests")
    schedule_event(event.pk)
    publish_schedule(event.pk)
    meeting = Meeting.objects.select_related("slot").get()
    start = meeting.slot.start
    assert sorted((m.to[0], m.subject) for m in mailoutbox[2:]) == [
        (
            "emma@example.org",
            f"[Dari] Meeting with Minseo Park (ABL Bio): {_local(start, 'Europe/London', 'en')} "
            f"({zone_name('Europe/London', 'en')})",
        ),
        (
            "minseo@example.org",
            f"[Dari] Emma Clarke (GSK) 님과의 미팅: {_local(start, 'Asia/Seoul', 'ko')} "
            f"({zone_name('Asia/Seoul', 'ko')})",
        ),
        ("minseo@example.org", "[Dari] 미팅 요청이 수락되었습니다"),
    ]

    # 15 minutes before: what `dari notify --dry-run` shows is what is sent, each in its
    # recipient's language and zone with the other side's local time.
    moment = start - dt.timedelta(minutes=15)
    out = io.StringIO()
    call_command("notify", "--dry-run", "--at", moment.isoformat(), stdout=out)
    assert out.getvalue().splitlines()[0] == f"2 e-mail(s) would be sent at {moment.isoformat()}"
    # Sent through Django's file backend, as a deployment without SMTP would, and read back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    outbox = tmp_path / "mail"
    settings.EMAIL_FILE_PATH = str(outbox)
    assert send_due(moment) == 2
    reminders = {m.to: m for m in _filed(outbox)}
    ko, en = reminders["minseo@example.org"], reminders["emma@example.org"]
    assert ko.subject.startswith("[Dari] 곧 시작: ")
    assert f"일시: {_local(start, 'Asia/Seoul', 'ko')} ({zone_name('Asia/Seoul', 'ko')})" in ko.body
    assert f"Emma Clarke (GSK) 님 기준: {_local(start, 'Europe/London', 'ko')}" in ko.body
    assert (
        f"When: {_local(start, 'Europe/London', 'en')} ({zone_name('Europe/London', 'en')})"
        in en.body
    )
    assert f"For Minseo Park (ABL Bio): {_local(start, 'Asia/Seoul', 'en')}" in en.body
    link = f"https://meet.example.org/seoul-london-2026-{meeting.room}"
    assert (link in ko.body, link in en.body) == (True, True)
    agenda = re.search(r"https?://\S+/events/seoul-london-2026/agenda", en.body)
    assert agenda is not None
    assert send_due(moment + dt.timedelta(minutes=1)) == 0

    # Emma's e-mail settings, in English.
    emma_page.goto(f"{base}/messages/preferences")
    expect(emma_page.get_by_label("Language of e-mails")).to_have_value("en")
    screenshot(emma_page, "messages-preferences-en.png")

    # Both calendars as their apps hold them now: the subscription feed and the download.
    feeds, held = {}, {}
    for who, tab in [(minseo, page), (emma, emma_page)]:
        who.refresh_from_db()
        feeds[who.pk] = f"{base}{reverse('events:feed', args=[who.calendar_token])}"
        polled = tab.request.get(feeds[who.pk])
        held[who.pk] = polled.headers["etag"]
        downloaded = tab.request.get(f"{base}/events/{event.slug}/agenda.ics")
        assert _calendar(polled) == _calendar(downloaded) == (meeting.sequence, start)
        unchanged = tab.request.get(feeds[who.pk], headers={"If-None-Match": held[who.pk]})
        assert unchanged.status == 304

    # Minseo asks, from her Korean agenda, to move the meeting; Emma accepts from hers.
    page.goto(f"{base}/events/{event.slug}/agenda")
    page.locator(".meeting-actions summary").first.click()
    page.fill("input[name=reason]", "비행기가 늦어집니다")
    page.click(f"#ask-move-{meeting.pk}")
    expect(page.locator("#moves")).to_be_visible()
    move = MoveRequest.objects.get()
    emma_page.goto(f"{base}/events/{event.slug}/agenda")
    expect(emma_page.locator("#moves")).to_contain_text("비행기가 늦어집니다")
    emma_page.click(f"#accept-move-{move.pk}")
    expect(emma_page.locator(".messages")).to_contain_text("You accepted the move.")
    screenshot(emma_page, "flow-move-accepted-en.png")
    moved = Meeting.objects.select_related("slot").get()
    assert (moved.slot.start != start, moved.sequence > meeting.sequence) == (True, True)
    page.goto(f"{base}/events/{event.slug}/agenda")
    new_time = moved.slot.start.astimezone(ZoneInfo("Asia/Seoul")).strftime("%H:%M")
    expect(page.locator("main")).to_contain_text(f"{new_time}–")
    screenshot(page, "flow-moved-agenda-ko.png")

    # Both calendars update: the poll with the old ETag gets the new version, and both the
    # feed and the download carry the new time with a higher SEQUENCE (same UID).
    for who, tab in [(minseo, page), (emma, emma_page)]:
        polled = tab.request.get(feeds[who.pk], headers={"If-None-Match": held[who.pk]})
        assert polled.headers["etag"] != held[who.pk]
        downloaded = tab.request.get(f"{base}/events/{event.slug}/agenda.ics")
        assert _calendar(polled) == _calendar(downloaded) == (moved.sequence, moved.slot.start)

    # The organiser's receiver heard every step, each signed with the endpoint's secret.
    heard = [(r["event"], r["verified"]) for r in receiver.received]
    assert heard == [
        ("request.created", True),
        ("request.accepted", True),
        ("meeting.scheduled", True),
        ("meeting.moved", True),
    ]
