// parley seal, open, aggregate, export
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/sources.h"
#include "core/aggregate.h"
#include "core/json_read.h"
#include "core/listing.h"
#include "core/report.h"
#include "platform/platform_native.h"

namespace parley::cli {
namespace {

constexpr const char* kSealUsage =
    "Usage: parley seal --campaign TOKEN|FILE|LINK (--answers FILE | --mediation FILE)\n"
    "                   [--day YYYY-MM-DD] [--out DIR|FILE] [--put] [--count N]\n"
    "\n"
    "Seals one submission as the app does. --answers is a JSON object of question id -> answer\n"
    "(integer, list of option indices, or text); --mediation is a JSON object with what, who,\n"
    "outcome, urgency (low|normal|urgent) and contact. Writes the envelope under its object name\n"
    "(in the current folder by default); --put also uploads it to the campaign's storage (http-put only).\n"
    "Prints the object name (the receipt). --count N seals the same submission N times into the\n"
    "folder --out (tests and load runs: every envelope differs), one name per line.\n";

// Ten million 1-KiB envelopes are ~10 GB: beyond that a typo is likelier than a plan.
constexpr long kMaxSealCount = 10'000'000;

constexpr const char* kOpenUsage =
    "Usage: parley open --key KEYFILE --campaign TOKEN|FILE|LINK SOURCE...\n"
    "       parley aggregate --key KEYFILE --campaign TOKEN|FILE|LINK SOURCE...\n"
    "       parley export (--csv|--json) --key KEYFILE --campaign TOKEN|FILE|LINK [--out FILE] SOURCE...\n"
    "\n"
    "SOURCE is an envelope file, a folder of them, or a storage listing URL (serve.py or nginx\n"
    "JSON autoindex). open prints each opened submission as a JSON line; aggregate prints the\n"
    "results a manager sees (nothing until at least k responses); export writes them as CSV or\n"
    "JSON. Envelopes that cannot be opened are counted by reason and the rest still processed.\n"
    "The key file's passphrase is asked for, or read from --passphrase-file FILE (first line) or\n"
    "$PARLEY_PASSPHRASE.\n"
    "\n"
    "Exit codes: 0 all opened, 3 some could not be opened or read, 1 failure, 2 usage.\n";


Result<Campaign> load_campaign(const Args& args) {
  const auto where = args.get("--campaign");
  if (!where) return make_error(Errc::bad_input, "--campaign is required");
  auto token = read_token(*where);
  if (!token) return token.error();
  auto c = verify_manifest(*token);
  if (!c) return make_error(c.error().code, std::string(to_string(c.error().code)) + ": " + c.error().detail);
  return c;
}

Result<Submission> read_submission(const Args& args, const Campaign& c) {
  const bool mediation = args.get("--mediation").has_value();
  const auto path = mediation ? args.get("--mediation") : args.get("--answers");
  if (!path) return make_error(Errc::bad_input, "give --answers or --mediation");
  auto text = read_text(*path);
  if (!text) return text.error();
  auto body = parse_json(*text, mediation ? "The mediation request" : "The answers");
  if (!body) return body.error();
  json contents = {{"v", 1}, {"campaign", c.id}};
  if (mediation) {
    contents["kind"] = "mediation";
    contents["day"] = args.get("--day").value_or(platform::today_utc());
    contents["request"] = *body;
  } else {
    contents["kind"] = "feedback";
    contents["answers"] = *body;
  }
  return decode_submission(to_bytes(dump_canonical(contents)), c.id);
}

int print_result(const Campaign& c, const AggregateResult& r) {
  std::printf("%s\n%zu responses (results shown from k = %d)\n", c.title.c_str(), r.responses, r.min_group);
  if (!r.visible) {
    std::printf("Results stay hidden until at least %d people have answered.\n", r.min_group);
    return kExitOk;
  }
  for (const auto& q : r.questions) {
    std::printf("\n[%s] %s\n  answered: %zu\n", to_string(q.type), q.text.c_str(), q.answered);
    if (!q.visible) {
      std::printf("  hidden: fewer than %d answers\n", r.min_group);
      continue;
    }
    if (q.type == QuestionType::likert || q.type == QuestionType::enps) std::printf("  mean %.2f, median %.1f\n", q.mean, q.median);
    if (q.type == QuestionType::enps) {
      std::printf("  eNPS %+.0f (promoters %zu, passives %zu, detractors %zu)\n", q.enps, q.promoters, q.passives, q.detractors);
    }
    for (std::size_t i = 0; i < q.counts.size(); ++i) {
      const std::string label = q.type == QuestionType::likert ? std::to_string(i + 1)
                                : q.type == QuestionType::enps ? std::to_string(i)
                                                               : q.options[i];
      std::printf("  %-24s %zu\n", label.c_str(), q.counts[i]);
    }
    for (const auto& comment : q.comments) std::printf("  - %s\n", comment.c_str());
  }
  return kExitOk;
}

}  // namespace

int cmd_seal(int argc, char** argv) {
  Args args(argc, argv, 2, {"--put"}, {"--campaign", "--answers", "--mediation", "--day", "--out", "--count"});
  if (args.help() || !args.error().empty()) return usage(kSealUsage, args.error());
  const std::string count_text = args.get("--count").value_or("1");
  const long count = std::strtol(count_text.c_str(), nullptr, 10);
  if (count < 1 || count > kMaxSealCount || count_text.find_first_not_of("0123456789") != std::string::npos) {
    return usage(kSealUsage, "--count must be 1.." + std::to_string(kMaxSealCount));
  }
  const std::string out = args.get("--out").value_or(".");
  std::error_code ec;
  const bool to_folder = std::filesystem::is_directory(out, ec);
  if (count > 1 && !to_folder) return usage(kSealUsage, "--count needs --out to be an existing folder");
  auto c = load_campaign(args);
  if (!c) return fail(c.error().detail);
  if (args.flag("--put") && c->storage.kind != kStorageHttpPut) {
    return fail("--put supports http-put storage; this campaign uses " + c->storage.kind);
  }
  auto s = read_submission(args, *c);
  if (!s) return fail(s.error().detail);
  SystemRng rng;
  for (long i = 0; i < count; ++i) {
    auto envelope = seal_submission(*c, *s, rng);
    if (!envelope) return fail(envelope.error().detail);
    const std::string name = object_name(*envelope);
    const std::string path = to_folder ? (std::filesystem::path(out) / name).string() : out;
    if (auto ok = write_file(path, *envelope); !ok) return fail(ok.error().detail);
    if (args.flag("--put")) {
      const std::string url = storage_prefix(c->storage.url) + name;
      const auto r = platform::http_blocking({"PUT", url, {{"Content-Type", "application/octet-stream"}}, *envelope});
      if (r.status != 200 && r.status != 201) {
        return fail("upload refused: " + (r.status ? "HTTP " + std::to_string(r.status) + " " + to_string(r.body) : r.error));
      }
    }
    std::printf("%s\n", name.c_str());
  }
  return kExitOk;
}

int cmd_open(int argc, char** argv) {
  const std::string command = argv[1];
  Args args(argc, argv, 2, {"--csv", "--json"}, {"--key", "--campaign", "--out", "--passphrase-file"});
  if (args.help() || !args.error().empty()) return usage(kOpenUsage, args.error());
  const auto key_path = args.get("--key");
  if (!key_path || args.positionals().empty()) return usage(kOpenUsage, "give --key, --campaign and at least one SOURCE");
  if (command == "export" && args.flag("--csv") == args.flag("--json")) return usage(kOpenUsage, "export needs --csv or --json");
  auto c = load_campaign(args);
  if (!c) return fail(c.error().detail);
  auto key_text = read_text(*key_path);
  if (!key_text) return fail(key_text.error().detail);
  auto pass = read_passphrase(args, "Passphrase: ", false);
  if (!pass) return fail(pass.error().detail);
  auto keys = unwrap_keyset(*key_text, *pass);
  if (!keys) return fail(std::string(to_string(keys.error().code)) + ": " + keys.error().detail);

  std::size_t unreadable = 0;
  const auto envelopes = load_envelopes(args.positionals(), unreadable);
  const Opened opened = open_all(envelopes, keys->recipient, c->id);
  std::fprintf(stderr, "%s\n", summary(opened, envelopes.size() + unreadable).c_str());
  const int status = (opened.failures.empty() && unreadable == 0) ? kExitOk : kExitPartial;

  if (command == "open") {
    for (const auto& [name, s] : opened.submissions) {
      auto contents = encode_submission(s);
      if (!contents) continue;
      auto j = parse_json(to_string(*contents), "contents");
      (*j)["object"] = name;
      std::printf("%s\n", dump_canonical(*j).c_str());
    }
    return status;
  }
  Aggregator agg(*c);
  for (const auto& [name, s] : opened.submissions) agg.add(s);
  SystemRng rng;
  const AggregateResult result = agg.result(rng);
  if (command == "aggregate") {
    print_result(*c, result);
    return status;
  }
  const std::string text = args.flag("--csv") ? aggregate_to_csv(result)
                                              : aggregate_to_json(result).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  if (auto out = args.get("--out")) {
    if (auto ok = write_file(*out, to_bytes(text)); !ok) return fail(ok.error().detail);
  } else {
    std::fputs(text.c_str(), stdout);
  }
  return status;
}

int cmd_aggregate(int argc, char** argv) { return cmd_open(argc, argv); }
int cmd_export(int argc, char** argv) { return cmd_open(argc, argv); }

}  // namespace parley::cli
