# Lag (2018:1174) 18 §: operators of essential services report, without undue delay,
# incidents with a significant impact on the continuity of the essential service, to the
# authority the government decides (MSB; from 2026-01-01 Myndigheten för civilt försvar).
# MSBFS 2018:9 sets the criteria and the stages of the report.
package kravkoll.nis.incident_reporting

import data.kravkoll.lib

report_hours := lib.interval("nis_initial_report_hours")

authority := lib.civil_defence_authority

# The incidents these checks judge: those assessed as significant and those in the NIS
# category, by id. Picked by their fields first: of some 16 000 incidents in a large
# region a hundred or so are such, and only theirs need their dates compared.
nis_incidents := object.union(
	{i.id: i | some i in input.incidents; i.nis_significant == true},
	{i.id: i | some i in input.incidents; "nis" in i.categories},
)

# Of those, the incidents known at as_of: detected on or before the end of that day, or
# before now when as_of is today. Datetimes are normalised to the organisation's time zone,
# so one written on an earlier day sorts below as_of and is known by its date alone; only
# those of as_of's own day are parsed to compare the instant.
known_incidents := array.concat(
	[i |
		as_of := input.as_of
		some i in nis_incidents
		i.detected < as_of
	],
	[i |
		as_of := input.as_of
		bound := lib.as_of_datetime_bound
		some i in nis_incidents
		i.detected > as_of
		i.detected < bound
		time.parse_rfc3339_ns(i.detected) <= input.as_of_ns
	],
)

# NIS-18/c1: a significant incident not reported.
findings contains f if {
	some i in known_incidents
	i.nis_significant == true
	not i.msb_reported
	f := {
		"control": "NIS-18/c1",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": "Incidenten %s (%s, upptäckt %s) har betydande inverkan på den samhällsviktiga tjänsten men är inte rapporterad till %s (msb_reported saknas).",
			"en": "Incident %s (%s, detected %s) has a significant impact on the essential service but has not been reported to %s (msb_reported is missing).",
			"args": [i.id, i.title, i.detected, authority],
		},
	}
}

# NIS-18/c2: a NIS incident whose significance has not been assessed.
findings contains f if {
	some i in known_incidents
	"nis" in i.categories
	not "nis_significant" in object.keys(i)
	f := {
		"control": "NIS-18/c2",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": "NIS-incidenten %s (%s) saknar bedömning av om den har betydande inverkan på kontinuiteten i den samhällsviktiga tjänsten (nis_significant saknas).",
			"en": "NIS incident %s (%s) has not been assessed for a significant impact on the continuity of the essential service (nis_significant is missing).",
			"args": [i.id, i.title],
		},
	}
}

# NIS-18/c3: the report was made later than the time MSB states for the first report.
findings contains f if {
	nis_initial_report_hours_text := lib.interval_text("nis_initial_report_hours").text
	some i in known_incidents
	i.nis_significant == true
	hours := (time.parse_rfc3339_ns(i.msb_reported) - time.parse_rfc3339_ns(i.detected)) / lib.ns_per_hour
	hours > report_hours
	hours_text := kravkoll.quantity(round(hours), "hours")
	f := {
		"control": "NIS-18/c3",
		"record": i.id,
		"event_date": i.detected,
		"message": {
			"sv": "Incidenten %s rapporterades till %s %s, %s efter att den upptäcktes (%s); kravkoll räknar med att den första rapporten lämnas inom %s (MSB:s vägledning: sex timmar från att incidenten bedömts som rapporteringspliktig).",
			"en": "Incident %s was reported to %s at %s, %s after it was detected (%s); kravkoll expects the first report within %s (MSB's guidance: six hours from the incident being judged reportable).",
			"args": [i.id, authority, i.msb_reported, hours_text, i.detected, nis_initial_report_hours_text],
		},
	}
}
