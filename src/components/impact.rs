use leptos::prelude::*;

use gazette_core::edition::Impact;

/// The score as lists show it: compact, with its band in words for colour-blind readers too.
#[component]
pub fn ImpactBadge(impact: Impact) -> impl IntoView {
    let band = impact.band();
    view! {
        <span class=format!(
            "impact impact-{}",
            band.to_ascii_lowercase(),
        )>
            "Impact Score "<strong>{impact.score()}</strong>
            <span class="impact-band">" · " {band}</span>
        </span>
    }
}

/// The score on an article page, with what it means.
#[component]
pub fn ImpactExplainer(impact: Impact) -> impl IntoView {
    view! {
        <aside class="impact-explainer" aria-labelledby="impact-heading">
            <h2 id="impact-heading">
                "Impact Score " <strong>{impact.score()}</strong> " of 100 · " {impact.band()}
            </h2>
            <meter min="0" max="100" low="31" high="81" optimum="100" value=impact.score()>
                {impact.score()}
                " of 100"
            </meter>
            <p>
                "Our editors' estimate of how much this story will change practice in its field over "
                "the next year: 0 to 30 minor, 31 to 60 notable, 61 to 80 significant, 81 to 100 major."
            </p>
        </aside>
    }
}
