//! Which vanban made a record: stored with every indexed document so that a new
//! vanban re-reads files an older one indexed.

use std::fmt;
use std::str::FromStr;

/// The identity of the code that turned a file into a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    /// The vanban version (`CARGO_PKG_VERSION` of the workspace).
    pub version: String,
    /// The version of the extract record's schema.
    pub schema: String,
}

impl Engine {
    /// An engine of the given vanban version and record schema version.
    pub fn new(version: impl Into<String>, schema: impl Into<String>) -> Self {
        Engine {
            version: version.into(),
            schema: schema.into(),
        }
    }
}

/// Written as `vanban 0.1.0 record 1.0`, the form stored in the index.
impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "vanban {} record {}", self.version, self.schema)
    }
}

/// An engine string that is not of the form `vanban VERSION record SCHEMA`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an engine string: {0:?}")]
pub struct BadEngine(pub String);

impl FromStr for Engine {
    type Err = BadEngine;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let words: Vec<&str> = s.split(' ').collect();
        match words.as_slice() {
            ["vanban", version, "record", schema] => Ok(Engine::new(*version, *schema)),
            _ => Err(BadEngine(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_strings_round_trip() {
        let e = Engine::new("0.1.0", "1.0");
        assert_eq!(e.to_string(), "vanban 0.1.0 record 1.0");
        assert_eq!("vanban 0.1.0 record 1.0".parse::<Engine>(), Ok(e));
    }

    #[test]
    fn other_strings_are_not_engines() {
        assert!("custom".parse::<Engine>().is_err());
        assert!("".parse::<Engine>().is_err());
        assert!("vanban 0.1.0".parse::<Engine>().is_err());
    }
}
