package kravkoll.lib_test

import data.kravkoll.lib

test_date_ns_epoch if lib.date_ns("1970-01-01") == 0

test_date_ns_known_day if lib.date_ns("2024-02-29") == 1709164800000000000

test_days_between_simple if lib.days_between("2025-01-01", "2025-01-31") == 30

test_days_between_negative if lib.days_between("2025-01-31", "2025-01-01") == -30

test_days_between_same_day if lib.days_between("2025-06-15", "2025-06-15") == 0

test_days_between_leap_february if lib.days_between("2024-02-28", "2024-03-01") == 2

test_days_between_common_february if lib.days_between("2025-02-28", "2025-03-01") == 1

test_days_between_year_boundary if lib.days_between("2024-12-31", "2025-01-01") == 1

test_days_between_leap_year_length if lib.days_between("2024-01-01", "2025-01-01") == 366

test_days_between_dst_irrelevant if lib.days_between("2025-03-29", "2025-03-31") == 2

test_full_months_same_day if lib.full_months("2025-05-10", "2025-05-10") == 0

test_full_months_one_day_short if lib.full_months("2025-01-15", "2025-02-14") == 0

test_full_months_exact if lib.full_months("2025-01-15", "2025-02-15") == 1

test_full_months_clamped_leap if lib.full_months("2024-01-31", "2024-02-29") == 1

test_full_months_clamped_leap_one_short if lib.full_months("2024-01-31", "2024-02-28") == 0

test_full_months_clamped_common if lib.full_months("2025-01-31", "2025-02-28") == 1

test_full_months_march_to_april_end if lib.full_months("2025-03-31", "2025-04-30") == 1

test_full_months_after_clamp_month if lib.full_months("2024-01-31", "2024-03-30") == 1

test_full_months_after_clamp_month_full if lib.full_months("2024-01-31", "2024-03-31") == 2

test_full_months_leap_day_plus_year if lib.full_months("2024-02-29", "2025-02-28") == 12

test_full_months_leap_day_plus_year_short if lib.full_months("2024-02-29", "2025-02-27") == 11

test_full_months_leap_day_to_leap_day if lib.full_months("2024-02-29", "2028-02-29") == 48

test_full_months_year_boundary if lib.full_months("2024-12-15", "2025-01-15") == 1

test_full_months_year_boundary_short if lib.full_months("2024-12-15", "2025-01-14") == 0

test_full_months_many_years if lib.full_months("2017-03-01", "2025-12-31") == 105

test_full_months_negative if lib.full_months("2025-02-15", "2025-01-15") == -1

test_full_months_negative_partial if lib.full_months("2025-02-14", "2025-01-15") == 0

test_older_than_months_true if {
	lib.older_than_months("2025-09-30", 3) with input as {"as_of": "2025-12-31"}
}

test_older_than_months_on_anniversary if {
	lib.older_than_months("2025-09-30", 3) with input as {"as_of": "2025-12-30"}
}

test_older_than_months_false if {
	not lib.older_than_months("2025-10-01", 3) with input as {"as_of": "2025-12-31"}
}

test_older_than_months_leap_clamp if {
	lib.older_than_months("2023-02-28", 12) with input as {"as_of": "2024-02-28"}
	not lib.older_than_months("2024-02-29", 12) with input as {"as_of": "2025-02-27"}
	lib.older_than_months("2024-02-29", 12) with input as {"as_of": "2025-02-28"}
}

test_year_of if {
	lib.year_of("2024-02-29") == 2024
	lib.year_of("1999-12-31") == 1999
}

test_previous_year if {
	lib.previous_year == 2024 with input as {"as_of": "2025-01-01"}
}

test_leap_years if {
	lib.leap_year(2024)
	lib.leap_year(2000)
	not lib.leap_year(1900)
	not lib.leap_year(2025)
}

test_days_in_month if {
	lib.days_in_month(2024, 2) == 29
	lib.days_in_month(2025, 2) == 28
	lib.days_in_month(1900, 2) == 28
	lib.days_in_month(2025, 12) == 31
	lib.days_in_month(2025, 4) == 30
}

test_interval_from_input if {
	lib.interval("log_followup_interval_months") == 1 with input as {"intervals": {"log_followup_interval_months": 1}}
}

test_interval_default_when_missing if {
	lib.interval("log_followup_interval_months") == 3 with input as {"intervals": {}}
}

test_record_by_scan if {
	inp := data.kravkoll.testing.with_({
		"systems": [{"id": "sys-a", "kind": "System"}],
		"incidents": [{"id": "inc-1", "kind": "Incident"}],
	})
	lib.record("sys-a").kind == "System" with input as inp
	lib.record("inc-1").kind == "Incident" with input as inp
	not lib.record("nope") with input as inp
}

test_record_through_the_index if {
	inp := data.kravkoll.testing.with_({
		"systems": [{"id": "sys-a", "kind": "System"}, {"id": "sys-b", "kind": "System"}],
		"record_index": {"sys-a": ["systems", 0], "sys-b": ["systems", 1]},
	})
	lib.record("sys-b").id == "sys-b" with input as inp
	not lib.record("sys-c") with input as inp
}

test_referenced_by_scan if {
	inp := data.kravkoll.testing.with_({
		"systems": [{"id": "sys-a", "kind": "System"}, {"id": "sys-b", "kind": "System"}],
		"log_reviews": [
			{"id": "lr-1", "kind": "LogReview", "system": "sys-a"},
			{"id": "lr-2", "kind": "LogReview", "system": "sys-a"},
		],
		"risk_analyses": [{"id": "ra-1", "kind": "RiskAnalysis", "systems": ["sys-a", "sys-b"]}],
	})
	[r.id | some r in lib.referenced_by["sys-a"].log_reviews] == ["lr-1", "lr-2"] with input as inp
	[r.id | some r in lib.referenced_by["sys-b"].risk_analyses] == ["ra-1"] with input as inp
	not lib.referenced_by["sys-b"].log_reviews with input as inp
	not lib.referenced_by["lr-1"] with input as inp

	# The same records as the function, which gives an empty list where the object has no
	# entry.
	every id in ["sys-a", "sys-b"] {
		every plural in ["log_reviews", "risk_analyses"] {
			lib.referencing(id, plural) == object.get(lib.referenced_by, [id, plural], []) with input as inp
		}
	}
}

test_referenced_by_through_the_index if {
	inp := data.kravkoll.testing.with_({
		"systems": [{"id": "sys-a", "kind": "System"}],
		"log_reviews": [{"id": "lr-1", "kind": "LogReview", "system": "sys-a"}],
		# Only what the index says: kravkoll built it from the records.
		"referenced_by": {"sys-a": {"log_reviews": [{"id": "lr-from-index"}]}},
	})
	[r.id | some r in lib.referenced_by["sys-a"].log_reviews] == ["lr-from-index"] with input as inp
}

test_personal_data_systems_include_patient_data if {
	inp := data.kravkoll.testing.with_({"systems": [
		{"id": "journal", "patient_data": true, "personal_data": false},
		{"id": "hr", "patient_data": false, "personal_data": true},
		{"id": "web", "patient_data": false, "personal_data": false},
	]})
	ids := {s.id | some s in lib.personal_data_systems} with input as inp
	ids == {"journal", "hr"}
	pids := {s.id | some s in lib.patient_data_systems} with input as inp
	pids == {"journal"}
}

test_datetime_ns_offsets if {
	lib.datetime_ns("2025-10-27T09:30:00+01:00") - lib.datetime_ns("2025-10-24T10:00:00+02:00") == 72.5 * lib.ns_per_hour
}

test_months_exceeded_on_anniversary_false if not lib.months_exceeded("2024-12-31", "2025-12-31", 12)

test_months_exceeded_day_after_true if lib.months_exceeded("2024-12-31", "2026-01-01", 12)

test_months_exceeded_clamped_end if {
	not lib.months_exceeded("2025-01-31", "2025-02-28", 1)
	lib.months_exceeded("2025-01-31", "2025-03-01", 1)
	not lib.months_exceeded("2024-01-31", "2024-02-29", 1)
	lib.months_exceeded("2024-01-31", "2024-03-01", 1)
}

test_months_exceeded_leap_day if {
	not lib.months_exceeded("2024-02-29", "2025-02-28", 12)
	lib.months_exceeded("2024-02-29", "2025-03-01", 12)
}

test_months_exceeded_not_when_before if {
	not lib.months_exceeded("2025-05-01", "2025-04-01", 0)
	not lib.months_exceeded("2025-05-01", "2025-05-01", 0)
}

test_overdue if {
	lib.overdue("2025-09-29", 3) with input as {"as_of": "2025-12-30"}
	not lib.overdue("2025-09-30", 3) with input as {"as_of": "2025-12-30"}
	lib.overdue("2025-09-30", 3) with input as {"as_of": "2025-12-31"}
}

review(id, system, performed) := {"id": id, "kind": "LogReview", "system": system, "performed": performed}

latest_input := {
	"as_of": "2025-12-31",
	"log_reviews": [
		review("lr-1", "sys-a", "2025-06-30"),
		review("lr-2", "sys-a", "2025-11-30"),
		review("lr-3", "sys-a", "2026-01-15"),
		review("lr-4", "sys-b", "2025-03-01"),
		review("lr-5", "sys-b", "2025-03-01"),
	],
}

# Without kravkoll's index (hand-written inputs) the library finds the same as the index: the
# records performed on or before as_of on their latest date, all of them on a tie.
test_latest_performed if {
	[r.id | some r in lib.latest_performed("sys-a", "log_reviews")] == ["lr-2"] with input as latest_input
	{r.id | some r in lib.latest_performed("sys-b", "log_reviews")} == {"lr-4", "lr-5"} with input as latest_input
	lib.latest_performed("sys-c", "log_reviews") == [] with input as latest_input
	indexed := object.union(latest_input, {"latest_performed": {"sys-a": {"log_reviews": [review("lr-2", "sys-a", "2025-11-30")]}}})
	[r.id | some r in lib.latest_performed("sys-a", "log_reviews")] == ["lr-2"] with input as indexed
	lib.latest_performed("sys-b", "log_reviews") == [] with input as indexed
}

# The index object itself: the scan gives only ids and kinds with a record performed on or
# before as_of; kravkoll's index is taken as it is.
test_latest_index if {
	{id: [r.id | some r in kinds.log_reviews] | some id, kinds in lib.latest_records} == {"sys-a": ["lr-2"], "sys-b": ["lr-4", "lr-5"]} with input as latest_input
	not lib.latest_records["sys-c"] with input as object.union(latest_input, {"log_reviews": [review("lr-9", "sys-c", "2026-02-01")]})
	indexed := object.union(latest_input, {"latest_performed": {"sys-a": {"log_reviews": [review("lr-2", "sys-a", "2025-11-30")]}}})
	object.keys(lib.latest_records) == {"sys-a"} with input as indexed
}

# Evidence dates around month ends, and which of them are overdue by 0 to 3 months.
overdue_pairs := {[d, n] |
	some d in ["2025-09-30", "2025-10-01", "2025-10-30", "2025-10-31", "2025-11-30", "2025-12-01", "2025-12-30", "2025-12-31"]
	some n in numbers.range(0, 3)
	lib.overdue(d, n)
}

# input.months_back (built by kravkoll: the earliest date still within n months) gives the
# same answers as the month arithmetic, which hand-written inputs without it fall back to.
test_overdue_through_months_back if {
	months_back := ["2025-12-31", "2025-12-01", "2025-10-31", "2025-10-01"]
	fast := overdue_pairs with input as {"as_of": "2025-12-31", "months_back": months_back}
	slow := overdue_pairs with input as {"as_of": "2025-12-31"}
	fast == slow
	["2025-10-30", 2] in fast
	not ["2025-10-31", 2] in fast
	# A fractional interval is not in the list and takes the arithmetic.
	lib.overdue("2025-09-30", 2.5) with input as {"as_of": "2025-12-31", "months_back": months_back}
}

# within_months is overdue's complement up to as_of, with and without months_back: the
# anniversary itself is within, the day before it is not, and a date after as_of never is.
test_within_months if {
	months_back := ["2025-12-31", "2025-12-01", "2025-10-31", "2025-10-01"]
	every inp in [{"as_of": "2025-12-31", "months_back": months_back}, {"as_of": "2025-12-31"}] {
		lib.within_months("2025-10-31", 2) with input as inp
		not lib.within_months("2025-10-30", 2) with input as inp
		lib.within_months("2025-12-31", 0) with input as inp
		not lib.within_months("2026-01-01", 3) with input as inp
		# 2.5 months counts whole months: 3.
		lib.within_months("2025-10-01", 2.5) with input as inp
		not lib.within_months("2025-09-30", 2.5) with input as inp
	}
}

test_patient_safety_deadline if {
	lib.patient_safety_deadline(2024) == "2025-03-01" with input as {"intervals": {}}
}

test_patient_safety_due_year if {
	lib.patient_safety_due_year == 2024 with input as {"as_of": "2025-03-02", "intervals": {}}
	lib.patient_safety_due_year == 2023 with input as {"as_of": "2025-03-01", "intervals": {}}
	lib.patient_safety_due_year == 2023 with input as {"as_of": "2025-01-01", "intervals": {}}
	lib.patient_safety_due_year == 2024 with input as {"as_of": "2025-12-31", "intervals": {}}
}

test_civil_defence_authority_msb_until_2025 if {
	a := lib.civil_defence_authority with input as {"as_of": "2025-12-31"}
	a.sv == "Myndigheten för samhällsskydd och beredskap (MSB)"
	contains(a.en, "(MSB)")
}

test_civil_defence_authority_mcf_from_2026 if {
	a := lib.civil_defence_authority with input as {"as_of": "2026-01-01"}
	a.sv == "Myndigheten för civilt försvar (MCF)"
	contains(a.en, "(MCF)")
}

test_interval_text_names_a_kravkoll_default if {
	t := lib.interval_text("log_followup_interval_months") with input as {}
	t.text.sv == "3 månader (kravkolls standardvärde; inställningen intervals.log_followup_interval_months)"
	t.value.en == "3 months"
}

test_interval_text_of_an_override if {
	t := lib.interval_text("log_followup_interval_months") with input as {
		"intervals": {"log_followup_interval_months": 1},
		"interval_overrides": {"log_followup_interval_months": true},
	}
	t.text.sv == "1 månad (enligt inställningen intervals.log_followup_interval_months i kravkoll.yaml)"
}

test_interval_text_of_the_laws_own_number if {
	t := lib.interval_text("gdpr_breach_notification_hours") with input as {}
	t.text.sv == "72 timmar"
	t.note.en == ""
}

test_number_swedish_and_english if {
	n := lib.number(3257.25, 1)
	n.sv == "3\u00a0257,2"
	n.en == "3,257.2"
}

test_quantity_agrees_in_number if {
	lib.quantity(1, "hours").sv == "1 timme"
	lib.quantity(2, "full_months").sv == "2 hela månader"
}
