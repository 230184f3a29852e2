#include "client/storage_reader.h"


#include <deque>
#include <utility>

#include "client/storage_answer.h"
#include "client/texts.h"
#include "core/listing.h"
#include "core/replies.h"

namespace parley::client {
namespace {

NameFilter listed_filter(const ReaderOptions& o) { return o.reply_bundles ? is_reply_bundle_name : is_envelope_name; }

// 10,000 pages of 1,000 keys: far beyond any campaign; a storage that keeps saying "more" is broken.
constexpr int kMaxListPages = 10000;

Error problem(std::string sentence) { return make_error(Errc::bad_input, std::move(sentence)); }

std::string_view text_of(const Bytes& body) { return {reinterpret_cast<const char*>(body.data()), body.size()}; }

// A refusal in plain words, followed by the storage's own answer when the options ask for it.
Error refusal(const ReaderOptions& options, std::string sentence, const platform::HttpResponse& r) {
  return problem(options.storage_answer ? with_storage_said(std::move(sentence), r) : std::move(sentence));
}

// --- http-put: serve.py's or nginx's JSON listing, then plain GETs --------------------------

class HttpPutReader final : public StorageReader, public std::enable_shared_from_this<HttpPutReader> {
 public:
  HttpPutReader(platform::Platform& platform, const Storage& storage, ReaderOptions options)
      : platform_(platform), prefix_(storage_prefix(storage.url)), options_(options) {}

  void list(std::function<void(Result<std::vector<std::string>>)> done) override {
    platform::HttpRequest request{"GET", prefix_, {{"Accept", "application/json"}}, {}};
    platform_.http(std::move(request), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      // An empty store answers 404 on serve.py: that is "no envelopes yet", not an error.
      if (r.status == 404) return done(std::vector<std::string>{});
      const ReaderOptions& o = self->options_;
      if (r.status == 0) return done(refusal(o, text("storage.unreachable"), r));
      const std::string status = std::to_string(r.status);
      if (r.status == 401 || r.status == 403) return done(refusal(o, text("storage.list_refused", {{"status", status}}), r));
      if (r.status != 200) return done(refusal(o, text("storage.list_failed", {{"status", status}}), r));
      // serve.py and nginx send listings as JSON. Anything else (an index.html someone stored,
      // a login page, a proxy's error) is not a listing, however its bytes happen to parse.
      if (!r.content_type.empty() && r.content_type != "application/json") {
        return done(refusal(o, text("storage.listing_not_json"), r));
      }
      done(listing_names(text_of(r.body), listed_filter(o)));
    });
  }

  void get(const std::string& name, std::function<void(Result<Bytes>)> done) override {
    platform_.http({"GET", prefix_ + name, {}, {}}, [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::move(r.body));
      done(refusal(self->options_,
                   r.status == 0 ? text("storage.unreachable")
                                 : text("storage.get_withheld", {{"status", std::to_string(r.status)}}),
                   r));
    });
  }

  void get_if_stored(const std::string& name, std::function<void(Result<std::optional<Bytes>>)> done) override {
    platform_.http({"GET", prefix_ + name, {}, {}}, [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::optional<Bytes>(std::move(r.body)));
      if (r.status == 404) return done(std::optional<Bytes>());
      done(refusal(self->options_,
                   r.status == 0 ? text("storage.unreachable")
                                 : text("storage.get_withheld", {{"status", std::to_string(r.status)}}),
                   r));
    });
  }

 private:
  platform::Platform& platform_;
  std::string prefix_;
  ReaderOptions options_;
};

// --- s3: SigV4-signed ListObjectsV2 pages, then signed GetObject ----------------------------

// Keys under `prefix` whose remainder is a name the reader lists: the same rule as http-put
// listings, so a hostile listing cannot point the reader at another key.
std::vector<std::string> listed_names(const std::vector<s3::Object>& objects, const std::string& prefix, NameFilter keep) {
  std::vector<std::string> names;
  for (const auto& o : objects) {
    if (o.key.size() <= prefix.size() || o.key.compare(0, prefix.size(), prefix) != 0) continue;
    std::string name = o.key.substr(prefix.size());
    if (keep(name)) names.push_back(std::move(name));
  }
  return names;
}

class SignedS3Reader final : public S3Reader, public std::enable_shared_from_this<SignedS3Reader> {
 public:
  using ObjectsDone = std::function<void(Result<std::vector<s3::Object>>)>;

  SignedS3Reader(platform::Platform& platform, const S3Place& place, sigv4::Credentials credentials, ReaderOptions options)
      : platform_(platform),
        bucket_url_(place.bucket_url),
        objects_url_(place.bucket_url + place.key_prefix),
        key_prefix_(place.key_prefix),
        region_(place.region),
        credentials_(std::move(credentials)),
        options_(options) {}

  // Everything signing needs, checked once so that a later request cannot fail before it is sent.
  Status check() const {
    if (auto ok = sigv4::check_credentials(credentials_); !ok) return ok;
    if (auto ok = sigv4::check_scope({region_}); !ok) return problem(text("storage.bad_region", {{"detail", ok.error().detail}}));
    if (!parse_url(bucket_url_) || !parse_url(objects_url_)) return problem(text("storage.bad_address"));
    return Ok{};
  }

  void list(std::function<void(Result<std::vector<std::string>>)> done) override {
    list_objects([prefix = key_prefix_, keep = listed_filter(options_), done = std::move(done)](Result<std::vector<s3::Object>> objects) {
      if (!objects) return done(objects.error());
      done(listed_names(*objects, prefix, keep));
    });
  }

  void list_objects(ObjectsDone done) override { list_page({}, {}, 1, std::move(done)); }

  void get(const std::string& name, std::function<void(Result<Bytes>)> done) override {
    get_url(objects_url_ + name, std::move(done));
  }

  void get_object(const std::string& key, std::function<void(Result<Bytes>)> done) override {
    get_url(bucket_url_ + uri_encode(key, true), std::move(done));
  }

  void get_if_stored(const std::string& name, std::function<void(Result<std::optional<Bytes>>)> done) override {
    auto request = signed_get(objects_url_ + name);
    if (!request) return done(request.error());
    platform_.http(std::move(*request), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::optional<Bytes>(std::move(r.body)));
      // With read rights S3 answers a missing key with 404 NoSuchKey (without them, 403).
      if (r.status == 404) return done(std::optional<Bytes>());
      done(refusal(self->options_, s3_problem(r.status, text_of(r.body), StorageRead::get), r));
    });
  }

 private:
  void get_url(const std::string& url, std::function<void(Result<Bytes>)> done) {
    auto request = signed_get(url);
    if (!request) return done(request.error());
    platform_.http(std::move(*request), [self = shared_from_this(), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 200) return done(std::move(r.body));
      done(refusal(self->options_, s3_problem(r.status, text_of(r.body), StorageRead::get), r));
    });
  }

  void list_page(std::string token, std::vector<s3::Object> objects, int page, ObjectsDone done) {
    auto request = signed_get(s3::list_url(bucket_url_, key_prefix_, token));
    if (!request) return done(request.error());
    platform_.http(std::move(*request), [self = shared_from_this(), token = std::move(token), objects = std::move(objects), page,
                                         done = std::move(done)](platform::HttpResponse r) mutable {
      if (r.status == 0 && page == 1) return self->explain_no_answer(std::move(r), std::move(done));
      if (r.status != 200) return done(refusal(self->options_, s3_problem(r.status, text_of(r.body), StorageRead::list), r));
      auto listed = s3::parse_list_page(text_of(r.body));
      if (!listed) return done(problem(text("storage.listing_unreadable", {{"detail", listed.error().detail}})));
      for (auto& o : listed->objects) objects.push_back(std::move(o));
      if (!listed->truncated) return done(std::move(objects));
      if (listed->next_token.empty() || listed->next_token == token || page >= kMaxListPages) {
        return done(problem(text("storage.listing_endless")));
      }
      self->list_page(std::move(listed->next_token), std::move(objects), page + 1, std::move(done));
    });
  }

  // No answer the page may read: offline, CORS, or refused credentials, since Ceph RGW leaves
  // the CORS headers off when it rejects a signature (the browser then shows nothing). The
  // same listing asked anonymously is refused *with* CORS headers: if that answer arrives, the
  // storage is reachable and allows this origin, so the credentials were the problem.
  void explain_no_answer(platform::HttpResponse first, ObjectsDone done) {
    platform::HttpRequest probe{"GET", s3::list_url(bucket_url_, key_prefix_, {}), {}, {}};
    platform_.http(std::move(probe), [self = shared_from_this(), first = std::move(first), done = std::move(done)](platform::HttpResponse r) {
      if (r.status == 0) return done(refusal(self->options_, text("storage.unreachable"), first));
      done(refusal(self->options_, text("storage.credentials_refused"), first));
    });
  }

  // A GET signed now: S3 refuses signatures more than 15 minutes from its own clock, so each
  // request of a long load gets its own time.
  Result<platform::HttpRequest> signed_get(const std::string& url) const {
    return sign_s3_request("GET", url, {}, {}, credentials_, region_, platform_.now_unix());
  }

  platform::Platform& platform_;
  std::string bucket_url_, objects_url_, key_prefix_, region_;
  sigv4::Credentials credentials_;
  ReaderOptions options_;
};

Result<std::shared_ptr<SignedS3Reader>> checked_s3_reader(platform::Platform& platform, const S3Place& place,
                                                          const sigv4::Credentials& credentials, ReaderOptions options) {
  auto reader = std::make_shared<SignedS3Reader>(platform, place, credentials, options);
  if (auto ok = reader->check(); !ok) return ok.error();
  return reader;
}

// --- reading everything ---------------------------------------------------------------------

// One read_all(): the names still to fetch and the downloads in flight. Held by each completion.
struct ReadAll : std::enable_shared_from_this<ReadAll> {
  std::shared_ptr<StorageReader> reader;
  std::size_t parallel = 1;
  std::function<void(const std::string&, Result<Bytes>)> each;
  std::function<void(Status)> done;
  std::deque<std::string> to_fetch;
  std::size_t in_flight = 0;
  // A reader that fails a download before sending it answers inside get(): that asks the
  // running pump() for another round instead of recursing once per envelope.
  bool pumping = false, pump_again = false;

  void pump() {
    if (pumping) {
      pump_again = true;
      return;
    }
    pumping = true;
    do {
      pump_again = false;
      start_downloads();
    } while (pump_again);
    pumping = false;
    if (in_flight == 0 && to_fetch.empty() && done) {
      auto finished = std::move(done);
      done = nullptr;
      finished(Ok{});
    }
  }

  void start_downloads() {
    while (in_flight < parallel && !to_fetch.empty()) {
      std::string name = std::move(to_fetch.front());
      to_fetch.pop_front();
      ++in_flight;
      reader->get(name, [self = shared_from_this(), name](Result<Bytes> envelope) {
        --self->in_flight;
        self->each(name, std::move(envelope));
        self->pump();
      });
    }
  }
};

}  // namespace

std::string s3_problem(int status, std::string_view body, StorageRead what) {
  if (status == 0) return text("storage.unreachable");
  const std::string code = s3_error_code(body);
  if (code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch") {
    return text("storage.credentials_refused_code", {{"code", code}});
  }
  if (code == "AccessDenied") return text("storage.access_denied");
  if (code == "RequestTimeTooSkewed") return text("storage.clock_skewed");
  // The HTTP status and S3's error code, as shown after "HTTP": "404 NoSuchBucket".
  const std::string shown = std::to_string(status) + (code.empty() ? std::string() : " " + code);
  switch (what) {
    case StorageRead::list: return text("storage.list_failed", {{"status", shown}});
    case StorageRead::get: return text("storage.get_failed", {{"status", shown}});
  }
  return text("storage.list_failed", {{"status", shown}});
}

Result<std::shared_ptr<StorageReader>> make_storage_reader(platform::Platform& platform, const Storage& storage,
                                                           const sigv4::Credentials& credentials, ReaderOptions options) {
  if (storage.kind != kStorageS3) {
    return std::shared_ptr<StorageReader>(std::make_shared<HttpPutReader>(platform, storage, options));
  }
  auto reader = checked_s3_reader(platform, s3_place(storage), credentials, options);
  if (!reader) return reader.error();
  return std::shared_ptr<StorageReader>(std::move(*reader));
}

Result<std::shared_ptr<S3Reader>> make_s3_reader(platform::Platform& platform, const S3Place& place,
                                                 const sigv4::Credentials& credentials, ReaderOptions options) {
  auto reader = checked_s3_reader(platform, place, credentials, options);
  if (!reader) return reader.error();
  return std::shared_ptr<S3Reader>(std::move(*reader));
}

void read_all(std::shared_ptr<StorageReader> reader, std::size_t parallel,
              std::function<void(const std::string&, Result<Bytes>)> each, std::function<void(Status)> done,
              std::function<void(std::size_t)> listed) {
  auto state = std::make_shared<ReadAll>();
  state->reader = std::move(reader);
  state->parallel = parallel == 0 ? 1 : parallel;
  state->each = std::move(each);
  state->done = std::move(done);
  state->reader->list([state, listed = std::move(listed)](Result<std::vector<std::string>> names) {
    if (!names) {
      auto finished = std::move(state->done);
      state->done = nullptr;
      return finished(names.error());
    }
    if (listed) listed(names->size());
    state->to_fetch.assign(std::make_move_iterator(names->begin()), std::make_move_iterator(names->end()));
    state->pump();
  });
}

}  // namespace parley::client
