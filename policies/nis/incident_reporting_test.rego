package kravkoll.nis.incident_reporting_test

import data.kravkoll.nis.incident_reporting
import data.kravkoll.testing

inc(id, extra) := object.union({"id": id, "kind": "Incident", "title": "Avbrott i journalen", "detected": "2025-08-19T07:05:00+02:00", "categories": ["nis", "it"], "patient_harm": "none"}, extra)

test_c1_fails_for_unreported_significant_incident if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [inc("i1", {"nis_significant": true})]})
	testing.has(fs, "NIS-18/c1", "i1")
	testing.well_formed(fs)
	some f in fs
	contains(testing.text(f.message, "sv"), "(MSB)")
}

test_c1_names_mcf_from_2026 if {
	i := testing.with_({"as_of": "2026-01-10", "as_of_ns": 1768085999000000000, "incidents": [inc("i1", {"nis_significant": true})]})
	fs := incident_reporting.findings with input as i
	some f in fs
	f.control == "NIS-18/c1"
	contains(testing.text(f.message, "sv"), "Myndigheten för civilt försvar (MCF)")
}

test_c1_ignores_incident_detected_after_as_of if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [inc("i1", {"nis_significant": true, "detected": "2026-01-01T08:00:00+01:00"})]})
	testing.none(fs, "NIS-18/c1")
}

test_c1_passes_when_reported_or_not_significant if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [
		inc("i1", {"nis_significant": true, "msb_reported": "2025-08-19T11:40:00+02:00"}),
		inc("i2", {"nis_significant": false}),
	]})
	count(fs) == 0
}

test_c2_fails_for_unassessed_nis_incident if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [inc("i1", {}), inc("i2", {"categories": ["it"]})]})
	testing.has(fs, "NIS-18/c2", "i1")
	not testing.has(fs, "NIS-18/c2", "i2")
}

test_c3_info_for_report_after_six_hours if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [inc("i1", {"nis_significant": true, "msb_reported": "2025-08-19T13:06:00+02:00"})]})
	testing.has(fs, "NIS-18/c3", "i1")
	testing.none(fs, "NIS-18/c1")
}

test_c3_passes_within_six_hours if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [inc("i1", {"nis_significant": true, "msb_reported": "2025-08-19T13:05:00+02:00"})]})
	testing.none(fs, "NIS-18/c3")
}

# Transitional provision 3 of cybersäkerhetslagen (2025:1506): the repealed act still applies
# to breaches before 2026-01-15. The policy keeps producing the finding at a later as_of, with
# the event's date, by which the engine keeps it (judged_by: event).
test_c1_still_found_after_the_act_was_repealed if {
	i := testing.with_({"as_of": "2026-03-01", "as_of_ns": 1772405999999999999, "incidents": [inc("i1", {"nis_significant": true, "detected": "2025-11-20T08:00:00+01:00"})]})
	fs := incident_reporting.findings with input as i
	some f in fs
	f.control == "NIS-18/c1"
	f.event_date == "2025-11-20T08:00:00+01:00"
}

test_every_finding_carries_its_event_date if {
	fs := incident_reporting.findings with input as testing.with_({"incidents": [
		inc("i1", {"nis_significant": true}),
		inc("i2", {}),
		inc("i3", {"nis_significant": true, "msb_reported": "2025-08-20T11:40:00+02:00"}),
	]})
	count(fs) == 3
	every f in fs {
		f.event_date == "2025-08-19T07:05:00+02:00"
	}
}

# On as_of's own day the instant decides (as_of_ns is "now" when as_of is today: here
# 2025-12-31 12:00 +01:00); an earlier day is known by its date alone.
test_c1_judges_as_of_day_by_the_instant if {
	noon := 1767178800000000000
	earlier := inc("i0", {"nis_significant": true, "detected": "2025-12-30T23:59:00+01:00"})
	morning := inc("i1", {"nis_significant": true, "detected": "2025-12-31T09:00:00+01:00"})
	evening := inc("i2", {"nis_significant": true, "detected": "2025-12-31T15:00:00+01:00"})
	fs := incident_reporting.findings with input as testing.with_({"as_of_ns": noon, "incidents": [earlier, morning, evening]})
	testing.has(fs, "NIS-18/c1", "i0")
	testing.has(fs, "NIS-18/c1", "i1")
	not testing.has(fs, "NIS-18/c1", "i2")
}
