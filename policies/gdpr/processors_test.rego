package kravkoll.gdpr.processors_test

import data.kravkoll.gdpr.processors
import data.kravkoll.testing

sup(extra) := object.union({"id": "sup-1", "kind": "Supplier", "name": "Drift AB", "service": "Drift", "personal_data": true, "dpa_signed": "2022-01-10", "last_followup": "2025-06-01", "third_country": false}, extra)

fs(suppliers) := f if {
	f := processors.findings with input as testing.with_({"suppliers": suppliers})
}

test_c1_fails_without_agreement if {
	f := fs([object.remove(sup({}), ["dpa_signed"])])
	testing.has(f, "GDPR-28/c1", "sup-1")
	testing.well_formed(f)
}

test_c1_fails_for_agreement_signed_after_as_of if {
	testing.has(fs([sup({"dpa_signed": "2026-02-01"})]), "GDPR-28/c1", "sup-1")
}

test_c1_c2_pass_with_agreement_and_followup if {
	count(fs([sup({})])) == 0
}

test_c1_ignores_supplier_without_personal_data if {
	count(fs([object.remove(sup({"personal_data": false}), ["dpa_signed", "last_followup"])])) == 0
}

test_c2_fails_when_never_followed_up if {
	f := fs([object.remove(sup({}), ["last_followup"])])
	testing.has(f, "GDPR-28/c2", "sup-1")
	testing.well_formed(f)
}

test_c2_fails_when_stale if {
	testing.has(fs([sup({"last_followup": "2024-12-30"})]), "GDPR-28/c2", "sup-1")
}

test_c2_passes_on_the_anniversary if {
	testing.none(fs([sup({"last_followup": "2024-12-31"})]), "GDPR-28/c2")
}

test_44_fails_without_mechanism if {
	f := fs([sup({"third_country": true})])
	testing.has(f, "GDPR-44/c1", "sup-1")
	testing.well_formed(f)
}

test_44_passes_with_mechanism if {
	testing.none(fs([sup({"third_country": true, "transfer_mechanism": "EU:s standardavtalsklausuler 2021/914"})]), "GDPR-44/c1")
}

test_28_only_for_processors if {
	f := fs([sup({"role": "controller", "dpa_signed": null}), sup({"id": "sup-2", "role": "joint_controller", "last_followup": "2020-01-01"})])
	testing.none(f, "GDPR-28/c1")
	testing.none(f, "GDPR-28/c2")
	p := fs([object.remove(sup({"role": "processor"}), ["dpa_signed"])])
	testing.has(p, "GDPR-28/c1", "sup-1")
}

test_44_applies_to_controllers_too if {
	f := fs([sup({"role": "controller", "third_country": true})])
	testing.has(f, "GDPR-44/c1", "sup-1")
}
