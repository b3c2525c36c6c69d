//! Finding stories: a search box and filters over the whole loaded archive, kept in the address
//! bar so a view can be shared, reloaded and returned to.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod controls;

use super::{HeadlineCard, LoadErrorNotice};
use crate::archive::Finding;
use crate::state::{Progress, Stories};
use controls::{focus_element, FinderControls};
use gazette_core::edition::Index;
use gazette_core::query::{Filters, Sort};
use gazette_core::search::query_terms;

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

fn count_words(finding: &Finding, filters: &Filters) -> String {
    match finding.positions.len() {
        0 => "No stories match.".to_owned(),
        // Said in the status line, which is visible and announced: the reader should know these
        // are guesses at what they meant.
        1 if finding.close_only => "No stories match exactly; showing 1 close match.".to_owned(),
        n if finding.close_only => format!("No stories match exactly; showing {n} close matches."),
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
    stories: Stories,
    /// The address bar's query string, which carries the filters.
    #[prop(into)]
    search: Signal<String>,
    /// Fixes the section, on a section page.
    #[prop(optional)]
    section: Option<String>,
    /// Loads the rest of the archive again after it failed.
    retry: Callback<()>,
) -> impl IntoView {
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
    let filters = RwSignal::new(from_url(&search.get_untracked()));
    // A real navigation (back, forward, a link) brings its own filters.
    Effect::new(move || {
        let wanted = from_url(&search.get());
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
    let set_filters = Callback::new(move |next: Filters| {
        shown.set(first_page(&next));
        let mut in_url = next.clone();
        if fixed.with_value(Option::is_some) {
            in_url.section = None;
        }
        replace_url(&in_url.to_query());
        filters.set(next);
    });
    let results = Memo::new(move |_| {
        stories.version.track();
        let filters = filters.get();
        stories
            .archive
            .try_update_value(|archive| archive.find(&filters))
            .unwrap_or_default()
    });

    // The button goes away with the empty state, so focus goes where the reader will type next.
    let clear = move |_| {
        set_filters.run(Filters {
            section: fixed.get_value(),
            ..Filters::default()
        });
        if let Some(search) = document().get_element_by_id("search") {
            focus_element(search);
        }
    };

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
    let loading = move || {
        stories
            .progress
            .with(|progress| !progress.complete() && progress.error.is_none())
    };
    // Said above the results only while the reader searches, when the results are partial; the
    // latest news, with nothing set, starts right under the search box (on a phone, in the upper
    // half of the screen), and the line saying older stories are coming sits below the page's list.
    let status = move || {
        if !active() {
            return String::new();
        }
        let count = filters.with(|filters| results.with(|finding| count_words(finding, filters)));
        if loading() {
            format!(
                "{count} Older stories are still loading; they join the results as they arrive."
            )
        } else {
            count
        }
    };
    // Result cards are keyed by their place in the archive: a keystroke that keeps a story in the
    // results redraws only its marks, not the whole card.
    let terms = Memo::new(move |_| filters.with(|filters| query_terms(&filters.text)));
    let visible = Memo::new(move |_| {
        results.with(|finding| {
            let results = &finding.positions;
            results.get(..shown.get()).unwrap_or(results).to_vec()
        })
    });
    let lead_position = Memo::new(move |_| {
        if active() {
            None
        } else {
            visible.with(|visible| visible.first().copied())
        }
    });
    let empty_state = move || {
        (active() && visible.with(Vec::is_empty)).then(|| {
            view! {
                <div class="empty-state">
                    <p>
                        <strong>
                            {move || {
                                if stories.progress.with(Progress::complete) {
                                    "No stories match your search."
                                } else {
                                    "No stories match yet; older stories are still arriving."
                                }
                            }}
                        </strong>
                    </p>
                    <p>
                        "Try fewer or shorter words, a lower Impact Score, or "
                        <button type="button" class="link-button" on:click=clear>
                            "clear the search and filters"
                        </button>"."
                    </p>
                </div>
            }
        })
    };
    let controls_index = index.clone();
    let card = move |position: u32| {
        let headline = stories
            .archive
            .with_value(|archive| archive.headline(position))?;
        let section_name = index.section_name(&headline.section).to_owned();
        let lead = Signal::derive(move || lead_position.get() == Some(position));
        Some(view! {
            <li class:lead=lead>
                <HeadlineCard headline section_name lead terms />
            </li>
        })
    };
    let list = view! {
        {empty_state}
        <ol class="stories" role="list">
            <For each=move || visible.get() key=|position| *position children=card />
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
        (results.with(|finding| finding.positions.len()) > shown.get()).then(|| {
            view! {
                <p class="older">
                    <button type="button" on:click=show_more>
                        "Show more stories"
                    </button>
                </p>
            }
        })
    };
    let archive_error = move || {
        stories
            .progress
            .with(|progress| progress.error.clone())
            .map(|error| {
                view! { <LoadErrorNotice what="older stories" error retry /> }
            })
    };

    view! {
        <FinderControls
            index=controls_index
            filters
            set_filters
            fixed_section=fixed.with_value(Option::is_some)
        />
        <p
            class="finder-status"
            role="status"
            data-archive=move || {
                if stories.progress.with(Progress::complete) { "complete" } else { "loading" }
            }
        >
            {status}
        </p>
        {archive_error}
        <div
            class="finder-results"
            on:keydown=move |event| controls::arrow_between_results(&event, false)
        >
            {list}
        </div>
        {more}
        // Hidden rather than added and removed: the same to the reader, and 1 KiB less wasm.
        <p class="arriving" hidden=move || !loading() || active()>
            "Older stories are still loading."
        </p>
    }
}
