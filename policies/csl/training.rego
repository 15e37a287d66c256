# Cybersäkerhetslagen (2025:1506) 2 kap. 4 §: the persons in the management of the
# organisation undergo training on security measures. 2 kap. 3 § andra stycket 7: the
# security measures cover basic cyber hygiene and cybersecurity training.
package kravkoll.csl.training

import data.kravkoll.lib

# Staff training counts when its period ended within this many months (the act names no
# interval: kravkoll's default, overridable).
staff_window_months := lib.interval("staff_training_interval_months")

completion_pct := lib.interval("training_completion_warning_pct")

started(t) if t.period_start <= input.as_of

management := [t | some t in input.trainings; t.audience == "management"; started(t)]

# CSL-2.4/c1: no training of management at all.
findings contains f if {
	count(management) == 0
	f := {
		"control": "CSL-2.4/c1",
		"record": null,
		"message": {
			"sv": "Det finns ingen utbildning om säkerhetsåtgärder för ledningen (Training med audience: management) per %s; de personer som ingår i ledningen ska genomgå sådan utbildning.",
			"en": "There is no training on security measures for management (Training with audience: management) as of %s; the persons in management are to undergo such training.",
			"args": [input.as_of],
		},
	}
}

# The latest management training whose period has ended.
ended_management := [t | some t in management; t.period_end <= input.as_of]

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
	completed_text := kravkoll.number(object.get(t, "completed", 0), 0)
	population_text := kravkoll.number(t.population, 0)
	pct_text := kravkoll.quantity(pct, "percent")
	training_completion_warning_pct_text := lib.interval_text("training_completion_warning_pct").text
	f := {
		"control": "CSL-2.4/c2",
		"record": t.id,
		"message": {
			"sv": "Ledningsutbildningen %s (%s–%s) genomfördes av %s av %s i ledningen (%s); alla som ingår i ledningen ska genomgå utbildningen (varningsgräns %s).",
			"en": "Management training %s (%s–%s) was completed by %s of %s in management (%s); everyone in management is to undergo the training (warning threshold %s).",
			"args": [t.id, t.period_start, t.period_end, completed_text, population_text, pct_text, training_completion_warning_pct_text],
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
	staff_training_interval_months_text := lib.interval_text("staff_training_interval_months").text
	f := {
		"control": "CSL-2.3.7/c1",
		"record": null,
		"message": {
			"sv": "Ingen utbildning i cybersäkerhet (Training med audience all_staff eller new_staff) har erbjudits personalen inom %s före %s.",
			"en": "No cybersecurity training (Training with audience all_staff or new_staff) has been offered to staff within %s before %s.",
			"args": [staff_training_interval_months_text, input.as_of],
		},
	}
}
