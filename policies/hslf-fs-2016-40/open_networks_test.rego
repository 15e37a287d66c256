package kravkoll.hslf_fs_2016_40.open_networks_test

import data.kravkoll.hslf_fs_2016_40.open_networks
import data.kravkoll.testing

sys(extra) := object.union({"id": "journal", "kind": "System", "name": "Journal", "owner": "x", "patient_data": true, "personal_data": true, "open_network": true, "mfa": true, "encryption_in_transit": true}, extra)

test_c1_c2_pass_with_encryption_and_mfa if {
	fs := open_networks.findings with input as testing.with_({"systems": [sys({})]})
	count(fs) == 0
}

test_c1_fails_without_encryption_in_transit if {
	fs := open_networks.findings with input as testing.with_({"systems": [sys({"encryption_in_transit": false})]})
	testing.has(fs, "HSLF-3.15/c1", "journal")
	testing.none(fs, "HSLF-3.15/c2")
	testing.well_formed(fs)
}

test_c2_fails_without_mfa if {
	fs := open_networks.findings with input as testing.with_({"systems": [object.remove(sys({}), ["mfa"])]})
	testing.has(fs, "HSLF-3.15/c2", "journal")
	testing.none(fs, "HSLF-3.15/c1")
	testing.well_formed(fs)
}

test_only_systems_on_open_networks_are_judged if {
	fs := open_networks.findings with input as testing.with_({"systems": [sys({"open_network": false, "mfa": false, "encryption_in_transit": false})]})
	count(fs) == 0
}

test_only_patient_data_systems_are_judged if {
	fs := open_networks.findings with input as testing.with_({"systems": [sys({"patient_data": false, "mfa": false})]})
	count(fs) == 0
}
