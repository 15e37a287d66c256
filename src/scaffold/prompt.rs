//! The questions `kravkoll init` asks on a terminal. Reading from any `BufRead` keeps them
//! testable; the CLI only calls this when standard input is a terminal, so a script never
//! waits for an answer.

use std::io::{BufRead, Write};

use super::init::InitOptions;

/// Input ended before every question was answered.
#[derive(Debug)]
pub struct Aborted;

struct Asker<'a> {
    input: &'a mut dyn BufRead,
    output: &'a mut dyn Write,
}

impl Asker<'_> {
    fn line(&mut self, question: &str, default: &str) -> Result<String, Aborted> {
        if default.is_empty() {
            let _ = write!(self.output, "{question}: ");
        } else {
            let _ = write!(self.output, "{question} [{default}]: ");
        }
        let _ = self.output.flush();
        let mut answer = String::new();
        match self.input.read_line(&mut answer) {
            Ok(0) | Err(_) => Err(Aborted),
            Ok(_) => {
                let a = answer.trim();
                Ok(if a.is_empty() { default } else { a }.to_string())
            }
        }
    }

    /// Asks until `parse` accepts the answer.
    fn parsed<T>(
        &mut self,
        question: &str,
        default: &str,
        hint: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<T, Aborted> {
        loop {
            let a = self.line(question, default)?;
            if let Some(v) = parse(&a) {
                return Ok(v);
            }
            let _ = writeln!(self.output, "  {hint}");
        }
    }

    fn yes_no(&mut self, question: &str, default: bool) -> Result<bool, Aborted> {
        self.parsed(
            &format!("{question} (j/n)"),
            if default { "j" } else { "n" },
            "svara j eller n",
            |a| match a.to_lowercase().as_str() {
                "j" | "ja" | "y" | "yes" => Some(true),
                "n" | "nej" | "no" => Some(false),
                _ => None,
            },
        )
    }
}

fn number<T: std::str::FromStr>(a: &str) -> Option<Option<T>> {
    if a.is_empty() {
        return Some(None);
    }
    let cleaned: String = a
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse().ok().map(Some)
}

/// The organisation type from the English code or the Swedish word.
pub fn org_type(a: &str) -> Option<&'static str> {
    Some(match a.to_lowercase().as_str() {
        "region" => "region",
        "municipality" | "kommun" => "municipality",
        "private" | "privat" => "private",
        "state_agency" | "myndighet" | "statlig myndighet" => "state_agency",
        "municipal_association" | "kommunalförbund" => "municipal_association",
        _ => return None,
    })
}

/// Boards written `id=namn; id=namn`.
pub fn boards(a: &str) -> Option<Vec<(String, String)>> {
    a.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (id, name) = s.split_once('=')?;
            let (id, name) = (id.trim(), name.trim());
            (!id.is_empty() && !id.contains(char::is_whitespace) && !name.is_empty())
                .then(|| (id.to_string(), name.to_string()))
        })
        .collect()
}

/// Asks for every value, offering what the flags gave as the default.
pub fn ask(
    o: &mut InitOptions,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<(), Aborted> {
    let mut a = Asker { input, output };
    let _ = writeln!(
        a.output,
        "kravkoll init: några frågor om organisationen (tryck Enter för värdet inom hakparentes)."
    );
    o.name = a.parsed(
        "Organisationens namn",
        &o.name.clone(),
        "ange ett namn",
        |s| (!s.is_empty()).then(|| s.to_string()),
    )?;
    let default_type = if o.org_type.is_empty() {
        "region".to_string()
    } else {
        o.org_type.clone()
    };
    o.org_type = a
        .parsed(
            "Typ av organisation: region, kommun, kommunalförbund, privat eller myndighet",
            &default_type,
            "svara region, kommun, kommunalförbund, privat eller myndighet",
            org_type,
        )?
        .to_string();
    o.healthcare_provider = a.yes_no(
        "Är organisationen vårdgivare?",
        o.healthcare_provider || o.org_type == "region",
    )?;
    o.social_care_provider = a.yes_no(
        "Är organisationen omsorgsgivare (socialtjänst)?",
        o.social_care_provider || o.org_type == "municipality",
    )?;
    let shown = |v: Option<String>| v.unwrap_or_default();
    let hint = "svara med ett tal, eller tryck Enter om du inte vet";
    o.employees = a.parsed(
        "Antal anställda (Enter om okänt)",
        &shown(o.employees.map(|v| v.to_string())),
        hint,
        number,
    )?;
    if o.healthcare_provider {
        o.licensed_staff_fte = a.parsed(
            "Legitimerad vårdpersonal, årsarbetskrafter (Enter om okänt)",
            &shown(o.licensed_staff_fte.map(|v| v.to_string())),
            hint,
            number,
        )?;
        o.dispensings_per_year = a.parsed(
            "Expedieringar av receptbelagda läkemedel per år, om ni har apoteksverksamhet (Enter om okänt)",
            &shown(o.dispensings_per_year.map(|v| v.to_string())),
            hint,
            number,
        )?;
    }
    if o.org_type == "private" {
        o.annual_turnover_eur = a.parsed(
            "Årsomsättning i euro (Enter om okänt)",
            &shown(o.annual_turnover_eur.map(|v| v.to_string())),
            hint,
            number,
        )?;
        o.balance_sheet_total_eur = a.parsed(
            "Balansomslutning i euro (Enter om okänt)",
            &shown(o.balance_sheet_total_eur.map(|v| v.to_string())),
            hint,
            number,
        )?;
    }
    let current: Vec<String> = o.boards.iter().map(|(i, n)| format!("{i}={n}")).collect();
    o.boards = a.parsed(
        "Personuppgiftsansvariga nämnder/styrelser som id=namn; id=namn (Enter om inga)",
        &current.join("; "),
        "skriv till exempel hsn=Hälso- och sjukvårdsnämnden; rs=Regionstyrelsen",
        boards,
    )?;
    o.git = a.yes_no("Skapa ett git-förråd i mappen (git init)?", true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_fill_the_options_and_bad_answers_are_asked_again() {
        let answers = "Vårdcentralen Test AB\nprivat\nkanske\nj\nn\n26\n18,5\n\n3 900 000\n\nstyrelsen=Bolagets styrelse\nn\n";
        let mut o = InitOptions::default();
        let mut out = Vec::new();
        ask(&mut o, &mut answers.as_bytes(), &mut out).unwrap();
        assert_eq!(o.name, "Vårdcentralen Test AB");
        assert_eq!(o.org_type, "private");
        assert!(o.healthcare_provider && !o.social_care_provider);
        assert_eq!(o.employees, Some(26));
        assert_eq!(o.licensed_staff_fte, Some(18.5));
        assert_eq!(o.dispensings_per_year, None);
        assert_eq!(o.annual_turnover_eur, Some(3_900_000.0));
        assert_eq!(
            o.boards,
            vec![("styrelsen".to_string(), "Bolagets styrelse".to_string())]
        );
        assert!(!o.git);
        assert!(String::from_utf8(out).unwrap().contains("svara j eller n"));
    }

    #[test]
    fn input_that_ends_aborts_instead_of_waiting() {
        let mut o = InitOptions::default();
        assert!(ask(&mut o, &mut "Region Test\n".as_bytes(), &mut Vec::new()).is_err());
    }
}
