# HSLF-FS 2016:40 3 kap. 15 §: "Om vårdgivaren använder öppna nät vid behandling av
# personuppgifter, ska denne ansvara för att 1. överföring av uppgifterna görs på ett sådant
# sätt att inte obehöriga kan ta del av dem, och 2. elektronisk åtkomst eller direktåtkomst
# till uppgifterna föregås av stark autentisering." Only systems recorded with
# open_network: true are judged; whether a network is open is the organisation's call.
package kravkoll.hslf_fs_2016_40.open_networks

import data.kravkoll.lib

open_systems contains s if {
	some s in lib.patient_data_systems
	s.open_network == true
}

# HSLF-3.15/c1: data transferred over an open network without encryption in transit.
findings contains f if {
	some s in open_systems
	object.get(s, "encryption_in_transit", false) != true
	f := {
		"control": "HSLF-3.15/c1",
		"record": s.id,
		"field": "encryption_in_transit",
		"message": {
			"sv": "Systemet %s (%s) nås över öppna nät men överföringen av personuppgifterna är inte skyddad mot obehöriga (encryption_in_transit: true saknas).",
			"en": "System %s (%s) is reached over open networks but the transfer of the personal data is not protected from unauthorised persons (encryption_in_transit: true is missing).",
			"args": [s.name, s.id],
		},
	}
}

# HSLF-3.15/c2: access over an open network without strong authentication.
findings contains f if {
	some s in open_systems
	object.get(s, "mfa", false) != true
	f := {
		"control": "HSLF-3.15/c2",
		"record": s.id,
		"field": "mfa",
		"message": {
			"sv": "Systemet %s (%s) nås över öppna nät men åtkomsten föregås inte av stark autentisering (mfa: true saknas).",
			"en": "System %s (%s) is reached over open networks but access is not preceded by strong authentication (mfa: true is missing).",
			"args": [s.name, s.id],
		},
	}
}
