//! The pixel size of an article's image, so the page can reserve its space before it arrives.

/// Width and height of an SVG, PNG, GIF, JPEG, WebP or AVIF file.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    png(bytes)
        .or_else(|| gif(bytes))
        .or_else(|| jpeg(bytes))
        .or_else(|| webp(bytes))
        .or_else(|| avif(bytes))
        .or_else(|| svg(std::str::from_utf8(bytes).ok()?))
}

/// A WebP's size from its first chunk: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`).
fn webp(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let byte = |at: usize| bytes.get(at).copied().map(u32::from);
    let le = |at: usize, count: usize| {
        (0..count).try_fold(0, |value, i| Some(value | byte(at + i)? << (8 * i)))
    };
    let size = match bytes.get(12..16)? {
        b"VP8 " => (le(26, 2)? & 0x3fff, le(28, 2)? & 0x3fff),
        b"VP8L" if byte(20)? == 0x2f => {
            let bits = le(21, 4)?;
            ((bits & 0x3fff) + 1, (bits >> 14 & 0x3fff) + 1)
        }
        b"VP8X" => (le(24, 3)? + 1, le(27, 3)? + 1),
        _ => return None,
    };
    (size.0 > 0 && size.1 > 0).then_some(size)
}

/// An AVIF's size from its first image spatial extents (`ispe`) box, the primary image's in the
/// files encoders write.
fn avif(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(4..8)? != b"ftyp" || !matches!(bytes.get(8..12)?, b"avif" | b"avis") {
        return None;
    }
    let at = bytes.windows(4).position(|window| window == b"ispe")?;
    let size = (
        be32(bytes.get(at + 8..at + 12)?)?,
        be32(bytes.get(at + 12..at + 16)?)?,
    );
    (size.0 > 0 && size.1 > 0).then_some(size)
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

    /// The first bytes of a WebP file whose first chunk is `kind`, followed by `chunk`.
    fn webp_file(kind: &[u8; 4], chunk: &[u8]) -> Vec<u8> {
        let mut file = b"RIFF\0\0\0\0WEBP".to_vec();
        file.extend(kind);
        file.extend([0, 0, 0, 0]);
        file.extend(chunk);
        file
    }

    #[test]
    fn webp_and_avif_sizes_are_read_from_their_headers() {
        // Lossy: a frame tag, the start code, then 14-bit width and height.
        let lossy = webp_file(
            b"VP8 ",
            &[0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02],
        );
        assert_eq!(dimensions(&lossy), Some((800, 600)));
        // Lossless: the signature, then width - 1 and height - 1 in 14 bits each.
        let (w, h) = (640u32 - 1, 480u32 - 1);
        let bits = (w | h << 14).to_le_bytes();
        let lossless = webp_file(b"VP8L", &[0x2f, bits[0], bits[1], bits[2], bits[3]]);
        assert_eq!(dimensions(&lossless), Some((640, 480)));
        // Extended: flags, then the canvas's width - 1 and height - 1 in 24 bits each.
        let extended = webp_file(b"VP8X", &[0x10, 0, 0, 0, 0x7f, 0x07, 0, 0x37, 0x04, 0]);
        assert_eq!(dimensions(&extended), Some((1920, 1080)));

        let mut avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf".to_vec();
        avif.extend(b"\0\0\0\x14ispe\0\0\0\0");
        avif.extend(1200u32.to_be_bytes());
        avif.extend(675u32.to_be_bytes());
        assert_eq!(dimensions(&avif), Some((1200, 675)));
        assert_eq!(dimensions(b"\0\0\0\x1cftypavif no extents"), None);
    }
}
