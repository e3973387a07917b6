#pragma once
// Keeping credentials out of everything DistillScope writes: the store, logs, run events, exports
// and messages. Two layers: every key the process sends is registered and replaced wherever it
// appears (a server may echo it in an error body, whatever its shape), and error texts are also
// scrubbed of header values and key-shaped strings. Linear scanning, no regular expressions, so
// hostile text of any size is safe.
#include <string>
#include <string_view>

namespace ds {

/// Remembers a secret the process sends (an API key), so redactKnownSecrets() replaces it.
/// Thread-safe; secrets shorter than 6 bytes are ignored (they would match ordinary text).
void registerSecret(std::string_view secret);

/// Replaces every registered secret in `text` with "[redacted]". Safe on answers: touches only
/// the exact keys in use, never other text that merely looks like a key.
std::string redactKnownSecrets(std::string text);

/// For error texts, log lines and messages: registered secrets, Authorization / x-api-key /
/// api-key / key= values, user:password@ in URLs and key-shaped strings (sk-..., long tokens).
std::string redactSecrets(std::string_view line);

/// Why `url` must not be stored (credentials in it: user:password@, ?api-key=, ?key=, ?token=...),
/// with a pointer to --api-key-env and the keychain; "" when it is fine.
std::string urlCredentialProblem(std::string_view url);

} // namespace ds
