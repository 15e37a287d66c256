package kravkoll.sol_pul.shared_documentation_test

import data.kravkoll.sol_pul.shared_documentation
import data.kravkoll.testing

sys(id, extra) := object.union({"id": id, "kind": "System", "name": id, "owner": "x", "patient_data": true, "personal_data": true, "mfa": true, "logging": true}, extra)

connected(systems) := object.union(testing.with_({"systems": systems}), {"organisation": object.union(testing.base.organisation, {"connected_svod": true})})

test_c1_fails_for_system_without_logging if {
	fs := shared_documentation.findings with input as connected([sys("journal", {"logging": false}), sys("omsorg", {"patient_data": false, "social_care_data": true, "logging": false}), sys("ok", {})])
	testing.has(fs, "SVOD-4.1/c1", "journal")
	testing.has(fs, "SVOD-4.1/c1", "omsorg")
	not testing.has(fs, "SVOD-4.1/c1", "ok")
	testing.well_formed(fs)
}

# Strong authentication is judged by HSLF-FS 2016:40 3 kap. 15 § (HSLF-3.15/c2), not here.
test_c1_does_not_ask_for_mfa if {
	fs := shared_documentation.findings with input as connected([sys("journal", {"mfa": false})])
	testing.none(fs, "SVOD-4.1/c1")
}

test_c1_ignores_unconnected_organisation if {
	fs := shared_documentation.findings with input as testing.with_({"systems": [sys("journal", {"mfa": false})]})
	testing.none(fs, "SVOD-4.1/c1")
}

test_c1_ignores_systems_without_care_data if {
	fs := shared_documentation.findings with input as connected([sys("hr", {"patient_data": false, "logging": false})])
	testing.none(fs, "SVOD-4.1/c1")
}
