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
