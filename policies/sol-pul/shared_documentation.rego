# Lag (2022:913) om sammanhållen vård- och omsorgsdokumentation 4 kap. 1–4 §§: a care or
# social-care provider that makes data available through shared documentation (voluntary,
# organisation.connected_svod) needs systems with built-in identification, access control
# and logging (as RiR 2024:6 describes the act). Strong authentication is not in that act:
# it comes from HSLF-FS 2016:40 3 kap. 15 § for access over open networks (HSLF-3.15/c2).
package kravkoll.sol_pul.shared_documentation

connected if input.organisation.connected_svod == true

care_systems contains s if {
	some s in input.systems
	s.patient_data == true
}

care_systems contains s if {
	some s in input.systems
	s.social_care_data == true
}

# SVOD-4.1/c1: a system with shared documentation does not log access.
findings contains f if {
	connected
	some s in care_systems
	object.get(s, "logging", false) != true
	f := {
		"control": "SVOD-4.1/c1",
		"record": s.id,
		"field": "logging",
		"message": {
			"sv": "Organisationen deltar i sammanhållen vård- och omsorgsdokumentation men systemet %s (%s) loggar inte åtkomsten (logging: true saknas).",
			"en": "The organisation takes part in shared care documentation but system %s (%s) does not log access (logging: true is missing).",
			"args": [s.name, s.id],
		},
	}
}
