//! Text encodings of report files: UTF-8 (with or without a BOM), and GB18030 — which includes
//! GBK — as files saved on Chinese Windows often are. Pure: bytes in, text out; the callers do
//! the I/O, and write fixed files back in the encoding they came in.

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

/// Decodes a file's bytes: UTF-8 (a BOM is dropped), else GB18030 (`encoding_rs`, the WHATWG
/// decoder used by browsers). Binary data (NUL bytes) and undecodable bytes are refused with a
/// reason.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if bytes.contains(&0) {
        return Err("binary data, not a text file".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(|s| (s.to_owned(), Encoding::Utf8Bom)).map_err(|e| format!("invalid UTF-8: {e}"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), Encoding::Gb18030)),
        None => Err("neither UTF-8 nor GB18030 text".into()),
    }
}

/// Encodes text back into the encoding it was read in.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let text = "一、总体情况\n国办公开办函〔2021〕30号 𠀀\n";
        for enc in [Encoding::Utf8, Encoding::Utf8Bom, Encoding::Gb18030] {
            assert_eq!(decode(&encode(text, enc)).unwrap(), (text.to_owned(), enc));
        }
        assert!(decode(b"a\0b").is_err());
        assert!(decode(&[0xFF, 0xFF, 0xFF]).is_err());
    }
}
