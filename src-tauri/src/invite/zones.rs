//! The time zone of an invite's `TZID`.
//!
//! Google Calendar and Apple Calendar write IANA names ("America/New_York"), which chrono-tz
//! knows offline. Outlook and Exchange write Windows names ("W. Europe Standard Time"), mapped
//! to IANA names with the CLDR table that localzone carries; and some write a name of their own
//! ("Customized Time Zone", "(UTC+01:00) Amsterdam, Berlin, ..."), defined only by the file's
//! `VTIMEZONE` block, whose rules (RFC 5545 section 3.6.5) are evaluated with rrule.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use icalendar::parser::Component;

/// A zone an invite's time is given in.
#[derive(Debug, Clone)]
pub enum Zone {
    Iana(chrono_tz::Tz),
    /// A `VTIMEZONE` of the file that names no zone chrono-tz knows.
    Rules(VTimezone),
}

#[derive(Debug, Clone)]
pub struct VTimezone {
    pub tzid: String,
    observances: Vec<Observance>,
}

/// A `STANDARD` or `DAYLIGHT` part: from each onset on, local time is UTC + `offset_to`.
#[derive(Debug, Clone)]
struct Observance {
    start: NaiveDateTime,
    offset_from: FixedOffset,
    offset_to: FixedOffset,
    rrule: Option<String>,
    rdates: Vec<NaiveDateTime>,
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a str> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
        .map(|p| p.val.as_str().trim())
}

/// "+0100", "-0500", "+053000".
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    if !(rest.len() == 4 || rest.len() == 6) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = rest[0..2].parse().ok()?;
    let m: i32 = rest[2..4].parse().ok()?;
    let s: i32 = if rest.len() == 6 {
        rest[4..6].parse().ok()?
    } else {
        0
    };
    FixedOffset::east_opt(sign * (h * 3600 + m * 60 + s))
}

pub(super) fn parse_local(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()
}

impl VTimezone {
    /// Reads a `VTIMEZONE` component; `Err` says what is missing.
    pub fn read(c: &Component) -> Result<VTimezone, String> {
        let tzid = prop(c, "TZID")
            .ok_or("a VTIMEZONE has no TZID")?
            .to_string();
        let mut observances = Vec::new();
        for part in &c.components {
            let kind = part.name.as_str();
            if !(kind.eq_ignore_ascii_case("STANDARD") || kind.eq_ignore_ascii_case("DAYLIGHT")) {
                continue;
            }
            let field = |name: &str| {
                prop(part, name)
                    .ok_or_else(|| format!("the {kind} part of time zone '{tzid}' has no {name}"))
            };
            let start = parse_local(field("DTSTART")?)
                .ok_or_else(|| format!("the {kind} part of time zone '{tzid}' has a DTSTART that is not a date and time"))?;
            let offset = |name: &str| -> Result<FixedOffset, String> {
                let v = field(name)?;
                parse_offset(v).ok_or_else(|| {
                    format!("{name} '{v}' of time zone '{tzid}' is not an offset like +0100")
                })
            };
            let rdates = part
                .properties
                .iter()
                .filter(|p| p.name.as_str().eq_ignore_ascii_case("RDATE"))
                .flat_map(|p| p.val.as_str().split(','))
                .filter_map(parse_local)
                .collect();
            observances.push(Observance {
                start,
                offset_from: offset("TZOFFSETFROM")?,
                offset_to: offset("TZOFFSETTO")?,
                rrule: prop(part, "RRULE").map(str::to_string),
                rdates,
            });
        }
        if observances.is_empty() {
            return Err(format!(
                "time zone '{tzid}' has neither a STANDARD nor a DAYLIGHT part"
            ));
        }
        Ok(VTimezone { tzid, observances })
    }

    /// The last onset of `o` at or before the wall time `at`.
    fn last_onset(o: &Observance, at: NaiveDateTime) -> Result<Option<NaiveDateTime>, String> {
        if o.start > at {
            return Ok(None);
        }
        let mut best = Some(o.start);
        for d in &o.rdates {
            if *d <= at {
                best = best.max(Some(*d));
            }
        }
        if let Some(rule) = &o.rrule {
            // Wall times are compared as if they were UTC: an onset is a local time too.
            let mut rule = rule.clone();
            if let Some(pos) = rule.to_ascii_uppercase().find("UNTIL=") {
                let end = rule[pos..].find(';').map_or(rule.len(), |e| pos + e);
                if !rule[..end].ends_with('Z') && end - pos > 6 + 8 {
                    rule.insert(end, 'Z');
                }
            }
            let text = format!("DTSTART:{}Z\nRRULE:{rule}", o.start.format("%Y%m%dT%H%M%S"));
            let set: rrule::RRuleSet = text
                .parse()
                .map_err(|e| format!("the rule '{rule}' could not be read: {e}"))?;
            let until = rrule::Tz::UTC.from_utc_datetime(&at) + chrono::Duration::seconds(1);
            let found = set.before(until).all(2000);
            if let Some(last) = found.dates.last() {
                best = best.max(Some(last.naive_utc()));
            }
        }
        Ok(best)
    }

    /// The offset in force at the wall time `at`.
    pub fn offset_at(&self, at: NaiveDateTime) -> Result<FixedOffset, String> {
        let mut best: Option<(NaiveDateTime, FixedOffset)> = None;
        for o in &self.observances {
            if let Some(onset) = Self::last_onset(o, at)? {
                if best.is_none_or(|(b, _)| onset > b) {
                    best = Some((onset, o.offset_to));
                }
            }
        }
        Ok(match best {
            Some((_, offset)) => offset,
            // Before every onset: the offset the first rule changes from.
            None => self
                .observances
                .iter()
                .min_by_key(|o| o.start)
                .map(|o| o.offset_from)
                .expect("at least one observance"),
        })
    }
}

impl Zone {
    /// How the zone is named to the user.
    pub fn label(&self) -> String {
        match self {
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Rules(v) => v.tzid.clone(),
        }
    }

    /// The instant of the wall time `at` in this zone. A time that falls in a daylight-saving gap
    /// is read with the offset before the gap (RFC 5545 section 3.3.5); a repeated time is the
    /// first of the two.
    pub fn instant(&self, at: NaiveDateTime) -> Result<DateTime<FixedOffset>, String> {
        match self {
            Zone::Iana(tz) => match tz.from_local_datetime(&at) {
                LocalResult::Single(d) => Ok(d.fixed_offset()),
                LocalResult::Ambiguous(first, _) => Ok(first.fixed_offset()),
                LocalResult::None => {
                    let before = tz
                        .offset_from_utc_datetime(&(at - chrono::Duration::hours(3)))
                        .fix();
                    let utc = at - chrono::Duration::seconds(before.local_minus_utc() as i64);
                    Ok(Utc.from_utc_datetime(&utc).with_timezone(tz).fixed_offset())
                }
            },
            Zone::Rules(v) => {
                let offset = v.offset_at(at)?;
                offset
                    .from_local_datetime(&at)
                    .single()
                    .ok_or_else(|| format!("{at} does not exist in time zone '{}'", v.tzid))
            }
        }
    }
}

/// An IANA name inside a TZID: the whole of it, or its last parts ("/mozilla.org/.../Europe/Berlin").
fn iana(tzid: &str) -> Option<chrono_tz::Tz> {
    if let Ok(tz) = tzid.parse() {
        return Some(tz);
    }
    let parts: Vec<&str> = tzid.split('/').collect();
    (1..parts.len()).find_map(|i| parts[i..].join("/").parse().ok())
}

/// The zone a `TZID` names: an IANA name, a Windows name, or the file's own `VTIMEZONE`.
pub fn resolve(tzid: &str, defined: &HashMap<String, VTimezone>) -> Result<Zone, String> {
    let tzid = tzid.trim();
    if let Some(tz) = iana(tzid) {
        return Ok(Zone::Iana(tz));
    }
    if let Some(name) = localzone::win_zone_to_iana(tzid, None) {
        if let Ok(tz) = name.parse() {
            return Ok(Zone::Iana(tz));
        }
    }
    match defined.get(tzid) {
        Some(v) => Ok(Zone::Rules(v.clone())),
        None => Err(format!(
            "the time zone '{}' is not one this app knows and the invite has no VTIMEZONE that defines it",
            crate::echo::echo(tzid, 80)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(s: &str) -> NaiveDateTime {
        parse_local(s).unwrap()
    }

    #[test]
    fn windows_names_map_to_iana_zones() {
        let none = HashMap::new();
        let zone = resolve("W. Europe Standard Time", &none).unwrap();
        assert_eq!(zone.label(), "Europe/Berlin");
        let zone = resolve("Eastern Standard Time", &none).unwrap();
        assert_eq!(zone.label(), "America/New_York");
        let zone = resolve(
            "/freeassociation.sourceforge.net/Tzfile/Europe/Paris",
            &none,
        )
        .unwrap();
        assert_eq!(zone.label(), "Europe/Paris");
        let err = resolve("Mars Standard Time", &none).unwrap_err();
        assert!(
            err.contains("Mars Standard Time") && err.contains("VTIMEZONE"),
            "{err}"
        );
    }

    #[test]
    fn a_gap_time_reads_with_the_offset_before_the_gap() {
        let zone = resolve("Europe/Berlin", &HashMap::new()).unwrap();
        // 02:30 on 29 March 2026 does not exist in Berlin: it is 03:30 summer time.
        let at = zone.instant(wall("20260329T023000")).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-29T03:30:00+02:00");
        // 02:30 on 25 October 2026 happens twice: the first, summer time.
        let at = zone.instant(wall("20261025T023000")).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-10-25T02:30:00+02:00");
    }
}
