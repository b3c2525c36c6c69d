//! Values kept in the browser's local storage as JSON. Where storage is unavailable (private modes,
//! a full quota) or holds something unreadable, reads give the default and writes do nothing: the
//! app keeps working, it only forgets.

use serde::{de::DeserializeOwned, Serialize};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load<T: DeserializeOwned + Default>(key: &str) -> T {
    storage()
        .and_then(|storage| storage.get_item(key).ok()?)
        .map_or_else(T::default, |text| decode(&text))
}

/// What a stored text holds, or the default if it is unreadable (an older format, a hand edit).
pub fn decode<T: DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn save<T: Serialize + ?Sized>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
