//! A span-aware YAML tree for evidence files.
//!
//! Built on `saphyr-parser`'s event stream rather than a ready-made loader because evidence
//! needs things no loader gives together: every node and key keeps its byte span (for
//! `file:line` and miette snippets), scalars keep whether they were quoted (the schema, not
//! YAML 1.1 guessing, decides what `yes` or `010` mean), duplicate keys are errors naming both
//! places, and anchors, aliases and tags are refused, which rules out alias bombs by
//! construction. Nesting is capped so a hostile file cannot exhaust the stack.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// Deeper nesting than any evidence record needs; guards recursion in later passes.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Byte offset into the file.
    pub offset: usize,
    /// Byte length of the node's text (at least 1 where the file has text there).
    pub len: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: NodeValue,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub enum NodeValue {
    Scalar { text: String, plain: bool },
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Node {
    /// A plain `~`, `null` or empty scalar: YAML's null, which evidence treats as "absent".
    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar { text, plain: true }
            if text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null"))
    }

    pub fn type_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Scalar { .. } if self.is_null() => "an empty value",
            NodeValue::Scalar { .. } => "a scalar",
            NodeValue::Seq(_) => "a list",
            NodeValue::Map(_) => "a mapping",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A YAML problem at a place in the file.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
    pub help: Option<String>,
    /// For duplicate keys: where the key was first written.
    pub first: Option<Pos>,
}

/// Maps saphyr's markers (character index, line, column) to byte offsets and back, in
/// logarithmic time: a scan per lookup would make a long flow-style line quadratic.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Byte offset of every `CHECKPOINT`-th character; empty when the text is ASCII, where
    /// character and byte offsets coincide.
    checkpoints: Vec<usize>,
}

/// Characters between two checkpoints: a lookup walks at most this many.
const CHECKPOINT: usize = 256;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // Lines end where YAML's do: at `\n`, `\r\n`, or a `\r` alone.
        let b = text.as_bytes();
        let mut starts = vec![0];
        // memchr's vectorised search: byte by byte this was a tenth of parsing's own cost.
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', b)
                .filter(|&i| b[i] == b'\n' || b.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            // Counting the bytes that start a character, rather than decoding every
            // character (`char_indices`): a third of the cost on Swedish text.
            let mut checkpoints = Vec::with_capacity(b.len() / CHECKPOINT + 1);
            let mut chars = 0usize;
            for (i, &c) in b.iter().enumerate() {
                if c & 0xC0 != 0x80 {
                    if chars % CHECKPOINT == 0 {
                        checkpoints.push(i);
                    }
                    chars += 1;
                }
            }
            checkpoints
        };
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// Byte offset of the character with index `index` (the end of the text beyond it).
    pub fn byte_of_char(&self, index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return index.min(self.text.len());
        }
        let Some(&from) = self.checkpoints.get(index / CHECKPOINT) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(index % CHECKPOINT)
            .map(|(i, _)| from + i)
            .unwrap_or(self.text.len())
    }

    /// Number of characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let k = self.checkpoints.partition_point(|&b| b <= offset).max(1) - 1;
        let from = self.checkpoints[k];
        k * CHECKPOINT + self.text.get(from..offset).map_or(0, |s| s.chars().count())
    }

    /// Byte offset of 1-based `line` and 1-based character column `col`.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.byte_of_char(self.chars_before(start) + col.saturating_sub(1))
    }

    /// Byte offset of a marker. Near the start of a line (almost every marker in block-style
    /// YAML) a walk from the line's start is cheapest; far into a long line the checkpoints
    /// keep it logarithmic.
    fn byte_of_marker(&self, m: &saphyr_parser::Marker) -> usize {
        const NEAR: usize = 64;
        match self.starts.get(m.line().saturating_sub(1)) {
            // Where the line is ASCII up to the marker, as keys and indentation almost always
            // are, its column is its byte offset.
            Some(&start)
                if m.col() < NEAR
                    && self
                        .text
                        .as_bytes()
                        .get(start..start + m.col())
                        .is_some_and(|b| b.is_ascii()) =>
            {
                start + m.col()
            }
            Some(&start) if m.col() < NEAR && !self.checkpoints.is_empty() => self.text[start..]
                .char_indices()
                .nth(m.col())
                .map_or(self.text.len(), |(i, _)| start + i),
            _ => self.byte_of_char(m.index()),
        }
    }

    fn pos_of_marker(&self, m: &saphyr_parser::Marker) -> Pos {
        Pos {
            offset: self.byte_of_marker(m),
            len: 0,
            line: m.line().max(1),
            col: m.col() + 1,
        }
    }

    /// Position of a byte offset (for errors found outside the parser, e.g. bad UTF-8).
    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.chars_before(offset) - self.chars_before(start) + 1;
        Pos {
            offset,
            len: 1,
            line,
            col,
        }
    }

    fn span(&self, span: &saphyr_parser::Span) -> Pos {
        let mut p = self.pos_of_marker(&span.start);
        let end = self.byte_of_marker(&span.end);
        p.len = end
            .saturating_sub(p.offset)
            .max(1)
            .min(self.text.len().saturating_sub(p.offset).max(1));
        p
    }
}

enum Frame {
    Seq(Pos, Vec<Node>),
    /// The entries, the key waiting for its value, and, once the mapping has more than
    /// [`SCANNED_KEYS`] keys, where each key was first written (a scan per key would make a
    /// mapping with many keys quadratic; below that a scan is cheaper than hashing).
    Map(
        Pos,
        Vec<(Key, Node)>,
        Option<Key>,
        std::collections::HashMap<String, Pos>,
    ),
}

/// Keys a mapping may have before duplicates are looked up by hash instead of by a scan of
/// the keys so far: records have a dozen fields, so most mappings never build the table.
const SCANNED_KEYS: usize = 16;

fn refuse(message: &str, pos: Pos, help: &str) -> YamlError {
    YamlError {
        message: message.to_string(),
        pos,
        help: Some(help.to_string()),
        first: None,
    }
}

/// Parses every document of a YAML stream. Documents that hold nothing are skipped.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, YamlError> {
    let index = LineIndex::new(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;

    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let mut pos = index.pos_of_marker(e.marker());
            pos.len = 1;
            YamlError {
                message: format!("invalid YAML: {}", e.info()),
                pos,
                help: None,
                first: None,
            }
        })?;
        let pos = index.span(&span);
        let node = match event {
            Event::Alias(_) => {
                return Err(refuse(
                    "YAML aliases are not supported in evidence files",
                    pos,
                    "write the value out in full; evidence must be readable record by record",
                ))
            }
            Event::Scalar(text, style, anchor, tag) => {
                check_anchor_tag(anchor, tag.is_some(), pos)?;
                Some(Node {
                    value: NodeValue::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                })
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                check_anchor_tag(anchor, tag.is_some(), pos)?;
                if let Some(Frame::Map(_, _, None, _)) = stack.last() {
                    return Err(refuse(
                        "a mapping key must be a plain string",
                        pos,
                        "field names are simple words such as `title:`",
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(refuse(
                        &format!("the document is nested more than {MAX_DEPTH} levels deep"),
                        pos,
                        "evidence records are flat mappings with short lists",
                    ));
                }
                let is_seq = matches!(event, Event::SequenceStart(..));
                stack.push(if is_seq {
                    Frame::Seq(pos, Vec::new())
                } else {
                    Frame::Map(pos, Vec::new(), None, Default::default())
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(start, items)) => Some(Node {
                    value: NodeValue::Seq(items),
                    pos: close(start, pos),
                }),
                _ => {
                    return Err(refuse(
                        "unbalanced YAML sequence",
                        pos,
                        "check the indentation",
                    ))
                }
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(start, entries, _, _)) => Some(Node {
                    value: NodeValue::Map(entries),
                    pos: close(start, pos),
                }),
                _ => {
                    return Err(refuse(
                        "unbalanced YAML mapping",
                        pos,
                        "check the indentation",
                    ))
                }
            },
            Event::DocumentEnd => {
                if let Some(doc) = root.take() {
                    if !doc.is_null() {
                        docs.push(doc);
                    }
                }
                None
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {
                None
            }
        };
        if let Some(node) = node {
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq(_, items)) => items.push(node),
                Some(Frame::Map(_, entries, pending, seen)) => match pending.take() {
                    Some(key) => entries.push((key, node)),
                    None => {
                        let NodeValue::Scalar { text, .. } = node.value else {
                            unreachable!("collections as keys are refused at their start event")
                        };
                        let first = if entries.len() < SCANNED_KEYS {
                            entries
                                .iter()
                                .find(|(k, _)| k.name == text)
                                .map(|(k, _)| k.pos)
                        } else {
                            if seen.is_empty() {
                                seen.extend(entries.iter().map(|(k, _)| (k.name.clone(), k.pos)));
                            }
                            seen.get(&text).copied()
                        };
                        if let Some(first) = first {
                            return Err(YamlError {
                                message: format!("duplicate key `{text}`"),
                                pos: node.pos,
                                help: Some("each field may be written once per record".into()),
                                first: Some(first),
                            });
                        }
                        if entries.len() >= SCANNED_KEYS {
                            seen.insert(text.clone(), node.pos);
                        }
                        *pending = Some(Key {
                            name: text,
                            pos: node.pos,
                        });
                    }
                },
            }
        }
    }
    if let Some(doc) = root.take() {
        if !doc.is_null() {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Where each document of a YAML stream begins, as (byte offset, 1-based line): the start
/// of the text and every line that opens with the document marker `---`. YAML forbids such
/// a line inside any content, so the documents of the whole text are exactly those of its
/// pieces, each parsed on its own. `None` when the text has what makes a piece depend on
/// what came before it: a directive (`%`), a document end marker (`...`), a byte order mark,
/// or a line break written as a lone `\r`.
pub fn document_starts(text: &str) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    let marker = |at: usize, m: &[u8]| {
        b[at..].starts_with(m) && matches!(b.get(at + 3), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
    };
    if text.starts_with('\u{FEFF}') {
        return None;
    }
    let mut starts = vec![(0, 1)];
    let mut line = 1;
    let mut at = 0;
    loop {
        if b.get(at) == Some(&b'%') || marker(at, b"...") {
            return None;
        }
        if at > 0 && marker(at, b"---") {
            starts.push((at, line));
        }
        let Some(end) = memchr::memchr(b'\n', &b[at..]) else {
            break;
        };
        // A `\r` anywhere but before `\n` would be a line break this count does not see.
        if memchr::memchr(b'\r', &b[at..at + end]).is_some_and(|r| r + 1 != end) {
            return None;
        }
        at += end + 1;
        line += 1;
    }
    if memchr::memchr(b'\r', &b[at..]).is_some() {
        return None;
    }
    Some(starts)
}

/// [`parse_documents`] of one piece of a file that begins at byte `offset`, line `line` of
/// the file (see [`document_starts`]): the positions are the file's.
pub fn parse_documents_at(text: &str, offset: usize, line: usize) -> Result<Vec<Node>, YamlError> {
    let mut docs = parse_documents(text)?;
    if offset > 0 || line > 1 {
        for doc in &mut docs {
            doc.shift(offset, line - 1);
        }
    }
    Ok(docs)
}

impl Node {
    fn shift(&mut self, bytes: usize, lines: usize) {
        let shift = |p: &mut Pos| {
            p.offset += bytes;
            p.line += lines;
        };
        shift(&mut self.pos);
        match &mut self.value {
            NodeValue::Scalar { .. } => {}
            NodeValue::Seq(items) => items.iter_mut().for_each(|n| n.shift(bytes, lines)),
            NodeValue::Map(entries) => {
                for (k, v) in entries {
                    shift(&mut k.pos);
                    v.shift(bytes, lines);
                }
            }
        }
    }
}

fn close(start: Pos, end: Pos) -> Pos {
    // Block collections end where the next token starts, which may be far below; a snippet
    // of the first line is what a reader needs.
    let _ = end;
    Pos {
        len: start.len.max(1),
        ..start
    }
}

fn check_anchor_tag(anchor: usize, tagged: bool, pos: Pos) -> Result<(), YamlError> {
    if anchor != 0 {
        return Err(refuse(
            "YAML anchors (`&name`) are not supported in evidence files",
            pos,
            "write the value out in full; evidence must be readable record by record",
        ));
    }
    if tagged {
        return Err(refuse(
            "YAML tags (`!tag`) are not supported in evidence files",
            pos,
            "remove the tag; the kind's field types decide how a value is read",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(n: &Node) -> (&str, bool) {
        match &n.value {
            NodeValue::Scalar { text, plain } => (text, *plain),
            _ => panic!("not a scalar"),
        }
    }

    #[test]
    fn character_offsets_agree_with_decoding_on_long_non_ascii_text() {
        // Several checkpoints' worth of two-, three- and four-byte characters among ASCII.
        let text: String = (0..2000)
            .map(|i| ["å", "a", "€", "\n", "𝄞", "ö"][i % 6])
            .collect();
        let index = LineIndex::new(&text);
        let expected: Vec<usize> = text
            .char_indices()
            .step_by(CHECKPOINT)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(index.checkpoints, expected);
        for (n, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_of_char(n), byte, "character {n}");
        }
        assert_eq!(index.byte_of_char(text.chars().count()), text.len());
    }

    #[test]
    fn keeps_lines_and_quoting() {
        let docs = parse_documents("kind: System\nid: \"010\"\nmfa: yes\n").unwrap();
        assert_eq!(docs.len(), 1);
        let id = docs[0].get("id").unwrap();
        assert_eq!(scalar(id), ("010", false));
        assert_eq!(id.pos.line, 2);
        assert_eq!(id.pos.col, 5);
        assert_eq!(scalar(docs[0].get("mfa").unwrap()), ("yes", true));
    }

    #[test]
    fn several_documents_and_empty_ones() {
        let docs = parse_documents("---\nkind: A\n---\n# nothing\n---\nkind: B\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].pos.line, 6);
    }

    #[test]
    fn refuses_aliases_anchors_tags_and_duplicates() {
        let e = parse_documents("a: &x [1]\nb: *x\n").unwrap_err();
        assert!(e.message.contains("anchors"), "{}", e.message);
        let e = parse_documents("a: !!str 1\n").unwrap_err();
        assert!(e.message.contains("tags"));
        let e = parse_documents("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.pos.line, 3);
        assert_eq!(e.first.unwrap().line, 1);
        let e = parse_documents("? [a]\n: 1\n").unwrap_err();
        assert!(e.message.contains("key"));
    }

    #[test]
    fn duplicates_are_found_in_small_and_large_mappings() {
        // Below SCANNED_KEYS keys a scan finds them, above it the table; a duplicate of a key
        // written before the table was made, and of one written after.
        for (keys, dup) in [(5, 2), (SCANNED_KEYS, 0), (40, 3), (40, 30)] {
            let mut text: String = (0..keys).map(|i| format!("k{i}: {i}\n")).collect();
            text.push_str(&format!("k{dup}: again\n"));
            let e = parse_documents(&text).unwrap_err();
            assert_eq!(e.message, format!("duplicate key `k{dup}`"));
            assert_eq!((e.pos.line, e.first.unwrap().line), (keys + 1, dup + 1));
        }
        let many: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(parse_documents(&many).is_ok());
    }

    #[test]
    fn billion_laughs_is_refused_cheaply() {
        let mut s = String::from("a0: &a0 [x, x]\n");
        for i in 1..30 {
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}]\n", p = i - 1));
        }
        assert!(parse_documents(&s).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = "[".repeat(10_000);
        assert!(parse_documents(&s).is_err());
    }

    #[test]
    fn every_node_of_long_multibyte_lines_maps_to_its_text() {
        // Far into a line the checkpoints are used, near its start a walk; both must agree
        // with the text, on lines ended by `\n`, `\r\n` and a lone `\r`.
        let items: Vec<String> = (0..600).map(|i| format!("å{i}")).collect();
        let text = format!(
            "a: [{}]\r\nb: ö\rc: [{}]\n",
            items.join(", "),
            items.join(",")
        );
        let docs = parse_documents(&text).unwrap();
        for key in ["a", "c"] {
            let NodeValue::Seq(list) = &docs[0].get(key).unwrap().value else {
                panic!("a list")
            };
            for (node, item) in list.iter().zip(&items) {
                assert_eq!(&text[node.pos.offset..node.pos.offset + item.len()], item);
            }
        }
        let b = docs[0].get("b").unwrap();
        assert_eq!((b.pos.line, b.pos.col), (2, 4));
        assert_eq!(&text[b.pos.offset..b.pos.offset + 2], "ö");
        let index = LineIndex::new(&text);
        let last = &list_last(&docs[0]);
        assert_eq!(index.pos_of_offset(last.pos.offset).col, last.pos.col);
    }

    fn list_last(doc: &Node) -> Node {
        match &doc.get("c").unwrap().value {
            NodeValue::Seq(list) => list.last().unwrap().clone(),
            _ => panic!("a list"),
        }
    }

    #[test]
    fn documents_are_found_at_their_markers_and_parse_alone_as_in_the_whole() {
        let text = "# comment\nkind: A\nid: a\n---\nkind: B\nid: b\nnote: |\n  --- not a marker\n--- \nkind: C\nid: c\n---\n";
        let starts = document_starts(text).expect("splits");
        assert_eq!(starts, vec![(0, 1), (24, 4), (69, 9), (88, 12)]);
        let whole = parse_documents(text).expect("parses");
        let mut pieces = Vec::new();
        for (i, &(offset, line)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
            pieces.extend(parse_documents_at(&text[offset..end], offset, line).expect("parses"));
        }
        assert_eq!(format!("{whole:?}"), format!("{pieces:?}"));
        assert_eq!(
            pieces[2].get("id").map(|n| (n.pos.line, n.pos.offset)),
            Some((11, 86))
        );
        assert_eq!(&text[86..87], "c");
    }

    #[test]
    fn streams_whose_documents_depend_on_each_other_are_not_split() {
        for text in [
            "%YAML 1.2\n---\nid: a\n",
            "id: a\n...\n---\nid: b\n",
            "\u{FEFF}id: a\n",
            "id: a\rid: b\n",
            "id: a\n---\nid: b\r",
        ] {
            assert_eq!(document_starts(text), None, "{text:?}");
        }
        assert_eq!(
            document_starts("id: a\r\n---\r\nid: b\r\n"),
            Some(vec![(0, 1), (7, 2)])
        );
        assert_eq!(
            document_starts("id: a\n---x: 1\n....\n"),
            Some(vec![(0, 1)])
        );
    }

    #[test]
    fn multibyte_columns_map_to_bytes() {
        let text = "title: Ålands ö\nx: [1, 2\n";
        let e = parse_documents(text).unwrap_err();
        assert!(e.pos.offset <= text.len());
        let docs = parse_documents("title: Ålö\nid: x\n").unwrap();
        let id = docs[0].get("id").unwrap();
        assert_eq!(
            &"title: Ålö\nid: x\n"[id.pos.offset..id.pos.offset + 1],
            "x"
        );
    }
}
