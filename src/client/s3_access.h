// Requests to S3-compatible storage with credentials: where they go (a bucket, a key prefix and
// the region signatures are scoped to) and how each is signed. The S3 storage reader signs its
// listings and downloads here, and so do the CLI's storage preparation commands (`parley store
// s3-put`), so there is one way a Parley client signs a request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"
#include "core/s3/sigv4.h"
#include "core/url.h"
#include "core/storage.h"
#include "platform/platform.h"

namespace parley::client {

// Where a campaign's envelopes are in S3-compatible storage.
struct S3Place {
  std::string bucket_url;  // ends with "/": path style https://host/bucket/ or virtual-hosted https://bucket.host/
  std::string key_prefix;  // "" or ends with "/": object keys are key_prefix + name
  std::string region;      // the signing region
};

// The place an s3 campaign's manifest describes: its bucket URL and key prefix, and the region
// of its POST policy's credential (docs/FORMAT.md, "Storage").
S3Place s3_place(const Storage& storage);

// `method url` with `headers` and `body`, signed with SigV4 as of `now_unix` (the platform's
// clock: S3 refuses a signature more than 15 minutes from its own, so sign each request just
// before it is sent). The body's SHA-256 is signed; the URL is sent exactly as it was signed
// (percent-encoded once). bad_input for a URL, region or credentials that cannot be signed.
Result<platform::HttpRequest> sign_s3_request(std::string_view method, std::string_view url, Bytes body,
                                              sigv4::Headers headers, const sigv4::Credentials& credentials,
                                              std::string_view region, std::int64_t now_unix);

}  // namespace parley::client
