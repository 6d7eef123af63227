//! How secrets are made and checked: password hashes, access tokens, refresh tokens and API key
//! secrets. Below the application state, which holds the hasher and the signing keys.
pub mod passwords;
pub mod tokens;
pub mod unsubscribe;
