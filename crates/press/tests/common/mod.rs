//! What the press tests share.
#![allow(clippy::unwrap_used, dead_code)]

use std::fs;
use std::path::Path;

/// A built app as Trunk leaves it, reduced to what `press site` reads.
pub fn fake_build(dir: &Path) {
    fs::write(
        dir.join("index.html"),
        "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\">\n    <title>Gazette</title>\n    <meta name=\"description\" content=\"x\">\n<script type=\"module\">\nimport init, * as bindings from '/gazette-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/gazette-0123456789abcdef_bg.wasm' });\n</script></head>\n  <body>\n  </body>\n</html>\n",
    )
    .unwrap();
    fs::write(dir.join("gazette-0123456789abcdef.js"), "export default 1;").unwrap();
    fs::write(dir.join("gazette-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    fs::write(dir.join("contact.json"), r#"{"service": ""}"#).unwrap();
    // The worker as Trunk copies it from the source tree, placeholders and all.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/sw.js"),
        dir.join("sw.js"),
    )
    .unwrap();
}
