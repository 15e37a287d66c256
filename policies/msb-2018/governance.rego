# MSB 2018, En bild av landstingens informationssäkerhetsarbete, section 9.1, recommendations
# 1–4 and 8: a current policy covering medical devices and ICS/SCADA, measurable objectives,
# a coordination function with enough resources that is not one person, documented
# reporting to the board and the executive team, a decided action plan and recurring
# follow-up whose results reach management. Recommendations, not law: the survey showed
# each of these missing in a third to a half of the county councils.
#
# The recommendations were written for the 21 county councils (regions). Where a check
# assumes a region's organisation it is produced under two ids: a warning for regions and
# an information-level copy for everyone else; the catalog's applies_to keeps the one that
# fits the organisation.
package kravkoll.msb_2018.governance

import data.kravkoll.lib

cycle := lib.interval("annual_cycle_months")

# [regions, other care providers]
ids := {
	"MSB2018-REC1/c2": ["MSB2018-REC1/c2", "MSB2018-REC1/c6"],
	"MSB2018-REC2/c3": ["MSB2018-REC2/c3", "MSB2018-REC2/c4"],
	"MSB2018-REC3/c1": ["MSB2018-REC3/c1", "MSB2018-REC3/c5"],
	"MSB2018-REC3/c2": ["MSB2018-REC3/c2", "MSB2018-REC3/c6"],
	"MSB2018-REC8/c1": ["MSB2018-REC8/c1", "MSB2018-REC8/c4"],
}

policies contains d if {
	some d in input.documents
	d.doc_type == "policy"
	d.subject == "information_security"
	d.adopted <= input.as_of
}

reviewed(d) := r if {
	r := d.last_reviewed
	r <= input.as_of
} else := d.adopted

# REC1/c1: a policy not reviewed within policy_review_warning_months.
findings contains f if {
	policy_review_warning_months_text := lib.interval_text("policy_review_warning_months").text
	some d in policies
	months := lib.interval("policy_review_warning_months")
	lib.overdue(reviewed(d), months)
	f := {
		"control": "MSB2018-REC1/c1",
		"record": d.id,
		"field": "last_reviewed",
		"message": {
			"sv": "Informationssäkerhetspolicyn %s reviderades senast %s, mer än %s före %s; den ska hållas aktuell.",
			"en": "Information-security policy %s was last reviewed on %s, more than %s before %s; it is to be kept current.",
			"args": [d.id, reviewed(d), policy_review_warning_months_text, input.as_of],
		},
	}
}

# REC1/c2: "all verksamhet, inklusive medicinteknik och ICS/SCADA" — `all` alone is not
# enough, because the survey found that such policies often left both out in practice.
scope_areas := {
	"medical_devices": {"sv": "medicinteknik", "en": "medical devices"},
	"ics_scada": {"sv": "industriella informations- och styrsystem (ICS/SCADA)", "en": "industrial control systems (ICS/SCADA)"},
}

findings contains f if {
	some d in policies
	missing := [area | some area, _ in scope_areas; not area in object.get(d, "scope", [])]
	count(missing) > 0
	some control in ids["MSB2018-REC1/c2"]
	f := {
		"control": control,
		"record": d.id,
		"field": "scope",
		"message": {
			"sv": sprintf("Informationssäkerhetspolicyn %s omfattar inte uttryckligen %s (scope saknar %s).", [d.id, concat(" och ", [scope_areas[a].sv | some a in missing]), concat(", ", missing)]),
			"en": sprintf("Information-security policy %s does not explicitly cover %s (scope lacks %s).", [d.id, concat(" and ", [scope_areas[a].en | some a in missing]), concat(", ", missing)]),
		},
	}
}

decided_objectives contains o if {
	some o in input.objectives
	o.decided <= input.as_of
	o.status != "cancelled"
}

open_objectives contains o if {
	some o in decided_objectives
	o.status == "open"
}

findings contains f if {
	count(decided_objectives) == 0
	f := {
		"control": "MSB2018-REC1/c3",
		"record": null,
		"message": {
			"sv": "Det finns inga beslutade informationssäkerhetsmål (Objective) per %s.",
			"en": "There are no decided information-security objectives (Objective) as of %s.",
			"args": [input.as_of],
		},
	}
}

findings contains f if {
	some o in open_objectives
	missing := [field | some field in ["metric", "target"]; not o[field]]
	count(missing) > 0
	f := {
		"control": "MSB2018-REC1/c4",
		"record": o.id,
		"message": {
			"sv": sprintf("Målet %s (%s) är inte mätbart: %s saknas.", [o.id, o.title, concat(" och ", missing)]),
			"en": sprintf("Objective %s (%s) is not measurable: %s missing.", [o.id, o.title, concat(" and ", missing)]),
		},
	}
}

findings contains f if {
	objectives_review_months_text := lib.interval_text("objectives_review_months").text
	some o in open_objectives
	months := lib.interval("objectives_review_months")
	last := object.get(o, "followed_up", o.decided)
	lib.overdue(last, months)
	f := {
		"control": "MSB2018-REC1/c5",
		"record": o.id,
		"message": {
			"sv": "Målet %s följdes senast upp (eller beslutades) %s, mer än %s före %s.",
			"en": "Objective %s was last followed up (or decided) on %s, more than %s before %s.",
			"args": [o.id, last, objectives_review_months_text, input.as_of],
		},
	}
}

# REC2/c1: the coordinators' combined time share is 25 % or less; the survey judged that
# this "rimligen inte kan vara tillräckligt" for a county council (section 8.1.2). Only
# when every active appointment states fte_share.
active_coordinators contains a if {
	some a in input.appointments
	a.role == "infosec_coordinator"
	a.appointed <= input.as_of
	not _ended(a)
}

fte_known if {
	every a in active_coordinators {
		is_number(a.fte_share)
	}
}

total_fte := sum([a.fte_share | some a in active_coordinators])

findings contains f if {
	count(active_coordinators) > 0
	fte_known
	total_fte <= 0.25
	some a in active_coordinators
	fte_share_text := kravkoll.number(a.fte_share, 2)
	total_fte_text := kravkoll.number(total_fte, 2)
	f := {
		"control": "MSB2018-REC2/c1",
		"record": a.id,
		"field": "fte_share",
		"message": {
			"sv": "Informationssäkerhetssamordnaren %s (%s) har fte_share %s; sammanlagt %s årsarbetskraft för samordningen, vilket MSB (2018) bedömde rimligen inte kan vara tillräckligt för en region (högst 0,25).",
			"en": "Information-security coordinator %s (%s) has fte_share %s; %s FTE in total for coordination, which MSB (2018) judged cannot reasonably be sufficient for a region (at most 0.25).",
			"args": [a.person, a.id, fte_share_text, total_fte_text],
		},
	}
}

# REC2/c3: the survey found the coordination person-dependent (section 8.1).
findings contains f if {
	some a in active_coordinators
	not a.deputy
	some control in ids["MSB2018-REC2/c3"]
	f := {
		"control": control,
		"record": a.id,
		"message": {
			"sv": "Informationssäkerhetssamordnaren i %s (%s) har ingen ersättare (deputy); samordningen hänger på en person.",
			"en": "The information-security coordinator in %s (%s) has no deputy; coordination depends on one person.",
			"args": [a.id, a.person],
		},
	}
}

_ended(a) if a.ended <= input.as_of

recent_briefings contains b if {
	some b in input.management_briefings
	lib.within_months(b.date, cycle)
}

audiences := {
	"MSB2018-REC3/c1": {"audiences": {"board", "council"}, "sv": "styrelsen eller fullmäktige (audience board eller council)", "en": "the board or council (audience board or council)"},
	"MSB2018-REC3/c2": {"audiences": {"executive_team"}, "sv": "direktörens ledningsgrupp (audience executive_team)", "en": "the director's executive team (audience executive_team)"},
}

findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	management_briefing_min_per_year_text := lib.interval_text("management_briefing_min_per_year").text
	some check, a in audiences
	minimum := lib.interval("management_briefing_min_per_year")
	n := count([b | some b in recent_briefings; b.audience in a.audiences])
	n < minimum
	some control in ids[check]
	number_text := kravkoll.number(n, 0)
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Antalet föredragningar om informationssäkerhet för %s inom %s före %s är %s, färre än %s.",
			"en": "The number of information-security briefings to %s within %s before %s is %s, fewer than %s.",
			"args": [a, annual_cycle_months_text, input.as_of, number_text, management_briefing_min_per_year_text],
		},
	}
}

briefing_topics contains t if {
	some b in recent_briefings
	some t in b.topics
}

topic_checks := {
	"MSB2018-REC3/c3": {"topic": "risks", "sv": "riskläget", "en": "the risk situation"},
	"MSB2018-REC8/c3": {"topic": "audit_results", "sv": "resultaten av uppföljning och granskningar", "en": "the results of follow-up and audits"},
}

# Only when there were briefings: without any, REC3/c1 and /c2 already say so.
findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	count(recent_briefings) > 0
	some control, c in topic_checks
	not c.topic in briefing_topics
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Ingen föredragning för ledningen inom %s före %s tog upp %s (topics: %s).",
			"en": "No briefing to management within %s before %s covered %s (topics: %s).",
			"args": [annual_cycle_months_text, input.as_of, c, c.topic],
		},
	}
}

findings contains f if {
	some b in recent_briefings
	not b.document
	f := {
		"control": "MSB2018-REC3/c4",
		"record": b.id,
		"message": {
			"sv": "Föredragningen %s den %s är inte dokumenterad (document med protokoll eller minnesanteckningar saknas).",
			"en": "Briefing %s of %s is not documented (no document naming the minutes).",
			"args": [b.id, b.date],
		},
	}
}

findings contains f if {
	count([p | some p in input.action_plans; lib.within_months(p.decided, cycle)]) == 0
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	f := {
		"control": "MSB2018-REC4/c1",
		"record": null,
		"message": {
			"sv": "Ledningen har inte beslutat någon handlingsplan (ActionPlan) inom %s före %s.",
			"en": "Management has decided no action plan (ActionPlan) within %s before %s.",
			"args": [annual_cycle_months_text, input.as_of],
		},
	}
}

findings contains f if {
	some p in input.action_plans
	p.decided <= input.as_of
	some item in p.items
	item.status in {"planned", "ongoing"}
	item.due < input.as_of
	f := {
		"control": "MSB2018-REC4/c3",
		"record": p.id,
		"item": item.id,
		"message": {
			"sv": "Åtgärden %s (%s) i handlingsplanen %s skulle vara klar %s men har status %s.",
			"en": "Measure %s (%s) in action plan %s was due on %s but has status %s.",
			"args": [item.id, item.measure, p.id, item.due, item.status],
		},
	}
}

findings contains f if {
	count([d |
		some d in input.documents
		d.subject == "internal_audit"
		d.adopted <= input.as_of
	]) == 0
	some control in ids["MSB2018-REC8/c1"]
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Det finns inget fastställt program för uppföljning och internrevision av informationssäkerheten (Document med subject: internal_audit) per %s.",
			"en": "There is no adopted programme for follow-up and internal audit of information security (Document with subject: internal_audit) as of %s.",
			"args": [input.as_of],
		},
	}
}

findings contains f if {
	count([a | some a in input.audits; a.type == "internal"; lib.within_months(a.date, cycle)]) == 0
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	f := {
		"control": "MSB2018-REC8/c2",
		"record": null,
		"message": {
			"sv": "Ingen egenkontroll eller internrevision (Audit med type: internal) inom %s före %s.",
			"en": "No self-assessment or internal audit (Audit with type: internal) within %s before %s.",
			"args": [annual_cycle_months_text, input.as_of],
		},
	}
}
