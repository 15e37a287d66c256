//! Bar charts as inline SVG: drawn from the figures alone, no script and no external
//! resource, so the HTML report stays one self-contained file.

use super::document::Chart;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 170.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 22.0;
const SIDE: f64 = 8.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One chart: a bar per year, the value above it, the year below; the report's year
/// (the last bar) in the accent colour.
pub fn bar_chart(chart: &Chart) -> String {
    let n = chart.bars.len().max(1) as f64;
    let max = chart
        .bars
        .iter()
        .map(|(_, v, _)| *v)
        .fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let plot = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - 2.0 * SIDE) / n;
    let bar = (slot * 0.62).min(48.0);
    let font = if slot < 26.0 { 8 } else { 11 };
    let label: Vec<String> = chart
        .bars
        .iter()
        .map(|(y, _, shown)| format!("{y}: {shown}"))
        .collect();
    let mut o = format!(
        "<svg viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
        esc(&format!("{}: {}", chart.title, label.join(", "))),
        esc(&chart.title)
    );
    o.push_str(&format!(
        "<line x1=\"{SIDE}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#8c959f\" stroke-width=\"1\"/>\n",
        HEIGHT - BOTTOM,
        WIDTH - SIDE,
        HEIGHT - BOTTOM
    ));
    let last = chart.bars.len().saturating_sub(1);
    for (i, (year, v, shown)) in chart.bars.iter().enumerate() {
        let h = (v.max(0.0) / max * plot).max(if *v > 0.0 { 1.0 } else { 0.0 });
        let x = SIDE + slot * i as f64 + (slot - bar) / 2.0;
        let y = HEIGHT - BOTTOM - h;
        let fill = if i == last { "#0b5394" } else { "#9fbfe0" };
        o.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{fill}\"/>\n"
        ));
        let cx = x + bar / 2.0;
        o.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"{font}\" text-anchor=\"middle\" fill=\"#1b1f24\">{}</text>\n",
            y - 4.0,
            esc(shown)
        ));
        o.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"{font}\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>\n",
            HEIGHT - BOTTOM + 14.0,
            esc(year)
        ));
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_show_every_value() {
        let c = Chart {
            title: "Incidenter".into(),
            bars: vec![
                ("2024".into(), 4.0, "4".into()),
                ("2025".into(), 20.0, "20".into()),
            ],
        };
        let svg = bar_chart(&c);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("aria-label=\"Incidenter: 2024: 4, 2025: 20\""));
        assert!(svg.contains("height=\"126.0\" fill=\"#0b5394\""), "{svg}");
        assert!(svg.contains(">20</text>") && svg.contains(">2024</text>"));
        assert!(!svg.contains("script") && !svg.contains("href"));
        // All zero: no bar, no division by zero.
        let z = Chart {
            title: "x".into(),
            bars: vec![("2025".into(), 0.0, "0".into())],
        };
        assert!(bar_chart(&z).contains("height=\"0.0\""));
    }
}
