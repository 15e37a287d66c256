//! The conventional layout of an evidence repository (docs/evidence-format.md, "The evidence
//! repository"): which folder each kind goes in, how its ids start, and the Swedish words
//! the templates use for its fields.

use crate::evidence::schema::{Field, Kind, Ty};

/// The folders of the layout, with what goes in each (Swedish, for `evidence/README.md`).
pub const FOLDERS: &[(&str, &str)] = &[
    ("governance", "utnämningar, styrdokument, mål, föredragningar för ledningen, informationssäkerhets- och patientsäkerhetsberättelser, mognadsbedömningar"),
    ("risk", "riskanalyser, åtgärdsplaner, informationsklassningar"),
    ("systems", "informationssystem"),
    ("access", "behovs- och riskanalyser, behörighetsuppföljningar"),
    ("logs", "loggkontroller"),
    ("incidents", "incidenter och avvikelser"),
    ("training", "utbildningar (antal, aldrig namnlistor)"),
    ("suppliers", "leverantörer, avtal och upphandlingar"),
    ("continuity", "kontinuitetsplaner, återläsningstester"),
    ("audits", "revisioner, tillsyn, egenkontroller"),
    ("gdpr", "register över behandling, konsekvensbedömningar"),
    ("improvements", "förbättringsåtgärder, riskacceptanser (undantag)"),
];

/// The folder (under the evidence folder) and the id prefix of a kind.
pub fn placement(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "Appointment" => ("governance", "appt"),
        "Document" => ("governance", "doc"),
        "ManagementBriefing" => ("governance", "brief"),
        "Objective" => ("governance", "obj"),
        "AnnualReport" => ("governance", "isb"),
        "PatientSafetyReport" => ("governance", "psb"),
        "MaturityAssessment" => ("governance", "mog"),
        "System" => ("systems", "sys"),
        "Classification" => ("risk", "cls"),
        "RiskAnalysis" => ("risk", "ra"),
        "ActionPlan" => ("risk", "ap"),
        "Training" => ("training", "tr"),
        "Supplier" => ("suppliers", "sup"),
        "Procurement" => ("suppliers", "proc"),
        "Incident" => ("incidents", "inc"),
        "AccessAnalysis" => ("access", "aa"),
        "AccessReview" => ("access", "ar"),
        "LogReview" => ("logs", "lr"),
        "RestoreTest" => ("continuity", "rt"),
        "ContinuityPlan" => ("continuity", "cp"),
        "Audit" => ("audits", "audit"),
        "ProcessingActivity" => ("gdpr", "pa"),
        "Dpia" => ("gdpr", "dpia"),
        "Improvement" => ("improvements", "impr"),
        "Exception" => ("improvements", "exc"),
        // A kind added to the format later still gets a place: its own folder.
        _ => ("other", "rec"),
    }
}

/// Swedish explanations where the format table's own text is English (the rest of the table
/// already gives the Swedish term).
fn sv_override(kind: &Kind, field: &str) -> Option<&'static str> {
    Some(match (kind.name, field) {
        (_, "kind") => "postens slag",
        (_, "id") => "unikt i hela förrådet; byt gärna till ett läsbart id",
        (_, "board") => "nämnd/styrelse som posten hör till (ett id under organisation.boards i kravkoll.yaml)",
        (_, "document") => "var originaldokumentet finns: sökväg, webbadress eller diarienummer",
        (_, "extra") => "egna fält, kontrolleras inte",
        ("Appointment", "person") => "namn eller titel på personen",
        ("Appointment", "decided_by") => "vem som fattade beslutet",
        ("Appointment", "fte_share") => "andel av heltid, 0–1",
        ("Appointment", "ended") => "uppdraget upphörde (lämna tomt så länge det gäller)",
        ("Appointment", "deputy") => "ersättare: namn eller titel",
        ("Appointment", "role") => "infosec_coordinator = informationssäkerhetssamordnare, dpo = dataskyddsombud, ciso = informationssäkerhetschef, information_owner = informationsägare, system_owner = systemägare",
        ("Document", "doc_type") => "policy, guideline = riktlinje, routine = rutin, instruction = instruktion",
        ("Objective", "metric") => "mätetal: hur målet mäts",
        ("Objective", "target") => "målvärde: det värde som betyder att målet är nått",
        ("AnnualReport", "compiled_by") => "sammanställd av: id på utnämningen (Appointment) av informationssäkerhetssamordnaren",
        ("AnnualReport", "submitted_to") => "lämnad till: en nämnds id eller organisation",
        ("Exception", "controls") => "kontroller som undantas: id eller mönster, t.ex. [PDL-4.3/*]",
        ("Exception", "records") => "poster som omfattas (utelämnat: alla)",
        ("Improvement", "sources") => "vad som ledde till åtgärden: id på incidenter, granskningar, riskanalyser",
        ("Classification", "required_measures") => "säkerhetsåtgärder som klassningen leder till: id på åtgärder, styrdokument, förbättringar",
        ("RiskAnalysis", "risks") => "identifierade risker: lista med id, description, level och treatment",
        ("Audit", "recommendations") => "rekommendationer: lista med id och text, och svaret (response) eller no_action_reason",
        ("Procurement", "infosec_competence") => "moment med informationssäkerhetskompetens: requirements = kravställning, tender_evaluation = utvärdering av anbud, go_live_verification = verifiering vid driftsättning",
        _ => return None,
    })
}

/// The allowed words of a field, for the template's comment.
fn values(ty: &Ty) -> Option<(&'static [&'static str], bool)> {
    match ty {
        Ty::Enum(v) => Some((v, true)),
        Ty::OpenEnum(v) => Some((v, false)),
        Ty::List(inner) => values(inner),
        _ => None,
    }
}

/// The comment a template writes beside a field: the Swedish explanation and, for a field
/// with fixed words, the words.
pub fn comment(kind: &Kind, f: &Field) -> String {
    let mut text = sv_override(kind, f.name).unwrap_or(f.doc).to_string();
    if let Some((words, closed)) = values(&f.ty) {
        // Explanations that already name every word need no list after them.
        if !words.iter().all(|w| text.contains(w)) {
            text.push_str(if closed { "; ett av: " } else { "; t.ex. " });
            text.push_str(&words.join(", "));
        }
    }
    match f.ty {
        Ty::Ref(Some(kinds)) => {
            text.push_str(&format!(" (id på en {}-post)", kinds.join("- eller ")))
        }
        Ty::List(Ty::Ref(Some(kinds))) => text.push_str(&format!(
            " (lista med id på {}-poster: [a, b])",
            kinds.join("- eller ")
        )),
        Ty::Board => text.push_str(" (id på en nämnd i kravkoll.yaml)"),
        Ty::Bool => text.push_str(" (true eller false)"),
        Ty::Date => text.push_str(" (ÅÅÅÅ-MM-DD)"),
        Ty::DateTime => text.push_str(" (ÅÅÅÅ-MM-DDTHH:MM)"),
        Ty::List(_) => text.push_str(" (lista: [a, b])"),
        _ => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::schema::KINDS;

    #[test]
    fn every_kind_has_a_conventional_folder_of_the_layout() {
        for k in KINDS {
            let (folder, prefix) = placement(k.name);
            assert!(
                FOLDERS.iter().any(|(f, _)| *f == folder),
                "{}: {folder} is not in the layout",
                k.name
            );
            assert!(!prefix.is_empty());
        }
    }

    #[test]
    fn comments_of_fixed_word_fields_list_the_words() {
        let k = crate::evidence::schema::kind("Incident").unwrap();
        let f = k.fields.iter().find(|f| f.name == "patient_harm").unwrap();
        let c = comment(k, f);
        assert!(c.contains("caused, could_have, none, unknown"), "{c}");
        let k = crate::evidence::schema::kind("Appointment").unwrap();
        let f = k.fields.iter().find(|f| f.name == "person").unwrap();
        assert_eq!(comment(k, f), "namn eller titel på personen");
    }
}
