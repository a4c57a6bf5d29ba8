//! Little-endian reads that return `None` past the end instead of panicking.

/// The `u8` at `at`.
pub(crate) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

/// The little-endian `u16` at `at`.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

/// The little-endian `u32` at `at`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// `len` bytes at `at`, if they are all inside `b`.
pub(crate) fn slice_at(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    b.get(at..at.checked_add(len)?)
}

/// The table-stream bytes an `(fc, lcb)` pair of the FIB points at.
pub(crate) fn fc_lcb_slice(b: &[u8], (fc, lcb): (u32, u32)) -> Option<&[u8]> {
    slice_at(b, fc as usize, lcb as usize)
}
