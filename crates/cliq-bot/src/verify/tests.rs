use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderValue};

use super::*;

/// RFC 4231 test cases 1–4, 6 and 7 (case 5 is truncated output).
#[test]
fn hmac_matches_rfc4231_vectors() {
    let cases: [(Vec<u8>, Vec<u8>, &str); 6] = [
        (
            vec![0x0b; 20],
            b"Hi There".to_vec(),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            b"Jefe".to_vec(),
            b"what do ya want for nothing?".to_vec(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            vec![0xaa; 20],
            vec![0xdd; 50],
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        ),
        (
            (1..=25).collect(),
            vec![0xcd; 50],
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        ),
        (
            vec![0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            vec![0xaa; 131],
            b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        ),
    ];
    for (key, data, expected) in cases {
        let secret = SigningSecret::new(&key);
        assert_eq!(secret.sign(&[&data]), expected);
        // The same MAC fed in two parts.
        let (a, b) = data.split_at(data.len() / 2);
        assert_eq!(secret.sign(&[a, b]), expected);
        let signatures = parse_signatures([expected.as_bytes()]).unwrap_or_default();
        assert_eq!(matching(&[secret], &signatures, &[&data]), Some((0, 1)));
    }
}

/// The keyed state is reused, never consumed: every signature matches one
/// from a MAC keyed afresh, the empty key included.
#[test]
fn a_secret_keyed_once_signs_like_a_fresh_mac() {
    for key in [&b""[..], b"s3cret", &[0x5a; 64], &[0xa5; 200]] {
        let secret = SigningSecret::new(key);
        for message in [&b""[..], b"one", b"two"] {
            let mut fresh =
                <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
            fresh.update(message);
            let expected = const_hex::encode(fresh.finalize().into_bytes());
            assert_eq!(secret.sign(&[message]), expected);
        }
    }
}

#[test]
fn parses_signature_headers() {
    let sig = "a".repeat(64);
    let upper = "A".repeat(64);
    let cases: Vec<(Vec<String>, Result<usize, VerifyError>)> = vec![
        (vec![], Err(VerifyError::MissingSignature)),
        (vec![String::new()], Err(VerifyError::MissingSignature)),
        (vec![" , ,".into()], Err(VerifyError::MissingSignature)),
        (vec![sig.clone()], Ok(1)),
        (vec![upper.clone()], Ok(1)),
        (vec![format!("sha256={sig}")], Ok(1)),
        (
            vec![format!("SHA256={sig}")],
            Err(VerifyError::InvalidSignature),
        ),
        (vec![format!("{sig}, sha256={upper}")], Ok(2)),
        (vec![format!("{sig} {upper}")], Ok(2)),
        (vec![sig.clone(), upper.clone()], Ok(2)),
        (vec![format!(",{sig},,")], Ok(1)),
        (vec!["a".repeat(63)], Err(VerifyError::InvalidSignature)),
        (vec!["a".repeat(65)], Err(VerifyError::InvalidSignature)),
        (vec!["g".repeat(64)], Err(VerifyError::InvalidSignature)),
        (vec![format!("junk {sig}")], Ok(1)),
        (vec![vec![sig.clone(); 8].join(",")], Ok(8)),
        (
            vec![vec![sig.clone(); 9].join(",")],
            Err(VerifyError::InvalidSignature),
        ),
    ];
    for (lines, expected) in cases {
        let got = parse_signatures(lines.iter().map(String::as_bytes)).map(|s| s.as_slice().len());
        assert_eq!(got, expected, "{lines:?}");
    }
}

#[derive(Debug)]
struct FixedClock(AtomicU64);

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::Relaxed))
    }
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(value) {
            map.append(*name, value);
        }
    }
    map
}

fn timestamped(now: u64) -> HmacScheme {
    HmacScheme::new(
        vec![SigningSecret::new("old"), SigningSecret::new("new")],
        HmacMode::Timestamped {
            tolerance: DEFAULT_TOLERANCE,
        },
        ReplayCache::default(),
        Arc::new(FixedClock(AtomicU64::new(now))),
    )
}

#[test]
fn timestamped_checks_run_in_the_contract_order() {
    let body = br#"{"command":"/x"}"#;
    let now = 1_700_000_000u64;
    let ts = now.to_string();
    let good = SigningSecret::new("new").sign(&[ts.as_bytes(), b".", body]);
    let wrong = SigningSecret::new("other").sign(&[ts.as_bytes(), b".", body]);
    let stale_ts = (now - 301).to_string();
    let stale = SigningSecret::new("new").sign(&[stale_ts.as_bytes(), b".", body]);
    let edge_ts = (now + 300).to_string();
    let edge = SigningSecret::new("old").sign(&[edge_ts.as_bytes(), b".", body]);
    let twenty_digits = "9".repeat(20);
    let padded_ts = format!("000{ts}");
    let padded = SigningSecret::new("new").sign(&[padded_ts.as_bytes(), b".", body]);
    type Case<'a> = (Vec<(&'static str, &'a str)>, Result<usize, VerifyError>);
    let cases: Vec<Case<'_>> = vec![
        (
            vec![(TIMESTAMP_HEADER, &ts)],
            Err(VerifyError::MissingSignature),
        ),
        (
            vec![(SIGNATURE_HEADER, "zz")],
            Err(VerifyError::InvalidTimestamp),
        ),
        (
            vec![(SIGNATURE_HEADER, &good), (TIMESTAMP_HEADER, "-5")],
            Err(VerifyError::InvalidTimestamp),
        ),
        (
            vec![(SIGNATURE_HEADER, &good), (TIMESTAMP_HEADER, "1.5")],
            Err(VerifyError::InvalidTimestamp),
        ),
        (
            vec![
                (SIGNATURE_HEADER, &good),
                (TIMESTAMP_HEADER, &twenty_digits),
            ],
            Err(VerifyError::InvalidTimestamp),
        ),
        (
            vec![(SIGNATURE_HEADER, "zz"), (TIMESTAMP_HEADER, &ts)],
            Err(VerifyError::InvalidSignature),
        ),
        (
            vec![(SIGNATURE_HEADER, &wrong), (TIMESTAMP_HEADER, &ts)],
            Err(VerifyError::InvalidSignature),
        ),
        (
            vec![(SIGNATURE_HEADER, &stale), (TIMESTAMP_HEADER, &stale_ts)],
            Err(VerifyError::StaleTimestamp),
        ),
        (
            vec![(SIGNATURE_HEADER, &edge), (TIMESTAMP_HEADER, &edge_ts)],
            Ok(0),
        ),
        (
            vec![(SIGNATURE_HEADER, &good), (TIMESTAMP_HEADER, &ts)],
            Ok(1),
        ),
        (
            vec![(SIGNATURE_HEADER, &good), (TIMESTAMP_HEADER, &ts)],
            Err(VerifyError::ReplayedRequest),
        ),
        (
            vec![(SIGNATURE_HEADER, &padded), (TIMESTAMP_HEADER, &padded_ts)],
            Ok(1),
        ),
    ];
    let scheme = timestamped(now);
    for (pairs, expected) in cases {
        let got = scheme.verify(&headers(&pairs), body).map(|v| v.key_index);
        assert_eq!(got, expected, "{pairs:?}");
    }
}

#[test]
fn body_scheme_accepts_any_secret_and_refuses_changed_bytes() {
    let scheme = HmacScheme::new(
        vec![SigningSecret::new("old"), SigningSecret::new("new")],
        HmacMode::Body,
        ReplayCache::default(),
        Arc::new(crate::clock::SystemClock),
    );
    let body = br#"{"a": 1}"#;
    let old = SigningSecret::new("old").sign(&[body]);
    let new = SigningSecret::new("new").sign(&[body]);
    let h = |v: &str| headers(&[(SIGNATURE_HEADER, v)]);
    assert_eq!(scheme.verify(&h(&old), body).map(|v| v.key_index), Ok(0));
    assert_eq!(scheme.verify(&h(&new), body).map(|v| v.key_index), Ok(1));
    assert_eq!(
        scheme.verify(&h(&old), br#"{"a":1}"#),
        Err(VerifyError::InvalidSignature)
    );
    // Body scheme has no replay defence of its own: the same request verifies again.
    assert!(scheme.verify(&h(&old), body).is_ok());
}

#[test]
fn secrets_never_show_in_debug() {
    let secret = SigningSecret::new("hunter2");
    assert_eq!(format!("{secret:?}"), "***");
    let scheme = timestamped(0);
    assert!(!format!("{scheme:?}").contains("hunter2"));
}
