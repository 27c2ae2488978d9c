"""The demo event: a virtual partnering week joining Korean organisations of the real dataset
with European and US partners. The people are SYNTHETIC (User.synthetic, @demo.dari.invalid);
the organisations and assets are the real, sourced ones. Seeded, so every run builds the same.
The people write their requests and refusals in their own language (`writes_in`: a Korean in
Korean, with the English after it for the partner abroad)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from dari.accounts.models import Role, User
from dari.directory.models import Asset, Organization
from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.events.domain.schedule import publish_schedule, schedule_event
from dari.events.domain.setup import create_event, register_participant
from dari.events.models import Event, Participant

TIMEZONE = "Asia/Seoul"
SLUG_PREFIX = "korea-global-virtual"
# Where the demo event sits relative to the day `dari demo` builds it.
STARTS_IN = dt.timedelta(days=10)
DEADLINE_BEFORE = dt.timedelta(days=3)
DAYS = 3
KOREAN = [
    "abl-bio", "alteogen", "orum-therapeutics", "ligachem-biosciences", "oncocross", "voronoi",
    "gi-innovation", "bridge-biotherapeutics", "olix-pharmaceuticals", "hanall-biopharma",
    "genexine", "st-pharm", "yuhan", "hanmi-pharmaceutical", "daewoong-pharmaceutical",
    "chong-kun-dang", "hk-inno-n", "dong-a-st", "sk-biopharmaceuticals", "gc-biopharma",
    "pinotbio", "kanaph-therapeutics", "y-biologics", "immuneoncia", "pharos-ibio",
]  # fmt: skip
PARTNERS = {
    "gsk": "Europe/London", "astrazeneca": "Europe/London", "sanofi": "Europe/Paris",
    "boehringer-ingelheim": "Europe/Berlin", "novartis": "Europe/Zurich", "roche": "Europe/Zurich",
    "merck-kgaa": "Europe/Berlin", "novo-nordisk": "Europe/Copenhagen", "bayer": "Europe/Berlin",
    "msd": "America/New_York", "pfizer": "America/New_York",
    "bristol-myers-squibb": "America/New_York",
    "eli-lilly": "America/Indiana/Indianapolis", "amgen": "America/Los_Angeles",
    "abbvie": "America/Chicago", "johnson-johnson": "America/New_York",
    "gilead": "America/Los_Angeles",
    "vertex": "America/New_York", "biogen": "America/New_York", "takeda": "Asia/Tokyo",
    "daiichi-sankyo": "Asia/Tokyo", "ono": "Asia/Tokyo",
}  # fmt: skip
FIRST = ["Ji-ho", "Seo-yeon", "Min-jun", "Ha-eun", "Do-yun", "Ye-jin", "Hyun-woo", "Soo-ah",
         "Olivia", "Lukas", "Chloé", "Matteo", "Freya", "Daniel", "Sarah", "Kenji", "Aiko",
         "Michael", "Emily", "David", "Laura", "Thomas", "Anna", "James"]  # fmt: skip
LAST = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Smith", "Müller",
        "Martin", "Rossi", "Jensen", "Brown", "Miller", "Tanaka", "Sato", "Wilson", "Garcia",
        "Schneider"]  # fmt: skip
# What the synthetic people write, in their own language: a Korean writes Korean, followed by
# the same in English for a partner abroad; the others write English. Picked by the request's
# place in the build, not by the seeded generator, so the rest of the demo stays as it was.
MESSAGES = {
    "en": [
        "We would like to discuss a partnership at the event.",
        "We would like to learn more about your pipeline and discuss licensing.",
        "We are looking at assets in your area and would like to meet during the event.",
    ],
    "ko": [
        "행사에서 파트너십을 논의하고 싶습니다.\n\n"
        "We would like to discuss a partnership at the event.",
        "저희 파이프라인을 소개하고 라이선스 가능성을 논의하고 싶습니다.\n\n"
        "We would like to present our pipeline and discuss licensing.",
        "공동개발에 관심이 있으시면 행사 중에 뵙고 싶습니다.\n\n"
        "If you are interested in co-development, we would like to meet during the event.",
    ],
}
DECLINE_REASONS = {
    "en": [
        "Outside our current therapeutic focus.",
        "We are not in-licensing at this stage of development.",
        "Calendar is full this week; let us reconnect after the event.",
    ],
    "ko": [
        "현재 저희 치료 분야와 맞지 않습니다. / Outside our current therapeutic focus.",
        "이 개발 단계의 도입은 검토하지 않고 있습니다. / "
        "We are not in-licensing at this stage of development.",
        "이번 주 일정이 가득 찼습니다. 행사 후에 다시 연락드리겠습니다. / "
        "Calendar is full this week; let us reconnect after the event.",
    ],
}


def writes_in(participant: Participant) -> str:
    """The language a synthetic person writes in: Korean for one of a Korean organisation."""
    org = participant.organization
    return "ko" if org is not None and org.country == "KR" else "en"


def _person(rng: random.Random, username: str, org: Organization, tz: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": rng.choice(FIRST),
            "last_name": rng.choice(LAST),
            "email": f"{username}@demo.dari.invalid",
            "organization": org,
            "role": Role.MEMBER,
            "timezone": tz,
            "synthetic": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    # Local import: the rest of this module belongs to the event demo, not to accounts.
    from dari.accounts.demo import make_vetted

    make_vetted(user)  # verified address, confirmed member of `org`
    return user


def demo_dates(today: dt.date) -> tuple[dt.date, dt.date, dt.datetime]:
    """Start day, end day and request deadline of a demo event built on `today`: it starts
    STARTS_IN later and takes requests until 18:00 Seoul time DEADLINE_BEFORE its start."""
    start = today + STARTS_IN
    deadline = dt.datetime.combine(start - DEADLINE_BEFORE, dt.time(9), tzinfo=dt.UTC)
    return start, start + dt.timedelta(days=DAYS - 1), deadline


def _today() -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(TIMEZONE))


@transaction.atomic
def _build(rng: random.Random, today: dt.date) -> Event:
    start, end, deadline = demo_dates(today)
    event = create_event(
        slug=f"{SLUG_PREFIX}-{start:%Y-%m-%d}",
        name=f"Korea–Europe–US Virtual Partnering Week {start:%Y-%m-%d} (demo)",
        description=(
            "Demo event with SYNTHETIC participants: Korean biotechs and pharma from the real "
            "dataset meet European, US and Japanese partners online. Meetings are placed by the "
            "optimiser in the narrow overlaps of Seoul, Europe and US working hours."
        ),
        name_ko=f"한국–유럽–미국 가상 파트너링 위크 {start:%Y-%m-%d} (데모)",
        description_ko=(
            "참가자가 실존하지 않는 합성 인물(SYNTHETIC)인 데모 행사입니다. 실제 데이터셋의 "
            "한국 바이오텍·제약사가 유럽, 미국, 일본 파트너를 온라인으로 만납니다. "
            "미팅은 최적화 엔진이 서울, 유럽, 미국의 업무 시간이 겹치는 짧은 시간대에 "
            "배정합니다."
        ),
        mode="virtual",
        timezone=TIMEZONE,
        start_date=start,
        end_date=end,
        meeting_minutes=30,
        request_deadline=deadline,
        max_pending_requests=25,
        video_url_template="https://meet.jit.si/dari-{room}",
        auto_schedule=False,  # scheduled once at the end of the build, then switched on
        organizer=Organization.objects.filter(pk="kpbma").first(),
        synthetic=True,
    )
    orgs = Organization.objects.in_bulk(KOREAN + list(PARTNERS))
    korean: list[Participant] = []
    partners: list[Participant] = []
    demo_users = {
        u.username: u for u in User.objects.filter(username__in=["bdlead", "scout", "organiser"])
    }
    for oid in KOREAN:
        if oid not in orgs:
            continue
        for k in range(2 if rng.random() < 0.3 else 1):
            user = demo_users.get("bdlead") if oid == "abl-bio" and k == 0 else None
            user = user or _person(rng, f"demo-{oid}-{k + 1}", orgs[oid], "Asia/Seoul")
            korean.append(register_participant(event, user, "Asia/Seoul", dt.time(8), dt.time(21)))
    for oid, tz in PARTNERS.items():
        if oid not in orgs:
            continue
        for k in range(2 if rng.random() < 0.4 else 1):
            user = demo_users.get("scout") if oid == "gsk" and k == 0 else None
            user = user or _person(rng, f"demo-{oid}-{k + 1}", orgs[oid], tz)
            hours = (
                (dt.time(7), dt.time(19)) if tz.startswith("America") else (dt.time(8), dt.time(18))
            )
            partners.append(register_participant(event, user, user.timezone or tz, *hours))
    if "organiser" in demo_users:
        register_participant(event, demo_users["organiser"], "Asia/Seoul", dt.time(8), dt.time(21))
    assets_by_org: dict[str, list[str]] = {}
    for a in Asset.objects.filter(organization_id__in=KOREAN, visibility="public").order_by("pk"):
        assets_by_org.setdefault(a.organization_id, []).append(a.pk)
    # Korean BD leads ask partners about an asset of their own; partners' scouts, who hold none
    # here, ask biotechs about one of the biotech's (the commonest request at such events).
    pairs = set()
    for p in korean:
        for target in rng.sample(partners, k=min(len(partners), rng.randint(3, 6))):
            pairs.add((p, target))
    for p in partners:
        for target in rng.sample(korean, k=min(len(korean), rng.randint(1, 3))):
            pairs.add((p, target))
    requests = []
    seen_orgs = set()
    for requester, target in sorted(pairs, key=lambda x: (x[0].pk, x[1].pk)):
        key = frozenset([requester.organization_id, target.organization_id])
        if key in seen_orgs:
            continue
        seen_orgs.add(key)
        about = assets_by_org.get(requester.organization_id or "", []) or assets_by_org.get(
            target.organization_id or "", []
        )
        messages = MESSAGES[writes_in(requester)]
        requests.append(
            request_meeting(
                requester,
                target=target,
                message=messages[len(requests) % len(messages)],
                asset_id=rng.choice(about) if about else None,
                priority=rng.choice([1, 2, 2, 3]),
            )
        )
    for req in requests:
        answerer = req.target
        is_demo_lead = answerer.user.username in ("bdlead", "scout")
        roll = rng.random()
        if is_demo_lead and roll < 0.5:
            continue  # left pending for the demo logins to answer
        if roll < 0.72:
            accept_request(req.pk, answerer)
        elif roll < 0.9:
            # the same draw as before, from the answerer's own list
            reason = rng.choice(range(len(DECLINE_REASONS["en"])))
            decline_request(req.pk, answerer, DECLINE_REASONS[writes_in(answerer)][reason])
    return event


def current_demo_event() -> Event | None:
    """The newest demo event that has not ended yet (in Seoul), if any."""
    return (
        Event.objects.filter(slug__startswith=f"{SLUG_PREFIX}-", synthetic=True)
        .filter(end_date__gte=_today())
        .order_by("-start_date")
        .first()
    )


def ensure_demo_event() -> Event:
    """The demo event that has not ended yet, else a new one placed relative to today, built,
    scheduled and published. Past demo events stay as they are (their meetings and follow-ups
    are history), so running `dari demo` on any later day keeps all data and still works.

    No mail goes to the synthetic people while the demo is built.
    """
    existing = current_demo_event()
    if existing is not None:
        return existing
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        event = _build(random.Random(2026), _today())
        schedule_event(event.pk)
        publish_schedule(event.pk)
    Event.objects.filter(pk=event.pk).update(auto_schedule=True)
    event.refresh_from_db()
    return event
