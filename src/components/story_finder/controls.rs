//! The search box and filters: what the reader types and picks, handed to the finder as `Filters`.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use gazette_core::edition::Index;
use gazette_core::query::{Filters, Sort};

pub(super) fn focus_element(element: web_sys::Element) {
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Moves focus among result titles with the arrow keys; up from the first returns to the box.
/// Elsewhere (a section link, the page itself) the arrows keep their usual job of scrolling.
pub(super) fn arrow_between_results(event: &ev::KeyboardEvent, from_box: bool) {
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

/// The search box, section (unless the page fixes one), minimum Impact Score and order.
#[component]
pub(super) fn FinderControls(
    index: Index,
    filters: RwSignal<Filters>,
    set_filters: Callback<Filters>,
    /// A section page fixes the section, so it offers no choice of one.
    fixed_section: bool,
) -> impl IntoView {
    // Keystrokes arriving within one frame are searched once, for the latest text.
    let pending = StoredValue::new(None::<String>);
    let on_input = move |event: ev::Event| {
        let first = pending.with_value(Option::is_none);
        pending.set_value(Some(event_target_value(&event)));
        if first {
            request_animation_frame(move || {
                if let Some(text) = pending.try_update_value(Option::take).flatten() {
                    set_filters.run(Filters {
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
            set_filters.run(Filters {
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
        set_filters.run(Filters {
            section: (!value.is_empty()).then_some(value),
            ..filters.get_untracked()
        });
    };
    let on_impact = move |event: ev::Event| {
        let min_impact = event_target_value(&event).parse().unwrap_or(0);
        set_filters.run(Filters {
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
        set_filters.run(Filters {
            sort,
            ..filters.get_untracked()
        });
    };
    let section_select = (!fixed_section).then(|| {
        let options = index
            .sections
            .iter()
            .map(|section| view! { <option value=section.slug.clone()>{section.name.clone()}</option> })
            .collect_view();
        view! {
            <div class="finder-filter">
                <label for="filter-section">"Section"</label>
                <select
                    id="filter-section"
                    on:change=on_section
                    prop:value=move || {
                        filters.with(|filters| filters.section.clone().unwrap_or_default())
                    }
                >
                    <option value="">"All sections"</option>
                    {options}
                </select>
            </div>
        }
    });
    // On a narrow screen the filters fold behind one button, so the news comes first; the button
    // says how many are set. On a wide one the button is not shown and the filters always are.
    let open = RwSignal::new(false);
    let active = move || filters.with(|filters| active_filters(filters, fixed_section));
    view! {
        <form
            class="finder"
            role="search"
            aria-label="Stories"
            on:submit=|event: ev::SubmitEvent| event.prevent_default()
        >
            <div class="finder-query">
                <label for="search">"Search headlines"</label>
                <div class="finder-row">
                    <input
                        id="search"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="search-hint"
                        prop:value=move || filters.with(|filters| filters.text.clone())
                        on:input=on_input
                        on:keydown=on_search_key
                    />
                    <button
                        type="button"
                        class="secondary filters-toggle"
                        aria-controls="finder-filters"
                        aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|open| *open = !*open)
                    >
                        "Filters"
                        {move || match active() {
                            0 => None,
                            count => {
                                Some(
                                    view! {
                                        <span class="filters-count">" · " {count} " active"</span>
                                    },
                                )
                            }
                        }}
                    </button>
                </div>
                <p id="search-hint" class="field-hint">
                    "Titles and summaries. Press / to search, Esc to clear."
                </p>
            </div>
            <div id="finder-filters" class="finder-filters" class:open=open>
                {section_select}
                <div class="finder-filter">
                    <label for="filter-impact">"Impact Score"</label>
                    <select
                        id="filter-impact"
                        on:change=on_impact
                        prop:value=move || filters.with(|filters| filters.min_impact.to_string())
                    >
                        <option value="0">"Any"</option>
                        <option value="30">"30 and above"</option>
                        <option value="50">"50 and above"</option>
                        <option value="70">"70 and above"</option>
                        <option value="90">"90 and above"</option>
                        // A shared link may carry another threshold; show it rather than a blank choice.
                        {move || {
                            let min = filters.with(|filters| filters.min_impact);
                            (![0, 30, 50, 70, 90].contains(&min))
                                .then(|| {
                                    view! {
                                        <option value=min
                                            .to_string()>{format!("{min} and above")}</option>
                                    }
                                })
                        }}
                    </select>
                </div>
                <div class="finder-filter">
                    <label for="filter-sort">"Order"</label>
                    <select
                        id="filter-sort"
                        on:change=on_sort
                        prop:value=move || {
                            filters
                                .with(|filters| {
                                    if filters.sort == Sort::Impact { "impact" } else { "newest" }
                                })
                        }
                    >
                        <option value="newest">"Newest first"</option>
                        <option value="impact">"Highest impact first"</option>
                    </select>
                </div>
            </div>
        </form>
    }
}

/// How many of the folded filters are set: section (unless the page fixes it), a minimum Impact
/// Score, an order other than newest first.
fn active_filters(filters: &Filters, fixed_section: bool) -> usize {
    [
        !fixed_section && filters.section.is_some(),
        filters.min_impact > 0,
        filters.sort != Sort::Newest,
    ]
    .into_iter()
    .filter(|set| *set)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_button_counts_what_is_set_beyond_the_search() {
        let none = Filters::default();
        assert_eq!(active_filters(&none, false), 0);
        let typed = Filters {
            text: "court".to_owned(),
            ..Filters::default()
        };
        assert_eq!(active_filters(&typed, false), 0);
        let all = Filters {
            section: Some("law".to_owned()),
            min_impact: 50,
            sort: Sort::Impact,
            ..Filters::default()
        };
        assert_eq!(active_filters(&all, false), 3);
        // A section page's own section is no choice of the reader's.
        assert_eq!(active_filters(&all, true), 2);
    }
}
