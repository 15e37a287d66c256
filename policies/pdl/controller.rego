# Patientdatalagen (2008:355) 2 kap. 6 §: in a region or a municipality every authority
# (nämnd/styrelse) that conducts health care is the controller (personuppgiftsansvarig) for
# its processing. Evidence, findings and the annual report are attributed per board, so
# the organisation profile has to name the boards.
package kravkoll.pdl.controller

boards := object.get(input.organisation, "boards", [])

# PDL-2.6/c1: a region or municipality providing health care names no board.
# Applicability (region_or_municipality, healthcare_provider) is in the catalog.
findings contains f if {
	count(boards) == 0
	f := {
		"control": "PDL-2.6/c1",
		"record": null,
		"message": {
			"sv": "%s bedriver hälso- och sjukvård men kravkoll.yaml anger inga nämnder eller styrelser (organisation.boards); varje myndighet som bedriver hälso- och sjukvård är personuppgiftsansvarig för sin behandling och evidensen kan inte fördelas på dem.",
			"en": "%s provides health care but kravkoll.yaml names no boards (organisation.boards); every authority conducting health care is the controller of its processing, and the evidence cannot be attributed to them.",
			"args": [input.organisation.name],
		},
	}
}
