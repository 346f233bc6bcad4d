//! Horizontal bar chart drawn as SVG on the server: readable before WASM loads,
//! announced as an image with a text description, and backed by a visible list.
use crate::classes::domain::composition::Share;
use crate::i18n::{fill, fmt_decimal, fmt_percent, K};
use crate::ui::use_locale;
use leptos::prelude::*;

const BAR_HEIGHT: i32 = 28;
const LABEL_WIDTH: i32 = 150;
const BAR_SPACE: f64 = 200.0;

/// SVG coordinates with one decimal, without the float formatter (see `fmt_decimal`).
fn coord(value: f64) -> String {
    fmt_decimal(value, 1, crate::i18n::Locale::En)
}

#[component]
pub fn BarChart(
    id: &'static str,
    title: K,
    shares: Vec<Share>,
    /// Turns a share into its shown label (translated for fixed keys).
    label: fn(&Share, crate::i18n::Locale) -> String,
    /// CSS class prefix for bar colours, e.g. "gen" gives `gen-x`.
    class_prefix: &'static str,
) -> impl IntoView {
    let l = use_locale().get_untracked();
    let height = (shares.len() as i32).max(1) * BAR_HEIGHT + 8;
    let describe = shares
        .iter()
        .map(|s| {
            fill(
                K::CompositionChartDesc.t(l),
                &[label(s, l), s.count.to_string(), fmt_percent(s.percent, l)],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let bars = shares
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let y = i as i32 * BAR_HEIGHT + 4;
            let width = (s.percent / 100.0 * BAR_SPACE).max(if s.count > 0 { 2.0 } else { 0.0 });
            let text = label(&s, l);
            let value = format!("{} ({})", s.count, fmt_percent(s.percent, l));
            view! {
                <g>
                    <text x="0" y=y + 19 class="chart-label">{text}</text>
                    <rect x=LABEL_WIDTH y=y + 4 width=coord(width) height=BAR_HEIGHT - 8 rx="3"
                        class=format!("bar {class_prefix}-{}", s.key) />
                    <text x=coord(LABEL_WIDTH as f64 + width + 6.0) y=y + 19 class="chart-value">{value}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption id=format!("{id}-title")>{title.t(l)}</figcaption>
            <svg role="img" viewBox=format!("0 0 460 {height}") width="100%"
                aria-labelledby=format!("{id}-title {id}-desc") preserveAspectRatio="xMinYMin meet">
                <desc id=format!("{id}-desc")>{describe}</desc>
                {bars}
            </svg>
        </figure>
    }
}
