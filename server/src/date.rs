//! Calendar dates as reports write them (`2024年1月16日`), without time zones or a clock.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A date that exists in the proleptic Gregorian calendar, or `None` (`2月30日`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn first_of_year(year: i32) -> Date {
        Date { year, month: 1, day: 1 }
    }

    pub fn last_of_year(year: i32) -> Date {
        Date { year, month: 12, day: 31 }
    }

    /// `2024年1月16日`
    pub fn to_chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 2, 30).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert_eq!(Date::parse_iso("2026-11-30"), Date::new(2026, 11, 30));
        assert_eq!(Date::new(2024, 1, 16).unwrap().to_chinese(), "2024年1月16日");
    }
}

/// Today's date in China Standard Time (UTC+8, where reports are written and dated) from the
/// system clock. Only front ends call this; the core takes "today" from the configuration so
/// that rules stay pure and tests reproducible.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    civil_from_days((secs + 8 * 3600).div_euclid(86_400))
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod clock_tests {
    #[test]
    fn civil_from_days() {
        assert_eq!(super::civil_from_days(0), super::Date { year: 1970, month: 1, day: 1 });
        assert_eq!(super::civil_from_days(20_787), super::Date { year: 2026, month: 11, day: 30 });
        assert_eq!(super::civil_from_days(19_782), super::Date { year: 2024, month: 2, day: 29 });
    }
}
