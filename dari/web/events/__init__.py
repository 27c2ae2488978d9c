"""Pages of partnering events by audience: `pages` (the list and an event's page, for
everyone), `participant` (requests and availability), `agenda` (my meetings and calendars),
`organiser` (console and analytics), with their `guards` and `forms`; mounted by `urls`.
Each view parses input, calls one query of dari.events.domain.queries or one command, and
renders."""
