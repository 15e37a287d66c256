package kravkoll.psl.incidents_test

import data.kravkoll.psl.incidents
import data.kravkoll.testing

inc(extra) := object.union({
	"id": "inc-1", "kind": "Incident", "title": "Fel läkemedel", "detected": "2025-06-02T10:00:00+02:00",
	"categories": ["deviation"], "patient_harm": "caused", "analysed": "2025-06-20",
	"root_cause": "Förväxling", "closed": "2025-07-01", "patient_informed": "2025-06-03",
}, extra)

run(i) := fs if {
	fs := incidents.findings with input as testing.with_({"incidents": [i]})
}

test_complete_event_passes if {
	count(run(inc({}))) == 0
}

test_c3_c1_closed_without_investigation if {
	fs := run(object.remove(inc({}), ["analysed"]))
	testing.has(fs, "PSL-3.3/c1", "inc-1")
	testing.none(fs, "PSL-3.3/c2")
	testing.well_formed(fs)
}

test_c3_c1_covers_events_that_could_have_caused_harm if {
	fs := run(object.remove(inc({"patient_harm": "could_have"}), ["analysed"]))
	testing.has(fs, "PSL-3.3/c1", "inc-1")
}

test_c3_c1_ignores_events_without_harm if {
	fs := run(object.remove(inc({"patient_harm": "none"}), ["analysed"]))
	count(fs) == 0
}

test_c3_c2_open_event_overdue if {
	fs := run(object.remove(inc({}), ["analysed", "closed"]))
	testing.has(fs, "PSL-3.3/c2", "inc-1")
	testing.none(fs, "PSL-3.3/c1")
	testing.well_formed(fs)
}

test_c3_c2_recent_open_event_is_not_yet_due if {
	i := object.remove(inc({"detected": "2025-11-15T10:00:00+01:00"}), ["analysed", "closed"])
	fs := run(i)
	testing.none(fs, "PSL-3.3/c2")
}

test_c3_c2_uses_the_configured_months if {
	i := object.remove(inc({"detected": "2025-11-15T10:00:00+01:00"}), ["analysed", "closed"])
	fs := incidents.findings with input as testing.with_({"incidents": [i], "intervals": {"incident_investigation_months": 1}})
	testing.has(fs, "PSL-3.3/c2", "inc-1")
}

test_c5_serious_harm_not_reported_to_ivo if {
	fs := run(inc({"serious_harm": true}))
	testing.has(fs, "PSL-3.5/c1", "inc-1")
	testing.well_formed(fs)
}

test_c5_passes_when_reported if {
	fs := run(inc({"serious_harm": true, "ivo_reported": "2025-06-10"}))
	testing.none(fs, "PSL-3.5/c1")
}

test_c5_report_after_as_of_does_not_count if {
	fs := run(inc({"serious_harm": true, "ivo_reported": "2026-01-10"}))
	testing.has(fs, "PSL-3.5/c1", "inc-1")
}

test_c8_patient_not_informed if {
	fs := run(object.remove(inc({}), ["patient_informed"]))
	testing.has(fs, "PSL-3.8/c1", "inc-1")
	testing.well_formed(fs)
}

test_c8_reason_not_to_inform_is_accepted if {
	fs := run(object.remove(inc({"patient_not_informed_reason": "Sekretess"}), ["patient_informed"]))
	testing.none(fs, "PSL-3.8/c1")
}

test_c8_only_for_harm_that_happened if {
	fs := run(object.remove(inc({"patient_harm": "could_have"}), ["patient_informed"]))
	testing.none(fs, "PSL-3.8/c1")
}

test_events_detected_after_as_of_are_not_judged if {
	fs := run(object.remove(inc({"detected": "2026-02-01T10:00:00+01:00", "serious_harm": true}), ["analysed", "patient_informed"]))
	count(fs) == 0
}

# The day of as_of is judged to its last minute, the next day not at all (the datetimes are
# compared with lib.as_of_datetime_bound, not cut to their dates).
test_events_detected_late_on_as_of_are_judged_and_the_next_day_not if {
	late := object.remove(inc({"detected": "2025-12-31T23:59:00+01:00", "serious_harm": true}), ["ivo_reported"])
	testing.has(run(late), "PSL-3.5/c1", "inc-1")
	next := object.remove(inc({"detected": "2026-01-01T00:01:00+01:00", "serious_harm": true}), ["ivo_reported"])
	testing.none(run(next), "PSL-3.5/c1")
}
