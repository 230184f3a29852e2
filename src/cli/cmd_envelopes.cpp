// parley seal, open, aggregate, export
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/sources.h"
#include "cli/storage.h"
#include "client/storage_answer.h"
#include "client/submit.h"
#include "core/keyfile.h"
#include "core/release.h"
#include "core/utc_time.h"
#include "core/aggregate.h"
#include "core/favourable.h"
#include "core/json_read.h"
#include "core/listing.h"
#include "core/report.h"
#include "platform/platform.h"

namespace parley::cli {
namespace {

constexpr const char* kSealUsage =
    "Usage: parley seal --campaign TOKEN|FILE|LINK (--answers FILE | --mediation FILE)\n"
    "                   [--invite CODE] [--sent YYYY-MM-DDTHH:MM:SSZ] [--thread KEY]\n"
    "                   [--day YYYY-MM-DD] [--out DIR|FILE] [--put] [--count N]\n"
    "\n"
    "Seals one submission as the app does. --answers is a JSON object of question id -> answer\n"
    "(integer, list of option indices, or text); --mediation is a JSON object with what, who,\n"
    "outcome, urgency (low|normal|urgent) and contact; --thread KEY makes the request start a\n"
    "conversation (KEY: the thread key of the person's recovery phrase, from parley phrase).\n"
    "Writes the envelope under its object name (in the current folder by default) and prints the\n"
    "object name (the receipt). --count N seals the same submission N times into the folder --out\n"
    "(tests and load runs: every envelope differs), one name per line.\n"
    "\n"
    "A trustee campaign's submissions are sealed to its trustee with the invitee's code: give\n"
    "the personal link as --campaign, or --invite CODE. --sent is the time the trustee sees (by\n"
    "default now); of two answers with one code, the trustee releases the later.\n"
    "\n"
    "--put also uploads each envelope to the campaign's storage, once, exactly as the app sends it:\n"
    "a PUT for http-put storage, the campaign's POST policy form for S3 (no credentials needed).\n"
    "A name is printed only once the storage has it. When the storage refuses or cannot be reached,\n"
    "parley says why in plain words, with the storage's own answer in brackets, keeps the sealed\n"
    "envelope file and stops.\n"
    "\n"
    "Exit codes: 0 sealed (and stored, with --put), 1 failure (not sealed, or not stored), 2 usage\n"
    "(also: a trustee campaign without an invitation code).\n";

// Ten million 1-KiB envelopes are ~10 GB: beyond that a typo is likelier than a plan.
constexpr long kMaxSealCount = 10'000'000;

// Followed by kS3CredentialsHelp and kOpenExit (open_usage()).
constexpr const char* kOpenUsage =
    "Usage: parley open --key KEYFILE --campaign TOKEN|FILE|LINK [--today YYYY-MM-DD] [SOURCE...]\n"
    "       parley aggregate --key KEYFILE --campaign TOKEN|FILE|LINK [--today YYYY-MM-DD] [SOURCE...]\n"
    "       parley export (--csv|--json) --key KEYFILE --campaign TOKEN|FILE|LINK [--today YYYY-MM-DD]\n"
    "                     [--out FILE] [SOURCE...]\n"
    "\n"
    "SOURCE is an envelope file, a folder of them, or a storage listing URL (serve.py or nginx\n"
    "JSON autoindex). Without SOURCE the envelopes come from the campaign's own storage, where its\n"
    "manifest says: http-put storage is listed and read as is; S3 storage is listed and read with\n"
    "signed requests and read credentials of your own (below). open prints each opened submission\n"
    "as a JSON line; aggregate prints the results a manager sees (nothing until at least k\n"
    "responses); export writes them as CSV or JSON. Envelopes that cannot be opened or fetched are\n"
    "counted by reason and the rest still processed; a storage's refusal is said in plain words,\n"
    "with its own answer in brackets.\n"
    "The key file's passphrase is asked for, or read from --passphrase-file FILE (first line) or\n"
    "$PARLEY_PASSPHRASE.\n"
    "\n"
    "Direct campaigns: feedback is read only after the campaign's last day (reading while answers\n"
    "arrive would single out the newest); mediators read requests at any time. --today sets the\n"
    "day judged by (default: today, UTC).\n"
    "Trustee campaigns: only the trustee's release is read, never the envelopes (they are sealed\n"
    "to the trustee): SOURCE is a release file or a storage URL holding release.parley, and\n"
    "without SOURCE the campaign's storage is asked for release.parley. Its signature, manifest\n"
    "and count are checked; feedback readers open its answers, mediators its requests.\n"
    "\n"
    "S3 read credentials are needed only for a campaign's S3 storage, without SOURCE; the bucket,\n"
    "key prefix and region come from the manifest.\n";

constexpr const char* kOpenExit =
    "\n"
    "Exit codes: 0 all opened, 3 some could not be opened or read, 1 failure (also: the campaign's\n"
    "storage could not be listed, or its release is not valid), 2 usage (also: S3 read credentials\n"
    "missing), 4 not yet: a direct campaign before its close, a trustee campaign before its release.\n";

int open_usage(const std::string& problem) {
  const std::string text = std::string(kOpenUsage) + kS3CredentialsHelp + kOpenExit;
  return usage(text.c_str(), problem);
}

// The campaign named by --campaign, verified, with a personal link's invitation code.
struct LinkedCampaign {
  Campaign campaign;
  std::string invite;
};

Result<LinkedCampaign> load_campaign(const Args& args) {
  const auto where = args.get("--campaign");
  if (!where) return make_error(Errc::bad_input, "--campaign is required");
  auto link = read_link(*where);
  if (!link) return link.error();
  auto c = verify_manifest(link->token);
  if (!c) return make_error(c.error().code, std::string(to_string(c.error().code)) + ": " + c.error().detail);
  return LinkedCampaign{std::move(*c), std::move(link->invite)};
}

Result<Submission> read_submission(const Args& args, const Campaign& c) {
  const bool mediation = args.get("--mediation").has_value();
  const auto path = mediation ? args.get("--mediation") : args.get("--answers");
  if (!path) return make_error(Errc::bad_input, "give --answers or --mediation");
  auto text = read_text(*path, kMaxJsonInput);
  if (!text) return text.error();
  auto body = parse_json(*text, mediation ? "The mediation request" : "The answers");
  if (!body) return body.error();
  auto manifest = manifest_hash(c);
  if (!manifest) return manifest.error();
  json contents = {{"v", kContentsVersion}, {"campaign", c.id}, {"manifest", hex_encode(Bytes(manifest->begin(), manifest->end()))}};
  if (mediation) {
    contents["kind"] = "mediation";
    contents["day"] = args.get("--day").value_or(platform::today_utc());
    contents["request"] = *body;
    if (auto thread = args.get("--thread")) contents["thread"] = *thread;
  } else {
    contents["kind"] = "feedback";
    contents["answers"] = *body;
  }
  return decode_submission(to_bytes(dump_canonical(contents)), c);
}

// Everything printed from a campaign or an answer is untrusted text: one line per record, with
// control and bidirectional characters taken out (client::printable), so that a comment cannot
// forge lines of the summary or rewrite the terminal. The JSON and CSV exports keep the text whole.
std::string line_of(const std::string& untrusted) { return client::printable(untrusted, SIZE_MAX); }

int print_result(const Campaign& c, const AggregateResult& r) {
  std::printf("%s\n%zu responses (results shown from k = %d)\n", line_of(c.title).c_str(), r.responses, r.k);
  if (!r.visible) {
    std::printf("Results stay hidden until at least %d people have answered.\n", r.k);
    return kExitOk;
  }
  for (const auto& q : r.questions) {
    std::printf("\n[%s] %s\n", to_string(q.type), line_of(q.text).c_str());
    if (!q.visible) {  // not even how many: the same rule as the app's
      std::printf("  hidden: fewer than %d answers\n", r.k);
      continue;
    }
    std::printf("  answered: %zu\n", q.answered);
    if (q.type == QuestionType::likert || q.type == QuestionType::enps) std::printf("  mean %.2f, median %.1f\n", q.mean, q.median);
    if (q.type == QuestionType::enps) {
      // The app's figure (core/favourable.h rounds halves away from zero; printf's %.0f would
      // round them to even, so +12.5 read +12 here and +13 in the app).
      std::printf("  eNPS %+d (promoters %zu, passives %zu, detractors %zu)\n", enps_score(q).value_or(0), q.promoters, q.passives,
                  q.detractors);
    }
    for (std::size_t i = 0; i < q.counts.size(); ++i) {
      const std::string label = q.type == QuestionType::likert ? std::to_string(i + 1)
                                : q.type == QuestionType::enps ? std::to_string(i)
                                                               : line_of(q.options[i]);
      std::printf("  %-24s %zu\n", label.c_str(), q.counts[i]);
    }
    for (const auto& comment : q.comments) std::printf("  - %s\n", line_of(comment).c_str());
  }
  return kExitOk;
}

}  // namespace

int cmd_seal(int argc, char** argv) {
  Args args(argc, argv, 2, {"--put"},
            {"--campaign", "--answers", "--mediation", "--day", "--out", "--count", "--invite", "--sent", "--thread"});
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
  if (args.get("--thread") && !args.get("--mediation")) return usage(kSealUsage, "--thread is for a mediation request");
  auto linked = load_campaign(args);
  if (!linked) return fail(linked.error().detail);
  const Campaign& c = linked->campaign;
  std::string invite = linked->invite;
  if (auto given = args.get("--invite")) {
    auto code = split_link("#c=x.y&i=" + *given);  // the same reading as a personal link's code
    if (!code) return usage(kSealUsage, "--invite: " + code.error().detail);
    if (!invite.empty() && invite != code->invite) return usage(kSealUsage, "--invite differs from the personal link's code");
    invite = code->invite;
  }
  if (client::link_access(c, invite) == client::LinkAccess::needs_invitation) {
    return usage(kSealUsage, "this is a trustee campaign: give the invitee's personal link as --campaign, or --invite CODE");
  }
  const auto platform = platform::make_platform();
  std::int64_t sent = platform->now_unix();
  if (auto at = args.get("--sent")) {
    auto instant = parse_instant(*at);
    if (!instant) return usage(kSealUsage, "--sent must be an instant such as 2026-11-20T09:15:00Z");
    sent = unix_from_utc(*instant);
  }
  auto s = read_submission(args, c);
  if (!s) return fail(s.error().detail);
  const std::string kind = s->kind == SubmissionKind::mediation ? "mediation" : "feedback";
  SystemRng rng;
  for (long i = 0; i < count; ++i) {
    auto envelope = client::seal_for_storage(c, *s, invite, sent, rng);
    if (!envelope) return fail(envelope.error().detail);
    const std::string name = object_name(*envelope);
    const std::string path = to_folder ? (std::filesystem::path(out) / name).string() : out;
    if (auto ok = write_file(path, *envelope); !ok) return fail(ok.error().detail);
    if (args.flag("--put")) {
      auto up = upload_envelope(*platform, c, *envelope, kind, rng);
      if (!up) return fail(name + " could not be prepared for the storage: " + up.error().detail + " It stays in " + path + ".");
      if (!up->stored) return fail(name + " was not stored: " + up->reason + " The sealed envelope stays in " + path + ".");
    }
    std::printf("%s\n", name.c_str());
    std::fflush(stdout);  // each receipt as soon as it is true, also when a later upload fails
  }
  return kExitOk;
}

namespace {

bool has_key(const std::vector<Key32>& keys, const Key32& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); }

// "release of 2027-01-02: 6 answers, 1 mediation request, 8 invitations; not released: replaced 1"
std::string release_line(const Release& r) {
  std::string line = "release of " + r.released + ": " + std::to_string(r.feedback.size()) + " answers, " +
                     std::to_string(r.mediation.size()) + (r.mediation.size() == 1 ? " mediation request, " : " mediation requests, ") +
                     std::to_string(r.invitations) + " invitations";
  if (!r.refused.empty()) {
    line += "; not released by the trustee:";
    bool first = true;
    for (const auto& [reason, n] : r.refused) {
      line += (first ? " " : ", ") + reason + " " + std::to_string(n);
      first = false;
    }
  }
  return line;
}

}  // namespace

int cmd_open(int argc, char** argv) {
  const std::string command = argv[1];
  Args args(argc, argv, 2, {"--csv", "--json"},
            {"--key", "--campaign", "--out", "--passphrase-file", "--secret-key-file", "--today"});
  if (args.help() || !args.error().empty()) return open_usage(args.error());
  const auto key_path = args.get("--key");
  if (!key_path) return open_usage("give --key and --campaign");
  if (command == "export" && args.flag("--csv") == args.flag("--json")) return open_usage("export needs --csv or --json");
  const std::string today = args.get("--today").value_or(platform::today_utc());
  if (!is_valid_day(today)) return open_usage("--today must be a day such as 2027-01-02");
  auto linked = load_campaign(args);
  if (!linked) return fail(linked.error().detail);
  const Campaign* c = &linked->campaign;
  auto key_text = read_text(*key_path, kMaxSmallFile);
  if (!key_text) return fail(key_text.error().detail);
  auto info = inspect_keyfile(*key_text);
  if (!info) return fail(std::string(to_string(info.error().code)) + ": " + info.error().detail);
  const bool mediator = has_key(c->mediation_to, info->recipient);
  // Direct mode: feedback only after the last day; a mediator's requests at any time.
  bool withhold_feedback = false;
  if (!c->trustee && !results_may_open(*c, today)) {
    if (!mediator) {
      return fail("the results of this campaign open after it closes on " + c->closes +
                      ": reading them while answers arrive could single out the newest (today is " + today + ")",
                  kExitRules);
    }
    withhold_feedback = true;
    std::fprintf(stderr, "parley: feedback is read after the campaign closes on %s; mediation requests only\n", c->closes.c_str());
  }
  // With no source, the campaign's own storage: its reader (for S3 with read credentials) is made
  // before the passphrase is asked for, so that a missing credential costs no prompt.
  const auto platform = platform::make_platform();
  std::shared_ptr<client::StorageReader> storage;
  if (args.positionals().empty()) {
    sigv4::Credentials credentials;
    if (c->storage.kind == kStorageS3) {
      if (auto ok = s3_credentials(args, credentials); !ok) {
        return open_usage("reading this campaign's S3 storage needs read credentials: " + ok.error().detail);
      }
    }
    auto reader = client::make_storage_reader(*platform, c->storage, credentials, {true});
    if (!reader) return fail("cannot read the campaign's storage " + c->storage.url + ": " + reader.error().detail);
    storage = std::move(*reader);
  } else if (c->trustee && args.positionals().size() > 1) {
    return open_usage("a trustee campaign has one release: give one release file or storage URL");
  }
  // Trustee mode: the release is fetched and checked before the passphrase is asked for too.
  std::optional<Release> release;
  if (c->trustee) {
    auto bytes = load_release(*platform, args.positionals(), storage);
    if (!bytes) return fail("cannot read the release: " + bytes.error().detail);
    if (!*bytes) {
      return fail("no release yet: waiting for " + client::printable(c->trustee->label, SIZE_MAX) +
                      " to release the results after " + c->closes,
                  kExitRules);
    }
    auto read = read_release(*c, **bytes);
    if (!read) return fail("the release cannot be used: " + std::string(to_string(read.error().code)) + ": " + read.error().detail);
    release = std::move(*read);
    std::fprintf(stderr, "%s\n", release_line(*release).c_str());
  }
  auto pass = read_passphrase(args, "Passphrase: ", false);
  if (!pass) return fail(pass.error().detail);
  auto keys = unwrap_keyset(*key_text, pass->view());
  if (!keys) return fail(std::string(to_string(keys.error().code)) + ": " + keys.error().detail);

  std::size_t unreadable = 0, total = 0;
  Opened opened;
  if (release) {
    opened = open_release(*release, keys->recipient, *c);
    total = opened.submissions.size();
    for (const auto& [reason, n] : opened.failures) total += n;
  } else {
    std::vector<Envelope> envelopes;
    if (storage) {
      if (auto listed = load_storage(*platform, std::move(storage), c->storage.url, envelopes, unreadable); !listed) {
        return fail("cannot list the campaign's storage " + c->storage.url + ": " + listed.error().detail);
      }
    } else {
      envelopes = load_envelopes(*platform, args.positionals(), unreadable);
    }
    opened = open_all(envelopes, keys->recipient, *c);
    total = envelopes.size() + unreadable;
  }
  if (withhold_feedback) {
    auto& subs = opened.submissions;
    subs.erase(std::remove_if(subs.begin(), subs.end(), [](const auto& s) { return s.second.kind == SubmissionKind::feedback; }),
               subs.end());
  }
  std::fprintf(stderr, "%s\n", summary(opened, total).c_str());
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
