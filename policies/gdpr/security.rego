# GDPR (EU) 2016/679 art. 32.1: appropriate technical and organisational measures,
# "inbegripet, när det är lämpligt" (a) pseudonymisation and encryption, (b) ongoing
# confidentiality, integrity, availability and resilience, (c) the ability to restore
# availability and access in a timely manner after an incident, (d) a process for
# regularly testing, assessing and evaluating the measures. "When appropriate" makes
# each point a judgement, so these checks warn rather than fail.
package kravkoll.gdpr.security

import data.kravkoll.lib

restore_months := lib.interval("restore_test_interval_months")

evaluation_months := lib.interval("security_evaluation_interval_months")

# Systems whose data calls for encryption: patient data or other sensitive data. A list
# (each system once: the second part takes only those the first did not), not a set: a set
# compares whole records to place each one, a fifth of this package's time.
sensitive_systems := array.concat(
	[s | some s in lib.personal_data_systems; s.patient_data == true],
	[s | some s in lib.personal_data_systems; not s.patient_data == true; s.sensitive_data == true],
)

encryption_fields := {
	"encryption_in_transit": {"sv": "vid överföring", "en": "in transit"},
	"encryption_at_rest": {"sv": "vid lagring", "en": "at rest"},
}

# GDPR-32.1.a/c1: a system with sensitive data recorded as unencrypted.
findings contains f if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	fields := encryption_fields
	some s in sensitive_systems
	some field, words in fields
	s[field] == false
	f := {
		"control": "GDPR-32.1.a/c1",
		"record": s.id,
		"field": field,
		"message": {
			"sv": "Systemet %s (%s) innehåller patientuppgifter eller känsliga personuppgifter men krypterar dem inte %s (%s: false).",
			"en": "System %s (%s) holds patient data or sensitive personal data but does not encrypt it %s (%s: false).",
			"args": [s.name, s.id, words, field],
		},
	}
}

# The highest availability level (1..4) any classification gives each personal-data system
# (none when no classification does). Gathered once in a rule, not computed by a function
# called for every system: a call costs more in regorus than the lookups it makes.
availability := {s.id: max(levels) |
	referenced_by := lib.referenced_by
	by_id := {c.id: c.availability | some c in input.classifications}
	some s in lib.personal_data_systems
	levels := {a | a := by_id[s.classification]} | {c.availability |
		some c in referenced_by[s.id].classifications
		s.id in c.systems
	}
	levels != set()
}

# The personal-data systems an adopted continuity plan lists.
has_continuity_plan := {s.id |
	referenced_by := lib.referenced_by
	some s in lib.personal_data_systems
	some p in referenced_by[s.id].continuity_plans
	s.id in p.systems
	p.adopted <= input.as_of
}

# GDPR-32.1.b/c1: a personal-data system classified high on availability without a
# continuity plan.
findings contains f if {
	[levels, planned] := [availability, has_continuity_plan]
	some s in lib.personal_data_systems
	level := levels[s.id]
	level >= 3
	not planned[s.id]
	f := {
		"control": "GDPR-32.1.b/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) innehåller personuppgifter och är klassat %v av 4 på tillgänglighet men omfattas inte av någon fastställd kontinuitetsplan (ContinuityPlan) per %s.",
			"en": "System %s (%s) holds personal data and is classified %v of 4 on availability but is not covered by any adopted continuity plan (ContinuityPlan) as of %s.",
			"args": [s.name, s.id, level, input.as_of],
		},
	}
}

# The restore tests of each personal-data system on the latest date on or before as_of it
# was tested (looked up once per system, not once per rule; a system never tested is absent).
latest_tests := {s.id: ts |
	latest := lib.latest_records
	some s in lib.personal_data_systems
	ts := latest[s.id].restore_tests
}

# The systems tested within the interval: the latest test is (an earlier one never is when
# it is not).
tested_within_interval := {id |
	since := lib.cutoff(restore_months)
	some id, ts in latest_tests
	some t in ts
	t.performed >= since
}

# GDPR-32.1.c/c1: no restore test of a personal-data system within the interval.
findings contains f if {
	restore_test_interval_months_text := lib.interval_text("restore_test_interval_months").text
	tested := tested_within_interval
	some s in lib.personal_data_systems
	not tested[s.id]
	f := {
		"control": "GDPR-32.1.c/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) innehåller personuppgifter men har inget återläsningstest (RestoreTest) inom %s före %s; förmågan att återställa tillgången till personuppgifterna är inte visad.",
			"en": "System %s (%s) holds personal data but has no restore test (RestoreTest) within %s before %s; the ability to restore access to the personal data has not been shown.",
			"args": [s.name, s.id, restore_test_interval_months_text, input.as_of],
		},
	}
}

# GDPR-32.1.c/c2: the latest restore test of a system did not succeed.
findings contains f if {
	tests := latest_tests
	some s in lib.personal_data_systems
	some t in tests[s.id]
	t.result != "success"
	f := {
		"control": "GDPR-32.1.c/c2",
		"record": t.id,
		"field": "result",
		"message": {
			"sv": "Det senaste återläsningstestet av systemet %s (%s), %s den %s, gav resultatet %s och inget senare test har lyckats.",
			"en": "The latest restore test of system %s (%s), %s on %s, had the result %s and no later test has succeeded.",
			"args": [s.name, s.id, t.id, t.performed, t.result],
		},
	}
}

# GDPR-32.1.c/c3: the latest restore test of a system missed its recovery-time target.
findings contains f if {
	tests := latest_tests
	some s in lib.personal_data_systems
	some t in tests[s.id]
	t.rto_hours_achieved > t.rto_hours_target
	rto_hours_achieved_text := kravkoll.quantity(t.rto_hours_achieved, "hours")
	rto_hours_target_text := kravkoll.quantity(t.rto_hours_target, "hours")
	f := {
		"control": "GDPR-32.1.c/c3",
		"record": t.id,
		"field": "rto_hours_achieved",
		"message": {
			"sv": "Det senaste återläsningstestet av systemet %s (%s), %s den %s, tog %s mot målet %s (rto_hours_target).",
			"en": "The latest restore test of system %s (%s), %s on %s, took %s against the target of %s (rto_hours_target).",
			"args": [s.name, s.id, t.id, t.performed, rto_hours_achieved_text, rto_hours_target_text],
		},
	}
}

# Audits the organisation itself runs or commissions; supervision by an authority is not
# the organisation's own testing process.
evaluated_within_interval if {
	some a in input.audits
	a.type in {"internal", "external"}
	lib.within_months(a.date, evaluation_months)
}

# GDPR-32.1.d/c1: no internal or external audit within the interval.
findings contains f if {
	not evaluated_within_interval
	security_evaluation_interval_months_text := lib.interval_text("security_evaluation_interval_months").text
	f := {
		"control": "GDPR-32.1.d/c1",
		"record": null,
		"message": {
			"sv": "Ingen intern eller extern granskning av säkerhetsåtgärderna (Audit med type internal eller external) har gjorts inom %s före %s.",
			"en": "No internal or external audit of the security measures (Audit with type internal or external) has been carried out within %s before %s.",
			"args": [security_evaluation_interval_months_text, input.as_of],
		},
	}
}
