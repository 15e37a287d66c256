//! The README's first command and the example's README tell the same story on any date: the
//! command pins the date the example's README describes, its output has the summary the
//! README shows, and the example's table lists as many findings of each severity.

mod common;

use common::run;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The commands of the README's first shell block.
fn first_commands(readme: &str) -> Vec<String> {
    let start = readme.find("```sh\n").expect("a shell block") + 6;
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn count_rows(table: &str, severity: &str) -> usize {
    table
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(&format!("| {severity} |")))
        .map(|l| {
            // A row may name several records (`a`, `b`): one finding each.
            let last = l.trim_end_matches('|').rsplit('|').next().unwrap_or("");
            last.matches('`').count().max(2) / 2
        })
        .sum()
}

#[test]
fn the_first_command_and_the_example_readme_agree() {
    let readme = read("README.md");
    let commands = first_commands(&readme);
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[1], "cargo test");
    let args: Vec<&str> = commands[0]
        .strip_prefix("cargo run --release -- ")
        .expect("cargo run --release -- check examples/…")
        .split_whitespace()
        .collect();
    assert_eq!(args[0], "check");
    let example = args[1].strip_prefix("examples/").expect("an example");
    let as_of = args[args
        .iter()
        .position(|a| *a == "--as-of")
        .expect("a fixed date")
        + 1];

    let out = run(&args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let summary = out.stdout.lines().last().unwrap().to_string();
    assert!(
        readme.contains(&summary),
        "README.md does not show the summary `{summary}`"
    );

    let example_readme = read(&format!("examples/{example}/README.md"));
    assert!(
        example_readme.contains(&format!(
            "kravkoll check examples/{example} --as-of {as_of}"
        )),
        "the example's README uses another date than {as_of}"
    );
    let expected = format!(
        "{} fel, {} varningar, {} information",
        count_rows(&example_readme, "fel"),
        count_rows(&example_readme, "varning"),
        count_rows(&example_readme, "information")
    );
    assert!(
        summary.contains(&expected),
        "`{summary}` but the example's README lists {expected}"
    );
}
