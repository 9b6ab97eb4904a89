//! Addresses and tokens: the machine's LAN address, random room tokens.

use std::net::{IpAddr, Ipv4Addr};

/// Letters of tokens: lower-case, no look-alikes (as ids).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Characters in a token: 26 × 5 = 130 random bits.
pub const TOKEN_CHARS: usize = 26;

/// A new random token of [`TOKEN_CHARS`] characters (130 bits from the operating system's
/// random generator).
pub fn token() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; TOKEN_CHARS];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| char::from(ALPHABET[usize::from(b & 31)])).collect())
}

/// True when the two tokens are equal, in a time that does not depend on where they differ.
pub fn same_token(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The machine's address on the local network, read from its interfaces (no traffic is sent):
/// the first private IPv4 address that is up, else any non-loopback IPv4, else loopback.
pub fn lan_address() -> IpAddr {
    let Ok(interfaces) = if_addrs::get_if_addrs() else { return IpAddr::V4(Ipv4Addr::LOCALHOST) };
    let v4: Vec<Ipv4Addr> = interfaces
        .iter()
        .filter(|i| !i.is_loopback())
        .filter_map(|i| match i.ip() {
            IpAddr::V4(ip) if !ip.is_link_local() && !ip.is_unspecified() => Some(ip),
            IpAddr::V4(_) | IpAddr::V6(_) => None,
        })
        .collect();
    v4.iter()
        .find(|ip| ip.is_private())
        .or_else(|| v4.first())
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |ip| IpAddr::V4(*ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let a = token().unwrap();
        let b = token().unwrap();
        assert_eq!(a.len(), TOKEN_CHARS);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)));
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..25]));
        assert!(!same_token("", &a));
    }

    #[test]
    fn lan_address_is_not_unspecified() {
        assert!(!lan_address().is_unspecified());
    }
}
