#include "cli/storage.h"

#include <sodium.h>

#include <cstdlib>

#include "cli/io.h"
#include "client/storage_answer.h"
#include "client/submit.h"
#include "core/listing.h"
#include "core/submission.h"
#include "platform/platform_native.h"

namespace parley::cli {

const char* const kS3CredentialsHelp =
    "Credentials come from the environment or a file, never from an argument (arguments land in\n"
    "the shell's history): the access key from $PARLEY_S3_ACCESS_KEY, the secret from the first\n"
    "line of --secret-key-file FILE or from $PARLEY_S3_SECRET_KEY.\n";

bool run_until(platform::Platform& platform, const bool& finished) {
  auto* native = dynamic_cast<platform::NativePlatform*>(&platform);
  while (!finished) {
    if (native && native->pending() == 0) return false;
    platform.poll();
  }
  return true;
}

bool run_while(platform::Platform& platform, const std::function<bool()>& busy) {
  auto* native = dynamic_cast<platform::NativePlatform*>(&platform);
  while (busy()) {
    if (native && native->pending() == 0) return false;
    platform.poll();
  }
  return true;
}

platform::HttpResponse exchange(platform::Platform& platform, platform::HttpRequest request) {
  platform::HttpResponse answer;
  bool finished = false;
  platform.http(std::move(request), [&](platform::HttpResponse r) {
    answer = std::move(r);
    finished = true;
  });
  if (!run_until(platform, finished)) answer = {0, {}, "the request never finished", {}};
  return answer;
}

Status s3_credentials(const Args& args, sigv4::Credentials& out) {
  if (const char* env = std::getenv("PARLEY_S3_ACCESS_KEY")) out.access_key = env;
  if (auto file = args.get("--secret-key-file")) {
    auto text = read_text(*file, kMaxSmallFile);
    if (!text) return text.error();
    out.secret_key = std::string_view(*text).substr(0, text->find_first_of("\r\n"));
    sodium_memzero(text->data(), text->size());
  } else if (const char* env = std::getenv("PARLEY_S3_SECRET_KEY")) {
    out.secret_key = env;
  }
  if (out.access_key.empty()) return make_error(Errc::bad_input, "no S3 access key: set $PARLEY_S3_ACCESS_KEY");
  if (out.secret_key.empty()) {
    return make_error(Errc::bad_input, "no S3 secret key: use --secret-key-file FILE or $PARLEY_S3_SECRET_KEY");
  }
  return sigv4::check_credentials(out);
}

Result<Uploaded> upload_envelope(platform::Platform& platform, const Campaign& campaign, const Bytes& envelope,
                                 const std::string& kind, Rng& rng) {
  auto item = client::outbox_item(campaign, envelope, kind, rng);
  if (!item) return item.error();
  const std::string storage_kind = item->storage.kind;
  auto request = client::upload_request(*item);
  if (!request) return request.error();
  const platform::HttpResponse answer = exchange(platform, std::move(*request));
  const client::UploadOutcome outcome = client::judge_upload(storage_kind, answer);
  if (outcome.status == client::OutboxStatus::stored) return Uploaded{true, {}};
  return Uploaded{false, client::with_storage_said(outcome.reason, answer)};
}

Result<client::TrusteeUpload> upload_trustee(platform::Platform& platform, const Storage& storage, const std::string& name,
                                             const Bytes& bytes, const sigv4::Credentials& credentials) {
  std::optional<client::TrusteeUpload> answer;
  auto sent = client::upload_trustee_object(platform, storage, name, bytes, credentials,
                                            [&](client::TrusteeUpload upload) { answer = std::move(upload); });
  if (!sent) return sent.error();
  if (!run_while(platform, [&] { return !answer; })) return make_error(Errc::bad_input, "the storage's answer never came");
  return std::move(*answer);
}

}  // namespace parley::cli
