// The bucket settings an organisation applies once, before a campaign, generated rather than
// written by hand: the CORS rules the app's origin needs, and an optional bucket policy that
// lets anyone PUT (and only PUT) under one prefix.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace parley::s3 {

// An origin as browsers send it: http(s)://host[:port], no path, no trailing slash.
bool is_origin(std::string_view origin);

// PutBucketCors XML for the app at `origin`: POST (uploads with a POST policy), PUT (uploads
// through the inbox policy or a presigned URL), GET/HEAD (managers reading with SigV4), and the
// headers those requests carry. ETag is exposed so uploads can be checked.
Result<std::string> bucket_cors_xml(std::string_view origin);

// PutBucketPolicy JSON: anonymous s3:PutObject on arn:aws:s3:::BUCKET/PREFIX* and nothing
// else; reading, listing and deleting stay with the bucket owner (implicit deny; an explicit
// Deny for Principal "*" would lock out the owner on Ceph RGW as well).
Result<std::string> inbox_bucket_policy(std::string_view bucket, std::string_view key_prefix);

}  // namespace parley::s3
