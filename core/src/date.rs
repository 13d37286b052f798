//! Calendar dates as the archive writes them: `YYYY-MM-DD`, nothing else.
//!
//! A full date library would cost bundle bytes for one format we only parse, compare, print
//! and step through day by day.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order makes the derived ordering chronological.
    year: u16,
    month: u8,
    day: u8,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid =
            (1..=12).contains(&month) && day >= 1 && day <= Date::days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (surrounding white space allowed) and rejects impossible days.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.trim().as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            bytes[range].iter().try_fold(0u16, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u16::from(b - b'0'))
            })
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The date as one number that orders as the dates do (year, month and day in their
    /// own bits): compact to store, and cheap to sort by.
    pub fn ordinal(self) -> u32 {
        u32::from(self.year) << 9 | u32::from(self.month) << 5 | u32::from(self.day)
    }

    /// The date `ordinal` gave, if the number is one.
    pub fn from_ordinal(number: u32) -> Option<Date> {
        let year = u16::try_from(number >> 9).ok()?;
        Date::new(year, (number >> 5 & 0xf) as u8, (number & 0x1f) as u8)
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// How many days `month` (1–12) of `year` has; 31 for a month out of range.
    pub fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            2 if is_leap_year(year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The day after, or None after the last day of year 65535.
    pub fn next_day(self) -> Option<Date> {
        if self.day < Date::days_in_month(self.year, self.month) {
            Some(Date {
                day: self.day + 1,
                ..self
            })
        } else if self.month < 12 {
            Some(Date {
                month: self.month + 1,
                day: 1,
                ..self
            })
        } else {
            Some(Date {
                year: self.year.checked_add(1)?,
                month: 1,
                day: 1,
            })
        }
    }

    /// "12 April 2016": unambiguous for visitors on both sides of the Atlantic.
    pub fn long_form(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTH_NAMES[usize::from(self.month) - 1],
            self.year
        )
    }

    /// "April 2016": how a review date is shown, the day being more precision than a
    /// visitor needs.
    pub fn month_and_year(self) -> String {
        format!("{} {}", MONTH_NAMES[usize::from(self.month) - 1], self.year)
    }

    /// Whether more than `years` whole years separate this date from `today`: on the
    /// anniversary itself it is not yet older. A 29 February counts to 28 February in a
    /// year without one.
    pub fn older_than_years(self, years: u16, today: Date) -> bool {
        let anniversary = (self.year.saturating_add(years), self.month, self.day);
        (today.year, today.month, today.day) > anniversary
    }
}

/// ISO form, as written in the archive and as `<time datetime>` wants it.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        let date = Date::parse("2016-04-12").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2016, 4, 12));
        assert_eq!(date.to_string(), "2016-04-12");
        assert_eq!(date.long_form(), "12 April 2016");
        assert_eq!(date.month_and_year(), "April 2016");
        assert_eq!(Date::parse(" 2020-02-29 "), Date::new(2020, 2, 29));
    }

    #[test]
    fn rejects_other_shapes_and_impossible_days() {
        for text in [
            "",
            "2016-4-12",
            "12/04/2016",
            "2016-04-12T10:00",
            "2016-13-01",
            "2016-00-10",
            "2016-04-31",
            "2019-02-29",
            "1900-02-29",
            "２０１６-04-12",
            "2016-04-1x",
            "+016-04-12",
        ] {
            assert_eq!(Date::parse(text), None, "{text:?}");
        }
        assert!(Date::parse("2000-02-29").is_some());
    }

    #[test]
    fn knows_the_length_of_every_month() {
        let lengths: Vec<u8> = (1..=12)
            .map(|month| Date::days_in_month(2023, month))
            .collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert_eq!(Date::days_in_month(2024, 2), 29);
        assert_eq!(Date::days_in_month(1900, 2), 28);
        assert_eq!(Date::days_in_month(2000, 2), 29);
    }

    #[test]
    fn steps_to_the_next_day_across_months_and_years() {
        let next = |text: &str| Date::parse(text).unwrap().next_day().map(|d| d.to_string());
        assert_eq!(next("2016-04-12").as_deref(), Some("2016-04-13"));
        assert_eq!(next("2016-04-30").as_deref(), Some("2016-05-01"));
        assert_eq!(next("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next("2023-02-28").as_deref(), Some("2023-03-01"));
        assert_eq!(next("2025-12-31").as_deref(), Some("2026-01-01"));
        assert_eq!(Date::new(65535, 12, 31).unwrap().next_day(), None);
    }

    #[test]
    fn orders_chronologically() {
        let mut dates = ["2016-04-12", "2012-12-31", "2016-03-30", "2026-01-01"]
            .map(|d| Date::parse(d).unwrap());
        dates.sort();
        let printed: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            ["2012-12-31", "2016-03-30", "2016-04-12", "2026-01-01"]
        );
    }

    #[test]
    fn counts_whole_years_up_to_today() {
        let date = |text: &str| Date::parse(text).unwrap();
        let written = date("2016-04-12");
        assert!(!written.older_than_years(5, date("2021-04-12")));
        assert!(written.older_than_years(5, date("2021-04-13")));
        assert!(!written.older_than_years(5, date("2020-12-31")));
        assert!(written.older_than_years(0, date("2016-04-13")));
        let leap_day = date("2016-02-29");
        assert!(!leap_day.older_than_years(5, date("2021-02-28")));
        assert!(leap_day.older_than_years(5, date("2021-03-01")));
        assert!(!date("2016-04-12").older_than_years(u16::MAX, date("2026-01-01")));
    }
}
