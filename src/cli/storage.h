// The CLI's side of storage. Every storage read and write goes through parley_client on the
// native platform (make_platform()): the StorageReader for listings and downloads, the request
// the app's Outbox sends for an upload, judge_upload() for what the answer means, and
// sign_s3_request() for storage preparation. The CLI only waits for that work to finish and finds
// the S3 credentials; it has no HTTP or S3 code of its own.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "cli/args.h"
#include "client/outbox.h"
#include "client/trustee_storage.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "core/storage.h"
#include "platform/platform.h"

namespace parley::cli {

// Polls `platform` until `finished` is true. Natively every request completes inside the call
// that starts it and waits in the platform's queue, so an empty queue with the work unfinished
// means a completion will never come: then this returns false instead of waiting forever.
bool run_until(platform::Platform& platform, const bool& finished);

// Starts one piece of client work, `start(done)`, and polls until `done` has fired with its
// result; an error when it never does.
template <typename T, typename Start>
Result<T> wait_for(platform::Platform& platform, Start&& start) {
  std::optional<Result<T>> answer;
  bool finished = false;
  start([&](Result<T> r) {
    answer.emplace(std::move(r));
    finished = true;
  });
  if (!run_until(platform, finished)) return make_error(Errc::bad_input, "the storage's answer never came");
  return std::move(*answer);
}

// Polls `platform` while `busy()` holds (a client object's own state, such as a ReleaseFlow's
// running()); false when the work can never finish, as run_until().
bool run_while(platform::Platform& platform, const std::function<bool()>& busy);

// One request through the platform, waited for.
platform::HttpResponse exchange(platform::Platform& platform, platform::HttpRequest request);

// What the help texts say about credentials (one way for every command that needs them).
extern const char* const kS3CredentialsHelp;

// The access key from $PARLEY_S3_ACCESS_KEY; the secret from the first line of
// --secret-key-file FILE, else $PARLEY_S3_SECRET_KEY. Never from an argument: arguments land in
// the shell's history and in every local user's process list. bad_input naming what is missing.
Status s3_credentials(const Args& args, sigv4::Credentials& out);

struct Uploaded {
  bool stored = false;
  // Why not, in the app's own plain words, followed by what the storage itself said when that
  // adds something (client::with_storage_said()).
  std::string reason;
};

// Uploads one sealed envelope to `storage` exactly as the app sends it (a PUT for http-put, the
// campaign's POST policy form for s3), once: no retries, nothing kept. bad_input when the upload
// cannot even be prepared.
Result<Uploaded> upload_envelope(platform::Platform& platform, const Campaign& campaign, const Bytes& envelope,
                                 const std::string& kind, Rng& rng);

// Writes a trustee's object (invitations.parley, release.parley) beside the campaign's envelopes
// (client::upload_trustee_object: a PUT, or on S3 a PUT signed with the trustee's `credentials`),
// once. bad_input when it cannot even be prepared.
Result<client::TrusteeUpload> upload_trustee(platform::Platform& platform, const Storage& storage, const std::string& name,
                                             const Bytes& bytes, const sigv4::Credentials& credentials);

}  // namespace parley::cli
