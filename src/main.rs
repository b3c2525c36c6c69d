// The page views nest deeply enough that their types need a deeper limit when the `ssr` feature is on.
#![recursion_limit = "256"]

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let document = document();
    let Some(body) = document.body() else {
        return;
    };
    // The build prerenders every page for readers without JavaScript, crawlers and link previews.
    // The app draws the same page in a hidden container and swaps it in once its content is ready
    // (`navigation::Handover`), so the reader never sees the page empty in between.
    let Some(app) = document
        .create_element("div")
        .ok()
        .and_then(|app| app.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    app.set_id("app");
    if document.get_element_by_id("prerendered").is_some() {
        app.set_hidden(true);
    }
    let _ = body.append_child(&app);
    // The app lives as long as the page. It takes over when it has at least as much to show as the
    // prerendered page, and never on a timer: a page whose data never comes stays as it is.
    std::mem::forget(leptos::mount::mount_to(app, gazette::App));
}
