//! Page data: blocking resources whose value travels in the HTML as JSON.
//!
//! Leptos' default resource codec parses that JSON from a `&str`, while server
//! fn responses are parsed from bytes. serde_json compiles its whole parser once
//! per input kind *and* per type, so every wire type was in the WASM twice. This
//! codec parses the embedded JSON from bytes too, so each type is in it once
//! (about 30 KB less brotli'd WASM, measured with `make bench`).
use codee::{Decoder, Encoder};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

pub struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

pub type PageData<T> = Resource<T, SliceJson>;

/// A blocking resource (the page waits for it, so it is in the first HTML).
#[track_caller]
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, true)
}

/// Page data that carries server-rendered HTML (see `ui::ServerHtml`).
///
/// The HTML is already in the page, and hydration keeps an element's existing
/// `inner_html` rather than setting it again, so the copy embedded for
/// hydration leaves the HTML out: it would otherwise travel twice (as markup
/// and again as an escaped JSON string), doubling the page on slow networks.
/// Server fn replies, used when navigating in the browser, still carry it.
pub trait CarriesHtml: Sized {
    fn without_html(&self) -> Self;
}

impl CarriesHtml for String {
    fn without_html(&self) -> Self {
        String::new()
    }
}

impl<T: CarriesHtml, E: Clone> CarriesHtml for Result<T, E> {
    fn without_html(&self) -> Self {
        match self {
            Ok(value) => Ok(value.without_html()),
            Err(e) => Err(e.clone()),
        }
    }
}

pub struct HtmlOnceJson;

impl<T: CarriesHtml + Serialize> Encoder<T> for HtmlOnceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(&val.without_html())
    }
}

impl<T: DeserializeOwned> Decoder<T> for HtmlOnceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

pub type HtmlPageData<T> = Resource<T, HtmlOnceJson>;

/// As `page_data`, for data that carries server-rendered HTML.
#[track_caller]
pub fn html_page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> HtmlPageData<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: CarriesHtml + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, true)
}
