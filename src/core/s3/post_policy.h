// Presigned S3 POST policies: how anonymous people upload to S3-compatible storage.
//
// The organisation signs, once per campaign, a policy that lets anyone who holds the form
// fields POST objects into one bucket, under one key prefix, up to a size, until the campaign
// closes. The fields go into the campaign; the secret key never leaves the organiser's machine.
// The storage enforces every condition (RGW and AWS answer 403 for a wrong prefix, a bad
// signature or an expired policy, and 400 for a body outside the size range).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/s3/sigv4.h"
#include "core/utc_time.h"

namespace parley::s3 {

// S3 accepts single uploads up to 5 GiB; envelopes are far smaller.
inline constexpr std::uint64_t kMaxPostBytes = 5ull * 1024 * 1024 * 1024;

struct PostPolicyInput {
  std::string bucket;           // 3-63 of a-z 0-9 . -
  std::string key_prefix;       // every key must start with it, e.g. "inbox/<campaign id>/"
  std::uint64_t max_bytes = 0;  // content-length-range 1..max_bytes
  UtcTime expires;              // after this instant the storage refuses the policy
  sigv4::Credentials credentials;
  std::string region;
  std::string amz_date;  // signing time YYYYMMDDTHHMMSSZ; must be before `expires`
};

struct PostPolicy {
  std::string document;  // the policy JSON
  std::string policy;    // its base64 (standard alphabet, padded): the "policy" field
  std::string signature;
  // The form fields to embed, in this order: policy, x-amz-algorithm, x-amz-credential,
  // x-amz-date, x-amz-signature. The uploader adds "key" (prefix + object name) and, last,
  // "file" with the envelope.
  std::vector<std::pair<std::string, std::string>> fields;
};

Result<PostPolicy> make_post_policy(const PostPolicyInput& input);

// hex(HMAC(signing key of that day and region, service s3), base64 policy): the signature of
// any POST policy, e.g. one written by hand.
Result<std::string> sign_post_policy(std::string_view policy_base64, std::string_view secret_key,
                                     std::string_view yyyymmdd, std::string_view region);

// Campaigns accept answers through their last day (docs/FORMAT.md): a policy for a campaign
// closing on `closes` (YYYY-MM-DD) expires at 00:00:00 UTC the day after.
Result<UtcTime> expiry_after_day(std::string_view closes);

// Key prefixes Parley hands out: 1-512 of A-Z a-z 0-9 ! - _ . * ' ( ) /, not starting with
// "/", without "//" or a "." / ".." segment, and ending with "/".
Status check_key_prefix(std::string_view prefix);
Status check_bucket_name(std::string_view bucket);

}  // namespace parley::s3
