//! Calendar dates as editors write them (`2026-03-01`), without time zones: a guide is "updated on
//! a day", and the portal shows days.

use std::fmt;

/// A valid Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year: u16 = parse_digits(parts.next()?, 4)?;
        let month: u8 = parse_digits(parts.next()?, 2)?;
        let day: u8 = parse_digits(parts.next()?, 2)?;
        let date = Date { year, month, day };
        date.valid().then_some(date)
    }

    fn valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= self.days_in_month()
            && self.year >= 1900
    }

    fn days_in_month(&self) -> u8 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if self.is_leap_year() => 29,
            2 => 28,
            _ => 0,
        }
    }

    fn is_leap_year(&self) -> bool {
        let y = self.year;
        (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
    }

    /// `2026-03-01T00:00:00Z`, for Atom feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// "01/03/2026", the way dates are written in Vietnam.
    pub fn vietnamese(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

fn parse_digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<str>>::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom("not a YYYY-MM-DD date"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates_only() {
        assert_eq!(
            Date::parse("2026-03-01").unwrap().vietnamese(),
            "01/03/2026"
        );
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-3-1").is_none());
        assert!(Date::parse("01/03/2026").is_none());
    }
}
