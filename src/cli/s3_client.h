// SigV4-signed S3 requests for the CLI (managers' batch work and the storage tests), on
// platform::http_blocking. Credentials come from options, environment or a file, never from the
// command line itself: a secret in argv is visible to every user of the machine.
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"
#include "core/s3_xml.h"
#include "core/sigv4.h"
#include "platform/platform.h"

namespace parley::cli {

// --access-key or $PARLEY_S3_ACCESS_KEY; the secret from --secret-key-file (first line) or
// $PARLEY_S3_SECRET_KEY.
Result<sigv4::Credentials> s3_credentials(const Args& args);

// --now YYYYMMDDTHHMMSSZ (reproducible output, tests), else the system clock.
Result<std::string> signing_time(const Args& args);

// Signs and performs one request; `body` is sent as is and its SHA-256 is signed.
Result<platform::HttpResponse> s3_request(const std::string& method, const std::string& url, const Bytes& body,
                                          const sigv4::Headers& headers, const sigv4::Credentials& credentials,
                                          const std::string& region, const std::string& amz_date);

// "HTTP 403 SignatureDoesNotMatch" from an S3 error answer, with its message when it has one
// (or the transport error).
std::string describe_failure(const platform::HttpResponse& response);

// Every object under key_prefix in the bucket at bucket_url (ENDPOINT/BUCKET/), all pages of
// ListObjectsV2; a refusal is described as by describe_failure.
Result<std::vector<s3::Object>> s3_list_objects(const std::string& bucket_url, const std::string& key_prefix,
                                                const sigv4::Credentials& credentials, const std::string& region,
                                                const std::string& amz_date);

}  // namespace parley::cli
