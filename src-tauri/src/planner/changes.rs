//! A short human summary of how a re-computed plan differs from the previous one.

use super::*;
use std::collections::BTreeSet;

/// What a task is about, without the date a review happens to be on.
fn stable_id(task: &Task) -> String {
    match task.kind {
        TaskKind::Review => task
            .key
            .rsplit_once('/')
            .map_or(task.key.clone(), |(head, _)| head.to_string()),
        _ => task.key.clone(),
    }
}

/// A process's rounds that moved together: (process id, old deadline, new deadline).
type Move = (i64, NaiveDate, NaiveDate);

fn round_label(round: &RoundStatus) -> String {
    format!("{} at {}", round.name, round.company)
}

/// Lines such as "Onsite at Acme moved from 2026-12-14 to 2026-12-18" or
/// "3 tasks moved forward from earlier days", most important first. Dates are ISO; the UI
/// writes them in the user's format.
///
/// A change is reported once, as it happened: rounds with no date of their own follow the next
/// dated round (or the interview date), so when that date moves they all move with it, and the
/// one line says which date moved.
pub fn what_changed(old: &Plan, new: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    let key = |r: &RoundStatus| (r.process_id, r.round_id.clone());
    let old_rounds: BTreeMap<_, _> = old.rounds.iter().map(|r| (key(r), r)).collect();
    let new_rounds: BTreeMap<_, _> = new.rounds.iter().map(|r| (key(r), r)).collect();

    // Rounds that moved, grouped by process and by the move they made together.
    let mut moves: BTreeMap<Move, Vec<(&RoundStatus, bool)>> = BTreeMap::new();
    for (k, now) in &new_rounds {
        match old_rounds.get(k) {
            Some(before) if before.deadline != now.deadline => moves
                .entry((now.process_id, before.deadline, now.deadline))
                .or_default()
                .push((now, before.date_known || now.date_known)),
            Some(_) => {}
            None => lines.push(format!(
                "{} added ({})",
                round_label(now),
                shown_date(now.deadline)
            )),
        }
    }
    for ((_, from, to), rounds) in &moves {
        let dated: Vec<&RoundStatus> = rounds.iter().filter(|(_, d)| *d).map(|(r, _)| *r).collect();
        if dated.is_empty() {
            lines.push(format!(
                "The interview at {} moved from {} to {}",
                rounds[0].0.company,
                shown_date(*from),
                shown_date(*to)
            ));
        } else {
            for r in dated {
                lines.push(format!(
                    "{} moved from {} to {}",
                    round_label(r),
                    shown_date(*from),
                    shown_date(*to)
                ));
            }
        }
    }
    for (k, before) in &old_rounds {
        if !new_rounds.contains_key(k) {
            let what = if before.deadline < new.today {
                "is behind you"
            } else {
                "is done or no longer planned"
            };
            lines.push(format!("{} {what}", round_label(before)));
        }
    }

    if new.today > old.today {
        let upcoming: BTreeSet<String> = new
            .days
            .iter()
            .flat_map(|d| &d.tasks)
            .filter(|t| !t.done)
            .map(stable_id)
            .collect();
        let done_today: BTreeSet<&str> = new
            .days
            .iter()
            .flat_map(|d| &d.tasks)
            .filter(|t| t.done)
            .map(|t| t.key.as_str())
            .collect();
        let missed: BTreeSet<String> = old
            .days
            .iter()
            .filter(|d| d.date < new.today)
            .flat_map(|d| &d.tasks)
            .filter(|t| {
                !t.done
                    && !done_today.contains(t.key.as_str())
                    && !matches!(t.kind, TaskKind::Interview | TaskKind::Logistics)
            })
            .map(stable_id)
            .collect();
        let moved = missed.iter().filter(|id| upcoming.contains(*id)).count();
        let dropped = missed.len() - moved;
        if moved > 0 {
            lines.push(format!("{moved} tasks moved forward from earlier days"));
        }
        if dropped > 0 {
            lines.push(format!(
                "{dropped} missed tasks no longer fit and were dropped"
            ));
        }
    }

    // How many more or fewer questions fit, once per process.
    let mut fit: BTreeMap<i64, (String, i64)> = BTreeMap::new();
    for (k, now) in &new_rounds {
        if let Some(before) = old_rounds.get(k) {
            let entry = fit
                .entry(now.process_id)
                .or_insert_with(|| (now.company.clone(), 0));
            entry.1 += now.items_planned as i64 - before.items_planned as i64;
        }
    }
    for (company, diff) in fit.values() {
        if *diff > 0 {
            lines.push(format!("{company}: {diff} more questions fit now"));
        } else if *diff < 0 {
            lines.push(format!("{company}: {} fewer questions fit now", -diff));
        }
    }
    for (k, now) in &new_rounds {
        let Some(before) = old_rounds.get(k) else {
            continue;
        };
        if before.on_track && !now.on_track {
            lines.push(format!("{} is now behind", round_label(now)));
        } else if !before.on_track && now.on_track {
            lines.push(format!("{} is back on track", round_label(now)));
        }
    }

    if old.coverage.percent != new.coverage.percent {
        lines.push(format!(
            "Coverage {}% → {}%",
            old.coverage.percent, new.coverage.percent
        ));
    }
    if old.feasibility.enough != new.feasibility.enough {
        lines.push(if new.feasibility.enough {
            "Your time is now enough for the whole plan".to_string()
        } else {
            "Your time is no longer enough for the whole plan".to_string()
        });
    }
    lines
}
