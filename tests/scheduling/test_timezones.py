"""Local working hours across daylight-saving changes (zoneinfo)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dari.scheduling import Slot, available_slots


def day_slots(day: date) -> list[Slot]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return [
        Slot(
            f"{day:%m%d}-{(start + timedelta(minutes=30 * i)):%H%M}",
            start + timedelta(minutes=30 * i),
            30,
        )
        for i in range(48)
    ]


def hours(ids: list[str]) -> tuple[str, str]:
    """first and last slot start (UTC HHMM) of a participant's working day."""
    return ids[0][-4:], ids[-1][-4:]


def test_london_before_and_after_the_spring_change() -> None:
    # UK summer time starts Sun 30 Mar 2025: 09:00-17:00 is 09:00-17:00Z before, 08:00-16:00Z after
    before = available_slots(day_slots(date(2025, 3, 28)), "Europe/London")
    after = available_slots(day_slots(date(2025, 3, 31)), "Europe/London")
    assert hours(before) == ("0900", "1630")
    assert hours(after) == ("0800", "1530")
    assert len(before) == len(after) == 16


def test_new_york_changes_three_weeks_earlier_in_march() -> None:
    # US daylight time starts Sun 9 Mar 2025, the UK only on 30 Mar
    d = date(2025, 3, 17)
    ny = available_slots(day_slots(d), "America/New_York")
    ldn = available_slots(day_slots(d), "Europe/London")
    assert hours(ny) == ("1300", "2030")  # EDT = UTC-4
    assert hours(ldn) == ("0900", "1630")  # GMT
    overlap = sorted(set(ny) & set(ldn))
    assert [s[-4:] for s in overlap] == [
        "1300",
        "1330",
        "1400",
        "1430",
        "1500",
        "1530",
        "1600",
        "1630",
    ]
    d2 = date(2025, 3, 5)  # before both changes: the overlap is an hour shorter
    ny2 = available_slots(day_slots(d2), "America/New_York")
    ldn2 = available_slots(day_slots(d2), "Europe/London")
    assert len(set(ny2) & set(ldn2)) == 6


def test_autumn_gap_between_europe_and_america() -> None:
    # Europe back to winter time on 26 Oct 2025, the US on 2 Nov 2025
    d = date(2025, 10, 28)
    assert hours(available_slots(day_slots(d), "Europe/Berlin")) == ("0800", "1530")
    assert hours(available_slots(day_slots(d), "America/New_York")) == ("1300", "2030")
    d2 = date(2025, 11, 4)
    assert hours(available_slots(day_slots(d2), "America/New_York")) == ("1400", "2130")


def test_slots_on_the_change_night_and_days_blocked_and_seoul() -> None:
    # a slot must lie wholly inside working hours: a 60-minute slot 16:30-17:30 local is out
    s = [Slot("late", datetime(2025, 3, 31, 15, 30, tzinfo=UTC), 60)]
    assert available_slots(s, "Europe/London") == []
    assert available_slots(s, "Europe/London", working_hours=(time(9), time(18))) == ["late"]
    seoul = available_slots(day_slots(date(2025, 3, 31)), "Asia/Seoul")
    assert hours(seoul) == ("0000", "0730")  # KST = UTC+9, no DST
    d = date(2025, 3, 31)
    sl = day_slots(d)
    only = available_slots(sl, "Asia/Seoul", days={date(2025, 4, 1)})
    assert only == []  # those UTC slots are on 31 Mar in Seoul
    blocked = [(datetime(2025, 3, 31, 1, tzinfo=UTC), datetime(2025, 3, 31, 2, tzinfo=UTC))]
    b = available_slots(sl, "Asia/Seoul", blocked=blocked)
    assert len(b) == len(seoul) - 2
    # the night of the change itself: 01:00-02:00 local does not exist in London on 30 Mar,
    # so local 00:30-03:00 is only 1.5 real hours (00:30-02:00Z); 23:30Z is 00:30 on 31 Mar
    night = available_slots(
        day_slots(date(2025, 3, 30)), "Europe/London", working_hours=(time(0, 30), time(3))
    )
    assert [x[-4:] for x in night] == ["0030", "0100", "0130", "2330"]
