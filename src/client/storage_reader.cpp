#include "client/storage_reader.h"

#include <sodium.h>

#include <algorithm>
#include <utility>


#include "core/listing.h"
#include "core/s3_xml.h"
#include "core/utc_time.h"
#include "client/texts.h"

namespace parley::client {
namespace {

// 10,000 pages of 1,000 keys: far beyond any campaign; a storage that keeps saying "more" is broken.
constexpr int kMaxListPages = 10000;

Error problem(std::string sentence) { return make_error(Errc::bad_input, std::move(sentence)); }

std::string_view text_of(const Bytes& body) { return {reinterpret_cast<const char*>(body.data()), body.size()}; }

// --- http-put: serve.py's or nginx's JSON listing, then plain GETs --------------------------

class HttpPutReader final : public StorageReader, public std::enable_shared_from_this<HttpPutReader> {
 public:
  HttpPutReader(platform::Platform& platform, const Storage& storage)
      : platform_(platform), prefix_(storage_prefix(storage.url)) {}

  void list(std::function<void(Result<std::vector<std::string>>)> done) override {
    platform::HttpRequest request{"GET", prefix_, {{"Accept", "application/json"}}, {}};
    platform_.http(std::move(request), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      // An empty store answers 404 on serve.py: that is "no envelopes yet", not an error.
      if (r.status == 404) return done(std::vector<std::string>{});
      if (r.status == 0) return done(problem(text("storage.unreachable")));
      const std::string status = std::to_string(r.status);
      if (r.status == 401 || r.status == 403) return done(problem(text("storage.list_refused", {{"status", status}})));
      if (r.status != 200) return done(problem(text("storage.list_failed", {{"status", status}})));
      done(listing_names(text_of(r.body)));
    });
  }

  void get(const std::string& name, std::function<void(Result<Bytes>)> done) override {
    platform_.http({"GET", prefix_ + name, {}, {}}, [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::move(r.body));
      done(problem(r.status == 0 ? text("storage.unreachable")
                                 : text("storage.get_withheld", {{"status", std::to_string(r.status)}})));
    });
  }

 private:
  platform::Platform& platform_;
  std::string prefix_;
};

// --- s3: SigV4-signed ListObjectsV2 pages, then signed GetObject ----------------------------

// Keys under `prefix` whose remainder is an envelope name: the same rule as http-put
// listings, so a hostile listing cannot point the reader at another key.
std::vector<std::string> envelope_names(const std::vector<s3::Object>& objects, const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& o : objects) {
    if (o.key.size() <= prefix.size() || o.key.compare(0, prefix.size(), prefix) != 0) continue;
    std::string name = o.key.substr(prefix.size());
    if (is_envelope_name(name)) names.push_back(std::move(name));
  }
  return names;
}

class S3Reader final : public StorageReader, public std::enable_shared_from_this<S3Reader> {
 public:
  S3Reader(platform::Platform& platform, const Storage& storage, sigv4::Credentials credentials)
      : platform_(platform),
        bucket_url_(s3_bucket_url(storage)),
        objects_url_(storage.url),
        key_prefix_(storage.key_prefix),
        scope_{s3_region(storage)},
        credentials_(std::move(credentials)) {}
  ~S3Reader() override { sodium_memzero(credentials_.secret_key.data(), credentials_.secret_key.size()); }

  // Everything signing needs, checked once so that a later request cannot fail before it is sent.
  Status check() const {
    if (auto ok = sigv4::check_credentials(credentials_); !ok) return ok;
    if (auto ok = sigv4::check_scope(scope_); !ok) return problem(text("storage.bad_region", {{"detail", ok.error().detail}}));
    if (!sigv4::parse_url(bucket_url_) || !sigv4::parse_url(objects_url_)) return problem(text("storage.bad_address"));
    return Ok{};
  }

  void list(std::function<void(Result<std::vector<std::string>>)> done) override { list_page({}, {}, 1, std::move(done)); }

  void get(const std::string& name, std::function<void(Result<Bytes>)> done) override {
    auto request = signed_get(objects_url_ + name);
    if (!request) return done(request.error());
    platform_.http(std::move(*request), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::move(r.body));
      done(problem(s3_problem(r.status, text_of(r.body), StorageRead::get)));
    });
  }

 private:
  void list_page(std::string token, std::vector<std::string> names, int page,
                 std::function<void(Result<std::vector<std::string>>)> done) {
    auto request = signed_get(s3::list_url(bucket_url_, key_prefix_, token));
    if (!request) return done(request.error());
    platform_.http(std::move(*request), [self = shared_from_this(), token = std::move(token), names = std::move(names), page,
                                         done = std::move(done)](platform::HttpResponse r) mutable {
      if (r.status == 0 && page == 1) return self->explain_no_answer(std::move(done));
      if (r.status != 200) return done(problem(s3_problem(r.status, text_of(r.body), StorageRead::list)));
      auto listed = s3::parse_list_page(text_of(r.body));
      if (!listed) return done(problem(text("storage.listing_unreadable", {{"detail", listed.error().detail}})));
      for (auto& name : envelope_names(listed->objects, self->key_prefix_)) names.push_back(std::move(name));
      if (!listed->truncated) return done(std::move(names));
      if (listed->next_token.empty() || listed->next_token == token || page >= kMaxListPages) {
        return done(problem(text("storage.listing_endless")));
      }
      self->list_page(std::move(listed->next_token), std::move(names), page + 1, std::move(done));
    });
  }

  // No answer the page may read: offline, CORS, or refused credentials, since Ceph RGW leaves
  // the CORS headers off when it rejects a signature (the browser then shows nothing). The
  // same listing asked anonymously is refused *with* CORS headers: if that answer arrives, the
  // storage is reachable and allows this origin, so the credentials were the problem.
  void explain_no_answer(std::function<void(Result<std::vector<std::string>>)> done) {
    platform::HttpRequest probe{"GET", s3::list_url(bucket_url_, key_prefix_, {}), {}, {}};
    platform_.http(std::move(probe), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 0) return done(problem(text("storage.unreachable")));
      done(problem(text("storage.credentials_refused")));
    });
  }

  // A GET signed now: S3 refuses signatures more than 15 minutes from its own clock, so each
  // request of a long load gets its own time.
  Result<platform::HttpRequest> signed_get(const std::string& url) const {
    auto parsed = sigv4::parse_url(url);
    if (!parsed) return parsed.error();
    sigv4::Request request;
    request.url = *parsed;
    const std::string amz_date = format_amz_date(utc_from_unix(platform_.now_unix()));
    auto signed_request = sigv4::sign_request(request, credentials_, scope_, amz_date);
    if (!signed_request) return signed_request.error();
    return platform::HttpRequest{"GET", sigv4::format_url(*parsed), std::move(signed_request->add_headers), {}};
  }

  platform::Platform& platform_;
  std::string bucket_url_, objects_url_, key_prefix_;
  sigv4::Scope scope_;
  sigv4::Credentials credentials_;
};

// S3 error codes are short identifiers; anything else in that place is not shown.
bool is_error_code(const std::string& code) {
  return !code.empty() && code.size() <= 64 &&
         std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

}  // namespace

std::string s3_problem(int status, std::string_view body, StorageRead what) {
  if (status == 0) return text("storage.unreachable");
  const std::string code = s3::parse_error(body).code;
  if (code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch") {
    return text("storage.credentials_refused_code", {{"code", code}});
  }
  if (code == "AccessDenied") return text("storage.access_denied");
  if (code == "RequestTimeTooSkewed") return text("storage.clock_skewed");
  // The HTTP status and S3's error code, as shown after "HTTP": "404 NoSuchBucket".
  const std::string shown = std::to_string(status) + (is_error_code(code) ? " " + code : std::string());
  switch (what) {
    case StorageRead::list: return text("storage.list_failed", {{"status", shown}});
    case StorageRead::get: return text("storage.get_failed", {{"status", shown}});
  }
  return text("storage.list_failed", {{"status", shown}});
}

Result<std::shared_ptr<StorageReader>> make_storage_reader(platform::Platform& platform, const Storage& storage,
                                                           const sigv4::Credentials& credentials) {
  if (storage.kind != kStorageS3) return std::shared_ptr<StorageReader>(std::make_shared<HttpPutReader>(platform, storage));
  auto reader = std::make_shared<S3Reader>(platform, storage, credentials);
  if (auto ok = reader->check(); !ok) return ok.error();
  return std::shared_ptr<StorageReader>(std::move(reader));
}

}  // namespace parley::client
