fn main() {
    // The build prerenders every page as plain HTML for readers without JavaScript, crawlers and
    // link previews; the app draws the same page itself, so the static copy steps aside.
    if let Some(prerendered) = leptos::prelude::document().get_element_by_id("prerendered") {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(gazette::App);
}
