// parley invite, parley release: a trustee's two tasks (docs/FORMAT.md, "Invitations" and
// "Release"), through parley_client's InvitationSheet, ReleaseFlow and trustee storage writes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/sources.h"
#include "cli/storage.h"
#include "client/invitation_sheet.h"
#include "client/release_flow.h"
#include "client/storage_answer.h"
#include "core/invitations.h"
#include "core/keyfile.h"
#include "core/listing.h"
#include "platform/platform.h"

namespace parley::cli {
namespace {

constexpr const char* kInviteUsage =
    "Usage: parley invite --key TRUSTEE.key --campaign LINK --count N --out DIR [--put]\n"
    "                     [--passphrase-file FILE] [--secret-key-file FILE]\n"
    "\n"
    "Makes N invitations (1..100000) for a trustee campaign: DIR/invitations.csv holds, for\n"
    "each, its index, its code and the invitee's personal link (the campaign link with the code\n"
    "in its fragment), for a mail merge; only the trustee and each invitee should ever see a\n"
    "code, so the file is readable by its owner only. DIR/invitations.parley is the signed\n"
    "statement of how many invitations there are, which everyone may read; --put stores it\n"
    "beside the campaign's envelopes as invitations.parley (a PUT on http-put storage; on S3 a\n"
    "PUT signed with the trustee's own credentials, below). Codes are derived from the trustee's\n"
    "key and the campaign, so running this again makes the same links; a larger N keeps them.\n"
    "LINK is the campaign's link (with the app's address), a link file, or a personal link.\n"
    "The key file's passphrase is asked for, or read from --passphrase-file FILE or\n"
    "$PARLEY_PASSPHRASE.\n"
    "\n";

constexpr const char* kReleaseUsage =
    "Usage: parley release --key TRUSTEE.key --campaign LINK [SOURCE...] [--today YYYY-MM-DD]\n"
    "                      [--invitations N] (--out FILE | --put) [--passphrase-file FILE]\n"
    "                      [--secret-key-file FILE]\n"
    "\n"
    "Releases a trustee campaign's results, once, after its last day: reads every envelope, opens\n"
    "each with the trustee's key, keeps one answer per invitation code (the later one when a code\n"
    "answered twice), counts the rest by reason, and only if at least k answers remain signs one\n"
    "release holding the answers' inner envelopes in random order, without names or times.\n"
    "--put stores it as release.parley beside the envelopes (written once: a second release is\n"
    "refused); --out writes it to FILE.\n"
    "SOURCE is a folder copied from the storage (files named as envelopes) or a storage listing\n"
    "URL; without SOURCE the campaign's own storage is listed and read. The number of invitations\n"
    "comes from the storage's invitations.parley, or --invitations N (both: they must agree);\n"
    "with SOURCE, --out and --invitations nothing is asked of the storage. Before anything is\n"
    "read, an existing release.parley is looked for. --today sets the day (default: today, UTC).\n"
    "Prints what was released and, by reason, what was not.\n"
    "\n";

constexpr const char* kCredentialsNote =
    "S3 storage: the trustee lists, reads and writes with credentials of its own (a campaign's POST\n"
    "policy admits only envelope-sized uploads).\n";

constexpr const char* kInviteExit = "\nExit codes: 0 made (and stored, with --put), 1 failure, 2 usage.\n";
constexpr const char* kReleaseExit =
    "\nExit codes: 0 released (stored with --put, written with --out), 1 failure (nothing stored),\n"
    "2 usage, 4 refused by the campaign's rules: on or before its last day, fewer than k valid\n"
    "answers, or already released.\n";

int usage_with_credentials(const char* text, const char* exit_codes, const std::string& problem) {
  const std::string all = std::string(text) + kCredentialsNote + kS3CredentialsHelp + exit_codes;
  return usage(all.c_str(), problem);
}

struct TrusteeInputs {
  Campaign campaign;
  std::string link;      // as given, for personal links
  std::string key_text;  // the key file
};

Result<TrusteeInputs> read_inputs(const Args& args) {
  TrusteeInputs in;
  const auto where = args.get("--campaign");
  const auto key_path = args.get("--key");
  if (!where || !key_path) return make_error(Errc::bad_input, "--key and --campaign are required");
  auto parts = read_link(*where);
  if (!parts) return parts.error();
  auto c = verify_manifest(parts->token);
  if (!c) return make_error(c.error().code, std::string(to_string(c.error().code)) + ": " + c.error().detail);
  if (!c->trustee) return make_error(Errc::bad_input, "this campaign has no trustee (it is in direct mode)");
  in.campaign = std::move(*c);
  std::error_code ec;
  in.link = *where;
  if (std::filesystem::is_regular_file(*where, ec)) {
    auto text = read_text(*where, kMaxSmallFile);
    if (!text) return text.error();
    in.link = *text;
  }
  auto key_text = read_text(*key_path, kMaxSmallFile);
  if (!key_text) return key_text.error();
  in.key_text = std::move(*key_text);
  return in;
}

Result<KeySet> unlock(const Args& args, const std::string& key_text) {
  auto pass = read_passphrase(args, "Passphrase: ", false);
  if (!pass) return pass.error();
  auto keys = unwrap_keyset(key_text, pass->view());
  if (!keys) return make_error(keys.error().code, std::string(to_string(keys.error().code)) + ": " + keys.error().detail);
  return keys;
}

Result<std::uint32_t> parse_count(const std::string& text) {
  const long n = std::strtol(text.c_str(), nullptr, 10);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || n < 1 || n > kMaxInvitations) {
    return make_error(Errc::bad_input, "must be 1.." + std::to_string(kMaxInvitations));
  }
  return static_cast<std::uint32_t>(n);
}

// "misnamed 2, replaced 1"
std::string reasons(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [reason, n] : counts) out += (out.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  return out.empty() ? "none" : out;
}

}  // namespace

int cmd_invite(int argc, char** argv) {
  Args args(argc, argv, 2, {"--put"}, {"--key", "--campaign", "--count", "--out", "--passphrase-file", "--secret-key-file"});
  if (args.help() || !args.error().empty()) return usage_with_credentials(kInviteUsage, kInviteExit, args.error());
  const auto out = args.get("--out");
  const auto count_text = args.get("--count");
  if (!out || !count_text) return usage_with_credentials(kInviteUsage, kInviteExit, "--count and --out are required");
  auto count = parse_count(*count_text);
  if (!count) return usage_with_credentials(kInviteUsage, kInviteExit, "--count " + count.error().detail);
  if (!args.get("--key") || !args.get("--campaign")) {
    return usage_with_credentials(kInviteUsage, kInviteExit, "--key and --campaign are required");
  }
  auto in = read_inputs(args);
  if (!in) return fail(in.error().detail);
  sigv4::Credentials credentials;
  if (args.flag("--put") && in->campaign.storage.kind == kStorageS3) {
    if (auto ok = s3_credentials(args, credentials); !ok) {
      return usage_with_credentials(kInviteUsage, kInviteExit, "storing the statement in S3 needs the trustee's credentials: " +
                                                                   ok.error().detail);
    }
  }
  auto keys = unlock(args, in->key_text);
  if (!keys) return fail(keys.error().detail);
  auto sheet = client::make_invitations(in->campaign, in->link, *keys, *count);
  if (!sheet) return fail(sheet.error().detail);

  std::error_code ec;
  std::filesystem::create_directories(*out, ec);
  const std::string csv = (std::filesystem::path(*out) / "invitations.csv").string();
  const std::string statement = (std::filesystem::path(*out) / kInvitationsObject).string();
  // Codes are bearer secrets: whoever holds one answers for its invitee.
  if (auto ok = write_file(csv, to_bytes(client::invitations_csv(sheet->invitations)), true); !ok) return fail(ok.error().detail);
  if (auto ok = write_file(statement, to_bytes(sheet->statement)); !ok) return fail(ok.error().detail);
  std::printf("%u invitations for campaign %s\n", *count, in->campaign.id.c_str());
  std::printf("personal links: %s (keep private: each code answers for one invitee)\n", csv.c_str());
  std::printf("signed statement: %s\n", statement.c_str());
  if (args.flag("--put")) {
    const auto platform = platform::make_platform();
    auto up = upload_trustee(*platform, in->campaign.storage, kInvitationsObject, to_bytes(sheet->statement), credentials);
    if (!up) return fail("invitations.parley could not be prepared for the storage: " + up.error().detail);
    if (up->status == client::TrusteeUploadStatus::already_stored) {
      return fail("invitations.parley was not stored: " + up->detailed +
                  " This storage keeps the first statement (nginx sites made before statements became replaceable"
                  " do): publish the same count, or ask its operator for a new site.");
    }
    if (up->status != client::TrusteeUploadStatus::stored) return fail("invitations.parley was not stored: " + up->detailed);
    std::printf("stored: %s%s\n", storage_prefix(in->campaign.storage.url).c_str(), kInvitationsObject);
  }
  return kExitOk;
}

int cmd_release(int argc, char** argv) {
  Args args(argc, argv, 2, {"--put"},
            {"--key", "--campaign", "--today", "--invitations", "--out", "--passphrase-file", "--secret-key-file"});
  if (args.help() || !args.error().empty()) return usage_with_credentials(kReleaseUsage, kReleaseExit, args.error());
  const auto out = args.get("--out");
  if (!args.get("--key") || !args.get("--campaign")) {
    return usage_with_credentials(kReleaseUsage, kReleaseExit, "--key and --campaign are required");
  }
  if (!out && !args.flag("--put")) return usage_with_credentials(kReleaseUsage, kReleaseExit, "give --out FILE, --put or both");
  client::ReleaseOptions options;
  options.today = args.get("--today").value_or(platform::today_utc());
  if (!is_valid_day(options.today)) return usage_with_credentials(kReleaseUsage, kReleaseExit, "--today must be a day such as 2027-01-02");
  if (auto n = args.get("--invitations")) {
    auto count = parse_count(*n);
    if (!count) return usage_with_credentials(kReleaseUsage, kReleaseExit, "--invitations " + count.error().detail);
    options.invitations = *count;
  }
  options.store = args.flag("--put");
  auto in = read_inputs(args);
  if (!in) return fail(in.error().detail);
  const Campaign& c = in->campaign;
  const bool reads_storage = options.store || args.positionals().empty() || !options.invitations;
  if (reads_storage && c.storage.kind == kStorageS3) {
    if (auto ok = s3_credentials(args, options.credentials); !ok) {
      return usage_with_credentials(kReleaseUsage, kReleaseExit,
                                    "this campaign's S3 storage needs the trustee's credentials: " + ok.error().detail);
    }
  }
  const auto platform = platform::make_platform();
  if (!args.positionals().empty()) {
    std::size_t unreadable = 0;
    auto envelopes = load_envelopes(*platform, args.positionals(), unreadable, true);
    if (unreadable > 0) {
      return fail(std::to_string(unreadable) + " sources or envelopes could not be read: nothing was released, since an answer "
                  "left out now could never be released later");
    }
    std::vector<StoredObject> objects;
    objects.reserve(envelopes.size());
    for (auto& e : envelopes) objects.push_back({std::move(e.name), std::move(e.data)});
    options.objects = std::move(objects);
  }
  auto keys = unlock(args, in->key_text);
  if (!keys) return fail(keys.error().detail);

  SystemRng rng;
  client::ReleaseProgress progress;
  client::ReleaseFlow flow(*platform, rng, progress);
  flow.start(c, *keys, std::move(options));
  if (!run_while(*platform, [&] { return flow.running(); })) {
    flow.cancel();
    return fail("the storage's answers never came: nothing was released");
  }
  const auto read_line = [&] {
    std::printf("campaign %s: %zu envelopes read, %u invitations\n", c.id.c_str(), progress.downloaded, progress.invitations);
  };
  switch (progress.outcome) {
    case client::ReleaseOutcome::released: break;
    case client::ReleaseOutcome::already_released:
      std::printf("already released on %s: %zu answers, %zu mediation requests; not released: %s\n", progress.released_on.c_str(),
                  progress.feedback, progress.mediation, reasons(progress.refused).c_str());
      return fail(progress.error, kExitRules);
    case client::ReleaseOutcome::too_early: return fail(progress.error, kExitRules);
    case client::ReleaseOutcome::below_threshold:
      read_line();
      std::printf("valid: %zu answers (k = %d), %zu mediation requests; not released: %s\n", progress.feedback, c.k,
                  progress.mediation, reasons(progress.refused).c_str());
      return fail(progress.error, kExitRules);
    case client::ReleaseOutcome::none:
    case client::ReleaseOutcome::failed:
      if (!progress.release.empty() && out) {
        // Signed but not stored: the file lets the trustee hand it over another way.
        if (auto ok = write_file(*out, progress.release); ok) std::printf("written (not stored): %s\n", out->c_str());
      }
      return fail(progress.error_detailed.empty() ? "the release failed" : progress.error_detailed);
  }
  read_line();
  std::printf("released: %zu answers, %zu mediation requests\nnot released: %s\n", progress.feedback, progress.mediation,
              reasons(progress.refused).c_str());
  if (out) {
    if (auto ok = write_file(*out, progress.release); !ok) return fail(ok.error().detail);
    std::printf("written: %s\n", out->c_str());
  }
  if (progress.stored) std::printf("stored: %s%s\n", storage_prefix(c.storage.url).c_str(), kReleaseObject);
  return kExitOk;
}

}  // namespace parley::cli
