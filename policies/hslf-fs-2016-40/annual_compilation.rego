# HSLF-FS 2016:40 3 kap. 6 §: the appointed person(s) compile information on the
# information-security work for the care provider at least once a year
# (informationssäkerhetsberättelse, evidence kind AnnualReport).
package kravkoll.hslf_fs_2016_40.annual_compilation

import data.kravkoll.lib

max_gap := lib.interval("annual_infosec_report_max_gap_months")

# Reports submitted on or before as_of.
submitted_reports contains r if {
	some r in input.annual_reports
	r.submitted <= input.as_of
}

submitted_dates := {r.submitted | some r in submitted_reports}

# HSLF-3.6/c2: no compilation submitted at all.
findings contains f if {
	count(submitted_reports) == 0
	f := {
		"control": "HSLF-3.6/c2",
		"record": null,
		"message": {
			"sv": "Ingen årlig sammanställning av informationssäkerhetsarbetet (AnnualReport) har lämnats till vårdgivaren per %s.",
			"en": "No annual compilation of the information-security work (AnnualReport) has been submitted to the care provider as of %s.",
			"args": [input.as_of],
		},
	}
}

# HSLF-3.6/c2: "minst en gång om året", read by calendar year: a whole calendar year passed
# without a compilation and none has been made since, or the latest is more than
# error_months old (a year plus the months up to 1 March, when the patient-safety report
# that draws on it is due; kravkoll's default, setting annual_infosec_report_error_months).
error_months := lib.interval("annual_infosec_report_error_months")

latest_submitted := max(submitted_dates)

start_of_previous_year := sprintf("%v-01-01", [lib.previous_year])

lapse := "overdue" if {
	lib.overdue(latest_submitted, error_months)
} else := "year" if {
	latest_submitted < start_of_previous_year
}

findings contains f if {
	annual_infosec_report_error_months_text := lib.interval_text("annual_infosec_report_error_months").text
	count(submitted_reports) > 0
	lapse == "overdue"
	some r in submitted_reports
	r.submitted == latest_submitted
	full_months_text := kravkoll.quantity(lib.full_months(r.submitted, input.as_of), "full_months")
	f := {
		"control": "HSLF-3.6/c2",
		"record": r.id,
		"field": "submitted",
		"message": {
			"sv": "Den senaste årliga sammanställningen (%s, år %v) lämnades %s, %s före %s; den ska göras minst en gång om året, och kravkoll godtar högst %s.",
			"en": "The latest annual compilation (%s, year %v) was submitted on %s, %s before %s; it is to be made at least once a year, and kravkoll accepts at most %s.",
			"args": [r.id, r.year, r.submitted, full_months_text, input.as_of, annual_infosec_report_error_months_text],
		},
	}
}

findings contains f if {
	count(submitted_reports) > 0
	lapse == "year"
	some r in submitted_reports
	r.submitted == latest_submitted
	f := {
		"control": "HSLF-3.6/c2",
		"record": r.id,
		"field": "submitted",
		"message": {
			"sv": "Ingen årlig sammanställning lämnades under %v och ingen har lämnats sedan; den senaste (%s, år %v) lämnades %s. Sammanställningen ska göras minst en gång om året.",
			"en": "No annual compilation was submitted during %v and none has been since; the latest (%s, year %v) was submitted on %s. The compilation is to be made at least once a year.",
			"args": [lib.previous_year, r.id, r.year, r.submitted],
		},
	}
}

# HSLF-3.6/c3: the previous calendar year is not covered by a submitted compilation
# (only when c2 does not already fire). The provision sets no date, so the year's
# compilation is expected by 1 March, when it is due as input to the patient-safety
# report (HSLF-FS 2016:40 7 kap. 1 § 1 och 3) — not from 1 January.
findings contains f if {
	count(submitted_reports) > 0
	not lapse
	y := lib.previous_year
	input.as_of > lib.patient_safety_deadline(y)
	count([r | some r in submitted_reports; r.year == y]) == 0
	f := {
		"control": "HSLF-3.6/c3",
		"record": null,
		"message": {
			"sv": "Det finns ingen inlämnad årlig sammanställning av informationssäkerhetsarbetet för %v (per %s).",
			"en": "There is no submitted annual compilation of the information-security work for %v (as of %s).",
			"args": [y, input.as_of],
		},
	}
}

# HSLF-3.6/c4: more than max_gap months between two consecutive compilations.
sorted_dates := sort([d | some d in submitted_dates])

findings contains f if {
	some i, next in sorted_dates
	i > 0
	prev := sorted_dates[i - 1]
	lib.months_exceeded(prev, next, max_gap)
	some r in submitted_reports
	r.submitted == next
	days_text := kravkoll.quantity(lib.days_between(prev, next), "days")
	f := {
		"control": "HSLF-3.6/c4",
		"record": r.id,
		"field": "submitted",
		"message": {
			"sv": sprintf("Mellan sammanställningen lämnad %s och %s (%s) gick mer än %s (%s)%s.", [prev, next, r.id, lib.interval_text("annual_infosec_report_max_gap_months").value.sv, days_text.sv, lib.interval_text("annual_infosec_report_max_gap_months").note.sv]),
			"en": sprintf("More than %s (%s) passed between the compilation submitted on %s and %s (%s)%s.", [lib.interval_text("annual_infosec_report_max_gap_months").value.en, days_text.en, prev, next, r.id, lib.interval_text("annual_infosec_report_max_gap_months").note.en]),
		},
	}
}

# HSLF-3.6/c5: the compilation must go to the care provider: the organisation
# (vårdgivaren) or one of its boards (nämnd/styrelse).
care_provider_recipients := {"organisation"} | {b.id | some b in object.get(input.organisation, "boards", [])}

findings contains f if {
	some r in input.annual_reports
	not r.submitted_to in care_provider_recipients
	f := {
		"control": "HSLF-3.6/c5",
		"record": r.id,
		"field": "submitted_to",
		"message": {
			"sv": "Sammanställningen %s (år %v) lämnades till %s, som varken är vårdgivaren (organisation) eller en av dess nämnder/styrelser.",
			"en": "Compilation %s (year %v) was submitted to %s, which is neither the care provider (organisation) nor one of its boards.",
			"args": [r.id, r.year, r.submitted_to],
		},
	}
}

# HSLF-3.6/c7: the compilation must be made by an appointed coordinator
# ("Den eller de som utses ska ... sammanställa").
findings contains f if {
	some r in input.annual_reports
	not compiled_by_coordinator(r)
	f := {
		"control": "HSLF-3.6/c7",
		"record": r.id,
		"field": "compiled_by",
		"message": {
			"sv": "Sammanställningen %s (år %v) anger compiled_by: %s, som inte är en Appointment med role: infosec_coordinator.",
			"en": "Compilation %s (year %v) names compiled_by: %s, which is not an Appointment with role: infosec_coordinator.",
			"args": [r.id, r.year, r.compiled_by],
		},
	}
}

compiled_by_coordinator(r) if {
	some a in input.appointments
	a.id == r.compiled_by
	a.role == "infosec_coordinator"
}
