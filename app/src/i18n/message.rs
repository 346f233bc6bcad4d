//! The message format of the locale files (`app/locales/*.toml`): text with
//! `{0}`, `{1}`… for arguments, and plurals written as in ICU MessageFormat,
//! `{0, plural, one {# participant} other {# participants}}`, where `#` is the
//! number. Only the part of ICU that two languages need is accepted: the
//! categories `one` and `other`.
//!
//! Standard library only: `app/build.rs` includes this file to check every
//! message at build time, and the browser's WASM carries it to fill messages.
//! Written here rather than taken from a crate because Fluent or ICU4X would
//! add tens of kilobytes to a WASM download that has a budget (decision 7).

/// One part of a parsed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Arg(usize),
    /// `#` inside a plural branch: the number being counted.
    Count,
    Plural {
        arg: usize,
        one: Option<Vec<Piece<'a>>>,
        other: Vec<Piece<'a>>,
    },
}

/// CLDR's plural categories this format accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    One,
    Other,
}

/// The category of a number as the app prints it. English's rule: `one` is
/// exactly 1 with no decimals shown (CLDR: i = 1 and v = 0). Indonesian has
/// only `other`, and the build refuses a `one` branch in Indonesian text, so
/// one rule serves both files.
pub fn category(number: &str) -> Category {
    if number.trim() == "1" {
        Category::One
    } else {
        Category::Other
    }
}

/// Parses a whole message, or says what is wrong and where.
pub fn parse(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut parser = Parser { text, at: 0 };
    let pieces = parser.pieces(false)?;
    match parser.peek() {
        None => Ok(pieces),
        Some(c) => Err(format!("unexpected '{c}' at byte {}", parser.at)),
    }
}

/// Fills a message: arguments in, the plural branch chosen by its number.
/// A placeholder with no argument stays visible as `{n}`, so a missing
/// argument shows on screen instead of vanishing. Text that is not a valid
/// message (never one from the locale files: the build checks them) has its
/// `{n}` replaced and is otherwise left as it is.
pub fn fill(template: &str, args: &[String]) -> String {
    match parse(template) {
        Ok(pieces) => {
            let mut out = String::with_capacity(template.len() + 16);
            render(&pieces, args, None, &mut out);
            out
        }
        Err(_) => {
            let mut out = template.to_string();
            for (i, arg) in args.iter().enumerate() {
                out = out.replace(&format!("{{{i}}}"), arg);
            }
            out
        }
    }
}

fn render(pieces: &[Piece<'_>], args: &[String], count: Option<&str>, out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Arg(i) => push_arg(*i, args, out),
            Piece::Count => match count {
                Some(n) => out.push_str(n),
                None => out.push('#'),
            },
            Piece::Plural { arg, one, other } => match args.get(*arg) {
                Some(n) => {
                    let branch = match (category(n), one) {
                        (Category::One, Some(one)) => one,
                        _ => other,
                    };
                    render(branch, args, Some(n), out);
                }
                None => push_arg(*arg, args, out),
            },
        }
    }
}

fn push_arg(i: usize, args: &[String], out: &mut String) {
    match args.get(i) {
        Some(a) => out.push_str(a),
        None => {
            out.push('{');
            out.push_str(&i.to_string());
            out.push('}');
        }
    }
}

/// The argument numbers a message uses, and for each plural the categories
/// it spells out: what the build compares between the two languages.
pub fn shape(pieces: &[Piece<'_>]) -> (Vec<usize>, Vec<(usize, Vec<Category>)>) {
    let (mut args, mut plurals) = (Vec::new(), Vec::new());
    walk(pieces, &mut args, &mut plurals);
    args.sort_unstable();
    args.dedup();
    plurals.sort();
    (args, plurals)
}

fn walk(pieces: &[Piece<'_>], args: &mut Vec<usize>, plurals: &mut Vec<(usize, Vec<Category>)>) {
    for piece in pieces {
        match piece {
            Piece::Arg(i) => args.push(*i),
            Piece::Plural { arg, one, other } => {
                args.push(*arg);
                let mut cats = vec![Category::Other];
                if let Some(one) = one {
                    cats.insert(0, Category::One);
                    walk(one, args, plurals);
                }
                plurals.push((*arg, cats));
                walk(other, args, plurals);
            }
            Piece::Text(_) | Piece::Count => {}
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.text[self.at..].starts_with(s) {
            self.at += s.len();
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.at += c.len_utf8();
        }
    }

    fn number(&mut self) -> Option<usize> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.text[start..self.at].parse().ok()
    }

    fn word(&mut self) -> &'a str {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    /// Text and placeholders up to the end, or up to the `}` that closes a
    /// plural branch when `in_branch`.
    fn pieces(&mut self, in_branch: bool) -> Result<Vec<Piece<'a>>, String> {
        let mut pieces = Vec::new();
        let mut start = self.at;
        while let Some(c) = self.peek() {
            match c {
                '{' | '}' | '#' => {
                    if c == '}' && in_branch {
                        break;
                    }
                    if c == '#' && !in_branch {
                        self.at += 1;
                        continue;
                    }
                    if start < self.at {
                        pieces.push(Piece::Text(&self.text[start..self.at]));
                    }
                    match c {
                        '#' => {
                            self.at += 1;
                            pieces.push(Piece::Count);
                        }
                        '{' => pieces.push(self.placeholder()?),
                        _ => return Err(format!("a '}}' with no '{{' at byte {}", self.at)),
                    }
                    start = self.at;
                }
                _ => self.at += c.len_utf8(),
            }
        }
        if start < self.at {
            pieces.push(Piece::Text(&self.text[start..self.at]));
        }
        Ok(pieces)
    }

    fn placeholder(&mut self) -> Result<Piece<'a>, String> {
        let open = self.at;
        self.at += 1;
        self.spaces();
        let arg = self
            .number()
            .ok_or_else(|| format!("'{{' at byte {open} is not followed by an argument number"))?;
        self.spaces();
        if self.eat("}") {
            return Ok(Piece::Arg(arg));
        }
        if !self.eat(",") {
            return Err(format!("argument {{{arg}}} at byte {open} is not closed"));
        }
        self.spaces();
        if self.word() != "plural" {
            return Err(format!("only 'plural' may follow '{{{arg},' (byte {open})"));
        }
        self.spaces();
        if !self.eat(",") {
            return Err(format!("'plural' needs a ',' before its branches (byte {open})"));
        }
        let (mut one, mut other) = (None, None);
        loop {
            self.spaces();
            if self.eat("}") {
                break;
            }
            let name = self.word();
            let slot = match name {
                "one" => &mut one,
                "other" => &mut other,
                "" => return Err(format!("plural at byte {open} is not closed")),
                _ => {
                    return Err(format!(
                        "unknown plural category '{name}' (byte {open}): use one or other"
                    ))
                }
            };
            self.spaces();
            if !self.eat("{") {
                return Err(format!("plural branch '{name}' needs {{…}} (byte {open})"));
            }
            let branch = self.pieces(true)?;
            if !self.eat("}") {
                return Err(format!("plural branch '{name}' is not closed (byte {open})"));
            }
            if slot.replace(branch).is_some() {
                return Err(format!("plural branch '{name}' given twice (byte {open})"));
            }
        }
        let other = other.ok_or_else(|| format!("plural at byte {open} has no 'other' branch"))?;
        Ok(Piece::Plural { arg, one, other })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PARTICIPANTS: &str = "{0, plural, one {# participant} other {# participants}}";

    #[test]
    fn a_plural_picks_its_branch_by_the_number() {
        assert_eq!(fill(PARTICIPANTS, &["1".into()]), "1 participant");
        assert_eq!(fill(PARTICIPANTS, &["0".into()]), "0 participants");
        assert_eq!(fill(PARTICIPANTS, &["2".into()]), "2 participants");
        assert_eq!(fill(PARTICIPANTS, &["1.000".into()]), "1.000 participants");
        assert_eq!(fill(PARTICIPANTS, &["1,5".into()]), "1,5 participants");
    }

    #[test]
    fn arguments_fill_inside_and_outside_plurals() {
        let t = "{0, plural, one {# session} other {# sessions}}, {1} minutes with {2}";
        assert_eq!(
            fill(t, &["1".into(), "30".into(), "Bu Sari".into()]),
            "1 session, 30 minutes with Bu Sari"
        );
        let nested = "{1, plural, one {{0} has # goal} other {{0} has # goals}}";
        assert_eq!(fill(nested, &["Andi".into(), "3".into()]), "Andi has 3 goals");
        assert_eq!(
            fill("Baris {0}, kolom {1}", &["3".into(), "NIP".into()]),
            "Baris 3, kolom NIP"
        );
    }

    #[test]
    fn a_missing_argument_stays_visible() {
        assert_eq!(fill("Row {0}: {1}", &["2".into()]), "Row 2: {1}");
        assert_eq!(fill(PARTICIPANTS, &[]), "{0}");
        assert_eq!(fill("# 1 #", &[]), "# 1 #");
    }

    #[test]
    fn malformed_messages_are_refused_with_a_reason() {
        for bad in [
            "{",
            "}",
            "{x}",
            "{0",
            "{0, select, a {b}}",
            "{0, plural, one {a}}",
            "{0, plural, few {a} other {b}}",
            "{0, plural, other {a} other {b}}",
            "{0, plural, other {a}",
            "{0, plural other {a}}",
            "{\u{85}",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_shape_lists_arguments_and_plural_categories() {
        let pieces = parse("{1} and {0, plural, one {# a {2}} other {# b}}").unwrap();
        let (args, plurals) = shape(&pieces);
        assert_eq!(args, vec![0, 1, 2]);
        assert_eq!(plurals, vec![(0, vec![Category::One, Category::Other])]);
    }

    proptest! {
        /// No template and no arguments make the filling panic, and a text
        /// without braces comes back as it went in.
        #[test]
        fn filling_never_panics(template in ".{0,80}", args in proptest::collection::vec(".{0,8}", 0..4)) {
            let out = fill(&template, &args);
            if !template.contains(['{', '}']) {
                prop_assert_eq!(out, template);
            }
        }

        #[test]
        fn plural_templates_round_trip_any_count(n in 0u32..100_000) {
            let out = fill(PARTICIPANTS, &[n.to_string()]);
            let expected = if n == 1 { "1 participant".to_string() } else { format!("{n} participants") };
            prop_assert_eq!(out, expected);
        }
    }
}
