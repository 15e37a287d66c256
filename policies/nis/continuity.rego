# Lag (2018:1174) 14 §: the operator takes appropriate measures to prevent and minimise
# the effects of incidents on the network and information systems of the essential
# service, aiming at the continuity of the service.
package kravkoll.nis.continuity

import data.kravkoll.lib

test_interval := lib.interval("restore_test_interval_months")

essential_systems := [s | some s in input.systems; s.nis_essential == true]

# The adopted continuity plans of each system of the essential service, by system id
# (gathered once per system in a rule, not by a function each rule calls; the rules bind
# these to variables before their scans, as regorus looks a rule up anew at every
# reference).
plans := {s.id: ps |
	referenced_by := lib.referenced_by
	some s in essential_systems
	ps := {p |
		some p in referenced_by[s.id].continuity_plans
		s.id in p.systems
		p.adopted <= input.as_of
	}
}

# The dates on or before as_of on which continuity of each system was exercised or tested.
exercise_dates := {s.id: ds |
	[referenced_by, planned] := [lib.referenced_by, plans]
	some s in essential_systems
	ds := {d |
		some p in planned[s.id]
		d := p.last_exercised
		d <= input.as_of
	} | {t.performed |
		some t in referenced_by[s.id].restore_tests
		t.system == s.id
		t.performed <= input.as_of
	}
}

# NIS-14/c1: a system of the essential service without a continuity plan.
findings contains f if {
	planned := plans
	some s in essential_systems
	count(planned[s.id]) == 0
	f := {
		"control": "NIS-14/c1",
		"record": s.id,
		"message": {
			"sv": "Systemet %s (%s) stöder den samhällsviktiga tjänsten men omfattas inte av någon fastställd kontinuitetsplan (ContinuityPlan med systemet i systems) per %s.",
			"en": "System %s (%s) supports the essential service but is not covered by any adopted continuity plan (ContinuityPlan listing it in systems) as of %s.",
			"args": [s.name, s.id, input.as_of],
		},
	}
}

# NIS-14/c2: continuity of a system with a plan never exercised or tested ...
findings contains f if {
	[planned, dates] := [plans, exercise_dates]
	some s in essential_systems
	count(planned[s.id]) > 0
	count(dates[s.id]) == 0
	f := {
		"control": "NIS-14/c2",
		"record": s.id,
		"message": {
			"sv": "Kontinuiteten för systemet %s (%s) har aldrig övats eller prövats (ingen last_exercised på dess kontinuitetsplan och inget RestoreTest) per %s.",
			"en": "Continuity of system %s (%s) has never been exercised or tested (no last_exercised on its continuity plan and no RestoreTest) as of %s.",
			"args": [s.name, s.id, input.as_of],
		},
	}
}

# ... or not within the interval.
findings contains f if {
	restore_test_interval_months_text := lib.interval_text("restore_test_interval_months").text
	[dates, months] := [exercise_dates, test_interval]
	some s in essential_systems
	ds := dates[s.id]
	count(ds) > 0
	last := max(ds)
	lib.overdue(last, months)
	full_months_text := kravkoll.quantity(lib.full_months(last, input.as_of), "full_months")
	f := {
		"control": "NIS-14/c2",
		"record": s.id,
		"message": {
			"sv": "Kontinuiteten för systemet %s (%s) övades eller prövades senast %s, %s före %s; högst %s ska gå mellan tillfällena.",
			"en": "Continuity of system %s (%s) was last exercised or tested on %s, %s before %s; at most %s are to pass between occasions.",
			"args": [s.name, s.id, last, full_months_text, input.as_of, restore_test_interval_months_text],
		},
	}
}
