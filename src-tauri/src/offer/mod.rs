//! Checking an offer against the salary range the role's pack cites.
//!
//! Amounts are whole minor units (cents) in `i64`, and every sum and product on user numbers is
//! checked, so an absurd figure is refused instead of wrapping around. The range's figures are
//! yearly; a monthly base counts 12 months and an hourly one 2,080 hours (40 a week, 52 weeks),
//! and the check says so. Where the offer's currency is not the range's, nothing is converted:
//! there are no exchange rates offline.

pub mod store;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest base amount accepted: 100 billion in major units, far beyond any salary.
pub const MAX_CENTS: i64 = 10_000_000_000_000;
/// Hours in a working year, for an hourly rate: 40 a week for 52 weeks.
pub const HOURS_PER_YEAR: i64 = 2_080;
/// Longest bonus or equity text kept.
pub const MAX_NOTE_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Hour,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Hour => "hour",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        match text {
            "year" => Some(Period::Year),
            "month" => Some(Period::Month),
            "hour" => Some(Period::Hour),
            _ => None,
        }
    }
}

/// The offer as the user typed it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct OfferInput {
    /// "85000", "85,000", "85 000.50"
    pub base: String,
    pub currency: String,
    pub period: Period,
    #[serde(default)]
    pub bonus: String,
    #[serde(default)]
    pub equity: String,
}

/// An offer that passed every check.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Offer {
    pub base_cents: i64,
    pub currency: String,
    pub period: Period,
    pub bonus: String,
    pub equity: String,
}

/// Reads an amount: digits with optional thousands separators (`,`, space, `'`, `_`) and at most
/// two decimals after a point. Returns cents.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("enter the base salary, for example 85000".into());
    }
    let (whole, cents) = match t.split_once('.') {
        Some((w, c)) => (w, c),
        None => (t, ""),
    };
    if cents.len() > 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "'{}' is not an amount: write it like 85000 or 85,000.50 (at most two decimals after a point)",
            crate::echo::echo(t, 40)
        ));
    }
    let digits: String = whole
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\'' | '_' | '\u{a0}'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "'{}' is not an amount: write it like 85000 or 85,000.50",
            crate::echo::echo(t, 40)
        ));
    }
    let too_large = || {
        format!(
            "'{}' is larger than any salary this app accepts",
            crate::echo::echo(t, 40)
        )
    };
    let whole: i64 = digits.parse().map_err(|_| too_large())?;
    let cents_part: i64 = if cents.is_empty() {
        0
    } else {
        format!("{cents:0<2}").parse().map_err(|_| too_large())?
    };
    let total = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents_part))
        .filter(|v| *v <= MAX_CENTS)
        .ok_or_else(too_large)?;
    if total == 0 {
        return Err("the base salary must be more than 0".into());
    }
    Ok(total)
}

/// Checks an offer completely; every problem names its field.
pub fn check_input(input: &OfferInput) -> Result<Offer, Vec<String>> {
    let mut problems = Vec::new();
    let base = parse_amount(&input.base)
        .map_err(|e| problems.push(format!("base: {e}")))
        .ok();
    let currency = input.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        problems.push(format!(
            "currency: '{}' is not a currency code; write three letters, like EUR, USD or GBP",
            crate::echo::echo(&input.currency, 20)
        ));
    }
    for (field, text) in [("bonus", &input.bonus), ("equity", &input.equity)] {
        if text.chars().count() > MAX_NOTE_CHARS {
            problems.push(format!("{field}: at most {MAX_NOTE_CHARS} characters"));
        }
    }
    match (base, problems.is_empty()) {
        (Some(base_cents), true) => Ok(Offer {
            base_cents,
            currency,
            period: input.period,
            bonus: input.bonus.trim().to_string(),
            equity: input.equity.trim().to_string(),
        }),
        _ => Err(problems),
    }
}

/// The offer's base for a year, in cents; `None` when that overflows.
pub fn yearly_cents(base_cents: i64, period: Period) -> Option<i64> {
    match period {
        Period::Year => Some(base_cents),
        Period::Month => base_cents.checked_mul(12),
        Period::Hour => base_cents.checked_mul(HOURS_PER_YEAR),
    }
}

/// A checklist or FAQ item of the pack about salary or offers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NegotiationItem {
    /// `checklist` or `faq`.
    pub kind: &'static str,
    pub id: String,
    /// The FAQ question (plain text); empty for a checklist item.
    pub title: String,
    /// Sanitised HTML from the pack: the checklist item's text or the FAQ's answer.
    pub body_html: String,
}

/// Where the offer sits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OfferCheck {
    /// `below`, `inside`, `above`, `other_currency` or `no_range`.
    pub verdict: &'static str,
    /// 0-100 within the range, linear between its minimum and maximum (only `inside`).
    pub percentile: Option<u32>,
    pub yearly_cents: Option<i64>,
    /// One plain sentence for the user.
    pub message: String,
    /// How the figures were compared (months, hours, linear percentile).
    pub notes: Vec<String>,
    /// The pack's range as it cites it, when it has one.
    pub range: Option<Value>,
    pub negotiation: Vec<NegotiationItem>,
    /// Said when the pack has no item about salary or offers.
    pub negotiation_missing: Option<String>,
}

/// "85,000" or "85,000.50".
pub fn money(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match cents % 100 {
        0 => grouped,
        c => format!("{grouped}.{c:02}"),
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Whether a checklist text or FAQ question speaks of pay or of an offer. Words alone
/// ("salary", "pay", "compensation", "negotiate"...) or "offer" after a word that makes it the
/// noun ("the offer", "an offer", "job offer"), so "the company offers a take-home" does not count.
pub fn about_pay(text: &str) -> bool {
    const PAY: &[&str] = &[
        "salary",
        "salaries",
        "pay",
        "compensation",
        "negotiate",
        "negotiation",
        "negotiating",
        "equity",
        "bonus",
        "counteroffer",
        "counter-offer",
    ];
    const BEFORE_OFFER: &[&str] = &[
        "an",
        "the",
        "your",
        "job",
        "written",
        "verbal",
        "their",
        "this",
        "counter",
        "competing",
    ];
    let w = words(text);
    w.iter().enumerate().any(|(i, word)| {
        PAY.contains(&word.as_str())
            || (matches!(word.as_str(), "offer" | "offers")
                && i > 0
                && BEFORE_OFFER.contains(&w[i - 1].as_str()))
    })
}

fn plain(html: &str) -> String {
    ammonia::Builder::empty()
        .clean(html)
        .to_string()
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The pack's items about pay or offers: checklist items by their text, FAQ items by their question.
pub fn negotiation_items(role: &Value) -> Vec<NegotiationItem> {
    let mut out = Vec::new();
    for c in role["checklist"].as_array().into_iter().flatten() {
        let html = c["text_html"].as_str().unwrap_or_default();
        if about_pay(&plain(html)) {
            out.push(NegotiationItem {
                kind: "checklist",
                id: c["id"].as_str().unwrap_or_default().to_string(),
                title: String::new(),
                body_html: html.to_string(),
            });
        }
    }
    for f in role["faq"].as_array().into_iter().flatten() {
        let question = f["question"].as_str().unwrap_or_default();
        if about_pay(question) {
            out.push(NegotiationItem {
                kind: "faq",
                id: f["id"].as_str().unwrap_or_default().to_string(),
                title: question.to_string(),
                body_html: f["answer_html"].as_str().unwrap_or_default().to_string(),
            });
        }
    }
    out
}

/// Where `offer` sits in the salary range of `role` (its rendered content).
pub fn check(offer: &Offer, role: &Value) -> OfferCheck {
    let title = role["title"].as_str().unwrap_or("this role");
    let negotiation = negotiation_items(role);
    let negotiation_missing = negotiation
        .is_empty()
        .then(|| format!("The {title} pack has no checklist or FAQ item about salary or offers."));
    let mut notes = Vec::new();
    match offer.period {
        Period::Year => {}
        Period::Month => notes.push("A monthly base is compared as 12 months.".to_string()),
        Period::Hour => notes.push(format!(
            "An hourly rate is compared as {} hours a year (40 a week, 52 weeks).",
            money(HOURS_PER_YEAR * 100)
        )),
    }
    let yearly = yearly_cents(offer.base_cents, offer.period);
    let salary = &role["salary"];
    let base = |verdict, message: String, notes: Vec<String>, percentile| OfferCheck {
        verdict,
        percentile,
        yearly_cents: yearly,
        message,
        notes,
        range: salary.is_object().then(|| salary.clone()),
        negotiation: negotiation.clone(),
        negotiation_missing: negotiation_missing.clone(),
    };
    if !salary.is_object() {
        return base(
            "no_range",
            format!(
                "The {title} pack cites no salary range, so this offer cannot be placed in one."
            ),
            notes,
            None,
        );
    }
    let currency = salary["currency"].as_str().unwrap_or_default();
    if currency != offer.currency {
        return base(
            "other_currency",
            format!(
                "The offer is in {} and the pack's range in {currency}. Nothing is converted: the app has no exchange rates offline.",
                offer.currency
            ),
            notes,
            None,
        );
    }
    let (Some(min), Some(max), Some(yearly)) =
        (salary["min"].as_i64(), salary["max"].as_i64(), yearly)
    else {
        return base(
            "no_range",
            "The offer is larger than any salary this app can compare.".into(),
            notes,
            None,
        );
    };
    let (min_c, max_c) = (i128::from(min) * 100, i128::from(max) * 100);
    let y = i128::from(yearly);
    let shown = format!("{} {currency} a year", money(yearly));
    if y < min_c {
        return base(
            "below",
            format!(
                "{shown} is below the range ({} to {} {currency}).",
                money(min * 100),
                money(max * 100)
            ),
            notes,
            None,
        );
    }
    if y > max_c {
        return base(
            "above",
            format!(
                "{shown} is above the range ({} to {} {currency}).",
                money(min * 100),
                money(max * 100)
            ),
            notes,
            None,
        );
    }
    let percentile = if max_c > min_c {
        ((y - min_c) * 100 / (max_c - min_c)) as u32
    } else {
        50
    };
    notes.push(
        "The percentile is linear between the range's minimum (0) and maximum (100); it is not a percentile of the people paid."
            .into(),
    );
    base(
        "inside",
        format!(
            "{shown} is inside the range ({} to {} {currency}), at {percentile}% of the way from its minimum to its maximum.",
            money(min * 100),
            money(max * 100)
        ),
        notes,
        Some(percentile),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn role(salary: Value) -> Value {
        json!({
            "title": "Senior Backend Developer",
            "salary": salary,
            "checklist": [
                {"id": "stories", "text_html": "<p>Prepare a scope cut you negotiated.</p>"},
                {"id": "number", "text_html": "<p>Know the salary you would accept.</p>"}
            ],
            "faq": [
                {"id": "take-home", "question": "The company offers a take-home. Which should I choose?", "answer_html": "<p>Either.</p>"},
                {"id": "use-range", "question": "How should I use the salary range?", "answer_html": "<p>As a guide.</p>"},
                {"id": "counter", "question": "Can I ask for more after the written offer?", "answer_html": "<p>Yes.</p>"}
            ]
        })
    }

    fn eur() -> Value {
        json!({"min": 85000, "max": 140000, "currency": "EUR", "region": "Germany", "year": 2026,
               "source": {"publisher": "Example Org", "title": "Survey", "year": 2026}})
    }

    fn offer(base: &str, currency: &str, period: Period) -> Offer {
        check_input(&OfferInput {
            base: base.into(),
            currency: currency.into(),
            period,
            bonus: String::new(),
            equity: String::new(),
        })
        .unwrap()
    }

    #[test]
    fn amounts_are_read_with_separators_and_refused_when_odd() {
        assert_eq!(parse_amount("85,000"), Ok(8_500_000));
        assert_eq!(parse_amount("85 000.5"), Ok(8_500_050));
        assert_eq!(parse_amount("1'200.25"), Ok(120_025));
        for bad in [
            "",
            "12.345",
            "ten",
            "-5",
            "1e6",
            "0",
            "99999999999999999999",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad} was accepted");
        }
        let err = check_input(&OfferInput {
            base: "lots".into(),
            currency: "euro".into(),
            period: Period::Year,
            bonus: "x".repeat(501),
            equity: String::new(),
        })
        .unwrap_err();
        assert!(
            err[0].starts_with("base:")
                && err[1].starts_with("currency:")
                && err[2].starts_with("bonus:"),
            "{err:?}"
        );
    }

    #[test]
    fn an_offer_is_placed_below_inside_or_above_the_range() {
        let r = role(eur());
        let c = check(&offer("80000", "EUR", Period::Year), &r);
        assert_eq!(c.verdict, "below");
        let c = check(&offer("112500", "eur", Period::Year), &r);
        assert_eq!((c.verdict, c.percentile), ("inside", Some(50)));
        assert!(c.message.contains("50%"), "{}", c.message);
        let c = check(&offer("85000", "EUR", Period::Year), &r);
        assert_eq!(c.percentile, Some(0), "the minimum is 0");
        let c = check(&offer("140000", "EUR", Period::Year), &r);
        assert_eq!(c.percentile, Some(100), "the maximum is 100");
        let c = check(&offer("12000", "EUR", Period::Month), &r);
        assert_eq!((c.verdict, c.yearly_cents), ("above", Some(14_400_000)));
        assert!(c.notes[0].contains("12 months"));
        let c = check(&offer("50", "EUR", Period::Hour), &r);
        assert_eq!(
            (c.verdict, c.percentile),
            ("inside", Some(34)),
            "50 x 2,080 = 104,000"
        );
    }

    #[test]
    fn other_currencies_are_not_converted_and_no_range_is_said_plainly() {
        let c = check(&offer("100000", "USD", Period::Year), &role(eur()));
        assert_eq!(c.verdict, "other_currency");
        assert!(
            c.message.contains("USD")
                && c.message.contains("EUR")
                && c.message.contains("no exchange rates")
        );
        let c = check(&offer("100000", "EUR", Period::Year), &role(Value::Null));
        assert_eq!(c.verdict, "no_range");
        assert!(c.message.contains("cites no salary range"), "{}", c.message);
    }

    #[test]
    fn negotiation_items_are_those_about_pay_or_an_offer() {
        let ids: Vec<String> = negotiation_items(&role(eur()))
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, ["number", "use-range", "counter"]);
        let c = check(
            &offer("100000", "EUR", Period::Year),
            &json!({"title": "QA", "salary": eur()}),
        );
        assert!(c.negotiation.is_empty());
        assert!(c
            .negotiation_missing
            .unwrap()
            .contains("no checklist or FAQ item"));
    }
}
