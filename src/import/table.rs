//! Reading a spreadsheet into rows of cells: CSV with the `csv` crate (comma or semicolon,
//! as Swedish Excel writes it), Excel and OpenDocument with `calamine`. Rows and columns keep
//! the numbers the coordinator sees in the program (row 1, column A) for error messages.

use std::path::Path;

/// One cell as the spreadsheet typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel date or date-time: (date, hour, minute).
    DateTime(jiff::civil::Date, u8, u8),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// How the cell reads in a message.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::DateTime(d, 0, 0) => d.to_string(),
            Cell::DateTime(d, h, m) => format!("{d} {h:02}:{m:02}"),
        }
    }
}

pub struct Table {
    /// The sheet read (spreadsheets), `None` for CSV.
    pub sheet: Option<String>,
    /// 1-based row number of the header row.
    pub header_row: usize,
    pub headers: Vec<String>,
    /// (1-based row number, cells) of each row after the header.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Column letters as the spreadsheet shows them: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn split(
    header_row: usize,
    sheet: Option<String>,
    all: Vec<(usize, Vec<Cell>)>,
) -> Result<Table, String> {
    let mut rows = all.into_iter().skip_while(|(n, _)| *n < header_row);
    let Some((n, header)) = rows.next().filter(|(n, _)| *n == header_row) else {
        return Err(format!("there is no header row {header_row}"));
    };
    let headers = header
        .iter()
        .map(|c| c.shown().trim().to_string())
        .collect();
    Ok(Table {
        sheet,
        header_row: n,
        headers,
        rows: rows.collect(),
    })
}

/// Reads a CSV file (UTF-8; comma or semicolon, whichever the header row uses more).
pub fn read_csv(path: &Path, header_row: usize, max_bytes: u64) -> Result<Table, String> {
    let bytes = crate::source::read_bounded(path, max_bytes)?;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).map_err(
        |_| "the file is not UTF-8 text; in Excel, save it as \"CSV UTF-8\"".to_string(),
    )?;
    let first = text.lines().nth(header_row.saturating_sub(1)).unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut all = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", i + 1))?;
        // The row as a spreadsheet program shows it: blank lines count (the csv reader skips
        // them), so count the line breaks before the record.
        let line = record
            .position()
            .map(|p| {
                // The position may be the end of the previous record, before skipped blank lines.
                let bytes = text.as_bytes();
                let mut at = (p.byte() as usize).min(bytes.len());
                while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
                    at += 1;
                }
                bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
            })
            .unwrap_or(i + 1);
        let cells = record
            .iter()
            .map(|t| {
                if t.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(t.to_string())
                }
            })
            .collect();
        all.push((line, cells));
    }
    split(header_row, None, all)
}

fn excel_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, h, min, _, _) = dt.to_ymd_hms_milli();
            match jiff::civil::Date::new(y as i16, m as i8, day as i8) {
                Ok(date) => Cell::DateTime(date, h, min),
                Err(_) => Cell::Number(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// Reads one sheet of a workbook (.xlsx, .xlsm, .xls, .ods); the first when `sheet` is `None`.
pub fn read_workbook(
    path: &Path,
    sheet: Option<&str>,
    header_row: usize,
    max_bytes: u64,
) -> Result<Table, String> {
    use calamine::Reader;
    let bytes = crate::source::read_bounded(path, max_bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| n.to_lowercase() == s.to_lowercase()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "there is no sheet `{s}`; the sheets are: {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let all = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            // Cells left of the used range are empty: keep column letters true to the sheet.
            let mut cells = vec![Cell::Empty; first_col as usize];
            cells.extend(row.iter().map(excel_cell));
            (first_row as usize + i + 1, cells)
        })
        .collect();
    split(header_row, Some(name), all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn semicolon_csv_with_a_bom_and_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.csv");
        std::fs::write(&p, "\u{feff}Namn;Ägare\nJournal;Anna\n\n\"Lab; kemi\";Bo\n").unwrap();
        let t = read_csv(&p, 1, 1 << 20).unwrap();
        assert_eq!(t.headers, ["Namn", "Ägare"]);
        let rows: Vec<_> = t.rows.iter().map(|(n, c)| (*n, c[0].shown())).collect();
        assert_eq!(
            rows,
            [(2, "Journal".to_string()), (4, "Lab; kemi".to_string())]
        );
    }
}
