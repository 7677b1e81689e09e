//! iCalendar (RFC 5545) export of a plan.

use super::*;
use chrono::{DateTime, Duration, Utc};

/// Lines longer than this many octets are folded (RFC 5545 §3.1).
const FOLD_OCTETS: usize = 75;

/// One all-day event per day with tasks (interview days excepted) and one per round still to
/// come. UIDs depend only on the date or the round, so a re-export updates the same events;
/// SEQUENCE is the number of minutes from 2020-01-01 to `dtstamp`, so a later export always wins.
pub fn to_ics(plan: &Plan, processes: &[ProcessInput], dtstamp: DateTime<Utc>) -> String {
    let stamp = dtstamp.format("%Y%m%dT%H%M%SZ").to_string();
    let epoch = DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z")
        .map(|e| e.with_timezone(&Utc))
        .unwrap_or(dtstamp);
    let sequence = (dtstamp - epoch).num_minutes().max(0);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Prep Hub//Countdown planner//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Prep Hub plan",
    ] {
        push_line(&mut out, line);
    }
    let event =
        |out: &mut String, uid: String, date: NaiveDate, summary: &str, description: &str| {
            push_line(out, "BEGIN:VEVENT");
            push_line(out, &format!("UID:{uid}"));
            push_line(out, &format!("DTSTAMP:{stamp}"));
            push_line(out, &format!("SEQUENCE:{sequence}"));
            push_line(
                out,
                &format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")),
            );
            push_line(
                out,
                &format!(
                    "DTEND;VALUE=DATE:{}",
                    (date + Duration::days(1)).format("%Y%m%d")
                ),
            );
            push_line(out, &format!("SUMMARY:{}", escape(summary)));
            push_line(out, &format!("DESCRIPTION:{}", escape(description)));
            push_line(out, "TRANSP:TRANSPARENT");
            push_line(out, "END:VEVENT");
        };

    for day in plan
        .days
        .iter()
        .filter(|d| d.kind != DayKind::Interview && !d.tasks.is_empty())
    {
        let summary = format!(
            "Interview prep: {} ({} tasks)",
            duration_text(day.planned_minutes),
            day.tasks.len()
        );
        let description = day
            .tasks
            .iter()
            .map(|t| {
                let done = if t.done { " [done]" } else { "" };
                format!("- {} ({}){done}", t.title, duration_text(t.minutes))
            })
            .collect::<Vec<_>>()
            .join("\n");
        event(
            &mut out,
            format!("day-{}@prep-hub", day.date.format("%Y%m%d")),
            day.date,
            &summary,
            &description,
        );
    }

    for round in &plan.rounds {
        let process = processes.iter().find(|p| p.id == round.process_id);
        let when = if round.date_known {
            "Date known.".to_string()
        } else {
            format!(
                "Date not set yet: shown on {}, the date of the next round with a date or the \
                 final interview, which is when its preparation must be done.",
                short_date(round.deadline)
            )
        };
        let final_interview = process
            .map(|p| format!("\nFinal interview: {}.", short_date(p.interview_date)))
            .unwrap_or_default();
        let description = format!("{when}\n{}{final_interview}", round.status);
        event(
            &mut out,
            format!("round-{}-{}@prep-hub", round.process_id, round.round_id),
            round.deadline,
            &format!("{} at {}", round.name, round.company),
            &description,
        );
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// TEXT value escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a UTF-8 character, with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > FOLD_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
