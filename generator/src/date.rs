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

    /// Today in Vietnam (UTC+7). A build is reproducible when `SOURCE_DATE_EPOCH` is set (the
    /// reproducible-builds convention): "today" is then the day of that moment.
    pub fn today() -> Date {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days((seconds + 7 * 3600).div_euclid(86_400))
    }

    /// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, i64::from(u16::MAX)) as u16,
            month,
            day,
        }
    }

    /// Days since 1970-01-01, the inverse of [`Date::from_days`].
    pub fn days(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year) - i64::from(self.month <= 2),
            i64::from(self.month),
            i64::from(self.day),
        );
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` later (or earlier, when negative).
    pub fn plus_days(&self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// The same day `months` later; the 31st becomes the last day of a shorter month.
    pub fn plus_months(&self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let mut date = Date {
            year: (index / 12).clamp(0, i64::from(u16::MAX)) as u16,
            month: (index % 12 + 1) as u8,
            day: 1,
        };
        date.day = self.day.min(date.days_in_month());
        date
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

    #[test]
    fn day_numbers_go_both_ways() {
        for (days, text) in [
            (0, "1970-01-01"),
            (20_513, "2026-03-01"),
            (20_512, "2026-02-28"),
            (11_016, "2000-02-29"),
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(Date::from_days(days), date);
            assert_eq!(date.days(), days);
        }
    }

    #[test]
    fn adding_days_and_months() {
        let d = Date::parse("2026-12-20").unwrap();
        assert_eq!(d.plus_days(15).to_string(), "2027-01-04");
        assert_eq!(d.plus_months(24).to_string(), "2028-12-20");
        let end = Date::parse("2026-01-31").unwrap();
        assert_eq!(end.plus_months(1).to_string(), "2026-02-28");
        assert_eq!(end.plus_months(13).to_string(), "2027-02-28");
    }
}
