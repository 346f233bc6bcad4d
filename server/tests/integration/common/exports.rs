//! Reading downloads back the way a spreadsheet would: every CSV export is
//! parsed with the csv crate, never searched as text.

/// Every record of a CSV body (BOM dropped), cell for cell; rows may differ in width.
pub fn csv_cells(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| {
            r.expect("a well-formed CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Formula-like names and texts as hostile users (or LMS rosters) send them.
pub const HOSTILE_CELLS: [&str; 5] = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"];

/// What a hostile cell must look like in an export: text behind a `'`.
pub fn neutralised(cell: &str) -> String {
    format!("'{cell}")
}

/// One part of an XLSX workbook (a zip of XML files), e.g. `xl/worksheets/sheet1.xml`.
pub fn xlsx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut text = String::new();
    book.by_name(name)
        .expect("part in the workbook")
        .read_to_string(&mut text)
        .expect("XML text");
    text
}

/// A download's bytes as they are (`Reply::body` is text).
pub async fn download(app: &super::TestApp, client: &super::Client, path: &str) -> Vec<u8> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::get(path)
        .header(axum::http::header::COOKIE, &client.cookie)
        .body(axum::body::Body::empty())
        .expect("request");
    let res = app.router.clone().oneshot(req).await.expect("response");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.into_body().collect().await.expect("body").to_bytes().to_vec()
}

/// Every record of a CSV body (BOM dropped) as one table: read with
/// `flexible(false)`, so a record of another width than the first (the
/// header) fails the test; the header comes back as the first row.
pub fn csv_table(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("not one rectangular table: {e}\n{body}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A worksheet cell as a spreadsheet reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum XlsxCell {
    Text(String),
    Number(f64),
    /// A formula: an export never writes one.
    Formula(String),
}

/// The text of XML character data: entities and Excel's `_xHHHH_` escapes undone.
fn xml_text(raw: &str) -> String {
    let unescaped = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut rest = unescaped.as_str();
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 2..at + 7)
            .filter(|c| c.ends_with('_'))
            .and_then(|c| u32::from_str_radix(&c[..4], 16).ok().and_then(char::from_u32));
        match code {
            Some(ch) => {
                out.push(ch);
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of `<tag …>value</tag>` inside `xml`, if any.
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = xml.find(&format!("<{tag}"))?;
    let after = &xml[open + tag.len() + 1..];
    let start = after.find('>')?;
    if after[..start].ends_with('/') {
        return Some("");
    }
    let body = &after[start + 1..];
    Some(&body[..body.find(&format!("</{tag}>"))?])
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The workbook's shared strings, in order.
pub fn xlsx_shared_strings(bytes: &[u8]) -> Vec<String> {
    let xml = xlsx_part(bytes, "xl/sharedStrings.xml");
    xml.split("<si>")
        .skip(1)
        .map(|si| xml_text(element(si, "t").expect("a <t> in every <si>")))
        .collect()
}

/// Worksheet `n` (1-based) as rows of cells by column (`None`: a blank cell,
/// which is how an empty string is stored), shared strings resolved.
pub fn xlsx_rows(bytes: &[u8], n: usize) -> Vec<Vec<Option<XlsxCell>>> {
    let strings = xlsx_shared_strings(bytes);
    let xml = xlsx_part(bytes, &format!("xl/worksheets/sheet{n}.xml"));
    let mut rows: Vec<Vec<Option<XlsxCell>>> = Vec::new();
    for row in xml.split("<row ").skip(1) {
        let row = &row[..row.find("</row>").unwrap_or(row.len())];
        let number: usize = attribute(&format!(" {row}"), "r")
            .and_then(|r| r.parse().ok())
            .expect("a row number");
        let mut cells: Vec<Option<XlsxCell>> = Vec::new();
        for c in row.split("<c ").skip(1) {
            let tag = &c[..c.find('>').expect("a cell tag")];
            let spaced = format!(" {tag}");
            let reference = attribute(&spaced, "r").expect("a cell reference");
            let letters: String = reference.chars().take_while(|c| c.is_ascii_uppercase()).collect();
            let col = letters
                .bytes()
                .fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1)
                - 1;
            let cell = if let Some(f) = element(c, "f") {
                Some(XlsxCell::Formula(xml_text(f)))
            } else if tag.ends_with('/') {
                None
            } else {
                let value = element(c, "v").map(xml_text);
                match (attribute(&spaced, "t"), value) {
                    (Some("s"), Some(v)) => Some(XlsxCell::Text(
                        strings[v.parse::<usize>().expect("a string index")].clone(),
                    )),
                    (Some("inlineStr"), _) => element(c, "t").map(|t| XlsxCell::Text(xml_text(t))),
                    (Some("str"), Some(v)) => Some(XlsxCell::Text(v)),
                    (None | Some("n"), Some(v)) => Some(XlsxCell::Number(v.parse().expect("a number"))),
                    (_, v) => panic!("unexpected cell {tag}: {v:?}"),
                }
            };
            if cells.len() <= col {
                cells.resize(col + 1, None);
            }
            cells[col] = cell;
        }
        if rows.len() < number {
            rows.resize(number, Vec::new());
        }
        rows[number - 1] = cells;
    }
    rows
}
