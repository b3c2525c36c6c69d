//! The `press` command line; see the library's documentation for what each command does.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["edition", content, out] => press::edition(Path::new(content), Path::new(out)),
        ["site", dist] => press::site(Path::new(dist), &press::Settings::from_env()),
        _ => Err("usage: press edition <content folder> <output folder>\n       press site <built site folder>".to_owned()),
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
