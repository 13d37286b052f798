//! Today's date from the system clock, without a date library: the civil (proleptic
//! Gregorian) date of a count of days since 1970-01-01, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use ask_expert_core::date::Date;

/// Today in UTC, or `None` when the clock is set before 1970 or past the year 65535.
pub fn today() -> Option<Date> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    date_from_unix_days(i64::try_from(seconds / 86_400).ok()?)
}

pub fn date_from_unix_days(days: i64) -> Option<Date> {
    let (year, month, day) = civil_from_days(days);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// Howard Hinnant's `civil_from_days`: eras of 400 years (146,097 days) starting on 1 March,
/// so the leap day falls at the end of each year of the era.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(10_957), (2000, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(16_903), (2016, 4, 12));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_819), (2027, 1, 1));
        assert_eq!(
            date_from_unix_days(16_903).unwrap().to_string(),
            "2016-04-12"
        );
    }

    #[test]
    fn every_day_follows_the_one_before() {
        let mut previous = civil_from_days(-800_000);
        for days in -799_999..800_000 {
            let (year, month, day) = civil_from_days(days);
            let next_day = (year, month, day) == (previous.0, previous.1, previous.2 + 1);
            let next_month = day == 1
                && ((year, month) == (previous.0, previous.1 + 1)
                    || (year, month, previous.1) == (previous.0 + 1, 1, 12));
            assert!(
                next_day || next_month,
                "{previous:?} then {:?}",
                (year, month, day)
            );
            if (0..=9999).contains(&year) {
                assert!(
                    Date::new(year as u16, month as u8, day as u8).is_some(),
                    "{year}-{month}-{day}"
                );
            }
            previous = (year, month, day);
        }
    }

    #[test]
    fn today_is_a_plausible_date() {
        let today = today().expect("the test machine's clock is set");
        assert!(today.year() >= 2024, "{today}");
    }
}
