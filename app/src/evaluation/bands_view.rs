//! The predicate bands page, rendered on the server.
use super::bands_api::SaveBands;
use crate::entities::programme;
use crate::i18n::P;
use crate::rubrics::domain::bands::Band;
use crate::ui::rendered::tr;
use crate::ui::{slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn bands_body(list: Vec<(programme::Model, (Vec<Band>, bool))>) -> impl IntoView {
    let forms = list
        .iter()
        .map(|(p, (b, names))| programme_form(p, b, *names))
        .collect_view();
    view! {
        <header class="page-head">
            <h1>{tr(P::BandsTitle)}</h1>
            <p>{tr(P::BandsIntro)}</p>
        </header>
        {forms}
    }
}

fn programme_form(p: &programme::Model, bands: &[Band], show_names: bool) -> impl IntoView {
    let slot = format!("bands-{}", p.id);
    // The bands, then one empty row for adding.
    let blank = Band {
        name: String::new(),
        min: 0.0,
        inclusive: true,
    };
    let rows = bands
        .iter()
        .chain(std::iter::once(&blank))
        .enumerate()
        .map(|(i, b)| {
            let id = |f: &str| format!("b{}-{i}-{f}", p.id);
            let name = |f: &str| format!("band[{i}][{f}]");
            let filled = !b.name.is_empty();
            view! {
                <div class="level-row">
                    <span class="level-field">
                        <label for=id("name")>{tr(P::BandNameField)}" "{i + 1}</label>
                        <input id=id("name") name=name("name") value=b.name.clone() maxlength="60" />
                    </span>
                    <span class="level-field">
                        <label for=id("from")>{tr(P::BandFrom)}</label>
                        <select id=id("from") name=name("from")>
                            <option value="above" selected=!b.inclusive>{tr(P::BandAbove)}</option>
                            <option value="at" selected=b.inclusive>{tr(P::BandAt)}</option>
                        </select>
                    </span>
                    <span class="level-field">
                        <label for=id("min")>{tr(P::BandMin)}</label>
                        <input id=id("min") name=name("min") value=if filled { typed_decimal(b.min) } else { String::new() } inputmode="decimal" class="short" />
                    </span>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="panel" data-programme=p.id>
            <h2>{p.name.clone()}</h2>
            <form method="post" action=SaveBands::PATH class="stack" data-error-slot=slot.clone()>
                <CsrfField />
                <SlotField id=slot.clone() />
                <input type="hidden" name="programme" value=p.id />
                {rows}
                <p class="hint">{tr(P::BandsHint)}</p>
                <label class="check"><input type="checkbox" name="show_names" value="1" checked=show_names />" "{tr(P::EvalShowNames)}</label>
                <button type="submit" class="button primary">{tr(P::BandsSave)}</button>
            </form>
            <ErrorSlot id=slot.clone() action={slot_action::<SaveBands>(&slot)} />
        </section>
    }
}

/// A stored number as the reader would type it (a decimal comma in Indonesian;
/// the form reads either).
fn typed_decimal(v: f64) -> String {
    let text = v.to_string();
    match crate::ui::rendered::locale() {
        crate::i18n::Locale::Id => text.replace('.', ","),
        crate::i18n::Locale::En => text,
    }
}
