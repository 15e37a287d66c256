# Lag (2001:454) om behandling av personuppgifter inom socialtjänsten 11 och 12 §§ (from
# 2024-03-01, prop. 2022/23:131): the controller in social services takes security
# measures in the form of assignment of access rights (behörighetstilldelning) and control
# of access (åtkomstkontroll), for all social services, as the government describes them
# in Skr. 2024/25:23 avsnitt 3.3. The statute text could not be read (docs/legal-sources.md),
# so warnings.
package kravkoll.sol_pul.access

import data.kravkoll.lib

review_interval := lib.interval("access_review_interval_months")

log_interval := lib.interval("log_followup_interval_months")

social_systems := [s | some s in input.systems; s.social_care_data == true]

analyses(s) := {a |
	some a in lib.referenced_by[s.id].access_analyses
	a.system == s.id
	a.performed <= input.as_of
}

dates(s, plural) := {r.performed |
	some r in lib.referenced_by[s.id][plural]
	r.system == s.id
	r.performed <= input.as_of
}

# SOLPUL-11-12/c1: no conditions for assigning access rights.
findings contains f if {
	some s in social_systems
	count(analyses(s)) == 0
	f := {
		"control": "SOLPUL-11-12/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) innehåller personuppgifter inom socialtjänsten men det finns ingen dokumenterad analys som bestämmer villkoren för tilldelning av behörighet (AccessAnalysis med system: %s) per %s.",
			"en": "System %s (%s) holds personal data in social services but there is no documented analysis setting the conditions for assigning access rights (AccessAnalysis with system: %s) as of %s.",
			"args": [s.name, s.id, s.id, input.as_of],
		},
	}
}

# SOLPUL-11-12/c2: access rights never reviewed, or not within the interval.
findings contains f if {
	access_review_interval_months_text := lib.interval_text("access_review_interval_months").text
	some s in social_systems
	count(dates(s, "access_reviews")) == 0
	f := {
		"control": "SOLPUL-11-12/c2",
		"record": s.id,
		"message": {
			"sv": "Tilldelade behörigheter i systemet %s (%s) har aldrig följts upp (ingen AccessReview med system: %s per %s); högst %s ska gå mellan uppföljningarna.",
			"en": "Access rights in system %s (%s) have never been reviewed (no AccessReview with system: %s as of %s); at most %s are to pass between reviews.",
			"args": [s.name, s.id, s.id, input.as_of, access_review_interval_months_text],
		},
	}
}

findings contains f if {
	access_review_interval_months_text := lib.interval_text("access_review_interval_months").text
	some s in social_systems
	ds := dates(s, "access_reviews")
	count(ds) > 0
	last := max(ds)
	lib.overdue(last, review_interval)
	full_months_text := kravkoll.quantity(lib.full_months(last, input.as_of), "full_months")
	f := {
		"control": "SOLPUL-11-12/c2",
		"record": s.id,
		"message": {
			"sv": "Den senaste behörighetsuppföljningen av systemet %s (%s) gjordes %s, %s före %s; högst %s ska gå mellan uppföljningarna.",
			"en": "The latest access review of system %s (%s) was made on %s, %s before %s; at most %s are to pass between reviews.",
			"args": [s.name, s.id, last, full_months_text, input.as_of, access_review_interval_months_text],
		},
	}
}

# SOLPUL-11-12/c3: access is not logged.
findings contains f if {
	some s in social_systems
	object.get(s, "logging", false) != true
	f := {
		"control": "SOLPUL-11-12/c3",
		"record": s.id,
		"field": "logging",
		"message": {
			"sv": "Systemet %s (%s) innehåller personuppgifter inom socialtjänsten men åtkomsten loggas inte (logging: true saknas); utan logg kan åtkomsten inte kontrolleras.",
			"en": "System %s (%s) holds personal data in social services but access is not logged (logging: true is missing); without a log access cannot be checked.",
			"args": [s.name, s.id],
		},
	}
}

# SOLPUL-11-12/c4: access never checked, or not within the interval.
findings contains f if {
	log_followup_interval_months_text := lib.interval_text("log_followup_interval_months").text
	some s in social_systems
	count(dates(s, "log_reviews")) == 0
	f := {
		"control": "SOLPUL-11-12/c4",
		"record": s.id,
		"message": {
			"sv": "Ingen kontroll av åtkomsten i systemet %s (%s) har gjorts (ingen LogReview med system: %s per %s); högst %s ska gå mellan kontrollerna.",
			"en": "No check of access in system %s (%s) has been made (no LogReview with system: %s as of %s); at most %s are to pass between checks.",
			"args": [s.name, s.id, s.id, input.as_of, log_followup_interval_months_text],
		},
	}
}

findings contains f if {
	log_followup_interval_months_text := lib.interval_text("log_followup_interval_months").text
	some s in social_systems
	ds := dates(s, "log_reviews")
	count(ds) > 0
	last := max(ds)
	lib.overdue(last, log_interval)
	full_months_text := kravkoll.quantity(lib.full_months(last, input.as_of), "full_months")
	f := {
		"control": "SOLPUL-11-12/c4",
		"record": s.id,
		"message": {
			"sv": "Den senaste kontrollen av åtkomsten i systemet %s (%s) gjordes %s, %s före %s; högst %s ska gå mellan kontrollerna.",
			"en": "The latest check of access in system %s (%s) was made on %s, %s before %s; at most %s are to pass between checks.",
			"args": [s.name, s.id, last, full_months_text, input.as_of, log_followup_interval_months_text],
		},
	}
}
