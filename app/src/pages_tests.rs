//! Tests of `pages.rs`.
use super::Page;

#[test]
fn every_page_reads_back_from_its_path() {
    for page in Page::examples() {
        assert_eq!(Page::parse(&page.path()), Some(page.clone()), "{}", page.path());
        assert_eq!(Page::parse(&format!("{}/", page.path())), Some(page.clone()));
    }
}

#[test]
fn other_paths_are_not_pages() {
    for path in [
        "/",
        "/classes",
        "/classes/1",
        "/classes/x/learn",
        "/classes/1/learn/extra/more",
        "/classes/1/teams/2",
        "/classes/1/reports/2/evaluation",
        "/classes/1/tasks/2/score/x",
        "/classes/99999999999999999999/learn",
        "/admin/users",
        "/scenarios/a/b",
        "/nowhere",
    ] {
        assert_eq!(Page::parse(path), None, "{path}");
    }
}

/// Paths the router gives a component of its own never reach `HtmlRoute`:
/// the two declarations must not overlap.
#[test]
fn pages_with_components_are_not_in_the_enum() {
    for path in [
        "/classes/1",
        "/classes/1/import",
        "/classes/1/learn/kenali-generasi",
        "/curriculum",
        "/curriculum/lessons/kenali-generasi",
        "/admin/generations",
        "/admin/programmes",
    ] {
        assert_eq!(Page::parse(path), None, "{path}");
    }
}
