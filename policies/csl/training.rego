# Cybersäkerhetslagen (2025:1506) 2 kap. 4 §: the persons in the management of the
# organisation undergo training on security measures. 2 kap. 3 § andra stycket 7: the
# security measures cover basic cyber hygiene and cybersecurity training.
package kravkoll.csl.training

import data.kravkoll.lib

# Staff training counts when its period ended within this many months (kravkoll's choice).
staff_window_months := 12

completion_pct := lib.interval("training_completion_warning_pct")

started(t) if t.period_start <= input.as_of

management := {t | some t in input.trainings; t.audience == "management"; started(t)}

# CSL-2.4/c1: no training of management at all.
findings contains f if {
	count(management) == 0
	f := {
		"control": "CSL-2.4/c1",
		"record": null,
		"message": {
			"sv": sprintf("Det finns ingen utbildning om säkerhetsåtgärder för ledningen (Training med audience: management) per %s; de personer som ingår i ledningen ska genomgå sådan utbildning.", [input.as_of]),
			"en": sprintf("There is no training on security measures for management (Training with audience: management) as of %s; the persons in management are to undergo such training.", [input.as_of]),
		},
	}
}

# The latest management training whose period has ended.
ended_management := {t | some t in management; t.period_end <= input.as_of}

latest_end := max({t.period_end | some t in ended_management})

latest_management := t if {
	latest_id := max({x.id | some x in ended_management; x.period_end == latest_end})
	some t in ended_management
	t.id == latest_id
}

# CSL-2.4/c2: not all of management completed the latest training.
findings contains f if {
	t := latest_management
	t.population > 0
	pct := (100 * object.get(t, "completed", 0)) / t.population
	pct < completion_pct
	f := {
		"control": "CSL-2.4/c2",
		"record": t.id,
		"message": {
			"sv": sprintf("Ledningsutbildningen %s (%s–%s) genomfördes av %v av %v i ledningen (%v procent); alla som ingår i ledningen ska genomgå utbildningen (varningsgräns %v procent).", [t.id, t.period_start, t.period_end, object.get(t, "completed", 0), t.population, round(pct), completion_pct]),
			"en": sprintf("Management training %s (%s–%s) was completed by %v of %v in management (%v percent); everyone in management is to undergo the training (warning threshold %v percent).", [t.id, t.period_start, t.period_end, object.get(t, "completed", 0), t.population, round(pct), completion_pct]),
		},
	}
}

current_staff_training contains t if {
	some t in input.trainings
	t.audience in {"all_staff", "new_staff"}
	started(t)
	not lib.overdue(t.period_end, staff_window_months)
}

# CSL-2.3.7/c1: no staff cybersecurity training offered within the window.
findings contains f if {
	count(current_staff_training) == 0
	f := {
		"control": "CSL-2.3.7/c1",
		"record": null,
		"message": {
			"sv": sprintf("Ingen utbildning i cybersäkerhet har erbjudits personalen under de senaste %v månaderna (Training med audience all_staff eller new_staff) per %s.", [staff_window_months, input.as_of]),
			"en": sprintf("No cybersecurity training has been offered to staff during the last %v months (Training with audience all_staff or new_staff) as of %s.", [staff_window_months, input.as_of]),
		},
	}
}
