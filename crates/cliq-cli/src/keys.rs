//! RSA keys for the native dialect: reading the private key that signs
//! native calls (`--private-key`), signing, and `cliq keygen`.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::args::KeygenArgs;
use crate::exit::{self, Exit, Failure};

/// How many base64 characters a PEM line holds.
const PEM_LINE: usize = 64;

/// The private key native calls are signed with.
pub(crate) struct PrivateKey(KeyPair);

impl PrivateKey {
    /// Reads `--private-key`: a file holding a PEM block, or the PEM text
    /// itself (as `CLIQ_PRIVATE_KEY` may hold it). PKCS #8 (`PRIVATE KEY`)
    /// is the format; PKCS #1 (`RSA PRIVATE KEY`) is read too.
    pub(crate) fn load(spec: &str) -> Result<Self, Failure> {
        let (text, shown) = if spec.trim_start().starts_with("-----BEGIN") {
            (spec.to_owned(), "CLIQ_PRIVATE_KEY".to_owned())
        } else {
            let text = std::fs::read_to_string(spec)
                .map_err(|e| Failure::usage(format!("cannot read the private key {spec}: {e}")))?;
            (text, spec.to_owned())
        };
        Self::from_pem(&text).map_err(|why| Failure::usage(format!("{shown}: {why}")))
    }

    fn from_pem(text: &str) -> Result<Self, String> {
        let label = text
            .lines()
            .find_map(|line| line.trim().strip_prefix("-----BEGIN "))
            .and_then(|rest| rest.strip_suffix("-----"))
            .ok_or(
                "no PEM block: expected -----BEGIN PRIVATE KEY----- (`cliq keygen` makes one)",
            )?;
        let base64: String = text
            .lines()
            .skip_while(|line| !line.trim().starts_with("-----BEGIN"))
            .skip(1)
            .take_while(|line| !line.trim().starts_with("-----END"))
            .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
            .collect();
        let der = STANDARD
            .decode(base64)
            .map_err(|e| format!("the PEM block is not base64: {e}"))?;
        let pair = match label {
            "PRIVATE KEY" => KeyPair::from_pkcs8(&der),
            "RSA PRIVATE KEY" => KeyPair::from_der(&der),
            "ENCRYPTED PRIVATE KEY" => {
                return Err(
                    "an encrypted key: decrypt it first (openssl pkcs8 -in KEY -out PLAIN)"
                        .to_owned(),
                );
            }
            other => {
                return Err(format!(
                    "a `{other}` block, not an RSA private key (PKCS #8 `PRIVATE KEY`)"
                ));
            }
        };
        pair.map(Self)
            .map_err(|rejected| format!("not an RSA private key: {rejected}"))
    }

    /// `X-Cliq-Signature`: base64 of the RSA PKCS #1 v1.5 SHA-256 signature
    /// over `body`.
    pub(crate) fn sign(&self, body: &[u8]) -> Result<String, Failure> {
        let mut signature = vec![0; self.0.public_modulus_len()];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                body,
                &mut signature,
            )
            .map_err(|_| Failure::usage("could not sign with the RSA private key"))?;
        Ok(STANDARD.encode(signature))
    }

    /// The public half as bare base64 SubjectPublicKeyInfo.
    fn public_base64(&self) -> Result<String, Failure> {
        let spki: PublicKeyX509Der<'static> = self
            .0
            .public_key()
            .as_der()
            .map_err(|_| Failure::usage("could not encode the RSA public key"))?;
        Ok(STANDARD.encode(spki.as_ref()))
    }
}

/// `cliq keygen`: a fresh RSA-2048 pair; the private key (PKCS #8 PEM) to
/// `--out` (mode 0600) or stdout, the public key, as base64 SPKI and PEM, to
/// stdout (to stderr when stdout carries the private key).
pub(crate) fn keygen(args: &KeygenArgs) -> Result<Exit, Failure> {
    let pair = KeyPair::generate(KeySize::Rsa2048)
        .map_err(|_| Failure::usage("could not generate an RSA key pair"))?;
    let pkcs8: Pkcs8V1Der<'static> = pair
        .as_der()
        .map_err(|_| Failure::usage("could not encode the RSA private key"))?;
    let private_pem = pem("PRIVATE KEY", &STANDARD.encode(pkcs8.as_ref()));
    let public = PrivateKey(pair).public_base64()?;
    let about = format!(
        "Public key (give it to the bot: CLIQ_NATIVE_PUBLIC_KEY, or BotBuilder::native_public_key), base64 SPKI:\n\
         {public}\n\n{}",
        pem("PUBLIC KEY", &public).trim_end()
    );
    match &args.out {
        Some(path) => {
            write_private(path, &private_pem)?;
            exit::err(&format!(
                "cliq: private key written to {} (sign with --dialect native --private-key {0})",
                path.display()
            ));
            exit::out(&about);
        }
        None => {
            exit::out(private_pem.trim_end());
            exit::err(&about);
        }
    }
    Ok(Exit::Success)
}

/// Writes a new file readable by its owner only; an existing one is kept.
fn write_private(path: &Path, pem: &str) -> Result<(), Failure> {
    let shown = path.display();
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::usage(format!(
                "{shown} exists: cliq keygen does not overwrite a key; remove it or pick another --out"
            ))
        } else {
            Failure::usage(format!("cannot create {shown}: {e}"))
        }
    })?;
    file.write_all(pem.as_bytes())
        .map_err(|e| Failure::usage(format!("cannot write {shown}: {e}")))
}

/// A PEM block of `label` around `base64`, 64 characters a line.
fn pem(label: &str, base64: &str) -> String {
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in base64.as_bytes().chunks(PEM_LINE) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};

    use super::*;

    #[test]
    fn reads_its_own_pem_and_signs_verifiably() {
        let pair = KeyPair::generate(KeySize::Rsa2048).expect("key");
        let pkcs8: Pkcs8V1Der<'static> = pair.as_der().expect("pkcs8");
        let text = pem("PRIVATE KEY", &STANDARD.encode(pkcs8.as_ref()));
        assert!(text.lines().all(|line| line.len() <= PEM_LINE));
        let key = PrivateKey::from_pem(&text).expect("read back");
        let signature = STANDARD
            .decode(key.sign(b"{}").expect("sign"))
            .expect("base64");
        let public =
            UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pair.public_key().as_ref());
        assert!(public.verify(b"{}", &signature).is_ok());
        let spki = cliq_bot::verify::PublicKey::parse(&key.public_base64().expect("spki"));
        assert!(spki.is_ok());
        for (bad, expected) in [
            ("hello", "no PEM block"),
            (
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                "`PUBLIC KEY`",
            ),
            (
                "-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----\n",
                "not base64",
            ),
            (
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                "not an RSA",
            ),
        ] {
            let why = PrivateKey::from_pem(bad).map(|_| ()).expect_err(bad);
            assert!(why.contains(expected), "{bad}: {why}");
        }
    }
}
