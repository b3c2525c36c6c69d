//! What the press found wrong, each problem with the file and line an editor should open.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file.display(), self.message),
            line => write!(f, "{}:{line}: {}", self.file.display(), self.message),
        }
    }
}

/// Every problem found, so that one run reports them all.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn add(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.0.push(Problem {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds another run's problems after these.
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    /// How many files the problems are in.
    pub fn files(&self) -> usize {
        let files: std::collections::HashSet<&Path> = self
            .0
            .iter()
            .map(|problem| problem.file.as_path())
            .collect();
        files.len()
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}
