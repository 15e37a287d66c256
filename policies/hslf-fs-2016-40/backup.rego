# HSLF-FS 2016:40 3 kap. 12 §: personal data in information systems are backed up "med en
# fastställd periodicitet", the copies kept apart from the originals; 13 §: the care
# provider decides how long copies are kept and how often restore tests are made. The
# decision is shown by an adopted document on backup (kravkoll's reading, so a warning).
package kravkoll.hslf_fs_2016_40.backup

import data.kravkoll.lib

backup_routines contains d if {
	some d in input.documents
	d.adopted <= input.as_of
	d.subject == "backup"
}

# HSLF-3.12/c1: systems with patient data but no adopted backup decision.
findings contains f if {
	count(lib.patient_data_systems) > 0
	count(backup_routines) == 0
	f := {
		"control": "HSLF-3.12/c1",
		"record": null,
		"message": {
			"sv": "Det finns inget beslut om säkerhetskopiering (Document med subject: backup, antaget senast %s) som anger hur ofta personuppgifterna kopieras, hur länge kopiorna sparas och hur ofta återläsning testas, trots att %v system innehåller patientuppgifter.",
			"en": "There is no decision on backup (Document with subject: backup, adopted on or before %s) setting how often the personal data is copied, how long copies are kept and how often restores are tested, although %v systems hold patient data.",
			"args": [input.as_of, count(lib.patient_data_systems)],
		},
	}
}
