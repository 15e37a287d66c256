package kravkoll.kravkoll.profile_test

import data.kravkoll.testing

import data.kravkoll.kravkoll.profile

org(extra) := object.union({"name": "Vårdcentralen", "type": "private", "healthcare_provider": true, "social_care_provider": false}, extra)

test_old_field_with_a_count_warns if {
	fs := profile.findings with input as {"organisation": org({"prescriptions_per_year": 9000})}
	some f in fs
	f.control == "KRAVKOLL-ORG/c1"
	contains(testing.text(f.message, "sv"), "prescriptions_per_year: 9\u00a0000")
	contains(testing.text(f.message, "sv"), "räknas som expedieringar")
}

test_old_field_beside_the_new_one_says_which_counts if {
	fs := profile.findings with input as {"organisation": org({"prescriptions_per_year": 9000, "dispensings_per_year": 0})}
	some f in fs
	contains(testing.text(f.message, "en"), "dispensings_per_year is given too")
}

test_zero_or_absent_is_silent if {
	count(profile.findings) == 0 with input as {"organisation": org({"prescriptions_per_year": 0})}
	count(profile.findings) == 0 with input as {"organisation": org({"dispensings_per_year": 25000})}
}
