//! Swedish personal identity numbers (personnummer, folkbokföringslagen 18 §) and
//! coordination numbers (samordningsnummer, 18 a §) in evidence text.
//!
//! Evidence holds aggregates and roles, never patients or staff as persons, so a number of
//! either kind anywhere in a record is an error. A candidate is a run of 10 or 12 digits, or
//! 6 or 8 digits, `-` or `+`, and 4 digits, with no digit directly before or after; it counts
//! when its date part is a real date (for a coordination number the day plus 60) and its
//! last digit is the Luhn check digit of the ten digits YYMMDDNNN. Organisation numbers have
//! a "month" of 20 or more, so they never match.

/// Which kind of number a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Personnummer,
    Samordningsnummer,
}

impl NumberKind {
    pub fn describe(self) -> &'static str {
        match self {
            NumberKind::Personnummer => "a Swedish personal identity number (personnummer)",
            NumberKind::Samordningsnummer => "a Swedish coordination number (samordningsnummer)",
        }
    }
}

/// A number found in a text: byte range and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: NumberKind,
}

/// Every personal identity or coordination number in `text`. Linear in the text's length.
pub fn find(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Every string of every record comes through here, and almost none holds the ten
    // digits any candidate needs (a date has eight): one counting pass settles those.
    if b.len() < 10 || b.iter().filter(|c| c.is_ascii_digit()).count() < 10 {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run = digits_from(b, i);
        // A run of 6 or 8 digits may continue with a separator and four digits.
        let mut end = i + run;
        let mut digits = [0u8; 12];
        let len = if (run == 6 || run == 8)
            && matches!(b.get(end), Some(b'-' | b'+'))
            && digits_from(b, end + 1) == 4
        {
            digits[..run].copy_from_slice(&b[i..end]);
            digits[run..run + 4].copy_from_slice(&b[end + 1..end + 5]);
            end += 5;
            run + 4
        } else if run == 10 || run == 12 {
            digits[..run].copy_from_slice(&b[i..end]);
            run
        } else {
            i = end;
            continue;
        };
        if let Some(kind) = classify(&digits[..len]) {
            out.push(Found {
                start: i,
                end,
                kind,
            });
        }
        i = end;
    }
    out
}

fn digits_from(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// The kind of number that `digits` (10 or 12 ASCII digits) is, if it is one.
fn classify(digits: &[u8]) -> Option<NumberKind> {
    let n = |s: &[u8]| s.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    let (years, ten): ([u32; 2], &[u8]) = match digits.len() {
        12 => {
            let year = n(&digits[..4]);
            if !(1800..=2099).contains(&year) {
                return None;
            }
            ([year, year], &digits[2..])
        }
        10 => {
            let yy = n(&digits[..2]);
            ([1900 + yy, 2000 + yy], digits)
        }
        _ => return None,
    };
    let month = n(&ten[2..4]);
    let day = n(&ten[4..6]);
    let kind = if day > 60 {
        NumberKind::Samordningsnummer
    } else {
        NumberKind::Personnummer
    };
    let day = if day > 60 { day - 60 } else { day };
    if !years.iter().any(|&y| is_date(y, month, day)) {
        return None;
    }
    luhn_ok(ten).then_some(kind)
}

fn is_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The Luhn check over ten digits: weights 2, 1, 2, … on the first nine, the tenth the check
/// digit.
fn luhn_ok(ten: &[u8]) -> bool {
    let sum: u32 = ten[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(d - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10 == u32::from(ten[9] - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<NumberKind> {
        find(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn every_written_form_is_found() {
        // Skatteverket's published test numbers (not real people).
        for text in [
            "811218-9876",
            "8112189876",
            "19811218-9876",
            "198112189876",
            "Patient 811218+9876 föll",
            "id: x-198112189876",
        ] {
            assert_eq!(kinds(text), [NumberKind::Personnummer], "{text}");
        }
        let f = &find("namn: 19811218-9876 rest")[0];
        assert_eq!((f.start, f.end), (6, 19));
    }

    #[test]
    fn coordination_numbers_are_day_plus_sixty() {
        // 1981-12-18 + 60 days in the day part; check digit recomputed.
        assert_eq!(kinds("811278-9873"), [NumberKind::Samordningsnummer]);
        assert_eq!(kinds("198112789873"), [NumberKind::Samordningsnummer]);
    }

    #[test]
    fn near_misses_are_not_numbers() {
        for text in [
            "811218-9875",      // wrong check digit
            "811318-9876",      // month 13
            "810230-1234",      // 30 February
            "556677-8899",      // organisation number (month 66)
            "5566778899",       // organisation number without separator
            "810012-3450",      // month 00
            "1981121898761",    // 13 digits
            "2025-03-04",       // a date
            "2025-03-04T10:00", // a datetime
            "98112189876",      // 11 digits
            "telefon 08-123 456",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leap_days_follow_the_century() {
        // 29 February exists in 2000 and 2004, not in 1900 or 2100.
        let check = |yyyymmdd: &str| {
            // Find a check digit that makes the number valid and test it.
            (0..10)
                .map(|c| format!("{yyyymmdd}123{c}"))
                .find(|s| luhn_ok(&s.as_bytes()[2..]))
                .unwrap()
        };
        assert!(!find(&check("20000229")).is_empty());
        assert!(find(&check("19000229")).is_empty());
    }
}
