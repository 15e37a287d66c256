# Follow-up of audit and supervision recommendations, by the response rules auditors commonly
# give ("Anvisningar för yttrande"): every recommendation gets a response with action,
# timeline (due) and responsible function, or a motivation for taking no action
# (no_action_reason), by the response date. Only a binding order in a supervision decision
# (binding_order: true: a föreläggande, e.g. under patientsäkerhetslagen 7 kap. 24 §, GDPR
# art. 58.2 d or cybersäkerhetslagen 4 kap. 4 §) is an error (c2); criticism and
# recommendations, the supervisor's included, are warnings (c1).
package kravkoll.audit.responses

import data.kravkoll.lib

# Without response_due, the response is due this many months after the audit's date
# (kravkoll's default; Region Skåne's auditors gave 3½ months in their report 7/2023).
response_months := lib.interval("audit_response_months")

# Binding orders of a supervision decision (/c2, error); everything else (/c1).
binding(a, rec) if {
	a.type == "supervision"
	rec.binding_order == true
}

resp1_control(a, rec) := "AUDIT-RESP-1/c2" if {
	binding(a, rec)
} else := "AUDIT-RESP-1/c1"

resp8_control(a, rec) := "AUDIT-RESP-8/c2" if {
	binding(a, rec)
} else := "AUDIT-RESP-8/c1"

# The response date of audit a, as a phrase for messages, when it has passed at as_of.
response_overdue(a) := {"sv": sprintf("svarsdagen %s", [a.response_due]), "en": sprintf("the response date %s", [a.response_due])} if {
	a.response_due < input.as_of
}

response_overdue(a) := {
	"sv": sprintf("%s efter granskningen %s, eftersom response_due inte är angiven%s", [lib.interval_text("audit_response_months").value.sv, a.date, lib.interval_text("audit_response_months").note.sv]),
	"en": sprintf("%s after the audit of %s, as no response_due is given%s", [lib.interval_text("audit_response_months").value.en, a.date, lib.interval_text("audit_response_months").note.en]),
} if {
	not a.response_due
	lib.overdue(a.date, response_months)
}

answered(rec) if rec.response
else := true if rec.no_action_reason

# Who has to answer: the board the recommendation is addressed to, if any.
addressee(rec) := {"sv": sprintf(" till %s", [name]), "en": sprintf(" to %s", [name])} if {
	some b in input.organisation.boards
	b.id == rec.addressed_to
	name := b.name
} else := {"sv": "", "en": ""}

noun(a, rec) := {"sv": "Föreläggandet", "en": "The order"} if {
	binding(a, rec)
} else := {"sv": "Iakttagelsen i tillsynsbeslutet", "en": "The finding of the supervision decision"} if {
	a.type == "supervision"
} else := {"sv": "Rekommendationen", "en": "The recommendation"}

# AUDIT-RESP-1: a recommendation with neither a response nor a no_action_reason after the
# response date (a recommendation addressed to a board is answered by that board).
findings contains f if {
	some a in input.audits
	a.date <= input.as_of
	when := response_overdue(a)
	some rec in a.recommendations
	not answered(rec)
	to := addressee(rec)
	n := noun(a, rec)
	f := {
		"control": resp1_control(a, rec),
		"record": a.id,
		"item": rec.id,
		"message": {
			"sv": "%s %s%s i %s har inte besvarats: varken åtgärd (response) eller motivering (no_action_reason) är registrerad, och %s har passerat.",
			"en": "%s %s%s in %s has not been answered: neither an action (response) nor a reason (no_action_reason) is recorded, and %s has passed.",
			"args": [n, rec.id, to, a.id, when],
		},
	}
}

# Evidence that the response to rec of audit a is done by as_of: an Improvement naming the
# recommendation (or the whole audit) in its sources, with done on or before as_of.
completion(a, rec) := i if {
	some i in array.concat(lib.referencing(rec.id, "improvements"), lib.referencing(a.id, "improvements"))
	i.done
	i.done <= input.as_of
}

# The improvements that name rec or a but are not done (for the message).
pending(a, rec) := [i.id |
	some i in array.concat(lib.referencing(rec.id, "improvements"), lib.referencing(a.id, "improvements"))
	not _done_by_as_of(i)
]

_done_by_as_of(i) if i.done <= input.as_of

pending_note(a, rec) := {
	"sv": sprintf(" Förbättringsåtgärden %s är inte genomförd.", [concat(", ", ps)]),
	"en": sprintf(" Improvement %s is not done.", [concat(", ", ps)]),
} if {
	ps := pending(a, rec)
	count(ps) > 0
} else := {
	"sv": " Ingen Improvement anger rekommendationen eller granskningen i sources.",
	"en": " No Improvement names the recommendation or the audit in its sources.",
}

# AUDIT-RESP-8: the response's timeline (due) has passed and no evidence shows the action done.
findings contains f if {
	some a in input.audits
	a.date <= input.as_of
	some rec in a.recommendations
	rec.response.due < input.as_of
	not rec.no_action_reason
	not completion(a, rec)
	n := noun(a, rec)
	note := pending_note(a, rec)
	f := {
		"control": resp8_control(a, rec),
		"record": a.id,
		"item": rec.id,
		"message": {
			"sv": "%s %s i %s: åtgärden skulle vara genomförd %s (ansvarig: %s) men inget visar att den är det.%s",
			"en": "%s %s in %s: the action was due on %s (responsible: %s) but nothing shows it done.%s",
			"args": [n, rec.id, a.id, rec.response.due, rec.response.responsible, note],
		},
	}
}
