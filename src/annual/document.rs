//! The annual report as structured text, ready for a renderer: a cover, sections of
//! paragraphs, lists, tables and charts, the coordinator's own Markdown, and numbered notes
//! that trace each statement to its records.

use crate::evidence::Lang;

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: Lang,
    /// "Informationssäkerhetsberättelse 2025".
    pub title: String,
    pub cover: Cover,
    pub sections: Vec<Section>,
    /// The traceability notes, numbered from 1 in the order they are first cited.
    pub notes: Vec<Note>,
}

/// The title page: who reports what to whom, and the document's status.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// Organisation, and the board with `--board`.
    pub subtitle: Vec<String>,
    /// Labelled lines: period, diarienummer, date, author, recipient, status, decision.
    pub fields: Vec<(String, String)>,
}

/// Where a section belongs: the reader's overview, the four statutory parts, the context,
/// or an appendix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Front,
    Statutory,
    Context,
    Appendix,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable anchor (`risk-analyses`, `incidents`, …), also the name of the coordinator's
    /// commentary file.
    pub id: &'static str,
    pub heading: String,
    pub part: Part,
    pub blocks: Vec<Block>,
}

impl Section {
    pub fn new(id: &'static str, heading: impl Into<String>, part: Part) -> Section {
        Section {
            id,
            heading: heading.into(),
            part,
            blocks: Vec::new(),
        }
    }

    pub fn statutory(&self) -> bool {
        self.part == Part::Statutory
    }
}

/// A sentence or list item, with the note that traces it to its records.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub note: Option<usize>,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Text {
        Text {
            text: text.into(),
            note: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers: right-aligned, never wrapped.
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub note: Option<usize>,
    /// A total or sum row, set apart.
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub head: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Row>,
}

impl Table {
    /// A table whose first column is text and the rest as `align` says.
    pub fn new(head: Vec<String>, align: Vec<Align>) -> Table {
        Table {
            head,
            align,
            rows: Vec::new(),
        }
    }

    /// A table of figures: the first column text, every other column a number.
    pub fn figures(head: Vec<String>) -> Table {
        let mut align = vec![Align::Right; head.len()];
        if let Some(first) = align.first_mut() {
            *first = Align::Left;
        }
        Table::new(head, align)
    }

    pub fn row(&mut self, cells: Vec<String>, note: Option<usize>) {
        self.rows.push(Row {
            cells,
            note,
            total: false,
        });
    }

    pub fn total(&mut self, cells: Vec<String>) {
        self.rows.push(Row {
            cells,
            note: None,
            total: true,
        });
    }
}

/// A bar chart of one figure over the years (inline SVG in HTML; Markdown shows the table
/// it is drawn from).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// (year, value, the value as printed).
    pub bars: Vec<(String, f64, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Text),
    /// A subheading inside a section.
    Sub(String),
    List(Vec<Text>),
    Table(Table),
    /// Charts shown side by side.
    Charts(Vec<Chart>),
    /// The coordinator's own words (Markdown), placed as written.
    Narrative(String),
}

/// Each note rendered by `line` (with its index from 0), in order, concatenated: side by
/// side, since a large report has a note for nearly every row.
pub fn each_note<F>(notes: &[Note], line: F) -> String
where
    F: Fn(usize, &Note) -> String + Sync,
{
    use rayon::prelude::*;
    notes
        .par_iter()
        .enumerate()
        .map(|(i, n)| line(i, n))
        .collect::<Vec<String>>()
        .concat()
}

/// One traceability note: the records a statement rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub records: Vec<NoteRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteRecord {
    pub id: String,
    /// What it is, in the report's language ("riskanalys", "rekommendation i audit-x").
    pub what: String,
    /// `evidence/…yaml:12`.
    pub place: String,
}

impl Document {
    /// The headings as shown, appendices lettered in order ("Bilaga A. …").
    pub fn headings(&self) -> Vec<String> {
        let mut letter = b'A';
        self.sections
            .iter()
            .map(|s| {
                if s.part == Part::Appendix {
                    let word = match self.lang {
                        Lang::Sv => "Bilaga",
                        Lang::En => "Appendix",
                    };
                    let h = format!("{word} {}. {}", letter as char, s.heading);
                    letter = letter.saturating_add(1);
                    h
                } else {
                    s.heading.clone()
                }
            })
            .collect()
    }

    /// "Innehåll" / "Contents".
    pub fn contents_label(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Innehåll",
            Lang::En => "Contents",
        }
    }
}
