//! The display-only parts of a lesson page (heading, text, key points, images,
//! links), rendered on the server in the reader's language; quick checks and
//! reflections stay live components (`blocks.rs`). See `ui::render_html`.
use crate::curriculum::model::LinkKind;
use crate::curriculum::view_model::{BlockView, LessonPage, LessonScreen, ScreenBlock};
use crate::error::AppResult;
use crate::i18n::{fill, P};
use crate::ui::{render_html, use_locale};
use leptos::prelude::*;

/// The page's heading, and each block as HTML or as a live block.
pub fn lesson_screen(page: LessonPage) -> AppResult<LessonScreen> {
    let head = LessonHead {
        class_id: page.class_id,
        unit_title: page.unit_title.clone(),
        title: page.title.clone(),
        number: page.number,
        of: page.of,
        minutes: page.minutes,
        participant: page.is_participant,
    };
    let head_html = render_html(move || lesson_head(head))?;
    let mut blocks = Vec::with_capacity(page.blocks.len());
    for block in page.blocks {
        blocks.push(match block {
            BlockView::Check(c) => ScreenBlock::Check(c),
            BlockView::Reflection(r) => ScreenBlock::Reflection(r),
            other => ScreenBlock::Html(render_html(move || static_block(other))?),
        });
    }
    Ok(LessonScreen {
        class_id: page.class_id,
        key: page.key,
        head_html,
        blocks,
        is_participant: page.is_participant,
        next: page.next,
        previous: page.previous,
    })
}

struct LessonHead {
    class_id: i64,
    unit_title: crate::curriculum::model::Bilingual,
    title: crate::curriculum::model::Bilingual,
    number: usize,
    of: usize,
    minutes: u32,
    participant: bool,
}

fn lesson_head(h: LessonHead) -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <p class="muted"><a href=format!("/classes/{}/learn", h.class_id)>{crate::ui::tp(P::LearnBack)}</a></p>
        <p class="muted">
            {h.unit_title.get(l).to_string()}" · "
            {fill(P::LearnLessonOf.t(l), &[h.number.to_string(), h.of.to_string()])}" · "
            {fill(P::LearnMinutes.t(l), &[h.minutes.to_string()])}
        </p>
        <h1>{h.title.get(l).to_string()}</h1>
        {(!h.participant).then(|| view! { <p class="notice">{crate::ui::tp(P::LearnPreviewNote)}</p> })}
    }
}

/// A block that only displays, in the reader's language; None for the live ones.
fn static_block(block: BlockView) -> Option<AnyView> {
    let l = use_locale().get_untracked();
    Some(match block {
        BlockView::Text { html } => view! { <div class="prose" inner_html=html.get(l).to_string()></div> }.into_any(),
        BlockView::Takeaway { html } => view! {
            <aside class="takeaway">
                <strong>{crate::ui::tp(P::LearnKeyPoint)}</strong>
                <div inner_html=html.get(l).to_string()></div>
            </aside>
        }
        .into_any(),
        BlockView::Image { src, width, height, alt } => view! {
            <figure class="lesson-image">
                <img src=format!("/curriculum/{src}") width=width height=height loading="lazy" decoding="async"
                    alt=alt.get(l).to_string() />
            </figure>
        }
        .into_any(),
        BlockView::Link { kind, url, label } => view! {
            <p class="lesson-link">
                {(kind == LinkKind::Video).then(|| view! { <span class="badge">{crate::ui::tp(P::LearnVideo)}</span>" " })}
                <a href=url rel="noopener noreferrer" target="_blank">{label.get(l).to_string()}</a>
            </p>
        }
        .into_any(),
        BlockView::Check(_) | BlockView::Reflection(_) => return None,
    })
}
