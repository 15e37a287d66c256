//! The evidence format (contract v1) as data: every kind, its fields and their types.
//!
//! One table serves validation, the input document, the JSON Schema (`kravkoll schema`) and
//! the docs, so the four cannot drift apart.

/// The type of a field's value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Any scalar, read as text.
    Str,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339, or `YYYY-MM-DDTHH:MM[:SS]` in the organisation's time zone.
    DateTime,
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    Num {
        min: f64,
        max: f64,
    },
    /// One of the listed values.
    Enum(&'static [&'static str]),
    /// The listed values are the known ones, but any string is allowed (`<string>` in the contract).
    OpenEnum(&'static [&'static str]),
    /// The id of another record or nested item; `Some(kinds)` restricts which kinds.
    Ref(Option<&'static [&'static str]>),
    /// The id of a board in `organisation.boards`.
    Board,
    /// A board id or the word `organisation`.
    BoardOrOrganisation,
    List(&'static Ty),
    /// A mapping with the listed fields.
    Object(&'static [Field]),
    /// A list of mappings with the listed fields, each with an `id` unique in its parent.
    Items(&'static [Field]),
    /// A free mapping (the `extra` field): not checked.
    Free,
}

impl Ty {
    /// Whether values of this type hold nested items (whose lines a moved record moves).
    pub fn holds_items(&self) -> bool {
        match self {
            Ty::Items(_) => true,
            Ty::Object(fields) => fields.iter().any(|f| f.ty.holds_items()),
            Ty::List(inner) => inner.holds_items(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// Swedish term or short explanation shown in the schema and docs.
    pub doc: &'static str,
}

#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    /// Name of the array in the input document.
    pub plural: &'static str,
    pub sv: &'static str,
    pub fields: &'static [Field],
}

const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}
const fn opt(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

const STR_LIST: Ty = Ty::List(&Ty::Str);
const DATE_LIST: Ty = Ty::List(&Ty::Date);
const REF_LIST: Ty = Ty::List(&Ty::Ref(None));

/// Fields every record may carry besides its own.
pub const COMMON: &[Field] = &[
    req("kind", Ty::Str, "postens slag"),
    req("id", Ty::Str, "unikt i hela förrådet"),
    opt(
        "board",
        Ty::Board,
        "nämnd eller styrelse som posten hör till (id i organisation.boards)",
    ),
    opt(
        "document",
        Ty::Str,
        "sökväg, webbadress eller diarienummer till det underliggande dokumentet",
    ),
    opt("extra", Ty::Free, "fri mappning som inte kontrolleras"),
];

pub const ROLES: &[&str] = &[
    "infosec_coordinator",
    "dpo",
    "ciso",
    "information_owner",
    "system_owner",
];
pub const DOC_TYPES: &[&str] = &["policy", "guideline", "routine", "instruction"];
pub const DOC_SUBJECTS: &[&str] = &[
    "information_security",
    "incident_management",
    "access_control",
    "log_review",
    "classification",
    "continuity",
    "procurement",
    "backup",
    "risk_management",
    "internal_audit",
    "data_protection",
    "cryptography",
    "authentication",
    "supply_chain",
];
pub const SEVERITIES: &[&str] = &["error", "warning", "info"];

const RISK_FIELDS: &[Field] = &[
    req("id", Ty::Str, "unikt inom analysen"),
    req("description", Ty::Str, "risken"),
    req(
        "level",
        Ty::Enum(&["low", "medium", "high", "critical"]),
        "risknivå",
    ),
    req(
        "treatment",
        Ty::Enum(&["reduce", "accept", "transfer", "avoid"]),
        "riskhantering",
    ),
    opt(
        "measures",
        REF_LIST,
        "åtgärder (åtgärder i åtgärdsplan, förbättringsåtgärder, styrdokument)",
    ),
    opt(
        "patient_safety",
        Ty::Bool,
        "risken påverkar patientsäkerheten (MSB 2018 rekommendation 5)",
    ),
];

pub const OBJECTIVE_STATUSES: &[&str] = &["open", "met", "not_met", "cancelled"];

const OBJECTIVE_FOLLOW_UP_FIELDS: &[Field] = &[
    req("date", Ty::Date, "uppföljd"),
    req(
        "status",
        Ty::Enum(OBJECTIVE_STATUSES),
        "status vid uppföljningen",
    ),
    opt("value", Ty::Str, "uppmätt värde (mätetalets utfall)"),
];

/// The seven areas of MSB's maturity model (En bild av landstingens informationssäkerhetsarbete
/// 2018, avsnitt 5.2), in the report's order.
pub const MATURITY_AREAS: &[&str] = &[
    "leadership",
    "risk_management",
    "classification",
    "incidents",
    "procurement",
    "culture_training",
    "follow_up",
];

const PLAN_ITEM_FIELDS: &[Field] = &[
    req("id", Ty::Str, "unikt inom planen"),
    req("measure", Ty::Str, "åtgärd"),
    req("owner", Ty::Str, "ansvarig"),
    req("due", Ty::Date, "klart senast"),
    req(
        "status",
        Ty::Enum(&["planned", "ongoing", "done", "cancelled"]),
        "status",
    ),
    opt("done", Ty::Date, "genomförd"),
];

const RESPONSE_FIELDS: &[Field] = &[
    req("action", Ty::Str, "åtgärd"),
    req("due", Ty::Date, "tidplan"),
    req("responsible", Ty::Str, "ansvarig funktion"),
];

const RECOMMENDATION_FIELDS: &[Field] = &[
    req("id", Ty::Str, "unikt inom granskningen"),
    req("text", Ty::Str, "rekommendation"),
    opt(
        "addressed_to",
        Ty::Board,
        "nämnden som rekommendationen riktas till",
    ),
    opt(
        "response",
        Ty::Object(RESPONSE_FIELDS),
        "yttrande: åtgärd (action), tidplan (due) och ansvarig (responsible)",
    ),
    opt(
        "no_action_reason",
        Ty::Str,
        "motivering när ingen åtgärd vidtas",
    ),
    opt(
        "binding_order",
        Ty::Bool,
        "föreläggande: ett bindande krav från tillsynsmyndigheten, inte en rekommendation eller kritik",
    ),
];

pub const KINDS: &[Kind] = &[
    Kind {
        name: "Appointment",
        plural: "appointments",
        sv: "utnämning",
        fields: &[
            req(
                "role",
                Ty::Enum(ROLES),
                "infosec_coordinator = informationssäkerhetssamordnare, dpo = dataskyddsombud",
            ),
            req("person", Ty::Str, "personens namn eller titel"),
            req("appointed", Ty::Date, "beslutsdatum"),
            req("decided_by", Ty::Str, "vem som beslutade"),
            opt(
                "fte_share",
                Ty::Num { min: 0.0, max: 1.0 },
                "andel av heltid, 0..1",
            ),
            opt("ended", Ty::Date, "uppdraget upphörde"),
            opt(
                "deputy",
                Ty::Str,
                "ersättarens namn eller titel (MSB 2018 rekommendation 2)",
            ),
            opt(
                "reported_to_imy",
                Ty::Date,
                "dataskyddsombudets kontaktuppgifter anmälda till IMY (GDPR art. 37.7)",
            ),
            opt(
                "boards",
                Ty::List(&Ty::Board),
                "nämnder som gemensamt har utsett personen (t.ex. ett dataskyddsombud för flera nämnder, GDPR art. 37.3)",
            ),
        ],
    },
    Kind {
        name: "Document",
        plural: "documents",
        sv: "styrdokument",
        fields: &[
            req("title", Ty::Str, "titel"),
            req(
                "doc_type",
                Ty::Enum(DOC_TYPES),
                "policy, guideline = riktlinje, routine = rutin, instruction",
            ),
            opt("subject", Ty::OpenEnum(DOC_SUBJECTS), "ämne"),
            req("adopted_by", Ty::Str, "fastställd av"),
            req("adopted", Ty::Date, "fastställd"),
            opt("last_reviewed", Ty::Date, "senast reviderad"),
            opt(
                "review_history",
                DATE_LIST,
                "tidigare revideringar: de tidigare datumen, så att berättelsen för ett tidigare år kan skrivas även utan git",
            ),
            opt(
                "review_interval_months",
                Ty::Int { min: 1, max: 120 },
                "revideringsintervall",
            ),
            opt(
                "scope",
                Ty::List(&Ty::OpenEnum(&["all", "medical_devices", "ics_scada"])),
                "omfattning",
            ),
            opt(
                "defines",
                Ty::List(&Ty::OpenEnum(&[
                    "responsibilities",
                    "process",
                    "escalation_paths",
                ])),
                "vad dokumentet definierar",
            ),
        ],
    },
    Kind {
        name: "ManagementBriefing",
        plural: "management_briefings",
        sv: "föredragning för ledningen",
        fields: &[
            req("date", Ty::Date, "datum"),
            req(
                "audience",
                Ty::Enum(&["council", "board", "executive_team"]),
                "council = fullmäktige, board = styrelse/nämnd, executive_team = ledningsgrupp",
            ),
            opt(
                "topics",
                Ty::List(&Ty::OpenEnum(&[
                    "incidents",
                    "risks",
                    "work_done",
                    "audit_results",
                    "objectives",
                    "proposals",
                ])),
                "ämnen",
            ),
        ],
    },
    Kind {
        name: "Objective",
        plural: "objectives",
        sv: "informationssäkerhetsmål",
        fields: &[
            req("title", Ty::Str, "mål"),
            req("decided_by", Ty::Str, "beslutat av"),
            req("decided", Ty::Date, "beslutsdatum"),
            opt("target_date", Ty::Date, "måldatum"),
            req(
                "status",
                Ty::Enum(OBJECTIVE_STATUSES),
                "status",
            ),
            opt("followed_up", Ty::Date, "senast uppföljt"),
            opt(
                "metric",
                Ty::Str,
                "mätetal: hur målet mäts (MSB 2018 rekommendation 1)",
            ),
            opt("target", Ty::Str, "målvärde: värdet som betyder att målet är uppnått"),
            opt(
                "status_history",
                Ty::List(&Ty::Object(OBJECTIVE_FOLLOW_UP_FIELDS)),
                "tidigare uppföljningar: datum, status och uppmätt värde vid varje uppföljning",
            ),
        ],
    },
    Kind {
        name: "System",
        plural: "systems",
        sv: "informationssystem",
        fields: &[
            req("name", Ty::Str, "namn"),
            req("owner", Ty::Str, "systemägare"),
            req("patient_data", Ty::Bool, "innehåller patientuppgifter"),
            req("personal_data", Ty::Bool, "innehåller personuppgifter"),
            opt("sensitive_data", Ty::Bool, "känsliga personuppgifter"),
            opt("nis_essential", Ty::Bool, "stöder en samhällsviktig tjänst"),
            opt(
                "social_care_data",
                Ty::Bool,
                "innehåller personuppgifter inom socialtjänsten (lag 2001:454)",
            ),
            opt("mfa", Ty::Bool, "stark autentisering"),
            opt("logging", Ty::Bool, "åtkomstloggning"),
            opt(
                "log_retention_years",
                Ty::Int { min: 0, max: 100 },
                "hur många år åtkomstloggarna sparas (HSLF-FS 2016:40 4 kap. 9 §)",
            ),
            opt(
                "log_content",
                Ty::List(&Ty::Enum(LOG_CONTENT)),
                "vad åtkomstloggarna visar: actions = åtgärder, care_unit = vårdenhet eller vårdprocess, time = tidpunkt, user_identity = användarens identitet, patient_identity = patientens identitet",
            ),
            opt(
                "open_network",
                Ty::Bool,
                "personuppgifterna överförs eller nås över öppna nät (HSLF-FS 2016:40 3 kap. 15 §)",
            ),
            opt("in_operation", Ty::Date, "idrifttaget"),
            opt(
                "last_major_change",
                Ty::Date,
                "senaste större ändring av systemet",
            ),
            opt(
                "encryption_in_transit",
                Ty::Bool,
                "kryptering vid överföring (GDPR art. 32.1 a)",
            ),
            opt(
                "encryption_at_rest",
                Ty::Bool,
                "kryptering vid lagring (GDPR art. 32.1 a)",
            ),
            opt(
                "classification",
                Ty::Ref(Some(&["Classification"])),
                "informationsklassning",
            ),
            opt("supplier", Ty::Ref(Some(&["Supplier"])), "leverantör"),
        ],
    },
    Kind {
        name: "Classification",
        plural: "classifications",
        sv: "informationsklassning",
        fields: &[
            req("asset", Ty::Str, "informationstillgång"),
            opt("systems", Ty::List(&Ty::Ref(Some(&["System"]))), "system"),
            req("owner", Ty::Str, "informationsägare"),
            req("classified", Ty::Date, "klassad"),
            req(
                "confidentiality",
                Ty::Int { min: 1, max: 4 },
                "konfidentialitet 1..4",
            ),
            req("integrity", Ty::Int { min: 1, max: 4 }, "riktighet 1..4"),
            req(
                "availability",
                Ty::Int { min: 1, max: 4 },
                "tillgänglighet 1..4",
            ),
            opt(
                "required_measures",
                REF_LIST,
                "säkerhetsåtgärder som klassningen leder till (åtgärder i åtgärdsplan, styrdokument, förbättringsåtgärder)",
            ),
        ],
    },
    Kind {
        name: "RiskAnalysis",
        plural: "risk_analyses",
        sv: "riskanalys",
        fields: &[
            req("title", Ty::Str, "titel"),
            req(
                "scope",
                Ty::Enum(&[
                    "organisation",
                    "system",
                    "process",
                    "nis_service",
                    "procurement",
                    "change",
                ]),
                "omfattning",
            ),
            opt("systems", Ty::List(&Ty::Ref(Some(&["System"]))), "system"),
            req("performed", Ty::Date, "genomförd"),
            opt("approved_by", Ty::Str, "godkänd av"),
            opt("method", Ty::Str, "metod"),
            opt("purpose", Ty::Str, "syfte"),
            opt("inputs", STR_LIST, "underlag"),
            opt("risks", Ty::Items(RISK_FIELDS), "identifierade risker"),
            opt("action_plan", Ty::Ref(Some(&["ActionPlan"])), "åtgärdsplan"),
            opt(
                "reported_to_management",
                Ty::Date,
                "redovisad för ledningen",
            ),
        ],
    },
    Kind {
        name: "ActionPlan",
        plural: "action_plans",
        sv: "åtgärdsplan / handlingsplan",
        fields: &[
            req("title", Ty::Str, "titel"),
            req("decided_by", Ty::Str, "beslutad av"),
            req("decided", Ty::Date, "beslutsdatum"),
            req("items", Ty::Items(PLAN_ITEM_FIELDS), "åtgärder"),
        ],
    },
    Kind {
        name: "Training",
        plural: "trainings",
        sv: "utbildning",
        fields: &[
            req("title", Ty::Str, "titel"),
            req("mandatory", Ty::Bool, "obligatorisk"),
            req(
                "audience",
                Ty::OpenEnum(&["all_staff", "new_staff", "management", "specialists"]),
                "målgrupp",
            ),
            req("period_start", Ty::Date, "periodens början"),
            req("period_end", Ty::Date, "periodens slut"),
            opt(
                "population",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "antal i målgruppen",
            ),
            opt(
                "completed",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "antal som genomfört",
            ),
            opt("followed_up", Ty::Date, "uppföljd"),
        ],
    },
    Kind {
        name: "Supplier",
        plural: "suppliers",
        sv: "leverantör / avtal",
        fields: &[
            req("name", Ty::Str, "namn"),
            req("service", Ty::Str, "tjänst"),
            req("personal_data", Ty::Bool, "behandlar personuppgifter"),
            opt(
                "dpa_signed",
                Ty::Date,
                "personuppgiftsbiträdesavtal undertecknat",
            ),
            opt("security_requirements", Ty::Bool, "säkerhetskrav i avtalet"),
            opt(
                "incident_clause",
                Ty::Bool,
                "incidentrapportering i avtalet",
            ),
            opt(
                "role",
                Ty::Enum(&["processor", "controller", "joint_controller"]),
                "leverantörens roll: processor = personuppgiftsbiträde, controller = självständigt personuppgiftsansvarig, joint_controller = gemensamt personuppgiftsansvarig",
            ),
            opt("third_country", Ty::Bool, "överföring till tredjeland"),
            opt("transfer_mechanism", Ty::Str, "överföringsmekanism"),
            opt("last_followup", Ty::Date, "senast uppföljd"),
            opt(
                "followup_history",
                DATE_LIST,
                "tidigare uppföljningar: de tidigare datumen",
            ),
        ],
    },
    Kind {
        name: "Incident",
        plural: "incidents",
        sv: "incident / avvikelse",
        fields: &[
            req("title", Ty::Str, "titel"),
            req("detected", Ty::DateTime, "upptäckt (kännedom)"),
            req(
                "categories",
                Ty::List(&Ty::OpenEnum(&[
                    "personal_data_breach",
                    "nis",
                    "it",
                    "deviation",
                ])),
                "personal_data_breach = personuppgiftsincident",
            ),
            opt("imy_reportable", Ty::Bool, "anmälningspliktig till IMY"),
            opt("imy_reported", Ty::DateTime, "anmäld till IMY"),
            opt("delay_reason", Ty::Str, "skäl till försening"),
            opt("nis_significant", Ty::Bool, "betydande inverkan (NIS)"),
            opt("msb_reported", Ty::DateTime, "rapporterad till MSB/MCF"),
            opt(
                "csirt_early_warning",
                Ty::DateTime,
                "upplysning (tidig varning) till CSIRT-enheten, cybersäkerhetslagen 2 kap. 5 §",
            ),
            opt(
                "csirt_notification",
                Ty::DateTime,
                "incidentanmälan till CSIRT-enheten, cybersäkerhetslagen 2 kap. 6 §",
            ),
            opt(
                "csirt_status_report",
                Ty::Date,
                "lägesrapport till CSIRT-enheten, cybersäkerhetslagen 2 kap. 8 §",
            ),
            opt(
                "csirt_final_report",
                Ty::Date,
                "slutrapport till CSIRT-enheten, cybersäkerhetslagen 2 kap. 8 §",
            ),
            opt(
                "high_risk_to_subjects",
                Ty::Bool,
                "sannolikt hög risk för de registrerades rättigheter och friheter (GDPR art. 34.1)",
            ),
            opt(
                "subjects_informed",
                Ty::DateTime,
                "de registrerade informerade (GDPR art. 34.1)",
            ),
            opt(
                "subjects_not_informed_reason",
                Ty::Str,
                "skäl att inte informera de registrerade (GDPR art. 34.3 a–c)",
            ),
            req(
                "patient_harm",
                Ty::Enum(&["caused", "could_have", "none", "unknown"]),
                "vårdskada",
            ),
            opt(
                "effects",
                Ty::Str,
                "personuppgiftsincidentens effekter (GDPR art. 33.5)",
            ),
            opt(
                "serious_harm",
                Ty::Bool,
                "händelsen har medfört eller hade kunnat medföra en allvarlig vårdskada (patientsäkerhetslagen 3 kap. 5 §)",
            ),
            opt(
                "ivo_reported",
                Ty::Date,
                "anmäld till IVO (lex Maria, patientsäkerhetslagen 3 kap. 5 §)",
            ),
            opt(
                "patient_informed",
                Ty::Date,
                "patienten informerad om vårdskadan (patientsäkerhetslagen 3 kap. 8 §)",
            ),
            opt(
                "patient_not_informed_reason",
                Ty::Str,
                "skäl att inte informera patienten (t.ex. sekretess, patientsäkerhetslagen 3 kap. 8 c §)",
            ),
            opt(
                "recipients_informed",
                Ty::Date,
                "mottagarna av tjänsterna informerade (cybersäkerhetslagen 2 kap. 9 §)",
            ),
            opt(
                "recipients_not_informed_reason",
                Ty::Str,
                "skäl att inte informera mottagarna (information inte lämplig)",
            ),
            opt("analysed", Ty::Date, "analyserad"),
            opt("root_cause", Ty::Str, "grundorsak"),
            opt("improvements", REF_LIST, "förbättringsåtgärder"),
            opt("closed", Ty::Date, "avslutad"),
        ],
    },
    Kind {
        name: "AccessAnalysis",
        plural: "access_analyses",
        sv: "behovs- och riskanalys",
        fields: &[
            req("system", Ty::Ref(Some(&["System"])), "system"),
            req("performed", Ty::Date, "genomförd"),
            req("role_categories", STR_LIST, "behörighetskategorier"),
            opt("approved_by", Ty::Str, "godkänd av"),
            opt(
                "single_category_reason",
                Ty::Str,
                "skäl till en enda behörighetskategori (t.ex. en mottagning med en enda yrkeskategori)",
            ),
        ],
    },
    Kind {
        name: "AccessReview",
        plural: "access_reviews",
        sv: "behörighetsuppföljning",
        fields: &[
            req("system", Ty::Ref(Some(&["System"])), "system"),
            req("performed", Ty::Date, "genomförd"),
            opt(
                "accounts_reviewed",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "granskade konton",
            ),
            opt(
                "accounts_removed",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "borttagna konton",
            ),
            opt("findings", Ty::Str, "iakttagelser"),
        ],
    },
    Kind {
        name: "LogReview",
        plural: "log_reviews",
        sv: "loggkontroll",
        fields: &[
            req("system", Ty::Ref(Some(&["System"])), "system"),
            req("period_start", Ty::Date, "kontrollerad period, början"),
            req("period_end", Ty::Date, "kontrollerad period, slut"),
            req("performed", Ty::Date, "genomförd"),
            opt(
                "records_checked",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "kontrollerade loggposter",
            ),
            opt(
                "anomalies",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "avvikelser",
            ),
            opt(
                "unauthorised_access",
                Ty::Int {
                    min: 0,
                    max: i64::MAX,
                },
                "konstaterade obehöriga åtkomster",
            ),
            opt("actions", STR_LIST, "åtgärder"),
            opt(
                "incidents",
                Ty::List(&Ty::Ref(Some(&["Incident"]))),
                "personuppgiftsincidenter som registrerats för konstaterad obehörig åtkomst",
            ),
        ],
    },
    Kind {
        name: "RestoreTest",
        plural: "restore_tests",
        sv: "återläsningstest",
        fields: &[
            req("system", Ty::Ref(Some(&["System"])), "system"),
            req("performed", Ty::Date, "genomförd"),
            req(
                "result",
                Ty::Enum(&["success", "partial", "failed"]),
                "resultat",
            ),
            opt(
                "rto_hours_target",
                Ty::Num {
                    min: 0.0,
                    max: 1.0e6,
                },
                "mål för återställningstid (timmar)",
            ),
            opt(
                "rto_hours_achieved",
                Ty::Num {
                    min: 0.0,
                    max: 1.0e6,
                },
                "uppnådd återställningstid (timmar)",
            ),
        ],
    },
    Kind {
        name: "ContinuityPlan",
        plural: "continuity_plans",
        sv: "kontinuitetsplan",
        fields: &[
            req("title", Ty::Str, "titel"),
            opt("systems", Ty::List(&Ty::Ref(Some(&["System"]))), "system"),
            req("adopted", Ty::Date, "fastställd"),
            opt("last_exercised", Ty::Date, "senast övad"),
            opt(
                "exercise_history",
                DATE_LIST,
                "tidigare övningar: de tidigare datumen",
            ),
        ],
    },
    Kind {
        name: "Audit",
        plural: "audits",
        sv: "revision / tillsyn / granskning",
        fields: &[
            req("title", Ty::Str, "titel"),
            req("auditor", Ty::Str, "granskare"),
            req(
                "type",
                Ty::Enum(&["internal", "external", "supervision"]),
                "internal, external, supervision = tillsyn",
            ),
            req("date", Ty::Date, "datum"),
            opt("response_due", Ty::Date, "yttrande senast"),
            opt(
                "recommendations",
                Ty::Items(RECOMMENDATION_FIELDS),
                "rekommendationer",
            ),
        ],
    },
    Kind {
        name: "AnnualReport",
        plural: "annual_reports",
        sv: "informationssäkerhetsberättelse",
        fields: &[
            req(
                "year",
                Ty::Int {
                    min: 1990,
                    max: 2200,
                },
                "verksamhetsår",
            ),
            req(
                "compiled_by",
                Ty::Ref(Some(&["Appointment"])),
                "sammanställd av (en Appointment)",
            ),
            req(
                "submitted_to",
                Ty::BoardOrOrganisation,
                "nämndens id eller `organisation`",
            ),
            req("submitted", Ty::Date, "överlämnad"),
            opt("decision_ref", Ty::Str, "beslut / diarienummer"),
        ],
    },
    Kind {
        name: "PatientSafetyReport",
        plural: "patient_safety_reports",
        sv: "patientsäkerhetsberättelse",
        fields: &[
            req(
                "year",
                Ty::Int {
                    min: 1990,
                    max: 2200,
                },
                "verksamhetsår",
            ),
            req("published", Ty::Date, "upprättad"),
            req(
                "infosec_section",
                Ty::Bool,
                "innehåller avsnitt om informationssäkerhet",
            ),
        ],
    },
    Kind {
        name: "Exception",
        plural: "exceptions",
        sv: "riskacceptans / undantag",
        fields: &[
            req("controls", STR_LIST, "kontroll-id eller mönster"),
            opt("records", REF_LIST, "poster som omfattas (utan angivelse: alla)"),
            req("justification", Ty::Str, "motivering"),
            req("decided_by", Ty::Str, "beslutad av"),
            req("decided", Ty::Date, "beslutsdatum"),
            req("expires", Ty::Date, "upphör"),
        ],
    },
    Kind {
        name: "Improvement",
        plural: "improvements",
        sv: "förbättringsåtgärd",
        fields: &[
            req("title", Ty::Str, "titel"),
            opt(
                "sources",
                REF_LIST,
                "vad som ledde till åtgärden (incidenter, granskningar, riskanalyser)",
            ),
            req("owner", Ty::Str, "ansvarig"),
            req("decided", Ty::Date, "beslutad"),
            opt("done", Ty::Date, "genomförd"),
        ],
    },
    Kind {
        name: "Procurement",
        plural: "procurements",
        sv: "upphandling / anskaffning",
        fields: &[
            req("title", Ty::Str, "vad som upphandlas"),
            req("started", Ty::Date, "upphandlingen påbörjad"),
            opt("supplier", Ty::Ref(Some(&["Supplier"])), "tilldelad leverantör"),
            opt("systems", Ty::List(&Ty::Ref(Some(&["System"]))), "system"),
            opt(
                "risk_analysis",
                Ty::Ref(Some(&["RiskAnalysis"])),
                "riskanalys före kravställningen",
            ),
            opt(
                "classification",
                Ty::Ref(Some(&["Classification"])),
                "informationsklassning före kravställningen",
            ),
            opt(
                "security_requirements",
                Ty::Bool,
                "informationssäkerhetskrav ställda i upphandlingen",
            ),
            opt(
                "data_protection_requirements",
                Ty::Bool,
                "krav på inbyggt dataskydd och dataskydd som standard ställda (GDPR art. 25)",
            ),
            opt(
                "infosec_competence",
                Ty::List(&Ty::Enum(PROCUREMENT_STEPS)),
                "moment med informationssäkerhetskompetens: requirements = kravställning, tender_evaluation = utvärdering av anbud, go_live_verification = verifiering vid driftsättning",
            ),
        ],
    },
    Kind {
        name: "ProcessingActivity",
        plural: "processing_activities",
        sv: "behandling i registret över behandling (GDPR art. 30)",
        fields: &[
            req("title", Ty::Str, "behandlingens namn"),
            req("purposes", STR_LIST, "ändamålen med behandlingen"),
            req("data_subjects", STR_LIST, "kategorier av registrerade"),
            req("data_categories", STR_LIST, "kategorier av personuppgifter"),
            opt(
                "recipients",
                STR_LIST,
                "kategorier av mottagare, även i tredjeland",
            ),
            opt(
                "third_countries",
                STR_LIST,
                "tredjeländer eller internationella organisationer som uppgifterna överförs till",
            ),
            opt("retention", Ty::Str, "tidsfrister för radering (gallring)"),
            opt(
                "security_measures",
                Ty::Str,
                "allmän beskrivning av säkerhetsåtgärderna (art. 32.1)",
            ),
            opt("systems", Ty::List(&Ty::Ref(Some(&["System"]))), "system"),
            opt(
                "high_risk",
                Ty::Bool,
                "sannolikt hög risk för de registrerade (bedömning inför konsekvensbedömning, art. 35.1)",
            ),
            opt("last_reviewed", Ty::Date, "registerposten senast granskad"),
        ],
    },
    Kind {
        name: "Dpia",
        plural: "dpias",
        sv: "konsekvensbedömning avseende dataskydd (GDPR art. 35)",
        fields: &[
            req("title", Ty::Str, "titel"),
            opt(
                "processing",
                Ty::List(&Ty::Ref(Some(&["ProcessingActivity"]))),
                "behandlingar som bedömningen omfattar",
            ),
            opt(
                "systems",
                Ty::List(&Ty::Ref(Some(&["System"]))),
                "system som bedömningen omfattar",
            ),
            req("performed", Ty::Date, "genomförd"),
            opt("approved_by", Ty::Str, "godkänd av"),
            opt(
                "dpo_consulted",
                Ty::Date,
                "råd inhämtat från dataskyddsombudet (art. 35.2)",
            ),
            req(
                "residual_high_risk",
                Ty::Bool,
                "kvarstående hög risk trots åtgärder (art. 36.1)",
            ),
            opt(
                "prior_consultation",
                Ty::Date,
                "förhandssamråd med IMY begärt (art. 36.1)",
            ),
        ],
    },
    Kind {
        name: "MaturityAssessment",
        plural: "maturity_assessments",
        sv: "mognadsbedömning (MSB:s mognadsmodell, ett område)",
        fields: &[
            req(
                "year",
                Ty::Int {
                    min: 1990,
                    max: 2200,
                },
                "år som bedömningen avser",
            ),
            req(
                "area",
                Ty::Enum(MATURITY_AREAS),
                "leadership = ledningens engagemang, risk_management = riskhantering, classification = informationsklassning, incidents = avvikelser, incidenter och lärandeprocessen, procurement = upphandling, culture_training = säkerhetskultur och utbildning, follow_up = uppföljning av informationssäkerhetsarbetet",
            ),
            req("level", Ty::Int { min: 1, max: 4 }, "nivå 1–4"),
            req("justification", Ty::Str, "motivering"),
            opt("assessed_by", Ty::Str, "bedömd av"),
            opt("assessed", Ty::Date, "bedömningsdatum"),
        ],
    },
];

/// The title block of one year's annual report (`annual/<year>/report.yaml`, beside the
/// coordinator's narrative files).
pub const ANNUAL_TITLE_FIELDS: &[Field] = &[
    req(
        "status",
        Ty::Enum(&["draft", "adopted"]),
        "draft = utkast, adopted = fastställd",
    ),
    opt("diary_number", Ty::Str, "diarienummer"),
    opt("date", Ty::Date, "datum"),
    opt("author", Ty::Str, "upprättad av (namn och titel)"),
    opt(
        "recipient",
        Ty::BoardOrOrganisation,
        "mottagare: nämndens id eller `organisation`",
    ),
    opt(
        "decision",
        Ty::Str,
        "beslut, t.ex. protokoll och paragraf där nämnden fastställde berättelsen",
    ),
];

/// The steps of a procurement where MSB 2018 (figure 32) asked for information-security competence.
pub const PROCUREMENT_STEPS: &[&str] =
    &["requirements", "tender_evaluation", "go_live_verification"];

/// What access logs show under HSLF-FS 2016:40 4 kap. 9 §.
pub const LOG_CONTENT: &[&str] = &[
    "actions",
    "care_unit",
    "time",
    "user_identity",
    "patient_identity",
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The fields a record of `kind` may have: the common ones, then the kind's own.
pub fn fields_of(kind: &Kind) -> impl Iterator<Item = &'static Field> + '_ {
    COMMON.iter().chain(kind.fields.iter())
}

/// [`fields_of`] as one slice, made once per kind (every record is validated against it).
pub fn record_fields(kind: &Kind) -> &'static [Field] {
    static ALL: std::sync::LazyLock<Vec<Vec<Field>>> = std::sync::LazyLock::new(|| {
        KINDS
            .iter()
            .map(|k| fields_of(k).copied().collect())
            .collect()
    });
    KINDS
        .iter()
        .position(|k| k.name == kind.name)
        .map_or(&[], |i| ALL[i].as_slice())
}

/// The organisation block and the rest of `kravkoll.yaml`.
pub const ORG_TYPES: &[&str] = &[
    "region",
    "municipality",
    "private",
    "state_agency",
    "municipal_association",
];

/// The size of the enterprise with its partner and linked enterprises (Commission
/// Recommendation 2003/361/EC, annex art. 3 and 6), for the size test of cybersäkerhetslagen.
const ENTERPRISE_SIZE_FIELDS: &[Field] = &[
    opt(
        "employees",
        Ty::Int {
            min: 0,
            max: i64::MAX,
        },
        "personalstyrka (årsarbetsenheter) inklusive partnerföretag (andelsvis) och anknutna företag (helt)",
    ),
    opt(
        "annual_turnover_eur",
        Ty::Num {
            min: 0.0,
            max: 1.0e15,
        },
        "årsomsättning (EUR) inklusive partnerföretag och anknutna företag",
    ),
    opt(
        "balance_sheet_total_eur",
        Ty::Num {
            min: 0.0,
            max: 1.0e15,
        },
        "balansomslutning (EUR) inklusive partnerföretag och anknutna företag",
    ),
];

const BOARD_FIELDS: &[Field] = &[
    req("id", Ty::Str, "nämndens id, som fälten `board` anger"),
    req("name", Ty::Str, "namn på nämnden/styrelsen"),
];

pub const ORGANISATION_FIELDS: &[Field] = &[
    req("name", Ty::Str, "organisationens namn"),
    opt("org_number", Ty::Str, "organisationsnummer"),
    req(
        "type",
        Ty::Enum(ORG_TYPES),
        "region, municipality = kommun, private, state_agency = statlig myndighet, municipal_association = kommunalförbund",
    ),
    req("healthcare_provider", Ty::Bool, "vårdgivare"),
    req("social_care_provider", Ty::Bool, "omsorgsgivare"),
    opt(
        "timezone",
        Ty::Str,
        "tidszon (IANA), förval Europe/Stockholm",
    ),
    opt(
        "licensed_staff_fte",
        Ty::Num {
            min: 0.0,
            max: 1.0e7,
        },
        "legitimerad vårdpersonal, årsarbetskrafter",
    ),
    opt(
        "prescriptions_per_year",
        Ty::Int {
            min: 0,
            max: i64::MAX,
        },
        "äldre namn på dispensings_per_year (läses som expedieringar, inte som utfärdade recept)",
    ),
    opt(
        "dispensings_per_year",
        Ty::Int {
            min: 0,
            max: i64::MAX,
        },
        "expedieringar av receptbelagda läkemedel per år (apoteksverksamhet; inte utfärdade recept)",
    ),
    opt(
        "employees",
        Ty::Int {
            min: 0,
            max: i64::MAX,
        },
        "anställda",
    ),
    opt(
        "annual_turnover_eur",
        Ty::Num {
            min: 0.0,
            max: 1.0e15,
        },
        "årsomsättning (EUR)",
    ),
    opt(
        "balance_sheet_total_eur",
        Ty::Num {
            min: 0.0,
            max: 1.0e15,
        },
        "balansomslutning (EUR)",
    ),
    opt(
        "csl_registered",
        Ty::Date,
        "anmäld till Myndigheten för civilt försvar enligt cybersäkerhetslagen 2 kap. 2 §",
    ),
    opt(
        "connected_svod",
        Ty::Bool,
        "ansluten till sammanhållen vård- och omsorgsdokumentation (lag 2022:913)",
    ),
    opt(
        "enterprise_size",
        Ty::Object(ENTERPRISE_SIZE_FIELDS),
        "storleken med partnerföretag och anknutna företag (kommissionens rekommendation 2003/361/EG)",
    ),
    opt(
        "preparedness_agency",
        Ty::Bool,
        "statlig myndighet i bilaga 1 till förordningen (2022:524) om statliga myndigheters beredskap",
    ),
    opt(
        "csl_covered",
        Ty::Bool,
        "omfattas av cybersäkerhetslagen (2025:1506): anges när profilen inte kan avgöra det",
    ),
    opt(
        "boards",
        Ty::Items(BOARD_FIELDS),
        "nämnder/styrelser som är personuppgiftsansvariga",
    ),
];

pub const CONFIG_FIELDS: &[Field] = &[
    req(
        "organisation",
        Ty::Object(ORGANISATION_FIELDS),
        "organisationsprofil",
    ),
    opt("language", Ty::Enum(&["sv", "en"]), "rapporternas språk"),
    opt(
        "evidence_dir",
        Ty::Str,
        "mappen med evidensposterna, förval `evidence`",
    ),
    opt(
        "intervals",
        Ty::Free,
        "ändrade standardintervall, efter namn",
    ),
    opt(
        "policy_limits",
        Ty::Object(POLICY_LIMIT_FIELDS),
        "limits of each policy package's evaluation (docs/limits.md)",
    ),
    opt(
        "allow_personal_identity_numbers_in",
        STR_LIST,
        "evidence files, by path, that may hold personal identity numbers (docs/limits.md)",
    ),
];

/// `policy_limits` in kravkoll.yaml (docs/limits.md).
pub const POLICY_LIMIT_FIELDS: &[Field] = &[
    opt(
        "time_seconds",
        Ty::Int { min: 1, max: 3600 },
        "time limit per policy package, seconds (default 120)",
    ),
    opt(
        "memory_mib",
        Ty::Int {
            min: 16,
            max: 1_048_576,
        },
        "memory limit per policy package, MiB (default 1024)",
    ),
];
