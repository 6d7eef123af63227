//! Reading the register's file one entry at a time: a serde visitor walks `{"polozky": [...]}`
//! and hands each entry on as soon as it is read, so memory holds one entry, not the file. A
//! gzip-compressed file (by its magic bytes, whatever the headers say) is inflated on the way.
use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;
use serde::de::{self, DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::file::Entry;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Why reading stopped short of the file's end.
#[derive(Debug)]
pub enum StreamError {
    /// Not JSON (or not gzip): where, and what the parser says.
    NotJson(String),
    /// JSON, but not the register's shape: `field` names the entry (`polozky[3]`) and the field in it.
    Malformed { field: String, message: String },
    /// More than the limit of bytes (of JSON, after inflating).
    TooLarge(u64),
    /// The consumer stopped taking entries; its own error is the one to report.
    Stopped,
    /// Reading the source failed.
    Io(io::Error),
}

/// Reads `source` and gives `each` every entry with its index in `polozky`, until `each` answers
/// false. Answers how many entries were read.
pub fn read_entries<R: Read>(source: R, limit: Option<u64>, each: impl FnMut(usize, Entry) -> bool) -> Result<usize, StreamError> {
    let exceeded = Cell::new(false);
    let mut buffered = BufReader::with_capacity(64 * 1024, source);
    let gzip = buffered.fill_buf().map_err(StreamError::Io)?.starts_with(&GZIP_MAGIC);
    let inflated: Box<dyn Read + '_> = if gzip { Box::new(MultiGzDecoder::new(buffered)) } else { Box::new(buffered) };
    let json = BufReader::with_capacity(64 * 1024, Limited { inner: inflated, left: limit, limit, exceeded: &exceeded });
    let state = State { index: Cell::new(None), problem: RefCell::new(None), each: RefCell::new(each), read: Cell::new(0) };
    let mut de = serde_json::Deserializer::from_reader(json);
    let outcome = de.deserialize_map(FileVisitor { state: &state }).and_then(|()| de.end());
    if let Some(problem) = state.problem.into_inner() {
        return Err(problem);
    }
    match outcome {
        Ok(()) => Ok(state.read.get()),
        Err(_) if exceeded.get() => Err(StreamError::TooLarge(limit.unwrap_or_default())),
        Err(e) if e.is_io() => Err(classify_io(e.into())),
        Err(e) if e.is_data() => Err(StreamError::Malformed { field: "polozky".into(), message: e.to_string() }),
        Err(e) => Err(StreamError::NotJson(match state.index.get() {
            Some(i) => format!("in entry {i} (polozky[{i}]): {e}"),
            None => e.to_string(),
        })),
    }
}

/// A damaged gzip stream is bad input, not a failure of ours.
fn classify_io(e: io::Error) -> StreamError {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof => {
            StreamError::NotJson(format!("the body is neither JSON nor valid gzip: {e}"))
        }
        _ => StreamError::Io(e),
    }
}

/// Fails the read once more than `limit` bytes have come through.
struct Limited<'a, R> {
    inner: R,
    left: Option<u64>,
    limit: Option<u64>,
    exceeded: &'a Cell<bool>,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(left) = self.left.as_mut() {
            *left = left.checked_sub(n as u64).ok_or_else(|| {
                self.exceeded.set(true);
                io::Error::other(format!("more than {} bytes", self.limit.unwrap_or_default()))
            })?;
        }
        Ok(n)
    }
}

struct State<F> {
    /// The entry being read, for an error in its JSON.
    index: Cell<Option<usize>>,
    problem: RefCell<Option<StreamError>>,
    each: RefCell<F>,
    read: Cell<usize>,
}

impl<F> State<F> {
    fn fail<E: de::Error>(&self, problem: StreamError) -> E {
        let message = format!("{problem:?}");
        *self.problem.borrow_mut() = Some(problem);
        E::custom(message)
    }
}

struct FileVisitor<'a, F> {
    state: &'a State<F>,
}

impl<'de, F: FnMut(usize, Entry) -> bool> Visitor<'de> for FileVisitor<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"the register's file, an object {"polozky": [...]}"#)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "polozky" {
                map.next_value_seed(Entries { state: self.state })?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            return Err(<A::Error as de::Error>::missing_field("polozky"));
        }
        Ok(())
    }
}

struct Entries<'a, F> {
    state: &'a State<F>,
}

impl<'de, F: FnMut(usize, Entry) -> bool> DeserializeSeed<'de> for Entries<'_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(usize, Entry) -> bool> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of the register's entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let state = self.state;
        for index in 0.. {
            state.index.set(Some(index));
            // One entry as a JSON value first, so an error in it can name its identifikator.
            let Some(value) = seq.next_element::<Value>()? else { break };
            let entry = typed(index, value).map_err(|problem| state.fail(problem))?;
            state.read.set(index + 1);
            if !(state.each.borrow_mut())(index, entry) {
                return Err(state.fail(StreamError::Stopped));
            }
        }
        state.index.set(None);
        Ok(())
    }
}

/// The entry's fields, or the error naming the entry (index and identifikator) and the field.
fn typed(index: usize, value: Value) -> Result<Entry, StreamError> {
    let identifikator = match value.get("identifikator") {
        Some(Value::String(s)) => format!(", identifikator {s}"),
        Some(Value::Number(n)) => format!(", identifikator {n}"),
        _ => String::new(),
    };
    serde_path_to_error::deserialize::<_, Entry>(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { format!("polozky[{index}]") } else { format!("polozky[{index}].{path}") };
        StreamError::Malformed { field, message: format!("entry {index}{identifikator}: {}", e.into_inner()) }
    })
}
