// A valid S3 storage description for tests: a real POST policy, as `parley store
// s3-post-policy` makes it for a path-style bucket, signed with the AWS documentation's example
// keys. Core only.
#pragma once

#include <string>

#include "core/s3/post_policy.h"
#include "core/storage.h"
#include "core/utc_time.h"

namespace parley::testing {

// Objects go to `bucket_url` + `key_prefix`; `region` is the one the policy is signed for, and
// so the one readers sign their requests for.
inline Storage sample_s3_storage(const std::string& key_prefix = "incoming/pv7kq2m4x9c3r8t1w6y5z0abcd/",
                                 const std::string& bucket_url = "https://storage.example.org/parley-inbox/",
                                 const std::string& region = "us-east-1") {
  s3::PostPolicyInput in;
  in.bucket = "parley-inbox";
  in.key_prefix = key_prefix;
  in.max_bytes = 65536;
  in.expires = parse_day("2026-12-15").value();
  in.credentials = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  in.region = region;
  in.amz_date = "20261130T093000Z";
  Storage s;
  s.kind = std::string(kStorageS3);
  s.key_prefix = key_prefix;
  s.url = bucket_url + key_prefix;
  s.post_fields = s3::make_post_policy(in).value().fields;
  return s;
}

}  // namespace parley::testing
