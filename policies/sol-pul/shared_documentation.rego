# Lag (2022:913) om sammanhållen vård- och omsorgsdokumentation 4 kap. 1–4 §§: a care or
# social-care provider that makes data available through shared documentation (voluntary,
# organisation.connected_svod) needs systems with built-in identification, access control
# and logging (RiR 2024:6, S000:L4084–4098).
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

missing(s) := [name |
	some name in ["mfa", "logging"]
	object.get(s, name, false) != true
]

# SVOD-4.1/c1: a system with shared documentation lacks identification or logging.
findings contains f if {
	connected
	some s in care_systems
	m := missing(s)
	count(m) > 0
	f := {
		"control": "SVOD-4.1/c1",
		"record": s.id,
		"message": {
			"sv": sprintf("Organisationen deltar i sammanhållen vård- och omsorgsdokumentation men systemet %s (%s) saknar %s: true (identifiering med stark autentisering och loggning krävs).", [s.name, s.id, concat(", ", m)]),
			"en": sprintf("The organisation takes part in shared care documentation but system %s (%s) lacks %s: true (identification with strong authentication and logging are required).", [s.name, s.id, concat(", ", m)]),
		},
	}
}
