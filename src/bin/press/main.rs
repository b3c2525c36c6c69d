//! `press`, the newsroom's tool: Markdown in, the edition bundle out. Built natively with the `press`
//! feature; none of it is in the wasm.
//!
//!   press edition <content folder> <output folder>
//!       Checks every article and writes the edition bundle, or reports every problem (file:line)
//!       and writes nothing.

mod bundle;
mod front_matter;
mod images;
mod markdown;
mod problems;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{fs, io};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["edition", content, out] => edition(Path::new(content), Path::new(out)),
        _ => Err("usage: press edition <content folder> <output folder>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn edition(content: &Path, out: &Path) -> Result<(), String> {
    let files = bundle::build(content).map_err(|problems| {
        let problems = problems.into_vec();
        let mut report: Vec<String> = problems.iter().map(ToString::to_string).collect();
        report.push(format!(
            "{} problem{} in {}; nothing was written.",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            content.display()
        ));
        report.join("\n")
    })?;
    write_folder(out, &files).map_err(|error| format!("writing {}: {error}", out.display()))?;
    let articles = files
        .keys()
        .filter(|path| path.starts_with("articles"))
        .count();
    println!(
        "press: {articles} articles from {} into {}",
        content.display(),
        out.display()
    );
    Ok(())
}

/// Writes the files into a fresh folder beside `out`, then swaps it in, so a failure midway leaves
/// the previous output whole.
fn write_folder(out: &Path, files: &bundle::Files) -> io::Result<()> {
    let mut staging = out.as_os_str().to_owned();
    staging.push(".press-tmp");
    let staging = PathBuf::from(staging);
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    for (path, bytes) in files {
        let path = staging.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
    }
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::rename(&staging, out)
}
