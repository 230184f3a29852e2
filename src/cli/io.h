// File and terminal helpers for the CLI (the core does no I/O).
#pragma once

#include <optional>
#include <string>

#include "cli/args.h"
#include "core/bytes.h"

namespace parley::cli {

enum Exit { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitPartial = 3 };

Result<Bytes> read_file(const std::string& path);
Result<std::string> read_text(const std::string& path);
// Writes atomically (temp file + rename); `private_file` makes it readable by the owner only.
Status write_file(const std::string& path, const Bytes& data, bool private_file = false);

// The passphrase from --passphrase-file, else $PARLEY_PASSPHRASE, else a prompt on the terminal.
Result<std::string> read_passphrase(const Args& args, const char* prompt, bool confirm);

// A manifest token from a token file, a link, or the token itself.
Result<std::string> read_token(const std::string& where);

int fail(const std::string& message, int code = kExitFailure);
int usage(const char* text, const std::string& problem);

}  // namespace parley::cli
