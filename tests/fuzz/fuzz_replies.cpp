// libFuzzer target: open_reply_bundle for the fixed trustee campaign's mediator and a fixed
// thread. Seeds are real bundles with replies for that thread among others'. What opens must be
// a reply of this campaign and thread, with clean text.
#include <cstddef>
#include <cstdint>

#include "core/phrase.h"
#include "core/replies.h"
#include "core/text.h"
#include "fuzz_support.h"
#include "trustee_fixture.h"

namespace {

constexpr const char* kTarget = "fuzz_replies";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const auto& t = parley::fuzz::trustee_fixture();
  static const parley::RecipientKeyPair thread = parley::fuzz::fuzz_thread();
  static const std::string thread_text = parley::encode_public_key(parley::KeyKind::recipient, thread.public_key);
  const parley::Bytes input(data, data + size);
  auto replies = parley::open_reply_bundle(t.campaign, parley::fuzz::kFuzzBundleName, input, thread);
  if (!replies) return 0;
  for (const auto& r : *replies) {
    if (r.campaign != t.campaign.id || r.thread != thread_text) parley::fuzz::bug(kTarget, "a reply of another thread was read");
    if (r.text.empty() || !parley::is_clean_text(r.text, parley::kMaxReplyTextChars, true)) parley::fuzz::bug(kTarget, "unclean text");
  }
  return 0;
}
