# HSLF-FS 2016:40 4 kap. 2 § (with patientdatalagen 4 kap. 2 §): access-right decisions
# rest on a behovs- och riskanalys, and the journal system has different access-right
# categories (prop. 2007/08:126 s. 148 f., as RiR 2024:6 bilaga 1 cites it). A practice
# with a single profession may state why one category suffices. The missing-analysis
# check itself is PDL-4.2/c1.
package kravkoll.hslf_fs_2016_40.access_analysis

import data.kravkoll.lib

# HSLF-4.2/c1: the newest analysis of a patient-data system (performed on or before as_of;
# each of them when several share the newest date) defines at most one role category, i.e.
# one catch-all access level for everyone. An AccessAnalysis refers to its system only by
# `system`, so lib.latest_records holds exactly the newest ones.
findings contains f if {
	# Bound before the scan: regorus looks a rule up anew at every reference.
	latest := lib.latest_records
	some s in lib.patient_data_systems
	some aa in latest[s.id].access_analyses
	cats := object.get(aa, "role_categories", [])
	count(cats) <= 1
	not aa.single_category_reason
	f := {
		"control": "HSLF-4.2/c1",
		"record": aa.id,
		"field": "role_categories",
		"message": {
			"sv": "Behovs- och riskanalysen %s (%s) för systemet %s definierar %s; en enda kategori ger all personal samma åtkomst till alla patienter.",
			"en": "Needs-and-risk analysis %s (%s) for system %s defines %s; a single category gives all staff the same access to all patients.",
			"args": [aa.id, aa.performed, s.id, _categories(count(cats))],
		},
	}
}

_categories(n) := {"sv": "1 behörighetskategori", "en": "1 role category"} if {
	n == 1
} else := {"sv": sprintf("%d behörighetskategorier", [n]), "en": sprintf("%d role categories", [n])}
