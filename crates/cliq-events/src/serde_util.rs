//! Serde helpers shared by the payload types.

use serde::{Deserialize, Deserializer};

/// Reads `null` as the type's default, as the contract says a `null` optional
/// field counts as absent. A value of the wrong JSON type is still an error.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
