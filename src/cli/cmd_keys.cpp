// parley keygen, parley pubkey
#include <cstdio>

#include "cli/commands.h"
#include "cli/io.h"
#include "core/keyfile.h"
#include "core/passphrase.h"

namespace parley::cli {
namespace {

constexpr const char* kKeygenUsage =
    "Usage: parley keygen --role manager|mediator|trustee --out FILE [--label TEXT] [--passphrase-file FILE]\n"
    "\n"
    "Creates a key file: a recipient key (opens envelopes sealed to you) and, for managers and\n"
    "trustees, a signing key (managers sign campaigns; a trustee signs its invitations and its\n"
    "release), wrapped with a passphrase (Argon2id). Prints the public keys to share: a trustee\n"
    "gives both its recipient and its signing key to the campaign's author (parley campaign new\n"
    "--trustee). The passphrase comes from --passphrase-file, $PARLEY_PASSPHRASE or a prompt, and\n"
    "must not be easy to guess. Losing the key file or its passphrase loses every answer sealed to it.\n";

constexpr const char* kPubkeyUsage =
    "Usage: parley pubkey KEYFILE\n"
    "\n"
    "Prints the public keys and key IDs of a key file (no passphrase needed).\n";

void print_public(KeyRole role, const Key32& recipient, const std::optional<Key32>& signer) {
  std::printf("role: %s\n", to_string(role));
  std::printf("recipient: %s\n", encode_public_key(KeyKind::recipient, recipient).c_str());
  std::printf("recipient-id: %s\n", format_key_id(key_id(KeyKind::recipient, recipient)).c_str());
  if (signer) {
    std::printf("signer: %s\n", encode_public_key(KeyKind::signing, *signer).c_str());
    std::printf("signer-id: %s\n", format_key_id(key_id(KeyKind::signing, *signer)).c_str());
  }
}

}  // namespace

int cmd_keygen(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {"--role", "--out", "--label", "--passphrase-file"});
  if (args.help() || !args.error().empty()) return usage(kKeygenUsage, args.error());
  const auto role = args.get("--role").value_or("");
  const auto out = args.get("--out");
  if ((role != "manager" && role != "mediator" && role != "trustee") || !out) {
    return usage(kKeygenUsage, "--role (manager, mediator or trustee) and --out are required");
  }

  SystemRng rng;
  KeySet keys;
  keys.role = role == "manager" ? KeyRole::manager : role == "trustee" ? KeyRole::trustee : KeyRole::mediator;
  keys.label = args.get("--label").value_or("");
  auto recipient = generate_recipient_key(rng);
  if (!recipient) return fail(recipient.error().detail);
  keys.recipient = *recipient;
  if (keys.role != KeyRole::mediator) {
    auto signer = generate_signing_key(rng);
    if (!signer) return fail(signer.error().detail);
    keys.signer = *signer;
  }
  auto pass = read_passphrase(args, "Passphrase for the new key file: ", true);
  if (!pass) return fail(pass.error().detail);
  // The app's rule, for the same reason: the file may leave this machine, and then only the
  // passphrase stands between an offline guesser and every answer sealed to the key.
  if (passphrase_strength(pass->view()) < kMinPassphraseStrength) {
    return fail("this passphrase is too easy to guess: the key file would be as weak as it. Use 10 or more "
                "characters of more than one kind, or better four or more random words (the app asks the same).");
  }
  auto text = wrap_keyset(keys, pass->view(), kDefaultKdf, rng);
  if (!text) return fail(text.error().detail);
  if (auto ok = write_file(*out, to_bytes(*text), true); !ok) return fail(ok.error().detail);
  print_public(keys.role, keys.recipient.public_key,
               keys.signer ? std::optional<Key32>(keys.signer->public_key) : std::nullopt);
  return kExitOk;
}

int cmd_pubkey(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {});
  if (args.help() || !args.error().empty() || args.positionals().size() != 1) {
    return usage(kPubkeyUsage, args.help() ? "" : "give one key file");
  }
  auto text = read_text(args.positionals()[0], kMaxSmallFile);
  if (!text) return fail(text.error().detail);
  auto info = inspect_keyfile(*text);
  if (!info) return fail(info.error().detail);
  print_public(info->role, info->recipient, info->signer);
  return kExitOk;
}

}  // namespace parley::cli
