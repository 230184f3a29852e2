// parley campaign new|sign|verify|link
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/storage.h"
#include "client/campaign_builder.h"
#include "client/short_link_storage.h"
#include "client/storage_answer.h"
#include "core/json_read.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/text.h"
#include "templates/templates.h"

namespace parley::cli {
namespace {

constexpr const char* kUsage =
    "Usage:\n"
    "  parley campaign new --out DRAFT (--template NAME | --questions FILE) --signer KEY|KEYFILE\n"
    "                      --feedback-to KEY [--mediation-to KEY[=NAME]]... (--storage-url URL | --s3-post FILE)\n"
    "                      --opens YYYY-MM-DD --closes YYYY-MM-DD [--title T] [--intro T]\n"
    "                      [--k N] [--allow-mediation-to-feedback-readers]\n"
    "                      [--trustee KEYFILE|RECIPIENT,SIGNER --trustee-label LABEL]\n"
    "  parley campaign sign DRAFT --key KEYFILE [--out TOKENFILE] [--passphrase-file FILE]\n"
    "  parley campaign verify TOKEN|TOKENFILE|LINK [--today YYYY-MM-DD] [--json]\n"
    "  parley campaign link TOKEN|TOKENFILE|LINK --app URL [--short]\n"
    "\n"
    "A campaign starts as an editable JSON draft (new), is signed into a token (sign) and is\n"
    "shared as a link whose fragment carries the token (link). With --short, link stores the\n"
    "token beside the envelopes (m-<hash>.parley, docs/FORMAT.md \"Short links\"), reads it back\n"
    "and prints a short link that names where it is; it fails, saying why, when the storage does\n"
    "not hand it back to anyone (a private S3 bucket). KEY is a public key text\n"
    "(parley-r1-… / parley-s1-…); --signer also accepts a key file. --storage-url is an http-put\n"
    "prefix (serve.py, WebDAV) in which {id} is replaced by the new campaign's id; --s3-post takes\n"
    "the output of `parley store s3-post-policy` (see docs/STORAGE.md).\n"
    "--trustee names a neutral party (works council, ombudsperson) through whom every answer\n"
    "passes: a trustee's key file (made with `parley keygen --role trustee`; no passphrase needed)\n"
    "or its two public keys as `parley pubkey` prints them, recipient and signer, separated by a\n"
    "comma; --trustee-label is the name respondents see (\"Works council\"). Without --trustee the\n"
    "campaign is in direct mode: whoever holds a feedback key reads single answers.\n"
    "--mediation-to KEY=NAME signs the mediator's name (1-60 characters, \"Ana Costa (HR)\") into\n"
    "the manifest: people see it beside the mediator's key ID.\n"
    "Templates: team-trust-pulse, one-on-one-blockers, enps.\n";

Result<Key32> signer_key(const std::string& where) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(where, ec)) {
    auto text = read_text(where, kMaxSmallFile);
    if (!text) return text.error();
    auto info = inspect_keyfile(*text);
    if (!info) return info.error();
    if (!info->signer) return make_error(Errc::bad_key, where + " holds no signing key (is it a mediator's?)");
    return *info->signer;
  }
  return decode_public_key(KeyKind::signing, where);
}

// A trustee's public keys from its key file (which must be a trustee's) or from the two key
// texts `parley pubkey` prints, recipient and signer, separated by a comma or spaces.
Result<Trustee> trustee_keys(const std::string& where) {
  std::error_code ec;
  Trustee t;
  if (std::filesystem::is_regular_file(where, ec)) {
    auto text = read_text(where, kMaxSmallFile);
    if (!text) return text.error();
    auto info = inspect_keyfile(*text);
    if (!info) return info.error();
    if (info->role != KeyRole::trustee || !info->signer) {
      return make_error(Errc::bad_key, where + " is a " + to_string(info->role) + "'s key file, not a trustee's");
    }
    t.recipient = info->recipient;
    t.signer = *info->signer;
    return t;
  }
  return client::trustee_from_keys(where);
}

// The storage description from `parley store s3-post-policy`'s output: the form's action (the
// bucket URL), the key prefix and the policy fields.
Result<Storage> s3_storage_from(const std::string& path) {
  auto text = read_text(path, kMaxJsonInput);
  if (!text) return text.error();
  auto j = parse_json(*text, path.c_str());
  if (!j) return j.error();
  JsonReader r(*j, path);
  Storage s;
  s.kind = std::string(kStorageS3);
  const std::string action = r.string("action");
  s.key_prefix = r.string("key_prefix");
  s.url = action + s.key_prefix;
  if (const json* fields = r.object("fields")) {
    JsonReader fr(*fields, path + ": fields");
    for (const auto name : kPostFieldNames) {
      const std::string key(name);
      s.post_fields.emplace_back(key, fr.string(key.c_str()));
    }
    if (!fr.ok()) return fr.error();
  }
  if (!r.ok()) return r.error();
  if (auto ok = validate_storage(s); !ok) return make_error(Errc::bad_input, path + ": " + ok.error().detail);
  return s;
}

Result<Campaign> read_draft(const std::string& path) {
  auto text = read_text(path, kMaxJsonInput);
  if (!text) return text.error();
  auto j = parse_json(*text, "The draft");
  if (!j) return j.error();
  return parse_body(to_bytes(dump_canonical(*j)));
}

int do_new(const Args& args) {
  const auto out = args.get("--out");
  const auto signer_arg = args.get("--signer");
  const auto url = args.get("--storage-url");
  const auto s3_post = args.get("--s3-post");
  if (!out || !signer_arg || !url == !s3_post || args.all("--feedback-to").empty() || !args.get("--opens") ||
      !args.get("--closes")) {
    return usage(kUsage, "campaign new needs --out, --signer, --feedback-to, --storage-url or --s3-post, --opens and --closes");
  }
  SystemRng rng;
  Campaign c;
  c.id = new_campaign_id(rng);
  if (auto name = args.get("--template")) {
    const Template* t = find_template(*name);
    if (!t) return fail("no template named " + *name + " (see parley campaign --help)", kExitUsage);
    c.title = t->title;
    c.intro = t->intro;
    c.questions = t->questions;
  } else if (auto file = args.get("--questions")) {
    auto text = read_text(*file, kMaxJsonInput);
    if (!text) return fail(text.error().detail);
    auto j = parse_json(*text, "The questions file");
    if (!j) return fail(j.error().detail);
    auto qs = questions_from_json(*j);
    if (!qs) return fail(qs.error().detail);
    c.questions = *qs;
  } else {
    return usage(kUsage, "give --template or --questions");
  }
  if (auto t = args.get("--title")) c.title = *t;
  if (auto t = args.get("--intro")) c.intro = *t;
  for (const auto& k : args.all("--feedback-to")) {
    auto key = decode_public_key(KeyKind::recipient, k);
    if (!key) return fail("--feedback-to: " + key.error().detail);
    c.feedback_to.push_back(*key);
  }
  std::vector<std::string> labels;
  for (const auto& given : args.all("--mediation-to")) {
    const auto eq = given.find('=');
    auto key = decode_public_key(KeyKind::recipient, given.substr(0, eq));
    if (!key) return fail("--mediation-to: " + key.error().detail);
    c.mediation_to.push_back(*key);
    labels.push_back(eq == std::string::npos ? "" : given.substr(eq + 1));
    if (eq != std::string::npos && (labels.back().empty() || !is_clean_text(labels.back(), kMaxMediatorLabelChars, false))) {
      return fail("--mediation-to: the mediator's name after = must be 1 to 60 characters on one line.");
    }
  }
  if (std::any_of(labels.begin(), labels.end(), [](const std::string& l) { return !l.empty(); })) c.mediator_labels = labels;
  c.allow_mediation_to_feedback_readers = args.flag("--allow-mediation-to-feedback-readers");
  if (const auto trustee = args.get("--trustee")) {
    const auto label = args.get("--trustee-label");
    if (!label) return usage(kUsage, "--trustee needs --trustee-label, the name respondents see");
    auto keys = trustee_keys(*trustee);
    if (!keys) return fail("--trustee: " + keys.error().detail);
    keys->label = *label;
    c.trustee = std::move(*keys);
  } else if (args.get("--trustee-label")) {
    return usage(kUsage, "--trustee-label goes with --trustee");
  }
  auto signer = signer_key(*signer_arg);
  if (!signer) return fail("--signer: " + signer.error().detail);
  c.signer = *signer;
  if (s3_post) {
    auto storage = s3_storage_from(*s3_post);
    if (!storage) return fail("--s3-post: " + storage.error().detail);
    c.storage = std::move(*storage);
  } else {
    c.storage.url = *url;
    if (const auto at = c.storage.url.find("{id}"); at != std::string::npos) c.storage.url.replace(at, 4, c.id);
  }
  c.k = kDefaultK;
  if (auto k = args.get("--k")) c.k = std::atoi(k->c_str());
  c.opens = *args.get("--opens");
  c.closes = *args.get("--closes");
  auto body = canonical_body(c);  // validates every field
  if (!body) return fail(body.error().detail);
  auto j = parse_json(to_string(*body), "The draft");
  if (auto ok = write_file(*out, to_bytes(j->dump(2, ' ', false, json::error_handler_t::replace) + "\n")); !ok) {
    return fail(ok.error().detail);
  }
  std::printf("campaign %s drafted in %s\n", c.id.c_str(), out->c_str());
  return kExitOk;
}

int do_sign(const Args& args) {
  const auto key_path = args.get("--key");
  if (args.positionals().size() != 2 || !key_path) return usage(kUsage, "campaign sign needs DRAFT and --key");
  auto c = read_draft(args.positionals()[1]);
  if (!c) return fail(c.error().detail);
  auto text = read_text(*key_path, kMaxSmallFile);
  if (!text) return fail(text.error().detail);
  auto pass = read_passphrase(args, "Passphrase: ", false);
  if (!pass) return fail(pass.error().detail);
  auto keys = unwrap_keyset(*text, pass->view());
  if (!keys) return fail(keys.error().detail);
  if (!keys->signer) return fail("this key file holds no signing key");
  auto token = sign_manifest(*c, *keys->signer);
  if (!token) return fail(token.error().detail);
  if (auto out = args.get("--out")) {
    if (auto ok = write_file(*out, to_bytes(*token + "\n")); !ok) return fail(ok.error().detail);
  } else {
    std::printf("%s\n", token->c_str());
  }
  return kExitOk;
}

const char* phase_name(CampaignPhase p) {
  switch (p) {
    case CampaignPhase::not_yet_open: return "not yet open";
    case CampaignPhase::open: return "open";
    case CampaignPhase::closed: return "closed";
  }
  return "?";
}

int do_verify(const Args& args) {
  if (args.positionals().size() != 2) return usage(kUsage, "campaign verify needs a token, token file or link");
  auto token = read_token(args.positionals()[1]);  // a short link's is verified as it is fetched
  if (!token) return fail(std::string(to_string(token.error().code)) + ": " + token.error().detail);
  auto c = verify_manifest(*token);
  if (!c) return fail(std::string(to_string(c.error().code)) + ": " + c.error().detail);
  if (args.flag("--json")) {
    auto body = canonical_body(*c);
    std::printf("%s\n", parse_json(to_string(*body), "body")->dump(2, ' ', false, json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("signature: good (signer %s)\n", format_key_id(key_id(KeyKind::signing, c->signer)).c_str());
  std::printf("id: %s\ntitle: %s\nquestions: %zu\n", c->id.c_str(), c->title.c_str(), c->questions.size());
  for (const auto& k : c->feedback_to) std::printf("feedback reader: %s\n", format_key_id(key_id(KeyKind::recipient, k)).c_str());
  for (std::size_t i = 0; i < c->mediation_to.size(); ++i) {
    const std::string id = format_key_id(key_id(KeyKind::recipient, c->mediation_to[i]));
    const std::string label = mediator_label(*c, i);
    if (label.empty()) std::printf("mediator: %s\n", id.c_str());
    else std::printf("mediator: %s (%s)\n", client::printable(label, SIZE_MAX).c_str(), id.c_str());
  }
  if (c->trustee) {
    std::printf("trustee: %s (recipient %s, signer %s)\n", client::printable(c->trustee->label, SIZE_MAX).c_str(),
                format_key_id(key_id(KeyKind::recipient, c->trustee->recipient)).c_str(),
                format_key_id(key_id(KeyKind::signing, c->trustee->signer)).c_str());
  } else {
    std::printf("mode: direct (no trustee)\n");
  }
  std::printf("storage: %s %s\nminimum group size: %d\nopen: %s to %s\n", c->storage.kind.c_str(), c->storage.url.c_str(),
              c->k, c->opens.c_str(), c->closes.c_str());
  if (auto today = args.get("--today")) std::printf("status on %s: %s\n", today->c_str(), phase_name(campaign_phase(*c, *today)));
  return kExitOk;
}

int do_link(const Args& args) {
  const auto app = args.get("--app");
  if (args.positionals().size() != 2 || !app) return usage(kUsage, "campaign link needs a token and --app");
  auto token = read_token(args.positionals()[1]);
  if (!token) return fail(token.error().detail);
  auto c = verify_manifest(*token);
  if (!c) return fail(std::string(to_string(c.error().code)) + ": " + c.error().detail);
  if (!args.flag("--short")) {
    std::printf("%s\n", campaign_link(*app, *token).c_str());
    return kExitOk;
  }
  const auto platform = platform::make_platform();
  SystemRng rng;
  auto published = wait_for<client::PublishedLink>(*platform, [&](auto done) {
    auto started = client::publish_short_link(*platform, *c, *token, *app, rng, [done](client::PublishedLink l) { done(std::move(l)); });
    if (!started) done(started.error());
  });
  if (!published) return fail(published.error().detail);
  if (published->link.empty()) return fail(published->why_long);
  std::printf("%s\n", published->link.c_str());
  return kExitOk;
}

}  // namespace

int cmd_campaign(int argc, char** argv) {
  Args args(argc, argv, 2, {"--allow-mediation-to-feedback-readers", "--json", "--short"},
            {"--out", "--template", "--questions", "--title", "--intro", "--feedback-to", "--mediation-to", "--signer",
             "--storage-url", "--s3-post", "--k", "--opens", "--closes", "--key", "--passphrase-file", "--today",
             "--app", "--trustee", "--trustee-label"});
  if (args.help() || !args.error().empty() || args.positionals().empty()) return usage(kUsage, args.help() ? "" : args.error().empty() ? "missing subcommand" : args.error());
  const std::string& sub = args.positionals()[0];
  if (sub == "new") return do_new(args);
  if (sub == "sign") return do_sign(args);
  if (sub == "verify") return do_verify(args);
  if (sub == "link") return do_link(args);
  return usage(kUsage, "unknown subcommand " + sub);
}

}  // namespace parley::cli
