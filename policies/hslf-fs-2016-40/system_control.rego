# HSLF-FS 2016:40 3 kap. 10 §: "Vårdgivaren ska vid utveckling, idrifttagande och ändring
# av informationssystem som används för behandling av personuppgifter säkerställa att
# personuppgifternas tillgänglighet, riktighet, konfidentialitet och spårbarhet inte
# riskeras." The evidence is a RiskAnalysis whose `systems` lists the system, made before
# the system went into operation (System.in_operation) or was changed
# (System.last_major_change). A risk analysis is kravkoll's reading of how this is shown,
# so warnings.
package kravkoll.hslf_fs_2016_40.system_control

import data.kravkoll.lib

# How long before go-live or a change an analysis of the system still counts for it.
window := lib.interval("risk_analysis_system_max_age_months")

# The regulation applies from 2017-03-01; a system in operation before then cannot show an
# analysis made for its go-live under it.
in_force := "2017-03-01"

# The risk analyses covering each personal-data system, performed on or before as_of
# (gathered once per system, not once per rule). The rules below bind the rules they look
# up for every system to variables before the scan: regorus looks a rule up anew at every
# reference.
covering := {s.id: analyses |
	referenced_by := lib.referenced_by
	some s in lib.personal_data_systems
	analyses := [ra |
		some ra in referenced_by[s.id].risk_analyses
		ra.performed <= input.as_of
		s.id in ra.systems
	]
}

# An analysis made for an event on date d: at most `window` months before or after it (an
# analysis finished soon after go-live still shows the risks were analysed).
made_for(ra, d) if {
	ra.performed >= d
	not lib.months_exceeded(d, ra.performed, window)
} else := true if {
	ra.performed < d
	not lib.months_exceeded(ra.performed, d, window)
}

# HSLF-3.10/c1: a personal-data system no risk analysis covers at all ...
findings contains f if {
	covered := covering
	some s in lib.personal_data_systems
	covered[s.id] == []
	f := {
		"control": "HSLF-3.10/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) behandlar personuppgifter men ingen riskanalys (RiskAnalysis med %s i systems) har gjorts av det per %s.",
			"en": "System %s (%s) processes personal data but no risk analysis (RiskAnalysis listing %s in systems) covers it as of %s.",
			"args": [s.name, s.id, s.id, input.as_of],
		},
	}
}

# ... or none was made for its go-live (only for systems put into operation under the
# regulation, with in_operation recorded).
findings contains f if {
	risk_analysis_system_max_age_months_text := lib.interval_text("risk_analysis_system_max_age_months").text
	[covered, start] := [covering, in_force]
	some s in lib.personal_data_systems
	analyses := covered[s.id]
	analyses != []
	# Went live under the regulation, on or before as_of.
	d := s.in_operation
	d >= start
	d <= input.as_of
	[ra | some ra in analyses; made_for(ra, d)] == []
	f := {
		"control": "HSLF-3.10/c1",
		"record": s.id,
		"field": "in_operation",
		"message": {
			"sv": "Systemet %s (%s) togs i drift %s men ingen riskanalys av det gjordes inför idrifttagandet (kravkoll räknar analyser högst %s före eller efter).",
			"en": "System %s (%s) was put into operation on %s but no risk analysis of it was made for the go-live (kravkoll counts analyses at most %s before or after).",
			"args": [s.name, s.id, d, risk_analysis_system_max_age_months_text],
		},
	}
}

# HSLF-3.10/c2: the system's latest major change was not preceded by an analysis.
findings contains f if {
	risk_analysis_system_max_age_months_text := lib.interval_text("risk_analysis_system_max_age_months").text
	covered := covering
	some s in lib.personal_data_systems
	d := s.last_major_change
	d <= input.as_of
	[ra | some ra in covered[s.id]; made_for(ra, d)] == []
	f := {
		"control": "HSLF-3.10/c2",
		"record": s.id,
		"field": "last_major_change",
		"message": {
			"sv": "Systemet %s (%s) ändrades senast %s men ingen riskanalys av systemet gjordes inför ändringen (kravkoll räknar analyser högst %s före eller efter).",
			"en": "System %s (%s) was last changed on %s but no risk analysis of the system was made for the change (kravkoll counts analyses at most %s before or after).",
			"args": [s.name, s.id, d, risk_analysis_system_max_age_months_text],
		},
	}
}
