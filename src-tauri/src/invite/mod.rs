//! Reading interview invites: calendar files (`.ics`, RFC 5545) as recruiters' calendars write
//! them, turned into events a round can take its date, time and place from.
//!
//! Lines are unfolded and parsed by the icalendar crate; text values are unescaped (`\,`, `\;`,
//! `\n`, `\\`). A start is one of:
//! - a date (`VALUE=DATE`): an all-day event, the date only;
//! - a time in UTC (`...Z`) or with a `TZID` (see [`zones`]): converted to the user's zone, so the
//!   round's date and time are when it happens for them, with the invite's own zone kept to show;
//! - a floating time (neither): the same wall time wherever the user is.
//!
//! A repeating event (`RRULE`, `RDATE`) is not one interview round and is refused with a clear
//! reason, except a rule that yields a single occurrence (`COUNT=1`), which is read as that one
//! event. A changed occurrence of a series (`RECURRENCE-ID`) is a single event and is read.

pub mod store;
pub mod zones;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use icalendar::parser::{Component, Property};
use serde::Serialize;

use crate::error::{AppError, AppResult};
use zones::{VTimezone, Zone};

/// Longest invite read: real ones are a few KiB, a whole exported calendar a few MiB.
pub const MAX_INVITE_BYTES: u64 = 4 * 1024 * 1024;
/// Longest location or meeting text kept.
pub const MAX_PLACE_CHARS: usize = 2000;

/// A round's stored start: RFC 3339 with an offset ("2026-12-14T09:00:00-05:00"), or a floating
/// time without one ("2026-12-14T09:00:00", on the user's own clock). Returns the wall time.
pub fn parse_start(text: &str) -> Option<NaiveDateTime> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.naive_local());
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok()
}

/// One event of an invite, as the user is shown it and a round takes it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InviteEvent {
    pub uid: String,
    pub sequence: i64,
    pub summary: String,
    /// The location and any meeting link, as text ("Room 4 · https://meet.example/abc").
    pub location: String,
    /// The user's local date of the start (the planner's day).
    pub date: Option<NaiveDate>,
    /// The user's local time ("14:30"); none for an all-day event.
    pub time: Option<String>,
    pub all_day: bool,
    /// What is stored on the round (see [`parse_start`]); none for an all-day event.
    pub starts_at: Option<String>,
    /// The zone the invite gave its time in ("America/New_York", "UTC"); none when floating.
    pub time_zone: Option<String>,
    /// The invite's own wall time in that zone ("09:00"), when it differs from `time`.
    pub zone_time: Option<String>,
    /// The organiser cancelled it (`STATUS:CANCELLED` or `METHOD:CANCEL`).
    pub cancelled: bool,
    /// Why this event cannot be a round (it repeats, it has no start...); none when it can.
    pub refused: Option<String>,
}

fn name_is(p: &Property, name: &str) -> bool {
    p.name.as_str().eq_ignore_ascii_case(name)
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties.iter().find(|p| name_is(p, name))
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(name))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

fn unescaped(p: &Property) -> String {
    p.val.clone().unescape_text().as_str().trim().to_string()
}

fn text_of(c: &Component, name: &str) -> String {
    prop(c, name).map(unescaped).unwrap_or_default()
}

/// The first web address in a description that looks like a video meeting.
fn meeting_link(description: &str) -> Option<String> {
    const HOSTS: &[&str] = &[
        "meet.google.com",
        "zoom.us",
        "teams.microsoft.com",
        "teams.live.com",
        "webex.com",
        "whereby.com",
        "chime.aws",
        "gotomeeting.com",
    ];
    description
        .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')'))
        .map(|w| w.trim_end_matches(['.', ',', ';']))
        .find(|w| w.starts_with("https://") && HOSTS.iter().any(|h| w.contains(h)))
        .map(str::to_string)
}

/// Location and meeting link as one line of text, each part once.
fn place_of(event: &Component) -> String {
    let mut parts: Vec<String> = Vec::new();
    let location = text_of(event, "LOCATION");
    let description = text_of(event, "DESCRIPTION");
    let candidates = [
        location,
        text_of(event, "X-GOOGLE-CONFERENCE"),
        text_of(event, "X-MICROSOFT-SKYPETEAMSMEETINGURL"),
        text_of(event, "URL"),
        meeting_link(&description).unwrap_or_default(),
    ];
    for c in candidates {
        // Lines of an address become ", "-separated parts of one line.
        let c = c
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !c.is_empty() && !parts.iter().any(|p| p.contains(&c)) {
            parts.push(c);
        }
    }
    let text = parts.join(" · ");
    text.chars().take(MAX_PLACE_CHARS).collect()
}

/// Why an event that repeats cannot be read as one round, or `None` when it is a single event.
fn repeat_problem(event: &Component) -> Option<String> {
    if let Some(rule) = prop(event, "RRULE") {
        let rule = rule.val.as_str();
        let once = rule
            .split(';')
            .any(|part| part.eq_ignore_ascii_case("COUNT=1"));
        if !once {
            return Some(format!(
                "it repeats (RRULE:{}): an interview round happens once. Ask for an invite for \
                 the one round, or enter its date by hand",
                crate::echo::echo(rule, 60)
            ));
        }
    }
    if prop(event, "RDATE").is_some() {
        return Some(
            "it happens on several dates (RDATE): an interview round happens once. Ask for an \
             invite for the one round, or enter its date by hand"
                .into(),
        );
    }
    None
}

/// The start of `event` as (local date, local time, stored start, zone label, zone wall time).
type Start = (
    NaiveDate,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn read_start<Z: TimeZone>(
    event: &Component,
    zones: &HashMap<String, VTimezone>,
    local: &Z,
) -> Result<Start, String> {
    let p = prop(event, "DTSTART").ok_or("it has no start (DTSTART)")?;
    let value = p.val.as_str().trim();
    let is_date = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| {
            format!(
                "its start '{}' is not a date like 20261214",
                crate::echo::echo(value, 40)
            )
        })?;
        return Ok((date, None, None, None, None));
    }
    let wall = zones::parse_local(value).ok_or_else(|| {
        format!(
            "its start '{}' is not a date and time like 20261214T093000",
            crate::echo::echo(value, 40)
        )
    })?;
    let hm = |t: NaiveDateTime| t.format("%H:%M").to_string();
    let zone = if value.ends_with('Z') || value.ends_with('z') {
        Some(Zone::Iana(chrono_tz::UTC))
    } else if let Some(tzid) = param(p, "TZID") {
        Some(zones::resolve(tzid, zones)?)
    } else {
        None
    };
    match zone {
        None => Ok((
            wall.date(),
            Some(hm(wall)),
            Some(wall.format("%Y-%m-%dT%H:%M:%S").to_string()),
            None,
            None,
        )),
        Some(zone) => {
            let at = zone.instant(wall)?;
            let mine = at.with_timezone(local).naive_local();
            let zone_wall = at.naive_local();
            Ok((
                mine.date(),
                Some(hm(mine)),
                Some(at.to_rfc3339()),
                Some(zone.label()),
                (zone_wall != mine).then(|| {
                    if zone_wall.date() == mine.date() {
                        hm(zone_wall)
                    } else {
                        zone_wall.format("%Y-%m-%d %H:%M").to_string()
                    }
                }),
            ))
        }
    }
}

/// Every event of an invite, with times in the zone `local` (the user's). Events that cannot be
/// a round are listed with the reason (`refused`); a file that is not a calendar is an error.
pub fn read_invite<Z: TimeZone>(text: &str, local: &Z) -> AppResult<Vec<InviteEvent>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_INVITE_BYTES {
        return Err(AppError::Invalid(format!(
            "the invite is {} and may be at most {}",
            crate::files::human_size(text.len() as u64),
            crate::files::human_size(MAX_INVITE_BYTES)
        )));
    }
    if !text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err(AppError::Invalid(
            "this is not a calendar invite: an .ics file starts with BEGIN:VCALENDAR".into(),
        ));
    }
    // Lines may end in CRLF or LF; folded lines continue after a line break and one space or tab.
    let unfolded = icalendar::parser::unfold(&text.replace("\r\n", "\n"));
    let calendar = icalendar::parser::read_calendar(&unfolded).map_err(|e| {
        let first = e.lines().take(4).collect::<Vec<_>>().join(" ");
        AppError::Invalid(format!(
            "the invite could not be read as iCalendar: {}",
            crate::echo::echo(&first, 300)
        ))
    })?;
    let method_cancel = calendar
        .properties
        .iter()
        .any(|p| name_is(p, "METHOD") && p.val.as_str().trim().eq_ignore_ascii_case("CANCEL"));
    let mut zones = HashMap::new();
    for c in calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE"))
    {
        let v = VTimezone::read(c)
            .map_err(|e| AppError::Invalid(format!("the invite's time zone is broken: {e}")))?;
        zones.insert(v.tzid.clone(), v);
    }
    let mut events = Vec::new();
    for (i, event) in calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .enumerate()
    {
        let uid = text_of(event, "UID");
        let summary = text_of(event, "SUMMARY");
        let sequence = prop(event, "SEQUENCE")
            .and_then(|p| p.val.as_str().trim().parse::<i64>().ok())
            .unwrap_or(0)
            .clamp(0, 1_000_000_000);
        let cancelled = method_cancel
            || prop(event, "STATUS")
                .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"));
        let mut ev = InviteEvent {
            uid: if uid.is_empty() {
                format!("(event {} without a UID)", i + 1)
            } else {
                uid.clone()
            },
            sequence,
            summary: if summary.is_empty() {
                "(no title)".into()
            } else {
                summary
            },
            location: place_of(event),
            date: None,
            time: None,
            all_day: false,
            starts_at: None,
            time_zone: None,
            zone_time: None,
            cancelled,
            refused: None,
        };
        if uid.is_empty() {
            ev.refused = Some("it has no UID, so a later update could not find it".into());
        } else if let Some(problem) = repeat_problem(event) {
            ev.refused = Some(problem);
        }
        match read_start(event, &zones, local) {
            Ok((date, time, starts_at, zone, zone_time)) => {
                ev.all_day = time.is_none();
                ev.date = Some(date);
                ev.time = time;
                ev.starts_at = starts_at;
                ev.time_zone = zone;
                ev.zone_time = zone_time;
            }
            Err(problem) => {
                ev.refused.get_or_insert(problem);
            }
        }
        // A changed occurrence of a series shares the series' UID; it stands for one date.
        if let Some(rid) = prop(event, "RECURRENCE-ID") {
            ev.uid = format!("{}#{}", ev.uid, rid.val.as_str().trim());
        }
        events.push(ev);
    }
    if events.is_empty() {
        return Err(AppError::Invalid(
            "the invite holds no event (no BEGIN:VEVENT)".into(),
        ));
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> chrono_tz::Tz {
        chrono_tz::Europe::Berlin
    }

    fn one(text: &str) -> InviteEvent {
        let mut all = read_invite(text, &berlin()).unwrap();
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    fn cal(event: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{event}END:VCALENDAR\r\n")
    }

    #[test]
    fn utc_floating_and_all_day_starts() {
        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261214T130000Z\r\nSUMMARY:Onsite\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(
            (e.date.unwrap().to_string(), e.time.as_deref()),
            ("2026-12-14".into(), Some("14:00"))
        );
        assert_eq!(e.time_zone.as_deref(), Some("UTC"));
        assert_eq!(e.zone_time.as_deref(), Some("13:00"));
        assert_eq!(e.starts_at.as_deref(), Some("2026-12-14T13:00:00+00:00"));

        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261214T090000\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(e.time.as_deref(), Some("09:00"));
        assert_eq!(e.time_zone, None, "floating: the user's own clock");
        assert_eq!(e.starts_at.as_deref(), Some("2026-12-14T09:00:00"));
        assert_eq!(e.summary, "(no title)");

        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20261215\r\nEND:VEVENT\r\n",
        ));
        assert!(e.all_day && e.time.is_none() && e.starts_at.is_none());
        assert_eq!(e.date.unwrap().to_string(), "2026-12-15");
    }

    #[test]
    fn a_late_evening_in_new_york_is_the_next_morning_in_berlin() {
        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;TZID=America/New_York:20261214T200000\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(e.date.unwrap().to_string(), "2026-12-15");
        assert_eq!(e.time.as_deref(), Some("02:00"));
        assert_eq!(e.zone_time.as_deref(), Some("2026-12-14 20:00"));
        assert_eq!(e.starts_at.as_deref(), Some("2026-12-14T20:00:00-05:00"));
    }

    #[test]
    fn text_is_unescaped_and_folded_lines_joined() {
        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20261214T090000Z\r\nSUMMARY:Tech screen\\, round 2\\; \r\n with Sam\r\nLOCATION:Room 4\\nBuilding B\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(e.summary, "Tech screen, round 2; with Sam");
        assert_eq!(e.location, "Room 4, Building B");
    }

    #[test]
    fn repeating_events_are_refused_and_a_single_occurrence_is_read() {
        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20261214T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\n",
        ));
        assert!(e
            .refused
            .as_deref()
            .unwrap()
            .contains("repeats (RRULE:FREQ=WEEKLY;COUNT=4)"));
        let e = one(&cal(
            "BEGIN:VEVENT\r\nUID:g\r\nDTSTART:20261214T090000Z\r\nRRULE:FREQ=DAILY;COUNT=1\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(e.refused, None);
    }

    #[test]
    fn not_a_calendar_says_so() {
        let err = read_invite("hello", &berlin()).unwrap_err().to_string();
        assert!(err.contains("BEGIN:VCALENDAR"), "{err}");
        let err = read_invite(&cal(""), &berlin()).unwrap_err().to_string();
        assert!(err.contains("no event"), "{err}");
    }
}
