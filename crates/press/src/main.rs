//! The `press` command line; see the library's documentation for what each command does.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["edition", content, out] => press::edition(
            Path::new(content),
            Path::new(out),
            &press::cache_folder(),
            false,
        ),
        ["edition", "--strict", content, out] => press::edition(
            Path::new(content),
            Path::new(out),
            &press::cache_folder(),
            true,
        ),
        ["site", dist] => press::site(Path::new(dist), &press::Settings::from_env()),
        ["site", dist, content] => press::site(
            Path::new(dist),
            &press::Settings {
                content: Some(content.into()),
                ..press::Settings::from_env()
            },
        ),
        ["host", kind, dist, root] => press::host(kind, Path::new(dist), root, None),
        ["host", kind, dist, root, listen] => press::host(kind, Path::new(dist), root, Some(listen)),
        _ => Err("usage: press edition [--strict] <content folder> <output folder>\n       press site <built site folder> [<content folder>]\n       press host nginx|caddy <built site folder> <document root> [<listen address>]".to_owned()),
    };
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
