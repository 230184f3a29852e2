#include "client/builder_storage.h"

#include "core/envelope.h"
#include "core/listing.h"
#include "core/s3/post_policy.h"
#include "core/s3/sigv4.h"
#include "core/url.h"
#include "core/text.h"
#include "core/utc_time.h"
#include "client/texts.h"

namespace parley::client {
namespace {

Error problem(std::string sentence) { return make_error(Errc::bad_input, std::move(sentence)); }

std::string with_id(std::string text, const std::string& id) {
  const auto at = text.find("{id}");
  if (at != std::string::npos) text.replace(at, 4, id);
  return text;
}

// The bucket URL as the manifest keeps it: trimmed, ending in exactly one "/".
std::string bucket_url_of(const BuilderForm& form) { return storage_prefix(trim_blank(form.s3_bucket_url)); }

Result<Storage> s3_storage(const BuilderForm& form, const std::string& campaign_id, std::int64_t now_unix) {
  const std::string bucket_url = bucket_url_of(form);
  auto bucket = bucket_from_url(bucket_url);
  if (!bucket) return bucket.error();
  const std::string key_prefix = with_id(trim_blank(form.s3_key_prefix), campaign_id);
  if (auto ok = s3::check_key_prefix(key_prefix); !ok) return ok.error();
  auto expires = s3::expiry_after_day(trim_blank(form.closes));
  if (!expires) return problem(text("builder.error.closes_not_a_day"));

  s3::PostPolicyInput input;
  input.bucket = *bucket;
  input.key_prefix = key_prefix;
  input.max_bytes = kMaxEnvelopeBytes;
  input.expires = *expires;
  input.credentials = {trim_blank(form.s3_access_key), blank_trimmed(form.s3_secret_key.view())};
  input.region = trim_blank(form.s3_region);
  input.amz_date = format_amz_date(utc_from_unix(now_unix));
  auto checked = sigv4::check_credentials(input.credentials);
  auto policy = checked ? s3::make_post_policy(input) : Result<s3::PostPolicy>(checked.error());
  if (!policy) return problem(text("builder.error.policy_not_signed", {{"detail", policy.error().detail}}));
  return Storage{std::string(kStorageS3), bucket_url + key_prefix, key_prefix, std::move(policy->fields)};
}

}  // namespace

Result<std::string> bucket_from_url(std::string_view bucket_url) {
  auto url = parse_url(bucket_url);
  if (!url || !url->query.empty()) {
    return problem(text("builder.error.bucket_url"));
  }
  std::string path = url->path.substr(1);  // parse_url's path starts with "/"
  if (!path.empty() && path.back() == '/') path.pop_back();
  std::string bucket;
  if (path.empty()) {
    // Virtual-hosted: bucket.s3.region.amazonaws.com, with the port (if any) after the host.
    const std::string host = url->host.substr(0, url->host.find(':'));
    bucket = host.substr(0, host.find('.'));
  } else if (path.find('/') == std::string::npos) {
    bucket = path;
  } else {
    return problem(text("builder.error.bucket_url_has_folders"));
  }
  if (auto ok = s3::check_bucket_name(bucket); !ok) {
    return problem(text("builder.error.bucket_name", {{"bucket", bucket}, {"detail", ok.error().detail}}));
  }
  return bucket;
}

Result<Storage> storage_from_builder(const BuilderForm& form, const std::string& campaign_id, std::int64_t now_unix) {
  if (form.storage == StorageChoice::s3) return s3_storage(form, campaign_id, now_unix);
  return Storage{std::string(kStorageHttpPut), with_id(trim_blank(form.storage_url), campaign_id), {}, {}};
}

}  // namespace parley::client
