//! The objects and request bodies of the Cliq REST API v2.
