// Where a campaign's envelopes are stored, as its signed manifest describes it (docs/FORMAT.md,
// "Storage").
//
//   http-put  serve.py, WebDAV (nginx): PUT <url>/<name>; the listing is a GET of <url>/.
//   s3        S3-compatible object storage (AWS, Ceph RGW, MinIO): employees upload with a
//             presigned POST policy whose form fields travel in the manifest (no credentials);
//             managers list and read with SigV4 and read credentials they type in.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace parley {

inline constexpr std::string_view kStorageHttpPut = "http-put";
inline constexpr std::string_view kStorageS3 = "s3";

// The POST policy fields an s3 manifest carries, in the order the form sends them.
inline constexpr std::string_view kPostFieldNames[] = {"policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                                                       "x-amz-signature"};

struct Storage {
  std::string kind = std::string(kStorageHttpPut);
  std::string url;  // objects live at storage_prefix(url) + name
  // s3 only; empty for http-put.
  std::string key_prefix;  // object keys are key_prefix + name; `url` ends with it
  std::vector<std::pair<std::string, std::string>> post_fields;  // kPostFieldNames, in that order
};

// The rules of docs/FORMAT.md ("Storage"); Errc::schema_failure with a plain sentence.
Status validate_storage(const Storage& storage);
nlohmann::json storage_to_json(const Storage& storage);
// Shape only (keys and types); validate_storage() checks the values.
Result<Storage> storage_from_json(const nlohmann::json& object);

// s3: the bucket's URL, ending in "/": `url` without the key prefix. Form uploads POST here
// and listings GET from here.
std::string s3_bucket_url(const Storage& storage);
// s3: the signing region, taken from the policy's x-amz-credential (".../<day>/<region>/s3/aws4_request").
std::string s3_region(const Storage& storage);
// s3: the value of one POST field, or "" when absent.
std::string post_field(const Storage& storage, std::string_view name);

}  // namespace parley
