# GDPR (EU) 2016/679 art. 28.3: processing by a processor is governed by a contract
# (personuppgiftsbiträdesavtal) that binds the processor; art. 28.1 and 28.3 h: the
# controller uses only processors with sufficient guarantees and may audit them. Art. 28 is
# asked only of processors: a supplier with role controller or joint_controller is not one
# (a supplier processing personal data with no role stated is taken to be a processor).
# Art. 44 with 45–46: a transfer to a third country needs an adequacy decision or
# appropriate safeguards, whatever the supplier's role.
package kravkoll.gdpr.processors

import data.kravkoll.lib

followup_months := lib.interval("supplier_followup_interval_months")

personal_data_suppliers contains s if {
	some s in input.suppliers
	s.personal_data == true
}

processors contains s if {
	some s in personal_data_suppliers
	object.get(s, "role", "processor") == "processor"
}

agreement_in_force(s) if s.dpa_signed <= input.as_of

# GDPR-28/c1: a supplier processing personal data without a signed agreement.
findings contains f if {
	some s in processors
	not agreement_in_force(s)
	f := {
		"control": "GDPR-28/c1",
		"record": s.id,
		"field": "personal_data",
		"message": {
			"sv": "Leverantören %s (%s) behandlar personuppgifter (%s) men har inget undertecknat personuppgiftsbiträdesavtal (dpa_signed) per %s.",
			"en": "Supplier %s (%s) processes personal data (%s) but has no signed data processing agreement (dpa_signed) as of %s.",
			"args": [s.name, s.id, s.service, input.as_of],
		},
	}
}

followed_up(s, months) if lib.within_months(s.last_followup, months)

# GDPR-28/c2: a processor whose guarantees have not been followed up within the interval.
findings contains f if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	supplier_followup_interval_months_text := lib.interval_text("supplier_followup_interval_months").text
	months := followup_months
	some s in processors
	not followed_up(s, months)
	last_sv := object.get(s, "last_followup", "aldrig")
	last_en := object.get(s, "last_followup", "never")
	f := {
		"control": "GDPR-28/c2",
		"record": s.id,
		"message": {
			"sv": sprintf("Personuppgiftsbiträdet %s (%s) är inte uppföljt inom %s före %s (last_followup: %s).", [s.name, s.id, supplier_followup_interval_months_text.sv, input.as_of, last_sv]),
			"en": sprintf("Processor %s (%s) has not been followed up within %s before %s (last_followup: %s).", [s.name, s.id, supplier_followup_interval_months_text.en, input.as_of, last_en]),
		},
	}
}

# GDPR-44/c1: personal data transferred to a third country with no transfer mechanism.
findings contains f if {
	some s in personal_data_suppliers
	s.third_country == true
	not s.transfer_mechanism
	f := {
		"control": "GDPR-44/c1",
		"record": s.id,
		"field": "third_country",
		"message": {
			"sv": "Leverantören %s (%s) överför personuppgifter till tredjeland utan angiven överföringsmekanism (transfer_mechanism), till exempel beslut om adekvat skyddsnivå eller standardavtalsklausuler.",
			"en": "Supplier %s (%s) transfers personal data to a third country with no transfer mechanism recorded (transfer_mechanism), such as an adequacy decision or standard contractual clauses.",
			"args": [s.name, s.id],
		},
	}
}
