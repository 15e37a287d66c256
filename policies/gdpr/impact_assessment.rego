# GDPR (EU) 2016/679 art. 35.1: before processing that is likely to result in a high risk,
# the controller assesses its impact (konsekvensbedömning); 35.3 b: required in particular
# for large-scale processing of special categories (health data). Art. 36.1: the
# controller consults the supervisory authority (IMY) before processing when the
# assessment shows a high risk the controller does not reduce.
package kravkoll.gdpr.impact_assessment

import data.kravkoll.lib

dpias contains d if {
	some d in input.dpias
	d.performed <= input.as_of
}

# The register entries (processing activities) a DPIA performed on or before as_of names,
# by id; gathered once from the DPIAs (a few hundred in a large region) rather than looked
# up for every system through functions.
assessed_processing := {id |
	some d in dpias
	some id in d.processing
}

# A system is assessed when such a DPIA names it or one of the register entries it belongs
# to (whose systems list it).
assessed := {id | some d in dpias; some id in d.systems} | {id |
	some pa in input.processing_activities
	assessed_processing[pa.id]
	some id in pa.systems
}

# GDPR-35/c1: a system with patient data (health data at scale in care) never assessed.
findings contains f if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	assessed_ids := assessed
	some s in lib.patient_data_systems
	not assessed_ids[s.id]
	f := {
		"control": "GDPR-35/c1",
		"record": s.id,
		"field": "patient_data",
		"message": {
			"sv": "Systemet %s (%s) behandlar patientuppgifter (hälsouppgifter) men omfattas inte av någon konsekvensbedömning avseende dataskydd (Dpia med systemet i systems eller dess behandling i processing) per %s.",
			"en": "System %s (%s) processes patient data (health data) but is not covered by any data protection impact assessment (Dpia listing it in systems or its processing activity in processing) as of %s.",
			"args": [s.name, s.id, input.as_of],
		},
	}
}

# GDPR-35/c2: a register entry assessed as likely high risk without a DPIA.
findings contains f if {
	assessed_ids := assessed_processing
	some pa in input.processing_activities
	pa.high_risk == true
	not assessed_ids[pa.id]
	f := {
		"control": "GDPR-35/c2",
		"record": pa.id,
		"field": "high_risk",
		"message": {
			"sv": "Behandlingen %s (%s) bedöms sannolikt leda till hög risk (high_risk: true) men ingen konsekvensbedömning (Dpia med behandlingen i processing) är gjord per %s.",
			"en": "Processing activity %s (%s) is assessed as likely to result in a high risk (high_risk: true) but no impact assessment (Dpia listing it in processing) has been carried out as of %s.",
			"args": [pa.title, pa.id, input.as_of],
		},
	}
}

# Prior consultation requested on or before as_of (a helper, so that an absent field reads
# the same in OPA as in regorus).
prior_consultation_requested(d) if d.prior_consultation <= input.as_of

# GDPR-36/c1: residual high risk without prior consultation of IMY.
findings contains f if {
	some d in dpias
	d.residual_high_risk == true
	not prior_consultation_requested(d)
	f := {
		"control": "GDPR-36/c1",
		"record": d.id,
		"field": "residual_high_risk",
		"message": {
			"sv": "Konsekvensbedömningen %s (%s) från %s visar kvarstående hög risk, men inget förhandssamråd med IMY är begärt (prior_consultation) per %s.",
			"en": "Impact assessment %s (%s) of %s shows a residual high risk, but no prior consultation with IMY has been requested (prior_consultation) as of %s.",
			"args": [d.id, d.title, d.performed, input.as_of],
		},
	}
}
