// The multipart/form-data body of an S3 POST upload (docs/STORAGE.md): `key`, the campaign's
// POST policy fields in manifest order, and last `file`, as browsers' HTML forms send them and as
// AWS S3 and Ceph RGW accept them. The form goes to s3_bucket_url(storage).
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"
#include "core/storage.h"

namespace parley::s3 {

struct PostForm {
  std::string content_type;  // "multipart/form-data; boundary=<boundary>"
  Bytes body;
};

// `boundary` comes from the caller's Rng (the core has no randomness): 16-70 characters of
// [A-Za-z0-9_-], so the Content-Type needs no quoting. bad_input when the storage is not s3,
// a policy field is missing, the object name could break the form, or the boundary occurs in
// the content (the caller then picks another).
Result<PostForm> build_post_form(const Storage& storage, std::string_view object_name, const Bytes& envelope,
                                 std::string_view boundary);

}  // namespace parley::s3
