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

fn round_label(round: &RoundStatus) -> String {
    format!("{} at {}", round.name, round.company)
}

/// Lines such as "Onsite at Acme moved from 14 Dec to 18 Dec" or
/// "3 tasks moved forward from earlier days", most important first.
pub fn what_changed(old: &Plan, new: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    let key = |r: &RoundStatus| (r.process_id, r.round_id.clone());
    let old_rounds: BTreeMap<_, _> = old.rounds.iter().map(|r| (key(r), r)).collect();
    let new_rounds: BTreeMap<_, _> = new.rounds.iter().map(|r| (key(r), r)).collect();

    for (k, now) in &new_rounds {
        match old_rounds.get(k) {
            Some(before) if before.deadline != now.deadline => lines.push(format!(
                "{} moved from {} to {}",
                round_label(now),
                short_date(before.deadline),
                short_date(now.deadline)
            )),
            Some(_) => {}
            None => lines.push(format!(
                "{} added ({})",
                round_label(now),
                short_date(now.deadline)
            )),
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

    for (k, now) in &new_rounds {
        let Some(before) = old_rounds.get(k) else {
            continue;
        };
        let diff = now.items_planned as i64 - before.items_planned as i64;
        if diff > 0 {
            lines.push(format!(
                "{}: {diff} more questions fit now",
                round_label(now)
            ));
        } else if diff < 0 {
            lines.push(format!(
                "{}: {} fewer questions fit now",
                round_label(now),
                -diff
            ));
        }
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
