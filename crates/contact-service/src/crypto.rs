//! Codes, ids and tokens from the operating system's random source; codes and tokens are stored
//! only as an HMAC under the server's secret, and compared in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// `bytes` random bytes from the OS, as lowercase hex.
pub fn random_hex(bytes: usize) -> Result<String, getrandom::Error> {
    let mut buffer = vec![0u8; bytes];
    getrandom::getrandom(&mut buffer)?;
    Ok(hex(&buffer))
}

/// Six uniformly random digits: rejection sampling, so no code is likelier than another.
pub fn random_code() -> Result<String, getrandom::Error> {
    const LIMIT: u32 = u32::MAX - u32::MAX % 1_000_000;
    loop {
        let mut buffer = [0u8; 4];
        getrandom::getrandom(&mut buffer)?;
        let value = u32::from_le_bytes(buffer);
        if value < LIMIT {
            return Ok(format!("{:06}", value % 1_000_000));
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// HMAC-SHA256 of the parts (joined unambiguously), as hex.
    pub fn tag(&self, parts: &[&str]) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            unreachable!("HMAC takes a key of any length")
        };
        for part in parts {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part.as_bytes());
        }
        hex(&mac.finalize().into_bytes())
    }
}

/// Equal strings, in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: Vec<String> = (0..50).map(|_| random_code().unwrap()).collect();
        assert!(codes
            .iter()
            .all(|code| code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())));
        let first = &codes[0];
        assert!(codes.iter().any(|code| code != first));
    }

    #[test]
    fn tags_depend_on_the_secret_and_on_part_boundaries() {
        let one = Secret::new(b"one".to_vec());
        let two = Secret::new(b"two".to_vec());
        assert_ne!(one.tag(&["a", "b"]), two.tag(&["a", "b"]));
        assert_ne!(one.tag(&["ab", ""]), one.tag(&["a", "b"]));
        assert!(same(&one.tag(&["x"]), &one.tag(&["x"])));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
