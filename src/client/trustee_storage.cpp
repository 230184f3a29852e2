#include "client/trustee_storage.h"

#include <utility>

#include "client/s3_access.h"
#include "client/storage_answer.h"
#include "client/texts.h"
#include "core/invitations.h"
#include "core/listing.h"
#include "core/release.h"
#include "core/replies.h"

namespace parley::client {

Result<platform::HttpRequest> trustee_upload_request(const Storage& storage, std::string_view name, Bytes bytes,
                                                     const sigv4::Credentials& credentials, std::int64_t now_unix) {
  const bool bundle = is_reply_bundle_name(name);
  if (name != kReleaseObject && name != kInvitationsObject && !bundle) {
    return make_error(Errc::bad_input, "Only the invitations statement, the release and reply bundles are written this way.");
  }
  const std::string url = storage_prefix(storage.url) + std::string(name);
  sigv4::Headers headers{{"Content-Type", "application/octet-stream"}};
  if (storage.kind != kStorageS3) return platform::HttpRequest{"PUT", url, std::move(headers), std::move(bytes)};
  if (auto ok = sigv4::check_credentials(credentials); !ok) return ok.error();
  // One release per campaign: S3 overwrites a key unless told not to. The statement may be
  // replaced (a larger count keeps every earlier code valid), as serve.py allows.
  if (name == kReleaseObject || bundle) headers.emplace_back("If-None-Match", "*");
  return sign_s3_request("PUT", url, std::move(bytes), std::move(headers), credentials, s3_region(storage), now_unix);
}

namespace {

TrusteeUpload judged(TrusteeUploadStatus status, std::string reason, const platform::HttpResponse& r) {
  std::string detailed = with_storage_said(reason, r);
  return {status, std::move(reason), std::move(detailed)};
}

}  // namespace

TrusteeUpload judge_trustee_upload(std::string_view storage_kind, const platform::HttpResponse& r) {
  if (r.status >= 200 && r.status < 300) return {TrusteeUploadStatus::stored, {}, {}};
  if (r.status == 0) return judged(TrusteeUploadStatus::failed, text("storage.unreachable"), r);
  const std::string status = std::to_string(r.status);
  if (r.status == 409 || r.status == 412) {
    return judged(TrusteeUploadStatus::already_stored, text("trustee.upload.exists", {{"status", status}}), r);
  }
  if (storage_kind == kStorageS3) {
    const std::string code = s3_error_code(parley::to_string(r.body));
    if (code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch" || code == "AccessDenied") {
      return judged(TrusteeUploadStatus::failed, text("trustee.upload.s3_refused", {{"status", status + " " + code}}), r);
    }
  }
  if (r.status == 401 || r.status == 403) {
    return judged(TrusteeUploadStatus::failed, text("trustee.upload.refused", {{"status", status}}), r);
  }
  if (r.status == 413) {
    return judged(TrusteeUploadStatus::failed, text("trustee.upload.too_large", {{"status", status}}), r);
  }
  return judged(TrusteeUploadStatus::failed, text("trustee.upload.not_accepted", {{"status", status}}), r);
}

Status upload_trustee_object(platform::Platform& platform, const Storage& storage, const std::string& name, Bytes bytes,
                             const sigv4::Credentials& credentials, std::function<void(TrusteeUpload)> done) {
  auto request = trustee_upload_request(storage, name, std::move(bytes), credentials, platform.now_unix());
  if (!request) return request.error();
  platform.http(std::move(*request), [kind = storage.kind, done = std::move(done)](platform::HttpResponse r) {
    done(judge_trustee_upload(kind, r));
  });
  return Ok{};
}

}  // namespace parley::client
