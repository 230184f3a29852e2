// File and terminal helpers for the CLI (the core does no I/O).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "cli/args.h"
#include "core/bytes.h"
#include "core/manifest.h"
#include "core/secret.h"

namespace parley::cli {

// kExitRules: nothing done because the campaign's rules say not (yet): results before the close
// or before the trustee's release, a release before the close, below k, or a second one.
enum Exit { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitPartial = 3, kExitRules = 4 };

// A file's bytes, refused with too_large before reading when it holds more than `max_bytes`:
// every input has the limit of the format it must be (a key file, a token, an envelope), so a
// huge or endless file (a FIFO, /dev/zero) costs nothing.
Result<Bytes> read_file(const std::string& path, std::size_t max_bytes);
Result<std::string> read_text(const std::string& path, std::size_t max_bytes);

// Limits for the inputs that are not a format of their own.
inline constexpr std::size_t kMaxSmallFile = 64 * 1024;   // key files, secrets
inline constexpr std::size_t kMaxLinkFile = 128 * 1024;   // tokens and links (a 64 KiB body is 87,469 characters)
inline constexpr std::size_t kMaxJsonInput = 1024 * 1024;  // questions, answers, campaign drafts
inline constexpr std::size_t kMaxUploadFile = 256u << 20;  // `store s3-put --body-file`
// Writes atomically (temp file + rename); `private_file` makes it readable by the owner only.
Status write_file(const std::string& path, const Bytes& data, bool private_file = false);

// The passphrase from --passphrase-file, else $PARLEY_PASSPHRASE, else a prompt on the terminal.
Result<Secret> read_passphrase(const Args& args, const char* prompt, bool confirm);

// A manifest token from a token file, a link, or the token itself. A short link's token is
// fetched from the address it names and verified against it (client/short_link_storage.h).
Result<std::string> read_token(const std::string& where);
// The same, with a personal link's invitation code (LinkParts::invite, "" when none).
Result<LinkParts> read_link(const std::string& where);

int fail(const std::string& message, int code = kExitFailure);
int usage(const char* text, const std::string& problem);

}  // namespace parley::cli
