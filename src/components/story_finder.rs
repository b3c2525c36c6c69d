//! Finding stories: a search box and filters over the whole loaded archive, kept in the address
//! bar so a view can be shared, reloaded and returned to.

use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::{HeadlineCard, LoadErrorNotice};
use crate::edition::Index;
use crate::query::{Filters, Sort};
use crate::search::query_terms;
use crate::state::{use_edition, Progress};

/// Stories added to the page at a time: the DOM holds what the reader has asked to see, never the
/// whole archive.
const PAGE: usize = 30;
/// Results shown while the reader types: about a screenful, since every keystroke redraws them
/// (30 cards cost 8 ms a keystroke more than 12 on the benchmark machine).
const RESULTS_PAGE: usize = 12;

/// Writes the filters into the address bar without a navigation (and without a history entry per
/// keystroke); back and forward still return to them, since the entry itself carries them.
fn replace_url(query: &str) {
    let window = window();
    let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) else {
        return;
    };
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = history.replace_state_with_url(&state, "", Some(&url));
}

fn focus_element(element: web_sys::Element) {
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Moves focus among result titles with the arrow keys; up from the first returns to the box.
/// Elsewhere (a section link, the page itself) the arrows keep their usual job of scrolling.
fn arrow_between_results(event: &ev::KeyboardEvent, from_box: bool) {
    let step: i32 = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Ok(links) = document().query_selector_all(".stories .story-title a") else {
        return;
    };
    let links: Vec<web_sys::Element> = (0..links.length())
        .filter_map(|i| links.get(i)?.dyn_into::<web_sys::Element>().ok())
        .collect();
    let active = document().active_element();
    let current = links.iter().position(|link| Some(link) == active.as_ref());
    let next = match (current, step) {
        (None, 1) if from_box => links.first().cloned(),
        (Some(0), -1) => document().get_element_by_id("search"),
        (Some(at), _) => links.get((at as i32 + step) as usize).cloned(),
        _ => None,
    };
    if let Some(next) = next {
        event.prevent_default();
        focus_element(next);
    }
}

fn count_words(count: usize, filters: &Filters) -> String {
    match count {
        0 => "No stories match.".to_owned(),
        1 => "1 story matches.".to_owned(),
        n if filters.text.trim().is_empty() => format!("{n} stories match the filters."),
        n => format!("{n} stories match."),
    }
}

/// Search and filters over the archive, with the matching headlines (or, with none set, the latest
/// stories, the first as the lead).
#[component]
pub fn StoryFinder(
    index: Index,
    /// Fixes the section, on a section page.
    #[prop(optional)]
    section: Option<String>,
) -> impl IntoView {
    let edition = use_edition();
    let location = use_location();
    let fixed = StoredValue::new(section);
    let known_sections: Vec<String> = index
        .sections
        .iter()
        .map(|section| section.slug.clone())
        .collect();
    let from_url = move |search: &str| {
        let mut filters = Filters::from_query(search);
        // A section the edition does not have would filter everything out behind "All sections".
        filters.section = filters
            .section
            .filter(|section| known_sections.contains(section));
        if let Some(section) = fixed.get_value() {
            filters.section = Some(section);
        }
        filters
    };
    let filters = RwSignal::new(from_url(&location.search.get_untracked()));
    // A real navigation (back, forward, a link) brings its own filters.
    Effect::new(move || {
        let wanted = from_url(&location.search.get());
        if filters.get_untracked() != wanted {
            filters.set(wanted);
        }
    });
    let first_page = move |filters: &Filters| {
        if filters.text.trim().is_empty() {
            PAGE
        } else {
            RESULTS_PAGE
        }
    };
    let shown = RwSignal::new(first_page(&filters.get_untracked()));
    let set_filters = move |next: Filters| {
        shown.set(first_page(&next));
        let mut in_url = next.clone();
        if fixed.with_value(Option::is_some) {
            in_url.section = None;
        }
        replace_url(&in_url.to_query());
        filters.set(next);
    };
    let results = Memo::new(move |_| {
        edition.version.track();
        let filters = filters.get();
        edition
            .archive
            .try_update_value(|archive| archive.find(&filters))
            .unwrap_or_default()
    });

    // Keystrokes arriving within one frame are searched once, for the latest text.
    let pending = StoredValue::new(None::<String>);
    let on_input = move |event: ev::Event| {
        let first = pending.with_value(Option::is_none);
        pending.set_value(Some(event_target_value(&event)));
        if first {
            request_animation_frame(move || {
                if let Some(text) = pending.try_update_value(Option::take).flatten() {
                    set_filters(Filters {
                        text,
                        ..filters.get_untracked()
                    });
                }
            });
        }
    };
    let on_search_key = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            set_filters(Filters {
                text: String::new(),
                ..filters.get_untracked()
            });
        } else {
            arrow_between_results(&event, true);
        }
    };
    // "/" anywhere but in a field goes to the search box.
    let slash = window_event_listener(ev::keydown, |event| {
        let typing = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if event.key() == "/"
            && !typing
            && !event.ctrl_key()
            && !event.meta_key()
            && !event.alt_key()
        {
            if let Some(search) = document().get_element_by_id("search") {
                event.prevent_default();
                focus_element(search);
            }
        }
    });
    on_cleanup(move || slash.remove());

    let on_section = move |event: ev::Event| {
        let value = event_target_value(&event);
        set_filters(Filters {
            section: (!value.is_empty()).then_some(value),
            ..filters.get_untracked()
        });
    };
    let on_impact = move |event: ev::Event| {
        let min_impact = event_target_value(&event).parse().unwrap_or(0);
        set_filters(Filters {
            min_impact,
            ..filters.get_untracked()
        });
    };
    let on_sort = move |event: ev::Event| {
        let sort = if event_target_value(&event) == "impact" {
            Sort::Impact
        } else {
            Sort::Newest
        };
        set_filters(Filters {
            sort,
            ..filters.get_untracked()
        });
    };
    // The button goes away with the empty state, so focus goes where the reader will type next.
    let clear = move |_| {
        set_filters(Filters {
            section: fixed.get_value(),
            ..Filters::default()
        });
        if let Some(search) = document().get_element_by_id("search") {
            focus_element(search);
        }
    };

    let section_select = fixed.with_value(Option::is_none).then(|| {
        let options = index
            .sections
            .iter()
            .map(|section| view! { <option value=section.slug.clone()>{section.name.clone()}</option> })
            .collect_view();
        view! {
            <div class="finder-filter">
                <label for="filter-section">"Section"</label>
                <select id="filter-section" on:change=on_section
                    prop:value=move || filters.with(|filters| filters.section.clone().unwrap_or_default())>
                    <option value="">"All sections"</option>
                    {options}
                </select>
            </div>
        }
    });
    let active = move || {
        filters.with(|filters| {
            if fixed.with_value(Option::is_some) {
                !filters.text.trim().is_empty()
                    || filters.min_impact > 0
                    || filters.sort != Sort::Newest
            } else {
                filters.is_active()
            }
        })
    };
    let status = move || {
        let loading = edition
            .progress
            .with(|progress| !progress.complete() && progress.error.is_none());
        let count = if active() {
            filters.with(|filters| count_words(results.with(Vec::len), filters))
        } else {
            String::new()
        };
        match (count.is_empty(), loading) {
            (_, true) => format!(
                "{count} Older stories are still loading; they join the results as they arrive."
            )
            .trim()
            .to_owned(),
            (false, false) => count,
            (true, false) => String::new(),
        }
    };
    // Result cards are keyed by their place in the archive: a keystroke that keeps a story in the
    // results redraws only its marks, not the whole card.
    let terms = Memo::new(move |_| filters.with(|filters| query_terms(&filters.text)));
    let visible = Memo::new(move |_| {
        results.with(|results| results.get(..shown.get()).unwrap_or(results).to_vec())
    });
    let lead_position = Memo::new(move |_| {
        if active() {
            None
        } else {
            visible.with(|visible| visible.first().copied())
        }
    });
    let empty_state = move || {
        (active() && visible.with(Vec::is_empty)).then(|| view! {
            <div class="empty-state">
                <p><strong>{move || if edition.progress.with(Progress::complete) {
                    "No stories match your search."
                } else {
                    "No stories match yet; older stories are still arriving."
                }}</strong></p>
                <p>"Try fewer or shorter words, a lower Impact Score, or "
                    <button type="button" class="link-button" on:click=clear>"clear the search and filters"</button>"."</p>
            </div>
        })
    };
    let card = move |position: u32| {
        let headline = edition
            .archive
            .with_value(|archive| archive.headline(position))?;
        let section_name = index.section_name(&headline.section).to_owned();
        let lead = Signal::derive(move || lead_position.get() == Some(position));
        Some(view! { <li><HeadlineCard headline section_name lead terms/></li> })
    };
    let list = view! {
        {empty_state}
        <ol class="stories" role="list">
            <For each=move || visible.get() key=|position| *position children=card/>
        </ol>
    };
    // The first newly shown story takes focus, since the button may go away with the last page.
    let show_more = move |_| {
        let first_new = shown.get_untracked();
        shown.update(|shown| *shown += PAGE);
        request_animation_frame(move || {
            let Ok(links) = document().query_selector_all(".stories .story-title a") else {
                return;
            };
            if let Some(link) = links
                .get(first_new as u32)
                .and_then(|link| link.dyn_into::<web_sys::Element>().ok())
            {
                focus_element(link);
            }
        });
    };
    let more = move || {
        (results.with(Vec::len) > shown.get()).then(|| view! {
            <p class="older"><button type="button" on:click=show_more>"Show more stories"</button></p>
        })
    };
    let archive_error = move || {
        edition
            .progress
            .with(|progress| progress.error.clone())
            .map(|error| {
                let retry = Callback::new(move |()| edition.load_archive());
                view! { <LoadErrorNotice what="older stories" error retry/> }
            })
    };

    view! {
        <form class="finder" role="search" aria-label="Stories" on:submit=|event: ev::SubmitEvent| event.prevent_default()>
            <div class="finder-query">
                <label for="search">"Search headlines"</label>
                <input id="search" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-hint"
                    prop:value=move || filters.with(|filters| filters.text.clone())
                    on:input=on_input on:keydown=on_search_key/>
                <p id="search-hint" class="field-hint">"Titles and summaries. Press / to search, Esc to clear."</p>
            </div>
            {section_select}
            <div class="finder-filter">
                <label for="filter-impact">"Impact Score"</label>
                <select id="filter-impact" on:change=on_impact prop:value=move || filters.with(|filters| filters.min_impact.to_string())>
                    <option value="0">"Any"</option>
                    <option value="30">"30 and above"</option>
                    <option value="50">"50 and above"</option>
                    <option value="70">"70 and above"</option>
                    <option value="90">"90 and above"</option>
                    // A shared link may carry another threshold; show it rather than a blank choice.
                    {move || {
                        let min = filters.with(|filters| filters.min_impact);
                        (![0, 30, 50, 70, 90].contains(&min))
                            .then(|| view! { <option value=min.to_string()>{format!("{min} and above")}</option> })
                    }}
                </select>
            </div>
            <div class="finder-filter">
                <label for="filter-sort">"Order"</label>
                <select id="filter-sort" on:change=on_sort
                    prop:value=move || filters.with(|filters| if filters.sort == Sort::Impact { "impact" } else { "newest" })>
                    <option value="newest">"Newest first"</option>
                    <option value="impact">"Highest impact first"</option>
                </select>
            </div>
        </form>
        <p class="finder-status" role="status" data-archive=move || {
            if edition.progress.with(Progress::complete) { "complete" } else { "loading" }
        }>{status}</p>
        {archive_error}
        <div class="finder-results" on:keydown=move |event| arrow_between_results(&event, false)>{list}</div>
        {more}
    }
}
