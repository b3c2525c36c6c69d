//! The pixel size of an article's image, so the page can reserve its space before it arrives.

/// Width and height of an SVG, PNG, GIF or JPEG file.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    png(bytes)
        .or_else(|| gif(bytes))
        .or_else(|| jpeg(bytes))
        .or_else(|| svg(std::str::from_utf8(bytes).ok()?))
}

fn png(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(..24)?;
    if !header.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    Some((be32(header.get(16..20)?)?, be32(header.get(20..24)?)?))
}

fn gif(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(..10)?;
    if !header.starts_with(b"GIF8") {
        return None;
    }
    let le16 = |at: usize| Some(u32::from(*header.get(at)?) | u32::from(*header.get(at + 1)?) << 8);
    Some((le16(6)?, le16(8)?))
}

/// Walks the JPEG's segments to the frame header (SOF0 to SOF15, not DHT, JPG or DAC).
fn jpeg(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(*bytes.get(at + 2)?) << 8 | usize::from(*bytes.get(at + 3)?);
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let be16 =
                |at: usize| Some(u32::from(*bytes.get(at)?) << 8 | u32::from(*bytes.get(at + 1)?));
            return Some((be16(at + 7)?, be16(at + 5)?));
        }
        at += 2 + length;
    }
}

/// An SVG's `width` and `height` attributes in pixels, or else its `viewBox`.
fn svg(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = text.get(start..)?.split('>').next()?;
    let attribute = |name: &str| {
        let after = tag.split(&format!(" {name}=\"")).nth(1)?;
        after.split('"').next()
    };
    let number = |value: &str| value.trim_end_matches("px").parse::<f64>().ok();
    // Sizes in other units (`100%`, `210mm`) say nothing in pixels: the viewBox does.
    let given = attribute("width")
        .and_then(number)
        .zip(attribute("height").and_then(number));
    let size = match given {
        Some(size) => size,
        None => {
            let view_box: Vec<f64> = attribute("viewBox")?
                .split([' ', ','])
                .filter(|part| !part.is_empty())
                .filter_map(|part| part.parse().ok())
                .collect();
            (*view_box.get(2)?, *view_box.get(3)?)
        }
    };
    let (width, height) = (size.0.round(), size.1.round());
    (width >= 1.0 && height >= 1.0).then_some((width as u32, height as u32))
}

fn be32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_from_each_kind_of_file() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" width="640" height="360">"#;
        assert_eq!(dimensions(svg), Some((640, 360)));
        assert_eq!(
            dimensions(br#"<svg viewBox="0 0 300 150">"#),
            Some((300, 150))
        );
        assert_eq!(
            dimensions(br#"<svg width="100%" height="210mm" viewBox="0 0 640 360">"#),
            Some((640, 360))
        );
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend([0, 0, 3, 32, 0, 0, 2, 88]);
        assert_eq!(dimensions(&png), Some((800, 600)));
        assert_eq!(dimensions(b"GIF89a\x10\x00\x20\x00"), Some((16, 32)));
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 1, 44, 2, 88,
        ];
        assert_eq!(dimensions(&jpeg), Some((600, 300)));
        assert_eq!(dimensions(b"not an image"), None);
    }
}
