//! LEB128 variable-length integers: the index's postings and word streams are mostly small
//! numbers, and storing them in one or two bytes instead of four keeps a 50,000-question
//! index a fraction of the archive's size.

#[inline(always)]
pub(crate) fn push(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the number at `*position` and moves past it.
#[inline(always)]
pub(crate) fn read(bytes: &[u8], position: &mut usize) -> u32 {
    let first = bytes[*position];
    *position += 1;
    if first < 0x80 {
        return u32::from(first);
    }
    let mut value = u32::from(first & 0x7f);
    let mut shift = 7;
    loop {
        let byte = bytes[*position];
        *position += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 21, u32::MAX];
        let mut bytes = Vec::new();
        for value in values {
            push(&mut bytes, value);
        }
        let mut position = 0;
        for value in values {
            assert_eq!(read(&bytes, &mut position), value);
        }
        assert_eq!(position, bytes.len());
        assert_eq!(bytes[..4], [0, 1, 127, 0x80]);
    }
}
