//! Typed extraction from a parsed JSON object, with errors that name the field.

use std::fmt;

use serde_json::{Map, Value};

use super::ParseError;
use crate::timestamp::Timestamp;

/// Where a field sits in the body (`data.sender.id`), kept as a chain on the
/// stack so that a path is only rendered when an error names it.
#[derive(Clone, Copy)]
pub(super) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    key: &'static str,
}

impl Path<'static> {
    pub(super) const ROOT: Self = Self {
        parent: None,
        key: "",
    };
}

impl<'a> Path<'a> {
    pub(super) fn join(&'a self, key: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            key,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent.filter(|p| !p.key.is_empty()) {
            write!(f, "{parent}.")?;
        }
        f.write_str(self.key)
    }
}

/// An object being taken apart: each accessor removes the field it reads.
pub(super) struct Fields<'a> {
    map: Map<String, Value>,
    path: Path<'a>,
}

impl<'a> Fields<'a> {
    pub(super) fn new(map: Map<String, Value>, path: Path<'a>) -> Self {
        Self { map, path }
    }

    pub(super) fn path(&self) -> &Path<'a> {
        &self.path
    }

    /// Removes a field; `null` counts as absent.
    fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key).filter(|v| !v.is_null())
    }

    pub(super) fn peek_str(&self, key: &str) -> Option<&str> {
        self.map.get(key).and_then(Value::as_str)
    }

    /// Checks that a string field is present, without taking it.
    pub(super) fn expect_str(&self, key: &'static str) -> Result<(), ParseError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Err(ParseError::missing(self.path.join(key))),
            Some(Value::String(_)) => Ok(()),
            Some(_) => Err(ParseError::invalid(self.path.join(key), "a string")),
        }
    }

    pub(super) fn opt_str(&mut self, key: &'static str) -> Result<Option<String>, ParseError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(ParseError::invalid(self.path.join(key), "a string")),
        }
    }

    pub(super) fn str(&mut self, key: &'static str) -> Result<String, ParseError> {
        self.opt_str(key)?
            .ok_or_else(|| ParseError::missing(self.path.join(key)))
    }

    pub(super) fn non_empty_str(&mut self, key: &'static str) -> Result<String, ParseError> {
        let value = self.str(key)?;
        if value.is_empty() {
            return Err(ParseError::invalid(
                self.path.join(key),
                "a non-empty string",
            ));
        }
        Ok(value)
    }

    pub(super) fn opt_object(
        &mut self,
        key: &'static str,
    ) -> Result<Option<Map<String, Value>>, ParseError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(ParseError::invalid(self.path.join(key), "an object")),
        }
    }

    pub(super) fn object(&mut self, key: &'static str) -> Result<Map<String, Value>, ParseError> {
        self.opt_object(key)?
            .ok_or_else(|| ParseError::missing(self.path.join(key)))
    }

    pub(super) fn opt_array(
        &mut self,
        key: &'static str,
    ) -> Result<Option<Vec<Value>>, ParseError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(ParseError::invalid(self.path.join(key), "an array")),
        }
    }

    pub(super) fn opt_timestamp(
        &mut self,
        key: &'static str,
    ) -> Result<Option<Timestamp>, ParseError> {
        self.opt_str(key)?
            .map(|text| {
                Timestamp::parse(&text)
                    .map_err(|_| ParseError::invalid(self.path.join(key), "an RFC 3339 date-time"))
            })
            .transpose()
    }

    /// Any JSON value, kept raw.
    pub(super) fn opt_value(&mut self, key: &'static str) -> Option<Value> {
        self.take(key)
    }

    /// What is left: the fields no accessor read.
    pub(super) fn into_rest(self) -> Map<String, Value> {
        self.map
    }
}

/// Reads a nested object with `read`, reporting errors under `parent.key`.
pub(super) fn nested<T>(
    parent: &mut Fields<'_>,
    key: &'static str,
    read: impl FnOnce(&mut Fields<'_>) -> Result<T, ParseError>,
) -> Result<T, ParseError> {
    let map = parent.object(key)?;
    let base = *parent.path();
    let path = base.join(key);
    read(&mut Fields::new(map, path))
}

/// Like [`nested`], for an optional object.
pub(super) fn opt_nested<T>(
    parent: &mut Fields<'_>,
    key: &'static str,
    read: impl FnOnce(&mut Fields<'_>) -> Result<T, ParseError>,
) -> Result<Option<T>, ParseError> {
    let Some(map) = parent.opt_object(key)? else {
        return Ok(None);
    };
    let base = *parent.path();
    let path = base.join(key);
    read(&mut Fields::new(map, path)).map(Some)
}
