// parley store: preparing storage for a campaign (POST policies, bucket CORS and policies,
// an nginx site) and SigV4-signed S3 requests for managers' batch work and the tests. The
// requests are parley_client's: its S3 reader lists and downloads, sign_s3_request() signs the
// rest, and the native platform sends them.

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/nginx_conf.h"
#include "cli/storage.h"
#include "client/s3_access.h"
#include "client/storage_answer.h"
#include "client/storage_reader.h"
#include "core/s3/bucket_setup.h"
#include "core/s3/post_policy.h"
#include "core/url.h"
#include "core/utc_time.h"

namespace parley::cli {
namespace {

constexpr const char* kSigningHelp =
    "Requests are signed just before they are sent, with this machine's clock (S3 refuses a\n"
    "signature more than 15 minutes from its own); --region R (default $PARLEY_S3_REGION, else\n"
    "us-east-1) is the bucket's region on AWS, any label on Ceph RGW.\n";

constexpr const char* kExitHelp =
    "Exit codes: 0 success, 1 failure (the storage's refusal is printed in plain words where\n"
    "there are some, with its HTTP status, S3 error code and message), 2 usage error (also:\n"
    "credentials missing), 3 (s3-download) some envelopes could not be fetched.\n";

constexpr const char* kPostPolicyUsage =
    "Usage: parley store s3-post-policy --endpoint URL --bucket B --prefix P --region R\n"
    "           --max-bytes N --expires YYYY-MM-DD [--secret-key-file F] [--now T]\n"
    "\n"
    "Prints, as JSON, the presigned POST form that lets anyone upload objects whose key starts\n"
    "with P (ending in /), of 1 to N bytes, into bucket B at URL (path-style: the form posts to\n"
    "URL/B/), until the end of the --expires day (00:00 UTC the day after; use the campaign's\n"
    "close day). The fields go into the campaign; the secret key stays here. --now\n"
    "YYYYMMDDTHHMMSSZ signs the policy as of that time instead of the system clock (only the\n"
    "expiry limits a policy, not its signing time).\n";

constexpr const char* kCorsUsage =
    "Usage: parley store s3-cors --origin URL\n"
    "\n"
    "Prints the bucket CORS configuration (XML, for PutBucketCors) that lets the app at URL\n"
    "upload (POST, PUT) and read with signatures (GET, HEAD).\n";

constexpr const char* kInboxUsage =
    "Usage: parley store s3-inbox-policy --bucket B --prefix P\n"
    "\n"
    "Prints a bucket policy (JSON, for PutBucketPolicy) allowing anonymous PutObject under P and\n"
    "nothing else. Only needed for plain PUT uploads; POST policies need no bucket policy. It\n"
    "sets no size limit and allows overwrites: prefer s3-post-policy.\n";

constexpr const char* kNginxUsage =
    "Usage: parley store nginx-conf --root DIR --origin URL --port N [--bind ADDR]\n"
    "           [--location /store/] [--max-bytes N] [--max-release-bytes N] [--inbox-only]\n"
    "           [--error-log FILE]\n"
    "\n"
    "Prints an nginx server block that stores PUT bodies under DIR/<campaign>/ (WebDAV) for\n"
    "exactly the names Parley writes: <32 hex digits>.parley (envelopes, never replaced),\n"
    "replies-DAY-M-S.parley (mediators' reply bundles, written once, at most 4235377 bytes),\n"
    "m-<base32 of its hash>.parley (a campaign's signed manifest for short links, written once,\n"
    "at most 87469 bytes), invitations.parley (the trustee's, replaceable) and release.parley\n"
    "(written once). It lists a campaign as JSON at <location><campaign>/ (not with\n"
    "--inbox-only, which allows PUT only), serves nothing a browser would render, answers CORS\n"
    "for the app at URL and logs no client address.\n"
    "Defaults: --bind 127.0.0.1, --max-bytes the largest envelope, --max-release-bytes 268435456\n"
    "(the trustee's two objects), --error-log /var/log/nginx/parley-error.log.\n";

constexpr const char* kListUsage =
    "Usage: parley store s3-list --endpoint URL --bucket B [--prefix P] [--region R] [--json]\n"
    "           [--secret-key-file F]\n"
    "\n"
    "Lists the objects of bucket B under P (ListObjectsV2, every page): one key per line (control\n"
    "characters in keys removed), or a JSON array of {\"key\",\"size\"} with --json.\n";

constexpr const char* kGetUsage =
    "Usage: parley store s3-get --url URL [--out FILE] [--region R] [--secret-key-file F]\n"
    "\n"
    "Fetches one object (path-style URL: ENDPOINT/BUCKET/KEY, no query) with a signed GET and\n"
    "writes it to FILE or standard output.\n";

constexpr const char* kDownloadUsage =
    "Usage: parley store s3-download --endpoint URL --bucket B --prefix P --out DIR [--region R]\n"
    "           [--secret-key-file F]\n"
    "\n"
    "Lists every object under P (ending in /) and fetches each envelope (P + hex name + .parley)\n"
    "into DIR under its name, for parley open|aggregate|export DIR, as `parley open` reads a\n"
    "campaign's S3 storage. Prints each key fetched; other keys are skipped. Exit 3 when some\n"
    "envelopes could not be fetched. (For a campaign, `parley aggregate --key K --campaign C`\n"
    "without a source reads its storage directly.)\n";

constexpr const char* kPutUsage =
    "Usage: parley store s3-put --url URL [--body-file FILE] [--content-type T] [--region R]\n"
    "           [--secret-key-file F]\n"
    "\n"
    "Sends a signed PUT: creates a bucket (URL = ENDPOINT/BUCKET, no body), applies CORS\n"
    "(ENDPOINT/BUCKET?cors with the s3-cors XML) or a policy (ENDPOINT/BUCKET?policy), or\n"
    "stores an object.\n";

constexpr const char* kStoreUsage =
    "Usage: parley store <subcommand> [options]   (parley store <subcommand> --help for each)\n"
    "\n"
    "Preparing storage for a campaign (see docs/STORAGE.md):\n"
    "  s3-post-policy   the presigned POST form for anonymous uploads to an S3 bucket\n"
    "  s3-cors          the bucket CORS configuration for the app's origin\n"
    "  s3-inbox-policy  a bucket policy allowing anonymous PUT under a prefix only\n"
    "  nginx-conf       an nginx WebDAV site for http-put storage\n"
    "Signed S3 requests:\n"
    "  s3-list          list the objects under a prefix\n"
    "  s3-get           fetch one object\n"
    "  s3-download      fetch every envelope under a prefix into a folder\n"
    "  s3-put           create a bucket, apply CORS or a policy, store an object\n"
    "\n";

enum class Needs { nothing, policy_credentials, request_credentials };

int sub_usage(const char* text, const std::string& problem, Needs needs) {
  std::string full = text;
  full += "\n";
  if (needs != Needs::nothing) full += kS3CredentialsHelp;
  if (needs == Needs::request_credentials) full += kSigningHelp;
  full += kExitHelp;
  return usage(full.c_str(), problem);
}

std::optional<std::uint64_t> parse_count(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 12 || text->find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::strtoull(text->c_str(), nullptr, 10);
}

std::string region_of(const Args& args) {
  if (auto r = args.get("--region")) return *r;
  if (const char* env = std::getenv("PARLEY_S3_REGION")) return env;
  return "us-east-1";
}

// ENDPOINT must be scheme://host[:port] with nothing after it: buckets are addressed path-style.
Result<Url> endpoint_of(const std::string& text) {
  auto url = parse_url(text);
  if (!url) return url.error();
  if (url->path != "/" || !url->query.empty())
    return make_error(Errc::bad_input, "--endpoint must be scheme://host[:port] without a path");
  return url;
}

// ENDPOINT/BUCKET/: where ListObjectsV2 goes and object keys are appended.
std::string bucket_url(const Url& endpoint, const std::string& bucket) {
  return endpoint.scheme + "://" + endpoint.host + "/" + bucket + "/";
}

int post_policy(const Args& args) {
  const auto endpoint_text = args.get("--endpoint");
  const auto max_bytes = parse_count(args.get("--max-bytes"));
  if (!endpoint_text || !args.get("--bucket") || !args.get("--prefix") || !args.get("--region") || !max_bytes ||
      !args.get("--expires")) {
    return sub_usage(kPostPolicyUsage,
                     "s3-post-policy needs --endpoint, --bucket, --prefix, --region, --max-bytes N and --expires",
                     Needs::policy_credentials);
  }
  auto endpoint = endpoint_of(*endpoint_text);
  if (!endpoint) return fail(endpoint.error().detail, kExitUsage);
  auto expires = s3::expiry_after_day(*args.get("--expires"));
  if (!expires) return fail("--expires: " + expires.error().detail, kExitUsage);
  sigv4::Credentials credentials;
  if (auto ok = s3_credentials(args, credentials); !ok) return fail(ok.error().detail, kExitUsage);
  std::string now = format_amz_date(utc_from_unix(static_cast<std::int64_t>(std::time(nullptr))));
  if (auto fixed = args.get("--now")) {
    if (auto t = parse_amz_date(*fixed); !t) return fail("--now: " + t.error().detail, kExitUsage);
    now = *fixed;
  }

  s3::PostPolicyInput in;
  in.bucket = *args.get("--bucket");
  in.key_prefix = *args.get("--prefix");
  in.max_bytes = *max_bytes;
  in.expires = *expires;
  in.credentials = credentials;
  in.region = *args.get("--region");
  in.amz_date = now;
  auto policy = s3::make_post_policy(in);
  if (!policy) return fail(policy.error().detail);

  nlohmann::ordered_json out;
  out["action"] = endpoint->scheme + "://" + endpoint->host + "/" + in.bucket + "/";
  out["key_prefix"] = in.key_prefix;
  out["max_bytes"] = in.max_bytes;
  out["expires"] = format_iso8601(in.expires);
  out["fields"] = nlohmann::ordered_json::object();
  for (const auto& [name, value] : policy->fields) out["fields"][name] = value;
  std::printf("%s\n", out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  return kExitOk;
}

int cors(const Args& args) {
  const auto origin = args.get("--origin");
  if (!origin) return sub_usage(kCorsUsage, "s3-cors needs --origin", Needs::nothing);
  auto xml = s3::bucket_cors_xml(*origin);
  if (!xml) return fail(xml.error().detail, kExitUsage);
  std::fputs(xml->c_str(), stdout);
  return kExitOk;
}

int inbox_policy(const Args& args) {
  const auto bucket = args.get("--bucket");
  const auto prefix = args.get("--prefix");
  if (!bucket || !prefix) return sub_usage(kInboxUsage, "s3-inbox-policy needs --bucket and --prefix", Needs::nothing);
  auto policy = s3::inbox_bucket_policy(*bucket, *prefix);
  if (!policy) return fail(policy.error().detail, kExitUsage);
  std::fputs(policy->c_str(), stdout);
  return kExitOk;
}

int nginx_conf(const Args& args) {
  const auto root = args.get("--root");
  const auto origin = args.get("--origin");
  const auto port = parse_count(args.get("--port"));
  if (!root || !origin || !port) return sub_usage(kNginxUsage, "nginx-conf needs --root, --origin and --port", Needs::nothing);
  NginxSite site;
  site.root = *root;
  site.origin = *origin;
  site.port = *port > 65535 ? 0 : static_cast<int>(*port);
  site.bind = args.get("--bind").value_or(site.bind);
  site.location = args.get("--location").value_or(site.location);
  site.error_log = args.get("--error-log").value_or(site.error_log);
  site.inbox_only = args.flag("--inbox-only");
  if (args.get("--max-bytes")) {
    const auto max = parse_count(args.get("--max-bytes"));
    if (!max) return sub_usage(kNginxUsage, "--max-bytes must be a number", Needs::nothing);
    site.max_bytes = *max;
  }
  if (args.get("--max-release-bytes")) {
    const auto max = parse_count(args.get("--max-release-bytes"));
    if (!max) return sub_usage(kNginxUsage, "--max-release-bytes must be a number", Needs::nothing);
    site.max_release_bytes = *max;
  }
  auto conf = nginx_server_block(site);
  if (!conf) return fail(conf.error().detail, kExitUsage);
  std::fputs(conf->c_str(), stdout);
  return kExitOk;
}

// The S3 reader for the request commands: credentials from the environment or a file, region
// from --region or $PARLEY_S3_REGION. Prints the problem and answers nullptr when there is none.
std::shared_ptr<client::S3Reader> s3_reader(platform::Platform& platform, const client::S3Place& place, const Args& args) {
  sigv4::Credentials credentials;
  if (auto ok = s3_credentials(args, credentials); !ok) {
    fail(ok.error().detail);
    return nullptr;
  }
  auto reader = client::make_s3_reader(platform, place, credentials, {true});
  if (!reader) {
    fail(reader.error().detail);
    return nullptr;
  }
  return std::move(*reader);
}

// ENDPOINT/BUCKET/ from --endpoint and --bucket; prints the problem and answers nullopt.
std::optional<std::string> bucket_of(const Args& args) {
  auto endpoint = endpoint_of(*args.get("--endpoint"));
  if (!endpoint) {
    fail(endpoint.error().detail);
    return std::nullopt;
  }
  if (auto ok = s3::check_bucket_name(*args.get("--bucket")); !ok) {
    fail(ok.error().detail);
    return std::nullopt;
  }
  return bucket_url(*endpoint, *args.get("--bucket"));
}

int list(const Args& args) {
  if (!args.get("--endpoint") || !args.get("--bucket")) {
    return sub_usage(kListUsage, "s3-list needs --endpoint and --bucket", Needs::request_credentials);
  }
  const auto bucket = bucket_of(args);
  if (!bucket) return kExitUsage;
  const auto platform = platform::make_platform();
  const std::string prefix = args.get("--prefix").value_or("");
  const auto reader = s3_reader(*platform, {*bucket, prefix, region_of(args)}, args);
  if (!reader) return kExitUsage;

  const auto objects = wait_for<std::vector<s3::Object>>(*platform, [&](auto done) { reader->list_objects(std::move(done)); });
  if (!objects) {
    const std::string under = prefix.empty() ? "" : " under " + client::printable(prefix, 200);
    return fail("cannot list " + *bucket + under + ": " + objects.error().detail);
  }

  if (args.flag("--json")) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& o : *objects) out.push_back({{"key", o.key}, {"size", o.size}});
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  } else {
    for (const auto& o : *objects) std::printf("%s\n", client::printable(o.key, 1024).c_str());
  }
  return kExitOk;
}

int get(const Args& args) {
  const auto url = args.get("--url");
  if (!url) return sub_usage(kGetUsage, "s3-get needs --url", Needs::request_credentials);
  // ENDPOINT/BUCKET/KEY: the bucket is the first path segment, the key all the rest.
  auto parsed = parse_url(*url);
  const std::size_t slash = parsed ? parsed->path.find('/', 1) : std::string::npos;
  if (!parsed || !parsed->query.empty() || slash == std::string::npos || slash + 1 == parsed->path.size()) {
    return fail("--url must be ENDPOINT/BUCKET/KEY (path style, no query)", kExitUsage);
  }
  const std::string bucket = parsed->path.substr(1, slash - 1);
  if (auto ok = s3::check_bucket_name(bucket); !ok) return fail(ok.error().detail, kExitUsage);
  const auto platform = platform::make_platform();
  const auto reader = s3_reader(*platform, {bucket_url(*parsed, bucket), "", region_of(args)}, args);
  if (!reader) return kExitUsage;

  const std::string key = parsed->path.substr(slash + 1);
  const auto object = wait_for<Bytes>(*platform, [&](auto done) { reader->get_object(key, std::move(done)); });
  if (!object) return fail("cannot fetch " + *url + ": " + object.error().detail);
  const Bytes& body = *object;
  if (auto out = args.get("--out")) {
    if (auto ok = write_file(*out, body); !ok) return fail(ok.error().detail);
  } else if (!body.empty() && std::fwrite(body.data(), 1, body.size(), stdout) != body.size()) {
    return fail("cannot write to standard output");
  }
  return kExitOk;
}

int download(const Args& args) {
  const auto prefix = args.get("--prefix");
  const auto out_dir = args.get("--out");
  if (!args.get("--endpoint") || !args.get("--bucket") || !prefix || !out_dir) {
    return sub_usage(kDownloadUsage, "s3-download needs --endpoint, --bucket, --prefix and --out", Needs::request_credentials);
  }
  const auto bucket = bucket_of(args);
  if (!bucket) return kExitUsage;
  std::error_code ec;
  if (!std::filesystem::is_directory(*out_dir, ec)) return fail("--out must be an existing folder", kExitUsage);
  const auto platform = platform::make_platform();
  const auto reader = s3_reader(*platform, {*bucket, *prefix, region_of(args)}, args);
  if (!reader) return kExitUsage;

  std::size_t listed = 0, fetched = 0, failed = 0;
  Status listing = Ok{};
  Status written = Ok{};
  bool finished = false;
  client::read_all(
      reader, 16,
      [&](const std::string& name, Result<Bytes> envelope) {
        ++listed;
        const std::string key = *prefix + name;  // names are envelope names: no path of their own
        if (!envelope) {
          std::fprintf(stderr, "parley: cannot fetch %s: %s\n", key.c_str(), envelope.error().detail.c_str());
          ++failed;
          return;
        }
        if (!written) return;
        written = write_file((std::filesystem::path(*out_dir) / name).string(), *envelope);
        if (!written) return;
        ++fetched;
        std::printf("%s\n", key.c_str());
      },
      [&](Status done) {
        listing = std::move(done);
        finished = true;
      });
  if (!run_until(*platform, finished)) return fail("the download never finished");
  if (!listing) return fail("cannot list " + *bucket + " under " + client::printable(*prefix, 200) + ": " + listing.error().detail);
  if (!written) return fail(written.error().detail);
  std::fprintf(stderr, "parley: fetched %zu of %zu envelopes; %zu failed\n", fetched, listed, failed);
  return failed ? kExitPartial : kExitOk;
}

int put(const Args& args) {
  const auto url = args.get("--url");
  if (!url) return sub_usage(kPutUsage, "s3-put needs --url", Needs::request_credentials);
  Bytes body;
  if (auto file = args.get("--body-file")) {
    auto data = read_file(*file, kMaxUploadFile);
    if (!data) return fail(data.error().detail, kExitUsage);
    body = std::move(*data);
  }
  sigv4::Headers headers;
  if (auto type = args.get("--content-type")) headers.emplace_back("Content-Type", *type);
  sigv4::Credentials credentials;
  if (auto ok = s3_credentials(args, credentials); !ok) return fail(ok.error().detail, kExitUsage);
  const auto platform = platform::make_platform();
  auto request = client::sign_s3_request("PUT", *url, std::move(body), std::move(headers), credentials,
                                         region_of(args), platform->now_unix());
  if (!request) return fail(request.error().detail, kExitUsage);
  const platform::HttpResponse answer = exchange(*platform, std::move(*request));
  if (answer.status < 200 || answer.status > 299) return fail("PUT " + *url + " refused: " + client::describe_answer(answer));
  return kExitOk;
}

}  // namespace

int cmd_store(int argc, char** argv) {
  const std::string sub = argc > 2 ? argv[2] : "";
  if (sub.empty() || sub == "-h" || sub == "--help") {
    std::string all = kStoreUsage;
    all += kExitHelp;
    return usage(all.c_str(), sub.empty() ? "missing subcommand" : "");
  }
  Args args(argc, argv, 3, {"--json", "--inbox-only"},
            {"--endpoint", "--bucket", "--prefix", "--region", "--access-key", "--secret-key-file", "--max-bytes",
             "--expires", "--now", "--origin", "--root", "--port", "--bind", "--location", "--error-log", "--url",
             "--out", "--body-file", "--content-type"});
  struct Sub {
    const char* name;
    const char* usage;
    Needs needs;
    int (*run)(const Args&);
  };
  static constexpr Sub kSubs[] = {
      {"s3-post-policy", kPostPolicyUsage, Needs::policy_credentials, post_policy},
      {"s3-cors", kCorsUsage, Needs::nothing, cors},
      {"s3-inbox-policy", kInboxUsage, Needs::nothing, inbox_policy},
      {"nginx-conf", kNginxUsage, Needs::nothing, nginx_conf},
      {"s3-list", kListUsage, Needs::request_credentials, list},
      {"s3-get", kGetUsage, Needs::request_credentials, get},
      {"s3-download", kDownloadUsage, Needs::request_credentials, download},
      {"s3-put", kPutUsage, Needs::request_credentials, put},
  };
  for (const auto& s : kSubs) {
    if (sub != s.name) continue;
    if (args.help()) return sub_usage(s.usage, "", s.needs);
    if (!args.error().empty()) return sub_usage(s.usage, args.error(), s.needs);
    if (!args.positionals().empty()) return sub_usage(s.usage, "unexpected argument " + args.positionals()[0], s.needs);
    // Known options that would put a credential into the shell's history, or a signing time
    // into a request that S3 checks against its own clock, are refused by name.
    if (args.get("--access-key")) return sub_usage(s.usage, "--access-key is not read from the command line: set $PARLEY_S3_ACCESS_KEY", s.needs);
    if (args.get("--now") && s.needs != Needs::policy_credentials) {
      return sub_usage(s.usage, "--now applies to s3-post-policy only: requests are signed when they are sent", s.needs);
    }
    return s.run(args);
  }
  std::string all = kStoreUsage;
  all += kExitHelp;
  return usage(all.c_str(), "unknown subcommand " + sub);
}

}  // namespace parley::cli
