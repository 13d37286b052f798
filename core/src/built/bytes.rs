//! The binary files' few building blocks: a tag naming the kind of file, variable-length
//! numbers, and length-prefixed byte strings; and a reader that reports a short or
//! damaged file as an error instead of panicking, since the files come over the network.

use super::BuiltError;
use crate::search::varint;

pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn new(tag: &[u8; 4]) -> Writer {
        Writer {
            bytes: tag.to_vec(),
        }
    }

    pub(super) fn number(&mut self, value: u32) {
        varint::push(&mut self.bytes, value);
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.number(bytes.len() as u32);
        self.bytes.extend_from_slice(bytes);
    }
}

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        bytes: &'a [u8],
        tag: &[u8; 4],
        what: &'static str,
    ) -> Result<Reader<'a>, BuiltError> {
        if bytes.get(..4) != Some(&tag[..]) {
            return Err(BuiltError::new(format!("the {what} file is not one")));
        }
        Ok(Reader {
            bytes,
            position: 4,
            what,
        })
    }

    /// Goes on reading `bytes` from `position`, where an earlier reader of them stopped.
    pub(super) fn resume(bytes: &'a [u8], position: usize, what: &'static str) -> Reader<'a> {
        Reader {
            bytes,
            position,
            what,
        }
    }

    pub(super) fn position(&self) -> usize {
        self.position
    }

    fn damaged(&self) -> BuiltError {
        BuiltError::new(format!("the {} file is damaged", self.what))
    }

    pub(super) fn number(&mut self) -> Result<u32, BuiltError> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = *self
                .bytes
                .get(self.position)
                .ok_or_else(|| self.damaged())?;
            self.position += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return u32::try_from(value).map_err(|_| self.damaged());
            }
        }
        Err(self.damaged())
    }

    pub(super) fn bytes(&mut self) -> Result<&'a [u8], BuiltError> {
        let length = self.number()? as usize;
        let end = self
            .position
            .checked_add(length)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.damaged())?;
        let bytes = &self.bytes[self.position..end];
        self.position = end;
        Ok(bytes)
    }

    pub(super) fn text(&mut self) -> Result<&'a str, BuiltError> {
        let bytes = self.bytes()?;
        std::str::from_utf8(bytes).map_err(|_| self.damaged())
    }

    /// A count of items each at least one byte long, checked against what is left so a
    /// damaged count cannot ask for a huge allocation.
    pub(super) fn count(&mut self) -> Result<usize, BuiltError> {
        let count = self.number()? as usize;
        if count > self.bytes.len() - self.position {
            return Err(self.damaged());
        }
        Ok(count)
    }

    pub(super) fn finish(self) -> Result<(), BuiltError> {
        if self.position == self.bytes.len() {
            Ok(())
        } else {
            Err(self.damaged())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let mut writer = Writer::new(b"TEST");
        writer.number(300);
        writer.bytes("héllo".as_bytes());
        let bytes = writer.bytes;
        let mut reader = Reader::new(&bytes, b"TEST", "test").unwrap();
        assert_eq!(reader.number().unwrap(), 300);
        assert_eq!(reader.text().unwrap(), "héllo");
        reader.finish().unwrap();
        assert!(Reader::new(&bytes, b"NOPE", "test").is_err());
        let mut short = Reader::new(&bytes[..bytes.len() - 2], b"TEST", "test").unwrap();
        short.number().unwrap();
        assert!(short.text().is_err());
        let endless = [b'T', b'E', b'S', b'T', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert!(
            Reader::new(&endless, b"TEST", "test")
                .unwrap()
                .number()
                .is_err()
        );
    }
}
