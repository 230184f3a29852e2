// parley phrase, reply, thread: conversations (docs/FORMAT.md, "Conversations") on the command
// line. A person's recovery phrase and its thread key; a mediator's replies sealed and bundled
// (core build_reply_bundle, or client::send_replies to store them); a person's thread read from
// bundle files or, with client::read_thread, from every bundle of the campaign's storage.
#include <unistd.h>

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/storage.h"
#include "client/conversation.h"
#include "client/storage_answer.h"
#include "core/json_read.h"
#include "core/keyfile.h"
#include "core/listing.h"
#include "core/phrase.h"
#include "core/replies.h"
#include "platform/platform.h"

namespace parley::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPhraseUsage =
    "Usage: parley phrase new\n"
    "       parley phrase check [--phrase-file FILE]\n"
    "\n"
    "A recovery phrase is what a person keeps to follow a mediation request: 12 words (BIP 39\n"
    "English list, with a checksum against typos) from which the thread key is derived. The\n"
    "request carries the thread key (parley seal --mediation ... --thread KEY); the mediators'\n"
    "replies are sealed to it, and only the phrase opens them (parley thread).\n"
    "new prints a new phrase and its thread key, as \"phrase: ...\" and \"thread: parley-r1-...\"\n"
    "lines (for tests and batch work: the phrase is a secret, keep it where only its person can\n"
    "read it). check reads a phrase from FILE, or else from standard input, as people type it\n"
    "(any case, any white space between the words) and prints its thread key, or says what is\n"
    "wrong with it (bad-phrase: a word that is not on the list, a word too many or too few, a typo).\n"
    "\n"
    "Exit codes: 0 done, 1 failure (also: not a valid phrase), 2 usage.\n";

// Followed by kS3CredentialsHelp and kReplyExit.
constexpr const char* kReplyUsage =
    "Usage: parley reply --key MEDIATOR.key --campaign TOKEN|FILE|LINK --replies FILE.json\n"
    "                    [--today YYYY-MM-DD] (--out DIR|FILE [--sending N] | --put)\n"
    "                    [--passphrase-file FILE] [--secret-key-file FILE]\n"
    "\n"
    "Sends a mediator's replies, the day's drafts together, as one bundle: each reply sealed to\n"
    "its thread and authenticated with the mediator's key, padded, shuffled among filler records\n"
    "and named replies-DAY-M-S.parley (M: the mediator's place in the campaign's list, S: the\n"
    "day's sending number). FILE.json is a JSON array of\n"
    "  {\"thread\": \"parley-r1-...\", \"text\": \"...\", \"close\": false}\n"
    "with the thread as the request carried it (parley open prints it), a text of 1 to 3000\n"
    "characters and close true to close the thread (default false); at most 1024 replies.\n"
    "--today is the day sent (default: today, UTC).\n"
    "--put stores the bundle beside the campaign's envelopes under the day's first free sending\n"
    "number (written once: when another sending took that number meanwhile, the next is tried).\n"
    "--out writes it instead, into the folder DIR under its name or to FILE, as sending N\n"
    "(--sending, 0-99, default 0). Prints the bundle's name.\n"
    "The key file's passphrase is asked for, or read from --passphrase-file FILE or\n"
    "$PARLEY_PASSPHRASE.\n"
    "\n"
    "S3 storage: the mediator lists and writes with S3 credentials of its own (a campaign's POST\n"
    "policy admits only envelope-sized uploads).\n";

constexpr const char* kReplyExit = "\nExit codes: 0 sent (stored with --put, written with --out), 1 failure, 2 usage.\n";

// Followed by kS3CredentialsHelp and kThreadExit.
constexpr const char* kThreadUsage =
    "Usage: parley thread --phrase-file FILE --campaign TOKEN|FILE|LINK [--since YYYY-MM-DD]\n"
    "                     [--secret-key-file FILE] [BUNDLE...]\n"
    "\n"
    "Reads a person's thread: the mediators' replies to the request that carried the thread key\n"
    "of the recovery phrase in FILE. Without BUNDLE the campaign's storage is listed and every\n"
    "reply bundle from --since on (the request's day; default: every one) is downloaded, whoever\n"
    "it is for, and tried with the phrase's key: nothing asked of the storage depends on the\n"
    "thread. BUNDLE is a bundle file, named as stored (replies-DAY-M-S.parley); those of days\n"
    "before --since are skipped too.\n"
    "Prints one line per reply, oldest first: its day, the mediator's index in the campaign,\n"
    "\"closed\" when the reply closes the thread (else \"open\") and its text on the same line\n"
    "(line breaks and control characters made harmless). A summary goes to standard error, with\n"
    "bundles that could not be read counted by reason (they hold no reply of this thread that\n"
    "could be shown).\n"
    "\n"
    "S3 read credentials are needed only for a campaign's S3 storage, without BUNDLE.\n";

constexpr const char* kThreadExit =
    "\nExit codes: 0 read (also when no reply is there yet), 1 failure (also: the storage could not be\n"
    "listed, or a bundle not downloaded: a reply might be missing), 2 usage.\n";

int reply_usage(const std::string& problem) {
  return usage((std::string(kReplyUsage) + kS3CredentialsHelp + kReplyExit).c_str(), problem);
}

int thread_usage(const std::string& problem) {
  return usage((std::string(kThreadUsage) + kS3CredentialsHelp + kThreadExit).c_str(), problem);
}

std::string with_class(const Error& e) { return std::string(to_string(e.code)) + ": " + e.detail; }

Result<Campaign> load_campaign(const std::string& where) {
  auto link = read_link(where);
  if (!link) return link.error();
  auto c = verify_manifest(link->token);
  if (!c) return make_error(c.error().code, with_class(c.error()));
  return c;
}

// Standard input, at most `max_bytes`; one line after a prompt when it is a terminal.
Result<std::string> read_stdin(std::size_t max_bytes, const char* prompt) {
  std::string text;
  if (::isatty(STDIN_FILENO)) {
    std::fputs(prompt, stderr);
    std::getline(std::cin, text);
  } else {
    char buffer[4096];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
      text.append(buffer, got);
      if (text.size() > max_bytes) break;
    }
    sodium_memzero(buffer, sizeof buffer);
  }
  if (text.size() > max_bytes) {
    sodium_memzero(text.data(), text.size());
    return make_error(Errc::too_large, "standard input holds more than " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

// The thread's keys from a phrase in `path` ("" for standard input), the phrase's copies wiped.
Result<RecipientKeyPair> phrase_keys(const std::string& path) {
  auto text = path.empty() ? read_stdin(kMaxSmallFile, "Recovery phrase: ") : read_text(path, kMaxSmallFile);
  if (!text) return text.error();
  auto entropy = entropy_from_phrase(*text);
  sodium_memzero(text->data(), text->size());
  if (!entropy) return make_error(entropy.error().code, with_class(entropy.error()));
  return thread_keys(*entropy);
}

std::string thread_text(const RecipientKeyPair& keys) { return encode_public_key(KeyKind::recipient, keys.public_key); }

// --- reply ----------------------------------------------------------------------------------

constexpr std::size_t kMaxRepliesFile = 16u << 20;  // 1024 replies of 3000 characters, with room

Result<std::vector<client::ReplyDraft>> read_drafts(const std::string& path) {
  auto text = read_text(path, kMaxRepliesFile);
  if (!text) return text.error();
  auto parsed = parse_json(*text, "The replies");
  if (!parsed) return parsed.error();
  if (!parsed->is_array()) return make_error(Errc::bad_input, path + ": the replies must be a JSON array");
  std::vector<client::ReplyDraft> drafts;
  for (std::size_t i = 0; i < parsed->size(); ++i) {
    JsonReader r((*parsed)[i], "Reply " + std::to_string(i + 1));
    r.only({"thread", "text", "close"});
    client::ReplyDraft d{r.string("thread"), r.string("text"), r.boolean("close", false, false)};
    if (!r.ok()) return make_error(Errc::bad_input, path + ": " + r.error().detail);
    drafts.push_back(std::move(d));
  }
  if (drafts.empty()) return make_error(Errc::bad_input, path + ": there is no reply to send");
  if (drafts.size() > kMaxRepliesPerBundle) return make_error(Errc::bad_input, path + ": at most 1024 replies go out in one sending");
  return drafts;
}

// Each draft sealed once with a throwaway key: the checks of the real sealing (thread, text,
// length), made before the passphrase is asked for.
Status check_drafts(const std::vector<client::ReplyDraft>& drafts, const Campaign& c, const std::string& today, Rng& rng) {
  auto throwaway = generate_recipient_key(rng);
  if (!throwaway) return throwaway.error();
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    const auto& d = drafts[i];
    if (auto sealed = seal_reply(Reply{c.id, d.thread, today, d.text, d.close}, *throwaway, rng); !sealed) {
      return make_error(sealed.error().code, "reply " + std::to_string(i + 1) + ": " + sealed.error().detail);
    }
  }
  return Ok{};
}

Result<int> parse_sending(const std::string& text) {
  if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos ||
      (text.size() > 1 && text[0] == '0')) {
    return make_error(Errc::bad_input, "--sending must be 0.." + std::to_string(kMaxSendingsPerDay - 1));
  }
  return std::atoi(text.c_str());
}

// --- thread ---------------------------------------------------------------------------------

// "header-failure 2, too-large 1"
std::string reasons(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [reason, n] : counts) out += (out.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  return out;
}

// The thread's replies in bundle files named as stored, in the order read_thread() shows them.
Result<client::ThreadReplies> read_files(const std::vector<std::string>& paths, const Campaign& c,
                                         const RecipientKeyPair& keys, const std::string& since) {
  std::map<std::tuple<std::string, int, int>, std::string> bundles;  // (day, mediator, sending) -> path
  for (const auto& path : paths) {
    const std::string name = fs::path(path).filename().string();
    const auto parts = parse_reply_bundle_name(name);
    if (!parts) {
      return make_error(Errc::bad_input, path + ": a bundle file keeps its stored name, replies-DAY-M-S.parley");
    }
    auto [at, added] = bundles.emplace(std::make_tuple(parts->day, parts->mediator, parts->sending), path);
    if (!added) return make_error(Errc::bad_input, path + " and " + at->second + " are the same bundle by name");
  }
  client::ThreadReplies out;
  for (const auto& [order, path] : bundles) {
    if (!since.empty() && std::get<0>(order) < since) continue;
    const std::string name = fs::path(path).filename().string();
    auto bytes = read_file(path, kMaxReplyBundleBytes);
    if (!bytes && bytes.error().code != Errc::too_large) return bytes.error();
    ++out.bundles;
    auto replies = bytes ? open_reply_bundle(c, name, *bytes, keys) : Result<std::vector<Reply>>(bytes.error());
    if (!replies) {
      ++out.refused[to_string(replies.error().code)];
      std::fprintf(stderr, "parley: %s: %s\n", path.c_str(), with_class(replies.error()).c_str());
      continue;
    }
    for (auto& r : *replies) {
      out.closed = out.closed || r.close;
      client::ThreadReply shown;
      static_cast<Reply&>(shown) = std::move(r);
      shown.mediator = std::get<1>(order);
      out.replies.push_back(std::move(shown));
    }
  }
  return out;
}

}  // namespace

int cmd_phrase(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {"--phrase-file"});
  if (args.help() || !args.error().empty() || args.positionals().size() != 1) {
    return usage(kPhraseUsage, args.help() ? "" : !args.error().empty() ? args.error() : "give new or check");
  }
  const std::string& sub = args.positionals()[0];
  if (sub == "new") {
    if (args.get("--phrase-file")) return usage(kPhraseUsage, "--phrase-file is for check");
    SystemRng rng;
    auto entropy = new_phrase_entropy(rng);
    if (!entropy) return fail(entropy.error().detail);
    auto keys = thread_keys(*entropy);
    if (!keys) return fail(keys.error().detail);
    std::string phrase = phrase_from_entropy(*entropy);
    std::printf("phrase: %s\nthread: %s\n", phrase.c_str(), thread_text(*keys).c_str());
    sodium_memzero(phrase.data(), phrase.size());
    return kExitOk;
  }
  if (sub == "check") {
    auto keys = phrase_keys(args.get("--phrase-file").value_or(""));
    if (!keys) return fail(keys.error().detail);
    std::printf("thread: %s\n", thread_text(*keys).c_str());
    return kExitOk;
  }
  return usage(kPhraseUsage, "unknown subcommand " + sub);
}

int cmd_reply(int argc, char** argv) {
  Args args(argc, argv, 2, {"--put"},
            {"--key", "--campaign", "--replies", "--today", "--out", "--sending", "--passphrase-file", "--secret-key-file"});
  if (args.help() || !args.error().empty()) return reply_usage(args.error());
  if (!args.positionals().empty()) return reply_usage("unexpected argument " + args.positionals()[0]);
  const auto key_path = args.get("--key");
  const auto where = args.get("--campaign");
  const auto replies_path = args.get("--replies");
  if (!key_path || !where || !replies_path) return reply_usage("--key, --campaign and --replies are required");
  const auto out = args.get("--out");
  const bool put = args.flag("--put");
  if (out.has_value() == put) return reply_usage("give --out DIR|FILE or --put");
  int sending = 0;
  if (auto n = args.get("--sending")) {
    if (put) return reply_usage("--sending is for --out: --put takes the day's first free number");
    auto parsed = parse_sending(*n);
    if (!parsed) return reply_usage(parsed.error().detail);
    sending = *parsed;
  }
  const std::string today = args.get("--today").value_or(platform::today_utc());
  if (!is_valid_day(today)) return reply_usage("--today must be a day such as 2027-01-02");

  auto c = load_campaign(*where);
  if (!c) return fail(c.error().detail);
  auto key_text = read_text(*key_path, kMaxSmallFile);
  if (!key_text) return fail(key_text.error().detail);
  auto info = inspect_keyfile(*key_text);
  if (!info) return fail(with_class(info.error()));
  const auto at = std::find(c->mediation_to.begin(), c->mediation_to.end(), info->recipient);
  if (at == c->mediation_to.end()) return fail(*key_path + " is not one of this campaign's mediators: only they can reply");
  const int mediator = static_cast<int>(at - c->mediation_to.begin());
  auto drafts = read_drafts(*replies_path);
  if (!drafts) return fail(drafts.error().detail);
  SystemRng rng;
  if (auto ok = check_drafts(*drafts, *c, today, rng); !ok) return fail(ok.error().detail);
  sigv4::Credentials credentials;
  if (put && c->storage.kind == kStorageS3) {
    if (auto ok = s3_credentials(args, credentials); !ok) {
      return reply_usage("storing replies in S3 needs the mediator's credentials: " + ok.error().detail);
    }
  }
  auto pass = read_passphrase(args, "Passphrase: ", false);
  if (!pass) return fail(pass.error().detail);
  auto keys = unwrap_keyset(*key_text, pass->view());
  if (!keys) return fail(with_class(keys.error()));

  const std::size_t count = drafts->size();
  if (put) {
    const auto platform = platform::make_platform();
    auto stored = wait_for<std::string>(*platform, [&](auto done) {
      auto started = client::send_replies(*platform, *c, keys->recipient, std::move(*drafts), today, credentials, rng, done);
      if (!started) done(started.error());
    });
    if (!stored) return fail("the replies were not stored: " + stored.error().detail);
    std::printf("%s\n", stored->c_str());
    std::fprintf(stderr, "%zu %s stored: %s%s\n", count, count == 1 ? "reply" : "replies", storage_prefix(c->storage.url).c_str(),
                 stored->c_str());
    return kExitOk;
  }
  std::vector<Bytes> records;
  for (const auto& d : *drafts) {
    auto record = seal_reply(Reply{c->id, d.thread, today, d.text, d.close}, keys->recipient, rng);
    if (!record) return fail(record.error().detail);
    records.push_back(std::move(*record));
  }
  auto bundle = build_reply_bundle(*c, today, mediator, std::move(records), rng);
  if (!bundle) return fail(bundle.error().detail);
  const std::string name = reply_bundle_name(today, mediator, sending);
  std::error_code ec;
  const std::string path = fs::is_directory(*out, ec) ? (fs::path(*out) / name).string() : *out;
  if (auto ok = write_file(path, *bundle); !ok) return fail(ok.error().detail);
  std::printf("%s\n", name.c_str());
  std::fprintf(stderr, "%zu %s written: %s\n", count, count == 1 ? "reply" : "replies", path.c_str());
  return kExitOk;
}

int cmd_thread(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {"--phrase-file", "--campaign", "--since", "--secret-key-file"});
  if (args.help() || !args.error().empty()) return thread_usage(args.error());
  const auto phrase_path = args.get("--phrase-file");
  const auto where = args.get("--campaign");
  if (!phrase_path || !where) return thread_usage("--phrase-file and --campaign are required");
  const std::string since = args.get("--since").value_or("");
  if (!since.empty() && !is_valid_day(since)) return thread_usage("--since must be a day such as 2027-01-02");
  auto c = load_campaign(*where);
  if (!c) return fail(c.error().detail);
  const bool from_storage = args.positionals().empty();
  sigv4::Credentials credentials;
  if (from_storage && c->storage.kind == kStorageS3) {
    if (auto ok = s3_credentials(args, credentials); !ok) {
      return thread_usage("reading this campaign's S3 storage needs read credentials: " + ok.error().detail);
    }
  }
  auto keys = phrase_keys(*phrase_path);
  if (!keys) return fail(keys.error().detail);

  Result<client::ThreadReplies> read = make_error(Errc::bad_input, "nothing read");
  if (from_storage) {
    const auto platform = platform::make_platform();
    read = wait_for<client::ThreadReplies>(*platform, [&](auto done) {
      auto started = client::read_thread(*platform, *c, *keys, since, credentials, done);
      if (!started) done(started.error());
    });
    if (!read) return fail("cannot read the replies in " + c->storage.url + ": " + read.error().detail);
  } else {
    read = read_files(args.positionals(), *c, *keys, since);
    if (!read) return fail(read.error().detail);
  }
  for (const auto& r : read->replies) {
    std::printf("%s %d %s %s\n", r.day.c_str(), r.mediator, r.close ? "closed" : "open", client::printable(r.text, SIZE_MAX).c_str());
  }
  std::string summary = std::to_string(read->replies.size()) + (read->replies.size() == 1 ? " reply" : " replies") + " in " +
                        std::to_string(read->bundles) + (read->bundles == 1 ? " bundle" : " bundles") + " read";
  if (!read->refused.empty()) summary += "; not readable: " + reasons(read->refused);
  if (read->closed) summary += "; the thread is closed";
  std::fprintf(stderr, "%s\n", summary.c_str());
  return kExitOk;
}

}  // namespace parley::cli
