//! `--format json`, exactly as the evidence-format contract specifies.

use crate::findings::Outcome;

pub fn render(outcome: &Outcome) -> String {
    let mut s = serde_json::to_string_pretty(outcome).expect("findings serialise");
    s.push('\n');
    s
}
