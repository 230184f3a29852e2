// Writing a trustee's two objects beside a campaign's envelopes: the invitations statement
// (invitations.parley) and the release (release.parley); mediators' reply bundles
// (replies-DAY-M-S.parley, written once) go the same way (docs/FORMAT.md, "Storage"; how each
// storage takes them: docs/STORAGE.md, "The trustee's objects").
//
// http-put storage takes them with the campaign's own write rights: a PUT, as envelopes go.
// An s3 campaign's POST policy admits envelope-sized objects only, so the trustee writes with
// S3 credentials of its own: a SigV4-signed PUT (client/s3_access). The release is written
// once: nginx answers a second PUT with 409, serve.py refuses it, and on S3 the PUT carries
// "If-None-Match: *", which S3 answers with 412 when the key exists.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"
#include "core/s3/sigv4.h"
#include "core/storage.h"
#include "platform/platform.h"

namespace parley::client {

// The request that writes `bytes` as `name` (kReleaseObject or kInvitationsObject) into the
// campaign's storage, signed as of `now_unix` for s3 (whose `credentials` are the trustee's
// own, checked here; ignored for http-put). bad_input for another name or credentials that
// cannot sign.
Result<platform::HttpRequest> trustee_upload_request(const Storage& storage, std::string_view name, Bytes bytes,
                                                     const sigv4::Credentials& credentials, std::int64_t now_unix);

enum class TrusteeUploadStatus {
  stored,          // the storage has it now
  already_stored,  // a write-once name already holds an object (409, 412): nothing was replaced
  failed,          // refused or unreachable: `reason` says why in plain words
};

struct TrusteeUpload {
  TrusteeUploadStatus status = TrusteeUploadStatus::failed;
  std::string reason;    // why not, in plain words (the app shows these)
  std::string detailed;  // `reason` with what the storage itself said, for a terminal (with_storage_said)
};

// What the storage's answer to trustee_upload_request() means.
TrusteeUpload judge_trustee_upload(std::string_view storage_kind, const platform::HttpResponse& response);

// trustee_upload_request(), sent once through `platform` and judged: `done` fires exactly once,
// never inside this call. When the request cannot be prepared, the error comes back here and
// `done` never fires.
Status upload_trustee_object(platform::Platform& platform, const Storage& storage, const std::string& name, Bytes bytes,
                           const sigv4::Credentials& credentials, std::function<void(TrusteeUpload)> done);

}  // namespace parley::client
