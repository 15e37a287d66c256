//! One self-contained HTML file for people (an auditor, a board): an overview by framework
//! and by board (nämnd), then every finding with provision, `file:line` and what to do.
//! Filters (severity, framework, board, accepted, free text) work offline in the page; a
//! Content-Security-Policy forbids every external request; print CSS drops the controls.
//! The initial filter can be given in the address: `report.html#severity=error&board=hsn`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{counted, Context, Counted};
use crate::evidence::{FieldValue, Lang};
use crate::findings::{Finding, Severity};

/// HTML text and attribute escaping.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct Words {
    title: &'static str,
    as_of: &'static str,
    framework: &'static str,
    board: &'static str,
    no_board: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    accepted: &'static str,
    accepted_by: &'static str,
    until: &'static str,
    none: &'static str,
    also: &'static str,
    todo: &'static str,
    record: &'static str,
    search: &'static str,
    all: &'static str,
    shown: &'static str,
    overview: &'static str,
    findings: &'static str,
    total: &'static str,
}

const SV: Words = Words {
    title: "Kontroll av informationssäkerhetskrav",
    as_of: "per",
    framework: "Regelverk",
    board: "Nämnd/styrelse",
    no_board: "(ingen nämnd angiven)",
    error: "Fel",
    warning: "Varningar",
    info: "Information",
    accepted: "Accepterade",
    accepted_by: "Accepterad av",
    until: "till och med",
    none: "Inga avvikelser.",
    also: "Även",
    todo: "Åtgärd",
    record: "post",
    search: "Sök",
    all: "Alla",
    shown: "visas",
    overview: "Översikt",
    findings: "Anmärkningar",
    total: "Totalt",
};

const EN: Words = Words {
    title: "Information-security compliance check",
    as_of: "as of",
    framework: "Framework",
    board: "Board",
    no_board: "(no board given)",
    error: "Errors",
    warning: "Warnings",
    info: "Info",
    accepted: "Accepted",
    accepted_by: "Accepted by",
    until: "until",
    none: "No findings.",
    also: "Also",
    todo: "To do",
    record: "record",
    search: "Search",
    all: "All",
    shown: "shown",
    overview: "Overview",
    findings: "Findings",
    total: "Total",
};

const CSS: &str = r#"
:root { --err:#b00020; --warn:#8a5a00; --info:#005a8a; --acc:#555; --line:#ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: #111; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.meta { color: #444; margin: 0 0 1rem; }
.counts span { display: inline-block; margin-right: 1rem; font-weight: 600; }
.c-error { color: var(--err); } .c-warning { color: var(--warn); } .c-info { color: var(--info); } .c-accepted { color: var(--acc); }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem; background: #f4f4f4; border-radius: 6px; }
form.filters label { white-space: nowrap; }
article.finding { border-left: 4px solid var(--line); padding: .4rem .8rem; margin: .6rem 0; page-break-inside: avoid; break-inside: avoid; }
article.finding[data-severity=error] { border-color: var(--err); }
article.finding[data-severity=warning] { border-color: var(--warn); }
article.finding[data-severity=info] { border-color: var(--info); }
article.finding[data-accepted=yes] { border-style: dashed; color: #333; }
.head { font-weight: 600; } .sev { text-transform: uppercase; font-size: .8rem; letter-spacing: .03em; }
.loc { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; color: #333; }
dl { margin: .3rem 0 0; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; }
dt { color: #555; } dd { margin: 0; }
[hidden] { display: none !important; }
@media print {
  form.filters, #shown { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
}
"#;

const JS: &str = r#"
(function () {
  var form = document.getElementById('filters');
  var items = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var shown = document.getElementById('shown-n');
  function apply() {
    var sev = {};
    form.querySelectorAll('input[name=severity]').forEach(function (c) { sev[c.value] = c.checked; });
    var fw = form.elements.framework.value, board = form.elements.board.value;
    var acc = form.elements.accepted.checked;
    var q = form.elements.q.value.trim().toLowerCase();
    var n = 0;
    items.forEach(function (a) {
      var ok = sev[a.dataset.severity]
        && (!fw || a.dataset.framework === fw)
        && (!board || a.dataset.board === board)
        && (acc || a.dataset.accepted !== 'yes')
        && (!q || a.textContent.toLowerCase().indexOf(q) >= 0);
      a.hidden = !ok;
      if (ok) n++;
    });
    document.querySelectorAll('section.framework').forEach(function (s) {
      s.hidden = !s.querySelector('article.finding:not([hidden])');
    });
    shown.textContent = String(n);
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (!h) return;
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='), k = kv.slice(0, i), v = kv.slice(i + 1);
      if (k === 'severity') {
        var want = v.split(',');
        form.querySelectorAll('input[name=severity]').forEach(function (c) { c.checked = want.indexOf(c.value) >= 0; });
      } else if (k === 'framework' || k === 'board' || k === 'q') {
        form.elements[k].value = v;
      } else if (k === 'accepted') {
        form.elements.accepted.checked = v !== 'no';
      }
    });
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
  document.documentElement.dataset.ready = 'yes';
})();
"#;

fn board_of(ctx: &Context, f: &Finding) -> Option<String> {
    let ev = ctx.evidence?;
    let record = ev.by_id(f.record.as_deref()?)?;
    record
        .value
        .get("board")
        .and_then(FieldValue::str)
        .map(str::to_string)
}

fn board_name(ctx: &Context, id: &str) -> String {
    ctx.evidence
        .and_then(|ev| ev.config.organisation.board_name(id))
        .unwrap_or(id)
        .to_string()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
    accepted: usize,
}

impl Counts {
    fn add(&mut self, f: &Finding) {
        match (&f.accepted_by, f.severity) {
            (Some(_), _) => self.accepted += 1,
            (None, Severity::Error) => self.error += 1,
            (None, Severity::Warning) => self.warning += 1,
            (None, Severity::Info) => self.info += 1,
        }
    }
}

fn count_row(out: &mut Sink, name: &str, c: Counts, bold: bool) {
    let (b, e) = if bold { ("<b>", "</b>") } else { ("", "") };
    let _ = writeln!(
        out,
        "<tr><td>{b}{}{e}</td><td class=n>{b}{}{e}</td><td class=n>{b}{}{e}</td><td class=n>{b}{}{e}</td><td class=n>{b}{}{e}</td></tr>",
        esc(name),
        c.error,
        c.warning,
        c.info,
        c.accepted
    );
}

/// The report as one text (for tests, and where a text is needed).
pub fn render(ctx: &Context) -> String {
    let mut bytes = Vec::new();
    // Writing to memory does not fail.
    let _ = render_to(ctx, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the report to `w` as it is made: at 100 000 records the page is 27 MB, which was
/// held whole at the end of a run, above the peak of `check` itself.
pub fn render_to(ctx: &Context, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = Sink {
        buf: String::with_capacity(Sink::CHUNK),
        w,
        err: None,
    };
    write_body(ctx, &mut out);
    out.spill();
    match out.err {
        Some(e) => Err(e),
        None => out.w.flush(),
    }
}

/// Text gathered and handed on a chunk at a time; the first write error is kept and
/// returned at the end (what follows it is dropped).
struct Sink<'a> {
    buf: String,
    w: &'a mut dyn std::io::Write,
    err: Option<std::io::Error>,
}

impl Sink<'_> {
    const CHUNK: usize = 1 << 16;

    fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= Self::CHUNK {
            self.spill();
        }
    }

    fn spill(&mut self) {
        if self.err.is_none() {
            if let Err(e) = self.w.write_all(self.buf.as_bytes()) {
                self.err = Some(e);
            }
        }
        self.buf.clear();
    }
}

impl Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

fn write_body(ctx: &Context, out: &mut Sink) {
    let w = if ctx.lang == Lang::Sv { &SV } else { &EN };
    let o = ctx.outcome;
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"kravkoll {}\">\n<title>kravkoll – {} – {} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        ctx.lang.code(),
        env!("CARGO_PKG_VERSION"),
        esc(&o.organisation),
        w.as_of,
        esc(&o.as_of)
    );
    let _ = writeln!(
        out,
        "<header><h1>{}: {}</h1><p class=meta>{} {} · {}</p>",
        esc(&o.organisation),
        w.title,
        w.as_of,
        esc(&o.as_of),
        counted(o.summary.controls_evaluated, Counted::Evaluated, ctx.lang),
    );
    let mut total = Counts::default();
    for f in &o.findings {
        total.add(f);
    }
    let _ = writeln!(
        out,
        "<p class=counts><span class=c-error>{}</span><span class=c-warning>{}</span><span class=c-info>{}</span><span class=c-accepted>{}</span></p></header>",
        counted(total.error, Counted::Error, ctx.lang),
        counted(total.warning, Counted::Warning, ctx.lang),
        counted(total.info, Counted::Info, ctx.lang),
        counted(total.accepted, Counted::Accepted, ctx.lang),
    );
    if o.findings.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</body>\n</html>", w.none);
        return;
    }

    // Overview by framework and by board.
    let mut frameworks: Vec<&str> = Vec::new();
    for f in &o.findings {
        if !frameworks.contains(&f.framework.as_str()) {
            frameworks.push(&f.framework);
        }
    }
    let mut boards: BTreeMap<String, Counts> = BTreeMap::new();
    for f in &o.findings {
        boards
            .entry(board_of(ctx, f).unwrap_or_default())
            .or_default()
            .add(f);
    }
    let head = format!(
        "<tr><th>{{}}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
        w.error, w.warning, w.info, w.accepted
    );
    let _ = writeln!(out, "<h2>{}</h2>", w.overview);
    let _ = writeln!(
        out,
        "<table id=by-framework>{}",
        head.replace("{}", w.framework)
    );
    for fw in &frameworks {
        let mut c = Counts::default();
        for f in o.findings.iter().filter(|f| f.framework == *fw) {
            c.add(f);
        }
        count_row(out, &ctx.framework_name(fw), c, false);
    }
    count_row(out, w.total, total, true);
    out.push_str("</table>\n");
    let _ = writeln!(out, "<table id=by-board>{}", head.replace("{}", w.board));
    for (id, c) in &boards {
        let name = if id.is_empty() {
            w.no_board.to_string()
        } else {
            board_name(ctx, id)
        };
        count_row(out, &name, *c, false);
    }
    out.push_str("</table>\n");

    // Filters.
    let _ = writeln!(out, "<h2>{}</h2>", w.findings);
    out.push_str("<form id=filters class=filters>\n");
    for (s, label, cls) in [
        (Severity::Error, w.error, "c-error"),
        (Severity::Warning, w.warning, "c-warning"),
        (Severity::Info, w.info, "c-info"),
    ] {
        let _ = writeln!(
            out,
            "<label class={cls}><input type=checkbox name=severity value={} checked> {label}</label>",
            s.as_str()
        );
    }
    let _ = writeln!(
        out,
        "<label><input type=checkbox name=accepted checked> {}</label>",
        w.accepted
    );
    let _ = write!(
        out,
        "<label>{} <select name=framework><option value=\"\">{}</option>",
        w.framework, w.all
    );
    for fw in &frameworks {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(fw),
            esc(&ctx.framework_name(fw))
        );
    }
    out.push_str("</select></label>\n");
    let _ = write!(
        out,
        "<label>{} <select name=board><option value=\"\">{}</option>",
        w.board, w.all
    );
    for id in boards.keys().filter(|b| !b.is_empty()) {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(id),
            esc(&board_name(ctx, id))
        );
    }
    out.push_str("</select></label>\n");
    let _ = writeln!(
        out,
        "<label>{} <input type=search name=q></label>\n<span id=shown><span id=shown-n>{}</span> {}</span>\n</form>",
        w.search,
        o.findings.len(),
        w.shown
    );

    // Findings by framework.
    for fw in &frameworks {
        let _ = writeln!(
            out,
            "<section class=framework data-framework=\"{}\"><h2>{}</h2>",
            esc(fw),
            esc(&ctx.framework_name(fw))
        );
        for f in o.findings.iter().filter(|f| f.framework == *fw) {
            let board = board_of(ctx, f).unwrap_or_default();
            let _ = writeln!(
                out,
                "<article class=finding data-severity={} data-framework=\"{}\" data-board=\"{}\" data-accepted={} data-control=\"{}\">",
                f.severity.as_str(),
                esc(&f.framework),
                esc(&board),
                if f.accepted_by.is_some() { "yes" } else { "no" },
                esc(&f.control)
            );
            let _ = writeln!(
                out,
                "<div class=head><span class=\"sev c-{}\">{}</span> [{}] {}</div>",
                f.severity.as_str(),
                f.severity.word(ctx.lang),
                esc(&f.control),
                esc(&f.title)
            );
            let record = f
                .record
                .as_deref()
                .map(|r| format!(" ({} {})", w.record, esc(r)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<div class=loc>{}{record}</div>\n<p>{}</p>\n<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
                esc(&ctx.location(f)),
                esc(&f.message),
                f.citation_label(ctx.lang),
                esc(&f.citation),
                w.todo,
                esc(&f.remediation)
            );
            if !f.also.is_empty() {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", w.also, esc(&f.also_text()));
            }
            if let Some(by) = &f.accepted_by {
                let detail = ctx
                    .exception(by)
                    .map(|e| {
                        format!(
                            " ({} {}, {}): {}",
                            w.until,
                            esc(&e.expires),
                            esc(&e.decided_by),
                            esc(&e.justification)
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<dt>{}</dt><dd>{}{detail}</dd>",
                    w.accepted_by,
                    esc(by)
                );
            }
            out.push_str("</dl>\n</article>\n");
        }
        out.push_str("</section>\n");
    }
    let _ = writeln!(out, "<script>{JS}</script>\n</body>\n</html>");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
