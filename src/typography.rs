//! Numbers and counted nouns the way each report language writes them: Swedish with a
//! decimal comma and a non-breaking space between thousands ("11 102", "5,5"), English with
//! a decimal point and thousands commas. Every writer and the annual report go through here
//! so that one figure never appears in two styles.

use crate::evidence::Lang;

/// The non-breaking space Swedish puts between groups of thousands: it keeps "11 102" on one
/// line in every renderer.
pub const SV_THOUSANDS: char = '\u{a0}';

/// A whole number: `11 102` (sv), `11,102` (en).
pub fn integer(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Sv => SV_THOUSANDS,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A number with `places` decimals: `5,5` (sv), `5.5` (en); `places == 0` rounds to a
/// whole number. Non-finite values (which valid evidence never produces) print as `–`.
pub fn decimal(x: f64, places: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", places, x.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    // Rounding may turn -0.04 into "0.0": no minus sign on a printed zero.
    let negative = x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let whole: i64 = whole.parse().unwrap_or(i64::MAX);
    let mut out = integer(whole, lang);
    if negative {
        out.insert(0, '−');
    }
    if let Some(frac) = frac {
        out.push(match lang {
            Lang::Sv => ',',
            Lang::En => '.',
        });
        out.push_str(frac);
    }
    out
}

/// A count with its noun in the right number: `1 rekommendation`, `2 rekommendationer`,
/// `0 rekommendationer`.
pub fn count(n: i64, one: &str, many: &str, lang: Lang) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", integer(n, lang))
}

/// A share in per cent with one decimal where needed: `87,5 %` (sv), `87.5%` (en).
pub fn percent(x: f64, lang: Lang) -> String {
    let places = if (x - x.round()).abs() < 0.05 { 0 } else { 1 };
    match lang {
        Lang::Sv => format!("{}{SV_THOUSANDS}%", decimal(x, places, lang)),
        Lang::En => format!("{}%", decimal(x, places, lang)),
    }
}

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
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

/// A date as running text writes it, kept on one line: `11 februari 2025` (sv),
/// `11 February 2025` (en).
pub fn long_date(d: jiff::civil::Date, lang: Lang) -> String {
    let months = match lang {
        Lang::Sv => &MONTHS_SV,
        Lang::En => &MONTHS_EN,
    };
    let month = months[usize::from(d.month().unsigned_abs()).clamp(1, 12) - 1];
    format!("{}{SV_THOUSANDS}{month}{SV_THOUSANDS}{}", d.day(), d.year())
}

/// A list joined the way each language writes it: `a, b och c` / `a, b and c`.
pub fn join_words<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let and = match lang {
        Lang::Sv => "och",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(|s| s.as_ref()).collect();
            format!("{} {and} {}", head.join(", "), last.as_ref())
        }
    }
}

/// A small count in words, as Swedish and English style guides want in running text
/// (one to twelve); larger numbers as digits.
pub fn small_number(n: i64, lang: Lang, neuter: bool) -> String {
    const SV: [&str; 13] = [
        "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
        "tolv",
    ];
    const EN: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match (lang, n) {
        (Lang::Sv, 1) if neuter => "ett".to_string(),
        (Lang::Sv, 0..=12) => SV[n as usize].to_string(),
        (Lang::En, 0..=12) => EN[n as usize].to_string(),
        _ => integer(n, lang),
    }
}

/// The Swedish genitive of a name: `Inera AB:s`, `Revisorernas`… `Region Helårs`, and no
/// extra s after s, x or z.
pub fn genitive(name: &str) -> String {
    match name.chars().last() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => format!("{name}:s"),
        Some('s' | 'x' | 'z') => name.to_string(),
        Some(_) => format!("{name}s"),
        None => String::new(),
    }
}

/// Capitalises the first letter: a sentence never starts with a lower-case word.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_lists_in_running_text() {
        let d = jiff::civil::date(2025, 2, 11);
        assert_eq!(long_date(d, Lang::Sv), "11\u{a0}februari\u{a0}2025");
        assert_eq!(long_date(d, Lang::En), "11\u{a0}February\u{a0}2025");
        assert_eq!(join_words(&["a", "b", "c"], Lang::Sv), "a, b och c");
        assert_eq!(join_words(&["a"], Lang::En), "a");
        assert_eq!(small_number(2, Lang::Sv, false), "två");
        assert_eq!(small_number(1, Lang::Sv, true), "ett");
        assert_eq!(small_number(13, Lang::Sv, false), "13");
        assert_eq!(capitalise("två incidenter"), "Två incidenter");
        assert_eq!(genitive("Inera AB"), "Inera AB:s");
        assert_eq!(genitive("Region Helår"), "Region Helårs");
        assert_eq!(genitive("IVO"), "IVO:s");
        assert_eq!(
            genitive("Revisorerna i Region Helås"),
            "Revisorerna i Region Helås"
        );
    }

    #[test]
    fn swedish_groups_thousands_with_a_non_breaking_space() {
        assert_eq!(integer(11_102, Lang::Sv), "11\u{a0}102");
        assert_eq!(integer(999, Lang::Sv), "999");
        assert_eq!(integer(1_000, Lang::Sv), "1\u{a0}000");
        assert_eq!(integer(1_234_567, Lang::En), "1,234,567");
        assert_eq!(integer(-4_500, Lang::Sv), "−4\u{a0}500");
        assert_eq!(integer(i64::MIN, Lang::En), "−9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_use_a_comma_in_swedish() {
        assert_eq!(decimal(5.5, 1, Lang::Sv), "5,5");
        assert_eq!(decimal(5.5, 1, Lang::En), "5.5");
        assert_eq!(decimal(3257.25, 1, Lang::Sv), "3\u{a0}257,2");
        assert_eq!(decimal(2.0, 0, Lang::Sv), "2");
        assert_eq!(decimal(-0.04, 1, Lang::Sv), "0,0");
        assert_eq!(decimal(-1.5, 1, Lang::Sv), "−1,5");
        assert_eq!(decimal(f64::NAN, 1, Lang::Sv), "–");
    }

    #[test]
    fn counted_nouns_agree_in_number() {
        assert_eq!(
            count(1, "rekommendation", "rekommendationer", Lang::Sv),
            "1 rekommendation"
        );
        assert_eq!(count(0, "incident", "incidenter", Lang::Sv), "0 incidenter");
        assert_eq!(
            count(12_000, "konto", "konton", Lang::Sv),
            "12\u{a0}000 konton"
        );
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(87.5, Lang::Sv), "87,5\u{a0}%");
        assert_eq!(percent(90.0, Lang::Sv), "90\u{a0}%");
        assert_eq!(percent(90.0, Lang::En), "90%");
    }
}
