// parley store: preparing storage for a campaign (POST policies, bucket CORS and policies,
// an nginx site) and SigV4-signed S3 requests for managers' batch work and the tests.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/nginx_conf.h"
#include "cli/s3_client.h"
#include "core/listing.h"
#include "core/s3_bucket_setup.h"
#include "core/s3_post_policy.h"

namespace parley::cli {
namespace {

constexpr const char* kCredentialsHelp =
    "Credentials: --access-key K or $PARLEY_S3_ACCESS_KEY, and --secret-key-file F (its first\n"
    "line) or $PARLEY_S3_SECRET_KEY; never the secret itself on the command line. --now\n"
    "YYYYMMDDTHHMMSSZ signs as of that time instead of the system clock.\n";

constexpr const char* kExitHelp =
    "Exit codes: 0 success, 1 failure (the storage's refusal is printed as HTTP status and S3\n"
    "error code), 2 usage error, 3 (s3-download) some envelopes could not be fetched.\n";

constexpr const char* kPostPolicyUsage =
    "Usage: parley store s3-post-policy --endpoint URL --bucket B --prefix P --region R\n"
    "           --max-bytes N --expires YYYY-MM-DD [--access-key K] [--secret-key-file F] [--now T]\n"
    "\n"
    "Prints, as JSON, the presigned POST form that lets anyone upload objects whose key starts\n"
    "with P (ending in /), of 1 to N bytes, into bucket B at URL (path-style: the form posts to\n"
    "URL/B/), until the end of the --expires day (00:00 UTC the day after; use the campaign's\n"
    "close day). The fields go into the campaign; the secret key stays here.\n";

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
    "           [--location /store/] [--max-bytes N] [--inbox-only] [--error-log FILE]\n"
    "\n"
    "Prints an nginx server block that stores PUT bodies under DIR (WebDAV), lists a campaign as\n"
    "JSON at <location><campaign>/ (not with --inbox-only, which allows PUT only), answers CORS\n"
    "for the app at URL and logs no client address. Defaults: --bind 127.0.0.1, --max-bytes\n"
    "1048576, --error-log /var/log/nginx/parley-error.log.\n";

constexpr const char* kListUsage =
    "Usage: parley store s3-list --endpoint URL --bucket B [--prefix P] [--region R] [--json]\n"
    "           [--access-key K] [--secret-key-file F] [--now T]\n"
    "\n"
    "Lists the objects of bucket B under P (ListObjectsV2, every page): one key per line, or a\n"
    "JSON array of {\"key\",\"size\"} with --json. --region defaults to $PARLEY_S3_REGION or us-east-1.\n";

constexpr const char* kGetUsage =
    "Usage: parley store s3-get --url URL [--out FILE] [--region R]\n"
    "           [--access-key K] [--secret-key-file F] [--now T]\n"
    "\n"
    "Fetches one object (path-style URL: ENDPOINT/BUCKET/KEY) with a signed GET and writes it to\n"
    "FILE or standard output.\n";

constexpr const char* kDownloadUsage =
    "Usage: parley store s3-download --endpoint URL --bucket B --prefix P --out DIR [--region R]\n"
    "           [--access-key K] [--secret-key-file F] [--now T]\n"
    "\n"
    "Lists every object under P (ending in /) and fetches each envelope (P + hex name + .parley)\n"
    "into DIR under its name, for parley open|aggregate|export DIR. Prints each key fetched;\n"
    "other keys are skipped. Exit 3 when some objects could not be fetched.\n";

constexpr const char* kPutUsage =
    "Usage: parley store s3-put --url URL [--body-file FILE] [--content-type T] [--region R]\n"
    "           [--access-key K] [--secret-key-file F] [--now T]\n"
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

int sub_usage(const char* text, const std::string& problem, bool credentials) {
  std::string full = text;
  full += "\n";
  if (credentials) full += kCredentialsHelp;
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
Result<sigv4::Url> endpoint_of(const std::string& text) {
  auto url = sigv4::parse_url(text);
  if (!url) return url.error();
  if (url->path != "/" || !url->query.empty())
    return make_error(Errc::bad_input, "--endpoint must be scheme://host[:port] without a path");
  return url;
}

// ENDPOINT/BUCKET/: where ListObjectsV2 goes and object keys are appended.
std::string bucket_url(const sigv4::Url& endpoint, const std::string& bucket) {
  return endpoint.scheme + "://" + endpoint.host + "/" + bucket + "/";
}

int post_policy(const Args& args) {
  const auto endpoint_text = args.get("--endpoint");
  const auto max_bytes = parse_count(args.get("--max-bytes"));
  if (!endpoint_text || !args.get("--bucket") || !args.get("--prefix") || !args.get("--region") || !max_bytes ||
      !args.get("--expires")) {
    return sub_usage(kPostPolicyUsage,
                     "s3-post-policy needs --endpoint, --bucket, --prefix, --region, --max-bytes N and --expires",
                     true);
  }
  auto endpoint = endpoint_of(*endpoint_text);
  if (!endpoint) return fail(endpoint.error().detail, kExitUsage);
  auto expires = s3::expiry_after_day(*args.get("--expires"));
  if (!expires) return fail("--expires: " + expires.error().detail, kExitUsage);
  auto credentials = s3_credentials(args);
  if (!credentials) return fail(credentials.error().detail, kExitUsage);
  auto now = signing_time(args);
  if (!now) return fail("--now: " + now.error().detail, kExitUsage);

  s3::PostPolicyInput in;
  in.bucket = *args.get("--bucket");
  in.key_prefix = *args.get("--prefix");
  in.max_bytes = *max_bytes;
  in.expires = *expires;
  in.credentials = *credentials;
  in.region = *args.get("--region");
  in.amz_date = *now;
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
  if (!origin) return sub_usage(kCorsUsage, "s3-cors needs --origin", false);
  auto xml = s3::bucket_cors_xml(*origin);
  if (!xml) return fail(xml.error().detail, kExitUsage);
  std::fputs(xml->c_str(), stdout);
  return kExitOk;
}

int inbox_policy(const Args& args) {
  const auto bucket = args.get("--bucket");
  const auto prefix = args.get("--prefix");
  if (!bucket || !prefix) return sub_usage(kInboxUsage, "s3-inbox-policy needs --bucket and --prefix", false);
  auto policy = s3::inbox_bucket_policy(*bucket, *prefix);
  if (!policy) return fail(policy.error().detail, kExitUsage);
  std::fputs(policy->c_str(), stdout);
  return kExitOk;
}

int nginx_conf(const Args& args) {
  const auto root = args.get("--root");
  const auto origin = args.get("--origin");
  const auto port = parse_count(args.get("--port"));
  if (!root || !origin || !port) return sub_usage(kNginxUsage, "nginx-conf needs --root, --origin and --port", false);
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
    if (!max) return sub_usage(kNginxUsage, "--max-bytes must be a number", false);
    site.max_bytes = *max;
  }
  auto conf = nginx_server_block(site);
  if (!conf) return fail(conf.error().detail, kExitUsage);
  std::fputs(conf->c_str(), stdout);
  return kExitOk;
}

struct Signer {
  sigv4::Credentials credentials;
  std::string region;
  std::string now;
};

// Credentials, region and time for the request commands; prints the problem on failure.
std::optional<Signer> signer_from(const Args& args) {
  auto credentials = s3_credentials(args);
  if (!credentials) {
    fail(credentials.error().detail);
    return std::nullopt;
  }
  auto now = signing_time(args);
  if (!now) {
    fail("--now: " + now.error().detail);
    return std::nullopt;
  }
  return Signer{*credentials, region_of(args), *now};
}

int list(const Args& args) {
  const auto endpoint_text = args.get("--endpoint");
  const auto bucket = args.get("--bucket");
  if (!endpoint_text || !bucket) return sub_usage(kListUsage, "s3-list needs --endpoint and --bucket", true);
  auto endpoint = endpoint_of(*endpoint_text);
  if (!endpoint) return fail(endpoint.error().detail, kExitUsage);
  if (auto ok = s3::check_bucket_name(*bucket); !ok) return fail(ok.error().detail, kExitUsage);
  const auto signer = signer_from(args);
  if (!signer) return kExitUsage;

  auto objects = s3_list_objects(bucket_url(*endpoint, *bucket), args.get("--prefix").value_or(""),
                                 signer->credentials, signer->region, signer->now);
  if (!objects) return fail(objects.error().detail);

  if (args.flag("--json")) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& o : *objects) out.push_back({{"key", o.key}, {"size", o.size}});
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  } else {
    for (const auto& o : *objects) std::printf("%s\n", o.key.c_str());
  }
  return kExitOk;
}

int get(const Args& args) {
  const auto url = args.get("--url");
  if (!url) return sub_usage(kGetUsage, "s3-get needs --url", true);
  const auto signer = signer_from(args);
  if (!signer) return kExitUsage;
  auto r = s3_request("GET", *url, {}, {}, signer->credentials, signer->region, signer->now);
  if (!r) return fail(r.error().detail, kExitUsage);
  if (r->status != 200) return fail("cannot fetch " + *url + ": " + describe_failure(*r));
  if (auto out = args.get("--out")) {
    if (auto ok = write_file(*out, r->body); !ok) return fail(ok.error().detail);
  } else if (!r->body.empty() && std::fwrite(r->body.data(), 1, r->body.size(), stdout) != r->body.size()) {
    return fail("cannot write to standard output");
  }
  return kExitOk;
}

int download(const Args& args) {
  const auto endpoint_text = args.get("--endpoint");
  const auto bucket = args.get("--bucket");
  const auto prefix = args.get("--prefix");
  const auto out_dir = args.get("--out");
  if (!endpoint_text || !bucket || !prefix || !out_dir)
    return sub_usage(kDownloadUsage, "s3-download needs --endpoint, --bucket, --prefix and --out", true);
  auto endpoint = endpoint_of(*endpoint_text);
  if (!endpoint) return fail(endpoint.error().detail, kExitUsage);
  if (auto ok = s3::check_bucket_name(*bucket); !ok) return fail(ok.error().detail, kExitUsage);
  std::error_code ec;
  if (!std::filesystem::is_directory(*out_dir, ec)) return fail("--out must be an existing folder", kExitUsage);
  const auto signer = signer_from(args);
  if (!signer) return kExitUsage;

  const std::string base = bucket_url(*endpoint, *bucket);
  auto objects = s3_list_objects(base, *prefix, signer->credentials, signer->region, signer->now);
  if (!objects) return fail(objects.error().detail);
  std::size_t skipped = 0, failed = 0;
  for (const auto& o : *objects) {
    const std::string name = o.key.compare(0, prefix->size(), *prefix) == 0 ? o.key.substr(prefix->size()) : "";
    if (!is_envelope_name(name)) {
      ++skipped;
      continue;
    }
    auto r = s3_request("GET", base + sigv4::uri_encode(o.key, true), {}, {}, signer->credentials, signer->region,
                        signer->now);
    if (!r || r->status != 200) {
      std::fprintf(stderr, "parley: cannot fetch %s: %s\n", o.key.c_str(),
                   r ? describe_failure(*r).c_str() : r.error().detail.c_str());
      ++failed;
      continue;
    }
    if (auto ok = write_file((std::filesystem::path(*out_dir) / name).string(), r->body); !ok) {
      return fail(ok.error().detail);
    }
    std::printf("%s\n", o.key.c_str());
  }
  std::fprintf(stderr, "parley: fetched %zu of %zu objects; %zu not envelope names, %zu failed\n",
               objects->size() - skipped - failed, objects->size(), skipped, failed);
  return failed ? kExitPartial : kExitOk;
}

int put(const Args& args) {
  const auto url = args.get("--url");
  if (!url) return sub_usage(kPutUsage, "s3-put needs --url", true);
  Bytes body;
  if (auto file = args.get("--body-file")) {
    auto data = read_file(*file);
    if (!data) return fail(data.error().detail, kExitUsage);
    body = std::move(*data);
  }
  sigv4::Headers headers;
  if (auto type = args.get("--content-type")) headers.emplace_back("Content-Type", *type);
  const auto signer = signer_from(args);
  if (!signer) return kExitUsage;
  auto r = s3_request("PUT", *url, body, headers, signer->credentials, signer->region, signer->now);
  if (!r) return fail(r.error().detail, kExitUsage);
  if (r->status < 200 || r->status > 299) return fail("PUT " + *url + " refused: " + describe_failure(*r));
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
    bool credentials;
    int (*run)(const Args&);
  };
  static constexpr Sub kSubs[] = {
      {"s3-post-policy", kPostPolicyUsage, true, post_policy},
      {"s3-cors", kCorsUsage, false, cors},
      {"s3-inbox-policy", kInboxUsage, false, inbox_policy},
      {"nginx-conf", kNginxUsage, false, nginx_conf},
      {"s3-list", kListUsage, true, list},
      {"s3-get", kGetUsage, true, get},
      {"s3-download", kDownloadUsage, true, download},
      {"s3-put", kPutUsage, true, put},
  };
  for (const auto& s : kSubs) {
    if (sub != s.name) continue;
    if (args.help()) return sub_usage(s.usage, "", s.credentials);
    if (!args.error().empty()) return sub_usage(s.usage, args.error(), s.credentials);
    if (!args.positionals().empty())
      return sub_usage(s.usage, "unexpected argument " + args.positionals()[0], s.credentials);
    return s.run(args);
  }
  std::string all = kStoreUsage;
  all += kExitHelp;
  return usage(all.c_str(), "unknown subcommand " + sub);
}

}  // namespace parley::cli
