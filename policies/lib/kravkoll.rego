# Shared helpers for kravkoll's controls (see docs/writing-policies.md).
#
# Dates are "YYYY-MM-DD" strings (the loader has validated them), datetimes are
# RFC 3339 with the correct UTC offset. Month arithmetic is done with
# time.date, never time.add_date (regorus clamps month ends and returns
# undefined for 29 February + 1 year).
package kravkoll.lib

ns_per_second := 1000000000

ns_per_hour := 3600 * ns_per_second

ns_per_day := 24 * ns_per_hour

# "YYYY-MM-DD" -> nanoseconds since the epoch at 00:00 UTC of that day.
date_ns(d) := time.parse_rfc3339_ns(concat("", [d, "T00:00:00Z"]))

# RFC 3339 datetime -> nanoseconds since the epoch (a real instant).
datetime_ns(dt) := time.parse_rfc3339_ns(dt)

# Whole days from date a to date b (negative when b is before a).
days_between(a, b) := round((date_ns(b) - date_ns(a)) / ns_per_day)

# The calendar year of a date, as a number.
year_of(d) := to_number(substring(d, 0, 4))

# The previous calendar year of input.as_of.
previous_year := year_of(input.as_of) - 1

leap_year(y) if {
	y % 4 == 0
	y % 100 != 0
}

leap_year(y) if y % 400 == 0

month_days := [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

days_in_month(y, m) := 29 if {
	m == 2
	leap_year(y)
} else := month_days[m - 1]

# Full calendar months elapsed from date a to date b, with month ends clamped:
# the n-month anniversary of a is the same day-of-month n months later, or the
# last day of that month when it is shorter (2024-01-31 + 1 month = 2024-02-29).
# Negative when b is before a (-full_months(b, a)).
full_months(a, b) := n if {
	a <= b
	n := _forward_months_ns(date_ns(a), date_ns(b))
} else := n if {
	n := 0 - _forward_months_ns(date_ns(b), date_ns(a))
}

_forward_months_ns(a_ns, b_ns) := n if {
	[ya, ma, da] := time.date(a_ns)
	[yb, mb, db] := time.date(b_ns)
	raw := ((yb - ya) * 12) + (mb - ma)
	anniversary_day := min({da, days_in_month(yb, mb)})
	n := _adjust(raw, db, anniversary_day)
}

_adjust(raw, db, anniversary_day) := raw if {
	db >= anniversary_day
} else := raw - 1

# True when date b is strictly after the n-month anniversary of date a
# ("more than n months from a to b"); b on the anniversary itself is not.
months_exceeded(a, b, n) if {
	a < b
	_forward_months_ns(date_ns(a), date_ns(b) - ns_per_day) >= n
}

# True when at least n full months have passed from date d to input.as_of
# (from the n-month anniversary on).
older_than_months(d, n) if full_months(d, input.as_of) >= n

# True when more than n months have passed from date d to input.as_of: an
# evidence dated d no longer satisfies "within n months" at input.as_of
# (on the anniversary itself it still does): d < cutoff(n). kravkoll computes, for whole n,
# the earliest date still within n months (input.months_back[n]), so that the month
# arithmetic is not redone for every record; hand-written test inputs and fractional
# intervals take cutoff's arithmetic.
#
# One rule with an else, not two rules: regorus evaluates every rule of a function on each
# call, and this one runs for many records.
overdue(d, n) if {
	d < input.months_back[n]
} else := true if {
	not input.months_back[n]
	d < cutoff(n)
}

# The earliest date still within n months of input.as_of: evidence dated d with
# cutoff(n) <= d <= as_of is within n months, d < cutoff(n) is overdue, as within_months and
# overdue have it. Bound once before a scan (`since := lib.cutoff(months)`, then
# `r.performed >= since`), it spares a function call per record. kravkoll gives whole n from
# 0 to 240 in input.months_back; otherwise (a test input written by hand, a fractional
# interval) it is computed: the day of as_of n months earlier (n rounded up: full months are
# counted whole), or the first of the following month when that month has no such day.
cutoff(n) := d if {
	d := input.months_back[n]
} else := d if {
	[y, m, day] := time.date(date_ns(input.as_of))
	k := (((y * 12) + m) - 1) - ceil(n)
	ty := floor(k / 12)
	d := _day_or_next_first(ty, (k - (ty * 12)) + 1, day)
}

_day_or_next_first(y, m, day) := sprintf("%04d-%02d-%02d", [y, m, day]) if {
	day <= days_in_month(y, m)
} else := sprintf("%04d-%02d-01", [y + floor(m / 12), (m % 12) + 1])

# Default intervals (src/intervals.rs). input.intervals (defaults merged with
# kravkoll.yaml overrides) wins; these apply only if a name is missing there, so
# that a missing key never silently drops a finding.
default_intervals := {
	"annual_infosec_report_max_gap_months": 12,
	"annual_infosec_report_error_months": 15,
	"patient_safety_report_deadline": "03-01",
	"nis_risk_analysis_max_age_months": 12,
	"nis_action_plan_max_age_months": 12,
	"gdpr_breach_notification_hours": 72,
	"policy_review_warning_months": 12,
	"policy_review_error_months": 36,
	"objectives_review_months": 12,
	"management_briefing_min_per_year": 1,
	"log_followup_interval_months": 3,
	"access_review_interval_months": 12,
	"restore_test_interval_months": 12,
	"supplier_followup_interval_months": 12,
	"classification_review_months": 24,
	"training_completion_warning_pct": 90,
	"risk_analysis_system_max_age_months": 24,
	"nis_initial_report_hours": 6,
	"csl_risk_analysis_max_age_months": 12,
	"audit_response_months": 3,
	"annual_cycle_months": 12,
	"incident_investigation_months": 3,
	"security_evaluation_interval_months": 12,
	"staff_training_interval_months": 12,
}

# Indexing input directly: passing the whole input to a builtin such as object.get
# costs time proportional to its size in regorus.
interval(name) := v if {
	v := input.intervals[name]
} else := default_intervals[name]

# Whether interval `name` is set in kravkoll.yaml (else it is kravkoll's default).
interval_overridden(name) := true if {
	input.interval_overrides[name]
} else := false

# An interval as messages show it, both languages: {"value": {"sv": "3 månader", …},
# "note": {"sv": " (kravkolls standardvärde; inställningen intervals.NAME)", …}, "text": value
# and note}. The note is empty for a number the law itself names (72 hours in GDPR art. 33.1)
# left at its default; a kravkoll default is never presented as law (docs/writing-policies.md).
interval_text(name) := t if {
	t := interval_texts[name]
} else := kravkoll.interval_text(name, interval(name), interval_overridden(name))

# Every interval's text, made once per package: messages ask for them once per finding.
# (patient_safety_report_deadline is a date, "MM-DD", not an interval to write out.)
interval_texts := {name: kravkoll.interval_text(name, interval(name), interval_overridden(name)) |
	some name, value in default_intervals
	is_number(value)
}

# A number as each language writes it: {"sv": "3 257,2", "en": "3,257.2"}.
number(x, places) := kravkoll.number(x, places)

# A number with its unit in the right number, both languages: quantity(1, "hours") is
# {"sv": "1 timme", "en": "1 hour"}. Units: months, full_months, hours, days, percent, times, cases.
quantity(x, unit) := kravkoll.quantity(x, unit)

# The record kinds of the input document (one array per kind).
kinds := [
	"appointments", "documents", "management_briefings", "objectives", "systems",
	"classifications", "risk_analyses", "action_plans", "trainings", "suppliers",
	"incidents", "access_analyses", "access_reviews", "log_reviews", "restore_tests",
	"continuity_plans", "audits", "annual_reports", "patient_safety_reports",
	"exceptions", "improvements", "procurements", "processing_activities", "dpias",
	"maturity_assessments",
]

# The top-level record with the id (ids are unique across the repository): a lookup in
# the index kravkoll builds (input.record_index: id -> [kind plural, position]).
# A function, not an object of every record: regorus evaluates a module's rules when one
# of them is referenced, and an object over all records would be rebuilt for every
# package. Test inputs written by hand have no index; then the record is found by a scan.
record(id) := r if {
	[plural, i] := input.record_index[id]
	# Two steps, not input[plural][i]: regorus evaluates that chained reference markedly
	# slower, and lib.record runs for most records of a large repository (all packages
	# together 11 % less CPU at 100 000 records; docs/performance.md).
	list := input[plural]
	r := list[i]
} else := r if {
	not input.record_index
	some k in kinds
	some r in input[k]
	r.id == id
}

# The index of references (input.referenced_by: id -> kind plural -> the records of that
# kind referring to the id through a top-level ref field), looked up as
# lib.referenced_by[id][plural] (or .plural). An absent entry is undefined, which `some r in`
# reads as no records; where a list is needed, call referencing. A lookup costs a fraction
# of a function call in regorus, and runs for most systems in several packages (see
# docs/writing-policies.md). Test inputs written by hand have no index; then the same object
# is computed here (the comprehension runs only then).
referenced_by := input.referenced_by if {
	input.referenced_by
} else := {id: by_kind |
	some k in kinds
	some r in input[k]
	some id in _ref_ids(r)
	by_kind := {plural: rs |
		some plural in kinds
		rs := [x | some x in input[plural]; _refers(x, id)]
		count(rs) > 0
	}
}

_ref_ids(r) := {id | some f in ref_fields; id := r[f]; is_string(id)} | {id |
	some f in ref_fields
	is_array(r[f])
	some id in r[f]
}

# The records of kind `plural` (e.g. "log_reviews") that refer to `id`, as a list: [] when
# there are none.
referencing(id, plural) := rs if {
	by_kind := referenced_by[id]
	rs := by_kind[plural]
} else := []

# The index of the latest records (input.latest_performed: id -> kind plural -> of the
# records of that kind referring to the id, as in referenced_by, those performed on or
# before input.as_of on the latest `performed` date, usually one), looked up as
# lib.latest_records[id][plural]. For the kinds with a `performed` date (log_reviews,
# access_reviews, access_analyses, restore_tests, risk_analyses, dpias). An absent entry is
# undefined: no such record. A lookup rather than a call of latest_performed, as with
# referenced_by. Test inputs written by hand have no index; then the same object is
# computed here.
latest_records := input.latest_performed if {
	input.latest_performed
} else := {id: by_kind |
	some id, referring in referenced_by
	by_kind := {plural: rs |
		some plural, refs in referring
		done := [r | some r in refs; r.performed <= input.as_of]
		count(done) > 0
		rs := [r | some r in done; r.performed == max([x.performed | some x in done])]
	}
	count(by_kind) > 0
}

# latest_records[id][plural] as a list: [] when there is none.
latest_performed(id, plural) := rs if {
	by_kind := latest_records[id]
	rs := by_kind[plural]
} else := []

ref_fields := ["system", "systems", "supplier", "classification", "compiled_by", "improvements", "sources", "records", "action_plan", "processing", "incidents", "required_measures", "risk_analysis"]

_refers(r, id) if {
	some f in ref_fields
	r[f] == id
}

_refers(r, id) if {
	some f in ref_fields
	is_array(r[f])
	id in r[f]
}

# Systems holding patient data / personal data (patient data is personal data), as sets.
# kravkoll puts both in the input: every package evaluates the rules of this module, and a
# scan of the systems here would be repeated by each of them. Test inputs written by hand
# get the scan.
patient_data_systems := s if {
	s := input.patient_data_systems
} else := {s |
	some s in input.systems
	s.patient_data == true
}

personal_data_systems := s if {
	s := input.personal_data_systems
} else := {s |
	some s in input.systems
	s.personal_data == true
} | patient_data_systems

# A system whose information is classified on or before input.as_of: through its
# classification field or by being listed in a Classification's systems.
classified(s) if {
	c := record(s.classification)
	c.classified <= input.as_of
} else := true if {
	some c in referenced_by[s.id].classifications
	c.classified <= input.as_of
}

# The ids of those of `systems` that classified(s) holds for, found in one pass over the
# Classifications (only they have `classified`) and lookups in referenced_by: call it once
# per package, not classified(s) once per system.
classified_ids(systems) := direct | listed if {
	done := {c.id | some c in input.classifications; c.classified <= input.as_of}
	direct := {s.id | some s in systems; done[s.classification]}
	refs := referenced_by
	# Only those not classified directly: most are, and the lookup in referenced_by (an
	# index of every record) costs more than the one in `direct`.
	listed := {s.id |
		some s in systems
		not direct[s.id]
		some c in refs[s.id].classifications
		c.classified <= input.as_of
	}
}

# The latest of a non-empty set of "YYYY-MM-DD" dates (max of strings).
latest(dates) := max(dates)

# A date d on or before input.as_of and at most n months before it: the evidence
# still counts as "within the last n months" (the n-month anniversary included).
# months_back is compared here rather than through overdue or cutoff: a function call is
# most of the cost of this test.
within_months(d, n) if {
	d <= input.as_of
	d >= input.months_back[n]
} else := true if {
	not input.months_back[n]
	d <= input.as_of
	d >= cutoff(n)
}

# Datetimes (as the loader normalises them, "YYYY-MM-DDTHH:MM:SS+HH:MM") whose date is on
# or before input.as_of are exactly those that sort below this string: "T" sorts before
# "U", and a later day sorts above it within its first ten characters. One string
# comparison per record instead of cutting out the date (a builtin call) for each.
as_of_datetime_bound := concat("", [input.as_of, "U"])

# A date is on or before input.as_of (the evidence existed at the evaluation date).
on_or_before_as_of(d) if d <= input.as_of

# Patient-safety reports (patientsäkerhetslagen 3 kap. 10 §) are due "senast den
# 1 mars varje år" for the previous calendar year. The deadline date of the
# report for year y ("YYYY-03-01" of y + 1; the day comes from the interval
# patient_safety_report_deadline, "MM-DD").
patient_safety_deadline(y) := concat("", [format_int(y + 1, 10), "-", interval("patient_safety_report_deadline")])

# The latest year whose patient-safety report is overdue at input.as_of
# (its deadline has passed): the previous year after 1 March, else the one before.
patient_safety_due_year := previous_year if {
	input.as_of > patient_safety_deadline(previous_year)
} else := previous_year - 1

# The civil-defence authority under its name at input.as_of, for messages that name
# it (NIS incident reports, MSB/MCF guidance): Myndigheten för samhällsskydd och
# beredskap (MSB) until 2025-12-31, Myndigheten för civilt försvar (MCF) from
# 2026-01-01. MCF is also the CSIRT unit under cybersäkerhetsförordningen (2025:1507) 31 §.
civil_defence_authority := {
	"sv": "Myndigheten för samhällsskydd och beredskap (MSB)",
	"en": "the Swedish Civil Contingencies Agency (MSB)",
} if {
	input.as_of <= "2025-12-31"
} else := {
	"sv": "Myndigheten för civilt försvar (MCF)",
	"en": "the Swedish Civil Defence Agency (MCF)",
}
