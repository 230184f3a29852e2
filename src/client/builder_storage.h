// The storage part of the campaign builder: a web storage URL (serve.py, WebDAV PUT), or an
// S3-compatible bucket whose presigned POST policy is signed here, once, with write
// credentials the manager types in (docs/STORAGE.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/storage.h"
#include "client/campaign_builder.h"

namespace parley::client {

// The bucket a bucket URL names. Path style, http(s)://host[:port]/bucket/ (Ceph RGW, MinIO,
// any endpoint): the first path segment. Virtual-hosted, https://bucket.s3.region.amazonaws.com/
// (no path): the first label of the host. A longer path is refused: folders belong in the key
// prefix.
Result<std::string> bucket_from_url(std::string_view bucket_url);

// The campaign's Storage as the form describes it, "{id}" replaced by `campaign_id` in the URL
// or key prefix. For S3 this signs the POST policy: keys under the prefix, envelopes up to
// kMaxEnvelopeBytes, expiring after the campaign's last day, signed at `now_unix`. Uses the
// form's write credentials and keeps no copy of the secret.
Result<Storage> storage_from_builder(const BuilderForm& form, const std::string& campaign_id, std::int64_t now_unix);

}  // namespace parley::client
