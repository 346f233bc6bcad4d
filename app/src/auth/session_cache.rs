//! A few seconds of memory for resolved sessions, so that a page and the API calls
//! that follow it do not each look the same session up in the database.
//!
//! This server forgets an entry the moment it ends a session (logout, login,
//! deactivation). Another server behind the same load balancer notices within
//! `TTL`: that is the whole staleness window of a multi-server deployment.
use crate::state::Caller;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(3);
/// Beyond this many entries, expired ones are swept before inserting.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct SessionCache {
    entries: RwLock<HashMap<String, Entry>>,
}

struct Entry {
    stored_at: Instant,
    caller: Caller,
    csrf: String,
}

impl SessionCache {
    /// A live entry for this session hash, if one was stored less than `TTL` ago.
    pub fn get(&self, id_hash: &str) -> Option<(Caller, String)> {
        let entries = self.entries.read().ok()?;
        let entry = entries.get(id_hash)?;
        (entry.stored_at.elapsed() < TTL).then(|| (entry.caller.clone(), entry.csrf.clone()))
    }

    pub fn put(&self, id_hash: String, caller: Caller, csrf: String) {
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        if entries.len() >= SWEEP_ABOVE {
            entries.retain(|_, e| e.stored_at.elapsed() < TTL);
        }
        let stored_at = Instant::now();
        entries.insert(
            id_hash,
            Entry {
                stored_at,
                caller,
                csrf,
            },
        );
    }

    pub fn forget(&self, id_hash: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(id_hash);
        }
    }

    pub fn forget_user(&self, user_id: i64) {
        if let Ok(mut entries) = self.entries.write() {
            entries.retain(|_, e| e.caller.user_id != user_id);
        }
    }

    /// Forgets every session of `user_id` but `keep` (a password change ends the others).
    pub fn forget_user_except(&self, user_id: i64, keep: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.retain(|hash, e| e.caller.user_id != user_id || hash == keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(user_id: i64) -> Caller {
        Caller {
            user_id,
            name: format!("user {user_id}"),
            roles: vec![],
            session_hash: format!("h{user_id}"),
        }
    }

    #[test]
    fn remembers_until_forgotten() {
        let cache = SessionCache::default();
        cache.put("h1".into(), caller(1), "t1".into());
        cache.put("h2".into(), caller(2), "t2".into());
        assert_eq!(
            cache.get("h1").map(|(c, t)| (c.user_id, t)),
            Some((1, "t1".into()))
        );
        cache.forget("h1");
        assert!(cache.get("h1").is_none());
        cache.forget_user(2);
        assert!(cache.get("h2").is_none());
        cache.put("h3".into(), caller(3), "t3".into());
        cache.put("h3b".into(), caller(3), "t3b".into());
        cache.forget_user_except(3, "h3");
        assert!(cache.get("h3").is_some() && cache.get("h3b").is_none());
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let cache = SessionCache::default();
        cache.put("h1".into(), caller(1), "t1".into());
        let mut entries = cache.entries.write().unwrap();
        entries.get_mut("h1").unwrap().stored_at = Instant::now() - TTL;
        drop(entries);
        assert!(cache.get("h1").is_none());
    }
}
