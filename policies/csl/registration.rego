# Cybersäkerhetslagen (2025:1506) 2 kap. 2 §: the operator "ska så snart det kan ske anmäla
# sig till den myndighet som regeringen bestämmer" — the single point of contact,
# Myndigheten för civilt försvar (cybersäkerhetsförordningen (2025:1507) 5 och 23 §§).
# Changes are to be notified within 14 days; the evidence format records no changes, so
# only the registration itself is checked (docs/legal-sources.md).
package kravkoll.csl.registration

import data.kravkoll.lib

registered if input.organisation.csl_registered <= input.as_of

# CSL-2.2/c1: no registration recorded.
findings contains f if {
	not registered
	f := {
		"control": "CSL-2.2/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen uppgift om att organisationen har anmält sig till %s enligt cybersäkerhetslagen 2 kap. 2 § (organisation.csl_registered saknas i kravkoll.yaml per %s).",
			"en": "Nothing records that the organisation has registered with %s under the Cybersecurity Act 2 kap. 2 § (organisation.csl_registered is missing from kravkoll.yaml as of %s).",
			"args": [lib.civil_defence_authority, input.as_of],
		},
	}
}
