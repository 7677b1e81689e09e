//! Spaced repetition: FSRS (through `rs-fsrs`) plus the deadline rule that bends it
//! towards the interview.
//!
//! The deadline rule, with `D` the date of the round that uses a question:
//! - FSRS schedules as usual while its due date falls before the final-review window
//!   (`D - 2` and `D - 1`).
//! - A due date that FSRS puts in the window or later is pulled to `D - 2` (or to today
//!   when that day has passed): nothing is left to come due after the round, and every
//!   learned item gets a last review in the final days before it.
//! - A review made inside the window is that final review: the item is not asked again
//!   before the round.
//! - With no date known for the round, or once the round has passed, FSRS alone decides.

use chrono::{DateTime, Days, Local, NaiveDate, TimeZone, Utc};
use rs_fsrs::{Card, Parameters, Rating, State, FSRS};

/// Days before a round in which its final review falls.
pub const FINAL_WINDOW_DAYS: u64 = 2;
/// Predicted recall at which an item counts as ready for its round.
pub const READY_RECALL: f64 = 0.9;

pub fn fsrs() -> FSRS {
    // Fuzz off: the same ratings always give the same schedule, so undo can replay them.
    FSRS::new(Parameters {
        enable_fuzz: false,
        ..Parameters::default()
    })
}

pub fn rating_from(n: u8) -> Option<Rating> {
    match n {
        1 => Some(Rating::Again),
        2 => Some(Rating::Hard),
        3 => Some(Rating::Good),
        4 => Some(Rating::Easy),
        _ => None,
    }
}

pub fn state_name(state: State) -> &'static str {
    match state {
        State::New => "new",
        State::Learning => "learning",
        State::Review => "review",
        State::Relearning => "relearning",
    }
}

pub fn state_from(n: i64) -> State {
    match n {
        1 => State::Learning,
        2 => State::Review,
        3 => State::Relearning,
        _ => State::New,
    }
}

/// A card that has never been reviewed, as of `now`.
pub fn new_card(now: DateTime<Utc>) -> Card {
    Card {
        due: now,
        last_review: now,
        ..Card::default()
    }
}

/// The card after one more rating.
pub fn review(fsrs: &FSRS, card: Card, now: DateTime<Utc>, rating: Rating) -> Card {
    fsrs.next(card, now, rating).card
}

/// The card after rating it `rating` at `now` (a new card when it was never rated): the one call
/// both a rating and the interval labels under the rating buttons make.
pub fn rated_card(card: Option<&Card>, now: DateTime<Utc>, rating: Rating) -> Card {
    let card = card.cloned().unwrap_or_else(|| new_card(now));
    review(&fsrs(), card, now, rating)
}

/// When the question would come back after each rating (1-4), with the deadline rule applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub rating: u8,
    /// The effective due instant (RFC 3339).
    pub due: String,
    /// "10 min", "3 h", "5 d", "2.5 mo": the time from now to `due`.
    pub label: String,
    /// The deadline rule moved it earlier than FSRS alone would (a final review before the round).
    pub final_review: bool,
}

pub fn intervals(
    card: Option<&Card>,
    now: DateTime<Utc>,
    deadline: Option<NaiveDate>,
) -> Vec<Interval> {
    let today = local_date(now);
    (1..=4u8)
        .filter_map(|n| rating_from(n).map(|r| (n, r)))
        .map(|(n, rating)| {
            let next = rated_card(card, now, rating);
            let due = effective_due(&next, deadline, today);
            Interval {
                rating: n,
                due: super::instant_text(due),
                label: interval_label(due - now),
                final_review: due < next.due,
            }
        })
        .collect()
}

/// A time span as Anki shows it under its buttons, in words: "1 min", "10 min", "3 h", "5 d",
/// "1.5 mo", "1.2 y". Anything due already reads "now".
pub fn interval_label(span: chrono::Duration) -> String {
    let minutes = span.num_seconds() as f64 / 60.0;
    if minutes < 0.5 {
        return "now".into();
    }
    let hours = minutes / 60.0;
    let days = hours / 24.0;
    if minutes < 59.5 {
        format!("{} min", minutes.round().max(1.0) as i64)
    } else if hours < 23.5 {
        format!("{} h", hours.round() as i64)
    } else if days < 30.0 {
        format!("{} d", days.round().max(1.0) as i64)
    } else if days < 365.0 {
        one_decimal(days / 30.4, "mo")
    } else {
        one_decimal(days / 365.0, "y")
    }
}

fn one_decimal(value: f64, unit: &str) -> String {
    let v = (value * 10.0).round() / 10.0;
    if v.fract() == 0.0 {
        format!("{} {unit}", v as i64)
    } else {
        format!("{v:.1} {unit}")
    }
}

/// Rebuilds a card from its ratings, oldest first (used by undo and by backup import).
pub fn replay(fsrs: &FSRS, ratings: &[(DateTime<Utc>, Rating)]) -> Option<Card> {
    let (first, _) = ratings.first()?;
    let mut card = new_card(*first);
    for (at, rating) in ratings {
        card = review(fsrs, card, *at, *rating);
    }
    Some(card)
}

pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// Local midnight at the start of `date`, as a UTC instant.
pub fn start_of(date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive).with_timezone(&Local))
        .with_timezone(&Utc)
}

/// When the item is really due, after the deadline rule (see the module comment).
pub fn effective_due(card: &Card, deadline: Option<NaiveDate>, today: NaiveDate) -> DateTime<Utc> {
    let Some(d) = deadline else { return card.due };
    if d <= today || card.state == State::New {
        return card.due;
    }
    let window = d
        .checked_sub_days(Days::new(FINAL_WINDOW_DAYS))
        .unwrap_or(d);
    if local_date(card.last_review) >= window || local_date(card.due) < window {
        return card.due;
    }
    start_of(window.max(today))
}

/// FSRS's predicted probability of recalling the item on `date`.
pub fn recall_on(card: &Card, date: NaiveDate) -> f64 {
    if card.state == State::New {
        return 0.0;
    }
    let elapsed = (date - local_date(card.last_review)).num_days().max(0) as f64;
    Parameters::forgetting_curve(elapsed, card.stability.max(0.01))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> DateTime<Utc> {
        start_of(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()) + chrono::Duration::hours(10)
    }
    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn good_ratings_space_reviews_further_apart() {
        let f = fsrs();
        let mut card = new_card(at("2026-12-01"));
        let mut now = at("2026-12-01");
        let mut gaps = Vec::new();
        for _ in 0..5 {
            card = review(&f, card, now, Rating::Good);
            gaps.push((card.due - now).num_minutes());
            now = card.due;
        }
        assert!(gaps.windows(2).all(|w| w[1] >= w[0]), "{gaps:?}");
        assert!(*gaps.last().unwrap() > 60 * 24 * 7, "{gaps:?}");
    }

    #[test]
    fn again_brings_the_item_back_the_same_day() {
        let f = fsrs();
        let now = at("2026-12-01");
        let card = review(&f, new_card(now), now, Rating::Again);
        assert_eq!(local_date(card.due), local_date(now));
    }

    #[test]
    fn replay_gives_the_same_card_as_rating_step_by_step() {
        let f = fsrs();
        let steps = [
            (at("2026-12-01"), Rating::Good),
            (at("2026-12-02"), Rating::Hard),
            (at("2026-12-05"), Rating::Easy),
        ];
        let mut card = new_card(steps[0].0);
        for (t, r) in steps {
            card = review(&f, card, t, r);
        }
        assert_eq!(replay(&f, &steps).unwrap(), card);
    }

    #[test]
    fn due_date_after_the_round_is_pulled_into_the_final_window() {
        let f = fsrs();
        let now = at("2026-12-01");
        let mut card = review(&f, new_card(now), now, Rating::Easy);
        // Easy on a new card schedules days ahead; make it land after the round.
        card.due = at("2026-12-20");
        let eff = effective_due(&card, Some(day("2026-12-10")), day("2026-12-01"));
        assert_eq!(local_date(eff), day("2026-12-08"));
    }

    #[test]
    fn no_review_is_due_after_the_round_for_any_rating_sequence() {
        let f = fsrs();
        let deadline = day("2026-12-15");
        for pattern in 0..81u32 {
            let mut card = new_card(at("2026-12-01"));
            let mut now = at("2026-12-01");
            let mut p = pattern;
            for _ in 0..4 {
                let rating = rating_from((p % 3) as u8 + 2).unwrap();
                p /= 3;
                card = review(&f, card, now, rating);
                let today = local_date(now);
                let eff = effective_due(&card, Some(deadline), today);
                if today < deadline - Days::new(FINAL_WINDOW_DAYS) {
                    assert!(
                        local_date(eff) < deadline,
                        "pattern {pattern}: due {eff} after the round on {deadline}"
                    );
                }
                now = eff.max(now + chrono::Duration::hours(1));
                if local_date(now) >= deadline {
                    break;
                }
            }
        }
    }

    #[test]
    fn a_review_inside_the_window_is_the_final_one() {
        let f = fsrs();
        let now = at("2026-12-13");
        let card = review(&f, new_card(at("2026-12-01")), now, Rating::Good);
        let card = review(&f, card, now + chrono::Duration::hours(2), Rating::Good);
        let eff = effective_due(&card, Some(day("2026-12-15")), day("2026-12-13"));
        assert_eq!(eff, card.due, "no pull-forward after the final review");
    }

    #[test]
    fn without_a_deadline_fsrs_alone_decides() {
        let f = fsrs();
        let now = at("2026-12-01");
        let card = review(&f, new_card(now), now, Rating::Easy);
        assert_eq!(effective_due(&card, None, day("2026-12-01")), card.due);
        assert_eq!(
            effective_due(&card, Some(day("2026-11-30")), day("2026-12-01")),
            card.due,
            "a round that has passed no longer bends the schedule"
        );
    }

    #[test]
    fn interval_labels_are_what_each_rating_gives() {
        let now = at("2026-12-01");
        let labels = intervals(None, now, None);
        assert_eq!(labels.len(), 4);
        for i in &labels {
            let card = rated_card(None, now, rating_from(i.rating).unwrap());
            assert_eq!(
                i.due,
                crate::progress::instant_text(card.due),
                "rating {}",
                i.rating
            );
            assert_eq!(i.label, interval_label(card.due - now));
            assert!(!i.final_review);
        }
        let due = |i: &Interval| crate::progress::parse_instant(&i.due).unwrap();
        assert!(
            labels.windows(2).all(|w| due(&w[0]) <= due(&w[1])),
            "{labels:?}"
        );
        assert!(labels[0].label.ends_with("min"), "{labels:?}");
    }

    #[test]
    fn interval_labels_follow_the_deadline_rule() {
        let now = at("2026-12-01");
        let learned = review(&fsrs(), new_card(now), now, Rating::Good);
        let later = now + chrono::Duration::days(3);
        let plain = intervals(Some(&learned), later, None);
        let bent = intervals(Some(&learned), later, Some(day("2026-12-08")));
        let easy = |v: &[Interval]| v.iter().find(|i| i.rating == 4).cloned().unwrap();
        assert!(!easy(&plain).final_review);
        assert!(easy(&bent).final_review, "{bent:?}");
        assert_eq!(
            local_date(crate::progress::parse_instant(&easy(&bent).due).unwrap()),
            day("2026-12-06")
        );
        assert_eq!(
            easy(&bent).label,
            interval_label(start_of(day("2026-12-06")) - later)
        );
    }

    #[test]
    fn interval_label_words() {
        let m = chrono::Duration::minutes;
        assert_eq!(interval_label(m(0)), "now");
        assert_eq!(interval_label(m(1)), "1 min");
        assert_eq!(interval_label(m(10)), "10 min");
        assert_eq!(interval_label(m(90)), "2 h");
        assert_eq!(interval_label(m(60 * 24 * 2)), "2 d");
        assert_eq!(interval_label(m(60 * 24 * 45)), "1.5 mo");
        assert_eq!(interval_label(m(60 * 24 * 365)), "1 y");
    }

    #[test]
    fn recall_falls_with_time_and_is_zero_for_new_items() {
        let f = fsrs();
        let now = at("2026-12-01");
        assert_eq!(recall_on(&new_card(now), day("2026-12-02")), 0.0);
        let card = review(&f, new_card(now), now, Rating::Good);
        let soon = recall_on(&card, day("2026-12-02"));
        let later = recall_on(&card, day("2026-12-30"));
        assert!(soon > later && soon <= 1.0 && later > 0.0, "{soon} {later}");
    }
}
