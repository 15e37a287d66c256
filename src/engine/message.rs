//! A finding's message written as a template: `{"sv": "Systemet %s (%s) …", "en": "System
//! %s (%s) …", "args": [s.name, s.id, words]}`, rendered here in the report's language
//! instead of by two `sprintf` calls per finding in the policy (a fifth of a large check's
//! evaluation went to building both languages' messages, see docs/performance.md).
//!
//! The text is byte for byte what Rego's `sprintf(format, args)` gives for the verbs
//! messages use: `%s`, `%v`, `%d` and `%%`. An argument that is an object with both `sv` and
//! `en` (a word, a quantity, an interval as `kravkoll.quantity` or `lib.interval_text` give
//! it) stands for the one in the message's language. Anything else a template asks for is
//! an error naming it, never a guess.

use regorus::Value;

use crate::evidence::Lang;

/// `format` with `args`, as `sprintf` renders it, each bilingual argument taken in `lang`.
pub fn render(format: &str, args: &[&Value], lang: Lang) -> Result<String, String> {
    let mut out = String::with_capacity(format.len() + 16 * args.len());
    let mut next = args.iter().copied();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let verb = chars.next();
        if verb == Some('%') {
            out.push('%');
            continue;
        }
        let Some(arg) = next.next() else {
            return Err(format!(
                "the template has more verbs than its {} arguments",
                args.len()
            ));
        };
        let arg = in_language(arg, lang);
        match (verb, arg) {
            (Some('s'), Value::String(s)) => out.push_str(s),
            (Some('s' | 'v'), v) => text(v, false, &mut out),
            (Some('d'), Value::Number(n)) if n.is_integer() => out.push_str(&n.format_decimal()),
            (Some('d'), v) => {
                return Err(format!(
                    "`%d` needs a whole number, got {}",
                    serde_json::to_string(v).unwrap_or_default()
                ))
            }
            (Some(v), _) => {
                return Err(format!(
                    "`%{v}` is not a verb message templates support (`%s`, `%v`, `%d`, `%%`)"
                ))
            }
            (None, _) => return Err("the template ends in `%`".into()),
        }
    }
    if next.next().is_some() {
        return Err(format!(
            "the template has fewer verbs than its {} arguments",
            args.len()
        ));
    }
    Ok(out)
}

/// The argument in `lang` when it is given in both languages (an object with `sv` and
/// `en`), else itself.
fn in_language(arg: &Value, lang: Lang) -> &Value {
    if let Value::Object(o) = arg {
        if let (Some(sv), Some(en)) = (o.get(&Value::from("sv")), o.get(&Value::from("en"))) {
            return lang.pick(sv, en);
        }
    }
    arg
}

/// A value as `sprintf`'s `%v` (and `%s` of a non-string) writes it: strings as they are at
/// the top and quoted inside collections, numbers in decimal, sets and objects in order.
fn text(v: &Value, quoted: bool, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::String(s) if quoted => {
            out.push_str(&serde_json::to_string(s.as_ref()).unwrap_or_else(|_| s.to_string()))
        }
        Value::String(s) => out.push_str(s),
        Value::Number(n) => out.push_str(&n.format_decimal()),
        Value::Array(a) => list(a.iter(), ('[', ']'), out),
        Value::Set(s) => list(s.iter(), ('{', '}'), out),
        Value::Object(o) => {
            out.push('{');
            for (i, (k, v)) in o.iter_sorted().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                text(k, true, out);
                out.push_str(": ");
                text(v, true, out);
            }
            out.push('}');
        }
        Value::Undefined => out.push_str("#undefined"),
    }
}

fn list<'v>(items: impl Iterator<Item = &'v Value>, (open, close): (char, char), out: &mut String) {
    out.push(open);
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        text(v, true, out);
    }
    out.push(close);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(json: &str) -> Vec<Value> {
        match Value::from_json_str(json).expect("json") {
            Value::Array(a) => a.iter().cloned().collect(),
            _ => panic!("an array"),
        }
    }

    /// What regorus's own `sprintf` gives for the same format and arguments.
    fn sprintf(format: &str, args: &[Value]) -> String {
        let mut engine = regorus::Engine::new();
        engine
            .add_policy(
                "m.rego".into(),
                "package m\nout := sprintf(input.f, input.a)\n".into(),
            )
            .expect("policy");
        let input = Value::from_json_str(
            &serde_json::json!({"f": format, "a": serde_json::to_value(args).unwrap()}).to_string(),
        )
        .unwrap();
        engine.set_input(input);
        match engine.eval_rule("data.m.out".into()).expect("eval") {
            Value::String(s) => s.to_string(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn renders_as_sprintf_does() {
        let cases = [
            (
                "Systemet %s (%s) är %d %% klart.",
                r#"["Lumen", "sys-1", 42]"#,
            ),
            ("%v och %s", r#"[[1, "a", {"b": 2.5}], 3.25]"#),
            ("%s %v %s", r#"[null, true, -7]"#),
            ("%s", r#"[{"z": 1, "a": [null]}]"#),
            ("%v", r#"["tab\tquote\" ny\nrad"]"#),
            ("utan verb", "[]"),
            ("%s", r#"[1e21]"#),
            ("%d", r#"[100000000000000000000]"#),
        ];
        for (format, args) in cases {
            let args = v(args);
            let refs: Vec<&Value> = args.iter().collect();
            assert_eq!(
                render(format, &refs, Lang::Sv).unwrap(),
                sprintf(format, &args),
                "{format} {args:?}"
            );
        }
    }

    #[test]
    fn a_bilingual_argument_is_taken_in_the_language() {
        let args = v(r#"["sys-1", {"sv": "3 månader", "en": "3 months", "note": "x"}]"#);
        let args: Vec<&Value> = args.iter().collect();
        assert_eq!(
            render("%s: %s", &args, Lang::Sv).unwrap(),
            "sys-1: 3 månader"
        );
        assert_eq!(
            render("%s: %s", &args, Lang::En).unwrap(),
            "sys-1: 3 months"
        );
        // One language alone is an ordinary object.
        let args = v(r#"[{"sv": "bara svenska"}]"#);
        let args: Vec<&Value> = args.iter().collect();
        assert_eq!(
            render("%v", &args, Lang::En).unwrap(),
            r#"{"sv": "bara svenska"}"#
        );
    }

    #[test]
    fn what_templates_do_not_support_is_an_error() {
        for (format, args) in [
            ("%s %s", r#"["a"]"#),
            ("%s", r#"["a", "b"]"#),
            ("%d", r#"[2.5]"#),
            ("%d", r#"["2"]"#),
            ("%05d", r#"[2]"#),
            ("%x", r#"[2]"#),
            ("slut %", r#"[]"#),
        ] {
            let values = v(args);
            let refs: Vec<&Value> = values.iter().collect();
            assert!(render(format, &refs, Lang::Sv).is_err(), "{format} {args}");
        }
    }

    /// Every template finding the built-in policies give on the examples renders here as
    /// the policies' own `sprintf` renders it (`testing.text`, which the Rego tests read
    /// messages with), in both languages.
    #[test]
    fn every_template_on_the_examples_renders_as_sprintf() {
        use crate::catalog::Applicability;
        let files: Vec<_> = crate::catalog::builtin_files()
            .into_iter()
            .filter(|f| {
                f.path.ends_with(".rego")
                    && (!super::super::is_test_file(&f.path)
                        || f.path.ends_with("lib/fixtures_test.rego"))
            })
            .collect();
        let mut rendered = 0;
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for example in std::fs::read_dir(&examples).unwrap() {
            let root = example.unwrap().path();
            let source = crate::source::DirSource::open(&root).unwrap();
            let evidence = crate::evidence::load(&source).unwrap();
            let applicability = Applicability::of(&evidence.config.organisation);
            for as_of in [(2024, 12, 31), (2025, 12, 31), (2026, 6, 30)] {
                let as_of = jiff::civil::date(as_of.0, as_of.1, as_of.2);
                let input = super::super::input::build(&evidence, as_of, Lang::Sv, &applicability);
                let mut engine = super::super::new_engine(&mut Default::default());
                for f in &files {
                    engine.add_policy(f.path.clone(), f.text.clone()).unwrap();
                }
                engine.set_input(input);
                let packages = engine.get_packages().unwrap();
                for pkg in packages
                    .iter()
                    .filter(|p| p.starts_with("data.kravkoll.") && !p.ends_with(".lib"))
                {
                    let query = format!(
                        "x := [[f.message, data.kravkoll.testing.text(f.message, \"sv\"), data.kravkoll.testing.text(f.message, \"en\")] | some f in {pkg}.findings; f.message.args]"
                    );
                    let r = engine.eval_query(query, false).unwrap();
                    let Some(x) = r.result.first().map(|r| r.bindings["x"].clone()) else {
                        continue;
                    };
                    for item in x.as_array().unwrap().iter() {
                        let m = &item[0];
                        let args: Vec<&Value> = m["args"].as_array().unwrap().iter().collect();
                        for (lang, key, at) in [(Lang::Sv, "sv", 1), (Lang::En, "en", 2)] {
                            let format = m[key].as_string().unwrap();
                            assert_eq!(
                                render(format, &args, lang).unwrap(),
                                item[at].as_string().unwrap().as_ref(),
                                "{pkg} {key} in {}",
                                root.display()
                            );
                        }
                        rendered += 1;
                    }
                }
            }
        }
        assert!(rendered > 100, "{rendered} template findings");
    }
}
