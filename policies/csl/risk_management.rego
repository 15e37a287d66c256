# Cybersäkerhetslagen (2025:1506) 2 kap. 3 §: appropriate and proportionate technical,
# operational and organisational security measures to protect the network and information
# systems of the whole organisation and their physical environment, based on an all-hazards
# perspective, covering at least the ten areas of the second paragraph.
# 1 kap. 3 §: every region and municipality is covered — the whole organisation, not only
# the systems of an essential service as under lag (2018:1174).
package kravkoll.csl.risk_management

import data.kravkoll.lib

max_age := lib.interval("csl_risk_analysis_max_age_months")

org_analyses := {r |
	some r in input.risk_analyses
	r.scope == "organisation"
	r.performed <= input.as_of
}

latest_date := max({r.performed | some r in org_analyses})

latest := r if {
	latest_id := max({x.id | some x in org_analyses; x.performed == latest_date})
	some r in org_analyses
	r.id == latest_id
}

nis_only := " Riskanalyser med scope nis_service omfattar bara den samhällsviktiga tjänsten; cybersäkerhetslagen gäller hela verksamheten." if {
	some r in input.risk_analyses
	r.scope == "nis_service"
	r.performed <= input.as_of
} else := ""

nis_only_en := " Risk analyses with scope nis_service cover only the essential service; the Cybersecurity Act covers the whole organisation." if {
	nis_only != ""
} else := ""

# CSL-2.3/c1: no risk analysis of the whole organisation.
findings contains f if {
	count(org_analyses) == 0
	f := {
		"control": "CSL-2.3/c1",
		"record": null,
		"message": {
			"sv": sprintf("Det finns ingen riskanalys av hela verksamheten (RiskAnalysis med scope: organisation) per %s som säkerhetsåtgärderna kan grundas på.%s", [input.as_of, nis_only]),
			"en": sprintf("There is no risk analysis of the whole organisation (RiskAnalysis with scope: organisation) as of %s on which the security measures can be based.%s", [input.as_of, nis_only_en]),
		},
	}
}

# CSL-2.3/c2: the latest one is older than the interval.
findings contains f if {
	lib.overdue(latest.performed, max_age)
	full_months_text := kravkoll.quantity(lib.full_months(latest.performed, input.as_of), "full_months")
	csl_risk_analysis_max_age_months_text := lib.interval_text("csl_risk_analysis_max_age_months").text
	f := {
		"control": "CSL-2.3/c2",
		"record": latest.id,
		"message": {
			"sv": "Den senaste riskanalysen av hela verksamheten är %s från %s, %s före %s; högst %s ska gå mellan analyserna.",
			"en": "The latest risk analysis of the whole organisation is %s of %s, %s before %s; at most %s are to pass between analyses.",
			"args": [latest.id, latest.performed, full_months_text, input.as_of, csl_risk_analysis_max_age_months_text],
		},
	}
}

# CSL-2.3/c3: a high or critical risk to be reduced without any measure.
findings contains f if {
	some risk in latest.risks
	risk.level in {"high", "critical"}
	risk.treatment == "reduce"
	count(object.get(risk, "measures", [])) == 0
	f := {
		"control": "CSL-2.3/c3",
		"record": latest.id,
		"item": risk.id,
		"message": {
			"sv": "Risken %s (%s, nivå %s) i riskanalysen %s ska reduceras men har inga säkerhetsåtgärder (measures).",
			"en": "Risk %s (%s, level %s) in risk analysis %s is to be reduced but has no security measures.",
			"args": [risk.id, risk.description, risk.level, latest.id],
		},
	}
}

# The areas of 2 kap. 3 § andra stycket (all but point 7, staff training, which is
# CSL-2.3.7/c1) and the Document subjects that show a governing document for each.
areas := [
	{"point": "1", "subjects": {"risk_management", "information_security"}, "sv": "strategier för riskanalys och för nätverks- och informationssystemens säkerhet", "en": "risk-analysis and information-system security policies"},
	{"point": "2", "subjects": {"incident_management"}, "sv": "incidenthantering", "en": "incident handling"},
	{"point": "3", "subjects": {"continuity"}, "sv": "kontinuitetshantering och krishantering", "en": "business continuity and crisis management"},
	{"point": "4", "subjects": {"supply_chain", "procurement"}, "sv": "säkerhet i leveranskedjan", "en": "supply-chain security"},
	{"point": "5", "subjects": {"procurement"}, "sv": "säkerhet vid förvärv, utveckling och underhåll av nätverks- och informationssystem", "en": "security in acquiring, developing and maintaining network and information systems"},
	{"point": "6", "subjects": {"internal_audit"}, "sv": "strategier och förfaranden för att bedöma säkerhetsåtgärdernas effektivitet", "en": "policies and procedures to assess the effectiveness of the security measures"},
	{"point": "8", "subjects": {"cryptography"}, "sv": "strategier och förfaranden för kryptografi och kryptering", "en": "policies and procedures on cryptography and encryption"},
	{"point": "9", "subjects": {"access_control"}, "sv": "personalsäkerhet, åtkomstkontroll och tillgångsförvaltning", "en": "human-resources security, access control and asset management"},
	{"point": "10", "subjects": {"authentication"}, "sv": "autentisering och säkrad kommunikation", "en": "authentication and secured communications"},
]

adopted_subjects := {d.subject |
	some d in input.documents
	d.adopted <= input.as_of
	d.subject
}

# CSL-2.3/c4: no adopted governing document for one of the listed areas.
findings contains f if {
	some area in areas
	count(area.subjects & adopted_subjects) == 0
	wanted := concat(" eller ", sort([s | some s in area.subjects]))
	wanted_en := concat(" or ", sort([s | some s in area.subjects]))
	f := {
		"control": "CSL-2.3/c4",
		"record": null,
		"message": {
			"sv": sprintf("Det finns inget fastställt styrdokument för %s (Document med subject: %s) per %s; säkerhetsåtgärderna ska åtminstone avse detta område (2 kap. 3 § andra stycket %s).", [area.sv, wanted, input.as_of, area.point]),
			"en": sprintf("There is no adopted governing document for %s (Document with subject: %s) as of %s; the security measures are to cover at least this area (2 kap. 3 § second paragraph, point %s).", [area.en, wanted_en, input.as_of, area.point]),
		},
	}
}

# CSL-MGMT/c1: the latest analysis was neither approved by nor reported to management.
findings contains f if {
	latest.id
	not latest.approved_by
	not latest.reported_to_management
	f := {
		"control": "CSL-MGMT/c1",
		"record": latest.id,
		"message": {
			"sv": "Riskanalysen %s av hela verksamheten är varken godkänd av ledningen (approved_by) eller redovisad för den (reported_to_management).",
			"en": "Risk analysis %s of the whole organisation is neither approved by management (approved_by) nor reported to it (reported_to_management).",
			"args": [latest.id],
		},
	}
}
