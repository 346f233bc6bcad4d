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
