# Lag (2018:1174) om informationssäkerhet för samhällsviktiga och digitala tjänster
# 11–13 §§: systematic and risk-based work on the network and information systems of the
# essential service; a documented risk analysis, updated annually, that includes an action
# plan (12 §); appropriate and proportionate measures for the risks (13 §).
# MSBFS 2018:8 5 §: the work is supported by SS-EN ISO/IEC 27001/27002 or equivalent.
package kravkoll.nis.risk_analysis

import data.kravkoll.lib

analysis_max_age := lib.interval("nis_risk_analysis_max_age_months")

plan_max_age := lib.interval("nis_action_plan_max_age_months")

# Risk analyses of the essential service that existed at as_of.
nis_analyses := {r |
	some r in input.risk_analyses
	r.scope == "nis_service"
	r.performed <= input.as_of
}

latest_date := max({r.performed | some r in nis_analyses})

# The latest NIS risk analysis (the greatest id among those of the latest date).
latest := r if {
	latest_id := max({x.id | some x in nis_analyses; x.performed == latest_date})
	some r in nis_analyses
	r.id == latest_id
}

essential_systems := [s | some s in input.systems; s.nis_essential == true]

# NIS-11-12/c1: no documented risk analysis of the essential service ...
findings contains f if {
	count(nis_analyses) == 0
	f := {
		"control": "NIS-11-12/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen dokumenterad riskanalys för den samhällsviktiga tjänsten (RiskAnalysis med scope: nis_service) per %s; analysen ska dokumenteras och uppdateras årligen.",
			"en": "There is no documented risk analysis of the essential service (RiskAnalysis with scope: nis_service) as of %s; the analysis is to be documented and updated annually.",
			"args": [input.as_of],
		},
	}
}

# ... or the latest one is older than the interval.
findings contains f if {
	lib.overdue(latest.performed, analysis_max_age)
	full_months_text := kravkoll.quantity(lib.full_months(latest.performed, input.as_of), "full_months")
	nis_risk_analysis_max_age_months_text := lib.interval_text("nis_risk_analysis_max_age_months").text
	f := {
		"control": "NIS-11-12/c1",
		"record": latest.id,
		"message": {
			"sv": "Den senaste riskanalysen för den samhällsviktiga tjänsten är %s från %s, %s före %s; analysen ska uppdateras årligen, högst %s mellan analyserna.",
			"en": "The latest risk analysis of the essential service is %s of %s, %s before %s; the analysis is to be updated annually, at most %s between analyses.",
			"args": [latest.id, latest.performed, full_months_text, input.as_of, nis_risk_analysis_max_age_months_text],
		},
	}
}

# NIS-11-12/c2: the latest analysis names no action plan ...
findings contains f if {
	latest.id
	not latest.action_plan
	f := {
		"control": "NIS-11-12/c2",
		"record": latest.id,
		"field": "action_plan",
		"message": {
			"sv": "Riskanalysen %s för den samhällsviktiga tjänsten har ingen åtgärdsplan (action_plan saknas); i analysen ska det ingå en åtgärdsplan.",
			"en": "The risk analysis %s of the essential service has no action plan (action_plan is missing); the analysis is to include an action plan.",
			"args": [latest.id],
		},
	}
}

plan := lib.record(latest.action_plan)

# ... or its action plan was not yet decided at as_of ...
findings contains f if {
	plan.decided > input.as_of
	f := {
		"control": "NIS-11-12/c2",
		"record": plan.id,
		"message": {
			"sv": "Åtgärdsplanen %s till riskanalysen %s beslutades först %s, efter %s.",
			"en": "The action plan %s of risk analysis %s was decided only on %s, after %s.",
			"args": [plan.id, latest.id, plan.decided, input.as_of],
		},
	}
}

# ... or it is older than the interval.
findings contains f if {
	plan.decided <= input.as_of
	lib.overdue(plan.decided, plan_max_age)
	full_months_text := kravkoll.quantity(lib.full_months(plan.decided, input.as_of), "full_months")
	nis_action_plan_max_age_months_text := lib.interval_text("nis_action_plan_max_age_months").text
	f := {
		"control": "NIS-11-12/c2",
		"record": plan.id,
		"message": {
			"sv": "Åtgärdsplanen %s för den samhällsviktiga tjänsten beslutades %s, %s före %s; den ingår i analysen som ska uppdateras årligen, högst %s mellan besluten.",
			"en": "The action plan %s of the essential service was decided on %s, %s before %s; it is part of the analysis to be updated annually, at most %s between decisions.",
			"args": [plan.id, plan.decided, full_months_text, input.as_of, nis_action_plan_max_age_months_text],
		},
	}
}

# NIS-11-12/c3: a system of the essential service outside the latest analysis.
findings contains f if {
	latest.id
	some s in essential_systems
	not s.id in object.get(latest, "systems", [])
	f := {
		"control": "NIS-11-12/c3",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) stöder den samhällsviktiga tjänsten (nis_essential) men ingår inte i den senaste riskanalysen för tjänsten, %s.",
			"en": "System %s (%s) supports the essential service (nis_essential) but is not part of the latest risk analysis of the service, %s.",
			"args": [s.name, s.id, latest.id],
		},
	}
}

# NIS-11-12/c4: measures of the action plan past their due date and not done.
findings contains f if {
	plan.decided <= input.as_of
	some item in plan.items
	item.status in {"planned", "ongoing"}
	item.due < input.as_of
	f := {
		"control": "NIS-11-12/c4",
		"record": plan.id,
		"item": item.id,
		"message": {
			"sv": "Åtgärden %s i åtgärdsplanen %s (%s) skulle vara klar %s men har status %s per %s.",
			"en": "Measure %s of action plan %s (%s) was due on %s but has status %s as of %s.",
			"args": [item.id, plan.id, item.measure, item.due, item.status, input.as_of],
		},
	}
}

# NIS-11-12/c5: NIS applies but no system of the essential service is identified.
findings contains f if {
	count(essential_systems) == 0
	f := {
		"control": "NIS-11-12/c5",
		"record": null,
		"message": {
			"sv": "Organisationen är leverantör av en samhällsviktig tjänst (över tröskeln i MSBFS 2021:9 7 kap. 1 §) men inget system är markerat med nis_essential: true.",
			"en": "The organisation is an operator of an essential service (above the threshold of MSBFS 2021:9 7 kap. 1 §) but no system is marked nis_essential: true.",
		},
	}
}

# NIS-13/c1: a high or critical risk to be reduced without any measure.
findings contains f if {
	some risk in latest.risks
	risk.level in {"high", "critical"}
	risk.treatment == "reduce"
	count(object.get(risk, "measures", [])) == 0
	f := {
		"control": "NIS-13/c1",
		"record": latest.id,
		"item": risk.id,
		"message": {
			"sv": "Risken %s (%s, nivå %s) i riskanalysen %s ska reduceras men har inga åtgärder (measures).",
			"en": "Risk %s (%s, level %s) in risk analysis %s is to be reduced but has no measures.",
			"args": [risk.id, risk.description, risk.level, latest.id],
		},
	}
}

# MSBFS2018:8-5/c1: the latest analysis states no method.
findings contains f if {
	latest.id
	not latest.method
	f := {
		"control": "MSBFS2018:8-5/c1",
		"record": latest.id,
		"field": "method",
		"message": {
			"sv": "Riskanalysen %s anger ingen metod; det systematiska och riskbaserade arbetet ska bedrivas med stöd av SS-EN ISO/IEC 27001 och 27002 eller motsvarande.",
			"en": "Risk analysis %s states no method; the systematic and risk-based work is to be supported by SS-EN ISO/IEC 27001 and 27002 or equivalent.",
			"args": [latest.id],
		},
	}
}
