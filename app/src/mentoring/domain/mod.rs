//! Pure reverse-mentoring logic (no framework).
pub mod pairing;
