package kravkoll.gdpr.breach_notification_test

import data.kravkoll.gdpr.breach_notification
import data.kravkoll.lib
import data.kravkoll.testing

breach(extra) := object.union({
	"id": "inc-1", "kind": "Incident", "file": "evidence/incidents/inc-1.yaml", "line": 1,
	"title": "Felskickat e-brev med journalkopia", "detected": "2025-03-03T09:00:00+01:00",
	"categories": ["personal_data_breach"], "patient_harm": "none",
	"effects": "En patients journalkopia lästes av fel mottagare",
}, extra)

# 2025-12-31 23:59:59 +01:00
as_of_ns := lib.datetime_ns("2025-12-31T23:59:59+01:00")

inp(incs) := testing.with_({"incidents": incs, "as_of_ns": as_of_ns})

test_fixture_as_of_ns_matches if testing.base.as_of_ns == as_of_ns

test_c1_fails_when_not_notified_after_deadline if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": true})])
	testing.has(fs, "GDPR-33/c1", "inc-1")
	testing.well_formed(fs)
}

test_c1_no_finding_before_deadline if {
	i := object.union(inp([breach({"imy_reportable": true, "detected": "2025-12-30T10:00:00+01:00"})]), {"as_of_ns": lib.datetime_ns("2026-01-02T09:59:59+01:00")})
	fs := breach_notification.findings with input as i
	testing.none(fs, "GDPR-33/c1")
	count(fs) == 0
}

test_c1_fires_one_second_after_deadline if {
	i := object.union(inp([breach({"imy_reportable": true, "detected": "2025-12-30T10:00:00+01:00"})]), {"as_of_ns": lib.datetime_ns("2026-01-02T10:00:01+01:00")})
	fs := breach_notification.findings with input as i
	testing.has(fs, "GDPR-33/c1", "inc-1")
}

test_c1_passes_when_not_reportable if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": false})])
	testing.none(fs, "GDPR-33/c1")
	testing.none(fs, "GDPR-33/c4")
}

test_c1_ignores_non_breach_incidents if {
	fs := breach_notification.findings with input as inp([breach({"categories": ["it"], "imy_reportable": true})])
	count(fs) == 0
}

test_c1_ignores_breaches_detected_after_as_of if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": true, "detected": "2026-01-05T10:00:00+01:00"})])
	count(fs) == 0
}

test_c1_when_notified_only_after_as_of if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": true, "detected": "2025-12-01T10:00:00+01:00", "imy_reported": "2026-01-10T10:00:00+01:00"})])
	testing.has(fs, "GDPR-33/c1", "inc-1")
	testing.none(fs, "GDPR-33/c2")
}

test_c2_fails_across_end_of_dst if {
	# 2025-10-24 10:00 CEST -> 2025-10-27 09:30 CET is 72.5 h of real time
	# (the wall clock shows 71.5 h).
	b := breach({"imy_reportable": true, "detected": "2025-10-24T10:00:00+02:00", "imy_reported": "2025-10-27T09:30:00+01:00"})
	fs := breach_notification.findings with input as inp([b])
	testing.has(fs, "GDPR-33/c2", "inc-1")
	testing.none(fs, "GDPR-33/c1")
	some f in fs
	f.control == "GDPR-33/c2"
	contains(testing.text(f.message, "en"), "72.5 hours")
	testing.well_formed(fs)
}

test_c2_passes_across_start_of_dst_within_limit if {
	# 2025-03-28 10:00 CET -> 2025-03-31 10:30 CEST is 71.5 h of real time
	# (the wall clock shows 72.5 h).
	b := breach({"imy_reportable": true, "detected": "2025-03-28T10:00:00+01:00", "imy_reported": "2025-03-31T10:30:00+02:00"})
	fs := breach_notification.findings with input as inp([b])
	testing.none(fs, "GDPR-33/c2")
	count(fs) == 0
}

test_c2_exactly_72_hours_is_on_time if {
	b := breach({"imy_reportable": true, "detected": "2025-05-05T08:00:00+02:00", "imy_reported": "2025-05-08T06:00:00Z"})
	fs := breach_notification.findings with input as inp([b])
	count(fs) == 0
}

test_c2_passes_with_timely_notification if {
	b := breach({"imy_reportable": true, "imy_reported": "2025-03-05T16:00:00+01:00"})
	fs := breach_notification.findings with input as inp([b])
	testing.none(fs, "GDPR-33/c2")
	testing.none(fs, "GDPR-33/c1")
}

test_c2_uses_configured_hours if {
	b := breach({"imy_reportable": true, "imy_reported": "2025-03-05T16:00:00+01:00"})
	i := object.union(inp([b]), {"intervals": {"gdpr_breach_notification_hours": 24}})
	fs := breach_notification.findings with input as i
	testing.has(fs, "GDPR-33/c2", "inc-1")
}

test_c3_info_when_late_with_reason if {
	b := breach({"imy_reportable": true, "imy_reported": "2025-03-07T09:00:00+01:00", "delay_reason": "Omfattningen kunde fastställas först efter leverantörens utredning."})
	fs := breach_notification.findings with input as inp([b])
	testing.has(fs, "GDPR-33/c3", "inc-1")
	testing.none(fs, "GDPR-33/c2")
	testing.well_formed(fs)
}

test_c3_passes_when_on_time_with_reason if {
	b := breach({"imy_reportable": true, "imy_reported": "2025-03-04T09:00:00+01:00", "delay_reason": "n/a"})
	fs := breach_notification.findings with input as inp([b])
	testing.none(fs, "GDPR-33/c3")
}

test_c4_fails_when_not_assessed if {
	fs := breach_notification.findings with input as inp([breach({})])
	testing.has(fs, "GDPR-33/c4", "inc-1")
	testing.none(fs, "GDPR-33/c1")
	testing.well_formed(fs)
}

test_c4_no_finding_before_deadline if {
	i := object.union(inp([breach({"detected": "2025-12-31T12:00:00+01:00"})]), {"as_of_ns": as_of_ns})
	fs := breach_notification.findings with input as i
	testing.none(fs, "GDPR-33/c4")
}

test_c4_passes_when_notified_without_assessment_flag if {
	fs := breach_notification.findings with input as inp([breach({"imy_reported": "2025-03-04T09:00:00+01:00"})])
	testing.none(fs, "GDPR-33/c4")
	count(fs) == 0
}

test_c2_applies_even_without_assessment_flag if {
	fs := breach_notification.findings with input as inp([breach({"imy_reported": "2025-03-10T09:00:00+01:00"})])
	testing.has(fs, "GDPR-33/c2", "inc-1")
}

test_c5_1_fails_for_closed_breach_without_cause_or_remedy if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": false, "closed": "2025-04-01"})])
	testing.has(fs, "GDPR-33.5/c1", "inc-1")
	testing.well_formed(fs)
}

test_c5_1_passes_with_root_cause_or_improvements if {
	fs1 := breach_notification.findings with input as inp([breach({"imy_reportable": false, "closed": "2025-04-01", "root_cause": "Fel mottagare valdes i adressboken."})])
	testing.none(fs1, "GDPR-33.5/c1")
	fs2 := breach_notification.findings with input as inp([breach({"imy_reportable": false, "closed": "2025-04-01", "improvements": ["imp-1"]})])
	testing.none(fs2, "GDPR-33.5/c1")
}

test_c5_1_ignores_open_breach if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": false})])
	testing.none(fs, "GDPR-33.5/c1")
}

test_c5_2_fails_for_open_breach_without_effects if {
	fs := breach_notification.findings with input as inp([object.remove(breach({"imy_reportable": false}), ["effects"])])
	testing.has(fs, "GDPR-33.5/c2", "inc-1")
	testing.well_formed(fs)
}

test_c5_2_fails_for_closed_breach_without_effects if {
	fs := breach_notification.findings with input as inp([object.remove(breach({"imy_reportable": false, "closed": "2025-04-01", "root_cause": "x"}), ["effects"])])
	testing.has(fs, "GDPR-33.5/c2", "inc-1")
}

test_c5_2_not_before_the_notification_time_has_passed if {
	i := object.union(inp([object.remove(breach({"detected": "2025-12-30T10:00:00+01:00"}), ["effects"])]), {"as_of_ns": lib.datetime_ns("2026-01-02T09:59:59+01:00")})
	fs := breach_notification.findings with input as i
	testing.none(fs, "GDPR-33.5/c2")
}

test_c5_2_patient_harm_is_not_the_effects if {
	fs := breach_notification.findings with input as inp([object.remove(breach({"imy_reportable": false, "patient_harm": "caused"}), ["effects"])])
	testing.has(fs, "GDPR-33.5/c2", "inc-1")
}

test_c5_2_passes_with_documented_effects if {
	fs := breach_notification.findings with input as inp([breach({"imy_reportable": false, "closed": "2025-04-01", "root_cause": "x", "patient_harm": "unknown"})])
	testing.none(fs, "GDPR-33.5/c2")
}
