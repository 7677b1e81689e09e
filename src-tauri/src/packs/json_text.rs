//! Parsing a pack's JSON text strictly: a key given twice in one object is refused (with
//! serde_json's own parser the last one would silently win, a trap for authors), and nesting
//! deeper than any pack needs is refused before it can cost anything.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::validate::Problem;

/// A pack's deepest path is `$.roles[i].questions[j].answer.structure[k]`: six levels. Twenty
/// leaves room for authors and none for a file built to exhaust the parser.
pub const MAX_DEPTH: usize = 20;

/// The parsed value, or every duplicate key (with its path), or the first syntax or depth error.
pub fn parse(text: &str) -> Result<Value, Vec<Problem>> {
    let duplicates = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Node {
        path: Path::Root,
        depth: 0,
        duplicates: &duplicates,
    };
    let parsed = seed.deserialize(&mut de).and_then(|v| de.end().map(|_| v));
    let value = parsed.map_err(|e| {
        vec![Problem {
            path: format!("line {}, column {}", e.line(), e.column()),
            message: format!("not valid JSON: {}", strip_position(&e.to_string())),
        }]
    })?;
    let duplicates = duplicates.into_inner();
    if duplicates.is_empty() {
        Ok(value)
    } else {
        Err(duplicates)
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Where a value sits, built only when a problem needs to be named.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => write!(f, "$"),
            Path::Key(parent, k) => write!(f, "{parent}.{k}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct Node<'a> {
    path: Path<'a>,
    depth: usize,
    duplicates: &'a RefCell<Vec<Problem>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.deeper::<A::Error>()?;
        let mut out = Vec::new();
        loop {
            let child = Node {
                path: Path::Index(&self.path, out.len()),
                depth: self.depth + 1,
                duplicates: self.duplicates,
            };
            match seq.next_element_seed(child)? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.deeper::<A::Error>()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let child = Node {
                path: Path::Key(&self.path, &key),
                depth: self.depth + 1,
                duplicates: self.duplicates,
            };
            let value = map.next_value_seed(child)?;
            if out.contains_key(&key) {
                self.duplicates.borrow_mut().push(Problem {
                    path: Path::Key(&self.path, &key).to_string(),
                    message: format!(
                        "the key \"{}\" appears more than once in this object; keep one",
                        crate::echo::echo(&key, 60)
                    ),
                });
            }
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

impl Node<'_> {
    fn deeper<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!(
                "nesting deeper than {MAX_DEPTH} levels at {}",
                self.path
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_refused_with_its_path() {
        let err = parse(r#"{"roles": [{"id": "a", "title": "x", "id": "b"}]}"#).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].path, "$.roles[0].id");
        assert!(err[0].message.contains("more than once"), "{err:?}");
    }

    #[test]
    fn deep_nesting_is_refused_at_once() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(&text).unwrap_err();
        assert!(err[0].message.contains("nesting deeper than 20"), "{err:?}");
    }

    #[test]
    fn ordinary_json_parses_as_serde_json_would() {
        let text = r#"{"a": [1, -2, 3.5, true, null, "x\u00e9"], "b": {"c": {}}}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
        let err = parse("{\"a\": 1,}").unwrap_err();
        assert!(err[0].path.starts_with("line 1, column"), "{err:?}");
    }
}
