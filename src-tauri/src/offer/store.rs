//! The offer of each interview process in SQLite, and its check against the role's pack.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::{check, check_input, Offer, OfferCheck, OfferInput, Period};
use crate::error::{AppError, AppResult};
use crate::progress::instant_text;

/// An offer with its check, for the process's panel.
#[derive(Debug, Serialize, PartialEq)]
pub struct OfferView {
    pub process_id: i64,
    pub company: String,
    pub role_title: String,
    pub offer: Option<Offer>,
    pub check: Option<OfferCheck>,
    /// Whether the role's pack cites a salary range (said before an offer is entered too).
    pub has_range: bool,
    /// The range's currency, to suggest for the offer.
    pub range_currency: Option<String>,
}

fn process_role(conn: &Connection, process_id: i64) -> AppResult<(String, String)> {
    conn.query_row(
        "SELECT company, role_id FROM process WHERE id = ?1",
        [process_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound(format!("interview process {process_id} not found")))
}

fn role_content(conn: &Connection, role_id: &str) -> AppResult<Option<Value>> {
    let text: Option<String> = conn
        .query_row("SELECT content FROM role WHERE id = ?1", [role_id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match text {
        Some(t) => Some(serde_json::from_str(&t)?),
        None => None,
    })
}

pub fn load(conn: &Connection, process_id: i64) -> AppResult<Option<Offer>> {
    let row: Option<(i64, String, String, String, String)> = conn
        .query_row(
            "SELECT base_cents, currency, period, bonus, equity FROM process_offer WHERE process_id = ?1",
            [process_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    Ok(
        row.map(|(base_cents, currency, period, bonus, equity)| Offer {
            base_cents,
            currency,
            period: Period::parse(&period).unwrap_or(Period::Year),
            bonus,
            equity,
        }),
    )
}

/// The process's offer and where it sits in the role's range.
pub fn view(conn: &Connection, process_id: i64) -> AppResult<OfferView> {
    let (company, role_id) = process_role(conn, process_id)?;
    let content = role_content(conn, &role_id)?;
    let offer = load(conn, process_id)?;
    let role = content
        .clone()
        .unwrap_or_else(|| serde_json::json!({"title": role_id}));
    Ok(OfferView {
        process_id,
        company,
        role_title: role["title"].as_str().unwrap_or(&role_id).to_string(),
        check: offer.as_ref().map(|o| check(o, &role)),
        has_range: role["salary"].is_object(),
        range_currency: role["salary"]["currency"].as_str().map(str::to_string),
        offer,
    })
}

/// Saves the offer after checking every field; nothing is written when one is wrong.
pub fn save(
    conn: &Connection,
    process_id: i64,
    input: &OfferInput,
    now: DateTime<Utc>,
) -> AppResult<OfferView> {
    process_role(conn, process_id)?;
    let offer = check_input(input).map_err(|problems| {
        AppError::Invalid(format!("the offer was not saved: {}", problems.join("; ")))
    })?;
    conn.execute(
        "INSERT INTO process_offer(process_id, base_cents, currency, period, bonus, equity, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(process_id) DO UPDATE SET base_cents = excluded.base_cents,
             currency = excluded.currency, period = excluded.period, bonus = excluded.bonus,
             equity = excluded.equity, updated_at = excluded.updated_at",
        params![
            process_id,
            offer.base_cents,
            offer.currency,
            offer.period.as_str(),
            offer.bonus,
            offer.equity,
            instant_text(now)
        ],
    )?;
    view(conn, process_id)
}

pub fn delete(conn: &Connection, process_id: i64) -> AppResult<OfferView> {
    process_role(conn, process_id)?;
    conn.execute(
        "DELETE FROM process_offer WHERE process_id = ?1",
        [process_id],
    )?;
    view(conn, process_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::store::{save_process, ProcessEdit};

    fn db_with(role: &str) -> (Connection, i64) {
        let mut conn = crate::storage::open_in_memory().unwrap();
        crate::packs::builtin::ensure_builtin(&mut conn).unwrap();
        let now = crate::progress::parse_instant("2026-12-01T09:00:00Z").unwrap();
        let p = save_process(
            &mut conn,
            &ProcessEdit {
                id: None,
                company: "Acme".into(),
                role_id: role.into(),
                interview_date: "2026-12-20".parse().unwrap(),
                rounds: vec![],
            },
            "2026-12-01".parse().unwrap(),
            now,
        )
        .unwrap();
        (conn, p.id)
    }

    fn input(base: &str, currency: &str) -> OfferInput {
        OfferInput {
            base: base.into(),
            currency: currency.into(),
            period: Period::Year,
            bonus: "10% target".into(),
            equity: String::new(),
        }
    }

    #[test]
    fn the_seed_role_places_an_offer_in_its_cited_range() {
        let (conn, id) = db_with("senior-backend-developer");
        let now = crate::progress::parse_instant("2026-12-02T09:00:00Z").unwrap();
        let v = save(&conn, id, &input("112,500", "EUR"), now).unwrap();
        let c = v.check.unwrap();
        assert_eq!((c.verdict, c.percentile), ("inside", Some(50)));
        assert_eq!(c.range.unwrap()["source"]["publisher"], "Prep Hub");
        assert!(
            c.negotiation
                .iter()
                .any(|i| i.id == "using-the-salary-range"),
            "{:?}",
            c.negotiation
        );
        assert_eq!(v.offer.unwrap().bonus, "10% target");
        // A wrong field is refused and the saved offer stays.
        let err = save(&conn, id, &input("a lot", "EUR"), now)
            .unwrap_err()
            .to_string();
        assert!(err.contains("base:"), "{err}");
        assert_eq!(load(&conn, id).unwrap().unwrap().base_cents, 11_250_000);
    }

    #[test]
    fn a_role_without_a_range_says_so() {
        let (conn, id) = db_with("qa-test-automation-engineer");
        let now = crate::progress::parse_instant("2026-12-02T09:00:00Z").unwrap();
        let v = save(&conn, id, &input("70000", "EUR"), now).unwrap();
        assert!(!v.has_range);
        let c = v.check.unwrap();
        assert_eq!(c.verdict, "no_range");
        assert!(c.negotiation.iter().any(|i| i.id == "no-salary-range"));
        let v = delete(&conn, id).unwrap();
        assert!(v.offer.is_none() && v.check.is_none());
    }
}
