package kravkoll.csl.incident_reporting_test

import data.kravkoll.csl.incident_reporting
import data.kravkoll.testing

# 2026-11-22 end of day in Stockholm.
base := testing.with_({"as_of": "2026-11-22", "as_of_ns": 1795388399000000000})

inc(id, extra) := object.union({
	"id": id, "kind": "Incident", "title": "Ransomware", "detected": "2026-03-02T08:00:00+01:00",
	"categories": ["it"], "patient_harm": "none", "nis_significant": true,
	"csirt_early_warning": "2026-03-02T15:00:00+01:00", "csirt_notification": "2026-03-04T10:00:00+01:00",
	"closed": "2026-03-20", "csirt_final_report": "2026-03-30", "recipients_informed": "2026-03-03",
}, extra)

with_incidents(is) := object.union(base, {"incidents": is})

test_complete_reporting_passes if {
	fs := incident_reporting.findings with input as with_incidents([inc("i1", {})])
	count(fs) == 0
}

test_early_warning_missing if {
	fs := incident_reporting.findings with input as with_incidents([object.remove(inc("i1", {}), ["csirt_early_warning"])])
	testing.has(fs, "CSL-2.5/c1", "i1")
	testing.well_formed(fs)
	some f in fs
	contains(testing.text(f.message, "sv"), "CSIRT-enheten vid Myndigheten för civilt försvar (MCF)")
}

test_early_warning_not_yet_due if {
	i := object.remove(inc("i1", {"detected": "2026-11-22T10:00:00+01:00"}), ["csirt_early_warning", "csirt_notification", "closed", "csirt_final_report"])
	fs := incident_reporting.findings with input as with_incidents([i])
	count(fs) == 0
}

test_early_warning_late if {
	fs := incident_reporting.findings with input as with_incidents([inc("i1", {"csirt_early_warning": "2026-03-03T08:30:00+01:00"})])
	testing.has(fs, "CSL-2.5/c2", "i1")
	testing.none(fs, "CSL-2.5/c1")
}

test_early_warning_exactly_24h_is_on_time if {
	fs := incident_reporting.findings with input as with_incidents([inc("i1", {"csirt_early_warning": "2026-03-03T08:00:00+01:00"})])
	testing.none(fs, "CSL-2.5/c2")
}

test_incidents_before_the_act_are_ignored if {
	i := object.remove(inc("i1", {"detected": "2026-01-14T23:00:00+01:00"}), ["csirt_early_warning", "csirt_notification"])
	fs := incident_reporting.findings with input as with_incidents([i])
	count(fs) == 0
}

test_unassessed_it_incident if {
	fs := incident_reporting.findings with input as with_incidents([
		object.remove(inc("i1", {}), ["nis_significant"]),
		object.remove(inc("i2", {"categories": ["personal_data_breach"]}), ["nis_significant"]),
	])
	testing.has(fs, "CSL-2.5/c3", "i1")
	not testing.has(fs, "CSL-2.5/c3", "i2")
}

test_not_significant_needs_no_report if {
	i := object.remove(inc("i1", {"nis_significant": false}), ["csirt_early_warning", "csirt_notification", "csirt_final_report"])
	fs := incident_reporting.findings with input as with_incidents([i])
	count(fs) == 0
}

test_notification_missing if {
	fs := incident_reporting.findings with input as with_incidents([object.remove(inc("i1", {}), ["csirt_notification"])])
	testing.has(fs, "CSL-2.6/c1", "i1")
	testing.none(fs, "CSL-2.8/c1")
}

test_notification_late if {
	fs := incident_reporting.findings with input as with_incidents([inc("i1", {"csirt_notification": "2026-03-05T09:00:00+01:00"})])
	testing.has(fs, "CSL-2.6/c2", "i1")
}

test_final_report_missing if {
	fs := incident_reporting.findings with input as with_incidents([object.remove(inc("i1", {}), ["csirt_final_report"])])
	testing.has(fs, "CSL-2.8/c1", "i1")
}

test_final_report_not_yet_due if {
	i := object.remove(inc("i1", {}), ["csirt_final_report"])
	fs := incident_reporting.findings with input as object.union(with_incidents([i]), {"as_of": "2026-04-04", "as_of_ns": 1775339999000000000})
	testing.none(fs, "CSL-2.8/c1")
}

test_ongoing_incident_needs_status_report if {
	i := object.remove(inc("i1", {}), ["closed", "csirt_final_report"])
	fs := incident_reporting.findings with input as with_incidents([i])
	some f in fs
	f.control == "CSL-2.8/c2"
	f.field == "csirt_status_report"
	testing.none(fs, "CSL-2.8/c1")
	ok := incident_reporting.findings with input as with_incidents([object.union(i, {"csirt_status_report": "2026-04-03"})])
	testing.none(ok, "CSL-2.8/c2")
}

test_final_report_due_a_month_after_handled if {
	i := object.union(object.remove(inc("i1", {}), ["csirt_final_report"]), {"closed": "2026-06-15", "csirt_status_report": "2026-04-03"})
	fs := incident_reporting.findings with input as with_incidents([i])
	testing.has(fs, "CSL-2.8/c1", "i1")
	ok := incident_reporting.findings with input as with_incidents([object.union(i, {"csirt_final_report": "2026-07-10"})])
	testing.none(ok, "CSL-2.8/c1")
}

# A late report is a finished event: an error within the yearly cycle, information after it.
test_late_reports_become_information_after_the_cycle if {
	i := inc("i1", {"csirt_early_warning": "2026-03-04T08:00:00+01:00", "csirt_notification": "2026-03-09T10:00:00+01:00"})
	now := incident_reporting.findings with input as with_incidents([i])
	testing.has(now, "CSL-2.5/c2", "i1")
	testing.has(now, "CSL-2.6/c2", "i1")
	later := incident_reporting.findings with input as object.union(with_incidents([i]), {"as_of": "2027-06-01", "as_of_ns": 1811887199000000000})
	testing.has(later, "CSL-2.5/c4", "i1")
	testing.has(later, "CSL-2.6/c3", "i1")
	testing.none(later, "CSL-2.5/c2")
	testing.none(later, "CSL-2.6/c2")
}

test_recipients_informed_or_reason_given if {
	fs := incident_reporting.findings with input as with_incidents([object.remove(inc("i1", {}), ["recipients_informed"])])
	testing.has(fs, "CSL-2.9/c1", "i1")
	testing.well_formed(fs)
	ok := incident_reporting.findings with input as with_incidents([object.union(object.remove(inc("i1", {}), ["recipients_informed"]), {"recipients_not_informed_reason": "Ingen påverkan på tjänsterna"})])
	testing.none(ok, "CSL-2.9/c1")
}

test_recipients_only_for_significant_incidents if {
	fs := incident_reporting.findings with input as with_incidents([object.remove(inc("i1", {"nis_significant": false}), ["recipients_informed"])])
	testing.none(fs, "CSL-2.9/c1")
}
