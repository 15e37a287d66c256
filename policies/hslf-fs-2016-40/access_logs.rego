# HSLF-FS 2016:40 4 kap. 9 §: the logs of access to patient data show which actions were
# taken, at which care unit or care process, when, and the user's and the patient's
# identity, and they are kept for at least five years. Judged from what the System record
# says about its logs (log_content, log_retention_years).
package kravkoll.hslf_fs_2016_40.access_logs

import data.kravkoll.lib

min_years := 5

required := {
	"actions": {"sv": "åtgärd", "en": "action"},
	"care_unit": {"sv": "vårdenhet eller vårdprocess", "en": "care unit or care process"},
	"time": {"sv": "tidpunkt", "en": "time"},
	"user_identity": {"sv": "användarens identitet", "en": "the user's identity"},
	"patient_identity": {"sv": "patientens identitet", "en": "the patient's identity"},
}

logging_systems contains s if {
	some s in lib.patient_data_systems
	s.logging == true
}

# HSLF-4.9/c1: logs kept for less than five years.
findings contains f if {
	some s in logging_systems
	years := s.log_retention_years
	years < min_years
	min_years_text := kravkoll.number(min_years, 0)
	f := {
		"control": "HSLF-4.9/c1",
		"record": s.id,
		"field": "log_retention_years",
		"message": {
			"sv": sprintf("Åtkomstloggarna i systemet %s (%s) sparas %s år; de ska sparas minst %s år.", [s.name, s.id, kravkoll.number(years, 0).sv, min_years_text.sv]),
			"en": sprintf("The access logs of system %s (%s) are kept for %s; they are to be kept for at least %s years.", [s.name, s.id, years_en(years), min_years_text.en]),
		},
	}
}

# HSLF-4.9/c2: what the logs show or how long they are kept is not recorded.
findings contains f if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	words := unknown_words
	some s in logging_systems
	missing := [field | some field in ["log_content", "log_retention_years"]; not s[field]]
	missing != []
	unknown := words[concat(" ", missing)]
	f := {
		"control": "HSLF-4.9/c2",
		"record": s.id,
		"message": {
			"sv": sprintf("Det framgår inte av System-posten för %s (%s) %s (%s saknas).", [s.name, s.id, unknown.sv, concat(" och ", missing)]),
			"en": sprintf("The System record of %s (%s) does not say %s (%s missing).", [s.name, s.id, unknown.en, concat(" and ", missing)]),
		},
	}
}

# What the record does not say, by the fields missing (looked up, not a call per finding).
unknown_words := {
	"log_content log_retention_years": {"sv": "vad åtkomstloggarna visar eller hur länge de sparas", "en": "what the access logs show or how long they are kept"},
	"log_content": {"sv": "vad åtkomstloggarna visar", "en": "what the access logs show"},
	"log_retention_years": {"sv": "hur länge åtkomstloggarna sparas", "en": "how long the access logs are kept"},
}

# HSLF-4.9/c3: the logs lack one of the required items.
findings contains f if {
	some s in logging_systems
	content := s.log_content
	missing := [k | some k, _ in required; not k in content]
	missing != []
	f := {
		"control": "HSLF-4.9/c3",
		"record": s.id,
		"field": "log_content",
		"message": {
			"sv": sprintf("Åtkomstloggarna i systemet %s (%s) visar inte %s (log_content saknar %s).", [s.name, s.id, concat(", ", [required[k].sv | some k in missing]), concat(", ", missing)]),
			"en": sprintf("The access logs of system %s (%s) do not show %s (log_content lacks %s).", [s.name, s.id, concat(", ", [required[k].en | some k in missing]), concat(", ", missing)]),
		},
	}
}

years_en(n) := "1 year" if {
	n == 1
} else := sprintf("%s years", [kravkoll.number(n, 0).en])
