# MSBFS 2020:6: a systematic and risk-based information-security work that involves
# management, rests on risk and vulnerability analyses, classifies information (6 § 1),
# covers the staff's handling of information and continuity in incidents and crises
# (per RiR 2024:6 Bilaga 1; only 1–3 §§ were verifiable, see docs/legal-sources.md).
#
# Every finding is produced under two control ids: the binding check for state agencies
# and the recommended one for regions and municipalities. The catalog's applies_to keeps
# the one that fits the organisation, so the logic is written once.
package kravkoll.msbfs_2020_6.management_system

import data.kravkoll.lib

cycle := lib.interval("annual_cycle_months")

# [state agency control, region/municipality control]
ids := {
	"management": ["MSBFS2020:6-SYS/c1", "MSBFS2020:6-SYS/c5"],
	"risk": ["MSBFS2020:6-SYS/c2", "MSBFS2020:6-SYS/c6"],
	"staff": ["MSBFS2020:6-SYS/c3", "MSBFS2020:6-SYS/c7"],
	"continuity": ["MSBFS2020:6-SYS/c4", "MSBFS2020:6-SYS/c8"],
	"classified": ["MSBFS2020:6-6/c1", "MSBFS2020:6-6/c3"],
	"system_classified": ["MSBFS2020:6-6/c2", "MSBFS2020:6-6/c4"],
}

# Dates on which management decided something in the information-security work.
management_decisions contains d if {
	some doc in input.documents
	doc.doc_type == "policy"
	doc.subject == "information_security"
	some d in {doc.adopted, object.get(doc, "last_reviewed", doc.adopted)}
	lib.within_months(d, cycle)
}

management_decisions contains o.decided if {
	some o in input.objectives
	lib.within_months(o.decided, cycle)
}

management_decisions contains p.decided if {
	some p in input.action_plans
	lib.within_months(p.decided, cycle)
}

findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	count(management_decisions) == 0
	some control in ids.management
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Ledningen har inte beslutat om informationssäkerhetspolicy, mål eller handlingsplan inom %s före %s; arbetet ska involvera ledningen.",
			"en": "Management has decided on no information-security policy, objective or action plan within %s before %s; the work is to involve management.",
			"args": [annual_cycle_months_text, input.as_of],
		},
	}
}

org_analyses := [r |
	some r in input.risk_analyses
	r.scope == "organisation"
	r.performed <= input.as_of
]

current_org_analyses := [r | some r in org_analyses; lib.within_months(r.performed, cycle)]

latest_org := r if {
	latest_date := max({x.performed | some x in org_analyses})
	latest_id := max({x.id | some x in org_analyses; x.performed == latest_date})
	some r in org_analyses
	r.id == latest_id
}

findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	count(current_org_analyses) == 0
	some control in ids.risk
	f := {
		"control": control,
		"record": latest_org_id,
		"message": {
			"sv": sprintf("Det finns ingen risk- och sårbarhetsanalys av hela verksamheten (RiskAnalysis med scope: organisation) från tiden inom %s före %s.%s", [annual_cycle_months_text.sv, input.as_of, stale_sv]),
			"en": sprintf("There is no risk and vulnerability analysis of the whole organisation (RiskAnalysis with scope: organisation) from within %s before %s.%s", [annual_cycle_months_text.en, input.as_of, stale_en]),
		},
	}
}

latest_org_id := id if {
	id := latest_org.id
} else := null

stale_sv := sprintf(" Den senaste, %s, är från %s.", [latest_org.id, latest_org.performed]) if {
	latest_org.id
} else := ""

stale_en := sprintf(" The latest, %s, is of %s.", [latest_org.id, latest_org.performed]) if {
	latest_org.id
} else := ""

staff_support if {
	some d in input.documents
	d.doc_type == "instruction"
	d.adopted <= input.as_of
}

staff_support if {
	some t in input.trainings
	t.audience in {"all_staff", "new_staff"}
	lib.within_months(t.period_end, cycle)
}

findings contains f if {
	annual_cycle_months_text := lib.interval_text("annual_cycle_months").text
	not staff_support
	some control in ids.staff
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Det finns varken en fastställd instruktion för personalen (Document med doc_type: instruction) eller utbildning för personalen (Training med audience all_staff eller new_staff) inom %s före %s.",
			"en": "There is neither an adopted instruction for staff (Document with doc_type: instruction) nor staff training (Training with audience all_staff or new_staff) within %s before %s.",
			"args": [annual_cycle_months_text, input.as_of],
		},
	}
}

findings contains f if {
	count([p | some p in input.continuity_plans; p.adopted <= input.as_of]) == 0
	some control in ids.continuity
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Det finns ingen fastställd kontinuitetsplan (ContinuityPlan) per %s för att upprätthålla verksamheten under incidenter och kriser.",
			"en": "There is no adopted continuity plan (ContinuityPlan) as of %s to keep operations going during incidents and crises.",
			"args": [input.as_of],
		},
	}
}

classifications := [c | some c in input.classifications; c.classified <= input.as_of]

findings contains f if {
	count(classifications) == 0
	some control in ids.classified
	f := {
		"control": control,
		"record": null,
		"message": {
			"sv": "Det finns ingen informationsklassning (Classification) per %s.",
			"en": "There is no information classification (Classification) as of %s.",
			"args": [input.as_of],
		},
	}
}

# Only when something is classified: with nothing classified at all, 6/c1 says it once.
findings contains f if {
	count(classifications) > 0
	# The classified systems found once (lib.classified_ids), not by a call per system.
	done := lib.classified_ids(lib.personal_data_systems)
	some s in lib.personal_data_systems
	not done[s.id]
	some control in ids.system_classified
	f := {
		"control": control,
		"record": s.id,
		"message": {
			"sv": "Informationen i systemet %s (%s), som behandlar personuppgifter, är inte klassad (ingen Classification via classification eller systems) per %s.",
			"en": "The information in system %s (%s), which processes personal data, is not classified (no Classification through classification or systems) as of %s.",
			"args": [s.id, s.name, input.as_of],
		},
	}
}
