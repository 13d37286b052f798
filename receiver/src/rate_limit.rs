//! A sliding-window limit per client address: at most N accepted questions in any
//! 60 seconds. Kept in memory only (a restart forgets it), which is fine for its job
//! of slowing down floods.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);

/// How often (in checks) entries with no recent requests are dropped.
const SWEEP_EVERY: u32 = 256;

/// The key a client is counted under. IPv6 clients are grouped by their /64 network,
/// since one household or host usually has a whole /64 to rotate through.
/// IPv4-mapped IPv6 addresses count as the IPv4 address. `None` (no address known,
/// e.g. in tests driving the router directly) is one shared client.
pub fn client_key(addr: Option<IpAddr>) -> Option<IpAddr> {
    addr.map(|ip| match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    })
}

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    recent: HashMap<Option<IpAddr>, VecDeque<Instant>>,
    checks: u32,
}

impl RateLimiter {
    /// `limit` requests per client per minute; 0 turns the limit off.
    pub fn new(limit: u32) -> Self {
        Self::with_window(limit, WINDOW)
    }

    pub fn with_window(limit: u32, window: Duration) -> Self {
        RateLimiter {
            limit,
            window,
            state: Mutex::new(State::default()),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Counts one request for `addr` now. `Err` carries how long until the client
    /// may send again; a refused request is not counted.
    pub fn check(&self, addr: Option<IpAddr>) -> Result<(), Duration> {
        self.check_at(addr, Instant::now())
    }

    pub fn check_at(&self, addr: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        if self.limit == 0 {
            return Ok(());
        }
        let key = client_key(addr);
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.checks = state.checks.wrapping_add(1);
        if state.checks.is_multiple_of(SWEEP_EVERY) {
            let window = self.window;
            state.recent.retain(|_, times| {
                prune(times, now, window);
                !times.is_empty()
            });
        }
        let times = state.recent.entry(key).or_default();
        prune(times, now, self.window);
        if times.len() < self.limit as usize {
            times.push_back(now);
            Ok(())
        } else {
            let oldest = times[0];
            Err(self
                .window
                .saturating_sub(now.saturating_duration_since(oldest)))
        }
    }

    /// Number of clients currently remembered (for tests).
    pub fn tracked_clients(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .recent
            .len()
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

/// Seconds for a `Retry-After` header: rounded up, at least 1.
pub fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn sliding_window() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        for i in 0..3 {
            assert!(
                limiter
                    .check_at(a, t0 + Duration::from_secs(i * 10))
                    .is_ok()
            );
        }
        // 4th at t=30 s: the oldest (t=0) frees up at t=60 s.
        let wait = limiter
            .check_at(a, t0 + Duration::from_secs(30))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(30));
        // Refused requests are not counted: at t=60 one slot is free again.
        assert!(limiter.check_at(a, t0 + Duration::from_secs(60)).is_ok());
        assert!(limiter.check_at(a, t0 + Duration::from_secs(61)).is_err());
        // Another client is unaffected.
        assert!(
            limiter
                .check_at(ip("192.0.2.2"), t0 + Duration::from_secs(30))
                .is_ok()
        );
    }

    #[test]
    fn zero_means_off() {
        let limiter = RateLimiter::new(0);
        for _ in 0..100 {
            assert!(limiter.check(ip("192.0.2.1")).is_ok());
        }
        assert_eq!(limiter.tracked_clients(), 0);
    }

    #[test]
    fn ipv6_grouped_by_64_and_mapped_v4_is_v4() {
        assert_eq!(client_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        let limiter = RateLimiter::new(1);
        assert!(limiter.check(ip("2001:db8:1:2::1")).is_ok());
        assert!(limiter.check(ip("2001:db8:1:2::99")).is_err());
        assert!(limiter.check(ip("2001:db8:1:3::1")).is_ok());
    }

    #[test]
    fn idle_clients_are_forgotten() {
        let limiter = RateLimiter::new(1);
        let t0 = Instant::now();
        for i in 0..100u8 {
            let _ = limiter.check_at(ip(&format!("198.51.100.{i}")), t0);
        }
        assert_eq!(limiter.tracked_clients(), 100);
        let later = t0 + Duration::from_secs(120);
        for _ in 0..SWEEP_EVERY {
            let _ = limiter.check_at(ip("203.0.113.1"), later);
        }
        assert_eq!(limiter.tracked_clients(), 1);
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(29_001)), 30);
        assert_eq!(retry_after_secs(Duration::from_secs(30)), 30);
    }
}
