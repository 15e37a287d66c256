# Test fixtures shared by the packs' tests (loaded only by the test runner).
package kravkoll.testing

# A minimal input document: every kind present and empty, default intervals.
base := {
	"as_of": "2025-12-31",
	"as_of_ns": 1767221999000000000,
	"lang": "sv",
	"organisation": {
		"name": "Region Test",
		"type": "region",
		"healthcare_provider": true,
		"social_care_provider": false,
		"timezone": "Europe/Stockholm",
		"boards": [{"id": "hsn", "name": "Hälso- och sjukvårdsnämnden"}],
	},
	"applicability": {"all": true, "healthcare_provider": true},
	"intervals": {
		"annual_infosec_report_max_gap_months": 12,
		"gdpr_breach_notification_hours": 72,
		"log_followup_interval_months": 3,
		"access_review_interval_months": 12,
		"risk_analysis_system_max_age_months": 24,
	},
	"appointments": [], "documents": [], "management_briefings": [], "objectives": [],
	"systems": [], "classifications": [], "risk_analyses": [], "action_plans": [],
	"trainings": [], "suppliers": [], "incidents": [], "access_analyses": [],
	"access_reviews": [], "log_reviews": [], "restore_tests": [], "continuity_plans": [],
	"audits": [], "annual_reports": [], "patient_safety_reports": [], "exceptions": [],
	"improvements": [], "procurements": [], "processing_activities": [], "dpias": [],
}

# base with some top-level keys replaced.
with_(overrides) := object.union(base, overrides)

# A finding of control c about record r is in the set fs.
has(fs, c, r) if {
	some f in fs
	f.control == c
	f.record == r
}

# No finding of control c at all is in the set fs.
none(fs, c) if {
	count([f | some f in fs; f.control == c]) == 0
}

# Every finding in fs is well formed: both languages, a known shape.
well_formed(fs) if {
	every f in fs {
		is_string(f.control)
		is_string(text(f.message, "sv"))
		is_string(text(f.message, "en"))
		text(f.message, "sv") != ""
		text(f.message, "en") != ""
	}
}

# A finding's message in language lang as the report shows it: the text, or the template
# rendered with its arguments, each given in both languages taken in lang (kravkoll renders
# templates the same way in Rust; a test there compares the two on every example).
text(message, lang) := sprintf(message[lang], [in_language(a, lang) | some a in message.args]) if {
	is_array(message.args)
} else := message[lang]

in_language(arg, lang) := arg[lang] if {
	is_object(arg)
	arg.sv
	arg.en
} else := arg
