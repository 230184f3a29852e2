// What the CLI reads and writes storage with, all of it parley_client's: read_all() over a
// StorageReader, the S3 reader's administration calls (every object, any key), the refusal
// wording a terminal gets (the storage's own answer, made safe to show), the one upload request
// both the Outbox and `parley seal --put` send, and one signing function for every S3 request.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "client/outbox.h"
#include "client/s3_access.h"
#include "client/storage_answer.h"
#include "client/storage_reader.h"
#include "core/listing.h"
#include "core/s3/post_form.h"
#include "core/s3/xml.h"
#include "core/submission.h"
#include "core/utc_time.h"
#include "support/fake_platform.h"
#include "support/rng.h"
#include "support/s3_storage.h"

namespace parley::client {
namespace {

using testing::FakePlatform;

std::string name_of(int i) {
  std::string hex = std::to_string(i);
  return std::string(32 - hex.size(), '0') + hex + ".parley";
}

Bytes s3_error(const std::string& code, const std::string& message) {
  return to_bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message +
                  "</Message></Error>");
}

std::string list_page(const std::vector<std::pair<std::string, int>>& objects) {
  std::string body = "<ListBucketResult><IsTruncated>false</IsTruncated>";
  for (const auto& [key, size] : objects) {
    body += "<Contents><Key>" + key + "</Key><Size>" + std::to_string(size) + "</Size></Contents>";
  }
  return body + "</ListBucketResult>";
}

std::string header(const platform::HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

// --- what a terminal may be shown -----------------------------------------------------------

TEST(Printable, RemovesWhatActsOnATerminalAndKeepsTheWords) {
  EXPECT_EQ(printable("Policy expired.", 200), "Policy expired.");
  EXPECT_EQ(printable("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC", 200), "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");  // café 日本
  EXPECT_EQ(printable("\x1b[31mred\x1b[0m\x07", 200), "[31mred[0m");
  EXPECT_EQ(printable("a\x7f" "b\xC2\x9B" "2J", 200), "ab2J");  // DEL and the C1 CSI
  EXPECT_EQ(printable("\xE2\x80\xAE" "evil\xE2\x80\xAC \xE2\x81\xA6x\xE2\x81\xA9 \xE2\x80\x8F", 200), "evil x ");
  EXPECT_EQ(printable("two\nlines\tand\ra tab", 200), "two lines and a tab");
  EXPECT_EQ(printable("bad \xFF\xC3 utf8", 200), "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8");
  EXPECT_EQ(printable("\xC0\xAF", 200), "\xEF\xBF\xBD\xEF\xBF\xBD");  // an overlong '/'
  EXPECT_EQ(printable("abcdef", 3), "abc\xE2\x80\xA6");
  EXPECT_EQ(printable("abc", 3), "abc");
  EXPECT_EQ(printable("", 3), "");
}

TEST(StorageAnswer, ShowsThePlainCodeAndTheCleanedMessage) {
  EXPECT_EQ(s3_error_code(parley::to_string(s3_error("AccessDenied", "x"))), "AccessDenied");
  EXPECT_EQ(s3_error_code(parley::to_string(s3_error("Bad &lt;b&gt;", "x"))), "");
  EXPECT_EQ(s3_error_code(parley::to_string(s3_error(std::string(65, 'A'), "x"))), "");
  EXPECT_EQ(s3_error_code("<html>403 Forbidden</html>"), "");

  EXPECT_EQ(storage_said({403, s3_error("AccessDenied", "Policy expired."), ""}), "HTTP 403 AccessDenied (Policy expired.)");
  EXPECT_EQ(storage_said({404, s3_error("NoSuchBucket", ""), ""}), "HTTP 404 NoSuchBucket");
  EXPECT_EQ(storage_said({403, s3_error("AccessDenied", "\x1b]0;pwned\x07" "Denied\xE2\x80\xAE"), ""}),
            "HTTP 403 AccessDenied (]0;pwnedDenied)");
  EXPECT_EQ(storage_said({403, s3_error("AccessDenied", std::string(300, 'm')), ""}),
            "HTTP 403 AccessDenied (" + std::string(200, 'm') + "\xE2\x80\xA6)");
  // Nothing beyond the status: the caller's sentence says it all.
  EXPECT_EQ(storage_said({500, to_bytes("<html>oops</html>"), ""}), "");
  EXPECT_EQ(storage_said({403, s3_error("Bad\x1b[0m", "hidden"), ""}), "");
  EXPECT_EQ(storage_said({0, {}, "Couldn't connect to server"}), "no answer (Couldn't connect to server)");

  // After a sentence, only when it adds something.
  EXPECT_EQ(with_storage_said("Not listed (HTTP 404 NoSuchBucket).", {404, s3_error("NoSuchBucket", ""), ""}),
            "Not listed (HTTP 404 NoSuchBucket).");
  EXPECT_EQ(with_storage_said("Expired (HTTP 403 AccessDenied).", {403, s3_error("AccessDenied", "Policy expired."), ""}),
            "Expired (HTTP 403 AccessDenied). [HTTP 403 AccessDenied (Policy expired.)]");
  EXPECT_EQ(with_storage_said("Refused (HTTP 500).", {500, to_bytes("<html>oops</html>"), ""}), "Refused (HTTP 500).");
  EXPECT_EQ(with_storage_said("Unreachable.", {0, {}, "Couldn't connect to server"}),
            "Unreachable. [no answer (Couldn't connect to server)]");

  EXPECT_EQ(describe_answer({500, to_bytes("<html>oops</html>"), ""}), "HTTP 500");
  EXPECT_EQ(describe_answer({403, s3_error("SignatureDoesNotMatch", ""), ""}), "HTTP 403 SignatureDoesNotMatch");
}

// --- uploads: one request for the Outbox and the CLI ----------------------------------------

OutboxItem item_for(const Storage& storage, Rng& rng) {
  OutboxItem item;
  item.envelope = to_bytes("sealed bytes, as far as storage can tell");
  item.name = object_name(item.envelope);
  item.url = storage_prefix(storage.url) + item.name;
  item.storage = storage;
  item.kind = "feedback";
  EXPECT_TRUE(choose_form_boundary(item, rng).ok());
  return item;
}

TEST(UploadRequest, PutsToTheObjectForHttpPut) {
  SeededRng rng = testing::seeded(41);
  Storage storage;
  storage.url = "https://store.example.org/store/campaign";
  const OutboxItem item = item_for(storage, rng);
  auto request = upload_request(item);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->method, "PUT");
  EXPECT_EQ(request->url, "https://store.example.org/store/campaign/" + item.name);
  EXPECT_EQ(header(*request, "Content-Type"), "application/octet-stream");
  EXPECT_EQ(request->body, item.envelope);
}

TEST(UploadRequest, PostsThePolicyFormForS3) {
  SeededRng rng = testing::seeded(42);
  const Storage storage = testing::sample_s3_storage();
  const OutboxItem item = item_for(storage, rng);
  ASSERT_FALSE(item.boundary.empty());
  auto request = upload_request(item);
  ASSERT_TRUE(request.ok());
  const auto form = s3::build_post_form(storage, item.name, item.envelope, item.boundary).value();
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->url, "https://storage.example.org/parley-inbox/");
  EXPECT_EQ(header(*request, "Content-Type"), form.content_type);
  EXPECT_EQ(request->body, form.body);

  OutboxItem broken = item;
  broken.storage.post_fields.pop_back();
  EXPECT_FALSE(upload_request(broken).ok());
}

TEST(UploadRequest, IsExactlyWhatTheOutboxSends) {
  for (const bool s3 : {false, true}) {
    SeededRng rng = testing::seeded(43);
    Storage storage = s3 ? testing::sample_s3_storage() : Storage{};
    if (!s3) storage.url = "https://store.example.org/store/campaign/";
    const OutboxItem item = item_for(storage, rng);
    FakePlatform platform;
    Outbox outbox;
    outbox.add(platform, item);
    outbox.pump(platform, 0);
    ASSERT_EQ(platform.sent.size(), 1u);
    const platform::HttpRequest expected = upload_request(item).value();
    EXPECT_EQ(platform.sent[0].method, expected.method);
    EXPECT_EQ(platform.sent[0].url, expected.url);
    EXPECT_EQ(platform.sent[0].headers, expected.headers);
    EXPECT_EQ(platform.sent[0].body, expected.body);
  }
}

// --- reading everything ---------------------------------------------------------------------

class ReadAllTest : public ::testing::Test {
 protected:
  std::shared_ptr<StorageReader> http_reader(ReaderOptions options = {}) {
    Storage storage;
    storage.url = kUrl;
    return make_storage_reader(platform, storage, {}, options).value();
  }
  void run(std::shared_ptr<StorageReader> reader, std::size_t parallel) {
    read_all(
        std::move(reader), parallel,
        [this](const std::string& name, Result<Bytes> envelope) {
          EXPECT_FALSE(finished) << "an envelope after done";
          if (envelope) got[name] = *envelope;
          else failed[name] = envelope.error().detail;
        },
        [this](Status listing) {
          EXPECT_FALSE(finished) << "done twice";
          finished = true;
          if (!listing) listing_error = listing.error().detail;
        });
  }

  static constexpr const char* kUrl = "http://127.0.0.1:8000/store/camp/";
  FakePlatform platform;
  std::map<std::string, Bytes> got;
  std::map<std::string, std::string> failed;
  bool finished = false;
  std::string listing_error;
};

// An nginx site once let anyone store index.html = "[]", served instead of the listing: readers
// counted 0 envelopes while real ones were stored. A listing must come as JSON.
TEST_F(ReadAllTest, AListingServedAsAnythingButJsonIsRefused) {
  run(http_reader(), 2);
  platform.answer(200, to_bytes("[]"), "text/html");
  ASSERT_TRUE(finished);
  EXPECT_NE(listing_error.find("not a listing"), std::string::npos) << listing_error;
  EXPECT_TRUE(got.empty());
}

TEST_F(ReadAllTest, AJsonListingIsReadWhateverItsParameters) {
  run(http_reader(), 2);
  platform.answer(200, to_bytes("{\"objects\":[]}"), platform::media_type(" Application/JSON ; charset=utf-8"));
  ASSERT_TRUE(finished);
  EXPECT_EQ(listing_error, "");
}

TEST(MediaType, IsTheTypeAloneInLowerCase) {
  EXPECT_EQ(platform::media_type("text/html; charset=UTF-8"), "text/html");
  EXPECT_EQ(platform::media_type(" Application/JSON"), "application/json");
  EXPECT_EQ(platform::media_type(""), "");
}

TEST_F(ReadAllTest, ListsThenFetchesEveryEnvelopeAFewAtATime) {
  std::string listing = "{\"objects\":[";
  for (int i = 0; i < 7; ++i) listing += std::string(i ? "," : "") + "{\"name\":\"" + name_of(i) + "\"}";
  listing += ",{\"name\":\"../escape.parley\"}]}";

  run(http_reader(), 3);
  ASSERT_EQ(platform.pending.size(), 1u);  // the listing; nothing fired inside read_all()
  EXPECT_FALSE(finished);
  EXPECT_EQ(platform.pending.front().request.url, kUrl);
  platform.answer(200, to_bytes(listing));

  std::size_t most_in_flight = 0;
  int round = 0;
  while (!platform.pending.empty()) {
    most_in_flight = std::max(most_in_flight, platform.pending.size());
    const std::string url = platform.pending.front().request.url;
    const std::string name = url.substr(url.rfind('/') + 1);
    if (name == name_of(4)) platform.answer(404);
    else platform.answer(200, to_bytes("envelope " + name));
    ASSERT_LT(++round, 20);
  }
  EXPECT_EQ(most_in_flight, 3u);
  EXPECT_TRUE(finished);
  EXPECT_EQ(listing_error, "");
  EXPECT_EQ(got.size(), 6u);
  EXPECT_EQ(got[name_of(6)], to_bytes("envelope " + name_of(6)));
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed.begin()->first, name_of(4));
  EXPECT_EQ(platform.sent.size(), 8u);  // the listing and seven envelopes; never "../escape.parley"
}

TEST_F(ReadAllTest, AnEmptyStorageFinishesWithNothing) {
  run(http_reader(), 4);
  platform.answer(404);  // serve.py's "no envelopes yet"
  EXPECT_TRUE(finished);
  EXPECT_EQ(listing_error, "");
  EXPECT_TRUE(got.empty());
}

TEST_F(ReadAllTest, AListingRefusalEndsItWithoutEnvelopes) {
  run(http_reader(), 4);
  platform.answer(403, s3_error("AccessDenied", "\x1b[2JGo away"));
  EXPECT_TRUE(finished);
  EXPECT_EQ(listing_error, "The storage refused to list the envelopes (HTTP 403).");  // the app's words, alone
  EXPECT_TRUE(got.empty() && failed.empty());
}

TEST_F(ReadAllTest, ATerminalAlsoGetsTheStoragesOwnAnswer) {
  run(http_reader({true}), 4);
  platform.answer(403, s3_error("AccessDenied", "\x1b[2JGo away"));
  EXPECT_EQ(listing_error, "The storage refused to list the envelopes (HTTP 403). [HTTP 403 AccessDenied ([2JGo away)]");

  finished = false;
  run(http_reader({true}), 4);
  platform.answer(0);
  EXPECT_EQ(listing_error, "Could not reach the storage: offline, or it does not allow this app's origin (CORS). "
                           "[no answer (connection refused)]");
}

// --- S3: every object, any key, and one way to sign -----------------------------------------

class S3ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { platform.now = unix_from_utc(*parse_amz_date("20261130T101500Z")); }

  static constexpr const char* kBucket = "http://127.0.0.1:9000/parley-inbox/";
  static constexpr const char* kPrefix = "incoming/camp/";
  FakePlatform platform;
  sigv4::Credentials credentials{"AKIDREADER", "read-secret-wJalrXUtnFEMI"};
};

TEST_F(S3ReaderTest, ListsEveryObjectOrOnlyTheEnvelopes) {
  auto reader = make_s3_reader(platform, {kBucket, kPrefix, "eu-central-1"}, credentials).value();
  const std::string page = list_page({{std::string(kPrefix) + name_of(1), 1200},
                                      {std::string(kPrefix) + "notes.txt", 5},
                                      {"elsewhere/" + name_of(2), 900}});
  std::optional<Result<std::vector<s3::Object>>> objects;
  reader->list_objects([&](Result<std::vector<s3::Object>> r) { objects = std::move(r); });
  ASSERT_EQ(platform.pending.size(), 1u);
  const platform::HttpRequest& sent = platform.pending.front().request;
  EXPECT_EQ(sent.url, s3::list_url(kBucket, kPrefix, ""));
  EXPECT_NE(header(sent, "authorization").find("/20261130/eu-central-1/s3/aws4_request"), std::string::npos);
  platform.answer(200, to_bytes(page));
  ASSERT_TRUE(objects && objects->ok());
  ASSERT_EQ((*objects)->size(), 3u);
  EXPECT_EQ((**objects)[1].key, std::string(kPrefix) + "notes.txt");
  EXPECT_EQ((**objects)[0].size, 1200u);

  std::optional<Result<std::vector<std::string>>> names;
  reader->list([&](Result<std::vector<std::string>> r) { names = std::move(r); });
  platform.answer(200, to_bytes(page));
  ASSERT_TRUE(names && names->ok());
  EXPECT_EQ(**names, std::vector<std::string>{name_of(1)});
}

TEST_F(S3ReaderTest, GetsAnyKeyEncodedOnce) {
  auto reader = make_s3_reader(platform, {kBucket, "", "us-east-1"}, credentials).value();
  std::optional<Result<Bytes>> got;
  reader->get_object("notes/a b+c%.txt", [&](Result<Bytes> r) { got = std::move(r); });
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending.front().request.url, std::string(kBucket) + "notes/a%20b%2Bc%25.txt");
  platform.answer(200, to_bytes("hello"));
  ASSERT_TRUE(got && got->ok());
  EXPECT_EQ(**got, to_bytes("hello"));
}

TEST_F(S3ReaderTest, ChecksCredentialsAndRegionBeforeAnyRequest) {
  EXPECT_FALSE(make_s3_reader(platform, {kBucket, kPrefix, "us-east-1"}, {"", "secret"}).ok());
  EXPECT_FALSE(make_s3_reader(platform, {kBucket, kPrefix, "Not A Region"}, credentials).ok());
  EXPECT_FALSE(make_s3_reader(platform, {"not a url", kPrefix, "us-east-1"}, credentials).ok());
  EXPECT_TRUE(platform.sent.empty());
}

TEST_F(S3ReaderTest, RefusalsInPlainWordsWithTheAnswerOnlyWhenAsked) {
  for (const bool terminal : {false, true}) {
    auto reader = make_s3_reader(platform, {kBucket, kPrefix, "us-east-1"}, credentials, {terminal}).value();
    std::optional<Result<Bytes>> got;
    reader->get(name_of(3), [&](Result<Bytes> r) { got = std::move(r); });
    platform.answer(403, s3_error("SignatureDoesNotMatch", "The request signature we calculated does not match."));
    ASSERT_TRUE(got && !got->ok());
    const std::string plain = "The storage refused these read credentials (SignatureDoesNotMatch): check the access key ID and the secret key.";
    EXPECT_EQ(got->error().detail, terminal ? plain + " [HTTP 403 SignatureDoesNotMatch (The request signature we calculated does not match.)]" : plain);
  }
}

TEST_F(S3ReaderTest, TheManifestGivesThePlace) {
  const Storage storage = testing::sample_s3_storage("incoming/abc/", "https://storage.example.org/parley-inbox/", "eu-west-3");
  const S3Place place = s3_place(storage);
  EXPECT_EQ(place.bucket_url, "https://storage.example.org/parley-inbox/");
  EXPECT_EQ(place.key_prefix, "incoming/abc/");
  EXPECT_EQ(place.region, "eu-west-3");
}

TEST(SignS3Request, SignsTheBodyAndSendsTheUrlAsSigned) {
  const sigv4::Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
  const std::int64_t now = unix_from_utc(*parse_amz_date("20261130T101500Z"));
  const Bytes body = to_bytes("<CORSConfiguration/>");
  auto request = sign_s3_request("PUT", "http://127.0.0.1:9000/parley-inbox?cors", body,
                                 {{"Content-Type", "application/xml"}}, credentials, "us-east-1", now);
  ASSERT_TRUE(request.ok()) << request.error().detail;
  EXPECT_EQ(request->method, "PUT");
  EXPECT_EQ(request->url, "http://127.0.0.1:9000/parley-inbox?cors=");
  EXPECT_EQ(request->body, body);
  EXPECT_EQ(header(*request, "Content-Type"), "application/xml");
  EXPECT_EQ(header(*request, "x-amz-date"), "20261130T101500Z");
  EXPECT_EQ(header(*request, "x-amz-content-sha256"), sigv4::sha256_hex(body).value());
  EXPECT_NE(header(*request, "authorization").find("Credential=AKIDEXAMPLE/20261130/us-east-1/s3/aws4_request"),
            std::string::npos);
  for (const auto& [name, value] : request->headers) EXPECT_EQ(value.find(credentials.secret_key.view()), std::string::npos);

  auto empty = sign_s3_request("GET", "http://127.0.0.1:9000/parley-inbox/", {}, {}, credentials, "us-east-1", now);
  EXPECT_EQ(header(*empty, "x-amz-content-sha256"), sigv4::kEmptyPayloadHash);
  EXPECT_FALSE(sign_s3_request("GET", "ftp://host/x", {}, {}, credentials, "us-east-1", now).ok());
  EXPECT_FALSE(sign_s3_request("GET", "http://host/x", {}, {}, credentials, "", now).ok());
}

}  // namespace
}  // namespace parley::client
