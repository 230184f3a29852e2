// What a storage's answer says, made safe to show. Error bodies come from storage Parley does
// not control: an S3 <Code> or <Message> may hold anything, including the escape sequences that
// rewrite a terminal or the bidirectional controls that reorder a line. Everything a client
// shows from an answer (the app's sentences, the CLI's messages) passes through here, once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "platform/platform.h"

namespace parley::client {

// `untrusted` as text that cannot act on a terminal or a screen: control characters (C0, DEL,
// C1) and bidirectional formatting characters removed, line breaks and tabs as spaces, bytes
// that are not UTF-8 as U+FFFD, at most `max_chars` code points (then "…" ends it).
std::string printable(std::string_view untrusted, std::size_t max_chars);

// The <Code> of an S3 error body when it is a plain identifier (1-64 ASCII letters and digits,
// as every S3 code is); "" for anything else, which is then not shown.
std::string s3_error_code(std::string_view body);

// What the storage itself said beyond its HTTP status, for a terminal: "HTTP 403 AccessDenied
// (Policy expired.)" for an S3 error body (code as s3_error_code, message through printable),
// "no answer (<transport error>)" when none arrived, and "" when the answer holds nothing more
// than its status (the caller's own sentence already names that).
std::string storage_said(const platform::HttpResponse& response);

// `sentence` (a client's plain words for a refusal) followed by storage_said() in brackets,
// unless the storage said nothing more or the sentence already says it: "The storage could not
// list the envelopes (HTTP 404 NoSuchBucket)." stays as it is; an expired policy becomes "… has
// expired … (HTTP 403 AccessDenied). [HTTP 403 AccessDenied (Policy expired.)]".
std::string with_storage_said(std::string sentence, const platform::HttpResponse& response);

// storage_said(), or "HTTP <status>" when it says nothing more: a whole refusal, for the CLI's
// storage preparation commands, which have no sentence of their own.
std::string describe_answer(const platform::HttpResponse& response);

}  // namespace parley::client
