//! `--format json`, exactly as the evidence-format contract specifies.

use crate::findings::Outcome;

pub fn render(outcome: &Outcome) -> String {
    let mut s = serde_json::to_string_pretty(outcome).expect("findings serialise");
    s.push('\n');
    s
}

/// [`render`] written as it is made: the text of a large check (27 MB at 100 000 records)
/// is never held whole, which was the peak of a check's memory.
pub fn render_to(outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut w, outcome)?;
    w.write_all(b"\n")?;
    w.flush()
}
